"""cvcheck: judge a resume against what the MLOps market hires for."""

__version__ = "0.1.0"
