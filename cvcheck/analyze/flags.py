"""Findings from the judged lines: vague claims, unquantified work, lifecycle gaps, and the
hiring guide's red and green flags. Each rule says how to use a kind of lexicon entry; the
words themselves come from the lexicon."""

from __future__ import annotations

from functools import cache

from cvcheck.analyze import nlp
from cvcheck.analyze.model import StageCoverage, Unit
from cvcheck.analyze.titles import TitleReport
from cvcheck.document import Document, Finding
from cvcheck.lexicon.model import Lexicon
from cvcheck.rules import BY_CODE

# A bullet naming this many tools with no stage work and no outcome is a tool list.
TOOL_LIST = 5
# Operations stages: the work that separates an operator from a modeller.
_OPS = ("registry", "deployment", "monitoring", "retraining")


def finding(
    code: str,
    message: str,
    line: int | None = None,
    evidence: str = "",
    source: str | None = None,
    severity: str | None = None,
) -> Finding:
    rule = BY_CODE[code]
    return Finding(
        code=code,
        severity=severity or rule.severity,  # type: ignore[arg-type]
        message=message,
        line=line,
        evidence=evidence,
        flag=rule.flag,
        source=source or rule.source,
    )


def _cite(lexicon: Lexicon, sources: tuple[str, ...]) -> str:
    return "; ".join(lexicon.source_file(s) for s in sources)


@cache
def _flag_matcher(lexicon: Lexicon):  # type: ignore[no-untyped-def]
    groups = {f.id: f.phrases for f in lexicon.flags if f.phrases}
    groups.update({f"tutorial:{m.id}": m.phrases for m in lexicon.tutorial_markers})
    groups.update({f"cert:{c.id}": c.aliases for c in lexicon.certifications})
    return nlp.phrase_matcher(groups)


def _hits(lexicon: Lexicon, lines: list[tuple[int, str]]) -> list[tuple[str, int, str]]:
    """(matcher key, line number, matched text) for flag phrases, tutorial markers and
    certification aliases in the given (line number, text) pairs."""
    matcher = _flag_matcher(lexicon)
    out = []
    for (number, _), parsed in zip(lines, nlp.parse_all(t for _, t in lines), strict=True):
        out += [(key, number, span.text) for key, span in nlp.matches(matcher, parsed)]
    return out


def tutorial_lines(doc: Document, lexicon: Lexicon) -> set[int]:
    """Lines naming a tutorial, course or toy dataset (a strong marker, or two weak ones)."""
    markers = {m.id: m for m in lexicon.tutorial_markers}
    # Only work lines count: an employer called Coursera, a COURSEWORK heading or a
    # hackathon among the awards is not tutorial work shown as experience.
    headers = {r.line for r in doc.roles}
    work = [
        (ln.number, ln.text)
        for ln in doc.lines
        if ln.section in ("experience", "projects") and ln.kind != "heading" and ln.number not in headers
    ]
    hits = _hits(lexicon, work)
    per_line: dict[int, set[str]] = {}
    for key, number, _ in hits:
        if key.startswith("tutorial:"):
            per_line.setdefault(number, set()).add(key.split(":", 1)[1])
    return {
        n for n, ids in per_line.items() if len(ids) >= 2 or any(markers[i].strength == "strong" for i in ids)
    }


def is_tool_list(unit: Unit) -> bool:
    """Mostly tool names: at least TOOL_LIST of them, covering half the line's letters."""
    tools = unit.judgment.tools
    if len(tools) < TOOL_LIST:
        return False
    letters = sum(ch.isalpha() for ch in unit.text) or 1
    return sum(sum(ch.isalpha() for ch in t.text) for t in tools) * 2 >= letters


def line_findings(units: tuple[Unit, ...], lexicon: Lexicon) -> list[Finding]:
    """Per line: vague claims, tool lists, work lines without an outcome."""
    vague = {v.id: v for v in lexicon.vague}
    out: list[Finding] = []
    for u in units:
        j = u.judgment
        for ev in j.vague:
            entry = vague.get(ev.id)
            if entry is None:
                continue
            out.append(
                finding(
                    "CLR001",
                    f"'{ev.text}' {entry.why.rstrip('.')}. {entry.instead}",
                    u.line,
                    ev.text,
                    _cite(lexicon, entry.sources),
                    severity=entry.severity,
                )
            )
        if u.is_work and is_tool_list(u) and not j.stages and not j.quantified:
            names = ", ".join(t.text for t in j.tools[:6])
            out.append(
                finding(
                    "KWS002", f"a list of tools ({names}) with no work or result described", u.line, u.text
                )
            )
        elif u.is_work and not j.quantified and len(u.text.split()) >= 4:
            out.append(
                finding(
                    "OUT001", "no outcome or scale: what changed, by how much, for how many?", u.line, u.text
                )
            )
    return out


def document_findings(
    doc: Document,
    units: tuple[Unit, ...],
    lifecycle: tuple[StageCoverage, ...],
    titles: TitleReport,
    lexicon: Lexicon,
) -> list[Finding]:
    """Whole-resume findings: titles, lifecycle gaps and the red and green flags."""
    out: list[Finding] = []
    out += _title_findings(titles, lexicon)
    work = [u for u in units if u.is_work]
    covered = [s for s in lifecycle if s.covered]
    if work and not covered:
        out.append(
            finding(
                "LCY003",
                "no line shows work on any stage of a model's lifecycle (data, training, "
                "registry, deployment, monitoring, retraining)",
            )
        )
    for stage in lifecycle:
        if covered and not stage.covered:
            claimed = f"; named only as claims: {', '.join(stage.claimed[:4])}" if stage.claimed else ""
            out.append(
                finding(
                    "LCY002" if stage.claimed else "LCY001",
                    f"{stage.name}: no work line shows this stage{claimed}",
                    evidence=", ".join(stage.claimed[:4]),
                )
            )
    out += _modeler(units, lifecycle, lexicon)
    quantified = [u for u in work if u.judgment.quantified]
    if len(work) >= 3 and not quantified:
        out.append(
            finding("OUT002", f"none of {len(work)} work lines states an outcome or the scale of the work")
        )
    out += _marker_findings(doc, units, lexicon)
    out += _green_findings(units, lexicon)
    return out


def _title_findings(titles: TitleReport, lexicon: Lexicon) -> list[Finding]:
    out: list[Finding] = []
    if titles.headline_kind not in ("core", "specialisation"):
        core = [t.name for t in lexicon.titles if t.kind == "core"][:3]
        current = titles.headline.text.split("\t")[0].split(" · ")[0] if titles.headline else ""
        found = f" (current title reads as an adjacent role: '{current}')" if current else ""
        out.append(
            finding(
                "TTL001",
                f"no searched-for title such as {', '.join(core)}{found}",
                titles.headline.number if titles.headline else None,
            )
        )
    if titles.stuffing:
        first = titles.stuffing[0]
        out.append(
            finding(
                "KWS001",
                f"title variants repeated beyond natural use ({len(titles.stuffing)} lines)",
                first.number,
                first.text,
            )
        )
    elif titles.missing and titles.found:
        out.append(finding("TTL002", "recruiters also search for: " + ", ".join(titles.missing[:4])))
    return out


def _modeler(
    units: tuple[Unit, ...], lifecycle: tuple[StageCoverage, ...], lexicon: Lexicon
) -> list[Finding]:
    """Most work lines model or analyse; at most one line touches operations."""
    flag = next((f for f in lexicon.flags if f.id == "modeler_not_operator"), None)
    if flag is None:
        return []
    work = [u for u in units if u.is_work]
    ops = [u for u in work if any(s in u.judgment.stages for s in _OPS)]
    hits = _hits(lexicon, [(u.line, u.text) for u in work])
    modelling = {number for key, number, _ in hits if key == "modeler_not_operator"}
    modelling |= {
        u.line for u in work if set(u.judgment.stages) <= {"data", "training"} and u.judgment.stages
    }
    if len(ops) <= 1 and len(modelling) >= 3 and len(modelling) >= len(work) // 3:
        where = ops[0] if ops else None
        return [
            finding(
                "LCY004",
                f"{len(modelling)} modelling lines and {len(ops)} operations line(s): reads as a "
                "modeller, not an operator",
                where.line if where else None,
                where.text if where else "",
                _cite(lexicon, flag.sources),
            )
        ]
    return []


def _marker_findings(doc: Document, units: tuple[Unit, ...], lexicon: Lexicon) -> list[Finding]:
    """Tutorial projects and retired certifications, found by the lexicon's markers and aliases."""
    out: list[Finding] = []
    hits = _hits(lexicon, [(ln.number, ln.text) for ln in doc.lines if ln.section != "contact"])
    markers = {m.id: m for m in lexicon.tutorial_markers}
    marked = tutorial_lines(doc, lexicon)
    tutorial = [
        (key.split(":", 1)[1], n, text)
        for key, n, text in hits
        if key.startswith("tutorial:") and n in marked
    ]
    strong = [h for h in tutorial if markers[h[0]].strength == "strong"]
    if tutorial:
        key, number, text = (strong or tutorial)[0]
        names = ", ".join(dict.fromkeys(t for _, _, t in tutorial))
        out.append(
            finding(
                "PRJ001",
                f"tutorial or course work shown as experience: {names}",
                number,
                text,
                _cite(lexicon, markers[key].sources),
            )
        )
    certs = {c.id: c for c in lexicon.certifications}
    seen: set[str] = set()
    for key, number, text in hits:
        if not key.startswith("cert:") or key in seen:
            continue
        seen.add(key)
        cert = certs[key.split(":", 1)[1]]
        if cert.status in ("retired", "retiring"):
            successor = certs.get(cert.replacement or "")
            instead = f"; its successor is {successor.name}" if successor else ""
            when = f" (last date {cert.retires})" if cert.retires else ""
            out.append(
                finding(
                    "CRT001",
                    f"{cert.name} is {cert.status}{when}{instead}",
                    number,
                    text,
                    _cite(lexicon, cert.sources),
                )
            )
    return out


_GREEN_BY_OUTCOME = {
    "GRN001": ("models_in_production",),
    "GRN002": ("mttr", "time_to_detect"),
    "GRN005": ("cost", "spend"),
}
_GREEN_BY_FLAG = {
    "GRN003": "named_tools_with_versions",
    "GRN004": "on_call",
    "GRN006": "open_source_or_talks",
}


def _green_findings(units: tuple[Unit, ...], lexicon: Lexicon) -> list[Finding]:
    out: list[Finding] = []
    work = [u for u in units if u.is_work]
    names = {o.id: [p.lower() for p in o.phrases] for o in lexicon.outcomes}
    for code, outcome_ids in _GREEN_BY_OUTCOME.items():
        # the outcome itself must be named ("14 models", "MTTR"), not only sit near a number
        hit = next(
            (
                u
                for u in work
                for ev in u.judgment.outcomes
                if ev.id in outcome_ids
                and any(
                    p in u.text.lower()[max(0, ev.start - 30) : ev.end + 30] for p in names.get(ev.id, [])
                )
            ),
            None,
        )
        if hit:
            out.append(finding(code, BY_CODE[code].summary.removeprefix("Green flag: "), hit.line, hit.text))
    flags = {f.id: f for f in lexicon.flags}
    hits = _hits(lexicon, [(u.line, u.text) for u in work])
    for code, flag_id in _GREEN_BY_FLAG.items():
        where = next(((number, text) for key, number, text in hits if key == flag_id), None)
        if code == "GRN003" and where is None:
            # a tool named with its version in a work line ("MLflow 2.x")
            where = next(
                ((u.line, ev.text) for u in work for ev in u.judgment.ignored_numbers if ev.id == "version"),
                None,
            )
        if where and flag_id in flags:
            out.append(
                finding(
                    code,
                    BY_CODE[code].summary.removeprefix("Green flag: "),
                    where[0],
                    where[1],
                    _cite(lexicon, flags[flag_id].sources),
                )
            )
    return out
