"""The analysis as JSON, in the published schema (cvcheck/schema/result.schema.json)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from cvcheck import __version__
from cvcheck.analyze.model import Analysis
from cvcheck.render.text import roles_json, sections_json, source_json
from cvcheck.structure.text import display

SCHEMA_VERSION = "1.0"


def _stage_names(analysis: Analysis) -> list[str]:
    return [s.id for s in analysis.lexicon.stages]


def analysis_json(analysis: Analysis) -> dict[str, Any]:
    """A plain dict ready for ``json.dumps``; keys and types follow the published schema."""
    doc, lex = analysis.document, analysis.lexicon
    dims = {d.id: d for d in analysis.dimensions}
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "cvcheck", "version": __version__},
        "lexicon": {"id": lex.id, "version": lex.version, "as_of": lex.as_of, "digest": lex.digest},
        "source": source_json(doc),
        "applicable": analysis.applicable,
        "score": {
            "overall": analysis.overall,
            "arithmetic": analysis.arithmetic,
            "dimensions": {k: d.score for k, d in dims.items()},
            "details": {
                k: {
                    "name": d.name,
                    "weight": d.weight,
                    "summary": d.summary,
                    "points": [
                        {"reason": p.reason, "points": round(p.points, 2), "lines": list(p.lines)}
                        for p in d.points
                    ],
                }
                for k, d in dims.items()
            },
        },
        "sections": sections_json(doc),
        "roles": roles_json(doc),
        "years_experience": doc.years_experience,
        "latest_title": doc.latest_title,
        "titles": {
            "found": [
                {"variant": h.variant, "kind": h.kind, "count": h.count, "lines": list(h.lines)}
                for h in analysis.titles_found
            ],
            "missing": list(analysis.titles_missing),
        },
        "lifecycle": {
            s.stage: {
                "name": s.name,
                "covered": s.covered,
                "evidence": [{"line": e.line, "text": display(e.text)} for e in s.evidence],
                "claimed": list(s.claimed),
            }
            for s in analysis.lifecycle
        },
        "bullets": [
            {
                "line": u.line,
                "text": display(u.text),
                "section": u.section,
                "quantified": u.judgment.quantified,
                "outcomes": [e.text for e in u.judgment.outcomes],
                "vague": [e.text for e in u.judgment.vague],
                "stages": [s for s in _stage_names(analysis) if s in u.judgment.stages],
            }
            for u in analysis.units
        ],
        "findings": [
            {
                "code": f.code,
                "severity": f.severity,
                "flag": f.flag,
                "message": f.message,
                "line": f.line,
                "evidence": display(f.evidence),
                "source": f.source,
            }
            for f in analysis.findings
        ],
        "flags": list(analysis.flags),
        "segments": [
            {
                "id": s.id,
                "name": s.name,
                "fit": s.fit,
                "strengths": list(s.strengths),
                "gaps": list(s.gaps),
                "evidence_lines": [e.line for e in s.evidence],
                "arithmetic": s.arithmetic,
            }
            for s in analysis.segments
        ],
        "segment": analysis.chosen_segment,
        "fixes": [
            {
                "title": f.title,
                "detail": f.detail,
                "gain": round(f.gain, 1),
                "lines": list(f.lines),
                "dimension": f.dimension,
            }
            for f in analysis.fixes
        ],
        "rewrites": [
            {
                "line": r.line,
                "original": display(r.original),
                "segment": r.segment,
                "suggestion": display(r.suggestion),
                "why": r.why,
            }
            for r in analysis.rewrites
        ],
        "market": _market(analysis),
        "facts": asdict(doc.facts),
        "job": job_json(analysis.job),
    }


def job_json(job: Any) -> dict[str, Any] | None:
    """The match against a posting (``analyze.job.JobMatch``), or None without --job."""
    if job is None:
        return None
    p = job.posting
    return {
        "posting": {
            "path": display(p.path),
            "title": display(p.title) if p.title else None,
            "seniority": p.seniority,
            "lane": p.lane,
            "segment": p.segment,
            "role_fit": p.role_fit,
            "pay": [
                {
                    "low": r.low,
                    "high": r.high,
                    "currency": r.currency,
                    "period": r.period,
                    "line": r.line.line,
                }
                for r in p.pay
            ],
        },
        "skills": [
            {
                "skill": display(s.skill),
                "term_id": s.term_id,
                "group": s.group,
                "stage": s.stage,
                "status": s.status,
                "lines": list(s.lines),
                "shown_as": [display(w) for w in s.shown_as],
                "posting_lines": list(s.posting_lines),
            }
            for s in job.skills
        ],
        "title": {
            "posting_title": display(job.title.posting_title) if job.title.posting_title else None,
            "status": job.title.status,
            "found": [{"variant": v, "lines": list(lines)} for v, lines in job.title.found],
            "closest": job.title.closest,
            "summary": job.title.summary,
        },
        "score": job.score,
        "arithmetic": job.arithmetic,
        "advice": [
            {"skill": display(a.skill), "status": a.status, "line": a.line, "text": display(a.text)}
            for a in job.advice
        ],
        "notes": list(job.notes),
    }


def _market(analysis: Analysis) -> dict[str, Any] | None:
    facts = analysis.market
    if facts is None:
        return None
    certs = {c.id: c for c in analysis.lexicon.certifications}
    return {
        "table_stakes": [
            {"term": s.term, "shown": bool(s.lines), "lines": list(s.lines)} for s in facts.table_stakes
        ],
        "differentiators": [
            {"term": s.term, "shown": bool(s.lines), "lines": list(s.lines)} for s in facts.differentiators
        ],
        "certifications": [
            {"id": cid, "name": certs[cid].name, "status": certs[cid].status, "lines": list(lines)}
            for cid, lines in facts.certifications.items()
        ],
    }
