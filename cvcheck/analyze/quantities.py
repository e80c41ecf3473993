"""Numbers in a resume line, and whether they state an outcome (the eval README's *quantified*).

A number counts unless something says it is not an outcome. Number SHAPES are code: versions
(``2.x``, ``v2``, ``1.2.3``), years, dates, ranges, money, percentages, multipliers, unit
suffixes, model sizes (``72B``), identifiers glued to letters (``H100``, ``AI-102``) and the
``24/7`` schedule. WORDS are data (outcomes.toml): ``[[not_outcome]]`` phrases around a number
("team of ...", "... years of experience"), ``[[change_word]]`` words and frames that state a
change without digits ("halved", "from ... to ..."), and ``[[outcome]]`` phrases and units that
say which metric a number measures.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cvcheck.analyze.nlp import phrase_matcher, pipeline, stem
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


Match = tuple[str, int, int]  # (key, first token, end token)


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


def stems_of(phrase: str, placeholder: str = "...") -> list[list[str]]:
    """A phrase as stem lists split at each placeholder ("from ... to ..." → [[from], [to], []]).

    The placeholder is tokenised as a digit so that "...-person" splits like "40-person"."""
    doc = pipeline()(phrase.replace(placeholder, "7"))
    parts: list[list[str]] = [[]]
    for token in doc:
        if token.text == "7":
            parts.append([])
        else:
            parts[-1].append(token.norm_)
    return parts


# --- number shapes -------------------------------------------------------------------------

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SHAPE = re.compile(rf"(?P<cur>[$€£])?(?P<approx>[~≈<>])?(?P<num>{_NUM})(?P<rest>.*)", re.S)
_LEAD = "([{\"'‘“#"
_TRAIL = ")]}\"'’”.,;:!?"
_UNIT_SUFFIX = re.compile(
    r"(?:ms|s|sec|secs|h|hr|hrs|min|mins|m|d|w|wk|wks|ns|us|µs|tb|gb|pb|mb|kb|tib|gib|rps|qps|tps)", re.I
)
_MAGNITUDE = re.compile(r"(?:k|K|M|B|bn|BN|MM)")
_DATE_IDENT = re.compile(r"(?:FY|Q[1-4]|H[12])'?\d{0,4}", re.I)
# English calendar words and number words: language, not market vocabulary.
_MONTHS = frozenset(
    "jan feb mar apr jun jul aug sep sept oct nov dec january february march april may june july "
    "august september october november december".split()
)
_NUMBER_WORDS = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred "
    "thousand million billion dozen half".split()
)
_TIME_OF_DAY = frozenset({"am", "pm", "a.m.", "p.m."})
# Words that may stand between a phrase and the number it governs ("team of about 4").
_APPROX = frozenset({"a", "an", "the", "about", "around", "over", "nearly", "roughly", "approximately", "~", "some"})
# Words that join two numbers that share a fate ("from 1.7 to 1.9", "4 engineers and 2 interns").
_JOINERS = frozenset({"and", "or", "to", "-", "–", ",", "through", "until", "/", "&"})
_SKIP_TO_OWNER = frozenset({"from", "to", "and", "or", ",", "v", "version"})


@dataclass
class _Number:
    """A number found in the line: where it is, its shape and, once judged, why it is not an outcome."""

    start: int
    end: int
    text: str
    value: float
    shape: str  # money percent multiplier magnitude unit plain ident version cadence ordinal date
    first: int = 0  # token span
    last: int = 0
    reason: str | None = None


def _scan(text: str) -> list[_Number]:
    """Every number-like word of the line with its shape (no judgement yet)."""
    found: list[_Number] = []
    for word in re.finditer(r"\S+", text):
        raw = word.group()
        lead = len(raw) - len(raw.lstrip(_LEAD))
        core = raw[lead:].rstrip(_TRAIL)
        if not core or not any(c.isdigit() for c in core):
            continue
        at = word.start() + lead
        if core[0].isalpha():
            found.append(_Number(at, at + len(core), core, math.nan, _ident_shape(core)))
            continue
        m = _SHAPE.match(core)
        if not m:
            continue
        found.extend(_shaped(m, at))
    return found


def _ident_shape(core: str) -> str:
    if re.fullmatch(r"[vV]\d+(?:\.\w+)*", core):
        return "version"
    return "date" if _DATE_IDENT.fullmatch(core) else "ident"


def _shaped(m: re.Match[str], at: int) -> list[_Number]:
    num, rest, cur = m.group("num"), m.group("rest"), m.group("cur")
    value = float(num.replace(",", ""))
    start = at + m.start("num") if not cur else at
    end = at + m.end("num")
    whole = m.group(0)

    def one(shape: str, stop: int | None = None) -> list[_Number]:
        stop = at + len(whole) if stop is None else stop
        return [_Number(start, stop, whole[: stop - at], value, shape)]

    if cur:
        return one("money", end + (len(rest) if _MAGNITUDE.fullmatch(rest) else 0))
    if not rest:
        return one("plain")
    if rest in ("%",):
        return one("percent")
    if rest in ("x", "X", "×"):
        return one("multiplier")
    if rest == "+":
        return one("plain", end)  # "7+": the "+" stays a token of its own for the phrases
    if _MAGNITUDE.fullmatch(rest):
        return one("magnitude")
    if _UNIT_SUFFIX.fullmatch(rest):
        return one("unit")
    if re.fullmatch(r"\.[xX*]|(?:\.\d+)+", rest):
        return one("version")
    if re.fullmatch(r"st|nd|rd|th", rest):
        return one("ordinal")
    if num == "24" and rest in ("/7", "x7"):
        return one("cadence")
    if re.fullmatch(r"/\d{4}", rest):
        return one("date")
    if re.fullmatch(r"/\d+", rest):
        return one("plain")  # a fraction such as 9/10
    second = re.fullmatch(rf"[-–]({_NUM})", rest)
    if second:  # a range: 3-5, 2019-2021
        tail = second.group(1)
        offset = end + 1
        return [
            _Number(start, end, num, value, "plain"),
            _Number(offset, offset + len(tail), tail, float(tail.replace(",", "")), "plain"),
        ]
    if rest[:1] in "-–":  # "40-person", "12-week": the words after are context, not shape
        return one("plain", end)
    return one("ident")


def _is_year(n: _Number) -> bool:
    return n.shape == "plain" and re.fullmatch(r"(?:19|20)\d\d", n.text) is not None


# --- the judge -----------------------------------------------------------------------------


Word = tuple[str, str]  # (stem, inflection: "ed" | "ing" | "")


@dataclass(frozen=True)
class _Template:
    """A [[not_outcome]] phrase split at its number: the words before and after it."""

    reason: str
    before: tuple[Word, ...]
    after: tuple[Word, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class _Frame:
    """A change frame such as "from ... to ...": literal stem runs and value slots (None)."""

    id: str
    items: tuple[tuple[str, ...] | None, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Quantities:
    """What makes a line quantified, and the numbers that do not count with the reason."""

    outcomes: tuple[Evidence, ...]
    ignored: tuple[Evidence, ...]


class QuantityFinder:
    """Finds outcomes in lines; build once per lexicon (the matchers are compiled here)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self._lexicon = lexicon
        self._outcomes = {o.id: o for o in lexicon.outcomes}
        self._outcome_matcher = phrase_matcher({o.id: o.phrases for o in lexicon.outcomes})
        self._unit_owner: dict[str, str] = {}  # unit stem → the one outcome that lists it
        owners: dict[str, set[str]] = {}
        for o in lexicon.outcomes:
            for unit in o.units:
                owners.setdefault(" ".join(p for part in stems_of(unit) for p in part), set()).add(o.id)
        self._unit_owner = {u: next(iter(ids)) for u, ids in owners.items() if len(ids) == 1}
        self._counted = {u.split()[-1] for u in owners if u and u[0].isalpha()}
        for o in lexicon.outcomes:
            self._counted.update(stem(p.split()[-1]) for p in o.phrases if p[-1].isalpha())
        self._templates = [
            _Template(n.reason, tuple(parts[0]), tuple(parts[1]), n.sources)
            for n in lexicon.not_outcomes
            for phrase in n.phrases
            if len(parts := _words_of(phrase)) == 2
        ]
        self._ml_matcher = phrase_matcher({m.id: m.phrases for m in lexicon.ml_context if m.kind == "context"})
        self._changes = {c.id: c for c in lexicon.change_words if c.quantifies}
        plain = {c.id: [p for p in c.phrases if "..." not in p] for c in self._changes.values()}
        self._change_matcher = phrase_matcher({k: v for k, v in plain.items() if v})
        self._frames = [
            _Frame(c.id, tuple(item for i, run in enumerate(stems_of(p)) for item in _frame_items(i, run)), c.sources)
            for c in self._changes.values()
            for p in c.phrases
            if "..." in p
        ]

    # -- public ----------------------------------------------------------------------------

    def find(self, doc: Doc) -> Quantities:
        """The outcomes (numbers with their metric, change words) and the ignored numbers."""
        numbers = self._numbers(doc)
        phrases = longest(all_matches(self._outcome_matcher, doc))
        for n in numbers:
            n.reason = self._reason(n, doc, numbers, phrases)
        values = [n for n in numbers if n.reason is None]
        outcomes = [self._quantity(n, doc, phrases) for n in values]
        outcomes += self._zero_words(doc)
        outcomes += self._change_words(doc)
        outcomes += self._frame_changes(doc, values)
        ignored = [
            Evidence(n.text, n.start, n.end, "not_outcome", n.reason or "", sources=self._reason_sources(n, doc))
            for n in numbers
            if n.reason is not None
        ]
        outcomes.sort(key=lambda e: (e.start, -e.end))
        return Quantities(tuple(_dedupe(outcomes)), tuple(ignored))

    def outcome_phrases(self, doc: Doc) -> list[Match]:
        """Outcome phrases in the line (longest first), for callers that weigh metrics."""
        return longest(all_matches(self._outcome_matcher, doc))

    # -- numbers ---------------------------------------------------------------------------

    def _numbers(self, doc: Doc) -> list[_Number]:
        numbers = _scan(doc.text)
        for n in numbers:
            span = doc.char_span(n.start, n.end, alignment_mode="expand")
            if span is None:  # pragma: no cover - expand always gives a span inside the text
                continue
            n.first, n.last = span.start, span.end
        return numbers

    def _reason(self, n: _Number, doc: Doc, numbers: list[_Number], phrases: list[Match]) -> str | None:
        """Why ``n`` is not an outcome, or None when it is one."""
        if n.shape == "ident":
            inside = any(s <= n.first and n.last <= e for _, s, e in phrases)
            return "metric_without_value" if inside else "identifier"
        if n.shape in ("version", "cadence", "date"):
            return n.shape
        if n.shape == "ordinal":
            return "identifier"
        if n.shape in ("money", "percent", "multiplier"):
            return None
        template = self._template(n, doc)
        if template:
            return template.reason
        after = doc[n.last] if n.last < len(doc) else None
        before = doc[n.first - 1] if n.first > 0 else None
        if _is_year(n) and not self._counts_after(doc, n.last):
            return "year"
        if (before is not None and before.lower_.rstrip(".") in _MONTHS) or (
            after is not None and after.lower_.rstrip(".") in _MONTHS
        ):
            return "date"
        if after is not None and after.lower_ in _TIME_OF_DAY:
            return "date"
        if n.shape == "magnitude" and n.text[-1] in "BM" and self._model_size(n, doc):
            return "model_name"
        if n.shape == "plain" and not self._counts_after(doc, n.last):
            owner = self._owner(n, doc)
            if owner is not None:
                previous = next((m for m in numbers if m.first <= owner.i < m.last), None)
                if previous is not None and previous.reason in ("version", "identifier"):
                    return "version"
                if previous is None and _is_name(owner, phrases):
                    return "identifier" if owner.text.isupper() and "." not in n.text else "version"
        return self._inherited(n, doc, numbers)

    def _template(self, n: _Number, doc: Doc) -> _Template | None:
        words = [(t.norm_, _inflection(t.lower_)) for t in doc]
        for t in self._templates:
            if t.before and not _ends_at(words, t.before, n.first):
                continue
            if t.after and not _starts_near(words, t.after, n.last):
                continue
            return t
        return None

    def _counts_after(self, doc: Doc, at: int) -> bool:
        """Whether a counted unit ("GPUs", "ms", "models") follows a number."""
        for token in doc[at : at + 2]:
            if token.norm_ in self._counted:
                return True
            if not token.is_alpha:
                return False
        return False

    def _model_size(self, n: _Number, doc: Doc) -> bool:
        """"72B", "1.3B ranking model" name a model's size: after a model name or version, before
        an ML word, or with nothing after; "2B events", "45M customers" count things."""
        before = doc[n.first - 1] if n.first > 0 else None
        if before is not None and (any(c.isdigit() for c in before.text) or before.text[:1].isupper()):
            return True
        if any(n.last <= s < n.last + 3 for _, s, _ in all_matches(self._ml_matcher, doc)):
            return True
        return n.last >= len(doc) or doc[n.last].is_punct

    @staticmethod
    def _owner(n: _Number, doc: Doc) -> Token | None:
        """The word a bare number belongs to: the one right before it, or for a decimal the one
        before "from"/"to" ("Kubeflow from 1.7 to 1.9")."""
        i = n.first - 1
        if "." in n.text:
            skipped = 0
            while i >= 0 and doc[i].lower_ in _SKIP_TO_OWNER and skipped < 3:
                i, skipped = i - 1, skipped + 1
        return doc[i] if i >= 0 else None

    @staticmethod
    def _inherited(n: _Number, doc: Doc, numbers: list[_Number]) -> str | None:
        """A bare number joined to an ignored one shares its reason ("2019 to 2021", "4
        engineers and 2 interns"): the joiner stands right before it, within four words."""
        if n.shape != "plain" or n.first == 0 or doc[n.first - 1].lower_ not in _JOINERS:
            return None
        earlier = [m for m in numbers if m.last <= n.first - 1 and n.first - m.last <= 4]
        if not earlier or earlier[-1].reason is None:
            return None
        between = doc[earlier[-1].last : n.first - 1]
        if not all(t.is_alpha for t in between):
            return None
        head, own = _head(doc, earlier[-1].last), _head(doc, n.last)
        return earlier[-1].reason if own is None or own == head else None

    def _reason_sources(self, n: _Number, doc: Doc) -> tuple[str, ...]:
        template = self._template(n, doc) if n.shape in ("plain", "unit", "magnitude") else None
        return template.sources if template and template.reason == n.reason else ()

    # -- outcomes --------------------------------------------------------------------------

    def _quantity(self, n: _Number, doc: Doc, phrases: list[Match]) -> Evidence:
        """A counted number as evidence, with its unit and the metric it measures."""
        end_tok = n.last
        if end_tok < len(doc) and (doc[end_tok].norm_ in self._unit_owner or doc[end_tok].norm_ in self._counted):
            end_tok += 1
        end = doc[end_tok - 1].idx + len(doc[end_tok - 1]) if end_tok > n.last else n.end
        outcome_id = self._metric(n, doc, phrases)
        sources = self._outcomes[outcome_id].sources if outcome_id else ()
        return Evidence(doc.text[n.start : end], n.start, end, "quantity", outcome_id, sources=sources)

    def _metric(self, n: _Number, doc: Doc, phrases: list[Match]) -> str:
        """The outcome a number measures: a phrase right after it ("23 production models",
        "120,000 requests per second"), else the most specific phrase up to ten words before it
        in its clause ("p95 latency of the search model by 30%"), else a phrase a few words
        after it, else a unit that only one outcome lists."""

        def clean(a: int, b: int) -> bool:
            return not any(t.text in (";", ".", ":") for t in doc[a:b])

        after = [(s - n.last, k) for k, s, _ in phrases if n.last <= s and clean(n.last, s)]
        before = [(e - s, -(n.first - e), k) for k, s, e in phrases if e <= n.first <= e + 10 and clean(e, n.first)]
        if after and min(after)[0] <= 2:
            return min(after)[1]
        if before:
            return max(before)[2]
        if after and min(after)[0] <= 4:
            return min(after)[1]
        return self._unit_owner.get(doc[n.last].norm_, "") if n.last < len(doc) else ""

    def _zero_words(self, doc: Doc) -> list[Evidence]:
        """ "zero findings", "to zero": zero is a counted result; other number words only count
        inside a change frame."""
        return [
            Evidence(t.text, t.idx, t.idx + len(t), "quantity")
            for t in doc
            if t.lower_ == "zero" and not (t.i + 1 < len(doc) and doc[t.i + 1].text == "-")
        ]

    def _change_words(self, doc: Doc) -> list[Evidence]:
        found = []
        for key, start, end in longest(all_matches(self._change_matcher, doc)):
            if end < len(doc) and doc[end].text in ("-", "–") and doc[end - 1].whitespace_ == "":
                continue  # "double-check", "half-day": a compound word, not a change
            span = doc[start:end]
            found.append(Evidence(span.text, span.start_char, span.end_char, "change", key, sources=self._changes[key].sources))
        return found

    def _frame_changes(self, doc: Doc, values: list[_Number]) -> list[Evidence]:
        """Before/after frames whose slots hold values ("from 38 minutes to 6", "from two days
        to an hour"); "from DDP to FSDP" or "from 2019 to 2021" hold none and do not count."""
        is_value = self._value_tokens(doc, values)
        norms = [t.norm_ for t in doc]
        found = []
        for frame in self._frames:
            literals = {w for item in frame.items if item for w in item}
            for start in range(len(doc)):
                end = _match_frame(norms, frame.items, 0, start, is_value, literals)
                if end is not None:
                    span = doc[start:end]
                    found.append(Evidence(span.text, span.start_char, span.end_char, "change", frame.id, sources=frame.sources))
                    break
        return found

    def _value_tokens(self, doc: Doc, values: list[_Number]) -> Callable[[int], bool]:
        """Token positions that hold a value: counted numbers, number words, "an hour"."""
        marked: set[int] = set()
        for n in values:
            marked.update(range(n.first, n.last))
        for t in doc:
            if t.lower_ in _NUMBER_WORDS and not (t.i + 1 < len(doc) and doc[t.i + 1].text == "-"):
                marked.add(t.i)
            elif t.lower_ in ("a", "an", "single") and t.i + 1 < len(doc) and doc[t.i + 1].norm_ in self._counted:
                marked.add(t.i)
        return marked.__contains__


def _frame_items(index: int, run: list[str]) -> list[tuple[str, ...] | None]:
    """Stem runs of a frame with a slot (None) between consecutive runs."""
    items: list[tuple[str, ...] | None] = [] if index == 0 else [None]
    if run:
        items.append(tuple(run))
    return items


def _match_frame(
    norms: Sequence[str],
    items: Sequence[tuple[str, ...] | None],
    k: int,
    at: int,
    is_value: Callable[[int], bool],
    literals: set[str],
) -> int | None:
    """End of a match of ``items[k:]`` starting at token ``at``, or None. A slot takes one to
    four tokens, at least one of them a value, none of them the frame's own words or a clause
    break."""
    if k == len(items):
        return at
    item = items[k]
    if item is not None:
        if tuple(norms[at : at + len(item)]) != item:
            return None
        return _match_frame(norms, items, k + 1, at + len(item), is_value, literals)
    for size in range(1, 5):
        window = range(at, at + size)
        if at + size > len(norms) or any(norms[i] in literals or norms[i] in (";", ".", ":", ",") for i in window):
            return None
        if any(is_value(i) for i in window):
            end = _match_frame(norms, items, k + 1, at + size, is_value, literals)
            if end is not None:
                return end
    return None


def _words_of(phrase: str) -> list[tuple[Word, ...]]:
    """A template phrase as (stem, inflection) runs split at its "..." ("team of ...")."""
    doc = pipeline()(phrase.replace("...", "7"))
    parts: list[list[Word]] = [[]]
    for token in doc:
        if token.text == "7":
            parts.append([])
        else:
            parts[-1].append((token.norm_, _inflection(token.lower_)))
    return [tuple(p) for p in parts]


def _inflection(word: str) -> str:
    """Stems meet across inflections; a template word keeps its own ("version ..." is the noun,
    so "Versioned 3 TB" does not match)."""
    return "ed" if word.endswith("ed") else "ing" if word.endswith("ing") else ""


def _ends_at(words: list[Word], before: tuple[Word, ...], at: int) -> bool:
    """``before`` ends right before token ``at``, or one approximating word earlier ("team of about 4")."""
    stops = [at] + ([at - 1] if at >= 1 and words[at - 1][0] in _APPROX else [])
    return any(stop >= len(before) and tuple(words[stop - len(before) : stop]) == before for stop in stops)


def _starts_near(words: list[Word], after: tuple[Word, ...], at: int) -> bool:
    """``after`` follows the number (past a "+"). A template that starts with a word may skip
    two words before it ("2 summer interns"); one glued to the number ("...-week course") may
    skip three before its last words ("10-week evening course")."""
    starts = [at] + ([at + 1] if at < len(words) and words[at][0] == "+" else [])

    def plain(a: int, b: int) -> bool:
        return b <= len(words) and all(w[0].isalpha() for w in words[a:b])

    glued = not after[0][0][:1].isalpha()
    cut = next((i + 1 for i, w in enumerate(after) if w[0][:1].isalpha()), len(after)) if glued else len(after)
    head, tail = after[:cut], after[cut:]
    for s in starts:
        for h in [s] + ([] if glued else [s + k for k in (1, 2) if plain(s, s + k)]):
            if tuple(words[h : h + len(head)]) != head:
                continue
            t = h + len(head)
            if not tail or any(
                plain(t, t + k) and tuple(words[t + k : t + k + len(tail)]) == tail for k in range(4)
            ):
                return True
    return False


def _is_name(token: Token, phrases: list[Match]) -> bool:
    """A product or standard name a version or identifier number follows ("Helm 3", "SOC 2",
    "Go 1.22"): a capitalised word that is not the line's first word (a verb there), a month,
    or part of an outcome phrase ("MTTR 47 minutes")."""
    text = token.text
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9&+#.\-]*", text) or not any(c.isupper() for c in text):
        return False
    if token.i == 0 and not any(c.isupper() for c in text[1:]):
        return False
    if text.lower() in _MONTHS:
        return False
    return not any(s <= token.i < e for _, s, e in phrases)


def _head(doc: Doc, at: int) -> str | None:
    """The noun a number counts: the last of the content words right after it ("4 MLOps
    engineers" → engineer), or None when none follows."""
    head = None
    for token in doc[at : at + 3]:
        if not token.is_alpha or token.is_stop:
            break
        head = token.norm_
    return head


def _dedupe(found: list[Evidence]) -> list[Evidence]:
    """Drop evidence whose span lies inside an earlier kept one of the same kind."""
    kept: list[Evidence] = []
    for ev in found:
        if any(k.kind == ev.kind and k.start <= ev.start and ev.end <= k.end for k in kept):
            continue
        kept.append(ev)
    return kept
