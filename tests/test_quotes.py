"""Quote matching: typography and whitespace folded, numbers found as whole numbers."""

from __future__ import annotations

import pytest

from timeline.quotes import contains_number, normalise, number_forms


def test_normalise_folds_typographic_quotes_dashes_ellipses_and_whitespace():
    assert normalise("“Operation 1027” –\n  the  rebels’ “swipe raids” … ok") == (
        '"Operation 1027" - the rebels\' "swipe raids" ... ok'
    )


def test_number_forms_cover_separators_and_scaled_words():
    assert number_forms(31000) == ["31000", "31,000", "31 000"]
    assert "3 billion" in number_forms(3_000_000_000)
    assert "41.4 million" in number_forms(41_400_000)


@pytest.mark.parametrize(
    ("text", "value", "found"),
    [
        ("handed over 31,000 suspects", 31000, True),
        ("more than 31,000.", 31000, True),
        ("(US$41.4 million)", 41_400_000, True),
        ("more than 3 billion yuan", 3_000_000_000, True),
        ("131,000 suspects", 31000, False),
        ("31,0000 suspects", 31000, False),
        ("31,000,000 suspects", 31000, False),
        ("1.31,000", 31000, False),
        ("at least 1,000 scam centers", 1000, True),
        ("41,000 suspects", 40000, False),
        ("Three members of his gang", 3, True),
        ("six Chinese fraud suspects", 6, True),
        ("sixteen suspects", 6, False),
        ("a third took his own life", 3, False),
    ],
)
def test_contains_number_only_as_a_whole_number(text: str, value: int, found: bool):
    assert contains_number(text, value) is found
