"""Open data: the model as JSON (with a JSON Schema), CSV, an Atom feed and an iCalendar file.

Every export carries every event with its citations, and is built with the site, so
that what a reader sees and what a reuser downloads never differ.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import unicodedata
from typing import Any

import icalendar
from feedgen.feed import FeedGenerator
from markupsafe import escape

from ..data.markup import summary_html
from ..data.model import Dataset, Event, Figure
from .info import SiteInfo

JSON_PATH, SCHEMA_PATH, CSV_PATH, ATOM_PATH, ICS_PATH = (
    "data/events.json",
    "data/events.schema.json",
    "data/events.csv",
    "feed.xml",
    "events.ics",
)


def event_record(data: Dataset, event: Event, site: SiteInfo) -> dict[str, Any]:
    """One event as plain data, with names and citation details resolved."""
    first, last = event.date.iso_bounds()
    return {
        "id": event.id,
        "title": event.title,
        "date": {"text": event.date.text, "display": event.date.display(), "earliest": first, "latest": last},
        "date_basis": event.date_basis,
        "summary": event.summary,
        "details": event.details,
        "topics": [{"id": t, "name": data.entities[t].name} for t in event.topics],
        "entities": [
            {"id": e, "name": data.entities[e].name, "kind": data.entities[e].kind} for e in event.entities
        ],
        "figures": [_figure(data, f) for f in event.figures],
        "disagreements": [
            {
                "about": d.about,
                "kind": d.kind,
                "conflict": d.conflict,
                "note": d.note,
                "accounts": [
                    {"says": a.says, "citation": _citation(data, a.source, a.quote)} for a in d.accounts
                ],
            }
            for d in event.disagreements
        ],
        "citations": [_citation(data, c.source, c.quote) for c in event.citations],
        "permalink": site.permalink(event.id),
        "data_file": event.path,
    }


def _figure(data: Dataset, f: Figure) -> dict[str, Any]:
    return {
        "measure": f.measure,
        "value": f.value,
        "qualifier": f.qualifier,
        "hedge": f.hedge,
        "unit": f.unit,
        "counts": f.counts,
        "period": f.period,
        "reported_by": f.reported_by,
        "note": f.note,
        "citation": _citation(data, f.source, f.quote),
    }


def _citation(data: Dataset, source_id: str, quote: str) -> dict[str, Any]:
    """A quote with the details of its source, so that a reader of the export needs no lookup."""
    source = data.sources[source_id]
    return {
        "source": source_id,
        "publisher": source.publisher,
        "title": source.title,
        "published": source.published.text,
        "url": source.url,
        "archive_url": source.archive_url,
        "quote": quote,
    }


def events_json(data: Dataset, site: SiteInfo) -> str:
    document = {
        "$schema": "events.schema.json",
        "title": site.name,
        "count": len(data.events),
        "events": [event_record(data, e, site) for e in data.events],
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


CSV_COLUMNS = ["id", "date", "date_display", "earliest", "latest", "title", "summary", "details",
               "date_basis", "topics", "entities", "sources", "citations", "permalink"]  # fmt: skip


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(text: str) -> str:
    """The text of a CSV cell, made safe to open in a spreadsheet.

    Excel, LibreOffice Calc and Google Sheets read a cell that begins with =, +, -, @,
    a tab or a carriage return as a formula, and a formula can run commands or send
    the sheet's contents elsewhere ("CSV injection"). As OWASP's guidance on CSV
    injection advises, such a cell is prefixed with a single quote, which makes a
    spreadsheet show it as text; every other cell is left exactly as it is. The
    quoting of commas, quotes and line breaks is the csv module's job.
    """
    return f"'{text}" if _starts_a_formula(text) else text


def _starts_a_formula(text: str) -> bool:
    """Whether a spreadsheet may read the text as a formula: spreadsheets skip leading
    spaces (no-break and other Unicode spaces too) and read a full-width '＝' as '=', so
    the first character that is neither space nor invisible counts, in its compatibility
    form ('＝' -> '=', '﹢' -> '+')."""
    if text.startswith(FORMULA_STARTS):
        return True
    first = next((c for c in text if not c.isspace() and unicodedata.category(c) != "Cf"), "")
    return unicodedata.normalize("NFKC", first).startswith(FORMULA_STARTS)


def events_csv(data: Dataset, site: SiteInfo) -> str:
    """One row per event; lists are ';'-separated ids, citations a JSON list.

    Every cell goes through csv_cell(), so no text from the data runs as a formula.
    """
    out = io.StringIO()
    # Rows end in CRLF, as RFC 4180 has it; the writer then also quotes a cell that holds a
    # lone carriage return, which with "\n" it would write bare, splitting the row in two.
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for event in data.events:
        record = event_record(data, event, site)
        row = {
            "id": event.id,
            "date": event.date.text,
            "date_display": record["date"]["display"],
            "earliest": record["date"]["earliest"] or "",
            "latest": record["date"]["latest"] or "",
            "title": event.title,
            "summary": event.summary,
            "details": event.details or "",
            "date_basis": event.date_basis,
            "topics": ";".join(event.topics),
            "entities": ";".join(event.entities),
            "sources": ";".join(event.sources),
            "citations": json.dumps(record["citations"], ensure_ascii=False),
            "permalink": record["permalink"],
        }
        writer.writerow({column: csv_cell(text) for column, text in row.items()})
    return out.getvalue()


def _day(event: Event) -> dt.datetime:
    """The day an event is placed at, as a time for feeds: its earliest day, or for
    'on or before' its latest."""
    return dt.datetime.combine(event.date.start.earliest, dt.time(), tzinfo=dt.UTC)


def _entry_html(data: Dataset, event: Event) -> str:
    items = "".join(
        f"<li>{escape(data.sources[c.source].cited_as)}: “{escape(c.quote)}”</li>" for c in event.citations
    )
    details = summary_html(event.details) if event.details else ""
    return (
        f"<p><strong>{escape(event.date.display())}</strong></p>{summary_html(event.summary)}{details}"
        f"<ol>{items}</ol>"
    )


def atom_feed(data: Dataset, site: SiteInfo) -> bytes:
    """An Atom feed of every event, newest first."""
    feed = FeedGenerator()
    feed.id(site.urn("feed"))
    feed.title(site.name)
    feed.subtitle("Every event of the timeline, each with the quotes it rests on.")
    feed.language("en")
    home = site.site_url or "./"
    feed.link(href=home, rel="alternate")
    if site.site_url:
        feed.link(href=site.site_url.rstrip("/") + "/" + ATOM_PATH, rel="self")
    newest_first = sorted(data.events, key=lambda e: (e.date.sort_key, e.id), reverse=True)
    feed.updated(max(_day(e) for e in data.events))
    for event in newest_first:
        entry = feed.add_entry(order="append")
        entry.id(site.urn("event", event.id))
        entry.title(event.title)
        entry.link(href=site.permalink(event.id), rel="alternate")
        entry.published(_day(event))
        entry.updated(_day(event))
        entry.content(_entry_html(data, event), type="html")
    return bytes(feed.atom_str(pretty=True))


def _stamp(event: Event, day: str | None) -> dt.datetime:
    """When an event's entry was last revised (its DTSTAMP): `day`, when its file or else the
    data last changed, or outside git its own day, as in the feed. It follows the data, never
    the clock, so the same data gives the same calendar byte for byte and a save in the
    preview leaves the file alone."""
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(), tzinfo=dt.UTC) if day else _day(event)


def ics_calendar(data: Dataset, site: SiteInfo) -> bytes:
    """An iCalendar file with one all-day event (or span of days) per event."""
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//{site.name}//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", site.name)
    latest = site.data_changed  # once: it looks at every file's date
    for event in data.events:
        first, last = event.date.iso_bounds()
        start = dt.date.fromisoformat(first or str(last))  # a date has at least one bound
        end = dt.date.fromisoformat(last) if last and first else start
        item = icalendar.Event()
        item.add("uid", f"{event.id}@{site.story_id}")
        item.add("dtstamp", _stamp(event, site.changed.get(event.path) or latest))
        item.add("dtstart", start)
        item.add("dtend", end + dt.timedelta(days=1))
        item.add("summary", event.title)
        sources = "\n".join(f"- {data.sources[c.source].cited_as}: “{c.quote}”" for c in event.citations)
        item.add("description", f"{event.date.display()}\n\n{event.summary}\n\nSources:\n{sources}")
        if site.site_url:
            item.add("url", site.permalink(event.id))
        cal.add_component(item)
    return bytes(cal.to_ical())


def exports(data: Dataset, site: SiteInfo, schema: str) -> dict[str, bytes]:
    """Every export by its path in the site; `schema` is the JSON Schema shipped beside events.json."""
    return {
        JSON_PATH: events_json(data, site).encode(),
        SCHEMA_PATH: schema.encode(),
        CSV_PATH: events_csv(data, site).encode(),
        ATOM_PATH: atom_feed(data, site),
        ICS_PATH: ics_calendar(data, site),
    }
