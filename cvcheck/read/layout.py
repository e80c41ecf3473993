"""Page geometry → lines in reading order. Pure functions over plain records, no PDF engine.

The PDF reader hands over positioned characters; this module finds text rows, splits them
into segments at wide gaps, decides whether the page has independent columns (read column by
column) or only side labels and right-aligned dates that belong to the row beside them (read
row by row, fields joined with a tab), and emits lines in that order.
"""

from __future__ import annotations

import bisect
import unicodedata
from dataclasses import dataclass
from statistics import median
from typing import NamedTuple


class Char(NamedTuple):
    """One positioned character; y grows downwards from the top of the page (points)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    base: float  # baseline y
    size: float
    font: int  # index into the page's font table
    bold: bool
    space_before: bool = False  # the file has a space (real or PDFium's) before this glyph


@dataclass
class Segment:
    """Characters on one baseline with no wide gap between them."""

    chars: list[Char]
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    base: float
    size: float
    bold: bool


@dataclass(frozen=True)
class LayoutLine:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool
    column: int


@dataclass(frozen=True)
class PageLayout:
    lines: list[LayoutLine]
    columns: int  # 1, or 2 when the page was read column by column


# Spacing accents that old TeX fonts draw as separate glyphs over a letter ("Ing´enieur").
_SPACING_ACCENTS = {
    "\u00b4": "\u0301",  # acute
    "`": "\u0300",
    "\u02cb": "\u0300",
    "\u00a8": "\u0308",  # diaeresis
    "\u02c6": "\u0302",  # circumflex
    "^": "\u0302",
    "\u02dc": "\u0303",  # tilde
    "~": "\u0303",
    "\u00b8": "\u0327",  # cedilla
    "\u02d8": "\u0306",  # breve
    "\u02c7": "\u030c",  # caron
    "\u02d9": "\u0307",  # dot above
    "\u02da": "\u030a",  # ring above
    "\u00af": "\u0304",  # macron
    "\u02dd": "\u030b",  # double acute
}

SPACE_GAP = 0.14  # em: a gap wider than this between glyphs is a word space
SEGMENT_GAP = 1.1  # em: a gap wider than this splits a row into separate segments


def combine_accents(chars: list[Char]) -> list[Char]:
    """Fold spacing accents into the letter they are drawn over ("Ing´enieur" → "Ingénieur").

    Geometry decides, not stream order: over capitals TeX raises the accent and may draw it
    long after the letter.
    """
    accents = [i for i, c in enumerate(chars) if c.text in _SPACING_ACCENTS]
    if not accents:
        return chars
    letters = sorted((c.x0, i) for i, c in enumerate(chars) if c.text.isalpha())
    starts = [x for x, _ in letters]
    out = list(chars)
    used: set[int] = set()
    drop: set[int] = set()
    for ai in accents:
        a = chars[ai]
        centre = (a.x0 + a.x1) / 2
        best, best_dist = -1, 0.0
        k = bisect.bisect_right(starts, centre + 0.5)
        while k > 0 and starts[k - 1] >= centre - 2 * max(a.size, 1.0):
            k -= 1
            li = letters[k][1]
            c = chars[li]
            rise = c.base - a.base  # how far the accent sits above the letter's baseline
            if li in used or c.x1 + 0.5 < centre or not -0.5 <= rise <= 0.8 * max(c.size, 1.0):
                continue
            if best < 0 or rise < best_dist:
                best, best_dist = li, rise
        if best >= 0:
            used.add(best)
            drop.add(ai)
            out[best] = _with_mark(chars[best], _SPACING_ACCENTS[a.text])
    return [c for i, c in enumerate(out) if i not in drop]


def _with_mark(c: Char, mark: str) -> Char:
    return c._replace(text=unicodedata.normalize("NFC", c.text + mark))


def rows(chars: list[Char]) -> list[list[Char]]:
    """Group characters into rows by baseline; superscripts join the row they sit on."""
    if not chars:
        return []
    ordered = sorted(chars, key=lambda c: (c.base, c.x0))
    groups: list[list[Char]] = []
    anchor = ordered[0].base
    current: list[Char] = []
    for c in ordered:
        tol = max(1.0, 0.3 * c.size)
        if current and c.base - anchor > tol:
            groups.append(current)
            current = []
            anchor = c.base
        if not current:
            anchor = c.base
        current.append(c)
    groups.append(current)
    merged = _merge_raised(groups)
    for g in merged:
        g.sort(key=lambda c: c.x0)
    return merged


def _merge_raised(groups: list[list[Char]]) -> list[list[Char]]:
    """A row of small glyphs whose band lies inside the next row's band is a superscript."""
    out: list[list[Char]] = []
    i = 0
    while i < len(groups):
        g = groups[i]
        if i + 1 < len(groups):
            nxt = groups[i + 1]
            size_g = max(c.size for c in g)
            size_n = median(c.size for c in nxt)
            top_n = min(c.top for c in nxt)
            bottom_n = max(c.bottom for c in nxt)
            base_g = g[0].base
            same_x = (
                min(c.x0 for c in g) >= min(c.x0 for c in nxt) - size_n
                and max(c.x1 for c in g) <= max(c.x1 for c in nxt) + size_n
            )
            if size_g < 0.85 * size_n and top_n - 1 <= base_g <= bottom_n and same_x:
                out.append(g + nxt)
                i += 2
                continue
        out.append(g)
        i += 1
    return out


def segments(row: list[Char]) -> list[Segment]:
    """Split an x-sorted row at wide gaps and build each segment's text with word spaces."""
    out: list[Segment] = []
    start = 0
    n = len(row)
    for i in range(1, n + 1):
        if i < n:
            prev, c = row[i - 1], row[i]
            gap = c.x0 - prev.x1
            a = prev.size if prev.size > 1.0 else 1.0
            b = c.size if c.size > 1.0 else 1.0
            small, big = (a, b) if a <= b else (b, a)
            # a wide gap, or a clear gap where the type size changes (a side label)
            if gap <= SEGMENT_GAP * big and (big <= 1.15 * small or gap <= 0.5 * big):
                continue
        out.append(_segment(row[start:i]))
        start = i
    return out


def _segment(chunk: list[Char]) -> Segment:
    parts: list[str] = []
    prev: Char | None = None
    last = len(chunk) - 1
    x0 = top = float("inf")
    x1 = bottom = float("-inf")
    bold = 0
    for i, c in enumerate(chunk):
        text = c.text
        if text == "\u00ad" and i < last:
            # Some fonts map their visible hyphen to U+00AD; only a row's last one is a
            # hyphenation point.
            text = "-"
        if prev is not None:
            em = prev.size if prev.size > c.size else c.size
            if c.space_before or c.x0 - prev.x1 > SPACE_GAP * (em if em > 1.0 else 1.0):
                parts.append(" ")
        parts.append(text)
        prev = c
        x0 = c.x0 if c.x0 < x0 else x0
        x1 = c.x1 if c.x1 > x1 else x1
        top = c.top if c.top < top else top
        bottom = c.bottom if c.bottom > bottom else bottom
        bold += c.bold
    sizes = sorted(c.size for c in chunk)
    bases = sorted(c.base for c in chunk)
    return Segment(
        chars=chunk,
        text="".join(parts),
        x0=x0,
        x1=x1,
        top=top,
        bottom=bottom,
        base=bases[len(bases) // 2],
        size=sizes[len(sizes) // 2],
        bold=bold * 2 > len(chunk),
    )


@dataclass
class _Gutter:
    x0: float
    x1: float
    left: list[Segment]
    right: list[Segment]
    crossing: list[Segment]


def _side_counts(segs: list[Segment], bins: int) -> tuple[list[int], list[int], int]:
    """Prefix sums: characters of segments wholly left of x, wholly right of x, and in all."""
    ends = [0] * (bins + 2)
    starts = [0] * (bins + 2)
    total = 0
    for s in segs:
        n = len(s.chars)
        total += n
        ends[min(max(int(s.x1) + 1, 0), bins)] += n
        starts[min(max(int(s.x0), 0), bins)] += n
    left_at = [0] * (bins + 2)
    acc = 0
    for x in range(bins + 1):
        acc += ends[x]
        left_at[x] = acc
    right_at = [0] * (bins + 2)
    acc = 0
    for x in range(bins, -1, -1):
        acc += starts[x]
        right_at[x] = acc
    return left_at, right_at, total


def find_gutter(segs: list[Segment], width: float) -> _Gutter | None:
    """The vertical line that best splits the page into two sides with text on both.

    Each x is scored by the characters wholly on its poorer side, less a penalty for those of
    segments crossing it: heavy in the body (text does not cross a real gutter), light in the
    page's top band, where a name banner spans both columns.
    """
    if len(segs) < 8 or width <= 0:
        return None
    bins = int(width) + 1
    top = min(s.top for s in segs)
    band = top + 0.2 * (max(s.bottom for s in segs) - top)
    left_at, right_at, total = _side_counts(segs, bins)
    b_left, b_right, b_total = _side_counts([s for s in segs if s.top > band], bins)
    best_x, best_q = -1, 0.0
    for x in range(int(0.08 * width), int(0.92 * width)):
        left, right = left_at[x], right_at[x + 1]
        crossing = total - left - right
        body_crossing = b_total - b_left[x] - b_right[x + 1]
        q = min(left, right) - 3 * body_crossing - 0.5 * (crossing - body_crossing)
        if q > best_q:
            best_x, best_q = x, q
    if best_x < 0 or best_q < 40:
        return None
    cross = total - left_at[best_x] - right_at[best_x + 1]
    g0 = best_x
    while g0 > 0 and total - left_at[g0 - 1] - right_at[g0] == cross:
        g0 -= 1
    g1 = best_x
    while g1 < bins - 1 and total - left_at[g1 + 1] - right_at[g1 + 2] == cross:
        g1 += 1
    mid = best_x + 0.5
    # Across a narrow gutter, a left line and a right line on one baseline can fuse into one
    # segment: cut them apart where a gap spans the gutter.
    segs = [part for s in segs for part in _split_at(s, mid)]
    left_segs = [s for s in segs if s.x1 < mid]
    right_segs = [s for s in segs if s.x0 > mid]
    crossing_segs = [s for s in segs if s.x0 <= mid <= s.x1]
    if len(left_segs) < 4 or len(right_segs) < 4 or g1 - g0 < 3:
        return None
    return _Gutter(float(g0), float(g1), left_segs, right_segs, crossing_segs)


def _split_at(seg: Segment, x: float) -> list[Segment]:
    if not seg.x0 < x < seg.x1:
        return [seg]
    chars = seg.chars
    for i in range(1, len(chars)):
        if chars[i - 1].x1 - 0.5 <= x <= chars[i].x0 + 0.5:
            return [_segment(chars[:i]), _segment(chars[i:])]
    return [seg]


def _aligned_share(side: list[Segment], other: list[Segment]) -> float:
    """Share of ``side``'s segments that sit on the same baseline as one of ``other``'s."""
    if not side:
        return 0.0
    bases = sorted(s.base for s in other)
    hits = 0
    for s in side:
        tol = max(0.5, 0.12 * s.size)  # rows that belong together share a baseline exactly
        i = bisect.bisect_left(bases, s.base - tol)
        if i < len(bases) and bases[i] <= s.base + tol:
            hits += 1
    return hits / len(side)


def is_column_layout(g: _Gutter) -> bool:
    """Independent columns, rather than labels or dates that belong to the row beside them."""
    small, big = sorted((g.left, g.right), key=lambda side: sum(len(s.chars) for s in side))
    return _aligned_share(small, big) < 0.6


def layout_page(chars: list[Char], width: float) -> PageLayout:
    """Lines of one page in reading order."""
    chars = combine_accents(chars)
    segs = [s for r in rows(chars) for s in segments(r)]
    gutter = find_gutter(segs, width)
    if gutter is None or not is_column_layout(gutter):
        return PageLayout(_lines(segs, column=0), columns=1)
    # Column by column, within bands cut by full-width lines (a name banner, a wide heading).
    crossing = sorted(gutter.crossing, key=lambda s: s.top)
    cuts = [s.top for s in crossing]
    out: list[LayoutLine] = []

    def band_of(s: Segment) -> int:
        return bisect.bisect_right(cuts, s.top)

    bands: dict[int, tuple[list[Segment], list[Segment]]] = {}
    for s in gutter.left:
        bands.setdefault(band_of(s), ([], []))[0].append(s)
    for s in gutter.right:
        bands.setdefault(band_of(s), ([], []))[1].append(s)
    for b in range(len(cuts) + 1):
        if b > 0:
            out.extend(_lines([crossing[b - 1]], column=0))
        left, right = bands.get(b, ([], []))
        out.extend(_lines(left, column=0))
        out.extend(_lines(right, column=1))
    return PageLayout(out, columns=2)


def _lines(segs: list[Segment], column: int) -> list[LayoutLine]:
    """Join segments on the same baseline into lines (fields separated by a tab), top to bottom."""
    if not segs:
        return []
    ordered = sorted(segs, key=lambda s: (s.base, s.x0))
    groups: list[list[Segment]] = [[ordered[0]]]
    for s in ordered[1:]:
        last = groups[-1]
        if abs(s.base - last[0].base) <= 0.3 * max(s.size, last[0].size):
            last.append(s)
        else:
            groups.append([s])
    out: list[LayoutLine] = []
    for g in groups:
        g.sort(key=lambda s: s.x0)
        size = max(s.size for s in g)
        out.append(
            LayoutLine(
                text="\t".join(s.text for s in g),
                x0=g[0].x0,
                top=min(s.top for s in g),
                x1=max(s.x1 for s in g),
                bottom=max(s.bottom for s in g),
                size=size,
                bold=all(s.bold for s in g),
                column=column,
            )
        )
    return out
