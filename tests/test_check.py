"""Cross-record rules that need more than one changed file to show."""

from __future__ import annotations

from pathlib import Path

from conftest import run_cli

EARLIER_SOURCE = """# yaml-language-server: $schema=../schemas/source.schema.json
id: earlier
title: An earlier report
publisher: Someone
author: null
published: "2023-11-24"
published_basis: stated in the text
url: null
archive_sha256: e607f622ce9ac7128bbaf5910a31f3a76d1b66b34223c3e919576d5b8dabf261
notes: []
"""


def test_a_disagreement_may_compare_an_earlier_source_but_a_citation_may_not(project: Path):
    (project / "sources" / "earlier.yml").write_text(EARLIER_SOURCE)
    (project / "sources" / "earlier.txt").write_text("Myanmar authorities have handed over 31,000 suspects.")
    event = project / "events" / "handover.yml"
    text = event.read_text().replace('date: "2023"', "date: 2024-01-05")
    compared = text.replace(
        "citations:\n",
        "disagreements:\n  - about: the number\n    kind: number\n    conflict: false\n    accounts:\n"
        "      - source: earlier\n        says: 31,000\n        quote: handed over 31,000 suspects\n"
        "      - source: tribune\n        says: 41,000\n        quote: a total of 41,000\n"
        "citations:\n",
    )
    event.write_text(compared)
    assert run_cli("--root", str(project))[0] == 0
    event.write_text(compared + "  - source: earlier\n    quote: handed over 31,000 suspects\n")
    code, out = run_cli("--root", str(project))
    assert code == 1
    assert "[date-after-source]" in out


def test_a_number_in_our_words_is_the_quotes_number_however_its_digits_are_grouped(project: Path):
    event = project / "events" / "handover.yml"
    text = event.read_text()
    for written in ("41,000", "41000", "41 000"):
        title = f"title: CCTV says {written} suspects were handed over in 2023, by 5 January 2024\n"
        event.write_text(text.replace("title: CCTV says 41,000 suspects were handed over in 2023\n", title))
        assert run_cli("--root", str(project)) == (0, "7 files checked, 0 errors\n"), written
    event.write_text(text.replace("CCTV said 41,000 suspects", "CCTV said 41,001 suspects"))
    code, out = run_cli("--root", str(project))
    assert (code, out.count("[number-not-in-quotes]")) == (1, 1)


def test_a_number_in_words_from_a_hundred_up_is_the_quotes_number_and_a_smaller_one_is_free(project: Path):
    """'forty-one thousand' is the quote's 41,000; 'forty-one thousand and one' is no quote's
    number; 'two countries' and 'one of them', counts in words below a hundred, are free."""
    event = project / "events" / "handover.yml"
    text = event.read_text()
    said = "CCTV said 41,000 suspects"
    for written, refused in [
        ("forty-one thousand", False),
        ("41k", False),
        ("Two countries and one of them said forty-one thousand", False),
        ("forty-one thousand and one", True),
        ("ninety-nine", False),
        ("a hundred", True),
    ]:
        event.write_text(text.replace(said, f"CCTV said {written} suspects"))
        code, out = run_cli("--root", str(project))
        assert (code, out.count("[number-not-in-quotes]")) == ((1, 1) if refused else (0, 0)), written


def test_an_entity_summary_states_only_the_numbers_its_quotes_state(project: Path):
    entity = project / "entities" / "cctv.yml"
    said = "summary: Said 41,000 suspects were handed over. "
    entity.write_text(entity.read_text().replace("summary: ", said))
    code, out = run_cli("--root", str(project))
    assert code == 1
    assert "entities/cctv.yml:" in out and "summary states 41,000" in out
