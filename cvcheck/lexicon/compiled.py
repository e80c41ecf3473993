"""Weights derived from a lexicon once, when it is built, and stored beside it.

Segment signals are weighted by how specific they are to their segment: TF-IDF over the
segment profiles (signals, what each segment looks for, what it optimises for), fitted with
scikit-learn when the lexicon is built (``cvcheck lexicons build DIR``) and stored in
``compiled.json`` keyed by the lexicon's digest, so a check never imports scikit-learn. A
signal that is also general MLOps vocabulary (a stage term) says little about the segment
and weighs less.
"""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path
from typing import Any

from cvcheck.lexicon.model import Lexicon

COMPILED = "compiled.json"
FORMAT = 1
GENERIC = 0.35  # weight factor for a signal that is also a lifecycle stage term


def _profile(segment_id: str, lexicon: Lexicon) -> str:
    seg = lexicon.segment(segment_id)
    assert seg is not None
    # Signals are repeated so that they, not the prose around them, carry the profile.
    return " . ".join([*seg.signals, *seg.signals, *seg.looks_for, seg.optimises_for])


def compile_weights(lexicon: Lexicon) -> dict[str, dict[str, float]]:
    """{segment id: {signal: weight 0-1}} from TF-IDF over the segment profiles."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    ids = [s.id for s in lexicon.segments]
    vectorizer = TfidfVectorizer(
        ngram_range=(1, 4), lowercase=True, token_pattern=r"(?u)\b[\w.&/-]+\b", sublinear_tf=True, norm=None
    )
    matrix = vectorizer.fit_transform([_profile(i, lexicon) for i in ids])
    vocab = vectorizer.vocabulary_
    analyzer = vectorizer.build_analyzer()
    generic = {p.casefold() for t in lexicon.terms for p in t.phrases}
    out: dict[str, dict[str, float]] = {}
    for row, seg in enumerate(lexicon.segments):
        weights: dict[str, float] = {}
        for signal in seg.signals:
            grams = [g for g in analyzer(signal) if len(g.split()) == len(signal.split()) and g in vocab]
            grams = grams or [g for g in analyzer(signal) if g in vocab]
            value = max((float(matrix[row, vocab[g]]) for g in grams), default=0.0)
            if signal.casefold() in generic:
                value *= GENERIC
            weights[signal] = value
        top = max(weights.values(), default=0.0) or 1.0
        out[seg.id] = {k: round(v / top, 4) for k, v in sorted(weights.items())}
    return out


def write_compiled(lexicon: Lexicon) -> Path:
    """Compute the derived data and store it beside the lexicon files: segment weights, and
    the tokens of every phrase the matchers use (so checks skip tokenising the lexicon)."""
    from cvcheck.analyze import nlp
    from cvcheck.analyze.engine import build_matchers
    from cvcheck.lexicon import parsed_files

    build_matchers(lexicon)
    path = Path(lexicon.path) / COMPILED
    data = {
        "format": FORMAT,
        "digest": lexicon.digest,
        "segment_signal_weights": compile_weights(lexicon),
        "phrase_tokens": dict(sorted(nlp.known_tokens().items())),
        "lexicon_data": parsed_files(lexicon.path),
    }
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=0, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(path)
    return path


@cache
def _stored(lexicon: Lexicon) -> dict[str, Any] | None:
    """The stored data when it was built from exactly this lexicon, else None."""
    path = Path(lexicon.path) / COMPILED
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if isinstance(data, dict) and data.get("format") == FORMAT and data.get("digest") == lexicon.digest:
        return data
    return None


@cache
def segment_weights(lexicon: Lexicon) -> dict[str, dict[str, float]]:
    """Stored weights when they match the lexicon's digest, else computed now (slower: this
    imports scikit-learn). Both give the same numbers."""
    data = _stored(lexicon)
    if data is not None:
        return {k: dict(v) for k, v in data["segment_signal_weights"].items()}
    return compile_weights(lexicon)


def prime_tokens(lexicon: Lexicon) -> None:
    """Hand the stored phrase tokens to the matcher builder (a no-op when stale or absent)."""
    from cvcheck.analyze import nlp

    data = _stored(lexicon)
    if data is not None:
        nlp.remember_tokens(data.get("phrase_tokens", {}))


def saturate(raw: float, scale: float = 2.5) -> float:
    """Diminishing returns: the first signals count most."""
    return 1.0 - math.exp(-raw / scale)
