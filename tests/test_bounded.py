"""Hostile files get exact, bounded answers: a size or depth limit stops the work early
with one problem, and unknown references are reported once each, not multiplied.

How long each case takes is measured by `timeline benchmark --hostile`, which prints the
times; a test with a time limit would measure the machine, not the code.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO, make_project, run_cli
from timeline.tools import hostile

MAX_MESSAGE = 300  # characters: a message quotes at most problems.SHOWN of the data
EXPECTED_RULES = {
    hostile.huge_mixed_list: {"too-many": 1},
    # every generated entity is named "A topic", as is the project's topic: 3,000 look-alikes
    hostile.many_unknown_references: {"unknown-reference": 38_000, "confusable-names": 3_000},
    hostile.huge_archive: {"file-too-large": 1},
    hostile.one_word_archive: {
        "quote-not-found": 15,
        "quote-cuts-word": 14,
        "figure-not-in-quote": 1,
        "quote-too-short": 30,
        "number-not-in-quotes": 1,
    },
    hostile.one_token_archive: {"quote-cuts-word": 30, "quote-too-short": 30},
    hostile.deep_nesting: {"too-deep": 1},
    hostile.bracket_summary: {"markdown-brackets": 1},
}


@pytest.mark.parametrize("make", hostile.HOSTILE.values(), ids=list(hostile.HOSTILE))
def test_a_hostile_case_is_answered_exactly(make, tmp_path: Path):
    hostile.make_project(tmp_path, 10, REPO / "schemas")
    make(tmp_path)
    _, result = hostile.time_validation(tmp_path)
    assert Counter(p.rule for p in result.problems) == EXPECTED_RULES[make]
    assert max(len(p.message) for p in result.problems) <= MAX_MESSAGE


def test_a_message_quotes_a_huge_token_only_in_part(tmp_path: Path):
    """Each of the 30 messages names the 2 MiB token it cuts in 40 characters, not 2 MiB."""
    hostile.make_project(tmp_path, 10, REPO / "schemas")
    hostile.one_token_archive(tmp_path)
    _, result = hostile.time_validation(tmp_path)
    cut = "('" + "ab" * 19 + "a…')"
    cuts = [p for p in result.problems if p.rule == "quote-cuts-word"]  # each quote is one word, too
    assert [p.message.count(cut) for p in cuts] == [1] * 30
    assert "ab" * 20 not in "".join(p.message for p in result.problems)


def test_long_values_in_any_field_are_quoted_only_in_part(tmp_path: Path):
    """A free-text date and an address of 5,000 characters, an unknown key of 1,000 (YAML's
    limit is 1,024) and an unknown reference of 80 (the longest id): each message quotes
    at most 40 characters of them."""
    root = make_project(tmp_path / "project")
    long = "z" * 5_000
    event = (FIXTURES / "base" / "events" / "handover.yml").read_text()
    event = event.replace('date: "2023"', f"date: {long}").replace(
        "entities: [cctv]", f"entities: [{long[:80]}]"
    )
    (root / "events" / "handover.yml").write_text(event + f"{long[:1000]}: 1\n")
    source = root / "sources" / "tribune.yml"
    source.write_text(source.read_text().replace("url: https://", f"url: ftp://{long}"))
    code, out = run_cli("--root", str(root))
    found = [line.split(": error: ", 1)[1].rsplit(" [", 1) for line in out.splitlines()[:-1]]
    assert code == 1
    assert [rule for _, rule in found] == [
        "bad-date]",
        "unknown-reference]",
        "unknown-key]",
        "too-long]",
        "url-scheme]",
    ]
    assert all(len(message) <= MAX_MESSAGE and "z" * 40 not in message for message, _ in found)
    assert (
        sum("z" * 33 + "…" in message for message, _ in found) == 4
    )  # all but too-long, which quotes nothing
