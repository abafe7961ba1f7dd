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
    items = []
    for n, event in enumerate(data.events if events is None else events, start=1):
        first, last = event.date.iso_bounds()
        item: dict[str, Any] = {
            "@type": "Event",
            "name": event.title,
            "description": plain_text(event.summary),
        }
        item |= {"startDate": first} if first else {}
        item |= {"endDate": last} if last and last != first else {}
        item |= {"url": site.permalink(event.id)} if site.site_url else {}
        items.append({"@type": "ListItem", "position": n, "item": item})
    return {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "name": "Timeline",
        "itemListElement": items,
    }


def entity_ld(entity: Entity) -> dict[str, Any]:
    ld: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": SCHEMA_ORG_TYPES.get(entity.kind, "Thing"),
        "name": entity.name,
    }
    ld |= {"alternateName": list(entity.aliases)} if entity.aliases else {}
    ld["description"] = plain_text(entity.summary)
    return ld
