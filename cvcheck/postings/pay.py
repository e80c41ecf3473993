"""Pay a posting discloses: ranges and single figures with their currency and period."""

from __future__ import annotations

import re
from collections.abc import Iterable

from cvcheck.postings.model import LineRef, PayRange, PostingLine
from cvcheck.postings.vocab import PostingVocab

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CUR = r"US\$|\$|€|£|\b(?:USD|EUR|GBP)\b"


def _figure(c: str, n: str, k: str) -> str:
    return rf"(?:(?P<{c}>{_CUR})\s?)?(?P<{n}>{_NUM})\s?(?P<{k}>[kK](?![a-zA-Z]))?"


_PAY = re.compile(
    _figure("c1", "n1", "k1")
    + r"(?:\s*(?:-|–|—|to)\s*"
    + _figure("c2", "n2", "k2")
    + r")?(?![\d.,]*\s?[mMbB]\b)"
)
_TAIL = 30  # characters after a figure that may name its period ("/hr", "per year", "base")


def find_pay(lines: Iterable[PostingLine], vocab: PostingVocab) -> tuple[PayRange, ...]:
    """Every disclosed pay figure or range, in reading order."""
    out: list[PayRange] = []
    for line in lines:
        for m in _PAY.finditer(line.text):
            currency = m["c1"] or m["c2"]
            if currency is None:
                continue  # "5+ years", "3-5 engineers": no currency, no pay
            low = _value(m["n1"], m["k1"] or (m["k2"] if m["n2"] else None))
            high = _value(m["n2"], m["k2"]) if m["n2"] else low
            if low is None or high is None or low <= 0:
                continue
            period = _period(line.text, m.end(), vocab)
            if period is None and not m["n2"] and not _mentions(line.text, vocab.pay_context):
                continue  # a lone figure away from pay words: a budget or a stipend
            out.append(
                PayRange(
                    low=min(low, high),
                    high=max(low, high),
                    currency=vocab.currencies.get(currency.casefold(), currency),
                    period=period or ("hour" if high < vocab.hourly_below else "year"),  # type: ignore[arg-type]
                    line=LineRef(line.number, line.text),
                )
            )
    return tuple(out)


def _value(number: str | None, k: str | None) -> float | None:
    if number is None:
        return None
    value = float(number.replace(",", ""))
    # "$180-$220K": the thousands mark on the upper figure applies to the lower one too
    return value * 1000 if k and value < 1000 else value


def _period(text: str, end: int, vocab: PostingVocab) -> str | None:
    tail = text[end : end + _TAIL].casefold()
    for word, period in vocab.periods:
        if word in tail:
            return period
    whole = text.casefold()
    for word, period in vocab.periods:
        if period != "year" and re.search(rf"(?<!\w){re.escape(word)}(?!\w)", whole):
            return period
    return None


def _mentions(text: str, words: Iterable[str]) -> bool:
    folded = text.casefold()
    return any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", folded) for w in words)
