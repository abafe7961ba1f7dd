"""Reading the numbers a passage states as quantities, and what it says around them.

A figure is checked against the number its quote states as a count or an amount, not
against any digits in it: a year, a day of a month, an ordinal or the number of a page
counts nothing, and a scale word belongs to its number. Each number is read from the
text (normalised as quotes are) with its kind, its qualifier and the currency written
next to it:

| text                                  | read as                                   |
|---------------------------------------|-------------------------------------------|
| "a total of 41,000 suspects"          | 41000, a quantity                         |
| "31,000", "31000", "31 000"           | 31000, the same quantity                  |
| "3 billion yuan", "3bn yuan"          | 3000000000 (not 3), in yuan               |
| "(US$41.4 million)"                   | 41400000, in dollars                      |
| "90k", "1.5m", "2 mn"                 | 90000, 1500000, 2000000                   |
| "⁹⁰", "９０"                          | 90 (compatibility forms, NFKC)            |
| "six suspects"                        | 6                                         |
| "a hundred", "two hundred and fifty"  | 100, 250                                  |
| "ninety thousand", "forty-two million"| 90000, 42000000                           |
| "more than 40,000", "over 31,000"     | 40000, 31000 with the qualifier more-than |
| "handed over 31,000"                  | 31000, no qualifier ("handed over")       |
| "in 2023", "since 2021", "August 2023"| a year                                    |
| "August 8", "8 August"                | a day of a month                          |
| "2023-11-21", "10:30"                 | a date, a time                            |
| "the 1st", "page 3", "clause 12"      | an ordinal, a label                       |
| "up to 20 may have died"              | 20, a quantity ("may" is not "May")       |
| "/2023/11/", "24/7", "#1"             | no number: an address, a fraction, a label|

Only a quantity satisfies a figure or a number in our own words; the rest are dates or
labels. Number words are read up to the trillions (units, tens, "hundred" and a scale
word, joined by spaces, hyphens, or "and" after a scale: "two hundred and fifty"; "a"
before a scale is one); "dozen", "hundreds" or "tens of thousands" count nothing exact
and are not read. A Roman numeral character ('Ⅻ') is letters, not a number.

The reading is deliberately plain: it looks at the words right next to a number, so a
qualifier or currency stated further away is not seen (quote the words next to the
number).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import Enum
from functools import lru_cache

from ..data.vocabulary import QUALIFIER_PHRASES


class Kind(Enum):
    QUANTITY = "quantity"
    YEAR = "year"
    DAY = "day"
    DATE = "date"  # 2023-11-21, 2023-11, 10:30
    ORDINAL = "ordinal"
    LABEL = "label"  # page 3, clause 12


@dataclass(frozen=True)
class Number:
    """One number as the text states it."""

    value: int | float  # with its scale: "3 billion" is 3000000000; a decimal without one stays
    written: str  # as in the text: "3 billion", "41,000", "six"
    start: int
    kind: Kind
    qualifier: str  # a value of the schema's qualifier enum; "exactly" when none is written
    qualified_by: str  # the words that give it, as written ("More than"); "" for none
    currency: str | None  # the currency named next to it ("yuan", "dollar"), if any


_UNITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
          "nineteen")  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}  # fmt: skip
_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
# A scale written short, right after the digits ("90k", "3bn") or after a space ("2 mn").
_ABBREVIATED = {"k": 10**3, "m": 10**6, "mn": 10**6, "b": 10**9, "bn": 10**9, "tn": 10**12}
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
           "sept", "oct", "nov", "dec")  # fmt: skip
_BEFORE_A_YEAR = frozenset(("in", "since", "until", "by", "from", "during", "before", "after", "of", "for",
                            "early", "late"))  # fmt: skip
_BEFORE_A_LABEL = frozenset(("page", "pages", "p", "clause", "article", "section", "chapter",
                             "paragraph", "no", "number", "line", "item", "part", "phase", "resolution",
                             "operation"))  # fmt: skip
# "handed over 31,000": "over" after these verbs is a particle, not "more than".
_OVER_AS_PARTICLE = frozenset(("hand", "hands", "handed", "handing", "turn", "turns", "turned",
                               "turning", "take", "takes", "took", "taken", "taking", "pass", "passed",
                               "passing"))  # fmt: skip
# A currency word or sign next to a number, and the currency it names; a unit names a
# currency by holding one of these words ("yuan", "US dollars").
_CURRENCIES: Mapping[str, str] = {
    "yuan": "yuan", "renminbi": "yuan", "rmb": "yuan", "cny": "yuan",
    "dollar": "dollar", "dollars": "dollar", "usd": "dollar", "$": "dollar", "us$": "dollar",
    "baht": "baht", "thb": "baht", "kyat": "kyat", "kyats": "kyat", "mmk": "kyat",
    "euro": "euro", "euros": "euro", "eur": "euro", "€": "euro",
}  # fmt: skip


def _one_of(words: list[str]) -> str:
    """A pattern for any of the words, as a tree of their shared beginnings ("n(?:ine(?:…))"):
    the regex engine tries a flat list of alternatives one by one at every place of a text,
    a tree only those that start with the letter there. It matches what the flat list
    matches: any of the words, the longest where one word begins another."""
    by_first: dict[str, list[str]] = {}
    for word in words:
        by_first.setdefault(word[0], []).append(word[1:])
    branches = []
    for first, rests in sorted(by_first.items()):
        longer = [rest for rest in rests if rest]
        if not longer:
            branches.append(re.escape(first))
        elif len(rests) == 1:
            branches.append(re.escape(first + rests[0]))
        else:
            branches.append(re.escape(first) + f"(?:{_one_of(longer)})" + ("?" if "" in rests else ""))
    return "|".join(branches)


_MULTIPLIER = "(?:" + _one_of(["hundred", *_SCALES]) + r")\b"
_COUNT_WORD = "(?:" + _one_of([*_UNITS, *_TENS]) + r")\b"
# Number words start with a count, or "a" and a multiplier ("a hundred"): a multiplier
# alone ("thousand suspects") is a unit's word, not a number. "and" joins only after a
# multiplier: "two hundred and fifty" is one number, "one and two" two.
_WORD_STARTS = "".join(sorted({word[0] for word in [*_UNITS, *_TENS, "a"]}))
_NUMBER_WORDS = (
    rf"(?:an?\s+{_MULTIPLIER}|{_COUNT_WORD})(?:(?:[\s-]+|"
    r"(?:(?<=hundred)|(?<=thousand)|(?<=million)|(?<=billion)|(?<=trillion))\s+and\s+)"
    rf"(?:{_COUNT_WORD}|{_MULTIPLIER}))*"
)
# A number: digits grouped by "," (or a space: "31 000"), a decimal part, then a scale
# (a word, or short); or number words. Not part of a longer word or number, nor of an
# address, a fraction or a date written with "/" ("/2023/11/", "24/7"), nor a "#1". At
# most 18 digits before the point: a longer run of digits is no number an article gives.
# Each branch first looks at the character it must start with, a digit or a letter that
# starts a number word, which spares the rest of the branch at nearly every other place.
_NUMBER = re.compile(
    r"(?=\d)(?<![\w.,/#-])(?P<digits>\d{1,3}(?:,\d{3}){1,6}|\d{1,3}(?: \d{3}){1,6}(?![\d,])|\d{1,18})"
    r"(?P<decimals>\.\d{1,6})?"
    r"(?:(?P<short>k|mn|m|bn|b|tn)|(?P<suffix>st|nd|rd|th|[:-]\d+(?:-\d+)?))?(?![\w,.]\d|\w|/)"
    r"(?:\s+(?P<scale>thousand|million|billion|trillion|mn|bn)\b)?"
    r"|\b(?=[" + _WORD_STARTS + "])(?P<word>" + _NUMBER_WORDS + ")",
    re.IGNORECASE,
)
_WORD = re.compile(r"US\$|[^\W\d_]+|[$€]", re.IGNORECASE)
_SIGN_BEFORE = re.compile(r"(?:US\$|[$€]|\b(?:USD|RMB|CNY|THB|MMK|EUR))\s*$", re.IGNORECASE)
_NEAR = 24  # characters on either side of a number that its qualifier, currency and kind are read from
_QUALIFIER_OF = {phrase: qualifier for qualifier, phrases in QUALIFIER_PHRASES.items() for phrase in phrases}
# The phrase that ends right before a number, the longest first ("more than", not "than").
_PHRASE_BEFORE = re.compile(
    r"(?:^|\W)(" + "|".join(re.escape(p) for p in sorted(_QUALIFIER_OF, key=len, reverse=True)) + r")$",
    re.IGNORECASE,
)


# Texts whose numbers are kept once read: a project's quotes recur across its records (a
# figure's quote is mostly one of its citations' too), and a reading is a function of the
# text alone, so the order records are read in changes nothing.
READINGS_KEPT = 1 << 15


@lru_cache(maxsize=READINGS_KEPT)
def read_numbers(text: str) -> tuple[Number, ...]:
    """Every number the text states, in order, each with its kind, qualifier and currency."""
    found: list[Number] = []
    shown_as, text = text, compatible(text)
    for match in _NUMBER.finditer(text):
        # Only the words next to a number matter; a window keeps a long text linear.
        start, end = match.span()
        before, after = text[max(0, start - _NEAR) : start], text[end : end + _NEAR]
        value = _value(match)
        kind = _kind(match, value, _WORD.findall(before)[-1:], _WORD.findall(after)[:1])
        qualifier, words = _qualifier(before, found)
        written = shown_as[start:end]
        found.append(Number(value, written, start, kind, qualifier, words, _currency(before, after)))
    return tuple(_later_years(text, _first_days(text, found)))


# What joins the first day of a range or a choice of days to the last: "22 or 23 August",
# "Monday 25 to Sunday 31 December".
_DAYS_BETWEEN = re.compile(
    r"\s*(?:or|to|and|-|–)\s*(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s+)?"
)


# What joins a year to the next in a list or a range: "in 2023 and 2024", "2021, 2022 or 2023".
_YEARS_BETWEEN = re.compile(r"\s*(?:,|(?:,\s*)?(?:and|or)|to|through|-|–)\s*")


def _later_years(text: str, found: list[Number]) -> list[Number]:
    """Four plain digits that a year leads to in a list or a range are a year too (read
    from the first, so that each of a chain takes the kind of the one before)."""
    for i in range(1, len(found)):
        number, earlier = found[i], found[i - 1]
        between = text[earlier.start + len(earlier.written) : number.start]
        if (
            number.kind is Kind.QUANTITY
            and earlier.kind is Kind.YEAR
            and len(number.written) == 4
            and number.written.isdigit()
            and 1900 <= number.value <= 2100
            and _YEARS_BETWEEN.fullmatch(between)
        ):
            found[i] = replace(number, kind=Kind.YEAR)
    return found


def _first_days(text: str, found: list[Number]) -> list[Number]:
    """A day of a month whose month is written only after the day that ends its range is a
    day too (read from the last, so that each day of a chain takes the kind of the next)."""
    for i in range(len(found) - 2, -1, -1):
        number, following = found[i], found[i + 1]
        between = text[number.start + len(number.written) : following.start]
        if (
            number.kind is Kind.QUANTITY
            and following.kind is Kind.DAY
            and number.written.isdigit()
            and 1 <= number.value <= 31
            and _DAYS_BETWEEN.fullmatch(between)
        ):
            found[i] = replace(number, kind=Kind.DAY)
    return found


def compatible(text: str) -> str:
    """The text with each character that has a one-character compatibility form (NFKC) in
    that form ('⁹⁰' -> '90'), so that places in it are places in the text."""
    if text.isascii():
        return text
    return "".join(_compatible_char(char) for char in text)


@lru_cache(maxsize=4096)
def _compatible_char(char: str) -> str:
    form = unicodedata.normalize("NFKC", char)
    return form if len(form) == 1 else char


def quantities(text: str) -> tuple[Number, ...]:
    """The numbers the text states as counts or amounts: not dates, ordinals or labels."""
    return tuple(n for n in read_numbers(text) if n.kind is Kind.QUANTITY)


def currency_of(unit: str) -> str | None:
    """The currency a figure's unit names ('US dollars' -> 'dollar'), or None for a count."""
    return next((_CURRENCIES[w] for w in _words(unit) if w in _CURRENCIES), None)


def number_in_unit(unit: str) -> str | None:
    """The number or scale word a figure's unit holds, if any: the page writes the value
    before the unit, so "thousand suspects" would show as "40,000 thousand suspects"."""
    numbers = read_numbers(unit)
    if numbers:
        return numbers[0].written
    return next((w for w in _WORD.findall(unit) if w.lower().removesuffix("s") in _SCALES), None)


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _value(match: re.Match[str]) -> int | float:
    if match.group("word"):
        return _value_of_words(match.group("word"))
    whole = int(re.sub(r"[, ]", "", match.group("digits")))
    number: int | float = whole + float(match.group("decimals")) if match.group("decimals") else whole
    scale = (match.group("short") or match.group("scale") or "").lower()
    if scale:
        return round(number * {**_SCALES, **_ABBREVIATED}[scale])
    return number


def _value_of_words(words: str) -> int:
    """The value of number words: units and tens add up, "hundred" multiplies what is
    before it, a scale word closes a group ("two hundred and fifty thousand six" is
    250006); "a" is one."""
    total, group = 0, 0
    for word in re.findall(r"[a-z]+", words.lower()):
        if word in ("a", "an"):
            group = 1
        elif word in _UNITS:
            group += _UNITS.index(word)
        elif word in _TENS:
            group += _TENS[word]
        elif word == "hundred":
            group = (group or 1) * 100
        elif word in _SCALES:
            total, group = total + (group or 1) * _SCALES[word], 0
    return total + group


def _kind(match: re.Match[str], value: int | float, before: list[str], after: list[str]) -> Kind:
    """What a number is, from its form and the word on either side (as written: a month is
    capitalised, so "20 may be" holds no date)."""
    suffix = (match.group("suffix") or "").lower()
    if suffix in ("st", "nd", "rd", "th"):
        return Kind.ORDINAL
    if suffix:
        return Kind.DATE
    previous = before[-1].lower() if before else ""
    if previous in _BEFORE_A_LABEL:
        return Kind.LABEL
    plain = (
        match.group("digits")
        and not match.group("decimals")
        and not match.group("scale")
        and not match.group("short")
    )
    month_near = any(w[:1].isupper() and w.lower() in _MONTHS for w in [*before, *after])
    if (
        plain
        and len(match.group("digits")) == 4
        and 1900 <= value <= 2100
        and (month_near or previous in _BEFORE_A_YEAR)
    ):
        return Kind.YEAR
    if plain and 1 <= value <= 31 and month_near:
        return Kind.DAY
    return Kind.QUANTITY


def _qualifier(before: str, earlier: list[Number]) -> tuple[str, str]:
    """The qualifier written right before a number ("more than 40,000"), and its words. A
    number in brackets after another ("3 billion yuan (US$41.4 million)") converts it: it
    has that number's qualifier."""
    plain = _SIGN_BEFORE.sub("", before.rstrip()).rstrip()
    if plain.endswith("(") and earlier:
        return earlier[-1].qualifier, earlier[-1].qualified_by
    found = _PHRASE_BEFORE.search(plain)
    if found is None:
        return "exactly", ""
    phrase = found.group(1)
    if phrase.lower() == "over" and _words(plain)[-2:-1] and _words(plain)[-2] in _OVER_AS_PARTICLE:
        return "exactly", ""
    return _QUALIFIER_OF[phrase.lower()], phrase


def _currency(before: str, after: str) -> str | None:
    """The currency named right before a number ('US$', 'USD') or right after it and its
    scale ('yuan', 'US dollars'); a currency word further away names another amount."""
    sign = _SIGN_BEFORE.search(before)
    if sign is not None:
        return _CURRENCIES[sign.group().strip().lower()]
    following = [w for w in _words(after)[:2] if w.isalpha()]
    word = following[1:2] if following[:1] == ["us"] else following[:1]
    return _CURRENCIES.get(word[0]) if word else None
