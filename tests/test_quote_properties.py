"""Properties of quote matching, on random passages of the real archived articles.

A passage of whole tokens is always found; a passage cut inside a word or a number at
either end is never accepted at the place it was cut from. (The cut text may still be
found elsewhere, on whole tokens, where the article really says it.)
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO, real_dataset
from timeline.data.archives import listed_lines
from timeline.data.quotes import Archive, Found, Segment, _origins, normalise


def _archives() -> list[Archive]:
    return [
        Archive.of(
            (REPO / "sources" / f"{source.id}.txt").read_text(encoding="utf-8"),
            listed_lines(item.lines for item in source.not_article),
        )
        for source in real_dataset().sources.values()
    ]


ARCHIVES = [a for a in _archives() if any(len(s.tokens) >= 2 for s in a.body)]
SETTINGS = settings(max_examples=300, deadline=None)


@st.composite
def passages(draw: st.DrawFn) -> tuple[Archive, Segment, int, int]:
    """(archive, segment, first token, last token) of a random whole-token passage."""
    archive = draw(st.sampled_from(ARCHIVES))
    segment = draw(st.sampled_from([s for s in archive.body if len(s.tokens) >= 2]))
    first = draw(st.integers(0, len(segment.tokens) - 1))
    last = draw(st.integers(first, min(first + 40, len(segment.tokens) - 1)))
    return archive, segment, first, last


def _strictly_inside_a_token(segment: Segment, position: int) -> bool:
    return any(t.start < position < t.end for t in segment.tokens)


@SETTINGS
@given(passages())
def test_a_passage_of_whole_tokens_is_always_found(passage):
    archive, segment, first, last = passage
    quote = segment.text[segment.tokens[first].start : segment.tokens[last].end]
    assert archive.search(quote).found is Found.MATCH


@SETTINGS
@given(passages(), st.data())
def test_a_passage_cut_inside_a_token_is_never_accepted_there(passage, data):
    archive, segment, first, last = passage
    start, end = segment.tokens[first].start, segment.tokens[last].end
    head, tail = segment.tokens[first], segment.tokens[last]
    cut_start = len(head.text) > 1 and data.draw(st.booleans())
    cut_end = len(tail.text) > 1 and (not cut_start or data.draw(st.booleans()))
    if not (cut_start or cut_end):
        return
    if cut_start:
        start += data.draw(st.integers(1, len(head.text) - 1))
    if cut_end:
        end -= data.draw(st.integers(1, len(tail.text) - 1))
    if end - start < 1:
        return
    quote = segment.text[start:end]
    for place, at, whole in archive.places(quote):
        if place is segment and at == start:
            assert not whole
        if whole:
            assert not _strictly_inside_a_token(place, at)
            assert not _strictly_inside_a_token(place, at + len(quote))
    assert archive.search(quote).found is not Found.MATCH or any(
        whole and not (place is segment and at == start) for place, at, whole in archive.places(quote)
    )


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab1 \n\t\r\u00a0\u202f\u2028\u3000“”‘’«…‐‑—–,.'\"é"))))
def test_each_normalised_character_comes_from_the_character_it_folds(text: str):
    """_origins maps normalise(text) back onto text: one origin per normalised character, in
    order; a character from its own fold, and a collapsed space from white space."""
    normalised, origins = normalise(text), _origins(text)
    assert len(origins) == len(normalised)
    assert list(origins) == sorted(origins)
    for char, origin in zip(normalised, origins, strict=True):
        source = text[origin]
        assert (char == " " and source.isspace()) or char in normalise(f"a{source}a")
