"""Safe YAML loading: plain values only, positions for everything, nothing silently lost."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.data.load import load_bytes


def load(text: str):
    doc, problems = load_bytes(text.encode("utf-8"), "x.yml")
    return doc, [(p.line, p.col, p.rule) for p in problems]


def test_every_key_and_value_keeps_its_line_and_column():
    doc, problems = load("id: a\ncitations:\n  - source: s\n    quote: >-\n      two\n      lines\n")
    assert problems == []
    assert doc.data == {"id": "a", "citations": [{"source": "s", "quote": "two lines"}]}
    assert doc.where(("citations", 0, "quote")) == (4, 12)
    assert doc.where(("citations", 0, "quote"), key=True) == (4, 5)
    assert doc.where(("citations", 0)) == (3, 5)
    assert doc.where(("citations", 0, "missing")) == (3, 5)  # nearest written ancestor
    assert doc.where(()) == (1, 1)


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("2023-11-21", "2023-11-21"),  # dates stay text until the date parser reads them
        ("no", "no"),  # YAML 1.1 booleans are text
        ("yes", "yes"),
        ("on", "on"),
        ("0x1F", "0x1F"),
        ("1_000", "1_000"),
        ("12:30", "12:30"),
        (".inf", ".inf"),
        ('"31000"', "31000"),
        ("31000", 31000),
        ("-5", -5),
        ("1.5", 1.5),
        ("true", True),
        ("False", False),
        ("null", None),
        ("~", None),
        ("", None),
        ("1" * 30, "1" * 30),  # too long for a number: text, never a slow conversion
    ],
)
def test_scalars_resolve_to_plain_values(written: str, value):
    doc, problems = load(f"v: {written}\n")
    assert problems == []
    assert doc.data["v"] == value
    assert type(doc.data["v"]) is type(value)


def test_every_duplicate_key_is_reported_and_the_document_is_withheld():
    doc, problems = load("a: 1\nb: 2\na: 3\nc:\n  d: 1\n  d: 2\n")
    assert doc is None
    assert problems == [(3, 1, "duplicate-key"), (6, 3, "duplicate-key")]


def test_the_same_key_in_different_mappings_is_fine():
    doc, problems = load("a:\n  k: 1\nb:\n  k: 2\nc:\n  - k: 1\n  - k: 2\n")
    assert problems == []
    assert doc.data["c"] == [{"k": 1}, {"k": 2}]


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("a: !!str x\n", "yaml-tag"),
        ("a: !custom x\n", "yaml-tag"),
        ("a: !!python/name:os.system\n", "yaml-tag"),
        ("a: &x 1\n", "yaml-anchor"),
        ("a: &x [1]\nb: *x\n", "yaml-anchor"),
        ("a: 1\n---\nb: 2\n", "multiple-documents"),
        ("~\n", "empty-file"),
        ("---\n", "empty-file"),
        ("[1, 2]\n", "not-a-mapping"),
        ("{[1]: 2}\n", "yaml-syntax"),
        ("a: [" * 40 + "\n", "too-deep"),
    ],
)
def test_unsafe_or_unusable_yaml_is_refused(text: str, rule: str):
    doc, problems = load(text)
    assert doc is None
    assert [p[2] for p in problems] == [rule]


def test_a_billion_laughs_file_is_refused_at_its_first_anchor_without_expanding():
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    doc, problems = load("\n".join(lines) + "\n")
    assert doc is None
    assert problems == [(1, 5, "yaml-anchor")]


def test_windows_line_endings_are_read_as_usual():
    doc, problems = load("id: a\r\ntitle: b\r\n")
    assert problems == []
    assert doc.data == {"id": "a", "title": "b"}
    assert doc.where(("title",)) == (2, 8)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_raise(raw: bytes):
    doc, problems = load_bytes(raw, "x.yml")
    assert (doc is None) == bool(problems)
    assert all(p.line >= 1 and p.col >= 1 and p.message for p in problems)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab:-[]{}#&*!|>'\"\n\t ~?,%@`1.")), max_size=80))
def test_arbitrary_yaml_like_text_never_raises(text: str):
    doc, problems = load(text)
    assert (doc is None) == bool(problems)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "title: A\n date: x\n",
            (2, 2, "YAML indentation error: 'date' is indented 1 space more than 'title' on line 1, so "
             "YAML reads it as more of that line's value; start it at the margin, as 'title' is"),
        ),
        (
            "a:\n  - b: 1\n       c: 2\n",
            (3, 8, "YAML indentation error: 'c' is indented 3 spaces more than 'b' on line 2, so YAML "
             "reads it as more of that line's value; indent it by 4 spaces, as 'b' is"),
        ),
    ],
)  # fmt: skip
def test_an_over_indented_key_is_called_an_indentation_error(text: str, expected: tuple[int, int, str]):
    _, problems = load_bytes(text.encode(), "events/x.yml")
    assert [(p.line, p.col, p.message) for p in problems] == [expected]


def test_a_colon_inside_a_value_still_asks_for_quotes():
    _, problems = load_bytes(b"title: China says: 31,000\n", "events/x.yml")
    hint = "a value that contains ': ' must be put in quotes"
    assert [p.message.endswith(hint) for p in problems] == [True]
