"""The HTML report: structure checked on the parsed HTML, not just that a file exists.

Reports are rendered for the shipped examples and the hostile fixtures, parsed with the
standard library's html.parser, and checked for what a reader relies on: one h1 and every
section, the same numbers as the analysis, the lifecycle picture's states, findings and
highlights that link somewhere real, every segment's rewrites with the chosen one first, pay
figures kept apart by source, and resume text that stays inert text.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT

from cvcheck.analyze.engine import analyze
from cvcheck.analyze.model import Analysis
from cvcheck.lexicon import load_lexicon
from cvcheck.paths import shipped
from cvcheck.read import read_document
from cvcheck.render.html import render_html, stage_state, visible

FIXTURES = ROOT / "tests" / "fixtures" / "resumes"
INPUTS = {
    "maya": EXAMPLES / "maya-okafor-mlops.pdf",
    "jordan": EXAMPLES / "jordan-lee-two-column.pdf",
    "sam": EXAMPLES / "sam-rivera-devops.docx",
    "hostile": FIXTURES / "hostile.md",
    "hostile_ansi": FIXTURES / "hostile_ansi.txt",
}
SECTIONS = (
    "summary",
    "breakdown",
    "lifecycle",
    "segments",
    "titles",
    "resume",
    "findings",
    "rewrites",
    "market",
    "rules",
    "sources",
)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


# --- a small DOM over html.parser ---------------------------------------------------------


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    parent: Node | None = None
    children: list[Node | str] = field(default_factory=list)

    def iter(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str | None = None, **attrs: str) -> list[Node]:
        return [
            n
            for n in self.iter()
            if (tag is None or n.tag == tag)
            and all(n.attrs.get(k.rstrip("_").replace("_", "-")) == v for k, v in attrs.items())
        ]

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    @property
    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    @property
    def shown(self) -> str:
        """The text a sighted reader sees: without visually hidden labels (class vh)."""
        return "".join(
            c if isinstance(c, str) else "" if "vh" in c.classes() else c.shown for c in self.children
        )


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.at = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, self.at)
        self.at.children.append(node)
        if tag not in VOID:
            self.at = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.at.children.append(Node(tag, {k: v or "" for k, v in attrs}, self.at))

    def handle_endtag(self, tag: str) -> None:
        node: Node | None = self.at
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.at = node.parent

    def handle_data(self, data: str) -> None:
        self.at.children.append(data)


def parse(html: str) -> Node:
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root


def by_id(root: Node) -> dict[str, Node]:
    return {n.attrs["id"]: n for n in root.iter() if "id" in n.attrs}


# --- reports ------------------------------------------------------------------------------


@cache
def analysis(name: str) -> Analysis:
    return analyze(read_document(INPUTS[name]), load_lexicon())


@cache
def report(name: str) -> str:
    return render_html(analysis(name))


@cache
def dom(name: str) -> Node:
    return parse(report(name))


# --- structure ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_one_h1_and_every_section_with_its_h2(name: str) -> None:
    root = dom(name)
    assert len(root.find_all("h1")) == 1
    assert root.find_all("html")[0].attrs.get("lang") == "en"
    ids = by_id(root)
    for section in SECTIONS:
        node = ids.get(section)
        assert node is not None and node.tag == "section", section
        assert [h for h in node.iter() if h.tag == "h2"], f"section {section} has no h2"
    nav = {a.attrs["href"] for a in root.find_all("nav")[0].find_all("a")}
    assert nav == {f"#{s}" for s in SECTIONS}


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_headings_never_skip_a_level(name: str) -> None:
    levels = [int(n.tag[1]) for n in dom(name).iter() if re.fullmatch(r"h[1-6]", n.tag)]
    assert levels[0] == 1
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, (before, after)


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_no_dangling_links_and_unique_ids(name: str) -> None:
    root = dom(name)
    ids = [n.attrs["id"] for n in root.iter() if "id" in n.attrs]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    known = set(ids)
    for node in root.iter():
        for attr in ("href", "xlink:href"):
            if attr in node.attrs:
                target = node.attrs[attr]
                assert target.startswith("#"), f"non-local link {target!r}"
                assert target[1:] in known, f"dangling link {target}"
    # SVG references (patterns, markers, labels) point inside the document too
    refs = re.findall(r"url\(#([^)]+)\)", report(name)) + [
        i for n in root.iter() for i in n.attrs.get("aria-labelledby", "").split()
    ]
    assert set(refs) <= known


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_self_contained_and_nothing_can_run(name: str) -> None:
    root = dom(name)
    assert not root.find_all("script")
    for tag in ("iframe", "object", "embed", "img", "link", "base", "form"):
        assert not root.find_all(tag), tag
    for node in root.iter():
        assert not [a for a in node.attrs if a.startswith("on")], (node.tag, node.attrs)
        for attr in ("src", "href", "xlink:href", "action", "srcset"):
            value = node.attrs.get(attr, "")
            assert not re.match(r"\s*(https?:|//|javascript:|data:|file:)", value, re.I), value
    csp = [m for m in root.find_all("meta") if m.attrs.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0].attrs["content"]
    assert not re.search(r"@import|url\((?!#)", report(name)), "CSS loads something"


def test_scores_are_the_analysis_numbers() -> None:
    for name in ("maya", "jordan", "sam"):
        a, root = analysis(name), dom(name)
        (overall,) = [n for n in root.iter() if n.attrs.get("data-score") == "overall"]
        assert overall.text.strip() == str(a.overall)
        assert len(a.dimensions) == 4
        for d in a.dimensions:
            (node,) = [n for n in root.iter() if n.attrs.get("data-score") == d.id]
            assert re.match(rf"{d.score}\b", node.text.strip()), (d.id, node.text)
            row = root.find_all("tr", data_dimension=d.id)[0]
            assert f"{d.weight * d.score:.1f}" in row.text


def test_what_moved_each_score_and_the_top_fixes() -> None:
    a, root = analysis("jordan"), dom("jordan")
    ids = by_id(root)
    for d in a.dimensions:
        card = ids[f"dim-{d.id}"]
        for p in d.points[:4]:
            assert p.reason in card.text
    assert a.fixes, "jordan's resume has fixes worth points"
    for rank, fix in enumerate(a.fixes[:3], start=1):
        item = ids[f"fix-{rank}"]
        assert fix.title in item.text and f"+{fix.gain:.1f}" in item.text
        assert {f"#line-{n}" for n in fix.lines} <= {x.attrs["href"] for x in item.find_all("a")}


@pytest.mark.parametrize("name", ["maya", "jordan", "sam", "hostile"])
def test_lifecycle_picture_shows_every_stage_and_its_state(name: str) -> None:
    a, root = analysis(name), dom(name)
    expected = {s.stage: stage_state(s) for s in a.lifecycle}
    assert len(expected) == 6
    pictures = [svg for svg in root.find_all("svg") if "pipeline" in svg.classes()]
    assert len(pictures) == 2  # the wide row and the narrow column
    for svg in pictures:
        assert svg.attrs.get("role") == "img" and svg.find_all("title") and svg.find_all("desc")
        groups = {g.attrs["data-stage"]: g for g in svg.find_all("g") if "data-stage" in g.attrs}
        assert list(groups) == [s.stage for s in a.lifecycle]
        for stage, state in expected.items():
            assert groups[stage].attrs["data-state"] == state
            # the state is written out, not only coloured
            assert {"covered": "covered", "thin": "thin", "missing": "missing"}[state] in groups[stage].text
    if name == "jordan":
        assert set(expected.values()) == {"covered", "thin", "missing"}


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_every_finding_has_an_anchor_a_rule_and_its_line(name: str) -> None:
    a, root = analysis(name), dom(name)
    ids = by_id(root)
    for i, f in enumerate(a.findings, start=1):
        item = ids[f"finding-{i}"]
        hrefs = {x.attrs.get("href") for x in item.find_all("a")}
        assert f"#rule-{f.code}" in hrefs, f.code
        assert ids[f"rule-{f.code}"].tag == "article"
        if f.line is not None:
            assert f"#line-{f.line}" in hrefs
            # and the line links back to the finding
            assert f"#finding-{i}" in {x.attrs.get("href") for x in ids[f"line-{f.line}"].find_all("a")}
        if f.source and ".txt" in f.source:
            assert any(h and h.startswith("#source-") for h in hrefs), f"{f.code}: source not linked"


def test_rules_appendix_explains_each_rule_used() -> None:
    a, root = analysis("jordan"), dom("jordan")
    ids = by_id(root)
    for code in {f.code for f in a.findings}:
        rule = ids[f"rule-{code}"]
        text = rule.text
        assert code in text and "Why" in text and "Example" in text and "Better" in text and "Source" in text


def test_highlights_sit_on_the_evidence_and_link_to_explanations() -> None:
    for name in ("maya", "jordan", "hostile"):
        a, root = analysis(name), dom(name)
        ids = by_id(root)
        marks = [x for x in root.find_all("a") if "hl" in x.classes()]
        kinds = {k for x in marks for k in x.classes() & {"vague", "outcome", "stage"}}
        assert marks
        for x in marks:
            target = ids[x.attrs["href"][1:]]  # an existing id (the dangling-link test checks all)
            if "vague" in x.classes():
                assert (
                    target.tag == "li" and target.attrs.get("data-code") == "CLR001"
                ) or target.tag == "article"
            if "stage" in x.classes():
                assert target.attrs.get("data-stage")
        for u in a.units:
            line = ids[f"line-{u.line}"]
            shown = {x.text for x in line.find_all("a") if "vague" in x.classes()}
            for ev in u.judgment.vague:
                assert any(ev.text in s for s in shown), (name, u.line, ev.text)
        if name == "maya":
            assert {"outcome", "stage"} <= kinds
        if name == "hostile":
            assert "vague" in kinds


def test_rewrites_for_every_segment_with_the_chosen_one_first() -> None:
    for name in ("maya", "jordan", "hostile"):
        a, root = analysis(name), dom(name)
        section = by_id(root)["rewrites"]
        groups = [n for n in section.iter() if "data-chosen" in n.attrs]
        first = groups[0]
        assert first.attrs["data-segment"] == a.chosen_segment
        assert first.attrs["data-chosen"] == "true" and first.tag == "section"
        assert {g.attrs["data-segment"] for g in groups} == {s.id for s in a.lexicon.segments}
        assert all(g.tag == "details" for g in groups[1:])
        for g in groups:
            items = [n for n in g.iter() if "rewrite" in n.classes()]
            expected = [r for r in a.rewrites if r.segment == g.attrs["data-segment"]]
            assert len(items) == len(expected)
            for item, rw in zip(items, expected, strict=True):
                assert rw.original.replace("\t", "  ") in item.text
                assert item.find_all("p", **{"class": "orig"}) and item.find_all("p", **{"class": "sugg"})


def test_pay_is_shown_by_source_never_averaged() -> None:
    a, root = analysis("maya"), dom("maya")
    cards = [n for n in root.iter() if "source" in n.classes() and "data-source" in n.attrs]
    assert len({c.attrs["data-source"] for c in cards}) >= 2
    chart = root.find_all("table", **{"class": "salary"})[0]
    assert len({r.attrs["data-source"] for r in chart.find_all("tr") if "data-source" in r.attrs}) >= 2
    text = by_id(root)["market"].text
    assert a.lexicon.as_of in text
    for source in {str(s["source"]) for s in a.lexicon.salaries}:
        assert a.lexicon.sources[source].file in text
    # the sources' disagreement is spelled out
    assert any(d["summary"][:40] in text for d in a.lexicon.disagreements)


def test_market_context_says_where_the_resume_shows_a_skill() -> None:
    root = dom("maya")
    market = by_id(root)["market"]
    rows = [n for n in market.iter() if "data-present" in n.attrs]
    present = [r for r in rows if r.attrs["data-present"] == "yes"]
    assert present and len(present) < len(rows)
    for row in present:
        assert any(x.attrs.get("href", "").startswith("#line-") for x in row.find_all("a"))
    retired = [n for n in market.iter() if n.attrs.get("data-status") == "retired"]
    assert retired and "2026-03-31" in retired[0].text


# --- untrusted input ----------------------------------------------------------------------

PAYLOAD = (
    ' <script>alert(1)</script><img src=x onerror=alert(1)> "><svg onload=alert(2)>'
    " {{ 7*7 }} {% raw %} \x1b[31m\x07"
)


def _poisoned(a: Analysis) -> Analysis:
    """The analysis with a payload appended to every string that comes from the resume
    (appended, so evidence offsets stay true)."""
    doc = replace(
        a.document,
        path="cv/evil<img src=x onerror=alert(3)>{{ 7*7 }}\x1b.pdf",
        lines=tuple(replace(ln, text=ln.text + PAYLOAD) for ln in a.document.lines),
        latest_title=(a.document.latest_title or "") + PAYLOAD,
    )
    return replace(
        a,
        document=doc,
        units=tuple(replace(u, text=u.text + PAYLOAD) for u in a.units),
        findings=tuple(
            replace(f, message=f.message + PAYLOAD, evidence=f.evidence + PAYLOAD) for f in a.findings
        ),
        rewrites=tuple(
            replace(r, original=r.original + PAYLOAD, suggestion=r.suggestion + PAYLOAD) for r in a.rewrites
        ),
    )


def _assert_inert(html: str) -> Node:
    root = parse(html)
    assert not root.find_all("script") and not root.find_all("img")
    assert [s for s in root.find_all("svg") if "onload" in s.attrs] == []
    assert not [n for n in root.iter() for attr in n.attrs if attr.startswith("on")]
    assert "\x1b" not in html and "\x07" not in html
    return root


@pytest.mark.parametrize("name", ["hostile", "maya"])
def test_resume_text_is_escaped_everywhere(name: str) -> None:
    html = render_html(_poisoned(analysis(name)))
    root = _assert_inert(html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "{{ 7*7 }}" in html and "{% raw %}" in html
    assert " 49 " not in html
    assert "\ufffd[31m\ufffd" in html  # ESC and BEL shown as replacement characters
    lines = by_id(root)["resume"]
    assert lines.text.count("<script>alert(1)</script>") == len(analysis(name).document.lines)
    assert root.find_all("h1")[0].text == "evil<img src=x onerror=alert(3)>{{ 7*7 }}\ufffd.pdf"


@pytest.mark.parametrize("name", ["hostile", "hostile_ansi"])
def test_hostile_fixtures_render_inert(name: str) -> None:
    html = report(name)
    root = _assert_inert(html)
    text = by_id(root)["resume"].text
    if name == "hostile":
        assert "{{ 7*7 }}" in text and "{% raw %}" in text and "{{ config }}" in text
        assert "${jndi:ldap://example.invalid/a}" in text
        assert not re.search(r"engineer\s+49|and\s+49\s+alerting", text)
        assert "🚀🤖" in text and "مهندس" in text and "מהנדס" in text  # emoji and RTL text survive
    # the report loses nothing of what was read: every line, as cvcheck text shows it
    ids = by_id(root)
    for ln in analysis(name).document.lines:
        assert visible(ln.text) in ids[f"line-{ln.number}"].shown, ln.number


def test_control_characters_become_visible_symbols() -> None:
    assert (
        visible("a\x1bb\x07c\x00d\x7fe\x9bf\ud800g\th\ni")
        == "a\ufffdb\ufffdc\ufffdd\ufffde\ufffdf\ufffdg  h\ni"
    )
    assert visible(3) == 3


# --- templates ----------------------------------------------------------------------------


def test_a_user_template_overrides_just_that_part(tmp_path: Path) -> None:
    original = (shipped("templates") / "_summary.html.j2").read_text(encoding="utf-8")
    (tmp_path / "_summary.html.j2").write_text(
        original.replace('<h2 id="summary-h">Your score</h2>', '<h2 id="summary-h">Our own summary</h2>'),
        encoding="utf-8",
    )
    mine = render_html(analysis("jordan"), templates=tmp_path)
    ours = report("jordan")
    assert "Our own summary" in mine and "Our own summary" not in ours

    def without_summary(html: str) -> str:
        return re.sub(r'<section class="card" id="summary".*?</section>', "", html, flags=re.S)

    assert mine != ours and without_summary(mine) == without_summary(ours)


def test_a_missing_template_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(NotADirectoryError):
        render_html(analysis("jordan"), templates=tmp_path / "nope")


def test_every_shipped_partial_is_used_and_listed_in_the_readme() -> None:
    folder = shipped("templates")
    partials = sorted(p.name for p in folder.glob("_*.html.j2"))
    readme = (folder / "README.md").read_text(encoding="utf-8")
    text = "".join(p.read_text(encoding="utf-8") for p in folder.glob("*.html.j2"))
    for name in partials:
        assert name in readme, f"{name} not listed in the templates README"
        assert f'"{name}"' in text, f"{name} is never included or imported"


def test_output_is_deterministic() -> None:
    again = analyze(read_document(INPUTS["jordan"]), load_lexicon())
    assert render_html(again) == report("jordan") == render_html(analysis("jordan"))


def test_not_applicable_report_keeps_the_lines_and_findings(write: Callable[[str, str], Path]) -> None:
    path = write(
        "lebenslauf.txt",
        "Erika Mustermann\nerika@example.com\n\nBERUFSERFAHRUNG\n"
        "- Ich habe die Plattform für maschinelles Lernen gebaut und betrieben, mit vielen Kollegen.\n"
        "- Wir haben die Modelle jede Woche neu trainiert und die Qualität der Daten überwacht.\n"
        "- Außerdem habe ich die Bereitstellung der Dienste in der Cloud verantwortet und verbessert.\n"
        "AUSBILDUNG\nInformatik, Universität Beispielstadt, 2015\n",
    )
    a = analyze(read_document(path), load_lexicon())
    assert not a.applicable
    root = parse(render_html(a))
    ids = by_id(root)
    assert "No score" in ids["summary"].text
    assert "lifecycle" not in ids and "rewrites" not in ids
    assert {"resume", "findings", "market", "rules", "sources"} <= set(ids)
    for node in root.iter():
        if node.attrs.get("href", "").startswith("#"):
            assert node.attrs["href"][1:] in ids
