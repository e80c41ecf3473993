"""One registry of rules with stable codes. Codes are never renumbered or reused.

Each rule carries its own documentation (what it checks, why a hiring manager or an ATS
cares, a bad example, a better one, and where the judgment comes from); ``cvcheck explain``
prints it and a test fails when any of it is missing.
"""

from __future__ import annotations

from dataclasses import dataclass

from cvcheck.document import Severity


@dataclass(frozen=True)
class Rule:
    code: str  # family prefix + digits, e.g. ATS002
    name: str  # readable id, e.g. multi-column-layout
    severity: Severity
    summary: str  # one line: what it checks
    why: str  # why it matters to an ATS or a hiring manager
    bad: str  # an example that triggers it
    better: str  # what to do instead
    source: str  # where the judgment comes from (a market-signals file, or the reader)
    flag: str | None = None  # stable flag id other tools may rely on


_READER = "cvcheck reader: how applicant tracking systems parse files (no market article)"
_LINT = "cvcheck lint: the resume owner's configuration and suppressions (no market article)"
_000 = "000_ea90ec1d60c3efc9.txt"
_001 = "001_af8f4b7c8a5f11ba.txt"
_002 = "002_4f3396214dd8147b.txt"
_004 = "004_391a02ba508588be.txt"

RULES: tuple[Rule, ...] = (
    Rule(
        "ATS001", "no-text-layer", "error",
        "The PDF has pages without any text layer (scanned or exported as images).",
        "An applicant tracking system reads the text layer, not the picture: a page without one "
        "reaches the recruiter's search as a blank page, so the resume never matches a search.",
        "A resume scanned on an office copier, or 'printed to PDF' as an image.",
        "Export the PDF from the source document (Word, Google Docs, LaTeX) so the text is "
        "selectable; check by selecting a line of text in a PDF viewer.",
        _READER,
    ),
    Rule(
        "ATS002", "multi-column-layout", "warning",
        "Pages laid out in two independent columns (sidebar templates).",
        "Many ATS parsers read straight across the page, interleaving the sidebar with the "
        "experience; skills end up inside job descriptions and dates lose their roles.",
        "A template with skills and education in a left sidebar beside the experience column.",
        "Use a single column; keep side labels (dates, section names) on the same line as the "
        "entry they belong to.",
        _READER,
    ),
    Rule(
        "ATS003", "tables", "warning",
        "The resume puts content in tables.",
        "Table cells are read in an order the parser chooses; whole resumes built as one table "
        "often lose their section structure, and some parsers skip cells entirely.",
        "Experience laid out as a two-column table: dates in the left cell, the role on the right.",
        "Use paragraphs and tab stops instead of tables; keep a skills list as plain lines.",
        _READER,
    ),
    Rule(
        "ATS004", "contact-in-header-footer", "warning",
        "The email or phone number appears only in the page header or footer.",
        "Several ATS products drop Word headers and footers when they parse, so the recruiter "
        "gets a profile with no way to reach the candidate.",
        "Name, email and phone placed in the Word page header.",
        "Put the contact line in the body, at the top of the first page.",
        _READER,
    ),
    Rule(
        "ATS005", "text-in-images", "warning",
        "Large images on a page: any text in them is invisible to an ATS.",
        "Logos, skill charts and screenshots carry no text layer; a skill shown only as a "
        "picture or a bar chart is a skill the search never finds.",
        "Skills shown as a chart of bars or as a row of technology logos.",
        "Write skills and achievements as text; keep images decorative.",
        _READER,
    ),
    Rule(
        "ATS006", "missing-email", "warning",
        "No email address found in the resume text.",
        "Recruiters reach candidates by email first; an ATS profile without one is often "
        "skipped.",
        "A contact line with only a LinkedIn URL.",
        "Add one professional email address in the body text near the name.",
        _READER,
    ),
    Rule(
        "ATS007", "missing-phone", "info",
        "No phone number found in the resume text.",
        "US recruiters usually screen by phone; an ATS field left empty slows the first call.",
        "A contact line with email and links but no phone number.",
        "Add a phone number in the body text, with the country code if you apply abroad.",
        _READER,
    ),
    Rule(
        "ATS008", "unusual-section-heading", "info",
        "A section heading an ATS will not map to a standard section.",
        "Parsers file content under standard headings (Experience, Education, Skills); "
        "creative names leave the content unclassified and out of structured searches.",
        "'My Journey' instead of 'Experience'; 'Toolbox' instead of 'Skills'.",
        "Use the standard heading, optionally with a qualifier: 'Experience', "
        "'Technical Skills', 'Projects'.",
        _READER,
    ),
    Rule(
        "ATS009", "long-resume", "warning",
        "The resume runs beyond two pages.",
        "Recruiters skim; past two pages the strongest evidence gets diluted and late pages are "
        "often not read at all.",
        "A five-page CV listing every course, talk and internship.",
        "Keep the last ten years and the work relevant to the role on one or two pages; link "
        "to a long CV if needed.",
        _READER,
    ),
    Rule(
        "ATS010", "pages-not-read", "info",
        "The PDF has more pages than cvcheck reads; only the first ones were analysed.",
        "Analysis time and memory stay bounded on very long files; later pages are not judged.",
        "A 300-page PDF (a thesis or a portfolio exported with the resume).",
        "Give cvcheck the resume alone.",
        _READER,
    ),
    Rule(
        "ATS011", "not-english", "warning",
        "The resume is not in English; the US market analysis does not apply.",
        "cvcheck's lexicons describe what US MLOps employers look for in English resumes; "
        "scoring another language against them would call a good resume weak.",
        "A French or Korean resume checked against the US market.",
        "Check the English version of the resume, or use a lexicon set for that market "
        "(--lexicons DIR).",
        _READER,
    ),
    Rule(
        "ATS012", "unreadable-glyphs", "info",
        "Characters with no text mapping (icon fonts, symbol glyphs) were dropped.",
        "Icons for phone, email and links come out as garbage or nothing in an ATS; when the "
        "icon is the only label, the parser cannot tell a phone number from a date.",
        "Contact details marked only with Font Awesome icons.",
        "Label contact details with words ('Email:', 'Phone:') or keep them self-explanatory.",
        _READER,
    ),
    Rule(
        "ATS013", "no-experience-section", "warning",
        "No section heading that an ATS recognises as work experience.",
        "The ATS maps roles, employers and dates from the experience section; without a "
        "recognisable heading it may not build a work history at all.",
        "Roles listed under 'What I have done'.",
        "Head the section 'Experience' or 'Work Experience'.",
        "000_ea90ec1d60c3efc9.txt (ATS searches by title keyword); " + _READER,
    ),
    # ---- The market analysis: titles, lifecycle, outcomes, clarity, flags ----------------
    Rule(
        "TTL001", "no-title-variant", "warning",
        "Neither the current title nor the summary uses a title that recruiters search for.",
        "Recruiters and ATS searches look for variants such as MLOps Engineer, ML Platform "
        "Engineer or ML Infrastructure Engineer; a resume titled only 'Software Engineer' is not "
        "found by those searches even when the work is MLOps.",
        "Software Engineer · Acme (the work was running the model platform)",
        "ML Platform Engineer · Acme, if that describes the work; or name the variant in the summary",
        f"{_000} (title variants, use them naturally)",
    ),
    Rule(
        "TTL002", "missing-title-variants", "info",
        "Title variants recruiters also search for that the resume never uses.",
        "ATS searches are literal: 'ML Ops Engineer' and 'Machine Learning Operations Engineer' "
        "are separate searches. A variant that truthfully describes your work, used once, widens "
        "the searches you appear in.",
        "Only 'MLOps Engineer' anywhere in the resume.",
        "Summary: 'ML platform engineer (MLOps) running ...' where it is true; never a list of titles.",
        f"{_000} (many ATS searches look for variants)",
    ),
    Rule(
        "KWS001", "title-stuffing", "warning",
        "Title variants repeated beyond natural use, or piled onto one line.",
        "Hiring managers and modern ATS ranking discount keyword stuffing; a header listing five "
        "titles reads as gaming the search and hides which job you actually did.",
        "MLOps Engineer | ML Ops Engineer | Machine Learning Operations Engineer | MLOps Developer",
        "One accurate title per role, and at most one or two variants used in sentences.",
        f"{_000} (without keyword stuffing); {_004}",
        flag="keyword_stuffing",
    ),
    Rule(
        "KWS002", "tool-list-bullet", "warning",
        "A bullet that lists tools without describing any work or result.",
        "Named tools are a green flag only with what you did with them; a line of tool names is "
        "claimed, not evidenced, and reads as keyword stuffing.",
        "Kubeflow, MLflow, KServe, Seldon, Triton, BentoML, Feast, DVC, Airflow, Argo",
        "Moved 12 models from notebooks to Kubeflow Pipelines with MLflow registry gates; "
        "releases went from monthly to weekly.",
        f"{_004} (named tools with versions, in production stories)",
        flag="keyword_stuffing",
    ),
    Rule(
        "LCY001", "stage-not-evidenced", "warning",
        "A stage of the ML lifecycle that no experience or project line shows work in.",
        "Hiring managers read for the whole loop data → training → registry → deployment → "
        "monitoring → retraining; a missing stage, or one named only in a skills list, is a gap "
        "they will probe or hold against you.",
        "Skills: Evidently, Prometheus (and no line about watching models in production)",
        "Added drift monitoring with Evidently and Prometheus alerts for 14 models; caught two "
        "silent schema changes within an hour.",
        f"{_000} (show the lifecycle); {_002}",
    ),
    Rule(
        "LCY002", "claimed-not-evidenced", "info",
        "Tools named in skills lists or familiarity claims that no work line uses.",
        "A tool in a skills list is a claim; recruiters trust the ones your bullets show in use. "
        "Claims without evidence invite 'tell me about a time you used X' and weigh little.",
        "Skills: Feast, Seldon, Triton (none appear in the experience)",
        "Name the tool where you did the work: 'Served the ranking model on Triton ...'.",
        f"{_004} (familiar-with is a red flag)",
    ),
    Rule(
        "LCY003", "no-ml-lifecycle", "warning",
        "No line shows work on any stage of a machine-learning model's lifecycle.",
        "The litmus test between MLOps and DevOps is ML-specific work: model versioning, drift, "
        "feature stores, serving models. Infrastructure work alone, however strong, is another job.",
        "Deployed 40 web services on Kubernetes; monitored 300 servers with Prometheus.",
        "If you did model work, say so: 'Served the fraud model on KServe ...'; if not, target "
        "DevOps roles or build model-serving experience first.",
        f"{_002} (MLOps vs DevOps litmus test); {_004}",
        flag="no_ml_lifecycle",
    ),
    Rule(
        "LCY004", "modeler-not-operator", "warning",
        "A modelling resume with an infrastructure bullet bolted on.",
        "Hiring guides warn against hiring the modeller for an operator's job: analyses, "
        "notebooks and accuracy gains with one 'deployed with Docker and Kubernetes' line do not "
        "show owning models in production.",
        "Built XGBoost churn models in notebooks (AUC +0.06) ... Deployed model with Docker and Kubernetes.",
        "Show the operating work: what you shipped, how it was served, monitored and retrained, "
        "and what broke and how fast you fixed it.",
        f"{_004} (a modelling resume with one Kubernetes bullet bolted on)",
        flag="modeler_not_operator",
    ),
    Rule(
        "OUT001", "unquantified-bullet", "info",
        "A work line without a measurable outcome or operating scale.",
        "Hiring managers read for outcomes (MTTR, p99 latency, cost, models in production); a "
        "line with no number or stated change says what you touched, not what it achieved.",
        "Improved the model deployment process.",
        "Cut model deployment from two days to 40 minutes with a GitHub Actions pipeline.",
        f"{_004} (green flags: counts, MTTR, cost wins); {_000} (lead with outcomes)",
    ),
    Rule(
        "OUT002", "no-quantified-outcomes", "warning",
        "No work line states a measurable outcome or the scale of the work.",
        "Without a single number a reader cannot tell a hobby cluster from a platform serving "
        "millions of requests; guides list 'no scale context' as a red flag.",
        "Every bullet: 'Worked on...', 'Maintained...', 'Improved...'.",
        "Give the scale and the change: '23 production models', 'p99 from 180 to 42 ms', '$38K/month'.",
        f"{_004} (no scale context is a red flag)",
        flag="no_quantified_outcomes",
    ),
    Rule(
        "CLR001", "vague-phrase", "warning",
        "Filler or unverifiable phrasing used as a claim.",
        "'Responsible for', 'familiar with' and 'follows best practices' hide what you did; "
        "hiring guides name them as red flags because they cannot be verified.",
        "Responsible for ML pipelines; familiar with Kubeflow; follows best practices.",
        "Built the Kubeflow training pipeline for 9 models, cutting retraining from 3 days to 6 hours.",
        f"{_004} (red flags: 'familiar with', 'follows best practices')",
        flag="vague_phrasing",
    ),
    Rule(
        "PRJ001", "tutorial-projects", "warning",
        "Projects that are tutorials, courses or toy datasets presented as experience.",
        "MNIST, Titanic, Iris and course capstones show learning, not production; presented as "
        "production work they count against you with hiring managers.",
        "Deployed an Iris classifier with FastAPI and Docker (MLOps course).",
        "Label learning projects as such, and lead with one real system: users, traffic, "
        "failures, what you measured.",
        f"{_004} (tutorial projects shown as production)",
        flag="tutorial_projects",
    ),
    Rule(
        "CRT001", "retired-certification", "warning",
        "A certification that is retired (or retiring) as of the lexicon's date.",
        "A retired credential dates the resume; the AWS Certified Machine Learning – Specialty "
        "could last be taken on 31 March 2026 and AWS points to the ML Engineer – Associate.",
        "AWS Certified Machine Learning – Specialty (2023)",
        "Keep it with its date if you hold it, and add or plan the current successor: "
        "AWS Certified Machine Learning Engineer – Associate.",
        f"{_004} (the AWS ML Specialty exam retires 31 March 2026)",
        flag="retired_certification",
    ),
    Rule(
        "GRN001", "deployed-model-counts", "info",
        "Green flag: states how many models run in production.",
        "Deployed-model counts are the first green flag hiring guides list: they show operating "
        "scale directly.",
        "Worked on model deployments.",
        "Operate 43 models in production across credit, fraud and AML.",
        f"{_004} (green flags)",
    ),
    Rule(
        "GRN002", "mttr-wins", "info",
        "Green flag: a measured improvement in recovery time (MTTR) or detection time.",
        "MTTR wins show on-call ownership and operational maturity.",
        "Handled incidents for model services.",
        "Cut endpoint MTTR from 52 to 11 minutes with runbooks and alert routing.",
        f"{_004} (green flags)",
    ),
    Rule(
        "GRN003", "named-tools-with-versions", "info",
        "Green flag: tools named with versions in work lines.",
        "Versions ('MLflow 2.x', 'KFP v2') signal hands-on, recent use rather than a keyword list.",
        "Used MLflow.",
        "Migrated 30 models to the MLflow 2.x registry with alias-based promotion.",
        f"{_004} (green flags)",
    ),
    Rule(
        "GRN004", "on-call", "info",
        "Green flag: on-call or incident ownership for model services.",
        "Being paged for the models you ship is what separates operators from builders.",
        "Supported production.",
        "Led the six-person on-call rotation for model endpoints; wrote the runbooks.",
        f"{_004} (green flags)",
    ),
    Rule(
        "GRN005", "cost-wins", "info",
        "Green flag: a measured cost or spend reduction.",
        "Cost wins (GPU spend, inference cost) are concrete, checkable and valued by every segment.",
        "Optimised infrastructure costs.",
        "Cut GPU spend by $38K/month with spot node pools and right-sized Triton instances.",
        f"{_004} (green flags); {_001} (premium skills)",
    ),
    Rule(
        "GRN006", "open-source-or-talks", "info",
        "Green flag: open-source contributions or talks.",
        "Merged PRs and talks are public evidence anyone can check.",
        "Passionate about open source.",
        "Six merged pull requests to KServe (canary traffic split); talk at a Kubernetes meetup.",
        f"{_004} (green flags)",
    ),
    # ---- The linter's own rules: suppressions and the owner's bar (cvcheck lint) -----------
    Rule(
        "SUP001", "unused-suppression", "warning",
        "A 'cvcheck: ignore' comment (or JSON Resume meta ignore) that suppresses no finding.",
        "A suppression outlives the line it excused: once the bullet is rewritten it silently "
        "hides the next problem put there. Reporting stale ones keeps the resume's exceptions "
        "few and deliberate, as ruff's RUF100 does for code.",
        "<!-- cvcheck: ignore CLR001 --> above a bullet that no longer says 'responsible for'.",
        "Delete the comment, or name only the codes the next line still triggers.",
        _LINT,
    ),
    Rule(
        "SCR001", "below-min-score", "error",
        "The overall score is below the min-score the resume's owner set.",
        "The owner's bar: min-score in the configuration (or --min-score) stops a commit or a CI "
        "job when an edit makes the resume weaker overall, even when no single line is an error.",
        "min-score = 70 and an edit that drops the quantified outcomes: overall score 62.",
        "Run 'cvcheck check' for the fixes that add the most points; lower min-score only on purpose.",
        _LINT,
    ),
)  # fmt: skip

BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}
BY_NAME: dict[str, Rule] = {rule.name: rule for rule in RULES}


def lookup(code_or_name: str) -> Rule | None:
    """A rule by code (case-insensitive) or by readable name."""
    key = code_or_name.strip()
    return BY_CODE.get(key.upper()) or BY_NAME.get(key.lower())
