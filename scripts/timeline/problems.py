"""Problems found in the data, and the two ways of printing them.

Every check returns Problems instead of raising, so that a contributor sees every
mistake in one run, sorted by file and line, in the format of yamllint and compilers
(``path:line:col: error: message [rule]``), or as GitHub Actions annotations that
appear on the changed lines of a pull request.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing to fix: where (1-based line and column), what, and which rule."""

    path: str
    line: int
    col: int
    rule: str
    message: str

    def text(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: error: {self.message} [{self.rule}]"

    def github(self) -> str:
        where = ",".join(
            f"{key}={_escape_property(str(value))}"
            for key, value in (
                ("file", self.path),
                ("line", self.line),
                ("col", self.col),
                ("title", self.rule),
            )
        )
        return f"::error {where}::{_escape_data(self.message)}"


def _escape_data(text: str) -> str:
    """Escape a workflow-command message as the Actions runner expects."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(problems: list[Problem], files_checked: int, fmt: str = "text") -> str:
    """Every problem, sorted, then one summary line ('N files checked, M errors')."""
    lines = [p.github() if fmt == "github" else p.text() for p in sorted(set(problems))]
    files = "file" if files_checked == 1 else "files"
    errors = "error" if len(set(problems)) == 1 else "errors"
    lines.append(f"{files_checked} {files} checked, {len(set(problems))} {errors}")
    return "\n".join(lines)
