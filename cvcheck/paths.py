"""Where the shipped data folders are: inside the wheel, or at the top of a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def shipped(name: str) -> Path:
    """``lexicons`` or ``templates``: the wheel's copy if installed, else the checkout's."""
    inside = _PACKAGE / "_shipped" / name
    if inside.is_dir():
        return inside
    top = _PACKAGE.parent / ("reports/templates" if name == "templates" else name)
    return top
