"""Which language a resume is written in: the script first, then function words.

Enough to say "this is not English" plainly; deterministic and free of models.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from cvcheck.structure.vocab import vocab

_SCRIPTS = (
    ("HANGUL", "ko"),
    ("HIRAGANA", "ja"),
    ("KATAKANA", "ja"),
    ("CJK", "zh"),
    ("CYRILLIC", "ru"),
    ("ARABIC", "ar"),
    ("HEBREW", "he"),
    ("GREEK", "el"),
    ("DEVANAGARI", "hi"),
    ("THAI", "th"),
)
_WORD = re.compile(r"[^\W\d_]+")
_LINKS = re.compile(r"\S+@\S+|https?://\S+|www\.\S+|\S+\.(?:com|org|net|io|dev|me)\b\S*")  # not prose


def detect_language(text: str) -> str:
    """ISO 639-1 code of the main language, or "und" when there is too little text."""
    letters = Counter[str]()
    total = 0
    for ch in text:
        if ch.isalpha():
            total += 1
            if ord(ch) > 0x24F:
                name = unicodedata.name(ch, "")
                for prefix, lang in _SCRIPTS:
                    if name.startswith(prefix):
                        letters[lang] += 1
                        break
    if total < 40:
        return "und"
    if letters:
        lang, count = letters.most_common(1)[0]
        # Japanese mixes kana with kanji: any real share of kana means Japanese
        if letters["ja"] >= 0.05 * total:
            return "ja"
        if count >= 0.15 * total:
            return lang
    words = [w.casefold() for w in _WORD.findall(_LINKS.sub(" ", text))]
    scores = {
        lang: sum(1 for w in words if w in stop) / max(len(words), 1)
        for lang, stop in vocab().stopwords.items()
    }
    best = max(scores, key=lambda k: (scores[k], k == "en"))
    if scores[best] < 0.02:
        return "en"  # keyword lists and names: nothing says otherwise
    if best != "en" and scores[best] < 1.3 * scores.get("en", 0.0):
        return "en"
    return best
