"""spaCy for the language work: a blank English pipeline (nothing to download) whose token
norms are light stems, so "deployed", "deploying" and "deploys" all meet "deploy", and phrase
matchers built from the lexicon on those norms.

spaCy is imported here only, and only when analysis runs: reading a resume does not pay for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache, lru_cache
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
    elif (w.endswith("ed") and len(w) > 4) or w.endswith(("ches", "shes", "sses", "xes", "zes")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(_KEEP_S):
        w = w[:-1]
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]
    # "shipped" and "ship", "rolled" and "roll" meet at one form: undouble everywhere
    return _DOUBLE.sub(r"\1", w)


# Affixes the tokenizer splits off. English's own rules cover every script's punctuation and
# cost a tenth of a second to compile at each start; resumes need these (and "14-week",
# "$40K/month", "p99", "blue/green" come out as a reader would split them).
_PREFIX = r"""^(?:[\[\(\{<"'“‘«$€£¥#*•·–—-]|\.\.\.)"""
_SUFFIX = r"""(?:[\]\)\}>"'”’»,;:!?%…*]|\.|'s|’s|\+)$"""
_INFIX = r"""(?<=[\w%)])(?:[-–—/]|\.\.\.)(?=[\w$(])|(?<=[a-zA-Z]),(?=[a-zA-Z])|(?<=[\w)]):(?=[a-zA-Z])"""


@cache
def pipeline() -> Language:
    """The shared spaCy pipeline: a blank pipeline with a resume tokenizer and stem norms."""
    import spacy
    from spacy import attrs
    from spacy.attrs import IS_STOP
    from spacy.lang.en import English
    from spacy.language import Language
    from spacy.tokenizer import Tokenizer

    if "cvcheck_stem_norms" not in Language.factories:

        @Language.component("cvcheck_stem_norms")
        def _stem_norms(doc: Doc) -> Doc:
            for token in doc:
                token.norm_ = stem(token.text)
            return doc

    if "cvcheck_resume_tokenizer" not in spacy.registry.tokenizers.get_all():

        @spacy.registry.tokenizers("cvcheck_resume_tokenizer")
        def _tokenizer_factory() -> Any:
            def make(nlp: Language) -> Tokenizer:
                return Tokenizer(
                    nlp.vocab,
                    rules={},
                    prefix_search=re.compile(_PREFIX).search,
                    suffix_search=re.compile(_SUFFIX).search,
                    infix_finditer=re.compile(_INFIX).finditer,
                    url_match=re.compile(r"^(?:https?://|www\.)\S+$").match,
                )

            return make

    # Built with our tokenizer from the start: the default one would compile, then be dropped.
    nlp = spacy.blank("xx", config={"nlp": {"tokenizer": {"@tokenizers": "cvcheck_resume_tokenizer"}}})
    # English lexical attributes: stop words, and number words ("three") for like_num
    defaults = English.Defaults
    stop_words = defaults.stop_words
    getters = nlp.vocab.lex_attr_getters  # type: ignore[attr-defined]
    getters.update(defaults.lex_attr_getters)
    getters[IS_STOP] = lambda text: text.lower() in stop_words
    # Every new word runs every getter; keep the attributes the analysis reads, so building
    # the lexicon's matchers (a few thousand new words) stays cheap.
    used = {attrs.LOWER, attrs.NORM, attrs.IS_ALPHA, attrs.IS_DIGIT, attrs.IS_PUNCT, attrs.IS_SPACE, IS_STOP,
            attrs.LIKE_NUM}  # fmt: skip
    for key in [k for k in getters if k not in used]:
        del getters[key]
    for lexeme in nlp.vocab:  # the few lexemes created before the getters changed
        lexeme.is_stop = lexeme.lower_ in stop_words
    nlp.add_pipe("cvcheck_stem_norms")
    return nlp


# Phrase → its tokens: tokenising the lexicon's few thousand phrases is most of the cost of
# building the matchers, so a built lexicon stores them (compiled.json) and checks reuse them.
_TOKENS: dict[str, list[str]] = {}
_PATTERN_DOCS: dict[str, Doc] = {}


def remember_tokens(tokens: dict[str, list[str]]) -> None:
    _TOKENS.update(tokens)


def known_tokens() -> dict[str, list[str]]:
    return dict(_TOKENS)


def words(text: str) -> list[str]:
    """The tokens of a lexicon phrase, from the stored tokens when the lexicon was built."""
    found = _TOKENS.get(text)
    if found is None:
        found = _TOKENS[text] = [t.text for t in pipeline().tokenizer(text)]
    return found


def _patterns(phrases: Iterable[str]) -> list[Doc]:
    from spacy.tokens import Doc

    nlp = pipeline()
    wanted = list(dict.fromkeys(phrases))
    new = [p for p in wanted if p not in _TOKENS]
    tokenizer: Any = nlp.tokenizer
    for phrase, doc in zip(new, tokenizer.pipe(new), strict=True):
        _TOKENS[phrase] = [t.text for t in doc]
    out = []
    for phrase in wanted:
        doc = _PATTERN_DOCS.get(phrase)
        if doc is None:  # one Doc per phrase, shared by every matcher that lists it
            doc = _PATTERN_DOCS[phrase] = Doc(nlp.vocab, words=_TOKENS[phrase])
            for token in doc:
                token.norm_ = stem(token.text)
        out.append(doc)
    return out


def phrase_matcher(groups: Mapping[str, Iterable[str]]) -> PhraseMatcher:
    """A matcher on stem norms: each key matches any of its phrases (case-insensitive)."""
    from spacy.matcher import PhraseMatcher

    matcher = PhraseMatcher(pipeline().vocab, attr="NORM")
    for key, phrases in groups.items():
        patterns = _patterns(phrases)
        if patterns:
            matcher.add(key, patterns)
    return matcher


@lru_cache(maxsize=4096)
def parse(text: str) -> Doc:
    """One line parsed once, however many matchers read it."""
    return pipeline()(text)


def parse_all(texts: Iterable[str]) -> list[Doc]:
    return [parse(t) for t in texts]


def matches(matcher: PhraseMatcher, doc: Doc) -> list[tuple[str, Any]]:
    """(key, span) for each match, longest first where matches overlap."""
    from spacy.util import filter_spans

    strings = doc.vocab.strings
    found = {(start, end): strings[match_id] for match_id, start, end in matcher(doc)}
    spans = filter_spans([doc[start:end] for start, end in found])
    return [(found[(s.start, s.end)], s) for s in spans]
