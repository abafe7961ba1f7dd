"""Hostile files get exact, bounded answers: a size or depth limit stops the work early
with one problem, and unknown references are reported once each, not multiplied.

How long each case takes is measured by `timeline benchmark --hostile`, which prints the
times; a test with a time limit would measure the machine, not the code.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from conftest import REPO
from timeline import benchmark

EXPECTED_RULES = {
    benchmark.huge_mixed_list: {"too-many": 1},
    # every generated entity is named "A topic", as is the project's topic: 3,000 look-alikes
    benchmark.many_unknown_references: {"unknown-reference": 38_000, "confusable-names": 3_000},
    benchmark.huge_archive: {"file-too-large": 1},
    benchmark.one_word_archive: {"quote-not-found": 15, "quote-cuts-word": 14, "figure-not-in-quote": 1},
    benchmark.deep_nesting: {"too-deep": 1},
    benchmark.bracket_summary: {"markdown-brackets": 1},
}


@pytest.mark.parametrize("make", benchmark.HOSTILE.values(), ids=list(benchmark.HOSTILE))
def test_a_hostile_case_is_answered_exactly(make, tmp_path: Path):
    benchmark.make_project(tmp_path, 10, REPO / "schemas")
    make(tmp_path)
    _, result = benchmark.time_validation(tmp_path)
    assert Counter(p.rule for p in result.problems) == EXPECTED_RULES[make]
