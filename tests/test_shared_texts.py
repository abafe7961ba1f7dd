"""The validator reads a text shared by many records once (its numbers, its normalised form,
what a reader sees of it, the speakers of a cited passage), and that changes no result:
every record that holds the text gets the same problems, whether it is read before or
after the others."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import FIXTURES, make_project
from timeline.data.problems import Problem
from timeline.rules.project import validate

CASES = [
    "bad/loaded-word",
    "fabricated/number-in-words-in-summary",
    "fabricated/summary-number-at-another-scale",
    "fabricated/iso-date-in-summary",
    "fabricated/private-name-in-emphasis",
    "fabricated/figure-is-the-year",
    "fabricated/summary-drops-hedge",
    "fabricated/reporter-not-the-speaker",  # a check run only on data with no error
]


def _problems_by_file(root: Path) -> dict[str, set[tuple[int, int, str, str, str]]]:
    found: dict[str, set[tuple[int, int, str, str, str]]] = {}
    for p in validate(root).problems:
        found.setdefault(p.path, set()).add(_where_and_what(p))
    return found


def _where_and_what(p: Problem) -> tuple[int, int, str, str, str]:
    return (p.line, p.col, p.rule, p.level, p.message)


@pytest.mark.parametrize("case", CASES)
def test_every_record_sharing_a_text_gets_its_problems(tmp_path: Path, case: str):
    overlay = FIXTURES / case
    root = make_project(tmp_path / "project", overlay)
    alone = _problems_by_file(root)
    events = sorted(p.relative_to(overlay).as_posix() for p in (overlay / "events").glob("*.yml"))
    assert any(alone.get(e) for e in events), "the case reports a problem in its event"
    copies: dict[str, str] = {}
    for event in events:
        stem = Path(event).stem
        text = (root / event).read_text(encoding="utf-8")
        for name in (f"a-{stem}", f"z-{stem}"):  # read before the original, and after it
            copy = re.sub(rf"(?m)^id: {re.escape(stem)}$", f"id: {name}", text)
            (root / "events" / f"{name}.yml").write_text(copy, encoding="utf-8")
            copies[f"events/{name}.yml"] = event
    together = _problems_by_file(root)
    for event in events:
        assert together.get(event) == alone.get(event)
    for copy, event in copies.items():
        assert together.get(copy) == alone.get(event), copy
