"""The per-bullet judge: is a line quantified, is it vague, which ML lifecycle stages does it
evidence, and which tools does it name (../shared/eval/README.md has the definitions).

Vocabulary is data (lexicons/*/stages.toml, vague.toml, outcomes.toml, flags.toml); this
module says how each kind of entry is used:

- a vague phrase counts when it is used as a claim, not when a ``[[not_vague]]`` cue negates
  it or shows it only mentioned, nor inside a longer technical term;
- a strong stage term evidences its stage on its own; a stage verb and a weak term need ML
  context (``[[ml_context]]``, or any strong term) and yield to strong evidence of another
  stage, unless the two stages are a ``[[combination]]``;
- nothing after a familiarity phrase or a ``[[claim_marker]]`` evidences a stage up to the end
  of its clause, and a ``[[non_ml_context]]`` object next to a stage word cancels it.

Numbers and change words are judged in :mod:`cvcheck.analyze.quantities`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cvcheck.analyze.nlp import phrase_matcher, pipeline, stem
from cvcheck.analyze.quantities import Evidence, Match, QuantityFinder, all_matches, longest, stems_of
from cvcheck.lexicon.model import Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["BulletJudge", "BulletJudgment", "Evidence"]


@dataclass(frozen=True)
class BulletJudgment:
    text: str
    quantified: bool
    outcomes: tuple[Evidence, ...]  # what makes it quantified (numbers with their outcome, change words)
    ignored_numbers: tuple[Evidence, ...]  # numbers that are not outcomes; id = the reason (version, year ...)
    vague: tuple[Evidence, ...]  # vague phrases used as claims; id = vague.toml id
    vague_ignored: tuple[Evidence, ...]  # negated, quoted or mentioned vague phrases (kind not_vague)
    stages: tuple[str, ...]  # lifecycle stage ids evidenced, in lexicon stage order
    # the terms and verbs that made each stage (kind term/verb), then stage words that were
    # discounted (kind not_stage; id = the non_ml_context or claim entry, or "no_ml_context")
    stage_evidence: tuple[Evidence, ...]
    tools: tuple[Evidence, ...]  # lexicon tool terms named, whether or not they evidence work


# English function words the rules lean on (grammar, not market vocabulary).
_DETERMINERS = frozenset(
    "a an the each every per all any its their our his her my this that these those 's ’s".split()
)
_CLAUSE_BREAKS = frozenset({":", ";", ".", "—", "–", "(", ")"})
_JOINERS = frozenset({"to", "and", "or", "who", "that", "which", "then", "also", ",", "&"})
_GERUND_PREPS = frozenset({"by", "for", "in", "with", "without", "after", "before", "while", "when", "on", "from"})
# "X on every Y": the prepositions after which a term is only the object another term acts on
_TARGET_PREPS = frozenset({"on", "to", "for", "of", "in", "into", "across", "onto"})
_TARGET_FILL = frozenset(_DETERMINERS | {"previous", "existing", "current", "new", "shared"})
_OBJECT_STOPS = frozenset({"to", "for", "in", "on", "with", "by", "from", "into", "across", "at", "and", "while", "so"})
_QUOTES_OPEN = ("'", "‘", '"', "“")
_QUOTES_CLOSE = ("'", "’", '"', "”")
# How much a piece of stage evidence counts: the highest level present in a line decides.
_STRONG, _WEAK, _FAINT = 3, 2, 1


@dataclass(frozen=True)
class _Signal:
    """One piece of stage evidence and how much it counts on its own."""

    stage: str
    level: int  # _STRONG | _WEAK | _FAINT
    evidence: Evidence
    needs_context: bool


class BulletJudge:
    """Judges resume lines against one lexicon; build once, then call :meth:`judge`."""

    def __init__(self, lexicon: Lexicon) -> None:
        self._lexicon = lexicon
        self._stage_order = {s: i for i, s in enumerate(lexicon.stage_ids)}
        self._quantities = QuantityFinder(lexicon)
        self._terms = {t.id: t for t in lexicon.terms}
        self._term_matcher = phrase_matcher({t.id: t.phrases for t in lexicon.terms})
        verbs: dict[str, list[str]] = {}
        self._verb_sources: dict[str, tuple[str, ...]] = {}
        for v in lexicon.verbs:
            verbs.setdefault(v.stage, []).extend(v.lemmas)
            self._verb_sources[v.stage] = tuple(dict.fromkeys(self._verb_sources.get(v.stage, ()) + v.sources))
        self._verb_matcher = phrase_matcher(verbs)
        self._verb_stems = {stem(w) for lemmas in verbs.values() for lemma in lemmas for w in lemma.split()}
        self._vague = {v.id: v for v in lexicon.vague}
        self._vague_forms = {v.id: {" ".join(p.casefold().split()) for p in v.phrases} for v in lexicon.vague}
        groups = {v.id: list(v.phrases) for v in lexicon.vague}
        groups.update({f"technical:{n.id}": list(n.phrases) for n in lexicon.not_vague if n.kind == "technical"})
        self._vague_matcher = phrase_matcher(groups)
        self._cues = {n.id: n for n in lexicon.not_vague if n.kind != "technical"}
        self._cue_matcher = phrase_matcher({n.id: n.phrases for n in self._cues.values()})
        self._context_kind = {m.id: m.kind for m in lexicon.ml_context}
        self._context_matcher = phrase_matcher({m.id: m.phrases for m in lexicon.ml_context})
        self._claim_matcher = phrase_matcher({m.id: m.phrases for m in lexicon.claim_markers})
        # a certification's name ("Certified Kubernetes Administrator") names no work
        self._cert_matcher = phrase_matcher({c.id: c.aliases for c in lexicon.certifications})
        self._non_ml = {n.id: n for n in lexicon.non_role_contexts}
        self._non_ml_matcher = phrase_matcher({n.id: n.objects for n in lexicon.non_role_contexts})
        self._non_ml_verbs = {
            n.id: [tuple(w for part in stems_of(v) for w in part) for v in n.verbs] for n in lexicon.non_role_contexts
        }
        self._combined = {frozenset(c.stages) for c in lexicon.combinations}
        self._outcome_stage = {o.id: o.stage for o in lexicon.outcomes if o.stage}

    def judge(self, texts: Sequence[str]) -> list[BulletJudgment]:
        """Judge each line (one spaCy pass over the batch)."""
        return [self._judge(doc) for doc in pipeline().pipe(texts)]

    # -- one line --------------------------------------------------------------------------

    def _judge(self, doc: Doc) -> BulletJudgment:
        found = self._quantities.find(doc)
        vague, ignored, vague_matches = self._vague_phrases(doc)
        claims = self._claim_spans(doc, vague_matches)
        lead = self._lead_end(doc, vague_matches)
        stages, evidence, tools = self._stages(doc, claims, lead, found.outcomes)
        return BulletJudgment(
            text=doc.text,
            quantified=bool(found.outcomes),
            outcomes=found.outcomes,
            ignored_numbers=found.ignored,
            vague=vague,
            vague_ignored=ignored,
            stages=stages,
            stage_evidence=evidence,
            tools=tools,
        )

    # -- vague -----------------------------------------------------------------------------

    def _vague_phrases(self, doc: Doc) -> tuple[tuple[Evidence, ...], tuple[Evidence, ...], list[Match]]:
        """Claimed and discounted vague phrases, and the claimed-or-not matches themselves."""
        claimed: list[Evidence] = []
        discounted: list[Evidence] = []
        kept: list[Match] = []
        cues = all_matches(self._cue_matcher, doc)
        for key, start, end in longest(all_matches(self._vague_matcher, doc)):
            if key.startswith("technical:"):
                continue  # a technical term that holds a vague word ("support tickets")
            span = doc[start:end]
            if end - start == 1 and not self._inflected_form(key, span.text):
                continue  # "support" the noun, not "supported" the role verb
            kept.append((key, start, end))
            entry = self._vague[key]
            cue = self._not_claim(doc, start, end, cues)
            ev = Evidence(
                span.text, span.start_char, span.end_char, "not_vague" if cue else "vague", key, sources=entry.sources
            )
            (discounted if cue else claimed).append(ev)
        return tuple(claimed), tuple(discounted), kept

    def _inflected_form(self, key: str, surface: str) -> bool:
        """A one-word vague phrase matches its listed forms and their inflections, not the bare
        stem, which is often a noun with a technical use ("support", "help")."""
        low = surface.casefold()
        return low in self._vague_forms[key] or (low.endswith(("s", "ed", "ing")) and stem(low) != low)

    def _not_claim(self, doc: Doc, start: int, end: int, cues: list[Match]) -> str:
        """The id of the cue that shows a vague phrase negated or only mentioned, or ""."""
        before = doc.text[: doc[start].idx].rstrip()
        after = doc.text[doc[end - 1].idx + len(doc[end - 1]) :].lstrip()
        if before.endswith(_QUOTES_OPEN) and after.startswith(_QUOTES_CLOSE):
            return "quoted"
        for key, s, e in cues:
            cue = self._cues[key]
            if cue.position == "before" and e <= start and start - e <= 3:
                between = doc[e:start]
                if any(t.text in _CLAUSE_BREAKS or t.text == "," for t in between):
                    continue
                if cue.kind == "mention" and not any(t.lower_ in _DETERMINERS for t in between):
                    continue  # "converted the team's best practices", not "converted various notebooks"
                return key
            if cue.position == "after" and s >= end and s - end <= 1 and all(t.is_alpha for t in doc[end:s]):
                return key
        return ""

    # -- claims and roles ------------------------------------------------------------------

    def _claim_spans(self, doc: Doc, vague_matches: list[Match]) -> list[tuple[int, int]]:
        """Token ranges that only claim familiarity ("Familiar with A, B and C"): from a
        familiarity phrase or claim marker to the end of its clause."""
        starts = [s for key, s, _ in vague_matches if self._vague[key].category == "familiarity"]
        starts += [s for _, s, _ in all_matches(self._claim_matcher, doc)]
        spans = []
        for start in sorted(set(starts)):
            end = start + 1
            while end < len(doc):
                tok = doc[end]
                if tok.text in _CLAUSE_BREAKS:
                    break
                if tok.text == "," and end + 1 < len(doc) and self._verb_like(doc[end + 1].lower_):
                    break  # "Knowledge of X, applied to ...": the activity starts here
                end += 1
            spans.append((start, end))
        return spans

    def _verb_like(self, word: str) -> bool:
        return word.endswith(("ed", "ing")) or stem(word) in self._verb_stems

    def _lead_end(self, doc: Doc, vague_matches: list[Match]) -> int:
        """Where the line's own action starts: after a leading role-hiding phrase ("Helped",
        "Involved in"), else at the first word."""
        for key, start, end in vague_matches:
            if start == 0 and self._vague[key].category == "role_hiding":
                return end
        return 0

    def _role(self, doc: Doc, start: int, end: int, lead: int) -> str:
        """How a stage word is used: main (the line's action), verb (a secondary action), noun
        (a thing named: "each release", "model training") or adj ("fine-tuned adapters")."""
        prev = doc[start - 1] if start > 0 else None
        nxt = doc[end] if end < len(doc) else None
        if (prev is not None and prev.text in "-–" and not prev.whitespace_) or (
            nxt is not None and nxt.text in "-–" and not doc[end - 1].whitespace_
        ):
            return "compound"  # part of a compound word: "large-scale", "self-serve"
        if start == lead or prev is None or prev.text in (":", ";"):
            return "main"
        last = doc[end - 1].lower_
        if last.endswith("ed"):  # nouns rarely end in -ed: a participle, before a noun an adjective
            return "adj" if nxt is not None and nxt.is_alpha and not nxt.is_stop else "verb"
        low = prev.lower_
        if low in _DETERMINERS or prev.like_num:
            return "noun"
        if last.endswith("ing") and low in _GERUND_PREPS:
            return "verb"
        if low in _JOINERS:
            return "verb"
        if prev.is_alpha and not prev.is_stop:
            return "noun"
        return "verb"

    # -- stages ----------------------------------------------------------------------------

    def _stages(
        self, doc: Doc, claims: list[tuple[int, int]], lead: int, outcomes: tuple[Evidence, ...]
    ) -> tuple[tuple[str, ...], tuple[Evidence, ...], tuple[Evidence, ...]]:
        terms = longest(all_matches(self._term_matcher, doc))
        covered = {i for _, s, e in terms for i in range(s, e)}
        verbs = [m for m in longest(all_matches(self._verb_matcher, doc)) if covered.isdisjoint(range(m[1], m[2]))]
        context = longest(all_matches(self._context_matcher, doc))
        objects = [m for m in longest(all_matches(self._non_ml_matcher, doc)) if covered.isdisjoint(range(m[1], m[2]))]
        has_context = any(self._context_kind[k] == "context" for k, _, _ in context) or any(
            self._terms[k].strength == "strong" for k, _, _ in terms
        )

        certs = {i: key for key, s, e in all_matches(self._cert_matcher, doc) for i in range(s, e)}

        def claimed(i: int) -> str:
            return next(("claim" for s, e in claims if s <= i < e), "") or certs.get(i, "")

        signals: list[_Signal] = []
        dropped: list[Evidence] = []
        tools: list[Evidence] = []
        for key, start, end in terms:
            term = self._terms[key]
            span = doc[start:end]
            ev = Evidence(span.text, span.start_char, span.end_char, "term", term.id, term.stage, term.sources)
            if term.kind == "tool":
                tools.append(ev)
            # a weak tool ("MLflow", "Kubernetes") spans stages or non-ML work, so it yields to
            # a weak practice or a verb of another stage
            level = _STRONG if term.strength == "strong" else _FAINT if term.kind == "tool" else _WEAK
            if term.kind == "verb_object":
                role = self._role(doc, start, _verb_end(doc, start, end), lead)
                if role == "adj":
                    continue  # "deployed models" as a description, not the candidate's action
            why = claimed(start) or self._non_ml_reason(doc, term.stage, start, end, objects)
            if not why and self._is_target(doc, start, term.stage, terms, verbs):
                continue  # "SLOs on every model endpoint": the endpoint is what is watched
            if why:
                dropped.append(_discount(ev, why))
            else:
                signals.append(_Signal(term.stage, level, ev, needs_context=level < _STRONG))
        for stage, start, end in verbs:
            span = doc[start:end]
            ev = Evidence(span.text, span.start_char, span.end_char, "verb", stem(span.text), stage, self._verb_sources[stage])
            role = self._role(doc, start, end, lead)
            if role in ("adj", "compound"):
                continue  # a description ("fine-tuned adapters", "self-serve"), not an action
            why = claimed(start) or self._non_ml_reason(doc, stage, start, end, objects)
            if why:
                dropped.append(_discount(ev, why))
            elif not self._absorbed(doc, stage, end, terms):
                # the line's own action counts most; a thing named ("each release") least
                level = {"main": _STRONG, "verb": _WEAK}.get(role, _FAINT)
                signals.append(_Signal(stage, level, ev, needs_context=True))
        for ev in outcomes:
            stage = self._outcome_stage.get(ev.id)
            span = doc.char_span(ev.start, ev.end, alignment_mode="expand")
            if stage and span is not None and not claimed(span.start):
                # a stated latency, throughput or MTTR is work in that metric's stage (weak: the
                # same numbers describe web services)
                metric = Evidence(ev.text, ev.start, ev.end, "term", f"outcome:{ev.id}", stage, ev.sources)
                signals.append(_Signal(stage, _WEAK, metric, needs_context=True))
        stages, used = self._decide(signals, has_context)
        for sig in signals:
            if sig.needs_context and not has_context and sig.evidence.kind == "verb":
                dropped.append(_discount(sig.evidence, "no_ml_context"))
        evidence = sorted(used, key=lambda e: e.start) + sorted(dropped, key=lambda e: e.start)
        return stages, tuple(evidence), tuple(tools)

    def _decide(self, signals: list[_Signal], has_context: bool) -> tuple[tuple[str, ...], list[Evidence]]:
        """The stages with evidence at the highest level present, plus stages that form a
        combination with one of them. Context-dependent evidence needs ML context."""
        usable = [s for s in signals if has_context or not s.needs_context]
        top = max((s.level for s in usable), default=0)
        best = {s.stage for s in usable if s.level == top}
        keep = best | {s.stage for s in usable if any(frozenset((s.stage, b)) in self._combined for b in best)}
        used = [s.evidence for s in usable if s.stage in keep]
        return tuple(sorted(keep, key=self._stage_order.__getitem__)), used

    def _non_ml_reason(self, doc: Doc, stage: str, start: int, end: int, objects: list[Match]) -> str:
        """The non_ml_context entry whose object shows this stage word used for other work."""
        words = tuple(t.norm_ for t in doc[start:end])
        for key, s, e in objects:
            entry = self._non_ml[key]
            if entry.not_stage != stage:
                continue
            if s < end and start < e:
                return key  # the stage word is part of the object ("sales dashboards")
            near = end <= s <= end + 6 and not any(t.text in _CLAUSE_BREAKS for t in doc[end:s])
            if near and any(words[: len(v)] == v for v in self._non_ml_verbs[key]):
                return key
        return ""

    def _absorbed(self, doc: Doc, stage: str, end: int, terms: list[Match]) -> bool:
        """A verb whose object is a term of another stage works on that term ("migrated the
        feature tables", "tracks 220 model versions") and adds no stage of its own."""
        stop = end
        while stop < min(len(doc), end + 6) and doc[stop].lower_ not in _OBJECT_STOPS and not doc[stop].is_punct:
            stop += 1
        for key, s, _ in terms:
            other = self._terms[key].stage
            if end <= s < stop and other != stage and frozenset((stage, other)) not in self._combined:
                return True
        return False

    def _is_target(self, doc: Doc, start: int, stage: str, terms: list[Match], verbs: list[Match]) -> bool:
        """Whether a term is only the object another stage's term acts on, in a phrase such as
        "SLOs on every model endpoint" or "rollback to the previous model version"."""
        i = start - 1
        while i >= 0 and doc[i].lower_ in _TARGET_FILL and start - i <= 3:
            i -= 1
        if i < 1 or doc[i].lower_ not in _TARGET_PREPS:
            return False
        for key, s, e in terms:
            other = self._terms[key].stage
            if e == i and other != stage and frozenset((stage, other)) not in self._combined:
                return True
        return any(e == i and v != stage and frozenset((stage, v)) not in self._combined for v, _, e in verbs)


def _verb_end(doc: Doc, start: int, end: int) -> int:
    """End of the verb in a verb-object term ("fine-tuned" in "fine-tuned models")."""
    return next((i + 1 for i in range(start, end) if doc[i].lower_.endswith(("ed", "ing"))), start + 1)


def _discount(ev: Evidence, why: str) -> Evidence:
    """The evidence re-labelled as a stage word that does not count, with the reason as id."""
    return Evidence(ev.text, ev.start, ev.end, "not_stage", why, ev.stage, ev.sources)
