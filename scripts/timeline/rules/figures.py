"""Figures and the numbers in our own words, read against the quotes they come from: a
figure's value, unit and kind as its quote states them, and a number we write as a
quote gives it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TypeGuard

from ..data.load import DataPath
from ..data.problems import Example, Problem, Rule, shown
from ..data.quotes import normalise
from ..data.records import SOURCE, Record, is_placeholder, quoted_passages, values_at
from ..data.schema_errors import field_name
from .editorial import OWN_WORDS, as_read
from .numbers import Kind, Number, currency_of, number_in_unit, quantities, read_numbers

FIGURE_NOT_IN_QUOTE = Rule(
    "figure-not-in-quote",
    "error",
    "a figure's quote states its number as a quantity, not a year, a day, a page or an operation",
    "quote the words that give the number",
    fails=(
        Example("bad/figure-not-in-quote"),
        Example("fabricated/figure-is-the-year"),
    ),
)

NOT_WHOLE_NUMBER = Rule(
    "not-whole-number",
    "error",
    "a figure's value is a whole number, without a decimal point or an exponent",
    "write the whole number ('US$41.4 million' is 41400000)",
    fails=(
        Example("fabricated/figure-as-decimal"),
        Example("fabricated/figure-in-exponent-notation"),
    ),
)

FIGURE_QUALIFIER = Rule(
    "figure-qualifier",
    "error",
    "a figure's qualifier is what the words right before its number say",
    "set the qualifier the message gives",
    fails=(
        Example("fabricated/qualifier-contradicts-quote"),
        Example("fabricated/qualifier-added-to-a-plain-number"),
    ),
)

FIGURE_UNIT = Rule(
    "figure-unit",
    "error",
    "a unit that names a currency is money the quote states as such, any other unit a count, and a "
    "unit holds no number or scale word",
    "correct the unit, or quote the words that give the currency",
    fails=(
        Example("fabricated/count-recorded-as-money"),
        Example("fabricated/money-recorded-as-a-count"),
        Example("fabricated/scale-word-in-unit"),
    ),
)

NUMBER_NOT_IN_QUOTES = Rule(
    "number-not-in-quotes",
    "error",
    "every number our own words give is one the record's quotes state",
    "write the number as a quote states it, or cite the quote that does",
    fails=(
        Example("fabricated/title-number-not-in-quotes"),
        Example("fabricated/number-in-date-basis"),
    ),
)


def figure_against_quote(record: Record, i: int, quote: str) -> Iterator[Problem]:
    """The quote states the figure's value as a quantity (not a year, a day or a page),
    with the figure's qualifier, and in the currency its unit names, or in none."""
    figure, name = record.data["figures"][i], field_name(("figures", i))
    value = figure.get("value")
    if isinstance(value, float) and value.is_integer():  # refused as a decimal too: say both
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool):
        return
    same = [n for n in quantities(quote) if n.value == value]
    if not same:
        yield record.doc.problem(
            ("figures", i, "value"),
            FIGURE_NOT_IN_QUOTE,
            f"{name}: the quote does not state {value:,} as a quantity (it reads: {shown(_reading(quote))}); "
            "quote the passage that gives the number, or correct the value",
        )
        return
    qualifier = figure.get("qualifier")
    if _given(qualifier) and qualifier not in {n.qualifier for n in same}:
        said = same[0]
        words = (
            f"'{said.qualified_by} {shown(said.written)}'"
            if said.qualified_by
            else f"{shown(said.written)} with no qualifier"
        )
        yield record.doc.problem(
            ("figures", i, "qualifier"),
            FIGURE_QUALIFIER,
            f"{name}.qualifier is '{qualifier}', but the quote says {words}; set qualifier: {said.qualifier}",
        )
    unit = figure.get("unit")
    if _given(unit) and (message := _unit_disagrees(unit, same)) is not None:
        yield record.doc.problem(("figures", i, "unit"), FIGURE_UNIT, f"{name}.unit {message}")


def _given(value: Any) -> TypeGuard[str]:
    """Text that is filled in: not missing, not of another type, not a TODO from a stub."""
    return isinstance(value, str) and not is_placeholder(value)


def _unit_disagrees(unit: str, stated: list[Number]) -> str | None:
    """What is wrong with a unit, if anything: money needs its currency named next to the
    number in the quote; a count must not be an amount of money there."""
    wanted, said = currency_of(unit), stated[0]
    if wanted in {n.currency for n in stated}:
        return None
    if wanted is None:
        return (
            f"'{shown(unit)}' is a count, but the quote gives {shown(said.written)} as an amount of "
            f"{said.currency}; "
            "set the unit to the currency, or quote the passage that counts"
        )
    named = f"names {said.currency}" if said.currency else "names no currency"
    return (
        f"'{shown(unit)}' is money in {wanted}, but the quote {named} next to {shown(said.written)} (a "
        "currency sign "
        "right before the number, or a currency word right after it and its scale); correct the unit, "
        "or quote the words that give the currency"
    )


_KIND_WORDS = {
    Kind.YEAR: "a year",
    Kind.DAY: "a day of a month",
    Kind.DATE: "a date or time",
    Kind.ORDINAL: "an ordinal",
    Kind.LABEL: "a number of a page, clause or the like",
}


def _reading(text: str) -> str:
    """The numbers a text states, as the validator reads them: "41,000; 2023, a year"."""
    numbers = [
        n.written if n.kind is Kind.QUANTITY else f"{n.written}, {_KIND_WORDS[n.kind]}"
        for n in read_numbers(text)
    ]
    return "; ".join(numbers) if numbers else "no number"


def check_whole_numbers(record: Record) -> Iterator[Problem]:
    """A figure is a whole number: YAML reads 41000000.0 or 1.0e6 as a decimal, which the
    schema's "integer" accepts but which states no number an article gives."""
    for (_, i), figure in values_at(record.data, "figures.*", dict):
        value = figure.get("value")
        if isinstance(value, float):
            yield record.doc.problem(
                ("figures", i, "value"),
                NOT_WHOLE_NUMBER,
                f"{field_name(('figures', i, 'value'))} is written as a decimal ({value!r}); write the "
                "whole number the quote states, with no decimal point or exponent (money in whole units "
                "of its currency: 'US$41.4 million' is 41400000)",
            )


def check_units(record: Record) -> Iterator[Problem]:
    """A figure's unit says what one of it is; its number, scale included, is the value."""
    for (_, i), figure in values_at(record.data, "figures.*", dict):
        unit = figure.get("unit")
        if _given(unit) and (number := number_in_unit(unit)) is not None:
            yield record.doc.problem(
                ("figures", i, "unit"),
                FIGURE_UNIT,
                f"{field_name(('figures', i, 'unit'))} '{shown(unit)}' holds the number "
                f"'{shown(number)}', which the page would write after the value; say what one unit "
                "is ('suspects') and put the whole number in value ('40 thousand' is 40000)",
            )


MIN_WORDED = 100  # the smallest number our own words may write in words only as a quote states it


def check_numbers_in_own_words(record: Record) -> Iterator[Problem]:
    """Every quantity our own words write in digits ('90k' and '⁹⁰' too), or in words from a
    hundred up ('ninety thousand', 'a hundred'), is one that the record's quotes state, at
    the same scale ('41 million' is not '41,000'); dates and labels aside. Smaller numbers
    in words are left alone: in our own words they are mostly not the articles' figures
    ('the two countries', 'one of them')."""
    if record.kind is SOURCE:
        return
    reporting = [c.get("quote") for p, c in quoted_passages(record.data) if p[0] != "disagreements"]
    by_quote: dict[str, set[int | float]] = {}
    for pattern in OWN_WORDS[record.kind.name]:
        for path, text in values_at(record.data, pattern):
            if is_placeholder(text) or record.has_failed(path):
                continue
            numbers = [  # as the page shows it
                n
                for n in quantities(normalise(as_read(pattern, text)))
                if n.written[0].isdigit() or n.value >= MIN_WORDED
            ]
            if not numbers:  # most of our words state none: no quote need be read
                continue
            quotes, whose = _quotes_behind(record.data, path, reporting)
            stated = _stated(quotes, by_quote)
            for number in numbers:
                if number.value not in stated:
                    yield record.doc.problem(
                        path,
                        NUMBER_NOT_IN_QUOTES,
                        f"{field_name(path)} states {shown(number.written)}, which {whose} "
                        f"{shown('; '.join(f'{v:,}' for v in sorted(stated))) or 'no number'}); write the "
                        "number as a quote gives it, or cite the passage that gives it",
                    )


def _stated(quotes: list[Any], known: dict[str, set[int | float]]) -> set[int | float]:
    """The quantities the quotes state, each distinct quote read once (kept in known): most
    of a record's words rest on the same quotes, and a figure's quote is mostly one of its
    citations' too."""
    for quote in quotes:
        if isinstance(quote, str) and quote not in known:
            known[quote] = {n.value for n in quantities(normalise(quote))}
    return set().union(*(known[q] for q in quotes if isinstance(q, str)))


def _quotes_behind(data: dict[str, Any], path: DataPath, reporting: list[Any]) -> tuple[list[Any], str]:
    """The quotes our words at path rest on, and how a message names them: a disagreement
    account's words its own quote; a disagreement's question and note the record's quotes
    (reporting: its citations' and figures') and its accounts'; anything else the record's
    reporting quotes (an account may be an earlier report that this event compares)."""
    if path[0] != "disagreements":
        return reporting, "none of this record's quotes states (they state"
    accounts = data["disagreements"][path[1]].get("accounts")
    if path[-1] == "says":
        return [accounts[path[3]].get("quote")], "its account's quote does not state (it states"
    given = [a.get("quote") for a in accounts if isinstance(a, dict)] if isinstance(accounts, list) else []
    return [*reporting, *given], "none of this record's quotes states (they state"
