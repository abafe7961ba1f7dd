"""Render: pure functions from the model to page Markdown, one string per page.

Python prepares what each page shows (labels, links, numbering, grouping); the Jinja2
templates in templates/ only lay it out. All text that reaches a page passes through
markup.md_text (plain fields) or markup.summary_html (Markdown summaries). Links are
written as relative Markdown links between .md pages, so that the site generator
checks them and makes them work under any sub-path.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .dates import FuzzyDate, Precision
from .markup import head_text, md_text, plain_text, safe_url, summary_html
from .model import Citation, Dataset, Entity, Event, Figure, Source
from .site import SiteInfo

KIND_LABELS = {
    "person": "People",
    "organisation": "Organisations",
    "group": "Armed groups and gangs",
    "place": "Places",
    "operation": "Operations",
    "topic": "Topics",
}
KIND_SINGULAR = {
    "person": "Person",
    "organisation": "Organisation",
    "group": "Armed group or gang",
    "place": "Place",
    "operation": "Operation",
    "topic": "Topic",
}
QUALIFIERS = {
    "exactly": "",
    "more-than": "more than ",
    "at-least": "at least ",
    "about": "about ",
    "up-to": "up to ",
}
TIMELINE = "timeline.md"
FIGURES = "figures.md"
HOME = "index.md"
_MARKER = re.compile(r"<!--\s*data:(\w+)((?:\s+[a-z0-9-]+)*)\s*-->")


@dataclass(frozen=True)
class Page:
    """A generated page: where it goes, its Markdown, and the data file behind it (for edit links)."""

    path: str
    markdown: str
    data_file: str | None = None


def entity_page(entity_id: str, kind: str) -> str:
    return f"{'topics' if kind == 'topic' else 'entities'}/{entity_id}.md"


def source_page(source_id: str) -> str:
    return f"sources/{source_id}.md"


def link(from_page: str, to_page: str, anchor: str | None = None) -> str:
    """A relative link between two pages' source paths, as Markdown expects."""
    target = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    return f"{target}#{anchor}" if anchor else target


def figure_text(figure: Figure) -> str:
    """'more than 31,000 suspects', '3 billion yuan': as the articles write them."""
    return f"{QUALIFIERS[figure.qualifier]}{_as_written(figure.value)} {figure.unit}"


def _as_written(value: int) -> str:
    """Round billions and millions in words ('3 billion', '41.4 million'), else '31,000'."""
    for word, size in (("billion", 10**9), ("million", 10**6)):
        if value >= size and value % (size // 10) == 0:
            return f"{f'{value / size:.1f}'.removesuffix('.0')} {word}"
    return f"{value:,}"


SCHEMA_ORG_TYPES = {
    "person": "Person",
    "organisation": "Organization",
    "group": "Organization",
    "place": "Place",
}


def json_ld(data: object) -> Markup:
    """A schema.org JSON-LD block; '</' is escaped so no text can close the script."""
    text = json.dumps(data, ensure_ascii=False, indent=1).replace("</", "<\\/").replace("<!--", "<\\!--")
    return Markup(f'<script type="application/ld+json">\n{text}\n</script>')


class Renderer:
    """Renders every page of a dataset; one instance per build."""

    def __init__(self, data: Dataset, site: SiteInfo):
        self.data = data
        self.site = site
        self.events = {e.id: e for e in data.events}
        self.env = Environment(
            loader=FileSystemLoader(Path(__file__).parent / "templates"),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters["md"] = md_text
        self.env.filters["summary"] = summary_html
        self.env.filters["url"] = safe_url
        self.env.filters["head"] = head_text

    # --- views: what a page shows, computed once, laid out by the templates --------------------

    def publisher_and_date(self, source_id: str) -> str:
        return self.data.sources[source_id].cited_as

    def citations(self, page: str, citations: Iterable[Citation]) -> list[dict]:
        return [
            {
                "number": n,
                "label": self.publisher_and_date(c.source),
                "quote": c.quote,
                "source_link": link(page, source_page(c.source)),
                "original": safe_url(self.data.sources[c.source].url),
            }
            for n, c in enumerate(citations, start=1)
        ]

    def chips(self, page: str, event: Event) -> list[dict]:
        entities = [self.data.entities[i] for i in (*event.topics, *event.entities)]
        return [
            {"label": e.name, "kind": e.kind, "link": link(page, entity_page(e.id, e.kind))} for e in entities
        ]

    def figure_view(self, page: str, figure: Figure) -> dict:
        """A figure with who gave it: an entity, or the article itself when it names no one."""
        reporter = self.data.entities.get(figure.reported_by or "")
        publisher = self.data.sources[figure.source].publisher
        return {
            "text": figure_text(figure),
            "measure": figure.measure.replace("-", " ").capitalize(),
            "period": figure.period,
            "reporter": reporter.name if reporter else f"{publisher}, in its own words",
            "own_voice": reporter is None,
            "reporter_link": link(page, entity_page(reporter.id, reporter.kind)) if reporter else None,
            "source": self.publisher_and_date(figure.source),
            "source_link": link(page, source_page(figure.source)),
            "quote": figure.quote,
            "note": figure.note,
            "event": self.event_ref(page, self.events[figure.event]),
        }

    def disagreement_views(self, page: str, event: Event) -> list[dict]:
        return [
            {
                "about": d.about,
                "note": d.note,
                "event": self.event_ref(page, event),
                "accounts": [
                    {
                        "source": self.publisher_and_date(a.source),
                        "source_link": link(page, source_page(a.source)),
                        "says": a.says,
                        "quote": a.quote,
                    }
                    for a in d.accounts
                ],
            }
            for d in event.disagreements
        ]

    def event_view(self, page: str, event: Event) -> dict:
        return {
            "id": event.id,
            "title": event.title,
            "date": event.date.display(),
            "datetime": machine_date(event.date),
            "date_basis": event.date_basis,
            "summary": event.summary,
            "chips": self.chips(page, event),
            "topics": " ".join(event.topics),
            "entities": " ".join(event.entities),
            "kinds": " ".join(sorted({self.data.entities[e].kind for e in event.entities})),
            "figures": [self.figure_view(page, f) for f in event.figures],
            "disagreements": self.disagreement_views(page, event),
            "citations": self.citations(page, event.citations),
            "changed": self.site.changed.get(event.path),
            "history": self.site.history(event.path),
        }

    def event_ref(self, page: str, event: Event) -> dict:
        """A short reference to an event: its date, title and permalink on the timeline."""
        return {"date": event.date.display(), "title": event.title, "link": link(page, TIMELINE, event.id)}

    # --- pages ------------------------------------------------------------------------------------

    def timeline(self) -> Page:
        years = []
        for year, in_year in groupby(self.data.events, key=lambda e: e.date.start.earliest.year):
            months = [
                {"label": label, "events": [self.event_view(TIMELINE, e) for e in events]}
                for label, events in groupby(in_year, key=month_label)
            ]
            years.append({"year": year, "months": months})
        entities = [e for e in self.data.entities.values() if e.kind != "topic"]
        return Page(
            TIMELINE,
            self.render(
                "timeline.md.j2",
                years=years,
                count=len(self.data.events),
                structured=json_ld(self.timeline_ld()),
                topics=[e for e in self.data.entities.values() if e.kind == "topic"],
                kinds=[(k, KIND_LABELS[k]) for k in KIND_LABELS if any(e.kind == k for e in entities)],
                entity_groups=self.entity_groups(entities),
            ),
        )

    def entity_groups(self, entities: list[Entity]) -> list[dict]:
        ordered = sorted(entities, key=lambda e: (list(KIND_LABELS).index(e.kind), e.name.lower()))
        return [
            {"kind": kind, "label": KIND_LABELS[kind], "entities": list(group)}
            for kind, group in groupby(ordered, key=lambda e: e.kind)
        ]

    def entity(self, entity: Entity) -> Page:
        page = entity_page(entity.id, entity.kind)
        events = self.data.events_by_topic if entity.kind == "topic" else self.data.events_by_entity
        related = [self.data.entities[r] for r in entity.related]
        return Page(
            page,
            self.render(
                "entity.md.j2",
                entity=entity,
                kind_label=KIND_SINGULAR[entity.kind],
                citations=self.citations(page, entity.citations),
                events=[self.event_ref(page, e) | {"summary": e.summary} for e in events.get(entity.id, ())],
                related=[{"name": r.name, "link": link(page, entity_page(r.id, r.kind))} for r in related],
                index_link=link(page, "topics/index.md" if entity.kind == "topic" else "entities/index.md"),
                changed=self.site.changed.get(entity.path),
                history=self.site.history(entity.path),
                structured=json_ld(self.entity_ld(entity)),
            ),
            entity.path,
        )

    def entity_indexes(self) -> list[Page]:
        topics_page, entities_page = "topics/index.md", "entities/index.md"
        topics = [e for e in self.data.entities.values() if e.kind == "topic"]
        others = [e for e in self.data.entities.values() if e.kind != "topic"]

        def rows(page: str, items: list[Entity]) -> list[dict]:
            events = self.data.events_by_topic | self.data.events_by_entity
            return [
                {"name": e.name, "link": link(page, entity_page(e.id, e.kind)),
                 "count": len(events.get(e.id, ())), "summary": e.summary}
                for e in items
            ]  # fmt: skip

        groups = [g | {"rows": rows(entities_page, g["entities"])} for g in self.entity_groups(others)]
        return [
            Page(topics_page, self.render("topics_index.md.j2", rows=rows(topics_page, topics))),
            Page(entities_page, self.render("entities_index.md.j2", groups=groups)),
        ]

    def source(self, source: Source) -> Page:
        page = source_page(source.id)
        citing = []
        for event in self.data.events_by_source.get(source.id, ()):
            quotes = [c.quote for c in event.citations if c.source == source.id]
            quotes += [f.quote for f in event.figures if f.source == source.id]
            quotes += [a.quote for d in event.disagreements for a in d.accounts if a.source == source.id]
            citing.append(self.event_ref(page, event) | {"quotes": list(dict.fromkeys(quotes))})
        entities = [
            {"name": e.name, "link": link(page, entity_page(e.id, e.kind)),
             "quotes": [c.quote for c in e.citations if c.source == source.id]}
            for e in self.data.entities.values()
            if any(c.source == source.id for c in e.citations)
        ]  # fmt: skip
        return Page(
            page,
            self.render(
                "source.md.j2", source=source, url=safe_url(source.url), events=citing, entities=entities
            ),
            source.path,
        )

    def sources_index(self) -> Page:
        page = "sources/index.md"
        by_date = sorted(self.data.sources.values(), key=lambda s: s.published.sort_key)
        rows = [
            {
                "source": s,
                "link": link(page, source_page(s.id)),
                "count": len(self.data.events_by_source.get(s.id, ())),
            }
            for s in by_date
        ]
        return Page(page, self.render("sources_index.md.j2", rows=rows))

    def figures(self) -> Page:
        measures = [
            {
                "measure": measure.replace("-", " ").capitalize(),
                "figures": [self.figure_view(FIGURES, f) for f in figures],
            }
            for measure, figures in sorted(
                self.data.figures_by_measure.items(), key=lambda item: (-len(item[1]), item[0])
            )
        ]
        disagreements = [d for e in self.data.events for d in self.disagreement_views(FIGURES, e)]
        return Page(FIGURES, self.render("figures.md.j2", measures=measures, disagreements=disagreements))

    def home(self, handwritten: str) -> Page:
        """The hand-written home page with its data markers filled in from the model."""

        def fill(match: re.Match) -> str:
            what, args = match[1], match[2].split()
            if what == "storylines":
                return self.render("home_storylines.md.j2", topics=self.storylines(args))
            if what == "figures":
                return self.render("home_figures.md.j2", measures=self.headline_figures(args))
            if what == "count":
                return str(len(self.data.events))
            raise ValueError(f"unknown data marker '{what}' in docs/index.md")

        return Page(HOME, _MARKER.sub(fill, handwritten), "docs/index.md")

    def storylines(self, order: list[str]) -> list[dict]:
        """The topics in the order the home page names them, then any others."""
        topics = [self.data.entities[t] for t in order if t in self.data.entities]
        topics += [e for e in self.data.entities.values() if e.kind == "topic" and e not in topics]
        views = []
        for topic in topics:
            events = self.data.events_by_topic.get(topic.id, ())
            views.append(
                {
                    "name": topic.name,
                    "link": link(HOME, entity_page(topic.id, "topic")),
                    "span": span(events),
                    "count": len(events),
                    "summary": topic.summary,
                }
            )
        return views

    def headline_figures(self, measures: list[str]) -> list[dict]:
        """Every reported figure of each measure; the same number from the same reporter for
        the same event is listed once, with every article that reports it, never dropped."""
        views = []
        for measure in measures:
            items: dict[tuple, dict] = {}
            for figure in self.data.figures_by_measure.get(measure, ()):
                key = (figure.value, figure.qualifier, figure.period, figure.reported_by, figure.event)
                view = self.figure_view(HOME, figure)
                item = items.setdefault(key, view | {"sources": []})
                item["sources"].append({"label": view["source"], "link": view["source_link"]})
            views.append({"measure": measure.replace("-", " ").capitalize(), "figures": list(items.values())})
        return views

    # --- structured data for search engines ------------------------------------------------------

    def timeline_ld(self) -> dict:
        """The timeline as a schema.org ItemList of Events, with dates as far as they are known."""
        items = []
        for n, event in enumerate(self.data.events, start=1):
            first, last = event.date.iso_bounds()
            item = {"@type": "Event", "name": event.title, "description": plain_text(event.summary)}
            item |= {"startDate": first} if first else {}
            item |= {"endDate": last} if last and last != first else {}
            item |= {"url": self.site.permalink(event.id)} if self.site.site_url else {}
            items.append({"@type": "ListItem", "position": n, "item": item})
        return {
            "@context": "https://schema.org",
            "@type": "ItemList",
            "name": "Timeline",
            "itemListElement": items,
        }

    def entity_ld(self, entity: Entity) -> dict:
        kind = SCHEMA_ORG_TYPES.get(entity.kind, "Thing")
        ld = {"@context": "https://schema.org", "@type": kind, "name": entity.name}
        ld |= {"alternateName": list(entity.aliases)} if entity.aliases else {}
        ld["description"] = plain_text(entity.summary)
        return ld

    def render(self, template: str, **context) -> str:
        return self.env.get_template(template).render(**context)


def month_label(event: Event) -> str:
    start = event.date.start
    if start.precision is Precision.YEAR and not event.date.open_start:
        return f"Sometime in {start.earliest.year}"
    return start.earliest.strftime("%B %Y")


def machine_date(date: FuzzyDate) -> str | None:
    """A valid HTML datetime value for a single, exact point, else None."""
    if date.end or date.open_end or date.open_start or date.start.approximate:
        return None
    return date.text


def span(events: tuple[Event, ...]) -> str:
    if not events:
        return ""
    first, last = events[0].date.display(), events[-1].date.display()
    return first if first == last else f"{first} to {last}"


def render_site(data: Dataset, home: str, site: SiteInfo | None = None) -> list[Page]:
    """Every generated page of the site: home, timeline, topics, entities, sources, figures."""
    renderer = Renderer(data, site or SiteInfo())
    pages = [renderer.home(home), renderer.timeline(), renderer.figures(), renderer.sources_index()]
    pages += renderer.entity_indexes()
    pages += [renderer.entity(e) for e in data.entities.values()]
    pages += [renderer.source(s) for s in data.sources.values()]
    return pages
