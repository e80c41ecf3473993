"""Roles from the experience section: title, employer and date range, and what follows from
them (years of experience, the most recent title)."""

from __future__ import annotations

import re
from datetime import date

from cvcheck.document import DateRange, Line, Role
from cvcheck.structure.vocab import vocab

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
    # French abbreviations, for the French resumes people send to US employers too
    "janv": 1, "févr": 2, "fév": 2, "mars": 3, "avr": 4, "mai": 5, "juin": 6, "juil": 7,
    "août": 8, "aout": 8, "déc": 12,
}  # fmt: skip
_MONTH = (
    r"(?P<mon{n}>jan(?:uary|v\.?|vier)?|feb(?:ruary)?|f[ée]v(?:r\.?|rier)?|mar(?:ch|s)?|apr(?:il)?|avr(?:il)?"
    r"|may|mai|june?|juin|july?|juil(?:\.|let)?|aug(?:ust)?|ao[uû]t|sep(?:t(?:ember|embre)?)?"
    r"|oct(?:ober|obre)?|nov(?:ember|embre)?|d[ée]c(?:ember|embre)?)\.?"
)
_YEAR = r"(?P<y{n}>(?:19|20)\d{{2}})"


def _date(n: int) -> str:
    return (
        rf"(?:{_MONTH.format(n=n)},?\s*['’]?\s*{_YEAR.format(n=n)}"
        rf"|(?P<m{n}>1[0-2]|0?[1-9])\s*[/.]\s*{_YEAR.format(n=n).replace('?P<y', '?P<z')}"
        rf"|(?P<i{n}>(?:19|20)\d{{2}})\s*[-/.年]\s*(?P<im{n}>1[0-2]|0?[1-9])(?:\s*[-/.]\s*\d{{1,2}})?\s*月?"
        rf"|(?P<k{n}>(?:19|20)\d{{2}})\s*년\s*(?P<km{n}>1[0-2]|0?[1-9])\s*월"
        rf"|(?P<b{n}>(?:19|20)\d{{2}})(?!\d))"
    )


_PRESENT = "|".join(sorted((re.escape(w) for w in vocab().present_words), key=len, reverse=True))
_RANGE = re.compile(
    rf"(?<![\w/.-])(?:since\s+)?{_date(1)}\s*(?:[-–—‒―~→]+|\bto\b|\buntil\b|\btill\b|\bà\b|\bau\b)\s*"
    rf"(?:{_date(2)}|(?P<present>{_PRESENT})\b)",
    re.IGNORECASE,
)
_ONE_DATE = re.compile(rf"{_date(1)}\s*[-–—]?", re.IGNORECASE)
_SINCE = re.compile(rf"\bsince\s+{_date(1)}", re.IGNORECASE)
# "June - August 2017": the start month borrows the end's year
_SAME_YEAR = re.compile(
    rf"(?<![\w/.-]){_MONTH.format(n=0)}\s*(?:[-–—~]+|\bto\b)\s*{_MONTH.format(n=2)},?\s*{_YEAR.format(n=2)}",
    re.IGNORECASE,
)


def _parse(match: re.Match[str], n: int) -> date | None:
    g = match.groupdict()
    if g.get(f"y{n}"):
        mon = g[f"mon{n}"].casefold().rstrip(".")
        month = _MONTHS.get(mon[:4], _MONTHS.get(mon[:3], 1))
        return date(int(g[f"y{n}"]), month, 1)
    if g.get(f"z{n}"):
        return date(int(g[f"z{n}"]), int(g[f"m{n}"]), 1)
    if g.get(f"i{n}"):
        return date(int(g[f"i{n}"]), int(g[f"im{n}"]), 1)
    if g.get(f"k{n}"):
        return date(int(g[f"k{n}"]), int(g[f"km{n}"]), 1)
    if g.get(f"b{n}"):
        return date(int(g[f"b{n}"]), 1, 1)
    return None


def find_date_range(text: str) -> DateRange | None:
    """The first date range in ``text`` ("Mar 2021 – Present", "2019-06 to 2020-01")."""
    m = _RANGE.search(text)
    if m:
        start = _parse(m, 1)
        end = None if m.group("present") else _parse(m, 2)
        if start is not None and (end is None or end >= start) and (m.group("present") or end):
            if end is not None and m.group("b2") and not m.group("b1"):
                end = date(end.year, 12, 1)  # "Mar 2019 – 2021": through 2021
            elif end is not None and m.group("b2"):
                end = date(end.year, 12, 1) if end.year > start.year else date(end.year, 6, 1)
            return DateRange(start=start, end=end, text=m.group(0).strip())
    m = _SAME_YEAR.search(text)
    if m:
        end = _parse(m, 2)
        start_month = _MONTHS.get(m.group("mon0").casefold().rstrip(".")[:4], 0) or _MONTHS.get(
            m.group("mon0").casefold()[:3], 1
        )
        if end is not None and start_month <= end.month:
            return DateRange(start=date(end.year, start_month, 1), end=end, text=m.group(0).strip())
    m = _SINCE.search(text)
    if m and (start := _parse(m, 1)):
        return DateRange(start=start, end=None, text=m.group(0).strip())
    return None


_STRONG_SPLIT = re.compile(r"\t|\s+[|·•—–]\s+|\s+-\s+|\s*\|\s*")
_WEAK_SPLIT = re.compile(r"\s+@\s+|\s+at\s+|,\s+")
_TRAILING_PLACE = re.compile(r",\s*[A-Z][\w .'’-]*,\s*(?:[A-Z]{2}|[A-Z][a-z]+)$")
_CITY_STATE = re.compile(r"^[A-Z][\w .'’-]+,\s*[A-Z]{2}$|^[A-Z]{2}$")


def is_single_date(text: str) -> bool:
    """The text is one date and nothing else ("May 2018", "2019-06")."""
    return bool(_ONE_DATE.fullmatch(text.strip()))


def _fields(text: str) -> list[str]:
    """Header fields: split at strong separators (tabs, bars, dots, dashes); commas and "at"
    split only a header that has no strong separator ("Nexus AI, Co-Founder & CTO")."""
    strong = [_TRAILING_PLACE.sub("", f).strip(" ()[]") for f in _STRONG_SPLIT.split(text)]
    strong = [f for f in strong if f]
    if len(strong) > 1:
        return strong
    only = _TRAILING_PLACE.sub("", strong[0]) if strong else ""
    weak = [f.strip(" ()[]") for f in _WEAK_SPLIT.split(only) if f.strip(" ()[]")]
    if len(weak) >= 3 and _is_title(weak[0]) and not _is_title(weak[-1]):
        # "Software Engineer, Data Platform, Tidewater Analytics": the employer comes last
        return [", ".join(weak[:-1]), weak[-1]]
    return weak


def _is_title(field: str) -> bool:
    words = set(re.findall(r"[\w-]+", field.casefold()))
    words |= {w.rstrip("s") for w in words}
    return bool(words & vocab().title_words) or any(
        w in field for w in vocab().title_words if not w.isascii()
    )


_PLACE = re.compile(r"^[A-Z][\w .'’-]*,\s*(?:[A-Z]{2}|[A-Z][\w .'’-]+)$")


def _is_place(part: str) -> bool:
    """A whole column that names a place: "San Francisco, CA", "London, UK", "Paris, France"."""
    return bool(_PLACE.match(part)) and not _is_title(part) and len(part.split()) <= 5


def _is_location(field: str) -> bool:
    return bool(_CITY_STATE.match(field)) or field.casefold() in vocab().location_words


def _header_fields(texts: list[str], dates: DateRange) -> list[str]:
    fields: list[str] = []
    for text in texts:
        # whole tab-separated columns that are places ("San Francisco, CA") go first, before
        # commas split them apart
        parts = [p for p in text.replace(dates.text, "\t").split("\t") if not _is_place(p.strip())]
        for field in _fields("\t".join(parts)):
            if find_date_range(field) or _ONE_DATE.fullmatch(field) or _is_location(field):
                continue
            if not re.search(r"\w", field) or field.casefold() in vocab().present_words:
                continue
            fields.append(field)
    return fields


def find_roles(lines: list[Line], stated: dict[int, tuple[str, str]]) -> list[Role]:
    """Roles in the experience section: each date range on a non-bullet line anchors one.

    ``stated`` maps a line number to the (title, employer) its format states outright.
    """
    exp = [ln for ln in lines if ln.section == "experience" and ln.kind != "heading"]
    roles: list[Role] = []
    for i, line in enumerate(exp):
        if line.kind == "bullet":
            continue
        dates = find_date_range(line.text)
        if dates is None and i + 1 < len(exp) and exp[i + 1].kind == "text":
            # a date column: "May 2018" on one row, "current" on the next
            first, below = line.text.split("\t")[0], exp[i + 1].text.split("\t")[0]
            if len(below.split()) <= 3:
                dates = find_date_range(f"{first.rstrip(' -–—')} – {below}")
        if dates is None:
            continue
        block = [line]
        # Header lines sit right above or below the dated line, before any bullet.
        j = i - 1
        while j >= 0 and len(block) < 4 and _header_candidate(exp[j], line):
            block.insert(0, exp[j])
            j -= 1
        j = i + 1
        while j < len(exp) and len(block) < 4 and _header_candidate(exp[j], line):
            block.append(exp[j])
            j += 1
        stated_role = next((stated[b.number] for b in block if b.number in stated), None)
        if stated_role:
            title, employer = stated_role
        else:
            fields = _header_fields([b.text for b in block], dates)
            titles = [f for f in fields if _is_title(f)]
            title = titles[0] if titles else (fields[0] if fields else "")
            others = [f for f in fields if f != title]
            employer = others[0] if others else ""
        roles.append(Role(title=title, employer=employer, dates=dates, line=block[0].number))
    return roles


def _header_candidate(other: Line, dated: Line) -> bool:
    return (
        other.kind == "text"
        and find_date_range(other.text) is None
        and len(other.text) < 90
        and abs(other.number - dated.number) <= 3
    )


def years_of_experience(roles: list[Role], today: date) -> float | None:
    """Years covered by the roles' date ranges, overlaps counted once."""
    # An end month counts in full: "Mar 2019 – May 2019" is three months, and back-to-back
    # roles ("– Feb 2022", "Mar 2022 –") leave no gap.
    spans = sorted(
        (r.dates.start, min(_month_after(r.dates.end) if r.dates.end else today, today))
        for r in roles
        if r.dates is not None
    )
    if not spans:
        return None
    total = 0
    cur_start, cur_end = spans[0]
    for start, end in spans[1:]:
        if start <= cur_end:
            cur_end = max(cur_end, end)
        else:
            total += (cur_end - cur_start).days
            cur_start, cur_end = start, end
    total += (cur_end - cur_start).days
    return round(max(total, 0) / 365.25, 1)


def _month_after(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def latest_title(roles: list[Role], today: date) -> str | None:
    dated = [r for r in roles if r.dates is not None and r.title]
    if not dated:
        return next((r.title for r in roles if r.title), None)
    best = max(dated, key=lambda r: (r.dates.end or today, r.dates.start))  # type: ignore[union-attr]
    return best.title
