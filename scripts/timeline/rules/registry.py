"""The registry: every rule by its id, and the checks the validator runs, in order.

As in yamllint's rules/__init__.py, each family of rules is a module that declares its
rules (a Rule each: id, level, what it checks, the fix, examples), beside the code that
reports them; the reading rules are declared in timeline.data, which reports them and may
not import this layer. This module lists the families and maps each id to its rule; no
id is written anywhere else. CHECKS is what the validator runs over a project, and
RECORD_CHECKS over each record: a check marked `settled` runs only once the data has no
error, for before that it would only echo the errors.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from types import ModuleType

from ..data import reading_rules, records, schema_errors
from ..data.problems import Problem, Rule
from ..data.records import Record
from . import (
    archived,
    attribution,
    citations,
    commands,
    dating,
    editorial,
    figures,
    handwritten,
    hedges,
    identity,
    places,
    quoting,
    references,
    years,
)
from .archived import missing_texts, orphan_texts, pins_and_lines
from .attribution import check_reporters
from .citations import check_home_citations
from .dating import check_dates
from .editorial import check_own_words, editorial_problems, key_events, small_topics, unused_entities
from .figures import check_numbers_in_own_words, check_units, check_whole_numbers
from .handwritten import MarkerWords, check_pages
from .hedges import check_figure_hedges, check_summary_hedge
from .identity import (
    check_confusable_names,
    check_file,
    check_former_ids,
    check_invisible_characters,
    check_location,
    check_placeholders,
    check_unique_ids,
    check_url,
)
from .index import Context
from .places import check_gazetteer
from .quoting import check_confirmed_quotes, check_disagreements, check_quotes, check_uncited_lines
from .references import check_parent_cycles, check_references
from .workers import mapped
from .years import check_years_in_own_words

FAMILIES: tuple[ModuleType, ...] = (
    reading_rules,
    records,
    schema_errors,
    archived,
    identity,
    places,
    references,
    dating,
    quoting,
    attribution,
    figures,
    years,
    hedges,
    editorial,
    handwritten,
    citations,
    commands,
)


def _rules() -> dict[str, Rule]:
    """Every rule by id, in the order of FAMILIES: a family imports rules only from one
    listed before it, so each id first appears where it is declared."""
    found: dict[str, Rule] = {}
    for family in FAMILIES:
        for value in vars(family).values():
            if isinstance(value, Rule):
                found.setdefault(value.id, value)
    return found


RULES = _rules()


@dataclass(frozen=True)
class Check:
    """A check the validator runs over a project; a settled one waits for data with no error."""

    run: Callable[[Context], Iterable[Problem]]
    settled: bool = False


CHECKS: tuple[Check, ...] = (
    Check(lambda c: check_unique_ids(c.records)),
    Check(lambda c: check_former_ids(c.records)),
    Check(lambda c: check_confusable_names(c.records)),
    Check(lambda c: check_parent_cycles(c.records)),
    Check(lambda c: editorial_problems(c.records)),
    Check(lambda c: check_confirmed_quotes(c.records, c.cited)),
    Check(lambda c: check_pages(c.root, c.pages, MarkerWords.of(c.records))),
    Check(lambda c: check_home_citations(c.root, c.pages, c.archives)),
    Check(orphan_texts),
    Check(missing_texts),
    Check(pins_and_lines),
    Check(lambda c: unused_entities(c.records), settled=True),
    Check(lambda c: small_topics(c.records), settled=True),
    Check(lambda c: key_events(c.records), settled=True),
    Check(lambda c: check_uncited_lines(c.records, c.archives, c.cited), settled=True),
    Check(lambda c: check_reporters(c.records, c.archives), settled=True),
)


# The checks of one record, run over every record before the settled checks.
RECORD_CHECKS: tuple[Callable[[Record, Context], Iterable[Problem]], ...] = (
    lambda r, c: check_file(r, c.paths),
    lambda r, c: check_references(r, c.index),
    lambda r, c: check_dates(r, c.index),
    lambda r, c: check_quotes(r, c.archives),
    lambda r, c: check_own_words(r, c.index),
    lambda r, _: check_whole_numbers(r),
    lambda r, _: check_units(r),
    lambda r, _: check_figure_hedges(r),
    lambda r, _: check_summary_hedge(r),
    lambda r, _: check_numbers_in_own_words(r),
    lambda r, c: check_years_in_own_words(r, c.index),
    lambda r, _: check_disagreements(r),
    lambda r, _: check_url(r),
    lambda r, _: check_location(r),
    lambda r, _: check_gazetteer(r),
    lambda r, _: check_placeholders(r),
    lambda r, _: check_invisible_characters(r),
)


def run_checks(
    context: Context, *, settled: bool, clean: dict[int, Record] | None = None
) -> Iterator[Problem]:
    """The problems of every check the registry holds, of those settled or not.

    clean holds the records (by id()) that passed every record check in a run over the same
    context (see project.Loads): they are not checked again, and it is brought up to date."""
    for check in CHECKS:
        if check.settled is settled:
            yield from check.run(context)
    if settled:
        return
    clean = {} if clean is None else clean
    todo = [record for record in context.records if clean.get(id(record)) is not record]
    for record, found in zip(todo, mapped(lambda r: _record_problems(r, context), todo), strict=True):
        if not found:
            clean[id(record)] = record
        yield from found


def _record_problems(record: Record, context: Context) -> list[Problem]:
    return [p for check in RECORD_CHECKS for p in check(record, context)]


def rules_table() -> str:
    """Every rule as a Markdown table, the one CONTRIBUTING holds: id, level, what it
    checks and the fix."""
    rows = [f"| `{r.id}` | {r.level} | {_cell(r.checks)} | {_cell(r.fix)} |" for r in RULES.values()]
    return "\n".join(["| rule | level | what it checks | the fix |", "|---|---|---|---|", *rows])


def rules_text() -> str:
    """Every rule, one per line for a terminal: id, level, what it checks; the fix."""
    width = max(len(r.id) for r in RULES.values())
    return "\n".join(f"{r.id:<{width}}  {r.level:<7}  {r.checks}; fix: {r.fix}" for r in RULES.values())


def _cell(text: str) -> str:
    return text.replace("|", "\\|")
