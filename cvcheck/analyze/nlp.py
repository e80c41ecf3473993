"""spaCy for the language work: a blank English pipeline (nothing to download) whose token
norms are light stems, so "deployed", "deploying" and "deploys" all meet "deploy", and phrase
matchers built from the lexicon on those norms.

spaCy is imported here only, and only when analysis runs: reading a resume does not pay for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

# Irregular past forms resumes use; everything else goes through the suffix rules.
_IRREGULAR = {
    "built": "build", "led": "lead", "ran": "run", "wrote": "write", "written": "write",
    "rewrote": "rewrite", "rewritten": "rewrite", "drove": "drive", "driven": "drive",
    "took": "take", "taken": "take", "made": "make", "brought": "bring", "caught": "catch",
    "grew": "grow", "grown": "grow", "fell": "fall", "fallen": "fall", "rose": "rise",
    "risen": "rise", "went": "go", "gone": "go", "gave": "give", "given": "give",
    "began": "begin", "begun": "begin", "kept": "keep", "held": "hold", "won": "win",
    "taught": "teach", "thought": "think", "sought": "seek", "bought": "buy", "sold": "sell",
    "told": "tell", "spent": "spend", "sent": "send", "lent": "lend", "meant": "mean",
    "stood": "stand", "understood": "understand", "chose": "choose", "chosen": "choose",
    "froze": "freeze", "frozen": "freeze", "shrank": "shrink", "shrunk": "shrink",
    "split": "split", "cut": "cut", "set": "set", "shut": "shut", "put": "put", "hit": "hit",
    "data": "data", "was": "be", "were": "be", "is": "be", "are": "be", "has": "have", "had": "have",
}  # fmt: skip
_DOUBLE = re.compile(r"([bdfgklmnprstz])\1$")
_KEEP_S = ("ss", "us", "is", "os")


@cache
def stem(word: str) -> str:
    """A light stem: the same for a word's inflections (not always a real word)."""
    w = word.casefold()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) <= 3 or not w.isalpha():
        return w
    if w.endswith(("ies", "ied")) and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("ing") and len(w) > 5:
        w = w[:-3]
    elif w.endswith("ed") and len(w) > 4:
        w = w[:-2]
    elif w.endswith(("ches", "shes", "sses", "xes", "zes")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(_KEEP_S):
        w = w[:-1]
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]
    # "shipped" and "ship", "rolled" and "roll" meet at one form: undouble everywhere
    return _DOUBLE.sub(r"\1", w)


@cache
def pipeline() -> Language:
    """The shared spaCy pipeline: blank English plus the stem norms."""
    import spacy
    from spacy.language import Language

    if "cvcheck_stem_norms" not in Language.factories:

        @Language.component("cvcheck_stem_norms")
        def _stem_norms(doc: Doc) -> Doc:
            for token in doc:
                token.norm_ = stem(token.text)
            return doc

    nlp = spacy.blank("en")
    nlp.add_pipe("cvcheck_stem_norms")
    return nlp


def docs(texts: Iterable[str]) -> list[Doc]:
    return list(pipeline().pipe(texts))


def phrase_matcher(groups: dict[str, Iterable[str]]) -> PhraseMatcher:
    """A matcher on stem norms: each key matches any of its phrases (case-insensitive)."""
    from spacy.matcher import PhraseMatcher

    nlp = pipeline()
    matcher = PhraseMatcher(nlp.vocab, attr="NORM")
    for key, phrases in groups.items():
        patterns = list(nlp.pipe(dict.fromkeys(phrases)))
        if patterns:
            matcher.add(key, patterns)
    return matcher


def matches(matcher: PhraseMatcher, doc: Doc) -> list[tuple[str, Any]]:
    """(key, span) for each match, longest first where matches overlap."""
    from spacy.util import filter_spans

    vocab = doc.vocab.strings
    spans = [doc[start:end] for _, start, end in matcher(doc)]
    keyed = {(s.start, s.end): vocab[mid] for mid, s0, e0 in matcher(doc) for s in [doc[s0:e0]]}
    return [(keyed[(s.start, s.end)], s) for s in filter_spans(spans)]
