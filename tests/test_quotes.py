"""Quote matching: typography and whitespace folded, whole tokens, the article body only."""

from __future__ import annotations

import pytest

from timeline.data.quotes import Archive, Found, normalise

TRIBUNE = (
    '"With energetic cooperation of all parties in Myanmar, a total of 41,000\n'
    'telecommunications internet fraud suspects were handed over to us in 2023," said CCTV.\n'
    "Police cracked down on fraud-related gangs that provided illegal services.\n"
    "In unrelated cases, 31,000 suspects were handed over; the film earned US$41.4 million.\n"
    "Advertisement\n"
    "Three members of his gang were later handed over, and six others.\n"
)
ARCHIVE = Archive.of(TRIBUNE, not_body={5})


def found(quote: str) -> Found:
    return ARCHIVE.search(normalise(quote)).found


def test_normalise_folds_typographic_quotes_dashes_ellipses_and_whitespace():
    assert normalise("“Operation 1027” –\n  the  rebels’ “swipe raids” … ok") == (
        '"Operation 1027" - the rebels\' "swipe raids" ... ok'
    )


def test_normalise_keeps_case_and_compatibility_forms():
    assert normalise("Ｍyanmar") != normalise("Myanmar")
    assert normalise("MYANMAR") != normalise("Myanmar")


@pytest.mark.parametrize(
    "quote",
    [
        "a total of 41,000 telecommunications internet fraud suspects were handed over to us in 2023",
        "41,000 telecommunications internet fraud suspects",  # starts with its number
        "suspects were handed over to us in 2023",  # ends with a year
        '"With energetic cooperation',  # starts on a quotation mark
        "said CCTV.",
        "unrelated cases",
        "fraud-related gangs",
        "US$41.4 million",
        "41.4 million.",
        'were handed over to us in 2023," said CCTV. Police cracked',  # across two body lines
    ],
)
def test_whole_token_passages_of_the_body_match(quote: str):
    assert found(quote) is Found.MATCH


@pytest.mark.parametrize(
    ("quote", "cut"),
    [
        ("1,000 telecommunications internet fraud suspects", "41,000"),
        ("000 telecommunications", "41,000"),
        ("a total of 41", "41,000"),
        ("a total of 41,0", "41,000"),
        ("31 suspects", None),  # not there as such at all
        ("legal services", "illegal"),
        ("related cases", "unrelated"),
        ("related gangs", "fraud-related"),
        ("fraud-rel", "fraud-related"),
        ("In unrelated case", "cases"),
        ("41.4 mill", "million"),
        ("1.4 million", "41.4"),
    ],
)
def test_a_quote_that_cuts_a_word_or_a_number_is_refused(quote: str, cut: str | None):
    search = ARCHIVE.search(normalise(quote))
    if cut is None:
        assert search.found is Found.MISSING
    else:
        assert (search.found, search.cut) == (Found.CUT, cut)


def test_a_quote_from_or_across_lines_that_are_not_the_article_is_refused():
    assert found("Advertisement") is Found.OUTSIDE_BODY
    assert found("US$41.4 million. Advertisement Three members") is Found.OUTSIDE_BODY
    assert found("41.4 million. Three members") is Found.MISSING  # stitched over the gap


def test_an_ellipsis_skips_nothing():
    assert found("a total of ... suspects") is Found.MISSING
    archive = Archive.of("the property … The three embassies")
    assert archive.search(normalise("property ... The three")).found is Found.MATCH


def test_a_character_of_the_body_is_placed_on_its_archived_line():
    archive = Archive.of("a b\n\n  c   d\nskip\ne f", not_body=[4])
    assert archive.body_text() == "a b c d e f"
    assert [archive.line_at(archive.body_text().index(word)) for word in "abcdef"] == [1, 1, 3, 3, 5, 5]


def test_a_quote_covers_each_body_line_it_runs_over_on_whole_words():
    text = "Headline here\n\nFirst line of the article\nsecond line, then\nAdvertisement\nthe last “line”\n"
    archive = Archive.of(text, [5])
    assert [n for n, _ in archive.body_lines] == [1, 3, 4, 6]
    assert archive.cited_lines(["article second line"]) == {3, 4}
    assert archive.cited_lines(["irst line", "then the last", ""]) == set()  # cut, or across line 5
    assert archive.cited_lines([normalise("the last “line”"), '"line"']) == {6}


def test_each_quote_is_placed_on_its_lines_however_many_were_located_before_it():
    # A segment's archived lines are worked out once and kept: a quote located after
    # others, in the same segment or another, is placed as the first one would be.
    text = "Headline\n“First” line,  one.\nsecond – line\nAdvertisement\nthird line…\nfourth\n"
    places = {
        '"First" line, one.': (2, 2, "“First” line,  one."),
        "one. second - line": (2, 3, "one.\nsecond – line"),
        "third line...": (5, 5, "third line…"),
        "fourth": (6, 6, "fourth"),
        "line": (2, 2, "line"),
        "second": (3, 3, "second"),
    }
    archive = Archive.of(text, [1, 4])
    for quote in [*places, *reversed(places)]:
        place = archive.locate(quote)
        assert place is not None
        assert (place.first_line, place.last_line, place.text[place.start : place.end]) == places[quote]
