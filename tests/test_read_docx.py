"""The DOCX reader, on documents built here with python-docx (plus raw XML where python-docx
cannot write the markup) and on the real Word files in the shared corpus."""

from __future__ import annotations

import copy
import io
import re
import struct
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.oxml import parse_xml
from docx.shared import Inches, Pt

from cvcheck.errors import CvcheckError
from cvcheck.read import extract
from cvcheck.read.base import Extraction
from cvcheck.read.docx import read
from cvcheck.read.sniff import sniff

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)


def _save(document: DocxDocument, tmp_path: Path, name: str = "fixture.docx") -> bytes:
    target = tmp_path / name
    document.save(str(target))
    return target.read_bytes()


def _read(data: bytes) -> Extraction:
    return read(data, "fixture.docx", max_pages=12)


def _texts(extraction: Extraction) -> list[str]:
    return [line.text for line in extraction.lines]


def _with_body(tmp_path: Path, xml: str, document: DocxDocument | None = None) -> bytes:
    """A DOCX whose body holds ``xml`` (block-level WordprocessingML, namespaces declared here)."""
    document = document or docx.Document()
    body = document.element.body
    section = body[-1]  # the body's closing w:sectPr
    for child in list(parse_xml(f"<w:body {NAMESPACES}>{xml}</w:body>")):
        section.addprevious(child)
    return _save(document, tmp_path)


def _p(text: str, style: str | None = None) -> str:
    style_xml = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f'<w:p>{style_xml}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def _png() -> bytes:
    """A 1x1 PNG: python-docx reads only its header, the drawn size is set separately."""

    def chunk(kind: bytes, payload: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + payload))
        return struct.pack(">I", len(payload)) + kind + payload + crc

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


# --- documents written with python-docx ------------------------------------------------------


@pytest.fixture
def word_resume(tmp_path: Path) -> Extraction:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "jane.doe@example.com"
    document.sections[0].footer.paragraphs[0].text = "References on request"
    document.add_heading("Experience", level=1)
    role = document.add_paragraph()
    role.add_run("Data Engineer").bold = True
    role.add_run("\tJan 2020 \u2013 Present").bold = True
    document.add_paragraph("\t\tAcme Corp\t\t\t2018\t")
    document.add_paragraph("Built batch pipelines", style="List Bullet")
    document.add_paragraph("\u2022 Cut costs by 20%", style="List Bullet")
    wrapped = document.add_paragraph()
    first = wrapped.add_run("First half")
    first.add_break()
    wrapped.add_run("second half")
    document.add_paragraph("")  # empty paragraphs are skipped
    sized = document.add_paragraph()
    sized.add_run("Plain").font.size = Pt(14)
    sized.add_run(" and bold").bold = True
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Skills"
    table.cell(0, 1).text = "Python, SQL"
    return _read(_save(document, tmp_path))


def test_lines_in_reading_order_with_header_first_and_footer_last(word_resume: Extraction) -> None:
    assert _texts(word_resume) == [
        "jane.doe@example.com",
        "Experience",
        "Data Engineer\tJan 2020 \u2013 Present",
        "Acme Corp\t2018",
        "Built batch pipelines",
        "Cut costs by 20%",
        "First half",
        "second half",
        "Plain and bold",
        "Skills",
        "Python, SQL",
        "References on request",
    ]
    regions = [line.location.region for line in word_resume.lines]
    assert regions == ["header"] + ["body"] * 8 + ["table", "table", "footer"]
    assert [line.location.source_line for line in word_resume.lines] == list(range(1, 13))
    assert all(line.location.page is None for line in word_resume.lines)


def test_extraction_facts(word_resume: Extraction) -> None:
    assert word_resume.format == "docx"
    assert (word_resume.pages, word_resume.pages_read) == (None, None)
    assert word_resume.table_count == 1
    assert word_resume.image_pages == []


def test_heading_bullet_bold_and_size(word_resume: Extraction) -> None:
    by_text = {line.text: line for line in word_resume.lines}
    assert by_text["Experience"].heading is True
    assert by_text["Experience"].bold  # from the Heading 1 style's w:rPr, not the runs
    assert by_text["Acme Corp\t2018"].heading is None
    assert by_text["Built batch pipelines"].bullet
    assert by_text["Cut costs by 20%"].bullet  # the typed glyph is gone, the flag says it all
    assert not by_text["Acme Corp\t2018"].bullet
    assert by_text["First half"].bullet is False and by_text["second half"].bullet is False
    assert by_text["Data Engineer\tJan 2020 \u2013 Present"].bold
    assert not by_text["Plain and bold"].bold
    assert by_text["Plain and bold"].font_size is None  # 14 pt and the default disagree
    assert by_text["Skills"].font_size == 11.0  # python-docx's template: Normal is 11 pt


def test_soft_break_in_a_list_item_flags_only_its_first_line(tmp_path: Path) -> None:
    document = docx.Document()
    item = document.add_paragraph(style="List Bullet")
    run = item.add_run("\u2022 Led the team")
    run.add_break()
    item.add_run("across three offices")
    lines = _read(_save(document, tmp_path)).lines
    assert [(line.text, line.bullet) for line in lines] == [
        ("Led the team", True),
        ("across three offices", False),
    ]


def test_heading_styles_by_name_id_and_outline_level(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Résumé", style="Title")
    document.add_paragraph("Platform engineer", style="Subtitle")
    styles = document.styles.element
    styles.append(
        parse_xml(
            f'<w:style {NAMESPACES} w:type="paragraph" w:styleId="berschrift1">'
            '<w:name w:val="Custom Section"/><w:basedOn w:val="Normal"/></w:style>'
        )
    )
    styles.append(
        parse_xml(
            f'<w:style {NAMESPACES} w:type="paragraph" w:styleId="SectionLabel">'
            '<w:name w:val="Section Label"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'
        )
    )
    data = _with_body(
        tmp_path,
        _p("Ausbildung", "berschrift1") + _p("Projects", "SectionLabel") + _p("Just text"),
        document,
    )
    headings = {line.text: line.heading for line in _read(data).lines}
    assert headings == {
        "Résumé": True,
        "Platform engineer": True,
        "Ausbildung": True,
        "Projects": True,
        "Just text": None,
    }


def test_numbering_from_paragraph_style_and_list_styles(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("First step", style="List Number")
    document.add_paragraph("A paragraph")
    numbered = '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{}"/></w:numPr></w:pPr>'
    xml = (
        f"<w:p>{numbered.format(1)}<w:r><w:t>Direct numbering</w:t></w:r></w:p>"
        f"<w:p>{numbered.format(0)}<w:r><w:t>Numbering switched off</w:t></w:r></w:p>"
    )
    bullets = {line.text: line.bullet for line in _read(_with_body(tmp_path, xml, document)).lines}
    assert bullets == {
        "First step": True,
        "A paragraph": False,
        "Direct numbering": True,
        "Numbering switched off": False,
    }


def test_merged_and_nested_cells_are_read_once_in_order(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    merged = table.cell(0, 0).merge(table.cell(1, 0))  # vertical merge
    merged.text = "Education"
    wide = table.cell(0, 1).merge(table.cell(0, 2))  # horizontal merge
    wide.text = "State University"
    table.cell(1, 1).text = "BSc"
    inner = table.cell(1, 2).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "2016"
    inner.cell(0, 1).text = "2020"
    assert [cell.text for cell in table.rows[0].cells].count("State University") == 2  # python-docx repeats
    extraction = _read(_save(document, tmp_path))
    assert _texts(extraction) == ["Education", "State University", "BSc", "2016", "2020"]
    assert {line.location.region for line in extraction.lines} == {"table"}
    assert extraction.table_count == 1


# --- markup python-docx cannot write or cannot read ------------------------------------------


def test_content_controls_at_every_level(tmp_path: Path) -> None:
    def sdt(inner: str) -> str:
        return f'<w:sdt><w:sdtPr><w:tag w:val="x"/></w:sdtPr><w:sdtContent>{inner}</w:sdtContent></w:sdt>'

    def cell(inner: str) -> str:
        return f"<w:tc><w:tcPr/>{inner}</w:tc>"

    row = "<w:tr>" + cell(sdt(_p("Row level"))) + sdt(cell(_p("Cell level"))) + "</w:tr>"
    xml = (
        sdt(_p("Block level"))
        + "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
        + sdt(row)
        + "</w:tbl>"
        + "<w:p>"
        + sdt('<w:r><w:t xml:space="preserve">Run </w:t></w:r>')
        + "<w:r><w:t>level</w:t></w:r></w:p>"
    )
    data = _with_body(tmp_path, xml)
    # python-docx's paragraph API sees one paragraph, and only the run outside the control.
    assert [p.text for p in docx.Document(io.BytesIO(data)).paragraphs] == ["level"]
    extraction = _read(data)
    assert _texts(extraction) == ["Block level", "Row level", "Cell level", "Run level"]
    assert [line.location.region for line in extraction.lines] == ["body", "table", "table", "body"]


def test_text_box_choice_is_read_and_fallback_ignored(tmp_path: Path) -> None:
    box = "<w:txbxContent>" + _p("Contact: +1 555 0100") + _p("Remote") + "</w:txbxContent>"
    xml = (
        "<w:p><w:r><w:t>Before the box</w:t></w:r><w:r><mc:AlternateContent>"
        '<mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:extent cx="914400" cy="914400"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f"<wps:wsp><wps:txbx>{box}</wps:txbx></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing>"
        "</mc:Choice>"
        f"<mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p>" + _p("After the box")
    )
    extraction = _read(_with_body(tmp_path, xml))
    assert _texts(extraction) == ["Before the box", "Contact: +1 555 0100", "Remote", "After the box"]
    assert [line.location.region for line in extraction.lines] == ["body", "textbox", "textbox", "body"]
    assert extraction.image_pages == []  # a text box is a shape, not a picture


def test_vml_only_text_box(tmp_path: Path) -> None:
    xml = "<w:p><w:r><w:pict><v:shape><v:textbox><w:txbxContent>" + _p("Old Word box")
    xml += "</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"
    lines = _read(_with_body(tmp_path, xml)).lines
    assert [(line.text, line.location.region) for line in lines] == [("Old Word box", "textbox")]


def test_inline_markup_fields_revisions_and_special_characters(tmp_path: Path) -> None:
    def r(inner: str) -> str:
        return f"<w:r>{inner}</w:r>"

    xml = "".join(
        [
            "<w:p>",
            '<w:hyperlink r:id="rId99">',
            r("<w:t>github.com/example</w:t>"),
            "</w:hyperlink>",
            "</w:p><w:p>",
            '<w:fldSimple w:instr=" PAGE ">',
            r("<w:t>Simple field</w:t>"),
            "</w:fldSimple>",
            r('<w:fldChar w:fldCharType="begin"/>'),
            r("<w:instrText> HYPERLINK x </w:instrText>"),
            r('<w:fldChar w:fldCharType="separate"/>'),
            r('<w:t xml:space="preserve"> result</w:t>'),
            r('<w:fldChar w:fldCharType="end"/>'),
            "</w:p><w:p>",
            r('<w:t xml:space="preserve">Kept </w:t>'),
            '<w:ins w:id="1" w:author="a">',
            r("<w:t>inserted</w:t>"),
            "</w:ins>",
            '<w:del w:id="2" w:author="a">',
            r("<w:delText>deleted</w:delText>"),
            "</w:del>",
            '<w:smartTag w:uri="u" w:element="place">',
            r('<w:t xml:space="preserve"> tagged</w:t>'),
            "</w:smartTag>",
            "</w:p><w:p>",
            r("<w:t>e</w:t><w:noBreakHyphen/><w:t>mail co</w:t><w:softHyphen/><w:t>operation</w:t>"),
            r('<w:sym w:font="Wingdings" w:char="F04A"/><w:t xml:space="preserve"> ok</w:t>'),
            r("<w:cr/><w:t>after cr</w:t>"),
            r('<w:br w:type="page"/><w:t>next page</w:t>'),
            "</w:p>",
        ]
    )
    extraction = _read(_with_body(tmp_path, xml))
    assert _texts(extraction) == [
        "github.com/example",
        "Simple field result",
        "Kept inserted tagged",
        "e-mail cooperation ok",
        "after cr",
        "next page",
    ]
    assert extraction.dropped_glyphs == 1  # the Wingdings smiley has no text meaning


def test_symbol_bullet_glyph_is_stripped_from_a_list_item(tmp_path: Path) -> None:
    xml = (
        '<w:p><w:pPr><w:pStyle w:val="ListBullet"/></w:pPr>'
        '<w:r><w:sym w:font="Symbol" w:char="F0B7"/><w:tab/><w:t>Shipped it</w:t></w:r></w:p>'
        '<w:p><w:r><w:sym w:font="Symbol" w:char="F0B7"/>'
        '<w:t xml:space="preserve"> Not a list</w:t></w:r></w:p>'
    )
    lines = _read(_with_body(tmp_path, xml)).lines
    assert [(line.text, line.bullet) for line in lines] == [
        ("Shipped it", True),
        ("\u2022 Not a list", False),  # no numbering: the glyph is the only sign, so it stays
    ]


def test_headers_and_footers_of_every_section_without_repeats(tmp_path: Path) -> None:
    document = docx.Document()
    for page in ("Page one", "Page two", "Page three"):
        if page != "Page one":
            document.add_section(WD_SECTION.NEW_PAGE)
        document.add_paragraph(page)
    one, two, three = document.sections
    one.header.paragraphs[0].text = "Same header"
    one.different_first_page_header_footer = True
    one.first_page_header.paragraphs[0].text = "First page header"
    # Section two points at section one's first-page header part itself (as Word files can)
    # and links its default header to the previous section's.
    (first_page,) = one._sectPr.xpath('w:headerReference[@w:type="first"]')
    two._sectPr.insert(0, copy.deepcopy(first_page))
    assert two.header.is_linked_to_previous and not two.first_page_header.is_linked_to_previous
    three.header.is_linked_to_previous = False
    three.header.paragraphs[0].text = "Same header"  # a part of its own with identical text
    three.footer.is_linked_to_previous = False
    three.footer.paragraphs[0].text = "Last footer"
    extraction = _read(_save(document, tmp_path))
    assert _texts(extraction) == [
        "Same header",
        "First page header",
        "Page one",
        "Page two",
        "Page three",
        "Last footer",
    ]
    regions = Counter(line.location.region for line in extraction.lines)
    assert regions == {"header": 2, "body": 3, "footer": 1}


def test_table_in_header_keeps_the_header_region(tmp_path: Path) -> None:
    document = docx.Document()
    header = document.sections[0].header
    table = header.add_table(rows=1, cols=2, width=Inches(6))
    table.cell(0, 0).text = "Left"
    table.cell(0, 1).text = "Right"
    extraction = _read(_save(document, tmp_path))
    assert [(line.text, line.location.region) for line in extraction.lines] == [
        ("Left", "header"),
        ("Right", "header"),
    ]
    assert extraction.table_count == 0  # only tables in the body count


def test_large_picture_sets_image_pages_small_icon_does_not(tmp_path: Path) -> None:
    icon = docx.Document()
    icon.add_picture(io.BytesIO(_png()), width=Inches(0.3), height=Inches(0.3))
    assert _read(_save(icon, tmp_path, "icon.docx")).image_pages == []
    photo = docx.Document()
    photo.add_picture(io.BytesIO(_png()), width=Inches(5), height=Inches(3))
    assert _read(_save(photo, tmp_path, "photo.docx")).image_pages == [1]


def test_document_without_text_gives_no_lines(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("")
    document.add_paragraph("\t \u200b")
    extraction = _read(_save(document, tmp_path))
    assert extraction.lines == []
    assert extraction.format == "docx"


def test_macro_enabled_docm_is_read(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Macro resume")
    plain = _save(document, tmp_path)
    docm = _rewrite(
        plain,
        "[Content_Types].xml",
        lambda xml: xml.replace(
            b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            b"application/vnd.ms-word.document.macroEnabled.main+xml",
        ),
    )
    assert _texts(read(docm, "cv.docm", max_pages=12)) == ["Macro resume"]


def test_extract_routes_docx_to_this_reader(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Routed")
    extraction = extract(_save(document, tmp_path), "cv.docx")
    assert extraction.format == "docx"
    assert _texts(extraction) == ["Routed"]


# --- broken files ----------------------------------------------------------------------------


def _rewrite(data: bytes, name: str, change: Callable[[bytes], bytes] | None) -> bytes:
    """Copy a zip, passing the member ``name`` through ``change`` (None: leave it out)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            body = source.read(info)
            if info.filename == name:
                if change is None:
                    continue
                body = change(body)
            target.writestr(info, body)
    return out.getvalue()


@pytest.fixture
def valid_docx(tmp_path: Path) -> bytes:
    document = docx.Document()
    document.add_paragraph("Some text")
    return _save(document, tmp_path)


def _assert_corrupt(data: bytes) -> str:
    with pytest.raises(CvcheckError) as caught:
        read(data, "broken.docx", max_pages=12)
    assert caught.value.code == "E009"
    message = str(caught.value)
    assert "\n" not in message and "Traceback" not in message
    return message


def test_random_bytes_are_a_damaged_word_file() -> None:
    _assert_corrupt(bytes(range(256)) * 8)


def test_zip_of_random_bytes_is_a_damaged_word_file() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in ("[Content_Types].xml", "_rels/.rels", "word/document.xml"):
            archive.writestr(name, bytes((i * 37 + 11) % 256 for i in range(500)))
    _assert_corrupt(out.getvalue())


def test_truncated_document_xml(valid_docx: bytes) -> None:
    message = _assert_corrupt(_rewrite(valid_docx, "word/document.xml", lambda xml: xml[: len(xml) // 2]))
    assert "XML" in message


def test_truncated_archive(valid_docx: bytes) -> None:
    _assert_corrupt(valid_docx[: len(valid_docx) * 2 // 3])


def test_missing_styles_part_listed_in_relationships(valid_docx: bytes) -> None:
    message = _assert_corrupt(_rewrite(valid_docx, "word/styles.xml", None))
    assert "styles.xml" in message


def test_zip_without_document_xml_is_stopped_by_sniff(valid_docx: bytes) -> None:
    no_document = _rewrite(valid_docx, "word/document.xml", None)
    with pytest.raises(CvcheckError) as caught:
        sniff(no_document, "cv.docx")
    assert caught.value.code == "E007"
    _assert_corrupt(no_document)  # and the reader on its own still fails cleanly


def test_odd_attribute_values_do_not_break_reading(tmp_path: Path) -> None:
    xml = (
        '<w:p><w:pPr><w:outlineLvl w:val="12"/></w:pPr>'
        '<w:r><w:rPr><w:b w:val="off"/><w:sz w:val="big"/></w:rPr>'
        '<w:sym w:font="Arial" w:char="zz"/><w:t>Still read</w:t></w:r></w:p>'
    )
    (line,) = _read(_with_body(tmp_path, xml)).lines
    assert (line.text, line.heading, line.bold) == ("Still read", None, False)


# --- the real resumes in the shared corpus: structural facts only -----------------------------


def _corpus(name: str) -> Extraction:
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(f"shared corpus file {name} not found under {CORPUS}")
    return read(path.read_bytes(), str(path), max_pages=12)


def _characters(extraction: Extraction) -> int:
    return sum(len(line.text) for line in extraction.lines)


_YEAR_AFTER_TAB = re.compile(r"\t.*\b(19|20)\d\d\b")


def test_corpus_google_docs_export_in_content_controls() -> None:
    extraction = _corpus("5tigerjelly__resume__resume_1.docx")
    text = "\n".join(_texts(extraction)).lower()
    assert _characters(extraction) > 1500
    assert "experience" in text and "education" in text
    assert extraction.table_count == 1
    assert {line.location.region for line in extraction.lines} == {"table"}
    assert len(extraction.lines) > 30


def test_corpus_word_file_with_tab_aligned_dates() -> None:
    extraction = _corpus("an-nguyen-profile-umn__resume__resume.docx")
    assert _characters(extraction) > 1500
    assert sum(bool(_YEAR_AFTER_TAB.search(line.text)) for line in extraction.lines) >= 5
    assert not any(line.text.startswith("\t") or line.text.endswith("\t") for line in extraction.lines)
    assert sum(line.bullet for line in extraction.lines) >= 8
    assert {line.location.region for line in extraction.lines} == {"body"}
    assert extraction.table_count == 0


def test_corpus_word_file_with_plain_paragraphs() -> None:
    extraction = _corpus("adamnathanielwhite__resume__resume.docx")
    text = "\n".join(_texts(extraction)).lower()
    assert _characters(extraction) > 1500
    assert "experience" in text and "education" in text
    bullets = [line for line in extraction.lines if line.bullet]
    assert len(bullets) >= 5
    assert not any(line.text.startswith("\u27a2") for line in bullets)  # Wingdings arrow stripped
    assert any(line.bold for line in extraction.lines)
