"""Fabricated quotes and smuggled files: each is refused with the exact rule, file and line.

Each case in tests/fixtures/fabricated/ is what a hostile pull request that touches only
data could try; most of them used to pass the validator and be published as verified,
and the rest (a quote that differs only by an invisible or look-alike character) were
refused without saying why. Cases apply on top of the base fixture plus `_furnished`, a source whose text
has page furniture (another story's headline, "Advertisement", a photo caption).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, make_project, run_cli

CORPUS = FIXTURES / "fabricated"
FURNISHED = CORPUS / "_furnished"
CASES = sorted(p for p in CORPUS.iterdir() if p.is_dir() and not p.name.startswith("_"))


def problem_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if ": error: " in line or ": warning: " in line]


def outside_the_project(tmp_path: Path) -> None:
    """What the cases' links point at: files that are not in the repository."""
    (tmp_path / "outside.txt").write_text("Myanmar handed over 99,000 suspects in one week.\n")
    shutil.copyfile(FIXTURES / "base" / "entities" / "cctv.yml", tmp_path / "outside.yml")
    shutil.copytree(FIXTURES / "base" / "entities", tmp_path / "outside-folder")


def test_the_furnished_base_is_valid(tmp_path: Path):
    root = make_project(tmp_path / "project", FURNISHED)
    assert run_cli("--root", str(root)) == (0, "9 files checked, 0 errors\n")


def test_the_corpus_has_at_least_twenty_five_cases():
    assert len(CASES) >= 25


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_a_fabrication_is_refused_exactly(case: Path, tmp_path: Path):
    outside_the_project(tmp_path)
    root = make_project(tmp_path / "project", FURNISHED, case)
    code, out = run_cli("--root", str(root))
    expected = (case / "expect.txt").read_text(encoding="utf-8").splitlines()
    assert problem_lines(out) == expected
    assert code == (1 if any(": error: " in line for line in expected) else 0)
    assert "Traceback" not in out


FIGURE_QUOTE = "a total of 41,000 telecommunications internet fraud suspects were handed over to us in 2023"


@pytest.mark.parametrize(
    ("quote", "source", "value", "qualifier", "unit"),
    [
        (FIGURE_QUOTE.removeprefix("a total of "), "tribune", 41000, "exactly", "suspects"),
        ("a total of 41,000", "tribune", 41000, "exactly", "suspects"),
        ("six Chinese fraud suspects were escorted back to China on Wednesday ... state media", "scmp", 6,
         "exactly", "suspects"),
        ("In unrelated cases, six Chinese fraud suspects", "scmp", 6, "exactly", "suspects"),
        ("earned more than 3 billion yuan (US$41.4 million).", "scmp", 3_000_000_000, "more-than", "yuan"),
        ("(US$41.4 million)", "scmp", 41_400_000, "exactly", "US dollars"),
        ("more than 3 billion yuan (US$41.4 million)", "scmp", 41_400_000, "more-than", "US dollars"),
    ],
)  # fmt: skip
def test_legitimate_quotes_and_figures_keep_passing(
    quote: str, source: str, value: int, qualifier: str, unit: str, tmp_path: Path
):
    """A figure's quote may start with its number and end with a year; an ellipsis that is
    in the article matches; numbers in words with a scale count; a converted amount in
    brackets has the qualifier of the amount it converts."""
    root = make_project(tmp_path / "project", FURNISHED)
    event = root / "events" / "handover.yml"
    text = event.read_text().replace('date: "2023"', "date: 2023-06")
    text = text.replace("    value: 41000\n", f"    value: {value}\n")
    given = "qualifier: exactly\n    unit: suspects\n"
    text = text.replace(given, f"qualifier: {qualifier}\n    unit: {unit}\n")
    text = text.replace(
        f"    source: tribune\n    quote: {FIGURE_QUOTE}\n", f'    source: {source}\n    quote: "{quote}"\n'
    )
    event.write_text(text)
    assert f'    source: {source}\n    quote: "{quote}"' in text
    assert run_cli("--root", str(root)) == (0, "9 files checked, 0 errors\n")


def test_numbers_in_our_words_that_their_quotes_state_pass(tmp_path: Path):
    """A disagreement account's words may give the number its own quote states, its question
    and note the numbers of its accounts; a date basis may name the days of a range."""
    root = make_project(tmp_path / "project", FURNISHED, CORPUS / "number-in-disagreement-account")
    event = root / "events" / "handover.yml"
    text = event.read_text().replace("310,000 killed since September 2023", "41,000 suspects in 2023")
    text = text.replace('about: "How many suspects were handed over"', 'about: "6 or 41,000"')
    text = text.replace("in an article of 2024-01-05", "in an article of 4 or 5 January 2024")
    event.write_text(text)
    assert "41,000 suspects in 2023" in text and "6 or 41,000" in text and "4 or 5 January" in text
    assert run_cli("--root", str(root)) == (0, "9 files checked, 0 errors\n")
