"""Structured data for search engines: schema.org JSON-LD for the timeline and each entity."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from markupsafe import Markup

from ..data.markup import plain_text
from ..data.model import Dataset, Entity, Event
from ..data.vocabulary import SCHEMA_ORG_TYPES
from .info import SiteInfo


def json_ld(data: object) -> Markup:
    """A JSON-LD script block; '</' and '<!--' are escaped so no text can close the script."""
    text = json.dumps(data, ensure_ascii=False, indent=1).replace("</", "<\\/").replace("<!--", "<\\!--")
    return Markup(f'<script type="application/ld+json">\n{text}\n</script>')


def timeline_ld(data: Dataset, site: SiteInfo, events: Iterable[Event] | None = None) -> dict[str, Any]:
    """The timeline (or a period of it) as a schema.org ItemList of Events, with dates as
    far as they are known."""
    chosen = data.events if events is None else events
    items = [
        {"@type": "ListItem", "position": n, "item": _event_item(event, site.permalink(event.id), site)}
        for n, event in enumerate(chosen, start=1)
    ]
    return {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "name": "Timeline",
        "itemListElement": items,
    }


def _event_item(event: Event, url: str, site: SiteInfo) -> dict[str, Any]:
    """An event as schema.org sees one: its name, description and dates as far as known."""
    first, last = event.date.iso_bounds()
    item: dict[str, Any] = {"@type": "Event", "name": event.title, "description": plain_text(event.summary)}
    item |= {"startDate": first} if first else {}
    item |= {"endDate": last} if last and last != first else {}
    item |= {"url": url} if site.site_url else {}
    return item


def event_ld(event: Event, site: SiteInfo) -> dict[str, Any]:
    """An event's own page as a schema.org Event, at its page's address when the site's is known."""
    return {"@context": "https://schema.org", **_event_item(event, site.permalink(event.id), site)}


def entity_ld(entity: Entity) -> dict[str, Any]:
    ld: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": SCHEMA_ORG_TYPES.get(entity.kind, "Thing"),
        "name": entity.name,
    }
    ld |= {"alternateName": list(entity.aliases)} if entity.aliases else {}
    ld["description"] = plain_text(entity.summary)
    return ld
