"""Hostile files cannot make the validator slow: each case is answered within a few seconds.

The bound is generous on purpose (this checks that the work is bounded, not how fast a
machine is); `timeline benchmark --hostile` prints the actual times.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import pytest

from conftest import REPO
from timeline import benchmark

BOUND_SECONDS = 5.0
EXPECTED_RULES = {
    benchmark.huge_mixed_list: {"too-many": 1},
    # every generated entity is named "A topic", as is the project's topic: 3,000 look-alikes
    benchmark.many_unknown_references: {"unknown-reference": 38_000, "confusable-names": 3_000},
    benchmark.huge_archive: {"file-too-large": 1},
    benchmark.one_word_archive: {"quote-not-found": 15, "quote-cuts-word": 14, "figure-not-in-quote": 1},
    benchmark.deep_nesting: {"too-deep": 1},
}


@pytest.mark.parametrize("make", benchmark.HOSTILE.values(), ids=list(benchmark.HOSTILE))
def test_a_hostile_case_is_answered_quickly_and_exactly(make, tmp_path: Path):
    benchmark.make_project(tmp_path, 10, REPO / "schemas")
    make(tmp_path)
    start = time.perf_counter()
    seconds, result = benchmark.time_validation(tmp_path)
    assert time.perf_counter() - start < BOUND_SECONDS
    assert seconds < BOUND_SECONDS
    assert Counter(p.rule for p in result.problems) == EXPECTED_RULES[make]
