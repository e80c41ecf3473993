"""The text-format readers (Markdown, plain text, LaTeX, JSON Resume, RenderCV/YAML) on small
inline fixtures with exact expectations, and on the real files of the shared corpus, where
the tests assert structure only (never a person's words)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from cvcheck.document import SourceLine
from cvcheck.errors import CvcheckError
from cvcheck.read import extract, jsonresume, latex, markdown, rendercv, text
from cvcheck.read.base import Extraction

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
MARKUP = ("**", "](", "__", "\\|", "<!--", "\\textbf", "\\item")


def corpus(name: str) -> tuple[bytes, list[str]]:
    """A corpus file's bytes and its lines (index 0 = line 1), or skip when it is absent."""
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(f"corpus file {name} not found: ../shared/corpus is absent in this checkout")
    data = path.read_bytes()
    return data, data.decode("utf-8-sig").split("\n")


def line_of(lines: list[str], pattern: str) -> int:
    """1-based number of the first source line matching ``pattern`` (a regex)."""
    for number, line in enumerate(lines, start=1):
        if re.search(pattern, line):
            return number
    raise AssertionError(f"{pattern!r} not in the file")


def at(line: SourceLine) -> int:
    """The source line a SourceLine points at (text formats always have one)."""
    assert line.location.source_line is not None
    return line.location.source_line


def rows(extraction: Extraction) -> list[tuple[str, int | None, bool | None, bool]]:
    return [(ln.text, ln.location.source_line, ln.heading, ln.bullet) for ln in extraction.lines]


def no_markup(lines: list[SourceLine]) -> None:
    for ln in lines:
        for mark in MARKUP:
            assert mark not in ln.text, (mark, ln.location.source_line)


# Plain text -------------------------------------------------------------------------------


def test_text_underlines_make_headings_and_leaders_make_gaps() -> None:
    src = (
        "Jane Roe\n\nEXPERIENCE\n==========\nAcme Corp ---------- Boston MA\n"
        "• Built things\n\n-----\nSkills\n---\n"
    )
    ex = text.read(src.encode(), "cv.txt", max_pages=12)
    assert ex.format == "text"
    assert rows(ex) == [
        ("Jane Roe", 1, None, False),
        ("EXPERIENCE", 3, True, False),
        ("Acme Corp\tBoston MA", 5, None, False),
        ("• Built things", 6, None, False),  # the glyph stays for the structuring stage
        ("Skills", 9, True, False),
    ]
    assert [ln.level for ln in ex.lines if ln.heading] == [1, 2]


def test_text_decodes_windows_files() -> None:
    ex = text.read(b"Caf\xe9 Owner\r\n\r\n  Line two  \r\n", "cv.txt", max_pages=12)
    assert rows(ex) == [("Caf\u00e9 Owner", 1, None, False), ("  Line two", 3, None, False)]


# Markdown ---------------------------------------------------------------------------------

MARKDOWN = """\
---
title: Not resume text
---
# Jane Roe

**Senior Data Engineer**
Remote \\| Open to relocation
<!-- jane@example.com | +1 555 0100 -->

Experience
----------

### Acme Corp

- Built a *streaming* pipeline in `Python` that cut costs by
  30% across [three teams](https://example.com).
  1. Nested ordered item
- ![logo](x.png) Shipped <b>fast</b>

| Skill | Years |
|-------|-------|
| Go    | 3     |

```
PLAIN BLOCK
-----------
  indented line
```

> Quoted text

<div class="x">
  <p>Html &amp; text</p>
</div>
<!--
hidden
-->

2019-2021
:   Master of Science; Example University

    *Thesis on things*
"""


def test_markdown_blocks_inline_markup_and_source_lines() -> None:
    ex = markdown.read(MARKDOWN.encode(), "cv.md", max_pages=12)
    assert ex.format == "markdown"
    assert ex.table_count == 1
    assert rows(ex) == [
        ("Jane Roe", 4, True, False),
        ("Senior Data Engineer", 6, None, False),
        ("Remote | Open to relocation", 7, None, False),
        ("Experience", 10, True, False),
        ("Acme Corp", 13, True, False),
        ("Built a streaming pipeline in Python that cut costs by", 15, None, True),
        ("30% across three teams.", 16, None, False),  # a wrapped item's continuation
        ("Nested ordered item", 17, None, True),
        ("logo Shipped fast", 18, None, True),
        ("Skill\tYears", 20, None, False),
        ("Go\t3", 22, None, False),
        ("PLAIN BLOCK", 25, True, False),  # a plain-text block keeps its underline headings
        ("  indented line", 27, None, False),
        ("Quoted text", 30, None, False),
        ("Html & text", 33, None, False),
        ("2019-2021", 39, None, False),
        ("Master of Science; Example University", 40, None, False),
        ("Thesis on things", 42, None, False),
    ]
    assert [ln.level for ln in ex.lines if ln.heading] == [1, 2, 3, 2]
    assert [ln.text for ln in ex.lines if ln.bold] == ["Senior Data Engineer"]


def test_markdown_inline_to_text() -> None:
    assert (
        markdown.inline_to_text("**Bold** and [a link](https://x.y) \\*star\\*") == "Bold and a link *star*"
    )


def test_markdown_corpus_fenced_plain_text() -> None:
    data, lines = corpus("0xadada__resume__resume.md")
    ex = markdown.read(data, "resume.md", max_pages=12)
    joined = "\n".join(ln.text for ln in ex.lines)
    assert "title:" not in joined  # front matter is not resume text
    assert len(ex.lines) > 30
    assert not any(re.fullmatch(r"[-=\s]+", ln.text) for ln in ex.lines)  # rules are separators
    assert sum("\t" in ln.text for ln in ex.lines) >= 5  # dash leaders became field gaps
    experience = next(ln for ln in ex.lines if ln.text == "EXPERIENCE")
    assert experience.location.source_line == line_of(lines, r"^EXPERIENCE\s*$")


def test_markdown_corpus_front_matter_comment_and_escapes() -> None:
    data, lines = corpus("arashabzd__arashabzd.github.io__resume.md")
    source = "\n".join(lines)
    ex = markdown.read(data, "resume.md", max_pages=12)
    joined = "\n".join(ln.text for ln in ex.lines)
    # Nothing from the front matter or from the HTML comment that hides the contacts.
    front = source.split("---")[1]
    values = [v.strip() for v in re.findall(r":(.+)", front) if len(v.strip()) > 3]
    assert values and not any(value in joined for value in values)
    comment = re.search(r"<!--(.*?)-->", source, re.DOTALL)
    assert comment is not None
    outside = source.replace(comment.group(0), "")
    hidden = {w for w in re.findall(r"[\w.@:/]{6,}", comment.group(1)) if w not in outside}
    assert hidden and not any(w in joined for w in hidden)
    headings = [ln for ln in ex.lines if ln.heading]
    assert len(headings) >= 8
    experience = next(ln for ln in headings if ln.text.lower() == "experience")
    assert experience.location.source_line == line_of(lines, r"^##\s+EXPERIENCE")
    assert sum(ln.bullet for ln in ex.lines) > 15
    no_markup(ex.lines)


def test_markdown_corpus_setext_and_definition_lists() -> None:
    data, lines = corpus("mszep__pandoc_resume__resume.md")
    ex = markdown.read(data, "resume.md", max_pages=12)
    headings = [ln for ln in ex.lines if ln.heading]
    assert len(headings) >= 5
    education = next(ln for ln in headings if ln.text == "Education")
    assert education.location.source_line == line_of(lines, r"^Education\s*$")
    assert lines[at(education)].startswith("---")  # a setext underline
    assert not any(ln.text.startswith(":") for ln in ex.lines)  # definition markers are gone
    assert sum(ln.bullet for ln in ex.lines) >= 5
    no_markup(ex.lines)


# JSON Resume ------------------------------------------------------------------------------

JSON_RESUME = """\
{
  "meta": {"theme": "tooling-only"},
  "basics": {
    "name": "Jane Roe",
    "email": "jane@example.com",
    "location": {"city": "Lyon", "countryCode": "FR"},
    "profiles": [{"network": "GitHub", "username": "janeroe"}],
    "summary": "Data engineer."
  },
  "work": [
    {
      "name": "Acme Corp",
      "position": "Data Engineer",
      "startDate": "2020-01",
      "highlights": ["Cut costs by 30%", "Led 4 people"]
    }
  ],
  "skills": [{"name": "Languages", "keywords": ["Python", "Go"]}],
  "unknown": {"x": "not shown"}
}
"""


def test_jsonresume_sections_roles_and_value_lines() -> None:
    ex = jsonresume.read(JSON_RESUME.encode(), "cv.json", max_pages=12)
    assert ex.format == "jsonresume"
    got = [(ln.text, ln.location.source_line, ln.heading, ln.section, ln.bullet, ln.role) for ln in ex.lines]
    assert got == [
        ("Jane Roe", 4, None, "contact", False, None),
        ("jane@example.com", 5, None, "contact", False, None),
        ("Lyon, FR", 6, None, "contact", False, None),
        ("GitHub: janeroe", 7, None, "contact", False, None),
        ("Summary", 8, True, "summary", False, None),
        ("Data engineer.", 8, None, "summary", False, None),
        ("Experience", 10, True, "experience", False, None),
        (
            "Data Engineer\tAcme Corp\t2020-01 \u2013 Present",
            13,
            None,
            "experience",
            False,
            ("Data Engineer", "Acme Corp"),
        ),
        ("Cut costs by 30%", 15, None, "experience", True, None),
        ("Led 4 people", 15, None, "experience", True, None),
        ("Skills", 18, True, "skills", False, None),
        ("Languages: Python, Go", 18, None, "skills", False, None),
    ]


def test_jsonresume_invalid_json_names_the_line() -> None:
    with pytest.raises(CvcheckError) as info:
        jsonresume.read(b'{\n  "basics": {\n    "name": "x",\n  }\n}', "cv.json", max_pages=12)
    assert info.value.code == "E010"
    assert "line 4" in str(info.value) and "JSON" in str(info.value)


@pytest.mark.parametrize(
    "name", ["jsonresume__resume-schema__sample.resume.json", "thomasdavis__resume__resume.json"]
)
def test_jsonresume_corpus(name: str) -> None:
    data, lines = corpus(name)
    ex = jsonresume.read(data, name, max_pages=12)
    resume = json.loads(data)
    joined = "\n".join(ln.text for ln in ex.lines)
    for value in json.dumps(resume.get("meta", {})).split('"'):
        if len(value) > 4 and value not in json.dumps({k: v for k, v in resume.items() if k != "meta"}):
            assert value not in joined  # tooling data is never resume text
    headings = {ln.text: ln for ln in ex.lines if ln.heading}
    assert {"Experience", "Education", "Skills"} <= set(headings)
    assert headings["Experience"].section == "experience"
    assert headings["Experience"].location.source_line == line_of(lines, r'^\s*"work"\s*:')
    roles = [ln for ln in ex.lines if ln.role]
    assert len(roles) == len(resume["work"])
    for ln in roles:
        assert ln.section == "experience"
        assert ln.role is not None
        assert json.dumps(ln.role[0], ensure_ascii=False) in lines[at(ln) - 1]
    bullets = [ln for ln in ex.lines if ln.bullet]
    assert len(bullets) >= 3
    for ln in bullets:  # each highlight points at the JSON line holding its string
        assert json.dumps(ln.text, ensure_ascii=False)[1:-1] in lines[at(ln) - 1]
    assert all(ln.section for ln in ex.lines)


# RenderCV and generic YAML ----------------------------------------------------------------

RENDERCV = """\
cv:
  name: Jane Roe
  email: jane@example.com
  social_networks:
    - network: LinkedIn
      username: janeroe
  sections:
    experience:
      - company: Acme Corp
        position: Data Engineer
        start_date: 2020-01
        highlights:
          - Cut costs by **30%** with [Spark](https://spark.apache.org)
          - Ran the platform
            - Nested detail
    education:
      - institution: Example University
        area: Physics
        degree: BS
        date: '2019'
    selected_honors:
      - bullet: Best paper
      - label: Languages
        details: Python, Go
      - A *plain* text entry
design:
  theme: classic
"""


def test_rendercv_entries_roles_and_lines() -> None:
    ex = rendercv.read(RENDERCV.encode(), "cv.yaml", max_pages=12)
    assert ex.format == "rendercv"
    got = [(ln.text, ln.location.source_line, ln.heading, ln.bullet, ln.role) for ln in ex.lines]
    assert got == [
        ("Jane Roe", 2, None, False, None),
        ("jane@example.com", 3, None, False, None),
        ("LinkedIn: janeroe", 5, None, False, None),
        ("Experience", 8, True, False, None),
        ("Data Engineer\tAcme Corp\t2020-01 \u2013 present", 10, None, False, ("Data Engineer", "Acme Corp")),
        ("Cut costs by 30% with Spark", 13, None, True, None),
        ("Ran the platform", 14, None, True, None),
        ("Nested detail", 15, None, True, None),
        ("Education", 16, True, False, None),
        ("BS, Physics\tExample University\t2019", 19, None, False, None),  # the degree's line
        ("Selected Honors", 21, True, False, None),
        ("Best paper", 22, None, True, None),
        ("Languages: Python, Go", 23, None, False, None),
        ("A plain text entry", 25, None, False, None),
    ]
    assert [ln.section for ln in ex.lines[:3]] == ["contact"] * 3
    assert all(ln.section is None for ln in ex.lines[3:])


GENERIC_YAML = """\
---
name: Jane Roe
mainfont: Some Font
work_history:
  - employer: Acme Corp
    years: 2019-2021
other-skills:
  - Statistics
---
"""


def test_generic_yaml_walks_any_mapping() -> None:
    ex = rendercv.read(GENERIC_YAML.encode(), "details.yml", max_pages=12)
    assert ex.format == "yaml"
    assert rows(ex) == [
        ("Jane Roe", 2, None, False),
        ("Work History", 4, True, False),
        ("Acme Corp", 5, None, False),
        ("2019-2021", 6, None, False),
        ("Other Skills", 7, True, False),
        ("Statistics", 8, None, True),
    ]


@pytest.mark.parametrize(
    ("source", "line"),
    [("cv:\n  name: [unclosed\n  email: x\n", 3), ("a: b\n  c: d\n", 2), ("cv:\n\tname: tab\n", 2)],
)
def test_yaml_errors_name_the_line(source: str, line: int) -> None:
    with pytest.raises(CvcheckError) as info:
        rendercv.read(source.encode(), "cv.yaml", max_pages=12)
    assert info.value.code == "E010"
    assert f"line {line}" in str(info.value) and "YAML" in str(info.value)


@pytest.mark.parametrize(
    "name",
    [
        "rendercv__rendercv__john_doe_classictheme_cv.yaml",
        "rendercv__rendercv__ats_diacritics.yaml",
        "jaepil-choi__rendercv-resume__jaepil_choi_cv_kr.yaml",
    ],
)
def test_rendercv_corpus(name: str) -> None:
    data, lines = corpus(name)
    ex = extract(data, name)
    assert ex.format == "rendercv"
    cv = yaml.safe_load(data)
    sections = cv["cv"]["sections"]
    headings = [ln for ln in ex.lines if ln.heading]
    assert len(headings) == len(sections)
    for heading, key in zip(headings, sections, strict=True):
        assert heading.location.source_line == line_of(lines, rf"^\s+{re.escape(key)}:")
    experience = [
        e for entries in sections.values() for e in entries if isinstance(e, dict) and "company" in e
    ]
    roles = [ln for ln in ex.lines if ln.role]
    assert len(roles) == len(experience) > 0
    for ln in roles:
        assert ln.role is not None and ln.role[0] in lines[at(ln) - 1]  # the position's own line
    assert sum(ln.bullet for ln in ex.lines) >= 3
    joined = "\n".join(ln.text for ln in ex.lines)
    assert f"\n{cv['design']['theme']}\n" not in f"\n{joined}\n"  # design settings are not text
    assert next(ln.text for ln in ex.lines if ln.section == "contact") == cv["cv"]["name"]
    no_markup(ex.lines)


def test_rendercv_corpus_korean_text_survives() -> None:
    data, _ = corpus("jaepil-choi__rendercv-resume__jaepil_choi_cv_kr.yaml")
    ex = rendercv.read(data, "cv.yaml", max_pages=12)
    assert sum(bool(re.search(r"[\uac00-\ud7a3]", ln.text)) for ln in ex.lines) > 20


def test_pandoc_yaml_corpus() -> None:
    data, lines = corpus("choosefreesoftware__cv-boilerplate__details.yml")
    ex = extract(data, "details.yml")
    assert ex.format == "yaml"
    meta = next(doc for doc in yaml.safe_load_all(data) if doc)
    texts = {ln.text for ln in ex.lines}
    assert meta["mainfont"] not in texts and meta["geometry"] not in texts  # layout, not text
    headings = [ln for ln in ex.lines if ln.heading]
    assert len(headings) >= 4
    for ln in headings:  # "Other Skills" sits on the line of its key, "other-skills:"
        key = re.sub(r"\s+", "[-_ ]", ln.text.lower())
        assert re.match(rf"^{key}:", lines[at(ln) - 1].lower())
    assert any(ln.bullet for ln in ex.lines)
    assert len(ex.lines) > 20


# LaTeX ------------------------------------------------------------------------------------

LATEX = r"""\documentclass[11pt]{moderncv}
\moderncvstyle{classic}
\name{Jane}{Roe}
\title{Data Engineer}
\phone[mobile]{+1~555~0100}
\email{jane@example.com}
\def\name{Ignored}
\begin{document}
\makecvtitle
% a comment line
\section{Experience}
\cventry{2019--2021}{Senior Engineer}{Acme Corp}{Paris}{}{%
  \begin{itemize}
    \item Built a \textbf{fast} pipeline, saving 20\% of cost % trailing comment
    and more
    \item[--] Led Caf\'e d\'{e}ploy \& \href{https://x.y}{ops site}
  \end{itemize}}
\section*{Skills}
\cvitem{Languages}{Python, \LaTeX{}, C\texttt{++}}
\resumeSubheading
  {Example Corp}{Mountain View, CA}
  {Software Engineer}{Aug 2018 -- Present}
\resumeSubheading
  {Research Assistant}{June 2020 -- Present}
  {Example University}{College Station, TX}
\vspace{-4pt}\resumeSpace{-2pt}
\textbf{Acme} \hfill 2020 \\ Second line\newline third
\begin{tabular*}{\textwidth}{l@{\extracolsep{\fill}}r}
  Cell one & Cell two \\
\end{tabular*}
Ranked $5^{th}$ x \faGithub\ y \vskip 2pt z
\textbf{Broken {brace here
Next line ok}
\iffalse hidden text \fi
\begin{comment}
secret
\end{comment}
visible  spaces   here
\end{document}
"""


def test_latex_commands_stripped_words_kept() -> None:
    ex = latex.read(LATEX.encode(), "cv.tex", max_pages=12)
    assert ex.format == "latex"
    assert ex.dropped_glyphs == 1  # \faGithub
    got = [(ln.text, ln.location.source_line, ln.heading, ln.bullet, ln.role) for ln in ex.lines]
    assert got == [
        ("Jane Roe", 3, None, False, None),
        ("Data Engineer", 4, None, False, None),
        ("+1 555 0100", 5, None, False, None),
        ("jane@example.com", 6, None, False, None),
        ("Experience", 11, True, False, None),
        (
            "2019\u20132021\tSenior Engineer\tAcme Corp\tParis",
            12,
            None,
            False,
            ("Senior Engineer", "Acme Corp"),
        ),
        ("Built a fast pipeline, saving 20% of cost", 14, None, True, None),
        ("and more", 15, None, False, None),
        ("Led Caf\u00e9 d\u00e9ploy & ops site", 16, None, True, None),
        ("Skills", 18, True, False, None),
        ("Languages\tPython, LaTeX, C++", 19, None, False, None),
        (
            "Example Corp\tMountain View, CA\tSoftware Engineer\tAug 2018 \u2013 Present",
            21,
            None,
            False,
            ("Software Engineer", "Example Corp"),  # sb2nov: employer, place, title, dates
        ),
        (
            "Research Assistant\tJune 2020 \u2013 Present\tExample University\tCollege Station, TX",
            24,
            None,
            False,
            ("Research Assistant", "Example University"),  # Jake's: title, dates, employer, place
        ),
        ("Acme\t2020", 27, None, False, None),
        ("Second line", 27, None, False, None),
        ("third", 27, None, False, None),
        ("Cell one\tCell two", 29, None, False, None),
        ("Ranked 5th x y z", 31, None, False, None),
        ("Broken brace here", 32, None, False, None),
        ("Next line ok", 33, None, False, None),
        ("visible spaces here", 38, None, False, None),
    ]
    assert [ln.section for ln in ex.lines[:4]] == ["contact"] * 4


def test_latex_without_document_environment_reads_everything() -> None:
    ex = latex.read(b"\\section{Summary}\nHello \\emph{world}.\n", "part.tex", max_pages=12)
    assert rows(ex) == [("Summary", 1, True, False), ("Hello world.", 2, None, False)]


@pytest.mark.parametrize(
    "source",
    [
        b"\\section{Unclosed",
        b"}}}{{{",
        b"$",
        b"\\",
        b"\\'",
        b"\\c",
        b"{" * 3000 + b"x" + b"}" * 3000,
        b"\\begin",
    ],
)
def test_latex_never_crashes(source: bytes) -> None:
    ex = latex.read(source, "odd.tex", max_pages=12)
    assert all(ln.text.strip() for ln in ex.lines)


@pytest.mark.parametrize(
    ("reader", "source"),
    [
        (rendercv, b"cv: " + b"[" * 5000 + b"]" * 5000),
        (jsonresume, b'{"work": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"),
    ],
)
def test_absurd_nesting_is_a_syntax_error_not_a_crash(reader: object, source: bytes) -> None:
    with pytest.raises(CvcheckError) as info:
        reader.read(source, "deep", max_pages=12)  # type: ignore[attr-defined]
    assert info.value.code == "E010" and "line 1" in str(info.value)


def test_yaml_aliases_are_walked_once() -> None:
    bomb = "a: &a [x, y]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b, *b]\n"
    ex = rendercv.read(bomb.encode(), "bomb.yml", max_pages=12)
    assert [ln.text for ln in ex.lines] == ["A", "x", "y", "B", "C"]
