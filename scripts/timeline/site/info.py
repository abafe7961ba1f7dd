"""What pages and exports need to know about the site: its story, where it lives and its repository.

Nothing here is about one story: the story's name, what it covers, its map and the measure
its figures page charts come from the site's settings (the plugin's options in mkdocs.yml),
so that another newsroom's story builds with the same code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..data.paths import event_page, page_address


@dataclass(frozen=True)
class SiteInfo:
    """The story's settings, the published address and repository, when known, and when
    each data file last changed."""

    site_url: str | None = None  # e.g. https://owner.github.io/repo/
    repo_url: str | None = None  # e.g. https://github.com/owner/repo
    branch: str = "main"
    name: str = "Timeline"  # mkdocs.yml's site_name: the title of the exports
    subject: str = "the story"  # what the timeline covers, read after "Every event of"
    story_id: str = "timeline"  # in URNs and calendar UIDs, which must not change when the site moves
    map_region: Path | None = None  # the locator map's boundaries (GeoJSON); without them, no map
    map_focus: tuple[str, ...] = ()  # the countries the story is about, named on the map in this order
    figures_chart: str | None = None  # the measure the figures page charts (else the most reported)
    changed: Mapping[str, str] = field(default_factory=dict)  # data file -> YYYY-MM-DD
    storylines: tuple[str, ...] = ()  # topic ids in story order: the home page's storylines marker
    events_per_page: int = 50  # a longer timeline is split into periods (and search stays small)
    events_per_entity_page: int = 100  # a longer list of an entity's events (or a source's citations) goes on
    entries_per_index_page: int = 500  # a longer index of entities or of sources goes on to more pages
    figures_per_page: int = 200  # more figures or disagreements than this: a page for each measure
    share_cards: bool = True  # a share card (og:image) for every page

    @property
    def data_changed(self) -> str | None:
        """The newest change to any data file (the footer's "data last changed"), if known."""
        return max(self.changed.values(), default=None)

    def permalink(self, event_id: str) -> str:
        """The event's own page: absolute when the site address is known, else from the site root."""
        base = f"{self.site_url.rstrip('/')}/" if self.site_url else ""
        return base + page_address(event_page(event_id))

    def history(self, data_file: str) -> str | None:
        """The repository's list of changes to one data file, when the repository is known."""
        return f"{self.repo_url.rstrip('/')}/commits/{self.branch}/{data_file}" if self.repo_url else None

    def urn(self, *parts: str) -> str:
        """A stable identifier that does not change when the site moves: urn(event:ID), urn(feed)."""
        return ":".join([f"urn:x-{self.story_id}", *parts])


class BadSetting(ValueError):
    """A setting of the story (a plugin option in mkdocs.yml) that cannot be used; the
    message names it and says what to write instead."""
