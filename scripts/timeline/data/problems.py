"""Problems found in the data, and the two ways of printing them.

Every check returns Problems instead of raising, so that a contributor sees every
mistake in one run, sorted by file and line, in the format of yamllint and compilers
(``path:line:col: error: message [rule]``), or as GitHub Actions annotations that
appear on the changed lines of a pull request.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from typing import Literal

SHOWN = 40  # characters of data a message quotes, at most
SHOWN_PER_RULE = 50  # lines printed per rule and file; the rest are counted on one line


Level = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing to fix: where (1-based line and column), what, and which rule."""

    path: str
    line: int
    col: int
    rule: str
    message: str
    level: Level = "error"  # or "warning": worth a look, but the data may still be right

    @property
    def is_error(self) -> bool:
        return self.level == "error"

    def text(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.level}: {self.message} [{self.rule}]"

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
        return f"::{self.level} {where}::{_escape_data(self.message)}"


@dataclass(frozen=True)
class Example:
    """A project that shows a rule at work, for its documentation and its test: a case of
    tests/fixtures ('base', 'bad/<case>' or 'fabricated/<case>', applied over the base) and
    what `timeline validate` is given besides the project's root; or, for a rule another
    command reports, that command's case ('confirm/<case>'); or, where no project folder
    can show it (a file over 256 KiB, one that cannot be read), the test that does
    ('test:<file>::<name>')."""

    case: str
    args: tuple[str, ...] = ()


BASE = Example("base")  # the small valid project every case starts from: it passes every rule


@dataclass(frozen=True)
class Rule:
    """One rule of the validator, as its registry (timeline.rules.registry) lists it: its id,
    whether breaking it fails the check, what it checks and how to fix what it finds, and
    examples of a project that breaks it and one that does not.

    A problem is made through its rule, so that a rule's level is said once, here, and
    never chosen where a problem is found."""

    id: str
    level: Level
    checks: str
    fix: str
    fails: tuple[Example, ...]
    passes: tuple[Example, ...] = (BASE,)

    def problem(self, path: str, line: int, col: int, message: str) -> Problem:
        return Problem(path, line, col, self.id, message, self.level)


def shown(text: str, limit: int = SHOWN) -> str:
    """Text from the data as a message quotes it: on one line, cut to `limit` characters
    with an ellipsis. A message names a word or a passage so that it can be found; a
    whole megabyte-long token in every message would only exhaust memory."""
    flat = " ".join(text[: limit * 2].split())
    return flat if len(flat) <= limit and len(text) <= limit * 2 else flat[: limit - 1] + "…"


def _escape_data(text: str) -> str:
    """Escape a workflow-command message as the Actions runner expects."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(problems: list[Problem], files_checked: int, fmt: str = "text") -> str:
    """Every problem, sorted, then one summary line ('N files checked, M errors, K warnings')."""
    lines = [p.github() if fmt == "github" else p.text() for p in listed(problems)]
    lines.append(summary(problems, files_checked))
    return "\n".join(lines)


def listed(problems: list[Problem]) -> list[Problem]:
    """The problems to show, sorted and without repeats: at most SHOWN_PER_RULE lines of one
    rule per file, for a hostile file can break one rule thousands of times, and the first
    few say what to fix (one more line counts the rest)."""
    return _bounded(sorted(set(problems)))


def summary(problems: list[Problem], files_checked: int) -> str:
    """'N files checked, M errors, K warnings', counting every problem, shown or not."""
    unique = set(problems)
    errors = sum(p.is_error for p in unique)
    text = f"{_count(files_checked, 'file')} checked, {_count(errors, 'error')}"
    if warnings := len(unique) - errors:
        text += f", {_count(warnings, 'warning')}"
    return text


def _bounded(problems: list[Problem]) -> list[Problem]:
    """The problems to print, in order: per file and rule, the first SHOWN_PER_RULE, then one
    problem that counts the rest, where the first of them is."""
    kept: list[Problem] = []
    for (path, rule, level), group in groupby(sorted(problems, key=_file_rule), key=_file_rule):
        alike = list(group)
        kept += alike[:SHOWN_PER_RULE]
        if rest := alike[SHOWN_PER_RULE:]:
            first = rest[0]
            kept.append(
                Problem(
                    path,
                    first.line,
                    first.col,
                    rule,
                    f"and {len(rest):,} more like the above in this file, from here on; "
                    "fix those, then validate again",
                    level,
                )
            )
    return sorted(kept)


def _file_rule(problem: Problem) -> tuple[str, str, Level]:
    return problem.path, problem.rule, problem.level


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
