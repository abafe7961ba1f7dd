"""'Did you mean …?': the closest known word to one that is not known, for a message."""

from __future__ import annotations

import difflib


def suggest(word: str, choices: list[str] | set[str] | frozenset[str], cutoff: float = 0.6) -> str:
    """'; did you mean …?' for a near miss (a difflib ratio of at least cutoff), else nothing."""
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=cutoff)
    return f"; did you mean '{close[0]}'?" if close else ""


class Suggestions:
    """'Did you mean' hints with a budget: each costs a pass over every candidate, so a file
    with thousands of unknown references must not cost minutes. Repeated words are free."""

    def __init__(self, budget: int = 200, cutoff: float = 0.6):
        self._budget = budget
        self._cutoff = cutoff
        self._seen: dict[tuple[str, str], str] = {}

    def __call__(self, word: str, group: str, choices: frozenset[str]) -> str:
        key = (group, word)
        if key not in self._seen:
            if self._budget <= 0:
                return ""
            self._budget -= 1
            self._seen[key] = suggest(word, choices, self._cutoff) if len(word) <= 200 else ""
        return self._seen[key]
