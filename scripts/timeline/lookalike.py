"""Text that deceives the eye: invisible characters, and letters that look like others.

A name can hide behind a capital letter, an accent, a letter of another script that looks
the same (Cyrillic 'С' for Latin 'C'), a full-width form or a zero-width character; a
quote can fail to match for the same reasons, which no one can see. One fold, what a
text looks like, serves every rule that compares names and every message that has to
name the character a reader cannot see.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from confusables import normalize as confusable_forms

# Bidirectional overrides and isolates reorder what a reader sees; zero-width characters
# hide inside a word. None belongs in text that people read.
INVISIBLE = frozenset(
    "\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff"
)
INVISIBLE_SEARCH = re.compile("[" + "".join(map(re.escape, sorted(INVISIBLE))) + "]")


@lru_cache(maxsize=4096)
def fold_char(char: str) -> str:
    """What one character looks like: nothing for a format character (zero-width, bidi,
    soft hyphen) or an accent; otherwise its compatibility form ('Ｃ' -> 'C', '，' -> ','),
    without accents, with a look-alike of another script replaced by its Latin letter and
    in lower case ('С' -> 'c', 'é' -> 'e')."""
    if unicodedata.category(char) == "Cf":
        return ""
    folded = []
    for part in unicodedata.normalize("NFKD", char):
        if unicodedata.combining(part):
            continue
        forms = confusable_forms(part, prioritize_alpha=True)
        folded.append(forms[0] if forms else part.casefold())
    return "".join(folded)


class _FoldTable(dict[int, str]):
    """fold_char as a str.translate table, filled as characters are met (up to a bound, as
    a hostile text may hold every character there is): translating a long text then runs
    at C speed."""

    def __missing__(self, code: int) -> str:
        folded = fold_char(chr(code))
        if len(self) < _TABLE_SIZE:
            self[code] = folded
        return folded


_TABLE_SIZE = 65_536


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Every character of text folded as fold_char does (whitespace is left as it is)."""
    return text.translate(_FOLD)


def looks(text: str) -> str:
    """What a text looks like: folded, with runs of whitespace as one space."""
    return " ".join(fold(text).split())
