"""PDF → lines in reading order, through PDFium (pypdfium2).

PDFium reads a two-page resume in a few milliseconds and copes with malformed files; it gives
each character's box, baseline, size and font, which is all the layout analysis needs.
pdfplumber is used only on pages whose ruling lines suggest a table, to confirm it.
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from cvcheck.document import BBox, Location, SourceLine
from cvcheck.errors import CvcheckError, E
from cvcheck.read.base import Extraction
from cvcheck.read.layout import Char, LayoutLine, layout_page

# Symbol fonts that Word and LaTeX draw list bullets with, often as private-use code points.
_BULLET_FONT = re.compile(r"symbol|wingdings|dingbat|zapf|cmsy", re.I)
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi|cmbx|,bd|-bd\b", re.I)
_PAGE_NUMBER = re.compile(r"^(page\s*)?[-–—(]?\s*\d{1,3}\s*[-–—)]?(\s*(of|/)\s*\d{1,3})?$", re.I)

_CONTACTISH = re.compile(r"@|https?://|www\.|linkedin|github|\+?\d[\d ().-]{8,}\d")

MARGIN = 0.075  # share of the page height at top and bottom where headers and footers live


def read(data: bytes, path: str, *, max_pages: int) -> Extraction:
    """Read a PDF's text layer into lines in reading order."""
    pdf = _open(data, path)
    try:
        total = len(pdf)
        read_pages = min(total, max_pages)
        result = Extraction(format="pdf", lines=[], pages=total, pages_read=read_pages)
        pages: list[tuple[list[LayoutLine], float, float]] = []
        for index in range(read_pages):
            try:
                page = pdf[index]
            except pdfium.PdfiumError as exc:
                raise CvcheckError(E.CORRUPT_PDF, path, detail=f"page {index + 1}: {exc}") from None
            try:
                width, height = page.get_size()
                chars, dropped = _page_chars(page, height)
                result.dropped_glyphs += dropped
                layout = layout_page(chars, width)
                if layout.columns > 1:
                    result.multi_column_pages.append(index + 1)
                if not layout.lines:
                    result.pages_without_text.append(index + 1)
                large_image, ruled = _graphics(page, width * height)
                if large_image:
                    result.image_pages.append(index + 1)
                if ruled and _confirm_tables(data, index):
                    result.table_pages.append(index + 1)
                pages.append((layout.lines, width, height))
            finally:
                page.close()
        result.table_count = len(result.table_pages)
        result.lines = _drop_running_heads(pages)
        return result
    finally:
        pdf.close()


def _open(data: bytes, path: str) -> pdfium.PdfDocument:
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = pdfium_c.FPDF_GetLastError()
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise CvcheckError(E.ENCRYPTED, path) from None
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise CvcheckError(E.ENCRYPTED, path) from None
        raise CvcheckError(E.CORRUPT_PDF, path, detail=_short(str(exc))) from None
    if len(pdf) == 0:
        pdf.close()
        raise CvcheckError(E.CORRUPT_PDF, path, detail="no pages")
    return pdf


def _short(message: str) -> str:
    return message.split("\n")[0].rstrip(".")[:120] or "unreadable"


def _fast(name: str, restype: object, *argtypes: object) -> Any:
    """Rebind a PDFium function with plain pointer types: per-character calls dominate the
    reading time, and pypdfium2's typed wrappers cost a conversion on every call."""
    address = ctypes.cast(getattr(pdfium_c, name), ctypes.c_void_p).value
    return ctypes.CFUNCTYPE(restype, *argtypes)(address)  # type: ignore[arg-type]


_VP, _INT, _DBL = ctypes.c_void_p, ctypes.c_int, ctypes.c_double
_get_unicode = _fast("FPDFText_GetUnicode", ctypes.c_uint, _VP, _INT)
_get_box = _fast("FPDFText_GetLooseCharBox", ctypes.c_int, _VP, _INT, _VP)
_get_origin = _fast("FPDFText_GetCharOrigin", ctypes.c_int, _VP, _INT, _VP, _VP)
_get_size = _fast("FPDFText_GetFontSize", _DBL, _VP, _INT)
_get_object = _fast("FPDFText_GetTextObject", _VP, _VP, _INT)


def _page_chars(page: pdfium.PdfPage, height: float) -> tuple[list[Char], int]:
    """All characters of a page with top-left coordinates; returns them and the debris count."""
    textpage = page.get_textpage()
    try:
        handle = ctypes.cast(textpage.raw, ctypes.c_void_p).value
        count = pdfium_c.FPDFText_CountChars(textpage.raw)
        # One call for all the text; per character only when astral characters shift indices.
        bulk = textpage.get_text_range() if count > 0 else ""
        if len(bulk) != count:
            bulk = "".join(_code_char(_get_unicode(handle, i)) for i in range(count))
        rect = pdfium_c.FS_RECTF()
        ox, oy = ctypes.c_double(), ctypes.c_double()
        rect_p, ox_p, oy_p = ctypes.addressof(rect), ctypes.addressof(ox), ctypes.addressof(oy)
        get_box, get_origin, get_size, get_object = _get_box, _get_origin, _get_size, _get_object
        fonts: dict[int | None, tuple[int, str, bool]] = {}
        chars: list[Char] = []
        append = chars.append
        dropped = 0
        space = False
        for i, ch in enumerate(bulk):
            if ch in _SPACE_CHARS:
                # Spaces are kept as a flag on the next glyph: their boxes can overlap it.
                space = True
                continue
            key = get_object(handle, i)
            font = fonts.get(key)
            if font is None:
                font = _font_info(key, len(fonts))
                fonts[key] = font
            font_id, kind, bold = font
            text = _TEXT.get(ch)
            if text is None:
                text = _TEXT[ch] = _char_text(ch)
            # Icon fonts draw pictures: their private-use code points are debris (dropped
            # here), but text attributed to them is real (LuaTeX gives an email behind a mail
            # icon as ActualText), so it is kept.
            if not text:
                if kind == "bullet" and "\ue000" <= ch <= "\uf8ff":
                    text = "\u2022"
                else:
                    dropped += 1
                    continue
            get_box(handle, i, rect_p)
            get_origin(handle, i, ox_p, oy_p)
            append(
                Char(
                    text,
                    rect.left,
                    height - rect.top,
                    rect.right,
                    height - rect.bottom,
                    height - oy.value,
                    get_size(handle, i),
                    font_id,
                    bold,
                    space,
                )
            )
            space = False
        return chars, dropped
    finally:
        textpage.close()


_SPACE_CHARS = frozenset(" \t\u00a0\r\n")
# PDFium marks a hyphen that ends a line with 0x02, and some soft hyphens come as U+FFFE
_TEXT: dict[str, str] = {"\x02": "\u00ad", "\ufffe": "\u00ad"}


def _code_char(code: int) -> str:
    try:
        return chr(code)
    except ValueError:
        return "\ufffd"


def _char_text(ch: str) -> str:
    """The character as text, or '' for debris (unmapped, private-use, controls, zero-width)."""
    code = ord(ch)
    if code == 0xFFFD or 0xE000 <= code <= 0xF8FF or code >= 0xF0000:
        return ""
    if code < 0x20 or code in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF):
        return ""
    return ch


def _font_info(address: int | None, next_id: int) -> tuple[int, str, bool]:
    """(font id, kind: text|bullet, bold) for the text object a character belongs to."""
    if not address:
        return next_id, "text", False
    obj = ctypes.cast(address, pdfium_c.FPDF_PAGEOBJECT)
    font = pdfium_c.FPDFTextObj_GetFont(obj)
    if not font:
        return next_id, "text", False
    buf = ctypes.create_string_buffer(256)
    pdfium_c.FPDFFont_GetBaseFontName(font, buf, 256)
    name = buf.value.decode("latin-1", errors="replace")
    weight = pdfium_c.FPDFFont_GetWeight(font)
    kind = "bullet" if _BULLET_FONT.search(name) else "text"
    return next_id, kind, bool(_BOLD_FONT.search(name)) or weight >= 600


def _graphics(page: pdfium.PdfPage, area: float) -> tuple[bool, bool]:
    """(a large image, ruling lines that may frame a table) in one pass over page objects."""
    horizontal: list[tuple[float, float, float]] = []  # (y, x0, x1)
    vertical: list[tuple[float, float, float]] = []  # (x, y0, y1)
    large_image = False
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    bounds = [ctypes.byref(v) for v in (left, bottom, right, top)]
    for obj in _objects(page.raw):
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind not in (pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_PATH):
            continue
        if not pdfium_c.FPDFPageObj_GetBounds(obj, *bounds):
            continue
        w, h = right.value - left.value, top.value - bottom.value
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            # an image over a tenth of the page: text in it is invisible to an ATS
            large_image = large_image or w * h > 0.1 * area
        elif h < 2.5 and w > 30:
            horizontal.append(((top.value + bottom.value) / 2, left.value, right.value))
        elif w < 2.5 and h > 12:
            vertical.append(((left.value + right.value) / 2, bottom.value, top.value))
        elif w > 12 and h > 8 and pdfium_c.FPDFPath_CountSegments(obj) <= 6:
            # a cell drawn as a rectangle: its four edges are rules
            horizontal += [(bottom.value, left.value, right.value), (top.value, left.value, right.value)]
            vertical += [(left.value, bottom.value, top.value), (right.value, bottom.value, top.value)]
    return large_image, _grid(horizontal, vertical)


def _objects(page: Any, depth: int = 0) -> Iterator[Any]:
    """Page objects, looking one level into form XObjects (where some tools put everything)."""
    for i in range(
        pdfium_c.FPDFPage_CountObjects(page) if depth == 0 else pdfium_c.FPDFFormObj_CountObjects(page)
    ):
        obj = pdfium_c.FPDFPage_GetObject(page, i) if depth == 0 else pdfium_c.FPDFFormObj_GetObject(page, i)
        if depth == 0 and pdfium_c.FPDFPageObj_GetType(obj) == pdfium_c.FPDF_PAGEOBJ_FORM:
            yield from _objects(obj, depth + 1)
        else:
            yield obj


def _grid(horizontal: list[tuple[float, float, float]], vertical: list[tuple[float, float, float]]) -> bool:
    """Ruling lines that cross in a grid (at least two by two): worth asking pdfplumber."""
    if len(horizontal) < 2 or len(vertical) < 2:
        return False
    # Four rules of one rectangle cross four times; a grid has rules crossing at several
    # distinct places along both axes.
    xs: set[int] = set()
    ys: set[int] = set()
    for y, x0, x1 in horizontal:
        for x, y0, y1 in vertical:
            if x0 - 2 <= x <= x1 + 2 and y0 - 2 <= y <= y1 + 2:
                xs.add(round(x))
                ys.add(round(y))
                if len(xs) >= 3 and len(ys) >= 3:
                    return True
    return False


def _confirm_tables(data: bytes, index: int) -> bool:
    """pdfplumber's table finder on one page, only after the pre-check says it may pay off."""
    import io

    import pdfplumber

    try:
        with pdfplumber.open(io.BytesIO(data), pages=[index + 1]) as doc:
            for table in doc.pages[0].find_tables():
                cells = table.extract()
                if len(cells) >= 2 and max(len(row) for row in cells) >= 2:
                    return True
    except Exception:  # pdfplumber is stricter than PDFium; a failure here is not a table
        return False
    return False


def _drop_running_heads(pages: list[tuple[list[LayoutLine], float, float]]) -> list[SourceLine]:
    """Drop page numbers and the repeats of running headers/footers; keep first occurrences."""

    def key(text: str) -> str:
        return re.sub(r"\d+", "#", text.casefold()).strip()

    def zone(line: LayoutLine, height: float) -> str:
        if line.bottom < MARGIN * height:
            return "header"
        if line.top > (1 - MARGIN) * height:
            return "footer"
        return "body"

    seen_on: Counter[str] = Counter()
    if len(pages) > 1:
        for lines, _, height in pages:
            keys = {key(ln.text) for ln in lines if zone(ln, height) != "body"}
            seen_on.update(keys)
    out: list[SourceLine] = []
    emitted: set[str] = set()
    for number, (lines, _, height) in enumerate(pages, start=1):
        for ln in lines:
            where = zone(ln, height)
            if where != "body":
                if _PAGE_NUMBER.match(ln.text.replace("\t", " ").strip()):
                    continue
                k = key(ln.text)
                if seen_on[k] > 1:
                    # A running head is noise, unless it carries contact details: keep those once.
                    if k in emitted or not _CONTACTISH.search(ln.text):
                        continue
                    emitted.add(k)
                else:
                    where = "body"  # a one-off line near the edge is ordinary content
            out.append(
                SourceLine(
                    text=ln.text,
                    location=Location(
                        page=number,
                        bbox=BBox(round(ln.x0, 1), round(ln.top, 1), round(ln.x1, 1), round(ln.bottom, 1)),
                        column=ln.column,
                        region=where,  # type: ignore[arg-type]
                    ),
                    font_size=round(ln.size, 1),
                    bold=ln.bold,
                )
            )
    return out
