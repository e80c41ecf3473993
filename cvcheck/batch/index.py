"""index.html: the ranked table a reviewer works from, linking each candidate's report.

Readable and ranked without JavaScript; a few lines of script add sorting by any column and a
filter box. Everything from the files is escaped by the template engine.
"""

from __future__ import annotations

from typing import Any


def render_index(rows: list[dict[str, Any]], manifest: dict[str, Any]) -> str:
    from cvcheck.render.html import environment

    env = environment()
    return env.get_template("batch_index.html.j2").render(rows=rows, manifest=manifest)
