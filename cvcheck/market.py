"""Learn a lexicon set from a folder of job postings (`cvcheck market build`) and compare two
lexicon sets (`cvcheck market diff`).

The build reads every posting with the base lexicon, counts which skills each posting asks for
(scikit-learn's CountVectorizer over each posting's set of skill keys, so a skill counts once per
posting), keeps the skills at least ``min_support`` postings ask for, groups recurring titles
(TF-IDF character n-grams and agglomerative clustering), and writes a folder in the schema of
lexicons/ (lexicons/SCHEMA.md). Everything is sorted and seeded-free, so two builds of the same
postings write identical files.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import re
import shutil
import tomllib
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cvcheck.postings.read import HTML_SUFFIXES
from cvcheck.read.sniff import RESUME_SUFFIXES

POSTING_SUFFIXES = RESUME_SUFFIXES | HTML_SUFFIXES
SOURCE_ID = "postings"
# files copied as they are from the base lexicon, so checks against the learned set still work
_COPIED = ("outcomes.toml", "vague.toml", "segments.toml", "certifications.toml", "flags.toml")
_LEVEL_WORDS = re.compile(
    r"\b(senior|sr|snr|staff|principal|junior|jr|associate|entry[- ]level|ii|iii|iv|i)\b\.?", re.I
)


@dataclass
class BuildResult:
    out: Path
    read: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    threshold: int = 0
    skills: list[dict[str, Any]] = field(default_factory=list)  # key, name, support, share
    titles: list[dict[str, Any]] = field(default_factory=list)
    stages: list[dict[str, Any]] = field(default_factory=list)
    bands: list[dict[str, Any]] = field(default_factory=list)


# --- reading --------------------------------------------------------------------------------


def posting_files(folder: Path) -> list[Path]:
    """Every file under ``folder`` (recursively) with a posting suffix, in a stable order."""
    return sorted(
        (p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in POSTING_SUFFIXES),
        key=lambda p: p.relative_to(folder).as_posix(),
    )


def analyse_folder(folder: Path, lexicon: Any, progress: Callable[[int, int], None] | None = None):  # type: ignore[no-untyped-def]
    """(analyses, skipped): every file read as a posting; a file that is not one, is off
    topic, not English, or fails to read is skipped with its reason, never fatal."""
    from cvcheck.errors import CvcheckError
    from cvcheck.postings import analyze_posting, read_posting, require_posting

    files = posting_files(folder)
    analyses = []
    skipped: list[tuple[str, str]] = []
    for done, path in enumerate(files, start=1):
        name = path.relative_to(folder).as_posix()
        try:
            analysis = analyze_posting(read_posting(path), lexicon)
            require_posting(analysis)
            if analysis.role_fit == "off_topic":
                skipped.append((name, "not an MLOps posting (off topic for this lexicon's role)"))
            else:
                analyses.append((name, analysis))
        except CvcheckError as exc:
            skipped.append((name, str(exc).removeprefix(f"{path}: ")))
        except Exception as exc:  # one broken posting never stops the build
            skipped.append((name, f"could not be read: {type(exc).__name__}: {exc}"))
        if progress is not None:
            progress(done, len(files))
    return analyses, skipped


def skill_keys(analysis: Any) -> list[str]:
    """The skill keys (lexicon term ids, or ``skill:<name>``) one posting asks for."""
    return sorted({h.term_id for h in (*analysis.required, *analysis.preferred)})


def _identity(doc: list[str]) -> list[str]:
    return doc


def skill_support(docs: list[list[str]]) -> dict[str, int]:
    """How many postings ask for each skill key (document frequency)."""
    from sklearn.feature_extraction.text import CountVectorizer

    if not any(docs):
        return {}
    vec = CountVectorizer(analyzer=_identity, binary=True, lowercase=False)
    matrix = vec.fit_transform(docs)
    counts = matrix.sum(axis=0).A1
    return {str(k): int(c) for k, c in zip(vec.get_feature_names_out(), counts, strict=True)}


def normalise_title(title: str) -> str:
    """A title without level words and qualifiers: 'Senior MLOps Engineer — Credit' → 'MLOps Engineer'."""
    text = re.split(r"\s[—–-]\s|,|\(|:|\|", title)[0]
    text = _LEVEL_WORDS.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip(" .-")


def group_titles(titles: list[str]) -> list[list[str]]:
    """Group similar normalised titles (TF-IDF char n-grams, average-linkage cosine clustering)."""
    distinct = sorted(set(titles), key=str.casefold)
    if len(distinct) < 2:
        return [distinct] if distinct else []
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    matrix = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), lowercase=True).fit_transform(distinct)
    labels = AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage="average", distance_threshold=0.35
    ).fit_predict(matrix.toarray())
    groups: dict[int, list[str]] = defaultdict(list)
    for label, title in zip(labels, distinct, strict=True):
        groups[int(label)].append(title)
    return sorted(groups.values(), key=lambda g: g[0].casefold())


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.casefold()).strip("_") or "title"


# --- build ----------------------------------------------------------------------------------


def build_market(
    folder: str | Path,
    out: str | Path,
    *,
    base: str | Path | None = None,
    lexicon_id: str | None = None,
    as_of: str | None = None,
    min_support: float = 0.10,
    progress: Callable[[int, int], None] | None = None,
) -> BuildResult:
    """Read the postings under ``folder`` and write a learned lexicon set to ``out``."""
    from cvcheck.lexicon import LexiconError, load_lexicon, parsed_files, validate
    from cvcheck.lexicon.compiled import write_compiled

    folder, out = Path(folder), Path(out)
    lexicon = load_lexicon(base)
    raw = parsed_files(lexicon.path)
    analyses, skipped = analyse_folder(folder, lexicon, progress)
    n = len(analyses)
    result = BuildResult(out=out, read=n, skipped=skipped)
    threshold = max(2, math.ceil(min_support * n))
    result.threshold = threshold

    # skills: share of postings asking for each, kept at or above the threshold
    support = skill_support([skill_keys(a) for _, a in analyses])
    kept = sorted(((k, c) for k, c in support.items() if c >= threshold), key=lambda kc: (-kc[1], kc[0]))
    raw_terms = raw["stages.toml"].get("term", [])
    by_id = {t.id: entry for t, entry in zip(lexicon.terms, raw_terms, strict=True)}
    names = {t.id: t.phrases[0] for t in lexicon.terms}
    terms: list[dict[str, Any]] = []
    for key, count in kept:
        share = round(count / n, 4)
        name = key.removeprefix("skill:") if key.startswith("skill:") else names.get(key, key)
        result.skills.append({"key": key, "name": name, "support": count, "share": share})
        if key in by_id:
            entry = {k: v for k, v in by_id[key].items() if k not in ("sources", "note")}
            entry.update(sources=[SOURCE_ID], support=count, share=share)
            terms.append(entry)

    # stages: the share of postings with evidence of each
    stage_support: Counter[str] = Counter()
    for _, a in analyses:
        stage_support.update({s.stage for s in a.stages if s.count > 0})
    stages = []
    for entry in raw["stages.toml"]["stage"]:
        count = stage_support.get(entry["id"], 0)
        stages.append({**entry, "support": count, "share": round(count / n, 4) if n else 0.0})
        result.stages.append({"id": entry["id"], "name": entry["name"], "support": count,
                              "share": stages[-1]["share"]})  # fmt: skip
    result.stages.sort(key=lambda s: (-s["support"], s["id"]))

    # titles: recurring variants grouped by similarity
    forms = [normalise_title(a.title) for _, a in analyses if a.title]
    forms = [f for f in forms if f]
    form_count = Counter(forms)
    base_kind: dict[str, Counter[str]] = defaultdict(Counter)
    for _, a in analyses:
        if a.title:
            for hit in a.title_variants:
                base_kind[normalise_title(a.title)][hit.kind] += 1
    titles: list[dict[str, Any]] = []
    used: set[str] = set()
    for group in group_titles(forms):
        count = sum(form_count[f] for f in group)
        if count < threshold:
            continue
        name = sorted(group, key=lambda f: (-form_count[f], f.casefold()))[0]
        kinds = sum((base_kind[f] for f in group), Counter())
        ident = _slug(name)
        while ident in used:
            ident += "_2"
        used.add(ident)
        title = {"id": ident, "name": name, "variants": sorted(group, key=str.casefold),
                 "kind": kinds.most_common(1)[0][0] if kinds else "core", "sources": [SOURCE_ID],
                 "support": count, "share": round(count / n, 4)}  # fmt: skip
        titles.append(title)
        result.titles.append(title)
    titles.sort(key=lambda t: (-t["support"], t["id"]))
    result.titles.sort(key=lambda t: (-t["support"], t["id"]))

    # pay: one band per level and period where postings disclose pay
    pay: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    for _, a in analyses:
        for p in a.pay[:1]:
            pay[(a.seniority or "unstated", p.period, p.currency)].append((p.low, p.high))
    bands = []
    for (level, period, currency), ranges in sorted(pay.items()):
        if period not in ("year", "hour"):
            continue
        band = {
            "source": SOURCE_ID,
            "level": level,
            "metro": "US",
            "low": int(min(lo for lo, _ in ranges)),
            "high": int(max(hi for _, hi in ranges)),
            "currency": currency,
            "period": period,
            "pay": "unspecified",
            "measure": "posted range",
            "support": len(ranges),
            "note": f"lowest and highest posted figure across {len(ranges)} posting(s) at this level",
        }
        bands.append(band)
        result.bands.append(band)

    # the lexicon's identity, and its sources: the postings plus the base set's (still cited)
    head = {
        "id": lexicon_id or f"{lexicon.id}-market",
        "title": f"{lexicon.role} market learned from {n} postings",
        "market": lexicon.market,
        "role": lexicon.role,
        "as_of": as_of or lexicon.as_of,
        "version": f"{(as_of or lexicon.as_of)[:4]}.market",
        "description": (
            f"Learned by 'cvcheck market build' from {n} job postings in '{folder.name}' read with the "
            f"'{lexicon.id}' lexicon: skills asked for by at least {threshold} postings, ranked by share; "
            "recurring titles; stage emphasis; posted pay by level. Outcomes, vague phrasing, segments, "
            "certifications and flags are carried over from the base set with their sources."
        ),
    }
    sources = [
        {
            "id": SOURCE_ID,
            "file": folder.name or str(folder),
            "title": f"{n} job postings ({folder.name})",
            "publisher": "the employers' own postings",
            "kind": "job postings",
            "date": head["as_of"],
            "what_it_gives": f"which skills, titles, stages and pay {n} postings state; {len(skipped)} "
            "other files skipped",
        },
        *raw["lexicon.toml"].get("source", []),
    ]

    out.mkdir(parents=True, exist_ok=True)
    for name in ("compiled.json", "salaries.toml"):
        (out / name).unlink(missing_ok=True)
    _write(out / "lexicon.toml", {"lexicon": head, "source": sources}, "identity and sources")
    _write(out / "titles.toml", {"title": titles}, "recurring titles, most postings first")
    stage_file: dict[str, Any] = {"stage": stages, "term": terms, "verb": raw["stages.toml"]["verb"]}
    for key in ("ml_context", "claim_marker", "combination"):
        if key in raw["stages.toml"]:
            stage_file[key] = raw["stages.toml"][key]
    _write(out / "stages.toml", stage_file, "stages (with emphasis) and learned skills, by share")
    for name in _COPIED:
        src = Path(lexicon.path) / name
        if src.is_file():
            shutil.copyfile(src, out / name)
    if bands:
        _write(out / "salaries.toml", {"band": bands}, "posted pay by level")
    problems = validate(out)
    if problems:
        raise LexiconError(str(out), problems)
    write_compiled(load_lexicon(out))
    return result


# --- a small TOML writer (tomllib only reads) -----------------------------------------------


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def _key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key)


def _is_tables(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _table(lines: list[str], header: str, entry: dict[str, Any]) -> None:
    lines.append(header)
    for k, v in entry.items():
        if not _is_tables(v) and not isinstance(v, dict):
            lines.append(f"{_key(k)} = {_value(v)}")
    name = header.strip("[]")
    for k, v in entry.items():
        if _is_tables(v):
            for sub in v:
                lines.append("")
                _table(lines, f"[[{name}.{_key(k)}]]", sub)
        elif isinstance(v, dict):
            lines.append("")
            _table(lines, f"[{name}.{_key(k)}]", v)


def dumps(data: dict[str, Any]) -> str:
    """TOML text for ``data``: top-level tables and arrays of tables, in the order given."""
    lines: list[str] = []
    for name, value in data.items():
        if _is_tables(value):
            for entry in value:
                _table(lines, f"[[{_key(name)}]]", entry)
                lines.append("")
        elif isinstance(value, dict):
            _table(lines, f"[{_key(name)}]", value)
            lines.append("")
        elif not (isinstance(value, list) and not value):
            raise TypeError(f"top-level key {name!r} must be a table or array of tables")
    return "\n".join(lines)


def _write(path: Path, data: dict[str, Any], what: str) -> None:
    text = f"# cvcheck lexicon, written by 'cvcheck market build': {what}.\n\n" + dumps(data)
    assert tomllib.loads(text) == {k: v for k, v in data.items() if v != []}
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


# --- diff -----------------------------------------------------------------------------------


@dataclass
class Change:
    kind: str  # skill | title
    key: str
    name: str
    old: float | None  # share, where the set records one
    new: float | None


@dataclass
class MarketDiff:
    appeared: list[Change] = field(default_factory=list)
    vanished: list[Change] = field(default_factory=list)
    rose: list[Change] = field(default_factory=list)
    fell: list[Change] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.appeared or self.vanished or self.rose or self.fell)


def _entries(folder: Path) -> dict[tuple[str, str], tuple[str, float | None]]:
    out: dict[tuple[str, str], tuple[str, float | None]] = {}
    with (folder / "stages.toml").open("rb") as fh:
        for term in tomllib.load(fh).get("term", []):
            key = term.get("id") or _slug(term["phrases"][0])
            out[("skill", key)] = (term["phrases"][0], term.get("share"))
    with (folder / "titles.toml").open("rb") as fh:
        for title in tomllib.load(fh).get("title", []):
            out[("title", title["id"])] = (title["name"], title.get("share"))
    return out


def diff_lexicons(old: str | Path, new: str | Path, *, tolerance: float = 0.0) -> MarketDiff:
    """What appeared, vanished, rose and fell (in share) between two lexicon folders' skill
    terms and titles. Raises LexiconError when either folder is not a valid lexicon set."""
    from cvcheck.lexicon import LexiconError, validate

    for folder in (old, new):
        problems = validate(folder)
        if problems:
            raise LexiconError(str(folder), problems)
    a, b = _entries(Path(old)), _entries(Path(new))
    diff = MarketDiff()
    for key in sorted(a.keys() | b.keys()):
        kind, ident = key
        if key not in a:
            diff.appeared.append(Change(kind, ident, b[key][0], None, b[key][1]))
        elif key not in b:
            diff.vanished.append(Change(kind, ident, a[key][0], a[key][1], None))
        else:
            was, now = a[key][1], b[key][1]
            if was is not None and now is not None and abs(now - was) > tolerance:
                (diff.rose if now > was else diff.fell).append(Change(kind, ident, b[key][0], was, now))
    diff.rose.sort(key=lambda c: (-(c.new or 0) + (c.old or 0), c.kind, c.key))
    diff.fell.sort(key=lambda c: ((c.new or 0) - (c.old or 0), c.kind, c.key))
    return diff
