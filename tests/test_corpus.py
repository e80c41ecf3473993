"""Every public resume in ../shared/corpus reads into a sensible document.

Structural facts only (sections found, layout, language, hygiene of the text): many of these
are real people's resumes, and nothing of their text or contact details is copied here.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import pairwise

import pytest
from conftest import corpus_file

from cvcheck.document import Document
from cvcheck.read import read_document

EN = "en"
# file → (sections that must be found, columns, language, minimum roles found)
EXPECTED: dict[str, tuple[set[str], int, str, int]] = {
    "0xadada__resume__resume.pdf": ({"experience", "education"}, 1, EN, 3),
    "5tigerjelly__resume__resume.pdf": ({"education", "skills", "experience", "projects"}, 1, EN, 3),
    "an-nguyen-profile-umn__resume__resume.pdf": ({"education", "experience", "skills"}, 1, EN, 3),
    "andreaadelfio__cv_andrea_adelfio_data_scientist_altacv_eng__sample.pdf": (
        {"skills", "education", "experience", "projects", "publications", "summary"}, 2, EN, 2),
    "azam4india__azam-cloud-devops-resume__azam_cloud_devops_engn.pdf": (
        {"summary", "skills", "experience", "education", "certifications"}, 1, EN, 3),
    "billryan__resume__resume-zh_cn.pdf": ({"education", "experience", "skills"}, 1, "zh", 0),
    "choosefreesoftware__cv-boilerplate__output.pdf": (
        {"education", "experience", "certifications", "skills"}, 1, EN, 0),
    "deedy__deedy-resume__deedy_resume-openfont.pdf": (
        {"education", "skills", "experience", "publications"}, 2, EN, 4),
    "dyweb__deedy-resume-for-chinese__resume-cn.pdf": (
        {"education", "skills", "experience", "projects"}, 2, "zh", 0),
    "furkan__cv__cv.pdf": ({"summary", "experience", "education", "projects", "publications"}, 1, EN, 2),
    "jaepil-choi__rendercv-resume__choi_cv_kr.pdf": ({"education", "experience", "projects"}, 1, "ko", 3),
    "jaepil-choi__rendercv-resume__jaepil_choi_cv_en.pdf": (
        {"education", "experience", "projects"}, 1, EN, 3),
    "jgalego__jgalego.github.io__cv_shorter.pdf": (
        {"summary", "experience", "education", "certifications", "skills"}, 1, EN, 3),
    "liantze__altacv__sample.pdf": ({"experience", "projects", "education", "publications"}, 2, EN, 0),
    "marvinmartin24__cv__cv_fr.pdf": ({"education", "experience", "projects", "skills"}, 1, "fr", 2),
    "marvinmartin24__cv__cv_us.pdf": (
        {"education", "experience", "publications", "projects", "certifications", "skills"}, 2, EN, 5),
    "myzwillmake__deedy-resume-for-japanese__resume-jp.pdf": (
        {"education", "skills", "experience", "projects"}, 2, "ja", 0),
    "posquit0__awesome-cv__cv.pdf": (
        {"education", "skills", "experience", "certifications", "publications"}, 1, EN, 5),
    "posquit0__awesome-cv__resume.pdf": ({"summary", "experience", "certifications", "education"}, 1, EN, 5),
    "rendercv__rendercv__john_doe_classictheme_cv.pdf": (
        {"education", "experience", "projects", "publications", "skills"}, 1, EN, 5),
    "rendercv__rendercv__john_doe_engineeringresumestheme_cv.pdf": (
        {"education", "experience", "projects", "publications", "skills"}, 1, EN, 3),
    "rendercv__rendercv__john_doe_moderncvtheme_cv.pdf": (
        {"education", "experience", "projects", "publications", "skills"}, 1, EN, 4),
    "rendercv__rendercv__john_doe_opaltheme_cv.pdf": (
        {"education", "experience", "projects", "publications", "skills"}, 1, EN, 4),
    "sb2nov__resume__sourabh_bajaj_resume.pdf": ({"education", "experience", "projects"}, 1, EN, 2),
    "willianpaiva__data-engineer-resume-latex__template.pdf": (
        {"skills", "summary", "experience", "education"}, 2, EN, 3),
}  # fmt: skip

_DEBRIS = re.compile("\\(cid:\\d+\\)|[\ufffd\u00ad\u200b\ue000-\uf8ff]|[\u00b4\u02c6\u02dc\u00a8](?=\\w)")
_URLISH = re.compile(r"[/@.:_]|www|http", re.I)


@pytest.fixture(scope="module")
def documents() -> dict[str, Document]:
    return {}


def _doc(name: str, cache: dict[str, Document]) -> Document:
    if name not in cache:
        cache[name] = read_document(corpus_file(name))
    return cache[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sections_layout_and_language(name: str, documents: dict[str, Document]) -> None:
    sections, columns, language, min_roles = EXPECTED[name]
    doc = _doc(name, documents)
    found = {s.name for s in doc.sections}
    assert sections <= found, f"missing sections: {sections - found}"
    assert (2 if doc.facts.multi_column_pages else 1) == columns
    assert doc.language == language
    assert len(doc.roles) >= min_roles


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_text_is_clean(name: str, documents: dict[str, Document]) -> None:
    """No extraction debris: (cid:N), replacement or private-use glyphs, soft hyphens,
    split TeX accents; and no words run together."""
    doc = _doc(name, documents)
    text = doc.text()
    assert not _DEBRIS.search(text), _DEBRIS.search(text)
    assert text == unicodedata.normalize("NFKC", text)
    glued = [
        tok
        for tok in re.findall(r"\S+", text)
        if len(tok) >= 22 and tok.isascii() and tok.isalpha() and not _URLISH.search(tok)
    ]
    assert not glued, glued


@pytest.mark.parametrize("name", sorted(n for n, e in EXPECTED.items() if e[1] == 2))
def test_two_columns_read_column_by_column(name: str, documents: dict[str, Document]) -> None:
    """Each line comes from one column, and each column's lines come as one run per band:
    the reader never zig-zags across the gutter line by line."""
    doc = _doc(name, documents)
    for page in doc.facts.multi_column_pages:
        columns = [ln.location.column for ln in doc.lines if ln.location.page == page]
        switches = sum(1 for a, b in pairwise(columns) if a != b)
        # a banner or a full-width heading may cut the page into a few bands, no more
        assert switches <= 8, f"page {page}: {switches} switches between columns"
    headings = [ln for ln in doc.lines if ln.kind == "heading"]
    assert all(len(ln.text) <= 48 for ln in headings)


def test_split_tex_accents_are_joined() -> None:
    doc = read_document(corpus_file("marvinmartin24__cv__cv_fr.pdf"))
    text = doc.text()
    accented = re.findall(r"\w*[éèêàçÉ]\w*", text)
    assert len(accented) >= 60  # the file has 86 split accents
    assert "´" not in text and "`" not in text


def test_running_footer_and_page_numbers_are_dropped() -> None:
    doc = read_document(corpus_file("posquit0__awesome-cv__cv.pdf"))
    assert doc.pages == 5
    pages: dict[str, set[int | None]] = {}
    for ln in doc.lines:
        pages.setdefault(re.sub(r"\d+", "#", ln.text), set()).add(ln.location.page)
    # a running head repeats on every page, its page number aside
    running = {k for k, on in pages.items() if len(on) >= 3}
    assert not running
    assert not any(re.fullmatch(r"(page\s*)?\d{1,2}", ln.text, re.I) for ln in doc.lines)


def test_visible_hyphens_mapped_to_soft_hyphen_are_kept() -> None:
    """Awesome-CV's font maps its hyphen to U+00AD: dates keep their dash, words their hyphen."""
    doc = read_document(corpus_file("posquit0__awesome-cv__resume.pdf"))
    dated = [r for r in doc.roles if r.dates and r.dates.end]
    assert len(dated) >= 4
    assert re.search(r"\w-\w", doc.text())


def test_bullets_wrapped_in_a_date_column_layout_are_joined() -> None:
    """RenderCV's classic theme sets dates in a right column beside the first bullet."""
    doc = read_document(corpus_file("rendercv__rendercv__john_doe_classictheme_cv.pdf"))
    exp = doc.section_lines("experience")
    bullets = [ln for ln in exp if ln.kind == "bullet"]
    assert len(bullets) >= 10
    assert all("\t" not in ln.text for ln in bullets)
    # every role carries its dates, taken from the date column
    assert all(r.dates is not None for r in doc.roles)
    # a wrapped bullet's tail is never left alone on a line of its own
    assert not [ln for ln in exp if ln.kind == "text" and len(ln.text.split()) == 1]


def test_side_labels_become_headings() -> None:
    """5tigerjelly's Google Docs export puts section labels in a left column."""
    doc = read_document(corpus_file("5tigerjelly__resume__resume.pdf"))
    headings = [ln for ln in doc.lines if ln.kind == "heading"]
    assert {h.section for h in headings} >= {"education", "skills", "experience", "projects"}


def test_same_resume_as_docx_and_pdf_agree() -> None:
    pdf = read_document(corpus_file("an-nguyen-profile-umn__resume__resume.pdf"))
    docx = read_document(corpus_file("an-nguyen-profile-umn__resume__resume.docx"))
    assert {s.name for s in pdf.sections} == {s.name for s in docx.sections}
    assert len(pdf.roles) == len(docx.roles)
    assert [r.dates.start for r in pdf.roles if r.dates] == [r.dates.start for r in docx.roles if r.dates]
