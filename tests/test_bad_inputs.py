"""The corpus of bad inputs: each case reports exactly the expected rule, file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, make_project, run_cli

CASES = sorted(p for p in (FIXTURES / "bad").iterdir() if p.is_dir())


def error_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if ": error: " in line]


def test_the_base_fixture_is_valid(project: Path):
    code, out = run_cli("--root", str(project))
    assert (code, error_lines(out)) == (0, [])
    assert out.strip().endswith("7 files checked, 0 errors")


def test_the_corpus_covers_at_least_thirty_cases():
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_bad_input_is_reported_exactly(case: Path, tmp_path: Path):
    root = make_project(tmp_path / "project", case)
    code, out = run_cli("--root", str(root))
    expected = (case / "expect.txt").read_text(encoding="utf-8").splitlines()
    assert code == 1
    assert error_lines(out) == expected
    assert out.splitlines()[-1].endswith(f"{len(expected)} error" + ("s" if len(expected) != 1 else ""))
    assert "Traceback" not in out


def test_a_huge_file_is_refused_before_parsing(project: Path):
    huge = project / "events" / "huge.yml"
    huge.write_text("# yaml-language-server: $schema=../schemas/event.schema.json\n" + "a: b\n" * 100_000)
    size = huge.stat().st_size
    code, out = run_cli("--root", str(project))
    assert code == 1
    assert error_lines(out) == [
        f"events/huge.yml:1:1: error: the file is {size:,} bytes, over the limit of 262,144; "
        "one record per file keeps each file small [file-too-large]"
    ]


def test_all_problems_are_reported_together_sorted_by_file_and_line(tmp_path: Path):
    bad = FIXTURES / "bad"
    root = make_project(tmp_path / "project", bad / "unknown-key", bad / "bad-kind", bad / "orphan-archive")
    code, out = run_cli("--root", str(root))
    lines = error_lines(out)
    assert code == 1
    assert [line.split(":")[0] for line in lines] == [
        "entities/cctv.yml",
        "events/handover.yml",
        "events/handover.yml",
        "sources/extra.txt",
    ]
