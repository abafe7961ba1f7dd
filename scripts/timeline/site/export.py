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
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import icalendar
from feedgen.feed import FeedGenerator
from markupsafe import escape

from ..data.markup import summary_html
from ..data.model import Dataset, Entity, Event, Figure, Source
from .info import SiteInfo

JSON_PATH, SCHEMA_PATH, CSV_PATH, ATOM_PATH, ICS_PATH = (
    "data/events.json",
    "data/events.schema.json",
    "data/events.csv",
    "feed.xml",
    "events.ics",
)


@dataclass(frozen=True)
class Exported:
    """An event with the records its export names and its permalink: all its rows in the
    exports are made from, so the preview writes them again only for the events a save
    changed (see exported())."""

    event: Event
    entities: tuple[Entity, ...]  # its topics and entities
    sources: tuple[Source, ...]  # every source it cites
    permalink: str

    @classmethod
    def of(cls, data: Dataset, event: Event, site: SiteInfo) -> Exported:
        entities = tuple(data.entities[e] for e in dict.fromkeys(event.topics + event.entities))
        sources = tuple(data.sources[s] for s in event.sources)
        return cls(event, entities, sources, site.permalink(event.id))


def event_record(item: Exported) -> dict[str, Any]:
    """One event as plain data, with names and citation details resolved."""
    event, names, sources = item.event, {e.id: e for e in item.entities}, {s.id: s for s in item.sources}
    first, last = event.date.iso_bounds()
    return {
        "id": event.id,
        "title": event.title,
        "date": {"text": event.date.text, "display": event.date.display(), "earliest": first, "latest": last},
        "date_basis": event.date_basis,
        "summary": event.summary,
        "details": event.details,
        "topics": [{"id": t, "name": names[t].name} for t in event.topics],
        "entities": [{"id": e, "name": names[e].name, "kind": names[e].kind} for e in event.entities],
        "figures": [_figure(sources, f) for f in event.figures],
        "disagreements": [
            {
                "about": d.about,
                "kind": d.kind,
                "conflict": d.conflict,
                "note": d.note,
                "accounts": [
                    {"says": a.says, "citation": _citation(sources, a.source, a.quote)} for a in d.accounts
                ],
            }
            for d in event.disagreements
        ],
        "citations": [_citation(sources, c.source, c.quote) for c in event.citations],
        "permalink": item.permalink,
        "data_file": event.path,
    }


def _figure(sources: Mapping[str, Source], f: Figure) -> dict[str, Any]:
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
        "citation": _citation(sources, f.source, f.quote),
    }


def _citation(sources: Mapping[str, Source], source_id: str, quote: str) -> dict[str, Any]:
    """A quote with the details of its source, so that a reader of the export needs no lookup."""
    source = sources[source_id]
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
    """Every event as JSON, as json.dumps writes the whole document with indent=1; each
    event's part of it is kept (see exported())."""
    return _json_text(site, _parts(data, site))


def _parts(data: Dataset, site: SiteInfo) -> list[tuple[str, str]]:
    return [exported(Exported.of(data, e, site)) for e in data.events]


def _json_text(site: SiteInfo, parts: list[tuple[str, str]]) -> str:
    document = {"$schema": "events.schema.json", "title": site.name, "count": len(parts), "events": []}
    text = json.dumps(document, ensure_ascii=False, indent=1)
    if parts:  # the list's items, at the depth json.dumps puts them
        items = ",\n  ".join(part for part, _ in parts)
        text = text.removesuffix('"events": []\n}') + f'"events": [\n  {items}\n ]\n}}'
    return text + "\n"


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
    return _csv_text(_parts(data, site))


def _csv_text(parts: list[tuple[str, str]]) -> str:
    return _csv_lines([CSV_COLUMNS]) + "".join(row for _, row in parts)


def _csv_lines(rows: list[list[str]]) -> str:
    out = io.StringIO()
    # Rows end in CRLF, as RFC 4180 has it; the writer then also quotes a cell that holds a
    # lone carriage return, which with "\n" it would write bare, splitting the row in two.
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


@lru_cache(maxsize=1 << 15)
def exported(item: Exported) -> tuple[str, str]:
    """An event's part of events.json (indented as it sits there) and its row of the CSV,
    kept for the events that did not change since."""
    record = event_record(item)
    event = item.event
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
    part = json.dumps(record, ensure_ascii=False, indent=1).replace(
        "\n", "\n  "
    )  # no JSON string holds a line break
    return part, _csv_lines([[csv_cell(row[column]) for column in CSV_COLUMNS]])


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
    """An iCalendar file with one all-day event (or span of days) per event.

    The calendar is icalendar's, with each event's lines written on their own (see
    _ics_event): folding the long lines is most of the work, and the preview does it again
    only for the events a save changed."""
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//{site.name}//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", site.name)
    latest = site.data_changed  # once: it looks at every file's date
    events = []
    for event in data.events:
        first, last = event.date.iso_bounds()
        start = dt.date.fromisoformat(first or str(last))  # a date has at least one bound
        end = dt.date.fromisoformat(last) if last and first else start
        sources = "\n".join(f"- {data.sources[c.source].cited_as}: “{c.quote}”" for c in event.citations)
        entry = IcsEvent(
            uid=f"{event.id}@{site.story_id}",
            stamp=_stamp(event, site.changed.get(event.path) or latest),
            start=start,
            end=end + dt.timedelta(days=1),
            summary=event.title,
            description=f"{event.date.display()}\n\n{event.summary}\n\nSources:\n{sources}",
            url=site.permalink(event.id) if site.site_url else None,
        )
        events.append(_ics_event(entry))
    head, end_line = bytes(cal.to_ical()).removesuffix(CALENDAR_END), CALENDAR_END
    return head + b"".join(events) + end_line


CALENDAR_END = b"END:VCALENDAR\r\n"


@dataclass(frozen=True)
class IcsEvent:
    """What one event of the calendar says."""

    uid: str
    stamp: dt.datetime
    start: dt.date
    end: dt.date  # the day after the last, as iCalendar counts
    summary: str
    description: str
    url: str | None


@lru_cache(maxsize=1 << 15)
def _ics_event(entry: IcsEvent) -> bytes:
    """One event's lines, as icalendar writes them inside the calendar."""
    item = icalendar.Event()
    item.add("uid", entry.uid)
    item.add("dtstamp", entry.stamp)
    item.add("dtstart", entry.start)
    item.add("dtend", entry.end)
    item.add("summary", entry.summary)
    item.add("description", entry.description)
    if entry.url:
        item.add("url", entry.url)
    return bytes(item.to_ical())


def forget_exported() -> None:
    """Let go of every event's kept part of the exports: only a preview makes them again."""
    exported.cache_clear()
    _ics_event.cache_clear()


def exports(data: Dataset, site: SiteInfo, schema: str) -> dict[str, bytes]:
    """Every export by its path in the site; `schema` is the JSON Schema shipped beside events.json."""
    parts = _parts(data, site)  # each event's, once for both
    return {
        JSON_PATH: _json_text(site, parts).encode(),
        SCHEMA_PATH: schema.encode(),
        CSV_PATH: _csv_text(parts).encode(),
        ATOM_PATH: atom_feed(data, site),
        ICS_PATH: ics_calendar(data, site),
    }
