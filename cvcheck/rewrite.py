"""Rewrite suggestions for weak bullets, aimed at an employer segment.

A suggestion keeps the candidate's own words, tools and facts, drops the filler the hiring
guides flag, leads with a verb, and ends with the outcome the segment weighs as a bracketed
placeholder the candidate fills ("[X% lower p99 latency]"). It never adds a number, tool,
employer or claim of its own: everything outside the brackets comes from the line itself,
the lexicon's stage verbs, or a few connecting words.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources

from cvcheck.analyze.bullets import BulletJudgment
from cvcheck.analyze.flags import is_tool_list
from cvcheck.analyze.model import Rewrite, Unit
from cvcheck.lexicon.model import Lexicon, Segment

_WORD = re.compile(r"[a-z0-9]+")
_GLUE = re.compile(r"^(?:[,;:.\-–—]|\b(?:and|the|with|of|in|on|to|for)\b)\s*", re.IGNORECASE)
# when none of the segment's outcomes relates to the line, ask for the line's own result
GENERIC_SLOT = "[the result: what changed, by how much, for how many]"


@cache
def _verbs() -> tuple[frozenset[str], dict[str, str]]:
    raw = tomllib.loads(resources.files("cvcheck").joinpath("data/verbs.toml").read_text("utf-8"))
    return frozenset(raw["bases"]), dict(raw["irregular"])


def past(base: str) -> str:
    """The past tense of a verb's base form ("deploy" → "deployed", "ship" → "shipped")."""
    _, irregular = _verbs()
    if base in irregular:
        return irregular[base]
    if " " in base:  # "roll out" → "rolled out"
        head, rest = base.split(" ", 1)
        return f"{past(head)} {rest}"
    if base.endswith("e"):
        return base + "d"
    if re.search(r"[^aeiou]y$", base):
        return base[:-1] + "ied"
    if len(base) <= 4 and re.search(r"[^aeiou][aeiou][^aeiouwxy]$", base):
        return base + base[-1] + "ed"
    return base + "ed"


def _base_of_gerund(word: str, known: frozenset[str]) -> str:
    stem = word[:-3]
    for candidate in (stem + "e", stem, stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else ""):
        if candidate and candidate in known:
            return candidate
    return stem


def _lead_verb(text: str, lexicon: Lexicon, judgment: BulletJudgment, dropped: str) -> str:
    """Make the line open with a past-tense verb."""
    bases, irregular = _verbs()
    known = bases | {lemma for v in lexicon.verbs for lemma in v.lemmas}
    first, _, rest = text.partition(" ")
    word = first.lower()
    if word.endswith("ing") and len(word) > 5:
        return f"{past(_base_of_gerund(word, known)).capitalize()} {rest}".strip()
    if word.endswith("ed") or word in irregular.values() or (word in known and not rest[:1].isupper()):
        return text[:1].upper() + text[1:]
    if not dropped:
        return text  # nothing was taken off the front: the candidate's own opening stays
    if dropped.startswith("responsible"):
        verb = "owned"
    else:
        stage = judgment.stages[0] if judgment.stages else None
        lemmas = next((v.lemmas for v in lexicon.verbs if v.stage == stage), ())
        verb = past(lemmas[0]) if lemmas else "delivered"
    return f"{verb.capitalize()} {text}"


def _placeholder(segment: Segment, judgment: BulletJudgment, lexicon: Lexicon) -> str:
    """The segment's placeholder closest to what the line is about (its words and stages)."""
    words = set(_WORD.findall(judgment.text.lower()))
    for stage in lexicon.stages:
        if stage.id in judgment.stages:
            words |= set(_WORD.findall(stage.description.lower()))
    for outcome in lexicon.outcomes:
        if outcome.id in segment.rewrite_focus and any(
            p.lower() in judgment.text.lower() for p in outcome.phrases
        ):
            words |= set(_WORD.findall(" ".join(outcome.phrases).lower()))
    best, best_score = GENERIC_SLOT, 0
    for slot in segment.outcome_placeholders:
        # content words only: "in", "of", "from ... to" say nothing about what a line is about
        score = len({w for w in words & set(_WORD.findall(slot.lower())) if len(w) >= 4})
        if score > best_score:
            best, best_score = slot, score
    return best


def _strip_filler(text: str, judgment: BulletJudgment) -> tuple[str, list[str]]:
    """Remove the vague claims; return the text left and the phrases removed."""
    removed: list[str] = []
    for ev in sorted(judgment.vague, key=lambda e: -e.start):
        removed.append(ev.text)
        text = text[: ev.start] + " " + text[ev.end :]
    text = re.sub(r"\s+", " ", text).strip()
    while True:
        trimmed = _GLUE.sub("", text)
        if trimmed == text:
            break
        text = trimmed
    text = re.sub(r"\s+([,.;:])", r"\1", text).rstrip(" ,;:.")
    return text, removed[::-1]


def rewrite_bullet(unit: Unit, lexicon: Lexicon, segment: Segment) -> Rewrite | None:
    """A suggestion for one weak work line, or None when the line is already strong."""
    j = unit.judgment
    tool_list = is_tool_list(unit) and not j.stages and not j.quantified
    if j.quantified and not j.vague:
        return None
    reasons: list[str] = []
    if tool_list:
        tools = [t.text for t in j.tools[:3]]
        body = f"[What you built or ran] with {', '.join(tools[:-1])} and {tools[-1]}"
        reasons.append("a list of tools shows nothing you did; name the work one tool did for you")
    else:
        body, removed = _strip_filler(unit.text, j)
        if not body:
            return None
        led = _lead_verb(
            body,
            lexicon,
            j,
            removed[0].lower()
            if removed and removed[0] and unit.text.lower().startswith(removed[0].lower())
            else "",
        )
        if removed:
            reasons.append(
                "drops " + ", ".join(f"'{r}'" for r in removed) + ": hiring guides flag it as unverifiable"
            )
        if led.split(" ", 1)[0] != unit.text.split(" ", 1)[0]:
            reasons.append("leads with what you did")
        body = led
    suggestion = body
    if not j.quantified:
        slot = _placeholder(segment, j, lexicon)
        suggestion = f"{body} — {slot}"
        whose = (
            "the outcome hiring managers in this segment weigh"
            if slot != GENERIC_SLOT
            else "the line's result"
        )
        reasons.append(f"adds {whose}: fill {slot} with your real figure, or leave it out")
    return Rewrite(unit.line, unit.text, segment.id, suggestion, "; ".join(reasons) + ".")


def rewrites_for(units: tuple[Unit, ...], lexicon: Lexicon, chosen: str) -> list[Rewrite]:
    """Suggestions for every weak work line: the chosen segment's first, then the others'."""
    order = sorted(lexicon.segments, key=lambda s: s.id != chosen)
    out: list[Rewrite] = []
    for segment in order:
        for unit in units:
            if unit.is_work:
                suggestion = rewrite_bullet(unit, lexicon, segment)
                if suggestion is not None:
                    out.append(suggestion)
    return out
