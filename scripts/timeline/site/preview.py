"""The page the local preview shows instead of the site while the data has errors.

Under `mkdocs serve` a failed build leaves the browser waiting with no word of why; the
preview shows this page at every address instead, and reloads into the site once the
data is right. Plain HTML with no theme: it must render whatever state the data is in,
and every character of the data on it is escaped.
"""

from __future__ import annotations

from ..data.problems import Problem, listed, summary
from .templating import fill


def problems_page(problems: list[Problem], files_checked: int) -> str:
    """Every problem as `validate` prints it (file:line:col, level, message, rule), as HTML."""
    return fill(
        "problems.html.j2",
        problems=listed(problems),
        summary=summary(problems, files_checked),
        errors=sum(p.is_error for p in set(problems)),
    )
