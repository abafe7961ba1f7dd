"""The exports, read back with real parsers from the built site: every event, valid, complete."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import feedparser
import icalendar
from jsonschema import Draft202012Validator

from conftest import REPO, SITE_URL
from timeline.project import validate

DATA = validate(REPO).dataset
IDS = [e.id for e in DATA.events]


def test_events_json_is_valid_against_its_schema_and_holds_every_event(built_site: Path):
    document = json.loads((built_site / "data" / "events.json").read_text(encoding="utf-8"))
    schema = json.loads((built_site / "data" / "events.schema.json").read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert [e.message for e in validator.iter_errors(document)] == []
    assert [e["id"] for e in document["events"]] == IDS and document["count"] == len(IDS)
    for event, record in zip(DATA.events, document["events"], strict=True):
        assert [c["quote"] for c in record["citations"]] == [c.quote for c in event.citations]
        assert record["permalink"] == f"{SITE_URL}timeline/#{event.id}"


def test_events_csv_has_one_row_per_event_with_its_citations(built_site: Path):
    with (built_site / "data" / "events.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["id"] for r in rows] == IDS
    for event, row in zip(DATA.events, rows, strict=True):
        assert [c["quote"] for c in json.loads(row["citations"])] == [c.quote for c in event.citations]
        assert row["date"] == event.date.text and row["title"] == event.title


def test_the_atom_feed_parses_and_lists_every_event_newest_first(built_site: Path):
    feed = feedparser.parse((built_site / "feed.xml").read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    entries = feed.entries
    assert sorted(e.id.rsplit(":", 1)[1] for e in entries) == sorted(IDS)
    days = [dt.date(*e.published_parsed[:3]) for e in entries]
    assert days == sorted(days, reverse=True)
    by_id = {e.id.rsplit(":", 1)[1]: e for e in entries}
    for event in DATA.events:
        entry = by_id[event.id]
        assert entry.link == f"{SITE_URL}timeline/#{event.id}"
        assert event.citations[0].quote.split()[0] in entry.content[0].value


def test_the_calendar_parses_with_one_entry_per_event_within_its_dates(built_site: Path):
    calendar = icalendar.Calendar.from_ical((built_site / "events.ics").read_bytes())
    entries = {str(c["uid"]).split("@")[0]: c for c in calendar.walk("VEVENT")}
    assert sorted(entries) == sorted(IDS)
    for event in DATA.events:
        entry = entries[event.id]
        start, end = entry.decoded("dtstart"), entry.decoded("dtend")
        assert start < end
        first, last = event.date.iso_bounds()
        assert start.isoformat() == (first or last)
        if first and last:
            assert (end - dt.timedelta(days=1)).isoformat() == last
        assert str(entry["summary"]) == event.title


def test_feeds_and_data_are_announced_in_every_page_head_and_linked(built_site: Path):
    head = (built_site / "timeline" / "index.html").read_text().split("</head>")[0]
    assert '<link rel="alternate" type="application/atom+xml"' in head
    assert 'type="text/calendar"' in head and 'type="application/json"' in head
    data_page = (built_site / "open-data" / "index.html").read_text()
    for href in ("../data/events.json", "../data/events.csv", "../feed.xml", "../events.ics"):
        assert f'href="{href}"' in data_page
