"""Hedges kept: a figure whose quote hedges its number ("could be", "estimated") records the
hedge, so that every page that shows the number shows it; and a summary does not state as
fact what its only quote hedges."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..data.problems import Example, Problem, Rule, shown
from ..data.quotes import normalise
from ..data.records import EVENT, Record, values_at
from ..data.schema_errors import field_name
from .numbers import quantities

FIGURE_HEDGE = Rule(
    "figure-hedge",
    "error",
    "a figure whose quote hedges its number ('could', 'may', 'might', 'estimated', 'reportedly', "
    "'allegedly', 'it is said'; 'about' is its qualifier) records the hedge in its hedge field",
    "add hedge: with the quote's hedging words ('could be')",
    fails=(Example("bad/figure-hedge-dropped"),),
)

SUMMARY_DROPS_HEDGE = Rule(
    "summary-drops-hedge",
    "warning",
    "an event's summary keeps the hedge of its only quote ('could', 'reportedly', …)",
    "say it as the quote does ('could be', 'reportedly')",
    fails=(Example("fabricated/summary-drops-hedge"),),
)

# Lowercase only: "May" is a month. "about" is a hedge only next to a number (a qualifier).
HEDGE = re.compile(r"\b(could|may|might|estimated|reportedly|allegedly|it is said)\b")
NEAR = 40  # characters either side of the number: the hedge of this number, not of the sentence


def hedges(text: str) -> list[str]:
    """The hedging words a text uses, in order, each once."""
    return list(dict.fromkeys(m.group(1) for m in HEDGE.finditer(normalise(text))))


def hedges_near_number(quote: str, value: int) -> list[str]:
    """The hedging words right around the figure's number in its quote: the words of the
    clause that give it ('at least 120,000 people could be trapped')."""
    text = normalise(quote)
    found: list[str] = []
    for number in (n for n in quantities(text) if n.value == value):
        near = text[max(0, number.start - NEAR) : number.start + len(number.written) + NEAR]
        found += hedges(near)
    return list(dict.fromkeys(found))


def check_figure_hedges(record: Record) -> Iterator[Problem]:
    """Each hedging word around the number is in the figure's hedge ('about' is the qualifier's)."""
    for (_, i), figure in values_at(record.data, "figures.*", dict):
        quote, value, hedge = figure.get("quote"), figure.get("value"), figure.get("hedge")
        if not isinstance(quote, str) or not isinstance(value, int):
            continue
        missing = [w for w in hedges_near_number(quote, value) if w not in hedges(str(hedge or ""))]
        if missing:
            yield record.doc.problem(
                ("figures", i),
                FIGURE_HEDGE,
                f"{field_name(('figures', i))}: the quote hedges {value:,} with '{shown(missing[0])}', "
                f'which the figure does not record; add hedge: "{_suggested(quote, missing[0])}" '
                "(the quote's words), so that every page that shows the number shows the hedge",
            )


def _suggested(quote: str, word: str) -> str:
    """The hedge as the quote writes it: the word, with 'be' or 'have' when it follows."""
    found = re.search(rf"\b{re.escape(word)}( be| have)?\b", normalise(quote))
    return found.group(0) if found else word


def check_summary_hedge(record: Record) -> Iterator[Problem]:
    """A summary whose event rests on one quote says that quote's hedge."""
    if record.kind is not EVENT:
        return
    citations, summary = record.data.get("citations"), record.data.get("summary")
    if not isinstance(summary, str) or not isinstance(citations, list) or len(citations) != 1:
        return
    quote = citations[0].get("quote") if isinstance(citations[0], dict) else None
    said = hedges(quote) if isinstance(quote, str) else []
    if said and not set(said) & set(hedges(summary)):
        yield record.doc.problem(
            ("summary",),
            SUMMARY_DROPS_HEDGE,
            f"the summary states as fact what its only quote hedges ('{shown(said[0])}'); "
            f"say it as the quote does, with '{shown(said[0])}'",
        )
