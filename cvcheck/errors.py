"""User-facing errors in one place, each with a stable code, so wording stays consistent.

Every error names the file and says what to do, fits on one line, and maps to exit code 2.
"""

from __future__ import annotations

from enum import Enum


class E(Enum):
    """Error codes and their message templates (``{path}`` and other fields filled in)."""

    NOT_FOUND = "E001", "no such file; check the path"
    IS_DIRECTORY = "E002", "is a folder; give a resume file (use 'cvcheck batch' for folders)"
    UNREADABLE = "E003", "cannot be read ({detail}); check its permissions"
    EMPTY = "E004", "is empty; export the resume again"
    ENCRYPTED = "E005", "is a password-protected PDF; save a copy without a password and check that"
    CORRUPT_PDF = "E006", "is a damaged or truncated PDF ({detail}); export it again from the source"
    NOT_A_RESUME_FORMAT = (
        "E007",
        "is not a format cvcheck reads ({detail}); use PDF, DOCX, Markdown, text, LaTeX, "
        "JSON Resume or RenderCV YAML",
    )
    MISNAMED = "E008", "is {actual} despite its {suffix} name; export the resume as a real PDF or DOCX"
    CORRUPT_DOCX = "E009", "is a damaged Word file ({detail}); open and save it again in Word"
    BAD_STRUCTURED = "E010", "is not valid {kind} ({detail}); fix the syntax at that spot"
    TOO_LARGE = "E011", "is too large ({size} MiB, the limit is {limit} MiB); export a smaller file"
    NO_TEXT = "E012", "holds no resume text ({detail}); check that this is the right file"
    INTERNAL = "E013", "could not be read ({detail}); please report this with the file"
    ENCRYPTED_OFFICE = (
        "E014",
        "is a password-protected Word file; save a copy without a password and check that",
    )
    CANNOT_WRITE = "E015", "cannot be written ({detail}); choose another --output"
    UNKNOWN_SEGMENT = "E016", "has no segment '{segment}'; choose one of: {known}"
    INVALID_LEXICON = "E020", "is not a valid lexicon: {detail}"
    INVALID_CONFIG = "E021", "is not a valid cvcheck configuration ({detail}); fix that setting"
    # Job postings (cvcheck check --job, cvcheck market build)
    EMPTY_POSTING = "E022", "is empty; save the job posting's text or page again"
    NOT_A_POSTING = "E023", "does not read as a job posting ({detail}); give the posting's text, page or PDF"
    POSTING_LANGUAGE = (
        "E024",
        "is a posting in {language}, not English; cvcheck's lexicons read English postings",
    )

    @property
    def code(self) -> str:
        return str(self.value[0])

    @property
    def template(self) -> str:
        return str(self.value[1])


class CvcheckError(Exception):
    """An input or usage problem the user can fix: one line, exit code 2."""

    exit_code = 2

    def __init__(self, error: E, path: str, **fields: object) -> None:
        self.error = error
        self.path = path
        self.fields = fields
        message = error.template.format(path=path, **fields)
        super().__init__(f"{path}: {message} [{error.code}]")

    @property
    def code(self) -> str:
        return self.error.code
