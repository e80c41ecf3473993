"""Page geometry → reading order, on pages laid out here glyph by glyph (the layout stage is
pure: it takes positioned characters, so its decisions can be pinned exactly)."""

from __future__ import annotations

from cvcheck.read.layout import Char, combine_accents, layout_page

WIDTH = 612.0


def text_at(text: str, x: float, base: float, size: float = 10.0, *, advance: float = 0.5) -> list[Char]:
    """Glyphs of ``text`` set from x on baseline ``base``; a space becomes a 0.3 em gap."""
    out: list[Char] = []
    space = False
    for ch in text:
        if ch == " ":
            x += 0.3 * size
            space = True
            continue
        w = advance * size
        out.append(Char(ch, x, base - 0.8 * size, x + w, base + 0.2 * size, base, size, 0, False, space))
        x += w
        space = False
    return out


def lines(chars: list[Char]) -> list[tuple[str, int]]:
    page = layout_page(chars, WIDTH)
    return [(ln.text, ln.column) for ln in page.lines]


def test_words_are_spaced_by_gaps_even_without_space_characters() -> None:
    glyphs = text_at("Deployed", 50, 100)
    glyphs += text_at("models", glyphs[-1].x1 + 3.0, 100)  # a 0.3 em gap, no space glyph
    glyphs += text_at("fast", glyphs[-1].x1 + 0.4, 100)  # kerning-size gap: same word
    assert lines(glyphs) == [("Deployed modelsfast", 0)]


def test_independent_columns_are_read_column_by_column() -> None:
    chars: list[Char] = []
    for i in range(12):  # a sidebar with its own leading
        chars += text_at(f"Sidebar item {i}", 40, 100 + i * 13.0, 9.0)
    for i in range(15):  # the main column, rows not aligned with the sidebar's
        chars += text_at(f"Main column sentence number {i} with words", 230, 104 + i * 11.0)
    page = layout_page(chars, WIDTH)
    assert page.columns == 2
    texts = [ln.text for ln in page.lines]
    assert texts[:12] == [f"Sidebar item {i}" for i in range(12)]
    assert texts[12:] == [f"Main column sentence number {i} with words" for i in range(15)]


def test_side_labels_on_the_rows_they_belong_to_stay_on_those_rows() -> None:
    """Dates in a left label column share the baseline of their entry: one column, one row."""
    chars: list[Char] = []
    for i in range(8):
        base = 100 + i * 40.0
        chars += text_at(f"20{10 + i} - 20{11 + i}", 40, base)
        chars += text_at(f"Engineer at Company {i}", 200, base)
        chars += text_at("Did a thing that mattered to people", 200, base + 12)
        chars += text_at("Did another thing of real value", 200, base + 24)
    page = layout_page(chars, WIDTH)
    assert page.columns == 1
    assert page.lines[0].text == "2010 - 2011\tEngineer at Company 0"
    assert page.lines[1].text == "Did a thing that mattered to people"


def test_full_width_banner_comes_first_then_each_column() -> None:
    chars = text_at("Alexandra Example Banner Name Spanning The Page", 40, 50, 20.0)
    for i in range(10):
        chars += text_at(f"Left sidebar {i}", 40, 100 + i * 14.0)
    for i in range(10):
        chars += text_at(f"Right column line {i}", 300, 103 + i * 12.0)
    texts = [t for t, _ in lines(chars)]
    assert texts[0].startswith("Alexandra")
    assert texts[1:11] == [f"Left sidebar {i}" for i in range(10)]
    assert texts[11:] == [f"Right column line {i}" for i in range(10)]


def test_spacing_accent_is_folded_into_the_letter_under_it() -> None:
    glyphs = text_at("Ingenieur", 50, 100)
    e = glyphs[3]  # the 'e' after "Ing"
    accent = Char("´", e.x0 + 0.5, e.top, e.x1 - 0.5, e.top + 3, 100, 10.0, 0, False)
    raised = text_at("Ecole", 50, 120)
    cap = raised[0]
    cap_accent = Char("´", cap.x0 + 0.5, cap.top - 3, cap.x1 - 0.5, cap.top, 117.5, 10.0, 0, False)
    folded = combine_accents([*glyphs, accent, *raised, cap_accent])
    assert "".join(c.text for c in folded) == "IngénieurÉcole"


def test_superscript_joins_its_row() -> None:
    chars = text_at("21", 50, 100)
    chars += text_at("st", chars[-1].x1, 96.5, 6.0)  # raised and smaller
    chars += text_at(" January", chars[-1].x1, 100)
    assert [t for t, _ in lines(chars)] == ["21st January"]


def test_visible_hyphen_mapped_to_soft_hyphen_is_kept_mid_line_only() -> None:
    chars = text_at("high\u00adimpact infra\u00ad", 50, 100)
    assert [t for t, _ in lines(chars)] == ["high-impact infra\u00ad"]
