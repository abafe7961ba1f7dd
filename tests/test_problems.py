"""Problem formats: compiler-style text and GitHub Actions annotations."""

from __future__ import annotations

from timeline.data.problems import Problem, render, shown


def test_text_format_is_path_line_col_message_rule():
    p = Problem("events/a.yml", 3, 7, "bad-date", "date: '2023-13' is not a real calendar date")
    assert p.text() == "events/a.yml:3:7: error: date: '2023-13' is not a real calendar date [bad-date]"


def test_github_annotations_escape_what_the_runner_would_misread():
    p = Problem("events/a,b.yml", 3, 7, "unknown-key", "100% wrong: line one\nline two")
    assert p.github() == (
        "::error file=events/a%2Cb.yml,line=3,col=7,title=unknown-key::100%25 wrong: line one%0Aline two"
    )


def test_render_sorts_by_file_then_line_dedupes_and_counts():
    a = Problem("events/b.yml", 2, 1, "r", "m")
    b = Problem("events/a.yml", 9, 1, "r", "m")
    c = Problem("events/a.yml", 10, 1, "r", "m")
    out = render([a, c, b, a], files_checked=2).splitlines()
    assert out == [b.text(), c.text(), a.text(), "2 files checked, 3 errors"]


def test_render_speaks_in_the_singular_for_one():
    assert render([Problem("x.yml", 1, 1, "r", "m")], 1).splitlines()[-1] == "1 file checked, 1 error"
    assert render([], 0) == "0 files checked, 0 errors"


def test_render_prints_at_most_fifty_lines_of_one_rule_per_file_and_counts_the_rest():
    many = [
        Problem("events/a.yml", line, 1, "unknown-reference", f"unknown entity 'x-{line}'")
        for line in range(1, 121)
    ]
    other = Problem("events/a.yml", 200, 1, "bad-date", "date: '2023-13' is not a real calendar date")
    elsewhere = Problem("events/b.yml", 1, 1, "unknown-reference", "unknown entity 'y'")
    out = render([*many, other, elsewhere], files_checked=2).splitlines()
    assert out[:50] == [p.text() for p in many[:50]]
    assert out[50] == (
        "events/a.yml:51:1: error: and 70 more like the above in this file, from here on; "
        "fix those, then validate again [unknown-reference]"
    )
    assert out[51:] == [other.text(), elsewhere.text(), "2 files checked, 122 errors"]


def test_shown_cuts_data_to_forty_characters_on_one_line():
    assert shown("x" * 2_000_000) == "x" * 39 + "…"
    assert shown("a line\nand  another") == "a line and another"
    assert shown("y" * 40) == "y" * 40
