"""Reading numbers: a quantity is told from a year, a day, an ordinal and a label; a scale
word belongs to its number; the words next to it give its qualifier and currency."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import REPO
from timeline.data.vocabulary import QUALIFIER_PHRASES
from timeline.rules.numbers import Kind, _one_of, currency_of, number_in_unit, quantities, read_numbers


def read(text: str) -> list[tuple[int | float, Kind]]:
    return [(n.value, n.kind) for n in read_numbers(text)]


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("a total of 41,000 suspects", [(41000, Kind.QUANTITY)]),
        ("31,000 and 31000 and 31 000", [(31000, Kind.QUANTITY)] * 3),
        ("3 billion yuan", [(3_000_000_000, Kind.QUANTITY)]),
        ("US$41.4 million", [(41_400_000, Kind.QUANTITY)]),
        ("six suspects and two million yuan", [(6, Kind.QUANTITY), (2_000_000, Kind.QUANTITY)]),
        ("an unscaled 41.4", [(41.4, Kind.QUANTITY)]),
        ("handed over to us in 2023", [(2023, Kind.YEAR)]),
        ("since 2021, and in August 2023", [(2021, Kind.YEAR), (2023, Kind.YEAR)]),
        ("the last week of 2023", [(2023, Kind.YEAR)]),
        ("handed over 2023 suspects", [(2023, Kind.QUANTITY)]),
        ("in 2023 and 2024", [(2023, Kind.YEAR), (2024, Kind.YEAR)]),  # a year leads to the next
        ("in 2021, 2022 or 2023", [(2021, Kind.YEAR), (2022, Kind.YEAR), (2023, Kind.YEAR)]),
        ("in 2023 and 1,500 people", [(2023, Kind.YEAR), (1500, Kind.QUANTITY)]),
        ("Released on August 8, the film", [(8, Kind.DAY)]),
        ("on 8 August", [(8, Kind.DAY)]),
        ("of 22 or 23 August 2023", [(22, Kind.DAY), (23, Kind.DAY), (2023, Kind.YEAR)]),
        ("Monday 25 to Sunday 31 December", [(25, Kind.DAY), (31, Kind.DAY)]),
        ("22 or 23 suspects", [(22, Kind.QUANTITY), (23, Kind.QUANTITY)]),
        ("on 2023-11-21 at 10:30", [(2023, Kind.DATE), (10, Kind.DATE)]),
        ("the 1st and the 22nd", [(1, Kind.ORDINAL), (22, Kind.ORDINAL)]),
        ("page 3, clause 12, Operation 1027", [(3, Kind.LABEL), (12, Kind.LABEL), (1027, Kind.LABEL)]),
        ("a 3,000-strong force", [(3000, Kind.QUANTITY)]),
        ("mid-2023 and COVID-19", []),
        ("1.0e6 and 41000000.0e0", []),
        ("someone, alone", []),
        ("In 2023, up to 20 may have died", [(2023, Kind.YEAR), (20, Kind.QUANTITY)]),  # "may" is no month
        ("on 20 May", [(20, Kind.DAY)]),
        ("see https://example.org/2023/11/ and #1, open 24/7", []),
        (
            "90k fled, 3bn yuan, 1.5m, 2 mn, 4 bn",
            [
                (90_000, Kind.QUANTITY),
                (3_000_000_000, Kind.QUANTITY),
                (1_500_000, Kind.QUANTITY),
                (2_000_000, Kind.QUANTITY),
                (4_000_000_000, Kind.QUANTITY),
            ],
        ),
        ("10km, 10am, 5kg", []),
        ("⁹⁰ fled, ９０ fled", [(90, Kind.QUANTITY), (90, Kind.QUANTITY)]),
        ("Ⅻ fled", []),  # letters, once read as a reader would
        ("ninety thousand fled", [(90_000, Kind.QUANTITY)]),
        ("a hundred and an hour", [(100, Kind.QUANTITY)]),
        ("two hundred and fifty", [(250, Kind.QUANTITY)]),
        ("forty-two million", [(42_000_000, Kind.QUANTITY)]),
        ("sixty-five thousand three hundred and one", [(65_301, Kind.QUANTITY)]),
        ("one and two", [(1, Kind.QUANTITY), (2, Kind.QUANTITY)]),
        ("thousand suspects, hundreds, tens of thousands, a dozen", []),
        ("9" * 5000, []),  # no article gives such a number; Python would refuse to read it
        ("1" + ",000" * 3000, []),
    ],
)
def test_each_number_is_read_with_its_kind(text: str, numbers: list[tuple[int | float, Kind]]):
    assert read(text) == numbers


def test_a_number_is_written_as_the_text_has_it():
    assert [n.written for n in read_numbers("⁹⁰ and Two hundred and fifty and 3bn")] == [
        "⁹⁰",
        "Two hundred and fifty",
        "3bn",
    ]


def test_only_quantities_count():
    text = "Released on August 8, the film earned 3 billion yuan in 2023"
    assert [n.value for n in quantities(text)] == [3_000_000_000]
    assert quantities("a total of 41,000 suspects in 2023")[0].written == "41,000"


@pytest.mark.parametrize(
    ("text", "qualifier", "words"),
    [
        ("a total of 41,000", "exactly", ""),
        ("More than 40,000 people", "more-than", "More than"),
        ("Over 31,000 suspects", "more-than", "Over"),
        ("daily, over 100,000 people", "more-than", "over"),
        ("have handed over 31,000 suspects", "exactly", ""),
        ("handed over more than 31,000", "more-than", "more than"),
        ("at least four towns", "at-least", "at least"),
        ("up to 120,000 people", "up-to", "up to"),
        ("as many as 120,000 people", "up-to", "as many as"),
        ("some 30 people", "about", "some"),
        ("nearly 500 people", "about", "nearly"),
        ("approximately 500 people", "about", "approximately"),
        ("more than 3 billion yuan (US$41.4 million)", "more-than", "more than"),
    ],
)
def test_the_qualifier_is_the_words_right_before_the_number(text: str, qualifier: str, words: str):
    last = quantities(text)[-1]
    assert (last.qualifier, last.qualified_by) == (qualifier, words)


def test_qualifier_phrases_are_the_schemas_qualifiers():
    schema = json.loads((REPO / "schemas" / "event.schema.json").read_text())
    enum = schema["$defs"]["figure"]["properties"]["qualifier"]["enum"]
    assert set(QUALIFIER_PHRASES) == set(enum) - {"exactly"}


@pytest.mark.parametrize(
    ("text", "number", "currency"),
    [
        ("3 billion yuan", "3 billion", "yuan"),
        ("(US$41.4 million)", "41.4 million", "dollar"),
        ("$5 each", "5", "dollar"),
        ("USD 5", "5", "dollar"),
        ("41.4 million US dollars", "41.4 million", "dollar"),
        ("20,000 baht", "20,000", "baht"),
        ("31,000 suspects", "31,000", None),
        ("3 billion yuan, 300 people", "300", None),  # a currency word further back names another amount
        ("5 people and $7", "5", None),  # a sign further on belongs to the next number
    ],
)
def test_the_currency_is_named_right_next_to_the_number(text: str, number: str, currency: str | None):
    assert next(n.currency for n in quantities(text) if n.written == number) == currency


@pytest.mark.parametrize(
    ("unit", "currency"),
    [
        ("yuan", "yuan"),
        ("US dollars", "dollar"),
        ("kyat", "kyat"),
        ("suspects", None),
        ("scam centres", None),
    ],
)
def test_a_unit_that_names_a_currency_is_money(unit: str, currency: str | None):
    assert currency_of(unit) == currency


@pytest.mark.parametrize(
    ("unit", "number"),
    [("suspects", None), ("US dollars", None), ("thousand suspects", "thousand"),
     ("millions of people", "millions"), ("10 people", "10"), ("six suspects", "six")],
)  # fmt: skip
def test_a_unit_holds_no_number_and_no_scale(unit: str, number: str | None):
    """The page writes the value, then the unit: "40,000 thousand suspects" would mislead."""
    assert number_in_unit(unit) == number


_SOME_WORDS = st.lists(st.text("abn", min_size=1, max_size=4), min_size=1, max_size=6, unique=True)


@given(_SOME_WORDS, st.text("abn -", max_size=30))
def test_the_tree_of_words_matches_what_the_list_of_words_matches(words: list[str], text: str):
    # The number pattern writes its words as a tree of shared beginnings: it must match
    # what a flat list of them, the longest first, matches, at every place of any text.
    flat = re.compile(r"\b(?:" + "|".join(sorted(words, key=len, reverse=True)) + r")\b")
    tree = re.compile(r"\b(?:" + _one_of(words) + r")\b")
    assert [m.span() for m in tree.finditer(text)] == [m.span() for m in flat.finditer(text)]
