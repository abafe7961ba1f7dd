"""The years our own words give: each is backed by the record's date, the date of a source
it cites, or a quote, in digits or counted back from its article's date."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, run_cli
from timeline.data.dates import parse_date
from timeline.rules.years import _counted_back, _years_of, years_in

EVENT = (FIXTURES / "base" / "events" / "ringleaders.yml").read_text()
ENTITY = (FIXTURES / "base" / "entities" / "cctv.yml").read_text()
TITLE = "title: Myanmar's junta says it arrested two scam ringleaders wanted by China"
JANUARY_5 = parse_date("2024-01-05").start


def problems(root: Path) -> list[str]:
    _, out = run_cli("--root", str(root))
    return [line for line in out.splitlines() if "[year-not-backed]" in line]


@pytest.mark.parametrize(
    ("quote", "years"),
    [
        ("The United Nations said last year that", {2023}),
        ("China's embassy last week asked its citizens", {2023, 2024}),  # 29 December to 4 January
        ("as it said last month", {2023}),
        ("In October, an armed alliance", {2023}),  # after January: the year before
        ("In January, the police", {2024}),  # January itself: this year
        ("In October 2022, an alliance", set()),  # its year is written: read as digits
        ("officials may say so", set()),  # "may" is no month
        ("said on Friday", set()),
    ],
)
def test_a_quote_counts_back_from_its_articles_date(quote: str, years: set[int]):
    assert _counted_back(quote, JANUARY_5) == years


@pytest.mark.parametrize(
    ("published", "quote", "years"),
    [
        ("2024-01", "said last year", {2023}),  # not 2022: any day of January 2024
        ("2024-01", "said last week", {2023, 2024}),
        ("2024-01", "In December, officials", {2023}),
        ("2024-02", "said last month", {2024}),
    ],
)
def test_an_article_dated_to_a_month_counts_back_from_each_of_its_days(
    published: str, quote: str, years: set[int]
):
    assert _counted_back(quote, parse_date(published).start) == years


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("in 2019", [2019]),
        ("in mid-2019, pre-2020 and post-2021", [2019, 2020, 2021]),
        ("in the 2010s", [2010]),
        ("on 19/11/2019, 21.11.2019 or 2019/11", [2019, 2019, 2019]),
        ("in FY2019 and Y2020", [2019, 2020]),
        ("from 2019–2021", [2019, 2021]),
        ("in \uff12\uff10\uff11\uff19", [2019]),  # full-width digits, as numbers.py reads them
        ("2023 suspects and 41,000 more", []),  # counts: number-not-in-quotes reads them
        ("12019 or 20199 or 1899", []),
    ],
)
def test_a_year_is_found_wherever_it_stands(text: str, years: list[int]):
    assert [year for _, year in years_in(text)] == years


@pytest.mark.parametrize(
    ("date", "years"),
    [
        ("2023-11", [2023]),
        ("2023-12-25/2024-01-02", [2023, 2024]),
        ("2023-11/..", [2023]),  # an open end adds no year past what is known
        ("../2023-11", [2023]),
        ("[2022-12,2024-01]", [2022, 2023, 2024]),
        ("2023~", [2023]),
    ],
)
def test_a_date_spans_the_years_it_names(date: str, years: list[int]):
    assert list(_years_of(parse_date(date))) == years


def test_a_title_that_moves_the_event_to_another_year_is_refused(project: Path):
    (project / "events" / "ringleaders.yml").write_text(EVENT.replace(TITLE, TITLE + " in 2019"))
    assert problems(project) == [
        "events/ringleaders.yml:3:8: error: title gives the year 2019, which the record's date, its "
        "sources' dates and its quotes do not give (they give 2023, 2024); write the year as the date or "
        "a quote gives it, or cite the passage that gives it [year-not-backed]"
    ]


@pytest.mark.parametrize(
    "year",
    ["in 2023", "in January 2024", "since 2023"],  # the date's year, the article's, either
)
def test_the_dates_year_and_the_articles_are_backed(project: Path, year: str):
    (project / "events" / "ringleaders.yml").write_text(EVENT.replace(TITLE, f"{TITLE} {year}"))
    assert problems(project) == []


def test_a_year_a_quote_gives_is_backed(project: Path):
    said = "the Daily Tribune reports, the first arrests since the junta seized power in 2021."
    text = EVENT.replace("the Daily Tribune reports.", said)
    (project / "events" / "ringleaders.yml").write_text(text)
    assert len(problems(project)) == 1
    passage = "the biggest military challenge to the junta since it seized power in 2021"
    cited = f"  - source: tribune\n    quote: {passage}\n"
    (project / "events" / "ringleaders.yml").write_text(text + cited)
    assert problems(project) == []


def test_a_year_written_with_character_references_is_read_as_a_reader_reads_it(project: Path):
    (project / "events" / "ringleaders.yml").write_text(
        EVENT.replace("the Daily Tribune reports.", "the Daily Tribune reports of 20&#49;9.")
    )
    assert [line.split(": error: ")[1][:28] for line in problems(project)] == ["summary gives the year 2019,"]


def test_an_entity_summary_may_count_back_from_its_sources_date_but_no_further(project: Path):
    quote = "quote: state broadcaster CCTV said"
    entity = ENTITY.replace(
        "summary: China's state broadcaster.", "summary: China's state broadcaster since 2023."
    )
    (project / "entities" / "cctv.yml").write_text(entity)
    assert len(problems(project)) == 1  # "state broadcaster CCTV said" counts back to no year
    (project / "entities" / "cctv.yml").write_text(entity.replace("2023", "2024"))
    assert problems(project) == []  # the article's own year
    assert quote in ENTITY


def test_a_figures_measure_shows_as_a_heading_and_gives_no_year_of_its_own(project: Path):
    handover = project / "events" / "handover.yml"
    handover.write_text(
        handover.read_text().replace("measure: suspects-handed-over", "measure: handed-over-by-2019")
    )
    assert [line.split(": error: ")[1][:40] for line in problems(project)] == [
        "figures[0].measure gives the year 2019, "
    ]


def test_a_list_of_backed_years_is_read_as_years_not_counts(project: Path):
    (project / "events" / "ringleaders.yml").write_text(EVENT.replace(TITLE, f"{TITLE} in 2023 and 2024"))
    code, out = run_cli("--root", str(project))
    assert (code, [line for line in out.splitlines() if ": error: " in line]) == (0, [])
