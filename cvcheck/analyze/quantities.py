"""Numbers in a resume line, and whether they state an outcome (the eval README's *quantified*).

A number counts unless something says it is not an outcome. Number SHAPES are code: versions
(``2.x``, ``v2``, ``1.2.3``), years, dates, ranges, money, percentages, multipliers, unit
suffixes, model sizes (``72B``), identifiers glued to letters (``H100``, ``AI-102``), metric
names (``p99``, ``recall@10``) and the ``24/7`` schedule; so is the grammar of a limit (a number
after "more than", "above" ... inside a clause a condition opens: "pages the on-call when a
feature is more than 15 minutes stale"). WORDS are data (outcomes.toml): ``[[not_outcome]]``
phrases around a number ("team of ...", "... years of experience"), ``[[change_word]]`` words
and frames that state a change without digits ("halved", "from ... to ...", whose slots also
take spans of time: "in minutes instead of days"), and ``[[outcome]]`` phrases and units that
say which metric a number measures.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cvcheck.analyze.nlp import phrase_matcher, stem, words
from cvcheck.lexicon.model import Lexicon

if TYPE_CHECKING:
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc, Token


@dataclass(frozen=True)
class Evidence:
    """Words of a line that a judgment rests on, with where they are and what backs them."""

    text: str  # the words as they appear in the line
    start: int  # character offsets into the line text
    end: int
    kind: str  # quantity | change | vague | term | verb | not_outcome | not_vague | not_stage
    id: str = ""  # lexicon entry id (outcome, vague phrase, term ...), or a reason for not_outcome
    stage: str | None = None
    sources: tuple[str, ...] = ()  # lexicon source ids backing this evidence


@dataclass(frozen=True)
class Quantities:
    """What makes a line quantified, and the numbers that do not count with the reason."""

    outcomes: tuple[Evidence, ...]
    ignored: tuple[Evidence, ...]


# --- matching helpers (shared with bullets.py) ---------------------------------------------

Match = tuple[str, int, int]  # (key, first token, end token)
Word = tuple[str, str]  # (stem, inflection: "ed" | "ing" | "")


def all_matches(matcher: PhraseMatcher, doc: Doc) -> list[Match]:
    """Every match of a phrase matcher, overlapping ones included."""
    strings = doc.vocab.strings
    return [(strings[key], start, end) for key, start, end in matcher(doc)]


def longest(found: Iterable[Match]) -> list[Match]:
    """Non-overlapping matches, the longest winning (then the leftmost), in text order."""
    taken: set[int] = set()
    kept: list[Match] = []
    for key, start, end in sorted(found, key=lambda m: (m[1] - m[2], m[1])):
        if taken.isdisjoint(range(start, end)):
            kept.append((key, start, end))
            taken.update(range(start, end))
    return sorted(kept, key=lambda m: m[1])


def phrase_parts(phrase: str) -> list[tuple[Word, ...]]:
    """A phrase as word runs split at each "..." ("from ... to ..." → [(from), (to), ()]).

    "..." is tokenised as a digit so that "...-person" splits like "40-person"."""
    parts: list[list[Word]] = [[]]
    for word in words(phrase.replace("...", "7")):
        if word == "7":
            parts.append([])
        else:
            parts[-1].append((stem(word), inflection(word.lower())))
    return [tuple(p) for p in parts]


def stems_of(phrase: str) -> tuple[str, ...]:
    """The stems of a phrase without placeholders."""
    return tuple(w for part in phrase_parts(phrase) for w, _ in part)


def inflection(word: str) -> str:
    """The inflection a word shows ("ed", "ing" or ""). Stems meet across inflections; a
    phrase word keeps its own ("version ..." is the noun, so "Versioned 3 TB" does not match)."""
    return "ed" if word.endswith("ed") else "ing" if word.endswith("ing") else ""


# --- number shapes -------------------------------------------------------------------------

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SHAPE = re.compile(rf"(?:[~≈<>]|sub-?|under-)?(?P<cur>[$€£])?(?P<num>{_NUM})(?P<rest>.*)", re.S | re.I)
_LEAD = "([{\"'‘“#~≈<>"
_TRAIL = ")]}\"'’”.,;:!?"
_UNIT_SUFFIX = re.compile(r"ms|s|secs?|h|hrs?|mins?|m|d|w|wks?|ns|us|µs|[tgpmk]b|[tg]ib|rps|qps|tps", re.I)
_MAGNITUDE = re.compile(r"k|K|M|B|bn|BN|MM")
# a metric's name with a digit in it: "p99", "recall@10", "NDCG@5"
_PERCENTILE = re.compile(r"[pP]\d{2,3}(?:\.\d+)?|[A-Za-z]+@\d+")
# fiscal years, quarters and halves: "FY24", "Q3", "Q3'24", "H2"; not "H100"
_DATE_IDENT = re.compile(r"FY'?(?:\d{2}|\d{4})|(?:Q[1-4]|H[12])(?:'?\d{2}|\d{4})?", re.I)
# English calendar and number words, and the function words the rules lean on: language, not
# market vocabulary.
_MONTHS = frozenset(
    {
        *("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"),
        *("january", "february", "march", "april", "may", "june", "july", "august"),
        *("september", "october", "november", "december"),
    }
)
_NUMBER_WORDS = frozenset(
    {
        *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
        *("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen"),
        *("nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"),
        *("hundred", "thousand", "million", "billion", "dozen", "half"),
    }
)
# spans of time that state an amount on their own in a before/after frame
_DURATIONS = frozenset({"seconds", "minutes", "hours", "days", "weeks", "months", "overnight", "afternoon"})
_TIME_OF_DAY = frozenset({"am", "pm", "a.m.", "p.m."})
_YEAR_DETERMINERS = frozenset({"the", "its", "their", "our", "his", "her", "my", "this", "that"})
# words that may stand between a phrase and the number it governs ("team of about 4")
_APPROX = frozenset(
    {"a", "an", "the", "about", "around", "over", "nearly", "roughly", "approximately", "some"}
)
# words that join two numbers that share a fate ("from 1.7 to 1.9", "4 engineers and 2 interns")
_JOINERS = frozenset({"and", "or", "to", "-", "–", ",", "through", "until", "/", "&"})
_SKIP_TO_OWNER = frozenset({"from", "to", "and", "or", ",", "v", "version"})
_CLAUSE_PUNCT = frozenset({";", ".", ":"})
# a condition and the comparison that sets its limit ("when ... more than 3 points")
_CONDITIONS = frozenset({"when", "whenever", "if", "once", "unless"})
_COMPARISONS = frozenset({"than", "above", "below", "over", "under", "beyond", "past"})
_CROSSING = ("exceed", "cross", "breach", "surpass")


@dataclass
class _Number:
    """A number-like word of the line: where it is, its shape and, once judged, why it is not
    an outcome (``reason``) and which lexicon entry says so."""

    start: int
    end: int
    text: str
    shape: str  # money percent multiplier magnitude unit plain ident version cadence ordinal date
    first: int = 0  # token span
    last: int = 0
    reason: str | None = None
    sources: tuple[str, ...] = ()


def _scan(text: str) -> list[_Number]:
    """Every number-like word of the line with its shape (no judgement yet)."""
    found: list[_Number] = []
    for word in re.finditer(r"\S+", text):
        raw = word.group()
        lead = len(raw) - len(raw.lstrip(_LEAD))
        core = raw[lead:].rstrip(_TRAIL)
        at = word.start() + lead
        if not any(c.isdigit() for c in core):
            continue
        if core[0].isalpha() and not re.match(r"(?:sub|under)-?\d", core, re.I):
            found.append(_Number(at, at + len(core), core, _ident_shape(core)))
        elif m := _SHAPE.match(core):
            found.extend(_shaped(m, at))
    return found


def _ident_shape(core: str) -> str:
    if re.fullmatch(r"[vV]\d+(?:\.\w+)*", core):
        return "version"
    return "date" if _DATE_IDENT.fullmatch(core) else "ident"


def _shaped(m: re.Match[str], at: int) -> list[_Number]:
    """A word that starts with a number: its shape from what follows the digits."""
    num, rest, cur = m.group("num"), m.group("rest"), m.group("cur")
    start = at + (m.start("cur") if cur else m.start("num"))
    end = at + m.end("num")
    text = m.group(0)[start - at :]
    if len(rest) > 1 and rest.endswith("+"):
        rest = rest[:-1]  # "2M+", "30%+": the plus only says "at least"

    def one(shape: str, stop: int | None = None) -> list[_Number]:
        stop = start + len(text) if stop is None else stop
        return [_Number(start, stop, text[: stop - start], shape)]

    if cur:
        magnitude = re.match(r"(?:bn|BN|MM|[kKmMbB])(?![a-z])", rest)
        return one("money", end + (magnitude.end() if magnitude else 0))
    second = re.fullmatch(rf"[-–]({_NUM})", rest)
    if second:  # a range: 3-5, 2019-2021
        tail = end + 1
        return [
            _Number(start, end, num, "plain"),
            _Number(tail, tail + len(second.group(1)), second.group(1), "plain"),
        ]
    shapes = [
        (r"", "plain"),
        (r"%", "percent"),
        (r"[xX×]", "multiplier"),
        (_MAGNITUDE.pattern, "magnitude"),
        (_UNIT_SUFFIX.pattern, "unit"),
        (r"\.[xX*]|(?:\.\d+)+", "version"),
        (r"st|nd|rd|th", "ordinal"),
        (r"/\d{4}", "date"),
        (r"/\d+", "plain"),  # a fraction such as 9/10
    ]
    if num == "24" and rest in ("/7", "x7"):
        return one("cadence")
    for pattern, shape in shapes:
        if re.fullmatch(pattern, rest, re.I if shape == "unit" else 0):
            return one(shape)
    if rest == "+" or rest[:1] in "-–":  # "7+", "40-person": the rest stays context for phrases
        return one("plain", end)
    return one("ident")


@dataclass(frozen=True)
class _Template:
    """A [[not_outcome]] phrase split at its number: the words before and after it."""

    reason: str
    before: tuple[Word, ...]
    after: tuple[Word, ...]
    sources: tuple[str, ...]

    @property
    def stems(self) -> set[str]:
        return {w for w, _ in self.before + self.after}


@dataclass(frozen=True)
class _Frame:
    """A change frame such as "from ... to ...": literal stem runs and value slots (None)."""

    id: str
    items: tuple[tuple[str, ...] | None, ...]
    sources: tuple[str, ...]


class QuantityFinder:
    """Finds outcomes in lines; build once per lexicon (the matchers are compiled here)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self._outcomes = {o.id: o for o in lexicon.outcomes}
        self._outcome_matcher = phrase_matcher({o.id: o.phrases for o in lexicon.outcomes})
        owners: dict[str, set[str]] = {}  # unit stems → the outcomes that list the unit
        for o in lexicon.outcomes:
            for unit in o.units:
                owners.setdefault(" ".join(stems_of(unit)), set()).add(o.id)
        self._unit_owner = {u: next(iter(ids)) for u, ids in owners.items() if len(ids) == 1}
        self._kinds: dict[str, set[str]] = {}  # a counted noun → the outcomes it measures
        for unit, ids in owners.items():
            self._kinds.setdefault(unit.split()[-1], set()).update(ids)
        # nouns a number can count: unit words and the last word of each metric phrase
        self._counted = {u.split()[-1] for u in owners if u[:1].isalpha()}
        self._counted |= {stem(p.split()[-1]) for o in lexicon.outcomes for p in o.phrases if p[-1].isalpha()}
        # short units ("s", "ms", "us", "TB") match only as written: "5 US banks" has no unit
        self._short_units = {u for o in lexicon.outcomes for u in o.units if len(u) <= 2}
        self._templates = [
            _Template(n.reason, parts[0], parts[1], n.sources)
            for n in lexicon.not_outcomes
            for phrase in n.phrases
            if len(parts := phrase_parts(phrase)) == 2
        ]
        self._threshold_sources = next(
            (n.sources for n in lexicon.not_outcomes if n.reason == "threshold"), ()
        )
        self._ml_matcher = phrase_matcher(
            {m.id: m.phrases for m in lexicon.ml_context if m.kind == "context"}
        )
        self._changes = {c.id: c for c in lexicon.change_words if c.quantifies}
        plain = {c.id: [p for p in c.phrases if "..." not in p] for c in self._changes.values()}
        self._change_matcher = phrase_matcher({k: v for k, v in plain.items() if v})
        self._frames = [
            _Frame(c.id, _frame_items(p), c.sources)
            for c in self._changes.values()
            for p in c.phrases
            if "..." in p
        ]

    def find(self, doc: Doc) -> Quantities:
        """The outcomes (numbers with their metric, change words) and the ignored numbers."""
        numbers = _scan(doc.text)
        for n in numbers:
            span = doc.char_span(n.start, n.end, alignment_mode="expand")
            if span is not None:
                n.first, n.last = span.start, span.end
        phrases = longest(all_matches(self._outcome_matcher, doc))
        words = [(t.norm_, inflection(t.lower_)) for t in doc]
        present = {w for w, _ in words}
        templates = [t for t in self._templates if t.stems <= present]  # most cannot match: skip them
        for n in numbers:
            self._judge(n, doc, words, numbers, phrases, templates)
        values = [n for n in numbers if n.reason is None]
        outcomes = [self._quantity(n, doc, phrases) for n in values]
        outcomes += self._zero_words(doc) + self._change_words(doc) + self._frame_changes(doc, values)
        outcomes.sort(key=lambda e: (e.start, -e.end))
        ignored = [
            Evidence(n.text, n.start, n.end, "not_outcome", n.reason, sources=n.sources)
            for n in numbers
            if n.reason is not None
        ]
        return Quantities(tuple(_dedupe(outcomes)), tuple(ignored))

    # -- why a number is not an outcome ----------------------------------------------------

    def _judge(
        self,
        n: _Number,
        doc: Doc,
        words: list[Word],
        numbers: list[_Number],
        phrases: list[Match],
        templates: list[_Template],
    ) -> None:
        """Set ``n.reason`` (and the backing sources) when ``n`` is not an outcome."""
        if self._threshold(n, doc):
            n.reason, n.sources = "threshold", self._threshold_sources
            return
        if n.shape in ("money", "percent", "multiplier"):
            return
        if n.shape in ("version", "cadence", "date"):
            n.reason = n.shape
            return
        if n.shape in ("ident", "ordinal"):
            # "p99" is a metric's name; "H100", "AI-102", "Qwen2", "1st" name things
            n.reason = "metric_without_value" if _PERCENTILE.fullmatch(n.text) else "identifier"
            return
        template = next((t for t in templates if _fits(t, words, n, self._counted)), None)
        if template:
            n.reason, n.sources = template.reason, template.sources
            return
        n.reason = self._shape_reason(n, doc, numbers, phrases) or self._inherited(n, doc, numbers)

    @staticmethod
    def _threshold(n: _Number, doc: Doc) -> bool:
        """A limit in a condition: a number after a comparison word in a clause that a
        condition opens ("pages the on-call when a feature is more than 15 minutes stale",
        "stops the pipeline if over 2% of rows are missing"); a result stated after such a
        clause still counts."""
        if n.first == 0 or n.shape in ("version", "cadence", "date", "ident", "ordinal"):
            return False
        before = doc[n.first - 1]
        if before.lower_ not in _COMPARISONS and not before.norm_.startswith(_CROSSING):
            return False
        i = n.first - 1
        while i > 0 and doc[i - 1].text not in (*_CLAUSE_PUNCT, ","):
            i -= 1
            if doc[i].lower_ in _CONDITIONS:
                return True
        return False

    def _shape_reason(self, n: _Number, doc: Doc, numbers: list[_Number], phrases: list[Match]) -> str | None:
        """Years, dates, model sizes, and versions or identifiers after a name ("Helm 3")."""
        before = doc[n.first - 1] if n.first > 0 else None
        after = doc[n.last] if n.last < len(doc) else None
        counts = self._counts_after(doc, n.last)
        year = n.shape == "plain" and re.fullmatch(r"(?:19|20)\d\d", n.text) is not None
        if year and (not counts or (before is not None and before.lower_ in _YEAR_DETERMINERS)):
            return "year"  # "in 2024", "the 2023 model rebuilds"; not "2000 GPUs"
        if any(t is not None and t.lower_.rstrip(".") in _MONTHS for t in (before, after)):
            return "date"
        if year and before is not None and _DATE_IDENT.fullmatch(before.text):
            return "date"  # "Q3 2024"
        if after is not None and after.lower_ in _TIME_OF_DAY:
            return "date"
        if n.shape == "magnitude" and n.text[-1] in "BM" and self._model_size(n, doc):
            return "model_name"
        if any(m.last == n.first and m.reason == "identifier" for m in numbers):
            return "identifier"  # "A100 80GB": part of a hardware or model name
        if n.shape != "plain" or counts:
            return None
        owner = _owner(n, doc)
        if owner is None:
            return None
        previous = next((m for m in numbers if m.first <= owner.i < m.last), None)
        if previous is not None:
            return "version" if previous.reason in ("version", "identifier") else None  # "Llama 3.1 8"
        if _is_name(owner, phrases):
            return "identifier" if owner.text.isupper() and "." not in n.text else "version"
        return None

    def _inherited(self, n: _Number, doc: Doc, numbers: list[_Number]) -> str | None:
        """A bare number joined to an ignored one shares its reason ("2019 to 2021", "5
        engineers and 3 data scientists"): the joiner stands right before it, within four
        words, and it counts nothing or the same kind of thing (not "every 6 hours and 30
        models")."""
        if n.shape != "plain" or n.first == 0 or doc[n.first - 1].lower_ not in _JOINERS:
            return None
        earlier = [m for m in numbers if m.last <= n.first - 1 and n.first - m.last <= 4]
        if not earlier or earlier[-1].reason is None:
            return None
        if not all(t.is_alpha for t in doc[earlier[-1].last : n.first - 1]):
            return None
        own, other = _head(doc, n.last), _head(doc, earlier[-1].last)
        if own is None or other is None or own == other:
            return earlier[-1].reason  # "from 2 to 9 engineers": the noun is shared
        return earlier[-1].reason if self._kinds.get(own, set()) & self._kinds.get(other, set()) else None

    def _counts_after(self, doc: Doc, at: int) -> bool:
        """Whether a counted unit ("GPUs", "ms", "models") follows a number within two words."""
        for token in doc[at : at + 2]:
            if self._unit(token) in self._counted:
                return True
            if not token.is_alpha:
                return False
        return False

    def _unit(self, token: Token) -> str | None:
        """The stem a token has as a unit or counted noun; None for a short word not written as a
        listed unit."""
        if len(token.text) <= 2 and token.text not in self._short_units:
            return None
        return token.norm_

    def _model_size(self, n: _Number, doc: Doc) -> bool:
        """ "72B", "1.3B ranking model" name a model's size: after a model name or version, before
        an ML word, or with nothing after; "2B events", "45M customers" count things."""
        before = doc[n.first - 1] if n.first > 0 else None
        if before is not None and (any(c.isdigit() for c in before.text) or before.text[:1].isupper()):
            return True
        if any(n.last <= s < n.last + 3 for _, s, _ in all_matches(self._ml_matcher, doc)):
            return True
        return n.last >= len(doc) or doc[n.last].is_punct

    # -- what counts -----------------------------------------------------------------------

    def _quantity(self, n: _Number, doc: Doc, phrases: list[Match]) -> Evidence:
        """A counted number as evidence, with its unit and the metric it measures."""
        end = n.end
        if n.last < len(doc) and self._unit(doc[n.last]) in self._counted:
            end = doc[n.last].idx + len(doc[n.last])
        outcome = self._metric(n, doc, phrases)
        sources = self._outcomes[outcome].sources if outcome else ()
        return Evidence(doc.text[n.start : end], n.start, end, "quantity", outcome, sources=sources)

    def _metric(self, n: _Number, doc: Doc, phrases: list[Match]) -> str:
        """The outcome a number measures: a phrase right after it ("23 production models"),
        else a unit right after it that only one outcome lists ("3 clusters"), else the most
        specific phrase up to ten words before it in its clause ("p95 latency of the search
        model by 30%") or opening its clause ("Time to detect a stale feature in ... went from
        days to 10 minutes"), else a phrase a few words after it."""

        def clean(a: int, b: int) -> bool:
            return not any(t.text in _CLAUSE_PUNCT for t in doc[a:b])

        after = [(s - n.last, k) for k, s, _ in phrases if n.last <= s and clean(n.last, s)]
        before = [
            (e - s, e, k)
            for k, s, e in phrases
            if e <= n.first and (n.first <= e + 10 or _opens_clause(doc, s)) and clean(e, n.first)
        ]
        unit = self._unit_owner.get(self._unit(doc[n.last]) or "", "") if n.last < len(doc) else ""
        if after and min(after)[0] <= 2:
            return min(after)[1]
        if unit or before:
            return unit or max(before)[2]
        return min(after)[1] if after and min(after)[0] <= 4 else ""

    def _zero_words(self, doc: Doc) -> list[Evidence]:
        """ "zero findings", "to zero": zero is a counted result; other number words only count
        inside a change frame."""
        return [
            Evidence(t.text, t.idx, t.idx + len(t), "quantity")
            for t in doc
            if t.lower_ == "zero" and not _glued(doc, t.i)
        ]

    def _change_words(self, doc: Doc) -> list[Evidence]:
        """Words that state a change ("halved", "an order of magnitude"), not as part of a
        compound word ("double-check", "half-day")."""
        return [
            _evidence(doc, start, end, "change", key, self._changes[key].sources)
            for key, start, end in longest(all_matches(self._change_matcher, doc))
            if not _glued(doc, end - 1)
        ]

    def _frame_changes(self, doc: Doc, values: list[_Number]) -> list[Evidence]:
        """Before/after frames whose slots hold values ("from 38 minutes to 6", "from two days
        to an hour", "overnight instead of a week"); "from DDP to FSDP" or "from 2019 to 2021"
        hold none and do not count."""
        marked = {i for n in values for i in range(n.first, n.last)}
        for t in doc:
            if (t.lower_ in _NUMBER_WORDS or t.lower_ in _DURATIONS) and not _glued(doc, t.i):
                marked.add(t.i)  # "from eleven steps to two", "in minutes instead of days"
            elif (
                t.lower_ in ("a", "an", "single")
                and t.i + 1 < len(doc)
                and self._unit(doc[t.i + 1]) in self._counted
            ):
                marked.update((t.i, t.i + 1))  # "an hour", "a day"
        if not marked:
            return []
        norms = [t.norm_ for t in doc]
        present = set(norms)
        found = []
        for frame in self._frames:
            literals = {w for item in frame.items if item for w in item}
            if not literals <= present:
                continue
            for start in range(len(doc)):
                if frame.items[0] is None and start not in marked:
                    continue  # a frame that opens with a value starts at it ("overnight instead of ...")
                end = _match_frame(norms, frame.items, start, marked.__contains__, literals)
                if end is not None:
                    while end < len(doc) and end in marked:
                        end += 1  # the value's last word too: "... to an hour"
                    found.append(_evidence(doc, start, end, "change", frame.id, frame.sources))
                    break
        return found


# --- helpers -------------------------------------------------------------------------------


def _fits(t: _Template, words: list[Word], n: _Number, counted: set[str]) -> bool:
    """Whether a [[not_outcome]] template's words stand around number ``n``."""
    return (not t.before or _ends_at(words, t.before, n.first)) and (
        not t.after or _starts_near(words, t.after, n.last, counted)
    )


def _ends_at(words: list[Word], before: tuple[Word, ...], at: int) -> bool:
    """``before`` ends right before token ``at``, or one approximating word earlier ("team of about 4")."""
    stops = [at] + ([at - 1] if at >= 1 and words[at - 1][0] in _APPROX else [])
    return any(stop >= len(before) and tuple(words[stop - len(before) : stop]) == before for stop in stops)


def _starts_near(words: list[Word], after: tuple[Word, ...], at: int, counted: set[str]) -> bool:
    """``after`` follows the number (past a "+"). A template that starts with a word may skip
    two words before it ("2 summer interns"); one glued to the number ("...-week course") may
    skip three before its last words ("10-week evening course"). A word skipped right after a
    bare number is never a noun it counts ("for 35 releases a month" counts releases, not months)."""
    starts = [at] + ([at + 1] if at < len(words) and words[at][0] == "+" else [])

    def plain(a: int, b: int, uncounted: bool = False) -> bool:
        return b <= len(words) and all(
            w[0].isalpha() and not (uncounted and w[0] in counted) for w in words[a:b]
        )

    glued = not after[0][0][:1].isalpha()
    cut = (
        next((i + 1 for i, w in enumerate(after) if w[0][:1].isalpha()), len(after)) if glued else len(after)
    )
    head, tail = after[:cut], after[cut:]
    for s in starts:
        for h in [s] + ([] if glued else [s + k for k in (1, 2) if plain(s, s + k, uncounted=True)]):
            if tuple(words[h : h + len(head)]) != head:
                continue
            t = h + len(head)
            if not tail or any(
                plain(t, t + k) and tuple(words[t + k : t + k + len(tail)]) == tail for k in range(4)
            ):
                return True
    return False


def _owner(n: _Number, doc: Doc) -> Token | None:
    """The word a bare number belongs to: the one right before it, or for a decimal the one
    before "from"/"to" ("Kubeflow from 1.7 to 1.9")."""
    i = n.first - 1
    if "." in n.text:
        skipped = 0
        while i >= 0 and doc[i].lower_ in _SKIP_TO_OWNER and skipped < 3:
            i, skipped = i - 1, skipped + 1
    return doc[i] if i >= 0 else None


def _is_name(token: Token, phrases: list[Match]) -> bool:
    """A product or standard name a version or identifier number follows ("Helm 3", "SOC 2",
    "Go 1.22"): a capitalised word that is not the line's first word (a verb there), a month,
    or part of an outcome phrase ("MTTR 47 minutes")."""
    text = token.text
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9&+#.\-]*", text) or not any(c.isupper() for c in text):
        return False
    if token.i == 0 and not any(c.isupper() for c in text[1:]):
        return False
    return text.lower() not in _MONTHS and not any(s <= token.i < e for _, s, e in phrases)


def _head(doc: Doc, at: int) -> str | None:
    """The noun a number counts: the last content word of the three words after it ("4 MLOps
    engineers" → engineer, "30 other models" → model), or None when none follows."""
    head = None
    for token in doc[at : at + 3]:
        if not token.is_alpha:
            break
        if not token.is_stop:
            head = token.norm_
    return head


def _frame_items(phrase: str) -> tuple[tuple[str, ...] | None, ...]:
    """A frame's literal stem runs with a slot (None) where each "..." stands."""
    items: list[tuple[str, ...] | None] = []
    for i, run in enumerate(phrase_parts(phrase)):
        if i:
            items.append(None)
        if run:
            items.append(tuple(w for w, _ in run))
    return tuple(items)


def _match_frame(
    norms: Sequence[str],
    items: Sequence[tuple[str, ...] | None],
    at: int,
    is_value: Callable[[int], bool],
    literals: set[str],
) -> int | None:
    """End of a match of ``items`` starting at token ``at``, or None. A slot takes one to four
    tokens, at least one of them a value, none of them the frame's own words or a clause break."""
    if not items:
        return at
    item, rest = items[0], items[1:]
    if item is not None:
        if tuple(norms[at : at + len(item)]) != item:
            return None
        return _match_frame(norms, rest, at + len(item), is_value, literals)
    for size in range(1, 5):
        window = range(at, at + size)
        if at + size > len(norms) or any(
            norms[i] in literals or norms[i] in (*_CLAUSE_PUNCT, ",") for i in window
        ):
            return None
        if any(is_value(i) for i in window):
            end = _match_frame(norms, rest, at + size, is_value, literals)
            if end is not None:
                return end
    return None


def _opens_clause(doc: Doc, i: int) -> bool:
    """Whether token ``i`` starts the line or a clause after ; . or :."""
    return i == 0 or doc[i - 1].text in _CLAUSE_PUNCT


def _glued(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is joined by a hyphen to the next word ("one-click", "double-check")."""
    return i + 1 < len(doc) and doc[i + 1].text in ("-", "–") and not doc[i].whitespace_


def _evidence(doc: Doc, start: int, end: int, kind: str, key: str, sources: tuple[str, ...]) -> Evidence:
    span = doc[start:end]
    return Evidence(span.text, span.start_char, span.end_char, kind, key, sources=sources)


def _dedupe(found: list[Evidence]) -> list[Evidence]:
    """Drop evidence whose span lies inside an earlier kept one of the same kind."""
    kept: list[Evidence] = []
    for ev in found:
        if not any(k.kind == ev.kind and k.start <= ev.start and ev.end <= k.end for k in kept):
            kept.append(ev)
    return kept
