"""What pages and exports need to know about where the site and its repository live."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

URN = "urn:x-myanmar-scam-timeline"


@dataclass(frozen=True)
class SiteInfo:
    """The published address and repository, when known, and when each data file last changed."""

    site_url: str | None = None  # e.g. https://owner.github.io/repo/
    repo_url: str | None = None  # e.g. https://github.com/owner/repo
    branch: str = "main"
    changed: Mapping[str, str] = field(default_factory=dict)  # data file -> YYYY-MM-DD
    storylines: tuple[str, ...] = ()  # topic ids in story order: the home page's storylines marker
    events_per_page: int = 50  # a longer timeline is split into periods (and search stays small)
    events_per_entity_page: int = 100  # a longer list of an entity's events goes on to more pages
    figures_per_page: int = 200  # more figures or disagreements than this: a page for each measure

    @property
    def data_changed(self) -> str | None:
        """The newest change to any data file (the footer's "data last changed"), if known."""
        return max(self.changed.values(), default=None)

    def permalink(self, event_id: str) -> str:
        """The event's address: absolute when the site address is known, else from the site root."""
        base = f"{self.site_url.rstrip('/')}/" if self.site_url else ""
        return f"{base}timeline/#{event_id}"

    def history(self, data_file: str) -> str | None:
        """The repository's list of changes to one data file, when the repository is known."""
        return f"{self.repo_url.rstrip('/')}/commits/{self.branch}/{data_file}" if self.repo_url else None

    def urn(self, event_id: str) -> str:
        """A stable identifier that does not change when the site moves."""
        return f"{URN}:event:{event_id}"
