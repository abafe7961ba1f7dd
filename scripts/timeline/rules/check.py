"""The rules a schema cannot state: across files, against the archived texts, on dates.

Each rule is a small function returning Problems. They run on every loaded record,
even one with schema errors, so that a contributor sees everything at once; so they
read the data defensively and leave type mistakes to the schema.

Each family of rules is a module of its own (identity, references, dating, quoting, figures);
this one runs them all over a project's records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from ..data.problems import Problem
from ..data.quotes import Archive
from ..data.records import Record
from ..data.vocabulary import Vocabulary
from .dating import check_dates
from .editorial import editorial_problems
from .figures import check_numbers_in_own_words, check_units, check_whole_numbers
from .identity import (
    check_confusable_names,
    check_file,
    check_invisible_characters,
    check_location,
    check_placeholders,
    check_unique_ids,
    check_url,
)
from .index import Index
from .quoting import check_confirmed_quotes, check_disagreements, check_quotes
from .references import check_references


def check_records(
    records: list[Record], archives: Mapping[str, Archive], today: dt.date, vocabulary: Vocabulary
) -> list[Problem]:
    """Every cross-record rule over every record; archives maps source id to its archived text."""
    index = Index.of(records, today, vocabulary)
    problems = list(check_unique_ids(records))
    problems += check_confusable_names(records)
    problems += editorial_problems(records)
    problems += check_confirmed_quotes(records)
    paths = frozenset(r.path for r in records)
    for record in records:
        problems.extend(check_file(record, paths))
        problems.extend(check_references(record, index))
        problems.extend(check_dates(record, index))
        problems.extend(check_quotes(record, archives))
        problems.extend(check_whole_numbers(record))
        problems.extend(check_units(record))
        problems.extend(check_numbers_in_own_words(record))
        problems.extend(check_disagreements(record))
        problems.extend(check_url(record))
        problems.extend(check_location(record))
        problems.extend(check_placeholders(record))
        problems.extend(check_invisible_characters(record))
    return problems
