"""The per-bullet judge: is a line quantified, is it vague, which ML lifecycle stages does it
evidence, and which tools does it name (../shared/eval/README.md has the definitions).

Vocabulary is data (lexicons/*/stages.toml, vague.toml, outcomes.toml, flags.toml); this
module says how each kind of entry is used:

- a vague phrase counts when it is used as a claim: not when a ``[[not_vague]]`` cue negates it
  or shows it only mentioned, not in quotes, and not inside a longer technical term;
- a term matches its listed words in their listed forms: a listed -ing or -ed word keeps its
  inflection ("logging" is not "logged", "model serving" is not "the models serve"), and a
  weak one-word practice in another form is its stage's verb; words the line hyphenates
  ("error-budget", "shadow-tested") match unless they only describe the noun after them;
- stage evidence has a level: a strong term or the line's main verb (also a past-tense verb
  joined to it by "and") is strong; a weak practice term, a secondary verb or a stated metric
  (``[[outcome]] stage``) is weak; a weak tool or a verb used as a noun is faint. The highest
  level present decides, so a weak word yields to stronger evidence of another stage, except
  for a nearby ``[[combination]]`` of stages and for a weak practice that is the line's own
  work: heading the object of its first, non-stage verb or its subject ("Ran the incident
  response when ..."), or alone in a clause of its own ("...: 17 models and one on-call
  rotation"). A weak artifact ("model versions") never counts beside stronger evidence;
- verbs and weak or faint evidence count only in a line about ML models (``[[ml_context]]``
  or any strong term); a tool right before another stage's strong practice only says which
  one it is ("the ZenML retraining pipelines");
- nothing after a claimed familiarity phrase or a ``[[claim_marker]]`` up to the end of its
  clause, nothing in a clause that only lists things, and nothing inside a certification's
  name, evidences a stage; a ``[[non_ml_context]]`` object next to a stage word cancels it.

Numbers and change words are judged in :mod:`cvcheck.analyze.quantities`.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cvcheck.analyze.nlp import known_tokens, parse_all, phrase_matcher, stem
from cvcheck.analyze.quantities import (
    Evidence,
    Match,
    QuantityFinder,
    Word,
    all_matches,
    inflection,
    longest,
    phrase_parts,
    stems_of,
)
from cvcheck.lexicon.model import Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["BulletJudge", "BulletJudgment", "Evidence"]


@dataclass(frozen=True)
class BulletJudgment:
    """What one resume line shows, with the evidence for each part of the judgment."""

    text: str
    quantified: bool
    # what makes it quantified: numbers with the outcome they measure, change words
    outcomes: tuple[Evidence, ...]
    # numbers that are not outcomes; id = the reason (version, year, team_size, identifier ...)
    ignored_numbers: tuple[Evidence, ...]
    vague: tuple[Evidence, ...]  # vague phrases used as claims; id = vague.toml id
    vague_ignored: tuple[Evidence, ...]  # negated, quoted or mentioned ones (kind not_vague)
    stages: tuple[str, ...]  # lifecycle stage ids evidenced, in lexicon stage order
    # the terms and verbs that made the stages (kind term/verb), then stage words that did not
    # count (kind not_stage; id = the claim, certification or non_ml_context entry, or
    # "no_ml_context")
    stage_evidence: tuple[Evidence, ...]
    tools: tuple[Evidence, ...]  # lexicon tool terms named, whether or not they evidence work


# English function words the rules lean on (grammar, not market vocabulary).
_DETERMINERS = frozenset(
    {"a", "an", "the", "each", "every", "per", "all", "any", "its", "their", "our", "his", "her", "my"}
    | {"this", "these", "those", "'s", "’s"}  # not "that": "DAGs that retrain models"
)
_CLAUSE_BREAKS = frozenset(":;.—–()")
_JOINERS = frozenset({"to", "and", "or", "who", "that", "which", "then", "also", ",", "&"})
_RELATIVES = frozenset({"who", "that", "which"})
_GERUND_PREPS = frozenset(
    {"by", "for", "in", "with", "without", "after", "before", "while", "when", "on", "from"}
)
_TARGET_PREPS = frozenset({"on", "to", "for", "of", "in", "into", "across", "onto"})
_TARGET_FILL = frozenset(_DETERMINERS | {"previous", "existing", "current", "new", "shared"})
_MEANS_PREPS = frozenset({"in", "with", "using", "via", "through", "on", "to", "onto"})
_OBJECT_STOPS = frozenset(
    {"to", "for", "in", "on", "with", "by", "from", "into", "across", "at", "and", "while", "so"}
)
_HYPHENS = frozenset({"-", "–"})
# words that end a line's main phrase: prepositions, conjunctions and relatives
_PHRASE_ENDS = (
    _OBJECT_STOPS | _RELATIVES | {"of", "when", "whenever", "after", "before", "until", "as", "via", "using"}
)
# words that open a subordinate clause: a verb after them is not the line's second action
_SUBORDINATORS = _RELATIVES | frozenset(
    {"when", "whenever", "if", "so", "because", "after", "before", "until", "while", "by"}
)
_VERB_PREFIXES = frozenset({"re", "auto", "co"})  # "re-labeled" is labelled again, not a compound
_OBJECT_PRONOUNS = frozenset({"it", "them"})
_PARTICLES = frozenset({"out", "back"})
_PARTICLE_REACH = 5  # the most words between a phrasal verb and its particle
_QUOTES_OPEN = ("'", "‘", '"', "“")
_QUOTES_CLOSE = ("'", "’", '"', "”")
_STRONG, _WEAK, _FAINT = 3, 2, 1
_LIST_ITEM = 4  # the most words a listed item has ("Kubeflow Pipelines v2")
_NEAR_CHARS = 60  # how close two stages' words must be to count as one combined piece of work


@dataclass(frozen=True)
class _Signal:
    """One piece of stage evidence and how much it counts on its own."""

    stage: str
    level: int  # _STRONG | _WEAK | _FAINT
    evidence: Evidence
    needs_context: bool
    own_context: bool = False  # may its own words show the ML context ("model training")?
    heads: bool = False  # a weak practice heading the line's work: kept beside stronger evidence
    clause: int = 0  # the first token of its clause
    alone: bool = False  # a weak practice: counts in a clause without stronger evidence
    artifact: bool = False  # a weak artifact: counts only when no other stage's evidence is as strong


@dataclass
class _Line:
    """One line's matches, shared by the stage rules."""

    doc: Doc
    terms: list[Match]
    verbs: list[Match]
    roles: dict[int, str]  # verb start → main | verb | noun | adj | compound
    objects: list[Match]  # non_ml_context objects
    blocked: dict[int, str]  # token → why it evidences nothing: claim, tool_list, certification id
    lead: int  # where the line's own action starts
    weak_verbs: set[int]  # verbs made from weak practice nouns ("Logged"): never more than weak


class BulletJudge:
    """Judges resume lines against one lexicon; build once, then call :meth:`judge`."""

    def __init__(self, lexicon: Lexicon) -> None:
        self._stage_order = {s: i for i, s in enumerate(lexicon.stage_ids)}
        self._quantities = QuantityFinder(lexicon)
        self._terms = {t.id: t for t in lexicon.terms}
        self._term_matcher = phrase_matcher({t.id: t.phrases for t in lexicon.terms})
        tokens = known_tokens()  # the matcher has just tokenised every phrase
        self._term_forms = {
            t.id: {tuple(_form(w) for w in tokens[p]) for p in t.phrases if p in tokens}
            for t in lexicon.terms
        }
        verbs: dict[str, list[str]] = {}
        sources: dict[str, dict[str, None]] = {}
        for v in lexicon.verbs:
            verbs.setdefault(v.stage, []).extend(v.lemmas)
            sources.setdefault(v.stage, {}).update(dict.fromkeys(v.sources))
        self._verb_sources = {stage: tuple(ids) for stage, ids in sources.items()}
        self._verb_matcher = phrase_matcher(dict(verbs))
        # phrasal verbs whose particle may follow the object: "rolled it out", "rolled the new model back"
        self._phrasal = {
            tuple(stems_of(lemma)): stage
            for stage, lemmas in verbs.items()
            for lemma in lemmas
            if len(lemma.split()) == 2 and lemma.split()[1] in _PARTICLES
        }
        self._verb_stems = {stem(w) for lemmas in verbs.values() for lemma in lemmas for w in lemma.split()}
        self._vague = {v.id: v for v in lexicon.vague}
        self._vague_forms = {v.id: {" ".join(p.casefold().split()) for p in v.phrases} for v in lexicon.vague}
        self._vague_words = {v.id: {phrase_parts(p)[0] for p in v.phrases} for v in lexicon.vague}
        groups = {v.id: v.phrases for v in lexicon.vague}
        groups.update({f"technical:{n.id}": n.phrases for n in lexicon.not_vague if n.kind == "technical"})
        self._vague_matcher = phrase_matcher(dict(groups))
        self._cues = {n.id: n for n in lexicon.not_vague if n.kind != "technical"}
        self._cue_matcher = phrase_matcher({n.id: n.phrases for n in self._cues.values()})
        self._context_kind = {m.id: m.kind for m in lexicon.ml_context}
        self._context_matcher = phrase_matcher({m.id: m.phrases for m in lexicon.ml_context})
        self._claim_matcher = phrase_matcher({m.id: m.phrases for m in lexicon.claim_markers})
        self._cert_matcher = phrase_matcher({c.id: c.aliases for c in lexicon.certifications})
        self._non_ml = {n.id: n for n in lexicon.non_role_contexts}
        self._non_ml_matcher = phrase_matcher({n.id: n.objects for n in lexicon.non_role_contexts})
        self._non_ml_verbs = {n.id: [stems_of(v) for v in n.verbs] for n in lexicon.non_role_contexts}
        self._combined = {frozenset(c.stages) for c in lexicon.combinations}
        self._outcome_stage = {o.id: o.stage for o in lexicon.outcomes if o.stage}

    def judge(self, texts: Sequence[str]) -> list[BulletJudgment]:
        """Judge each line (one spaCy pass over the batch)."""
        return [self._judge(doc) for doc in parse_all(texts)]

    def _judge(self, doc: Doc) -> BulletJudgment:
        found = self._quantities.find(doc)
        vague, ignored, vague_matches = self._vague_phrases(doc)
        stages, evidence, tools = self._stages(self._line(doc, vague_matches), found.outcomes)
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
        """Claimed and discounted vague phrases, and the matches of the claimed ones."""
        claimed: list[Evidence] = []
        discounted: list[Evidence] = []
        kept: list[Match] = []
        cues = all_matches(self._cue_matcher, doc)
        for key, start, end in longest(
            m for m in all_matches(self._vague_matcher, doc) if self._valid(doc, *m)
        ):
            if key.startswith("technical:"):
                continue  # a technical term that holds a vague word ("support tickets")
            cue = self._not_claim(doc, start, end, cues)
            if not cue:  # "Not merely familiar with Triton: ran ..." claims nothing and blocks nothing
                kept.append((key, start, end))
            span = doc[start:end]
            kind = "not_vague" if cue else "vague"
            ev = Evidence(
                span.text, span.start_char, span.end_char, kind, key, sources=self._vague[key].sources
            )
            (discounted if cue else claimed).append(ev)
        return tuple(claimed), tuple(discounted), kept

    def _valid(self, doc: Doc, key: str, start: int, end: int) -> bool:
        """Whether a match of a vague phrase is a use of it, before the longest match wins."""
        if key.startswith("technical:"):
            return True
        if end - start == 1 and not self._inflected_form(key, doc[start].text):
            return False  # "support" the noun, not "supported" the role verb
        if end - start > 1 and not self._same_forms(key, doc, start, end):
            return False  # "my skills in", not "skilled in"
        # part of a compound word: "worked on-call", "AI-assisted labelling"
        glued_after = end < len(doc) and doc[end].text in _HYPHENS and not doc[end - 1].whitespace_
        glued_before = start > 0 and doc[start - 1].text in _HYPHENS and not doc[start - 1].whitespace_
        return not (glued_after or glued_before)

    def _term_form(self, doc: Doc, key: str, start: int, end: int) -> bool:
        """A term's listed -ing or -ed word keeps its inflection ("model serving" is not "the
        models serve", "logging" is not "logged"); a plural of an -ing noun still matches
        ("embeddings pipeline"), and a bare listed word stands for all its forms. A strong
        one-word term is unambiguous in any form ("retrained" for "retraining"). Words the
        line hyphenates where the lexicon does not ("error-budget") match unless they only
        describe the noun after them ("model-serving pages", "error-rate analysis")."""
        if end - start == 1 and self._terms[key].strength == "strong":
            return True

        def same(text: list[Word], listed: tuple[Word, ...]) -> bool:
            return len(listed) == len(text) and all(
                a[0] == b[0] and (not b[1] or a[1] == b[1]) for a, b in zip(text, listed, strict=True)
            )

        text = [_form(t.text) for t in doc[start:end]]
        if any(same(text, listed) for listed in self._term_forms[key]):
            return True
        nxt = doc[end] if end < len(doc) else None
        if nxt is not None and nxt.is_alpha and not nxt.is_stop:
            return False  # a hyphenated compound before its noun
        bare = [w for w in text if w[0] not in _HYPHENS]
        return any(
            same(bare, tuple(w for w in listed if w[0] not in _HYPHENS)) for listed in self._term_forms[key]
        )

    def _inflected_form(self, key: str, surface: str) -> bool:
        """A one-word vague phrase matches its listed forms and their inflections, not the bare
        stem, which is often a noun with a technical use ("support", "help")."""
        low = surface.casefold()
        return low in self._vague_forms[key] or (low.endswith(("s", "ed", "ing")) and stem(low) != low)

    def _same_forms(self, key: str, doc: Doc, start: int, end: int) -> bool:
        """A longer vague phrase keeps the inflection of a listed -ed or -ing form ("skilled in"
        is not "my skills in"), except for a bare form at the start of the line, where resumes
        use the present tense ("Help with"); a listed bare form stands for all its inflections."""
        text: list[Word] = [(t.norm_, inflection(t.lower_)) for t in doc[start:end]]
        for listed in self._vague_words[key]:
            if len(listed) == len(text) and all(
                a[0] == b[0] and (a[1] == b[1] or not b[1] or (i == 0 and start == 0 and not a[1]))
                for i, (a, b) in enumerate(zip(text, listed, strict=True))
            ):
                return True
        return False

    def _not_claim(self, doc: Doc, start: int, end: int, cues: list[Match]) -> str:
        """The id of the cue that shows a vague phrase negated or only mentioned, or ""."""
        before = doc.text[: doc[start].idx].rstrip()
        after = doc.text[doc[end - 1].idx + len(doc[end - 1]) :].lstrip()
        if before.endswith(_QUOTES_OPEN) and after.startswith(_QUOTES_CLOSE):
            return "quoted"
        for key, s, e in cues:
            cue = self._cues[key]
            if cue.position == "before" and e <= start <= e + 3:
                between = doc[e:start]
                if any(_breaks(t) or t.text == "," for t in between):
                    continue
                if cue.kind == "mention" and not any(t.lower_ in _DETERMINERS for t in between):
                    continue  # "converted the team's best practices", not "converted various notebooks"
                return key
            if cue.position == "after" and end <= s <= end + 1 and all(t.is_alpha for t in doc[end:s]):
                return key  # "the best practices page"
        return ""

    # -- the line's structure --------------------------------------------------------------

    def _line(self, doc: Doc, vague_matches: list[Match]) -> _Line:
        found = list(dict.fromkeys(all_matches(self._term_matcher, doc) + self._hyphenated(doc)))
        terms = longest(m for m in found if self._term_form(doc, *m))
        covered = {i for _, s, e in terms for i in range(s, e)}

        def free(found: list[Match]) -> list[Match]:  # not inside a term ("training" in "training jobs")
            return [m for m in longest(found) if covered.isdisjoint(range(m[1], m[2]))]

        # a one-word practice noun in another form is that practice's verb ("Logged" for "logging")
        verbed = [
            (self._terms[k].stage, s, e)
            for k, s, e in found
            if e - s == 1 and not self._term_form(doc, k, s, e)
        ]
        verbs = free(all_matches(self._verb_matcher, doc) + verbed + self._split_verbs(doc))
        weak_verbs = {s for _, s, _ in verbed}
        lead = next(
            (e for k, s, e in vague_matches if s == 0 and self._vague[k].category == "role_hiding"), 0
        )
        blocked = {i: key for key, s, e in all_matches(self._cert_matcher, doc) for i in range(s, e)}
        for s, e in self._claim_spans(doc, vague_matches):
            blocked.update(dict.fromkeys(range(s, e), "claim"))
        roles = {s: self._role(doc, s, e, lead) for _, s, e in verbs}
        for s, e in _lists(doc, covered, {s for s, role in roles.items() if role == "main"}):
            blocked.update(dict.fromkeys(range(s, e), "tool_list"))
        objects = free(all_matches(self._non_ml_matcher, doc))
        return _Line(doc, terms, verbs, roles, objects, blocked, lead, weak_verbs)

    def _hyphenated(self, doc: Doc) -> list[Match]:
        """Term matches that read a hyphen between two words as a space ("error-budget burn",
        "shadow-tested"), as resumes join words freely; :meth:`_term_form` then drops those that
        only describe the noun after them."""
        from spacy.tokens import Doc

        keep = [
            t.i
            for t in doc
            if not (
                t.text in _HYPHENS
                and 0 < t.i < len(doc) - 1
                and not doc[t.i - 1].whitespace_
                and not t.whitespace_
                and doc[t.i - 1].is_alpha
                and doc[t.i + 1].is_alpha
            )
        ]
        if len(keep) == len(doc):
            return []
        joined = Doc(doc.vocab, words=[doc[i].text for i in keep])
        for token in joined:
            token.norm_ = doc[keep[token.i]].norm_
        return [
            (key, keep[s], keep[e - 1] + 1)
            for key, s, e in all_matches(self._term_matcher, joined)
            if keep[e - 1] + 1 - keep[s] != e - s  # only the matches that span a hyphen
        ]

    def _split_verbs(self, doc: Doc) -> list[Match]:
        """Phrasal stage verbs with their object between verb and particle ("rolled the new ETA
        model out", "rolls it out"): the verb word, when the particle follows in its clause."""
        found = []
        for (verb, particle), stage in self._phrasal.items():
            for t in doc:
                if t.norm_ != verb:
                    continue
                for u in doc[t.i + 2 : t.i + 2 + _PARTICLE_REACH]:
                    if _breaks(u) or u.text == ",":
                        break
                    if u.lower_ == particle:
                        found.append((stage, t.i, t.i + 1))
                        break
        return found

    def _claim_spans(self, doc: Doc, vague_matches: list[Match]) -> list[tuple[int, int]]:
        """Token ranges that only claim ("Familiar with A, B and C", "talks on X"): from a
        familiarity phrase or claim marker to the end of its clause."""
        starts = {s for key, s, _ in vague_matches if self._vague[key].category == "familiarity"}
        starts |= {s for _, s, _ in all_matches(self._claim_matcher, doc)}
        spans = []
        for start in sorted(starts):
            end = start + 1
            while end < len(doc) and not _breaks(doc[end]):
                if doc[end].text == "," and end + 1 < len(doc) and self._verb_like(doc[end + 1].lower_):
                    break  # "Knowledge of X, applied to ...": the activity starts here
                end += 1
            spans.append((start, end))
        return spans

    def _verb_like(self, word: str) -> bool:
        return word.endswith(("ed", "ing")) or stem(word) in self._verb_stems

    @staticmethod
    def _role(doc: Doc, start: int, end: int, lead: int) -> str:
        """How a stage word is used: main (the line's action, after any leading "Helped" or
        "Involved in"), verb (a secondary action), noun (a thing named: "each release", "model
        launch"), adj ("fine-tuned adapters") or compound ("self-serve")."""
        prev = doc[start - 1] if start > 0 else None
        nxt = doc[end] if end < len(doc) else None
        if (
            start > 1
            and prev is not None
            and prev.text in _HYPHENS
            and doc[start - 2].lower_ in _VERB_PREFIXES
        ):
            return BulletJudge._role(doc, start - 2, end, lead)  # "Re-labeled", "Auto-scaled": still the verb
        if (prev is not None and prev.text in ("-", "–") and not prev.whitespace_) or (
            nxt is not None and nxt.text in ("-", "–") and not doc[end - 1].whitespace_
        ):
            return "compound"
        if start == lead or prev is None or (_breaks(prev) and prev.text[0] in ":;"):
            return "main"
        last = doc[end - 1].lower_
        if last.endswith("ed") and _coordinated(doc, start, lead):
            return "main"  # "Cleaned 2 million images ... and fine-tuned the encoder on them"
        if last.endswith("ed"):  # nouns rarely end in -ed: a participle, before a noun an adjective
            return "adj" if nxt is not None and nxt.is_alpha and not nxt.is_stop else "verb"
        low = prev.lower_
        if low in _DETERMINERS or prev.like_num:
            return "noun"
        if last.endswith("ing") and low in _GERUND_PREPS:
            return "verb"  # "by exporting", "in approving"
        if nxt is not None and nxt.lower_ in _OBJECT_PRONOUNS:
            return "verb"  # "and rolls it out": a verb takes the pronoun, a noun would not
        if low in _JOINERS:
            # after "and" or a comma a plural noun looks like a verb: "replay and audits"
            plural = last.endswith("s") and not last.endswith("ss") and low not in _RELATIVES
            return "noun" if plural else "verb"
        return "noun" if prev.is_alpha and not prev.is_stop else "verb"

    # -- stages ----------------------------------------------------------------------------

    def _stages(
        self, line: _Line, outcomes: tuple[Evidence, ...]
    ) -> tuple[tuple[str, ...], tuple[Evidence, ...], tuple[Evidence, ...]]:
        """The stages a line evidences, the evidence (used, then discounted), and its tools."""
        doc = line.doc
        signals: list[_Signal] = []
        dropped: list[Evidence] = []
        tools: list[Evidence] = []
        for key, start, end in line.terms:
            term = self._terms[key]
            span = doc[start:end]
            ev = Evidence(
                span.text, span.start_char, span.end_char, "term", term.id, term.stage, term.sources
            )
            if term.kind == "tool":
                tools.append(ev)
            if not self._counts(line, term.stage, term.kind, start, end):
                continue
            why = line.blocked.get(start) or self._non_ml_reason(line, term.stage, start, end, term=True)
            if why:
                dropped.append(_discount(ev, why))
                continue
            # a weak tool ("MLflow", "Kubernetes") spans stages or non-ML work: faint
            level = _STRONG if term.strength == "strong" else _FAINT if term.kind == "tool" else _WEAK
            # a weak practice that heads the line's work counts beside stronger evidence of other
            # stages: "Ran the incident response when a Ray Serve upgrade broke ..."
            heads = level == _WEAK and term.kind == "practice" and self._is_object(line, start, end)
            own = term.kind != "tool"  # "MLflow" alone does not make a line ML work; "model training" does
            alone = level == _WEAK and term.kind == "practice"  # may count in a clause of its own
            artifact = level < _STRONG and term.kind == "artifact"
            clause = _clause_start(doc, start)
            signals.append(
                _Signal(term.stage, level, ev, level < _STRONG, own, heads, clause, alone, artifact)
            )
        for stage, start, end in line.verbs:
            span = doc[start:end]
            ev = Evidence(
                span.text,
                span.start_char,
                span.end_char,
                "verb",
                stem(span.text),
                stage,
                self._verb_sources[stage],
            )
            role = line.roles[start]
            if role in ("adj", "compound"):
                continue  # a description ("fine-tuned adapters", "self-serve"), not an action
            why = line.blocked.get(start) or self._non_ml_reason(line, stage, start, end)
            if why:
                dropped.append(_discount(ev, why))
            elif not self._absorbed(line, stage, end):
                level = {"main": _STRONG, "verb": _WEAK}.get(role, _FAINT)
                if start in line.weak_verbs:
                    level = min(level, _WEAK)  # "Logged" is as weak as "logging"
                signals.append(
                    _Signal(stage, level, ev, needs_context=True, clause=_clause_start(doc, start))
                )
        for ev in outcomes:
            measured = self._outcome_stage.get(ev.id)
            where = doc.char_span(ev.start, ev.end, alignment_mode="expand")
            if measured and where is not None and where.start not in line.blocked:
                # a stated latency, throughput or MTTR is work in its metric's stage; weak, since
                # web services state the same numbers
                metric = Evidence(ev.text, ev.start, ev.end, "term", f"outcome:{ev.id}", measured, ev.sources)
                signals.append(
                    _Signal(
                        measured, _WEAK, metric, needs_context=True, clause=_clause_start(doc, where.start)
                    )
                )
        context = self._context_spans(line)
        unsupported = [s for s in signals if s.needs_context and not _supported(s, context)]
        stages, used = self._decide([s for s in signals if s not in unsupported])
        dropped += [_discount(s.evidence, "no_ml_context") for s in unsupported]
        evidence = sorted(used, key=lambda e: e.start) + sorted(dropped, key=lambda e: e.start)
        return stages, tuple(evidence), tuple(tools)

    def _counts(self, line: _Line, stage: str, kind: str, start: int, end: int) -> bool:
        """Whether a term is the line's work rather than a description, a means or a target."""
        if kind == "verb_object":
            role = self._role(line.doc, start, _verb_end(line.doc, start, end), line.lead)
            if role in ("adj", "noun", "compound"):
                return False  # "deployed models", "transaction monitoring models": a description
        if kind == "tool" and self._is_means(line, start, stage):
            return False  # "retraining ... in SageMaker Pipelines": the tool is how, not what
        if kind == "tool" and self._describes(line, end, stage):
            return False  # "the ZenML retraining pipelines": the tool says which pipelines
        return not self._is_target(line, start, stage)  # "SLOs on every model endpoint"

    def _context_spans(self, line: _Line) -> list[tuple[int, int]]:
        """Where the line shows it is about ML models (character spans): ML context words and
        strong terms."""
        doc = line.doc
        found = [
            (s, e)
            for k, s, e in longest(all_matches(self._context_matcher, doc))
            if self._context_kind[k] == "context"
        ]
        found += [(s, e) for k, s, e in line.terms if self._terms[k].strength == "strong"]
        return [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1])) for s, e in found]

    def _decide(self, usable: list[_Signal]) -> tuple[tuple[str, ...], list[Evidence]]:
        """The stages with evidence at the highest level present, with weak practices that head
        the line's work or stand alone in their clause, plus stages that form a combination
        with one of them close by ("retraining trigger on drift scores"; not "recalibrated ...
        after a drift review", nor "... so each model can be traced")."""
        top = max((s.level for s in usable), default=0)
        top_clauses = {s.clause for s in usable if s.level == top}
        best = [s for s in usable if s.level == top or s.heads or (s.alone and s.clause not in top_clauses)]
        if any(not s.artifact for s in best):  # "dashboards for the inputs of 20 production models"
            best = [
                s for s in best if not s.artifact or all(b.stage == s.stage for b in best if not b.artifact)
            ]
        keep = {s.stage for s in best} | {
            s.stage
            for s in usable
            for b in best
            if frozenset((s.stage, b.stage)) in self._combined
            and not (s.evidence.kind == "verb" and s.level == _WEAK)  # "... so it can be traced"
            and abs(s.evidence.start - b.evidence.start) <= _NEAR_CHARS
        }
        used = [s.evidence for s in usable if s.stage in keep]
        return tuple(sorted(keep, key=self._stage_order.__getitem__)), used

    def _separate(self, a: str, b: str) -> bool:
        """Two different stages that are not a combination."""
        return a != b and frozenset((a, b)) not in self._combined

    def _non_ml_reason(self, line: _Line, stage: str, start: int, end: int, term: bool = False) -> str:
        """The non_ml_context entry whose object shows this stage word used for other work: an
        object that contains it, or one soon after a listed verb (or after a term)."""
        doc = line.doc
        words = tuple(t.norm_ for t in doc[start:end])
        for key, s, e in line.objects:
            if self._non_ml[key].not_stage != stage:
                continue
            if s < end and start < e and (s, e) != (start, end):
                return key  # the stage word is part of the object ("sales dashboards")
            near = end <= s <= end + 6 and not any(_breaks(t) for t in doc[end:s])
            if near and (term or any(words[: len(v)] == v for v in self._non_ml_verbs[key])):
                return key  # "deployed laptop images", "data pipelines for the finance data mart"
        return ""

    def _absorbed(self, line: _Line, stage: str, end: int) -> bool:
        """A verb whose object is a term of another stage works on that term ("migrated the
        feature tables", "tracks 220 model versions") and adds no stage of its own."""
        doc = line.doc
        stop = end
        while (
            stop < min(len(doc), end + 6) and doc[stop].lower_ not in _OBJECT_STOPS and not doc[stop].is_punct
        ):
            stop += 1
        return any(end <= s < stop and self._separate(stage, self._terms[k].stage) for k, s, _ in line.terms)

    def _is_object(self, line: _Line, start: int, end: int) -> bool:
        """Whether a term heads the line's main phrase: the object of its first action when that
        is not a stage verb ("Ran the incident response when ...", "Took primary on-call for
        ...") or its subject ("Endpoint SLOs and alerts ship with ..."); not a word describing
        another noun, nor a noun another stage's term specialises ("the retraining DAG")."""
        doc = line.doc
        if start < line.lead or any(s == line.lead for _, s, _ in line.verbs):
            return False
        if any(e == start and self._terms[k].strength == "strong" for k, _, e in line.terms):
            return False
        stop = line.lead + 1
        while stop < len(doc):
            if stop == start:
                stop = end
                continue
            token = doc[stop]
            if (token.is_punct and token.text not in _HYPHENS) or token.lower_ in _PHRASE_ENDS:
                break
            stop += 1
        return end == stop

    def _describes(self, line: _Line, end: int, stage: str) -> bool:
        """Whether a tool stands right before a strong practice of another stage and so only
        says which one it is ("ZenML retraining pipelines", "Airflow feature backfills")."""
        return any(
            s == end
            and (t := self._terms[k]).kind != "tool"
            and t.strength == "strong"
            and self._separate(stage, t.stage)
            for k, s, _ in line.terms
        )

    def _is_means(self, line: _Line, start: int, stage: str) -> bool:
        """Whether a tool only names how the clause's work in another stage was done
        ("automated the weekly retraining ... in SageMaker Pipelines")."""
        window = line.doc[max(0, start - 3) : start]
        if not any(t.lower_ in _MEANS_PREPS for t in window) or any(t.is_punct for t in window):
            return False
        first = _clause_start(line.doc, start)
        work = [
            (t.stage, s)
            for k, s, _ in line.terms
            if (t := self._terms[k]).kind != "tool" and t.strength == "strong"
        ]
        work += [(v, s) for v, s, _ in line.verbs if line.roles[s] == "main"]
        return any(first <= s < start and self._separate(stage, other) for other, s in work)

    def _is_target(self, line: _Line, start: int, stage: str) -> bool:
        """Whether a term is only the object another stage's term or verb acts on: "SLOs on
        every model endpoint", "rollback to the previous model version"."""
        doc = line.doc
        i = start - 1
        while i >= 0 and doc[i].lower_ in _TARGET_FILL and start - i <= 3:
            i -= 1
        if i < 1 or doc[i].lower_ not in _TARGET_PREPS:
            return False
        heads = [(self._terms[k].stage, e) for k, _, e in line.terms] + [(v, e) for v, _, e in line.verbs]
        return any(e == i and self._separate(stage, other) for other, e in heads)


def _lists(doc: Doc, in_terms: set[int], main_verbs: set[int]) -> list[tuple[int, int]]:
    """Clauses that only list things ("Kubeflow, MLflow, KServe, Seldon", "Model serving:
    TorchServe, Triton, BentoML"): three or more comma-separated items and no action (an -ed
    word outside a term, or the line's main verb). A short label before the list's colon goes
    with it; a longer clause before the first item is not part of the list ("Training runs are
    reproducible from one commit, with code, data hash, image digest, ...")."""
    bounds = [-1] + [t.i for t in doc if _breaks(t) and t.text[0] in ":;."] + [len(doc)]
    found = []
    for k, (a, b) in enumerate(itertools.pairwise(bounds)):
        clause = doc[a + 1 : b]
        commas = [t.i for t in clause if t.text == ","]
        acted = any(
            (t.is_alpha and len(t) > 4 and t.lower_.endswith("ed") and t.i not in in_terms)
            or t.i in main_verbs
            for t in clause
        )
        if len(commas) >= 2 and not acted:
            label = k > 0 and doc[a].text[0] == ":" and a - bounds[k - 1] <= 5
            first = a + 1
            if commas[0] - first > _LIST_ITEM:  # the list starts after the clause's last small word
                first = commas[0]
                while first > commas[0] - _LIST_ITEM and not doc[first - 1].is_stop:
                    first -= 1
                label = False
            found.append((bounds[k - 1] + 1 if label else first, b))
    return found


def _coordinated(doc: Doc, start: int, lead: int) -> bool:
    """Whether a past-tense word after "and" or "then" is a second action of the line's own,
    joined to a past-tense first word with no relative or subordinate clause between ("Cleaned
    ... and fine-tuned ...", "Labeled ..., then trained ..."; not "Designed a job that trained
    and deployed ...")."""
    if start < 2 or doc[start - 1].lower_ not in ("and", "then") or lead >= len(doc):
        return False
    first = lead  # the whole first word: "Fine-tuned"
    while first + 1 < len(doc) and not doc[first].whitespace_:
        first += 1
    if not doc[first].lower_.endswith("ed"):
        return False
    return not any(t.lower_ in _SUBORDINATORS or _breaks(t) for t in doc[first + 1 : start])


def _supported(signal: _Signal, spans: list[tuple[int, int]]) -> bool:
    """Whether the line shows the ML context a signal needs: anywhere, or for a tool outside
    the tool's own name ("MLflow" does not make its own line about ML work)."""
    ev = signal.evidence
    return any(signal.own_context or not (ev.start <= s and e <= ev.end) for s, e in spans)


def _breaks(token: Token) -> bool:
    """Whether a token ends a clause: : ; . dashes and brackets, also glued to markup (":**")."""
    return token.is_punct and token.text[0] in _CLAUSE_BREAKS


def _clause_start(doc: Doc, at: int) -> int:
    """First token of the clause holding token ``at`` (clauses end at , ; : . and dashes)."""
    i = at
    while i > 0 and not _breaks(doc[i - 1]) and doc[i - 1].text != ",":
        i -= 1
    return i


def _verb_end(doc: Doc, start: int, end: int) -> int:
    """End of the verb in a verb-object term ("fine-tuned" in "fine-tuned models")."""
    return next((i + 1 for i in range(start, end) if doc[i].lower_.endswith(("ed", "ing"))), start + 1)


def _form(word: str) -> Word:
    """A word's stem and the inflection it shows, if the inflection is real ("feed" shows
    none); a plural -ings noun shows -ing ("embeddings")."""
    low = word.casefold()
    if low.endswith("ings") and len(low) > 5:
        low = low[:-1]
    shown = inflection(low)
    if shown and stem(low) == low:
        shown = ""
    return stem(word), shown


def _discount(ev: Evidence, why: str) -> Evidence:
    """The evidence re-labelled as a stage word that does not count, with the reason as id."""
    return Evidence(ev.text, ev.start, ev.end, "not_stage", why, ev.stage, ev.sources)
