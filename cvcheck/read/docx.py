"""DOCX reader: every paragraph of the body, its tables, text boxes, content controls, headers
and footers, in reading order.

python-docx opens the package, but the text comes from walking its lxml tree directly: its
paragraph API sees neither content controls (``w:sdt``; Google Docs wraps every paragraph in
one) nor text boxes, and its table API repeats merged cells.
"""

from __future__ import annotations

import contextlib
import io
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import replace

import docx
from docx.document import Document as DocxDocument
from docx.exceptions import PythonDocxError
from docx.opc.exceptions import OpcError
from lxml import etree  # type: ignore[import-untyped]  # lxml ships no type stubs

from cvcheck.document import Location, Region, SourceLine
from cvcheck.errors import CvcheckError, E
from cvcheck.read.base import Extraction

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_V = "{urn:schemas-microsoft-com:vml}"

# Markup that only wraps content (content controls, links, fields, revisions, smart tags):
# its children are read as if they stood in its place.
_WRAPPERS = frozenset(
    _W + tag
    for tag in (
        "sdtContent",
        "customXml",
        "smartTag",
        "hyperlink",
        "fldSimple",
        "ins",
        "moveTo",
        "dir",
        "bdo",
    )
)
# Deleted text, ruby annotations and the properties of wrappers are not what the page says.
_DROPPED = frozenset(
    _W + tag for tag in ("del", "moveFrom", "rt", "sdtPr", "sdtEndPr", "customXmlPr", "smartTagPr")
)

# Word keeps Symbol/Wingdings glyphs as font code points; only bullet-like ones have meaning.
_SYMBOL_FONTS = frozenset({"symbol", "wingdings", "wingdings 2", "wingdings 3", "webdings"})
_SYMBOLS = {
    ("symbol", 0xB7): "\u2022",
    ("wingdings", 0x6C): "\u25cf",
    ("wingdings", 0x6E): "\u25a0",
    ("wingdings", 0x76): "\u2756",
    ("wingdings", 0x9F): "\u2022",
    ("wingdings", 0xA7): "\u25aa",
    ("wingdings", 0xD8): "\u27a2",
    ("wingdings", 0xFC): "\u2713",
}

_HEADING_STYLE = re.compile(r"(heading|\u00fc?berschrift)\s*\d|title|subtitle")
_LIST_STYLE = re.compile(r"list\s*(bullet|number|paragraph)(\s*\d)?")
# A glyph typed (or w:sym'd) in front of a list item that Word numbering already marks;
# the private-use range is where Symbol and Wingdings glyphs land.
_BULLET_GLYPH = re.compile(
    r"^(?:[\u2022\u2023\u2043\u2219\u00b7\u25aa\u25ab\u25cf\u25cb\u25e6\u25a0\u25a1\u25ba\u25b8\u25b6"
    r"\u27a2\u27a4\u2794\u2713\u2714\u2756\ue000-\uf8ff]\s*|[-*\u2013\u2014]\s+)"
)
_TAB_GAP = re.compile(r"[ \u00a0]*\t[\t \u00a0]*")
_FALSE = frozenset({"0", "false", "off"})
_HEADING_LEVELS = frozenset("012345678")  # w:outlineLvl 9 is body text

# A picture larger than about an eighth of a letter page (8.5 x 11 in), in EMU squared.
_EMU_PER_PT = 12700
_LARGE_IMAGE_EMU2 = 612 * 792 / 8 * _EMU_PER_PT**2
_PT_PER_UNIT = {"pt": 1.0, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "px": 0.75, "": 0.75}

_MAIN_DOCUMENT = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_OTHER_MAINS = re.compile(
    rb"application/vnd\.ms-word\.(?:document\.macroEnabled|template\.macroEnabledTemplate)\.main\+xml"
    rb"|application/vnd\.openxmlformats-officedocument\.wordprocessingml\.template\.main\+xml"
)

# What a broken package can raise from python-docx, zipfile or lxml, when it is opened or when
# a part is first touched; all mean the same thing to the user.
_PACKAGE_ERRORS = (OpcError, PythonDocxError, KeyError, ValueError, SyntaxError, etree.LxmlError)
_ARCHIVE_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError)
_SHAPE_ERRORS = (AttributeError, TypeError, IndexError, RecursionError)  # XML not shaped as Word's
_BROKEN = _PACKAGE_ERRORS + _ARCHIVE_ERRORS + _SHAPE_ERRORS

_Format = tuple[bool, float | None]  # bold, font size in points
_Segment = tuple[str, bool, float | None]  # text, then its run's format


def read(data: bytes, path: str, *, max_pages: int) -> Extraction:
    """Read a DOCX (or macro-enabled DOCM) into lines: headers, body, then footers.

    DOCX has no line numbers, so ``Location.source_line`` is the 1-based ordinal of the line
    among all lines emitted. ``max_pages`` is unused: Word files are read whole.
    """
    try:
        document = docx.Document(io.BytesIO(_as_document_package(data)))
        return _extract(document)
    except _BROKEN as exc:
        raise CvcheckError(E.CORRUPT_DOCX, path, detail=_reason(exc)) from None


def _as_document_package(data: bytes) -> bytes:
    """Relabel a .docm/.dotx/.dotm main part as a plain document, which python-docx refuses."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        try:
            types = archive.read("[Content_Types].xml")
        except KeyError:
            return data  # python-docx reports the missing part
        if not _OTHER_MAINS.search(types):
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
            for info in archive.infolist():
                body = archive.read(info)
                if info.filename == "[Content_Types].xml":
                    body = _OTHER_MAINS.sub(_MAIN_DOCUMENT, body)
                copy.writestr(info, body)
    return out.getvalue()


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OpcError):
        return "not a Word package"
    if isinstance(exc, KeyError):
        key = str(exc.args[0]) if exc.args else ""
        if key.startswith("http"):  # a relationship type python-docx looked for
            return f"no {key.rsplit('/', 1)[-1]} relationship"
        named = re.search(r"'([^']+)'", key)
        return f"missing part {named.group(1) if named else key}".strip()
    if isinstance(exc, (SyntaxError, etree.LxmlError)):
        return f"broken XML: {exc}".splitlines()[0][:120]
    if isinstance(exc, _ARCHIVE_ERRORS):
        return f"broken ZIP archive: {exc}".splitlines()[0][:120]
    if isinstance(exc, _SHAPE_ERRORS):
        return "unexpected XML structure"
    content_type = re.search(r"content type is '([^']+)'", str(exc))
    if content_type:  # python-docx's refusal of a package whose main part is not a document
        return f"its main part is {content_type.group(1)}"
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:120]


def _extract(document: DocxDocument) -> Extraction:
    walker = _Walker(_Styles(document))
    body = document.element.body
    if body is None:
        raise ValueError("word/document.xml has no w:body")
    headers, footers = _header_footer_roots(document)
    lines = walker.parts(headers, "header") + walker.block(body, "body") + walker.parts(footers, "footer")
    numbered = [
        replace(line, location=replace(line.location, source_line=number))
        for number, line in enumerate(lines, 1)
    ]
    return Extraction(
        format="docx",
        lines=numbered,
        pages=None,
        pages_read=None,
        table_count=_top_level_tables(body),
        image_pages=[1] if _has_large_image(body) else [],
        dropped_glyphs=walker.dropped_glyphs,
    )


def _header_footer_roots(document: DocxDocument) -> tuple[list[etree._Element], list[etree._Element]]:
    """The w:hdr and w:ftr roots of every section, each part once."""
    headers: list[etree._Element] = []
    footers: list[etree._Element] = []
    seen: set[int] = set()
    for section in document.sections:
        for kinds, out in (
            ((section.header, section.first_page_header, section.even_page_header), headers),
            ((section.footer, section.first_page_footer, section.even_page_footer), footers),
        ):
            for item in kinds:
                # A linked header has no part of its own; touching _element would add one.
                if item.is_linked_to_previous:
                    continue
                root = item._element
                if id(root) not in seen:
                    seen.add(id(root))
                    out.append(root)
    return headers, footers


def _flat(element: etree._Element) -> Iterator[etree._Element]:
    """Children of ``element`` with wrapper markup opened up and deleted content left out."""
    for child in element:
        tag = child.tag
        if tag in _WRAPPERS:
            yield from _flat(child)
        elif tag == _W + "sdt":
            content = child.find(_W + "sdtContent")
            if content is not None:
                yield from _flat(content)
        elif tag == _MC + "AlternateContent":
            # Choice and Fallback hold the same content twice; the Choice is what Word shows.
            chosen = child.find(_MC + "Choice")
            if chosen is None:
                chosen = child.find(_MC + "Fallback")
            if chosen is not None:
                yield from _flat(chosen)
        elif tag == _W + "ruby":
            base = child.find(_W + "rubyBase")
            if base is not None:
                yield from _flat(base)
        elif tag not in _DROPPED:
            yield child


def _text_boxes(element: etree._Element) -> Iterator[etree._Element]:
    """The outermost w:txbxContent inside a drawing or VML shape (inner ones are read later)."""
    for child in _flat(element):
        if child.tag == _W + "txbxContent":
            yield child
        else:
            yield from _text_boxes(child)


def _on(element: etree._Element | None) -> bool | None:
    if element is None:
        return None
    return (element.get(_W + "val") or "true").lower() not in _FALSE


class _Styles:
    """Paragraph and run formatting resolved through style ids and their w:basedOn chains."""

    def __init__(self, document: DocxDocument) -> None:
        self._by_id: dict[str, etree._Element] = {}
        self._names: dict[str, str] = {}
        self._chains: dict[str | None, list[etree._Element]] = {}
        self.default_paragraph: str | None = None
        for style in document.styles:
            style_id = style.style_id
            if not style_id or style_id in self._by_id:
                continue
            element = style.element
            self._by_id[style_id] = element
            self._names[style_id] = (style.name or "").lower()
            is_paragraph = element.get(_W + "type", "paragraph") == "paragraph"
            if is_paragraph and element.get(_W + "default") in ("1", "true", "on"):
                self.default_paragraph = self.default_paragraph or style_id
        root = document.styles.element
        self.defaults = root.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr")

    def chain(self, style_id: str | None) -> list[etree._Element]:
        """The style and the styles it is based on, nearest first."""
        if style_id not in self._chains:
            chain: list[etree._Element] = []
            current = style_id
            while current is not None and current in self._by_id and len(chain) < 20:
                element = self._by_id[current]
                if any(element is seen for seen in chain):  # a w:basedOn cycle
                    break
                chain.append(element)
                based_on = element.find(_W + "basedOn")
                current = None if based_on is None else based_on.get(_W + "val")
            self._chains[style_id] = chain
        return self._chains[style_id]

    def _names_and_ids(self, style_id: str | None) -> list[str]:
        """UI names and lowercased ids along the chain: localized Word files keep only the id."""
        out: list[str] = []
        for element in self.chain(style_id):
            sid = element.get(_W + "styleId") or ""
            out += [self._names.get(sid, ""), sid.lower()]
        return out

    def is_heading(self, ppr: etree._Element | None, style_id: str | None) -> bool:
        if any(_HEADING_STYLE.fullmatch(name) for name in self._names_and_ids(style_id)):
            return True
        # w:outlineLvl 0-8 is how Word marks a heading level whatever the style is called.
        for source in [ppr] + [s.find(_W + "pPr") for s in self.chain(style_id)]:
            level = None if source is None else source.find(_W + "outlineLvl")
            if level is not None:
                return level.get(_W + "val") in _HEADING_LEVELS
        return False

    def is_list(self, ppr: etree._Element | None, style_id: str | None) -> bool:
        for source in [ppr] + [s.find(_W + "pPr") for s in self.chain(style_id)]:
            num_id = None if source is None else source.find(f"{_W}numPr/{_W}numId")
            if num_id is not None:
                return num_id.get(_W + "val") not in (None, "0")  # numId 0 switches numbering off
        return any(_LIST_STYLE.fullmatch(name) for name in self._names_and_ids(style_id))

    def run_format(self, rpr: etree._Element | None, paragraph_style: str | None) -> _Format:
        """Bold and size of a run: its w:rPr, then its character style, paragraph style, defaults.

        The first setting found wins; Word's toggling of w:b between styles is not modelled.
        """
        char_style = None if rpr is None else rpr.find(_W + "rStyle")
        char_style_id = None if char_style is None else char_style.get(_W + "val")
        styles = self.chain(char_style_id) + self.chain(paragraph_style)
        sources = [rpr] + [style.find(_W + "rPr") for style in styles] + [self.defaults]
        bold: bool | None = None
        size: float | None = None
        for source in sources:
            if source is None:
                continue
            if bold is None:
                bold = _on(source.find(_W + "b"))
            sz = source.find(_W + "sz")
            if size is None and sz is not None:
                with contextlib.suppress(ValueError):
                    size = int(sz.get(_W + "val") or "") / 2  # half-points
        return bool(bold), size


class _Walker:
    """Turns block-level XML (body, cell, text box, header) into SourceLines."""

    def __init__(self, styles: _Styles) -> None:
        self.styles = styles
        self.dropped_glyphs = 0

    def parts(self, roots: Iterable[etree._Element], region: Region) -> list[SourceLine]:
        """Lines of header or footer parts, skipping a part that repeats an earlier one's text."""
        lines: list[SourceLine] = []
        seen: set[tuple[str, ...]] = set()
        for root in roots:
            part_lines = self.block(root, region)
            texts = tuple(line.text for line in part_lines)
            if texts and texts not in seen:
                seen.add(texts)
                lines.extend(part_lines)
        return lines

    def block(self, container: etree._Element, region: Region) -> list[SourceLine]:
        lines: list[SourceLine] = []
        for element in _flat(container):
            if element.tag == _W + "p":
                lines.extend(self.paragraph(element, region))
            elif element.tag == _W + "tbl":
                inner: Region = "table" if region == "body" else region
                # Rows in order, cells left to right; each w:tc is visited once, so merged
                # cells (w:vMerge, w:gridSpan) are not repeated the way python-docx does.
                for row in _flat(element):
                    if row.tag == _W + "tr":
                        for cell in _flat(row):
                            if cell.tag == _W + "tc":
                                lines.extend(self.block(cell, inner))
        return lines

    def paragraph(self, p: etree._Element, region: Region) -> list[SourceLine]:
        ppr = p.find(_W + "pPr")
        style_ref = None if ppr is None else ppr.find(_W + "pStyle")
        style_id = self.styles.default_paragraph if style_ref is None else style_ref.get(_W + "val")
        pieces: list[list[_Segment]] = [[]]
        boxes: list[etree._Element] = []
        for run in _flat(p):
            if run.tag == _W + "r":
                self._run(run, style_id, pieces, boxes)
        heading = True if self.styles.is_heading(ppr, style_id) else None
        bullet = self.styles.is_list(ppr, style_id)
        lines: list[SourceLine] = []
        for segments in pieces:
            text = _clean("".join(segment[0] for segment in segments))
            if bullet and not lines:
                text = _BULLET_GLYPH.sub("", text, count=1).lstrip()
            if not text:
                continue
            bold, size = _piece_format(segments)
            lines.append(
                SourceLine(
                    text=text,
                    location=Location(region=region),
                    heading=heading,
                    bullet=bullet and not lines,  # a soft break continues the same list item
                    font_size=size,
                    bold=bold,
                )
            )
        box_region: Region = "textbox" if region in ("body", "table") else region
        for box in boxes:
            lines.extend(self.block(box, box_region))
        return lines

    def _run(
        self,
        run: etree._Element,
        style_id: str | None,
        pieces: list[list[_Segment]],
        boxes: list[etree._Element],
    ) -> None:
        bold, size = self.styles.run_format(run.find(_W + "rPr"), style_id)
        for child in _flat(run):
            tag = child.tag
            text = ""
            if tag == _W + "t":
                text = child.text or ""
            elif tag in (_W + "tab", _W + "ptab"):
                text = "\t"
            elif tag == _W + "noBreakHyphen":
                text = "-"
            elif tag == _W + "sym":
                text = self._symbol(child)
            elif tag in (_W + "br", _W + "cr"):
                # Soft breaks split the paragraph; a page or column break does too, since the
                # text on either side of it is never on one line.
                pieces.append([])
            elif tag in (_W + "drawing", _W + "pict", _W + "object"):
                boxes.extend(_text_boxes(child))
            # w:instrText (field code), w:delText, w:softHyphen, w:fldChar carry no visible text.
            if text:
                pieces[-1].append((text, bold, size))

    def _symbol(self, sym: etree._Element) -> str:
        font = (sym.get(_W + "font") or "").lower()
        try:
            code = int(sym.get(_W + "char") or "", 16)
        except ValueError:
            code = -1
        mapped = _SYMBOLS.get((font, code - 0xF000 if code >= 0xF000 else code))
        if mapped is None and font not in _SYMBOL_FONTS and 0x20 <= code < 0xE000:
            mapped = chr(code)
        if mapped is None:
            self.dropped_glyphs += 1
        return mapped or ""


def _clean(text: str) -> str:
    """One tab per field gap, no zero-width debris, no surrounding whitespace."""
    text = text.replace("\u200b", "").replace("\ufeff", "")
    return _TAB_GAP.sub("\t", text).strip()


def _piece_format(segments: list[_Segment]) -> tuple[bool, float | None]:
    """Bold when every run with a word character is; a size when all such runs agree."""
    wordy = [s for s in segments if any(ch.isalnum() for ch in s[0])]
    wordy = wordy or [s for s in segments if s[0].strip()]
    if not wordy:
        return False, None
    sizes = {s[2] for s in wordy}
    return all(s[1] for s in wordy), sizes.pop() if len(sizes) == 1 else None


def _top_level_tables(body: etree._Element) -> int:
    count = 0
    for table in body.iter(_W + "tbl"):
        ancestors = list(table.iterancestors())
        nested = any(a.tag in (_W + "tbl", _MC + "Fallback") for a in ancestors)
        count += not nested
    return count


def _has_large_image(body: etree._Element) -> bool:
    """A picture (not a text box or shape) covering over ~1/8 of a letter page."""
    for anchor in body.iter(_WP + "inline", _WP + "anchor"):
        extent = anchor.find(_WP + "extent")
        if extent is None or next(anchor.iter(_A + "blip"), None) is None:
            continue
        try:
            area = int(extent.get("cx") or 0) * int(extent.get("cy") or 0)
        except ValueError:
            continue
        if area > _LARGE_IMAGE_EMU2:
            return True
    for image in body.iter(_V + "imagedata"):
        shape = image.getparent()
        style = "" if shape is None else shape.get("style") or ""
        sides = dict(re.findall(r"(width|height)\s*:\s*([\d.]+\s*(?:pt|in|cm|mm|px)?)", style))
        square_points = _points(sides.get("width", "")) * _points(sides.get("height", ""))
        if square_points * _EMU_PER_PT**2 > _LARGE_IMAGE_EMU2:
            return True
    return False


def _points(length: str) -> float:
    match = re.fullmatch(r"([\d.]+)\s*([a-z]*)", length)
    if match is None:
        return 0.0
    try:
        return float(match.group(1)) * _PT_PER_UNIT.get(match.group(2), 0.0)
    except ValueError:
        return 0.0
