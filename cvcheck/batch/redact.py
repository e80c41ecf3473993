"""Blind review: take out of what a reviewer sees whatever identifies a person or stands in for
age, sex or origin (name, email, phone, address, links, photos, graduation years, dates of
birth). Scores never use any of it, blind or not; this only changes what is shown."""

from __future__ import annotations

import re
from dataclasses import replace

from cvcheck.analyze.ats import EMAIL, has_phone
from cvcheck.analyze.model import Analysis

_URL = re.compile(r"\b(?:https?://|www\.)\S+|\b[\w.-]+\.(?:com|org|net|io|dev|me|ai|co)(?:/\S*)?\b", re.I)
_HANDLE = re.compile(r"\b(?:linkedin|github|gitlab|twitter|x)\.com/\S+|@\w{2,}", re.I)
_PHONE = re.compile(r"(?:\+|\(\+?)?\d[\d ()./-]{7,}\d")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_BIRTH = re.compile(r"\b(?:born|date of birth|d\.o\.b|dob|age|nationality|gender|marital status)\b", re.I)


def mask(text: str, *, years: bool = False) -> str:
    """Text with contact details (and, in education, years) replaced by placeholders."""
    text = EMAIL.sub("[email]", text)
    text = _HANDLE.sub("[link]", text)
    text = _URL.sub("[link]", text)
    if has_phone(text):
        text = _PHONE.sub(
            lambda m: "[phone]" if len(re.sub(r"\D", "", m.group(0))) >= 9 else m.group(0), text
        )
    return _YEAR.sub("[year]", text) if years else text


def redact_analysis(analysis: Analysis, candidate: str = "") -> Analysis:
    """A copy of the analysis fit to show in a blind review."""
    doc = analysis.document
    hidden = {ln.number for ln in doc.lines if ln.section == "contact" or _BIRTH.search(ln.text)}
    education = {ln.number for ln in doc.lines if ln.section == "education"}
    lines = tuple(
        replace(ln, text=mask(ln.text, years=ln.number in education))
        for ln in doc.lines
        if ln.number not in hidden
    )
    blind_doc = replace(doc, path=candidate or "candidate", lines=lines)

    def shown(number: int | None, text: str) -> str:
        if number in hidden:
            return "[hidden in blind review]"
        return mask(text, years=number in education)

    findings = tuple(
        replace(f, message=mask(f.message), evidence=shown(f.line, f.evidence)) for f in analysis.findings
    )
    units = tuple(replace(u, text=shown(u.line, u.text)) for u in analysis.units if u.line not in hidden)
    rewrites = tuple(
        replace(r, original=shown(r.line, r.original), suggestion=shown(r.line, r.suggestion))
        for r in analysis.rewrites
        if r.line not in hidden
    )
    return replace(analysis, document=blind_doc, findings=findings, units=units, rewrites=rewrites)
