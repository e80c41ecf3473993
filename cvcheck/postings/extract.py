"""Posting + Lexicon → PostingAnalysis: title, seniority, required and preferred skills,
stages, lane, segment, pay and language, each with the lines that show it."""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from cvcheck.analyze import nlp
from cvcheck.errors import CvcheckError, E
from cvcheck.lexicon.compiled import segment_weights
from cvcheck.lexicon.model import Lexicon
from cvcheck.postings.model import (
    LaneScore,
    LineRef,
    Posting,
    PostingAnalysis,
    PostingLine,
    SectionKind,
    SegmentScore,
    SkillHit,
    StageCount,
    TitleVariantHit,
    UnknownPhrase,
)
from cvcheck.postings.pay import find_pay
from cvcheck.postings.vocab import PostingVocab, normalise, posting_vocab
from cvcheck.structure.language import detect_language

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

TITLE_WINDOW = 10  # the title is among the first lines
TITLE_MAX_WORDS = 14  # longer lines are prose that mentions a title
LANE_MIN_SIGNALS = 2  # fewer distinct lane signals say nothing about the lane
SEGMENT_MIN_SCORE = 0.3  # summed signal weight below which no segment is named
# A segment signal that is also a lane signal ("self-serve", "multi-tenant") describes the job
# more than the employer: a payments company's platform posting uses it as much as big tech's.
LANE_SIGNAL_FACTOR = 0.35
ADJACENT_MIN_TERMS = 5  # distinct lexicon terms that make an untitled posting MLOps-adjacent
UNKNOWN_LIMIT = 12
_YEARS = re.compile(r"(?<![\d.])(\d{1,2})\s*\+?\s*(?:(?:-|–|to)\s*\d{1,2}\s*)?\+?\s*(?:years?|yrs?)\b", re.I)


def analyze_posting(posting: Posting, lexicon: Lexicon) -> PostingAnalysis:
    """Read one posting against a lexicon. Never raises for odd content: a posting that is not
    one, or not in English, says so in ``is_posting`` and ``reason``."""
    vocab = posting_vocab()
    lines = posting.lines
    docs = nlp.parse_all(line.text for line in lines)
    kinds = section_kinds(lines, vocab)
    variants = _title_variants(lines, docs, lexicon)
    title_line = _title_line(lines, kinds, variants, vocab)
    title = _strip_label(title_line.text, vocab) if title_line else None
    seniority, seniority_evidence = _seniority(title, lines, kinds, vocab)
    required, preferred = _skills(lines, docs, kinds, lexicon)
    language = detect_language(posting.text)
    is_posting, reason = _is_posting(language, title_line, variants, kinds, lines, vocab)
    lanes = _lanes(lines, docs, lexicon)
    segments = _segments(lines, docs, lexicon)
    terms_seen = {h.term_id for h in (*required, *preferred)} | _all_terms(docs, lexicon)
    return PostingAnalysis(
        path=posting.path,
        language=language,
        is_posting=is_posting,
        reason=reason,
        role_fit=_role_fit(title_line, variants, terms_seen),
        title=title,
        title_line=title_line.number if title_line else None,
        title_variants=variants,
        seniority=seniority,
        seniority_evidence=seniority_evidence,
        required=required,
        preferred=preferred,
        unknown_skills=_unknown(lines, docs, kinds, lexicon, vocab),
        stages=_stages(docs, kinds, lexicon),
        lane=_leader(lanes),
        lanes=lanes,
        segment=_top_segment(segments),
        segments=segments,
        pay=find_pay(lines, vocab),
        sections=tuple((line.number, kinds[line.number]) for line in lines),
    )


def require_posting(analysis: PostingAnalysis) -> None:
    """Raise the one-line error for a file that is not an English job posting."""
    if analysis.is_posting:
        return
    if analysis.language not in ("en", "und"):
        name = posting_vocab().languages.get(analysis.language, analysis.language)
        raise CvcheckError(E.POSTING_LANGUAGE, analysis.path, language=name)
    raise CvcheckError(E.NOT_A_POSTING, analysis.path, detail=analysis.reason)


# --- sections -------------------------------------------------------------------------------


def _heading_kind(line: PostingLine, vocab: PostingVocab) -> tuple[str | None, bool]:
    """(section kind, whether the line is only a heading) for a line that opens a section."""
    norm = normalise(line.text)
    for phrase, kind in vocab.sections:
        if norm == phrase:
            return kind, True
    label, colon, rest = line.text.partition(":")
    if colon and rest.strip():
        head = normalise(label)
        for phrase, kind in vocab.sections:
            if head == phrase:
                return kind, False  # "Nice to have: Feast, Ray" is a heading and its content
    if line.heading and len(norm.split()) <= 8:
        for phrase, kind in vocab.sections:
            if norm.startswith(phrase + " "):
                return kind, True
    return None, False


def section_kinds(lines: tuple[PostingLine, ...], vocab: PostingVocab) -> dict[int, SectionKind]:
    """Each line's section: the last section heading above it, or a preference marker on it."""
    kinds: dict[int, SectionKind] = {}
    current: SectionKind = "intro"
    for line in lines:
        kind, only_heading = _heading_kind(line, vocab)
        if kind is not None and only_heading:
            current = kind  # type: ignore[assignment]
            kinds[line.number] = current
            continue
        if line.heading and kind is None and current != "intro":
            current = "other"  # an unknown heading ends the section above it
        own: SectionKind = kind or current  # type: ignore[assignment]
        if own == "requirements" and _has_marker(line.text, vocab.preferred_markers):
            own = "preferred"
        kinds[line.number] = own
    return kinds


def _has_marker(text: str, markers: tuple[str, ...]) -> bool:
    folded = text.casefold()
    return any(re.search(rf"(?<!\w){re.escape(m)}(?!\w)", folded) for m in markers)


# --- title and seniority --------------------------------------------------------------------


@cache
def _title_matcher(lexicon: Lexicon) -> Any:
    return nlp.phrase_matcher({v: [v] for t in lexicon.titles for v in t.variants})


def _title_variants(
    lines: tuple[PostingLine, ...], docs: list[Doc], lexicon: Lexicon
) -> tuple[TitleVariantHit, ...]:
    owners = {v: t for t in lexicon.titles for v in t.variants}
    found: dict[str, list[int]] = defaultdict(list)
    for line, doc in zip(lines, docs, strict=True):
        for variant, _span in nlp.matches(_title_matcher(lexicon), doc):
            found[variant].append(line.number)
    return tuple(
        TitleVariantHit(v, owners[v].id, owners[v].kind, tuple(dict.fromkeys(ns)))
        for v, ns in sorted(found.items(), key=lambda kv: (kv[1][0], kv[0]))
    )


def _title_line(
    lines: tuple[PostingLine, ...],
    kinds: dict[int, SectionKind],
    variants: tuple[TitleVariantHit, ...],
    vocab: PostingVocab,
) -> PostingLine | None:
    """The first short line with a title variant; else the first heading or role-word line."""
    window = [ln for ln in lines[:TITLE_WINDOW] if len(ln.text.split()) <= TITLE_MAX_WORDS]
    with_variant = {n for hit in variants for n in hit.lines}
    for line in window:
        if line.number in with_variant:
            return line
    for line in window:
        if _heading_kind(line, vocab)[0] is None and (
            _has_marker(line.text, vocab.role_words) or (line.heading and line.level == 1)
        ):
            return line
    return None


def _strip_label(text: str, vocab: PostingVocab) -> str:
    label, colon, rest = text.partition(":")
    if colon and rest.strip() and normalise(label) in vocab.title_labels:
        return rest.strip()
    return text.strip()


def _seniority(
    title: str | None, lines: tuple[PostingLine, ...], kinds: dict[int, SectionKind], vocab: PostingVocab
) -> tuple[str | None, str | None]:
    """The level from a title word, else from the most years of experience asked for."""
    if title:
        padded = " " + " ".join(re.sub(r"[^\w\s'-]", " ", title.casefold()).split()) + " "
        for level, words in vocab.seniority:
            for word in words:
                if f" {word.rstrip('.')} " in padded:
                    return level, f"title word '{word}'"
    best: tuple[int, PostingLine] | None = None
    for line in lines:
        if kinds[line.number] not in ("requirements", "intro") and "experience" not in line.text.casefold():
            continue
        for m in _YEARS.finditer(line.text):
            years = int(m.group(1))
            if best is None or years > best[0]:
                best = (years, line)
    if best is None:
        return None, None
    level = next(lv for floor, lv in reversed(vocab.years) if best[0] >= floor)
    return level, f"{best[0]}+ years (line {best[1].number})"


# --- skills and stages ----------------------------------------------------------------------


@cache
def _skill_groups(lexicon: Lexicon) -> tuple[dict[str, tuple[str, ...]], dict[str, str | None]]:
    """Matcher groups for lexicon terms plus table-stakes and differentiating skills the
    terms do not already name (Python, AWS ...), and each group's stage."""
    groups: dict[str, tuple[str, ...]] = {t.id: t.phrases for t in lexicon.terms}
    stage: dict[str, str | None] = {t.id: t.stage for t in lexicon.terms}
    known = {p.casefold() for t in lexicon.terms for p in t.phrases}
    for skill in (*lexicon.table_stakes, *lexicon.differentiators):
        extra = tuple(p for p in skill.phrases if p.casefold() not in known)
        if extra:
            key = "skill:" + skill.term
            groups[key] = groups.get(key, ()) + extra
            stage[key] = None
            known.update(p.casefold() for p in extra)
    return groups, stage


def skill_groups(lexicon: Lexicon) -> dict[str, tuple[str, ...]]:
    """Each skill key's phrases, as posting skills are matched (``SkillHit.term_id`` keys)."""
    return _skill_groups(lexicon)[0]


@cache
def _skill_matcher(lexicon: Lexicon) -> Any:
    return nlp.phrase_matcher(_skill_groups(lexicon)[0])


def _skills(
    lines: tuple[PostingLine, ...], docs: list[Doc], kinds: dict[int, SectionKind], lexicon: Lexicon
) -> tuple[tuple[SkillHit, ...], tuple[SkillHit, ...]]:
    stage = _skill_groups(lexicon)[1]
    found: dict[str, list[SkillHit]] = {"requirements": [], "preferred": []}
    for line, doc in zip(lines, docs, strict=True):
        kind = kinds[line.number]
        if kind not in found:
            continue
        for key, span in nlp.matches(_skill_matcher(lexicon), doc):
            found[kind].append(SkillHit(span.text, key, stage[key], LineRef(line.number, line.text)))
    return tuple(found["requirements"]), tuple(found["preferred"])


def _all_terms(docs: list[Doc], lexicon: Lexicon) -> set[str]:
    return {key for doc in docs for key, _ in nlp.matches(_skill_matcher(lexicon), doc)}


def _stages(docs: list[Doc], kinds: dict[int, SectionKind], lexicon: Lexicon) -> tuple[StageCount, ...]:
    """Lines with evidence of each stage, outside boilerplate sections."""
    stage = _skill_groups(lexicon)[1]
    counts: dict[str, int] = defaultdict(int)
    for number, doc in enumerate(docs, start=1):
        if kinds[number] == "other":
            continue
        for s in {stage[key] for key, _ in nlp.matches(_skill_matcher(lexicon), doc)} - {None}:
            counts[s] += 1  # type: ignore[index]
    order = lexicon.stage_ids
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], order.index(kv[0])))
    return tuple(StageCount(s, n) for s, n in ranked)


# --- lane and segment -----------------------------------------------------------------------


@cache
def _lane_matcher(lexicon: Lexicon) -> Any:
    return nlp.phrase_matcher({s: [s] for lane in lexicon.lanes for s in lane.signals})


@cache
def _segment_matcher(lexicon: Lexicon) -> Any:
    return nlp.phrase_matcher({s: [s] for seg in lexicon.segments for s in seg.signals})


def _signal_lines(lines: tuple[PostingLine, ...], docs: list[Doc], matcher: Any) -> dict[str, list[LineRef]]:
    found: dict[str, list[LineRef]] = defaultdict(list)
    for line, doc in zip(lines, docs, strict=True):
        for signal, _span in nlp.matches(matcher, doc):
            found[signal].append(LineRef(line.number, line.text))
    return found


def _lanes(lines: tuple[PostingLine, ...], docs: list[Doc], lexicon: Lexicon) -> tuple[LaneScore, ...]:
    """Every lane's signals in the posting, most distinct signals first."""
    found = _signal_lines(lines, docs, _lane_matcher(lexicon))
    scores = []
    for lane in lexicon.lanes:
        signals = tuple(s for s in lane.signals if s in found)
        refs = [ref for s in signals for ref in found[s]]
        evidence = tuple(sorted(set(refs), key=lambda r: r.line))
        scores.append(LaneScore(lane.id, lane.name, signals, evidence, len(refs)))
    return tuple(sorted(scores, key=lambda s: (-len(s.signals), -s.occurrences)))


def _leader(lanes: tuple[LaneScore, ...]) -> str | None:
    """The lane with the most distinct signals (then occurrences); a tie names none."""
    if not lanes or len(lanes[0].signals) < LANE_MIN_SIGNALS:
        return None
    top = lanes[0]
    if len(lanes) > 1 and (len(lanes[1].signals), lanes[1].occurrences) == (
        len(top.signals),
        top.occurrences,
    ):
        return None
    return top.id


def _segments(lines: tuple[PostingLine, ...], docs: list[Doc], lexicon: Lexicon) -> tuple[SegmentScore, ...]:
    """Each segment's signals weighted by how specific they are to it (as for resumes)."""
    lane_signals = {s.casefold() for lane in lexicon.lanes for s in lane.signals}
    found = _signal_lines(lines, docs, _segment_matcher(lexicon))
    scores = []
    for seg in lexicon.segments:
        w = {
            s: v * (LANE_SIGNAL_FACTOR if s.casefold() in lane_signals else 1.0)
            for s, v in segment_weights(lexicon).get(seg.id, {}).items()
        }
        signals = tuple(sorted((s for s in seg.signals if s in found), key=lambda s: (-w.get(s, 0.0), s)))
        evidence = tuple(sorted({ref for s in signals for ref in found[s]}, key=lambda r: r.line))
        score = round(sum(w.get(s, 0.0) for s in signals), 3)
        scores.append(SegmentScore(seg.id, seg.name, score, signals, evidence))
    order = [s.id for s in lexicon.segments]
    return tuple(sorted(scores, key=lambda s: (-s.score, order.index(s.id))))


def _top_segment(segments: tuple[SegmentScore, ...]) -> str | None:
    if not segments or segments[0].score < SEGMENT_MIN_SCORE:
        return None
    if len(segments) > 1 and segments[1].score == segments[0].score:
        return None
    return segments[0].id


# --- unknown skill phrases ------------------------------------------------------------------


@cache
def _background(lexicon: Lexicon) -> frozenset[str]:
    """Every word the lexicon uses in a phrase: known vocabulary, not a new skill."""
    phrases = [p for t in lexicon.terms for p in t.phrases]
    phrases += [v for t in lexicon.titles for v in t.variants]
    phrases += [s for seg in lexicon.segments for s in seg.signals]
    phrases += [s for lane in lexicon.lanes for s in lane.signals]
    phrases += [p for s in (*lexicon.table_stakes, *lexicon.differentiators) for p in s.phrases]
    phrases += [p for o in lexicon.outcomes for p in o.phrases]
    return frozenset(w.casefold() for p in phrases for w in re.findall(r"[\w.+#/&-]+", p))


def _shape(token: Token, first: bool) -> float:
    """How much a word looks like a product or tool name: 1 for PyTorch/K8s/C++ shapes,
    0.6 for a capitalised word inside a sentence, 0 for an ordinary word."""
    text = token.text
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 2 and not (letters and any(c in "+#" for c in text)):
        return 0.0  # "+" of "5+ years" is not C++ or C#
    if any(c.isdigit() for c in text) or any(c in ".+#/" for c in text.strip(".")):
        return 1.0
    if text.isupper() or any(c.isupper() for c in text[1:]):
        return 1.0
    if text[0].isupper() and not first:
        return 0.6
    return 0.0


def _unknown(
    lines: tuple[PostingLine, ...],
    docs: list[Doc],
    kinds: dict[int, SectionKind],
    lexicon: Lexicon,
    vocab: PostingVocab,
) -> tuple[UnknownPhrase, ...]:
    """1-3-word runs of tool-shaped words in requirement lines that the lexicon does not know,
    weighted by shape and by how many lines repeat them. Deterministic, no model."""
    background = _background(lexicon) | vocab.stoplist
    found: dict[str, tuple[float, list[int]]] = {}
    for line, doc in zip(lines, docs, strict=True):
        if (
            kinds[line.number] not in ("requirements", "preferred")
            or line.heading
            or _heading_kind(line, vocab)[1]
        ):
            continue
        covered = {
            i for _, span in nlp.matches(_skill_matcher(lexicon), doc) for i in range(span.start, span.end)
        }
        run: list[tuple[str, float]] = []
        for token in [*doc, None]:
            score = 0.0
            if token is not None and token.i not in covered and not token.is_punct and not token.is_stop:
                folded = token.text.casefold()
                if folded not in background and token.norm_ not in background and not token.like_num:
                    first = token.i == 0 or doc[token.i - 1].text in ".:;("
                    score = _shape(token, first)
            if score > 0 and len(run) < 3:
                run.append((token.text, score))  # type: ignore[union-attr]
                continue
            if run:
                phrase = " ".join(t for t, _ in run)
                weight, seen = found.get(phrase, (max(s for _, s in run), []))
                found[phrase] = (weight, [*seen, line.number])
            run = [(token.text, score)] if score > 0 and token is not None else []
    out = [
        UnknownPhrase(p, round(w * (1 + 0.5 * (len(set(ns)) - 1)), 2), tuple(dict.fromkeys(ns)))
        for p, (w, ns) in found.items()
    ]
    return tuple(sorted(out, key=lambda u: (-u.weight, u.lines[0], u.phrase))[:UNKNOWN_LIMIT])


# --- is it a posting, and for what role ------------------------------------------------------


def _is_posting(
    language: str,
    title_line: PostingLine | None,
    variants: tuple[TitleVariantHit, ...],
    kinds: dict[int, SectionKind],
    lines: tuple[PostingLine, ...],
    vocab: PostingVocab,
) -> tuple[bool, str]:
    if language not in ("en", "und"):
        name = vocab.languages.get(language, language)
        return False, f"written in {name} ({language}), not English"
    first = {kind: n for n, kind in sorted(kinds.items(), reverse=True)}
    evidence = []
    # A heading is not a job title by being first ("Platform sync — meeting notes"): it needs
    # a lexicon title variant or a role word.
    titled = title_line is not None and (
        any(title_line.number in v.lines for v in variants) or _has_marker(title_line.text, vocab.role_words)
    )
    if titled and title_line is not None:
        evidence.append(f"job title on line {title_line.number}")
    if "requirements" in first:
        evidence.append(f"requirements from line {first['requirements']}")
    if "responsibilities" in first:
        evidence.append(f"responsibilities from line {first['responsibilities']}")
    if not evidence:
        return False, "no job title, no requirements section and no responsibilities"
    return True, "; ".join(evidence)


def _role_fit(
    title_line: PostingLine | None, variants: tuple[TitleVariantHit, ...], terms: set[str]
) -> Literal["mlops", "adjacent", "off_topic"]:
    on_title = [v for v in variants if title_line is not None and title_line.number in v.lines]
    if any(v.kind in ("core", "specialisation") for v in on_title):
        return "mlops"
    if on_title or len(terms) >= ADJACENT_MIN_TERMS:
        return "adjacent"
    return "off_topic"
