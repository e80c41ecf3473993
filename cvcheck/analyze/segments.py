"""Fit to each employer segment: its signals in the resume's work and summary lines (weighted
by how specific they are to the segment), the outcomes it stresses, and the lifecycle base
every segment expects."""

from __future__ import annotations

from collections import defaultdict
from functools import cache

from cvcheck.analyze import nlp
from cvcheck.analyze.model import LineRef, SegmentFit, StageCoverage, Unit
from cvcheck.lexicon.compiled import saturate, segment_weights
from cvcheck.lexicon.model import Lexicon

# How the fit is made up; shown with every fit so the number can be checked by hand.
W_SIGNALS, W_OUTCOMES, W_LIFECYCLE = 0.55, 0.25, 0.20
FOCUS_NEEDED = 3  # outcomes of the segment's focus that make that part full


@cache
def _matcher(lexicon: Lexicon):  # type: ignore[no-untyped-def]
    groups: dict[str, list[str]] = defaultdict(list)
    for seg in lexicon.segments:
        for signal in seg.signals:
            groups[signal].append(signal)
    return nlp.phrase_matcher(groups)


def segment_fits(
    units: tuple[Unit, ...], lifecycle: tuple[StageCoverage, ...], lexicon: Lexicon
) -> tuple[SegmentFit, ...]:
    """Every segment's fit, best first (ties broken by the lexicon's order)."""
    weights = segment_weights(lexicon)
    lines = [u for u in units if u.is_work or u.section == "summary"]
    matcher = _matcher(lexicon)
    found: dict[str, list[LineRef]] = defaultdict(list)
    for u, parsed in zip(lines, nlp.parse_all(u.text for u in lines), strict=True):
        for signal, _span in nlp.matches(matcher, parsed):
            found[signal].append(LineRef(u.line, u.text))
    outcome_ids = {ev.id for u in units if u.is_work for ev in u.judgment.outcomes if ev.id}
    base = sum(1 for s in lifecycle if s.covered) / max(len(lifecycle), 1)
    fits: list[SegmentFit] = []
    for seg in lexicon.segments:
        w = weights.get(seg.id, {})
        matched = sorted((s for s in seg.signals if s in found), key=lambda s: (-w.get(s, 0.0), s))
        raw = sum(w.get(s, 0.0) for s in matched)
        signal_part = saturate(raw)
        focus = [o for o in seg.rewrite_focus if o in outcome_ids]
        focus_part = min(1.0, len(focus) / min(FOCUS_NEEDED, max(len(seg.rewrite_focus), 1)))
        fit = round(W_SIGNALS * signal_part + W_OUTCOMES * focus_part + W_LIFECYCLE * base, 3)
        strengths = [f"{s} (line {found[s][0].line})" for s in matched[:6]]
        strengths += [f"{_outcome_name(o, lexicon)} outcome stated" for o in focus]
        missing_focus = [o for o in seg.rewrite_focus if o not in outcome_ids][:3]
        gaps = [f"no {_outcome_name(o, lexicon)} outcome stated" for o in missing_focus]
        unshown = sorted((s for s in seg.signals if s not in found), key=lambda s: (-w.get(s, 0.0), s))[:3]
        if unshown:
            gaps.append("nothing shows " + ", ".join(unshown))
        evidence = tuple(dict.fromkeys(ref for s in matched for ref in found[s]))
        arithmetic = (
            f"{W_SIGNALS}×signals {signal_part:.2f} (weight {raw:.2f} from {len(matched)} signals) + "
            f"{W_OUTCOMES}×outcomes {focus_part:.2f} + {W_LIFECYCLE}×lifecycle {base:.2f} = {fit:.3f}"
        )
        fits.append(SegmentFit(seg.id, seg.name, fit, tuple(strengths), tuple(gaps), evidence, arithmetic))
    return tuple(sorted(fits, key=lambda f: (-f.fit, [s.id for s in lexicon.segments].index(f.id))))


def _outcome_name(outcome_id: str, lexicon: Lexicon) -> str:
    return next((o.name for o in lexicon.outcomes if o.id == outcome_id), outcome_id)
