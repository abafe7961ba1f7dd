"""timeline add-source: a source's text and record from its page, served by a local server.

The pages are fictional (tests/fixtures/pages): one with a byline and dates in its
metadata, one with a date only in its running text, one that shows nothing until a
script runs; plus redirects, a 404, a paywall, a slow answer and a PDF.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import sys
from pathlib import Path

import pytest
import yaml

from conftest import run_cli
from timeline.cli import main as timeline
from timeline.contrib.capture import decoded
from timeline.data.markup import yaml_quoted
from timeline.rules.project import validate
from timeline.site.info import SiteInfo
from timeline.site.pages import source_pages
from timeline.site.views import Context
from webserver import PAGES, Server

BYLINED = "/news/2024/border-police-hand-over-212-suspects"
BYLINED_ID = "example-border-wire-2024-02-14-border-police-hand-over-212"
BYLINED_TEXT = (
    "\n\n".join(
        [
            "Border police hand over 212 fraud suspects in fictional handover",
            "Police in the fictional border town of Example Ford handed over 212 suspects in an online fraud "
            "case to officers from a neighbouring country on Tuesday, a police spokesperson told reporters.",
            "The suspects had been held since a raid on a compound of office buildings last month, "
            "the spokesperson said, adding that most of them had been recruited with offers of "
            "well-paid jobs abroad.",
            "“This handover shows that cooperation across the border works,” the spokesperson said, "
            "declining to say how many more people were still being held.",
            "Officials from the neighbouring country said the suspects would be questioned about scams that "
            "targeted people through messaging apps and fake investment sites.",
            "The figures could not be independently verified. This article is fictional and was "
            "written to test the project's tools.",
        ]
    )
    + "\n"
)
NOTES_TODO = (
    '"TODO: compare the text with the article as published, then say what is not confirmed (or write [])"'
)


def add(project: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = timeline(["add-source", "--root", str(project), *args])
    out, err = capsys.readouterr()
    return code, out, err


def record(project: Path, source_id: str) -> dict:
    return yaml.safe_load((project / "sources" / f"{source_id}.yml").read_text(encoding="utf-8"))


def fill(path: Path, replacements: dict[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def errors(output: str) -> list[str]:
    return [line.rsplit("[", 1)[1].rstrip("]") for line in output.splitlines() if ": error: " in line]


def sources(project: Path) -> list[str]:
    return sorted(p.name for p in (project / "sources").iterdir())


def test_a_page_with_a_byline_and_dates_in_its_metadata_gives_its_text_and_every_field(
    project: Path, web: Server, capsys: pytest.CaptureFixture[str]
):
    code, out, err = add(project, capsys, web.base + BYLINED)
    assert (code, err) == (0, "")
    text = project / "sources" / f"{BYLINED_ID}.txt"
    assert text.read_text(encoding="utf-8") == BYLINED_TEXT  # no menu, related stories or footer
    data = record(project, BYLINED_ID)
    assert data == {
        "id": BYLINED_ID,
        "title": "Border police hand over 212 fraud suspects in fictional handover",
        "publisher": "Example Border Wire",
        "author": "Ma Thida Example",
        "published": "2024-02-14",
        "published_basis": "the page's date markup (its metadata or a dated element), read by htmldate",
        "url": web.base + BYLINED,
        "retrieved": dt.datetime.now(dt.UTC).date().isoformat(),
        "archive_sha256": hashlib.sha256(text.read_bytes()).hexdigest(),
        "notes": [NOTES_TODO.strip('"')],
    }
    assert f"created sources/{BYLINED_ID}.txt\ncreated sources/{BYLINED_ID}.yml\n" in out
    assert "check by hand" in out and "author: 'Ma Thida Example'" in out
    # The one thing left to a person: what is not confirmed. Then it validates.
    code, report = run_cli("--root", str(project))
    assert errors(report) == ["placeholder"]
    fill(text.with_suffix(".yml"), {NOTES_TODO: '"The article is fictional."'})
    assert run_cli("--root", str(project)) == (0, "9 files checked, 0 errors\n")


EVENT = """# yaml-language-server: $schema=../schemas/event.schema.json
id: border-handover
title: Police say 212 suspects were handed over
date: 2024-02-13
date_basis: '"on Tuesday", in an article of Wednesday 2024-02-14'
summary: A police spokesperson said 212 suspects were handed over.
topics: [crackdown]
entities: [cctv]
citations:
"""


def test_quotes_taken_from_the_written_text_verify(
    project: Path, web: Server, capsys: pytest.CaptureFixture[str]
):
    assert add(project, capsys, web.base + BYLINED)[0] == 0
    not_carried = "".join(f'  - lines: "{n}"\n    why: not cited by the event\n' for n in (1, 5, 9))
    fill(
        project / "sources" / f"{BYLINED_ID}.yml",
        {f"notes:\n  - {NOTES_TODO}": f"notes: []\nnot_carried:\n{not_carried}"},
    )
    lines = BYLINED_TEXT.split("\n\n")
    quotes = [lines[1].split(" a police")[0], lines[3].split(" the spokesperson")[0], lines[5]]
    event = project / "events" / "border-handover.yml"
    citations = "".join(f"  - source: {BYLINED_ID}\n    quote: {json.dumps(q)}\n" for q in quotes)
    event.write_text(EVENT + citations, encoding="utf-8")
    assert run_cli("--root", str(project)) == (0, "10 files checked, 0 errors\n")
    fill(event, {"handed over 212 suspects": "handed over 213 suspects"})
    # the quote is not in the text, and the title and summary's 212 is no longer in a quote
    assert errors(run_cli("--root", str(project))[1]) == ["number-not-in-quotes"] * 2 + ["quote-not-found"]


def test_a_date_found_only_in_the_text_is_written_for_a_person_to_confirm(
    project: Path, web: Server, capsys: pytest.CaptureFixture[str]
):
    code, out, _ = add(project, capsys, web.base + "/notes/volunteers")
    assert code == 0
    source_id = "127-0-0-1-2024-03-05-volunteers-describe-life-after-leaving"
    data = record(project, source_id)
    assert data["published"] == "2024-03-05"
    assert data["published_basis"].startswith("TODO: htmldate found 2024-03-05 only in the page's text")
    assert data["author"].startswith("TODO: the byline as printed, or null")  # never guessed
    assert data["publisher"] == "TODO: who published it (the page names no site; its address is on 127.0.0.1)"
    assert "2024-03-05 was found only in the page's text" in out
    text = (project / "sources" / f"{source_id}.txt").read_text(encoding="utf-8")
    assert text.startswith("Volunteers describe life after leaving a compound\n\nWritten on 5 March 2024.")
    assert "Archive" not in text and "fictional newsletter." not in text.splitlines()[-1]
    assert text.splitlines()[6] == "Advertisement"
    assert data["not_article"] == [{"lines": "7", "what": "Advertisement"}]  # listed, so never quoted
    lines = run_cli("--root", str(project))[1]
    assert errors(lines) == ["placeholder"] * 4  # publisher, author, published_basis, notes


def test_redirects_are_followed_and_the_final_address_recorded(
    project: Path, web: Server, capsys: pytest.CaptureFixture[str]
):
    assert add(project, capsys, web.base + "/short-link")[0] == 0
    assert record(project, BYLINED_ID)["url"] == web.base + BYLINED


@pytest.mark.parametrize(
    ("path", "says"),
    [
        ("/daily/story", "no article found (0 words of text), as on a page behind a paywall"),
        ("/missing-page", "the server answered 404 Not Found; check the address, or open it in a browser"),
        ("/paywalled", "as pages behind a paywall or a bot check do; open it in a browser, save the page"),
        ("/report.pdf", "is not an HTML page (it is application/pdf); copy the article's text into a .txt"),
        ("/slow", "no answer within 1 seconds; check the address, or open it in a browser"),
    ],
)
def test_a_page_that_cannot_be_read_gets_one_line_and_a_way_to_give_a_saved_copy(
    project: Path, web: Server, capsys: pytest.CaptureFixture[str], path: str, says: str
):
    before = sources(project)
    code, out, err = add(project, capsys, web.base + path, "--timeout", "1")
    assert (code, out) == (1, "")
    assert err.startswith("error: ") and err.count("\n") == 1 and "Traceback" not in err
    assert says in err
    assert sources(project) == before


@pytest.mark.parametrize("command", ["add-source", "confirm-source"])
def test_without_the_sources_extra_the_command_says_how_to_get_it_in_one_line(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], command: str
):
    """The runtime lock leaves trafilatura out; the command that needs it says so, no traceback."""
    for name in [m for m in sys.modules if m.startswith("timeline.contrib.") or m.startswith("trafilatura")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # as if not installed: importing it fails
    code = timeline([command, "--root", str(project), "https://example.org/a"])
    out, err = capsys.readouterr()
    assert (code, out) == (1, "")
    assert err.startswith("error: trafilatura is not installed") and err.count("\n") == 1
    assert "./dev.sh add-source" in err


def test_nothing_is_overwritten(project: Path, web: Server, capsys: pytest.CaptureFixture[str]):
    assert add(project, capsys, web.base + BYLINED)[0] == 0
    text = project / "sources" / f"{BYLINED_ID}.txt"
    text.write_text("Edited by hand.\n", encoding="utf-8")
    yml = text.with_suffix(".yml").read_bytes()
    code, out, err = add(project, capsys, web.base + BYLINED)
    assert (code, out) == (1, "")
    assert err == (
        f"error: sources/{BYLINED_ID}.txt already exists; nothing was written: choose another id with --id\n"
    )
    text.with_suffix(".yml").unlink()  # a text alone is not overwritten either
    assert add(project, capsys, web.base + BYLINED)[0] == 1
    assert text.read_text(encoding="utf-8") == "Edited by hand.\n"
    assert not text.with_suffix(".yml").exists()
    assert add(project, capsys, web.base + BYLINED, "--id", "border-wire-handover")[0] == 0
    assert (project / "sources" / "border-wire-handover.yml").read_bytes() != yml  # its own id


def test_a_saved_web_archive_gives_the_address_and_the_day_it_was_saved(
    project: Path, capsys: pytest.CaptureFixture[str]
):
    code, _, _ = add(project, capsys, str(PAGES / "saved-page.mhtml"))
    assert code == 0
    data = record(project, BYLINED_ID)
    assert data["url"] == "https://borderwire.example/news/2024/border-police-hand-over-212-suspects"
    assert data["retrieved"] == "2024-02-15"
    assert (project / "sources" / f"{BYLINED_ID}.txt").read_text(encoding="utf-8") == BYLINED_TEXT
    assert "written by timeline add-source from a saved page (saved-page.mhtml)" in (
        (project / "sources" / f"{BYLINED_ID}.yml").read_text(encoding="utf-8").lower()
    )
    assert str(PAGES) not in (project / "sources" / f"{BYLINED_ID}.yml").read_text(encoding="utf-8")


def test_a_saved_html_page_takes_its_address_from_the_option_or_from_the_page(
    project: Path, capsys: pytest.CaptureFixture[str]
):
    page = str(PAGES / "bylined.html")
    assert add(project, capsys, page, "--id", "given", "--url", "https://mirror.example/a")[0] == 0
    assert record(project, "given")["url"] == "https://mirror.example/a"
    code, out, _ = add(project, capsys, page, "--id", "canonical")
    assert code == 0
    data = record(project, "canonical")
    assert data["url"] == "https://borderwire.example/news/2024/border-police-hand-over-212-suspects"
    assert "the address the saved page gives for itself" in out
    assert "retrieved" not in data  # not known for a saved .html file, so left out


def test_plain_text_is_archived_as_given_and_every_field_is_left_to_fill(
    project: Path, capsys: pytest.CaptureFixture[str]
):
    given = PAGES / "copied-text.txt"
    code, _, err = add(project, capsys, str(given))
    assert (code, err) == (1, "error: the page gives no publisher, date or headline to name the source by; "
                              "choose an id with --id\n")  # fmt: skip
    assert add(project, capsys, str(given), "--id", "shelter-volunteers")[0] == 0
    text = (project / "sources" / "shelter-volunteers.txt").read_text(encoding="utf-8")
    assert text == given.read_text(encoding="utf-8")  # exactly as given, blank lines and all
    data = record(project, "shelter-volunteers")
    assert all(data[k].startswith("TODO") for k in ("title", "publisher", "author", "published", "url"))
    assert errors(run_cli("--root", str(project))[1]) == ["placeholder"] * 7


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["missing.html"], "error: missing.html: cannot read the file (No such file or directory)"),
        (["page.docx"], "give a page saved as .html, .htm, .mhtml or .mht, or its text as .txt"),
        (["page.txt", "--id", "Not An Id"], "'Not An Id' is not an id; choose one with --id"),
        (["page.txt", "--url", "file:///etc/passwd"], "--url must be an http:// or https:// address"),
        (["ftp://example.org/page"], "only http:// and https:// addresses can be fetched"),
        (["latin1.txt", "--id", "x"], "latin1.txt is not UTF-8 text; save it as UTF-8"),
        (["empty.txt", "--id", "x"], "empty.txt is empty; paste the article's text into it"),
        (["no-page.mhtml"], "no-page.mhtml holds no HTML page; save the page again"),
    ],
)
def test_bad_input_gets_one_line_and_exit_status_1(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], says: str,
    monkeypatch: pytest.MonkeyPatch,
):  # fmt: skip
    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.docx").write_bytes(b"PK")
    (tmp_path / "page.txt").write_text("An article.\n")
    (tmp_path / "latin1.txt").write_bytes("Caf\u00e9 society.\n".encode("latin-1"))
    (tmp_path / "empty.txt").write_text(" \n")
    (tmp_path / "no-page.mhtml").write_text("MIME-Version: 1.0\nContent-Type: text/plain\n\nHello\n")
    before = sources(project)
    code, out, err = add(project, capsys, *args)
    assert (code, out) == (1, "")
    assert says in err and err.count("\n") == 1 and "Traceback" not in err
    assert sources(project) == before


def test_new_source_from_does_the_same(project: Path, web: Server, capsys: pytest.CaptureFixture[str]):
    code = timeline(["new", "--root", str(project), "source", "--from", web.base + BYLINED])
    assert code == 0
    assert (project / "sources" / f"{BYLINED_ID}.txt").read_text(encoding="utf-8") == BYLINED_TEXT
    assert timeline(["new", "--root", str(project), "source", "--publisher", "X"]) == 1
    assert "give --publisher, --date and --title, or --from URL-or-FILE" in capsys.readouterr().err


def test_the_archive_is_asked_for_a_copy_only_when_wanted(
    project: Path, web: Server, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr("timeline.contrib.wayback.AVAILABILITY_API", web.base + "/wayback/available")
    asked = [r for r in web.log.requests if r[1].startswith("/wayback/")]
    assert add(project, capsys, web.base + BYLINED, "--id", "plain")[0] == 0
    assert "archive_url" not in record(project, "plain")
    assert [r for r in web.log.requests if r[1].startswith("/wayback/")] == asked
    assert add(project, capsys, web.base + BYLINED, "--find-archive")[0] == 0
    copy = f"https://web.archive.org/web/20240215000000/{web.base}{BYLINED}"
    assert record(project, BYLINED_ID)["archive_url"] == copy
    code, _, err = add(project, capsys, web.base + "/notes/volunteers", "--find-archive")
    assert code == 0 and "the Internet Archive has no copy of this page" in err
    given = "https://web.archive.org/web/2024/https://borderwire.example/x"
    assert add(project, capsys, web.base + BYLINED, "--id", "given", "--archive-url", given)[0] == 0
    assert record(project, "given")["archive_url"] == given


def test_every_request_names_the_project(project: Path, web: Server, capsys: pytest.CaptureFixture[str]):
    assert add(project, capsys, web.base + BYLINED)[0] == 0
    assert all(agent.startswith("myanmar-scam-crackdown-timeline ") for _, _, agent in web.log.requests)


def test_the_source_page_shows_the_archived_copy_escaped(project: Path):
    record_path = project / "sources" / "tribune.yml"
    hostile = 'https://web.archive.org/web/2024/x"><script>alert(1)</script>'
    fill(
        record_path, {"archive_sha256:": f"archive_url: '{hostile}'\nretrieved: 2024-01-06\narchive_sha256:"}
    )
    dataset = validate(project).dataset
    assert dataset is not None
    page = source_pages(Context.of(dataset, SiteInfo()), dataset.sources["tribune"])[0].make()[0].content
    assert "- **Archived copy:** [" in page
    assert "<script>" not in page
    assert "(https://web.archive.org/web/2024/x%22%3E%3Cscript%3Ealert%281%29%3C/script%3E)" in page
    assert "- **Captured:** 6 January 2024" in page


def test_the_fixture_pages_are_fictional():
    for page in PAGES.iterdir():
        assert "fictional" in page.read_text(encoding="utf-8").lower(), page.name


def test_no_stray_files_when_the_source_folder_is_missing(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    project = tmp_path / "p"
    (project / "schemas").mkdir(parents=True)
    (project / "events").mkdir()
    shutil.copyfile(PAGES / "copied-text.txt", tmp_path / "a.txt")
    code, _, err = add(project, capsys, str(tmp_path / "a.txt"), "--id", "x")
    assert code == 1 and err.startswith("error: ") and err.count("\n") == 1


@pytest.mark.parametrize(
    "value",
    [
        'a "quoted" headline: with a colon',
        "line\u2028separator and \u0085next line",
        "tab\tand \\ back",
        "# not a comment",
    ],
)
def test_values_from_a_page_are_written_as_yaml_that_reads_back_the_same(value: str):
    written = yaml_quoted(value)
    assert "\n" not in written and "\u2028" not in written and "\u0085" not in written
    assert yaml.safe_load(f"title: {written}\n") == {"title": value}


def test_a_page_that_declares_an_unknown_character_set_is_still_read():
    page = (PAGES / "bylined.html").read_bytes()
    assert decoded(page, "no-such-charset") == page.decode("utf-8")
    assert decoded("Caf\u00e9".encode("cp1252"), "cp1252") == "Caf\u00e9"
