"""Finding a quote, or a number, in a source's archived text.

Articles are captured with typographic quotes, long dashes and hard line breaks, and
contributors type straight quotes and hyphens; both sides are normalised the same way
before comparing, so a quote matches when every word and every character between the
words matches.
"""

from __future__ import annotations

import re

_TYPOGRAPHY = str.maketrans(
    {
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u2032": "'",
        "\u2014": "-",
        "\u2013": "-",
        "\u2012": "-",
        "\u2010": "-",
        "\u2011": "-",
        "\u2212": "-",
        "\u2026": "...",
        "\u00a0": " ",
        "\u202f": " ",
    }
)


def normalise(text: str) -> str:
    """Fold typographic quotes, dashes and ellipses, and collapse all whitespace."""
    return " ".join(text.translate(_TYPOGRAPHY).split())


def number_forms(value: int) -> list[str]:
    """The ways an article may write a whole number: 31000, 31,000, 31 000, 3 billion."""
    forms = [str(value), f"{value:,}", f"{value:,}".replace(",", " ")]
    return [*forms, *scaled_forms(value)]


def scaled_forms(value: int) -> list[str]:
    """'3 billion', '41.4 million': how articles write large round numbers."""
    return [
        f"{f'{value / size:.1f}'.removesuffix('.0')} {word}"
        for word, size in (("billion", 10**9), ("million", 10**6))
        if value >= size and value % (size // 10) == 0
    ]


_WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]


def contains_number(text: str, value: int) -> bool:
    """Whether the normalised text states the number, not as part of a longer one.

    Articles spell small numbers out ("six suspects", "Three members"), so those count too.
    """
    if 0 <= value < len(_WORDS) and re.search(rf"\b{_WORDS[value]}\b", text, re.IGNORECASE):
        return True
    return any(_stands_alone(text, form) for form in number_forms(value))


def _stands_alone(text: str, form: str) -> bool:
    """Whether form occurs in text with no digit (or digit group) glued to either side."""
    start = text.find(form)
    while start != -1:
        before, after = text[start - 1 : start], text[start + len(form) : start + len(form) + 2]
        glued_before = before.isdigit() or (before in ".," and text[start - 2 : start - 1].isdigit())
        glued_after = after[:1].isdigit() or (after[:1] in ".," and after[1:].isdigit())
        if not (glued_before or glued_after):
            return True
        start = text.find(form, start + 1)
    return False
