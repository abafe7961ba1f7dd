"""A short smoke test of the real site in a real browser: the pages a reader meets first.

Home, the timeline, an entity's page, an event's card and a search for that event each
answer 200, show their heading and log no error or Content-Security-Policy violation.
The entity and the event are the first ones the data has, so that any correct data
change keeps this passing; `./dev.sh test-data` runs it with the content tests.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from browser import violations, watch_policy
from timeline.data.model import Dataset, Event
from timeline.data.paths import entity_page
from timeline.data.vocabulary import TOPIC

pytestmark = [pytest.mark.smoke, pytest.mark.content, pytest.mark.browser, pytest.mark.build]


def open_page(page: Page, url: str) -> list[str]:
    """Open url, watched from its first moment; assert it answered 200 and shows a heading.
    Return the list the page's errors are collected into."""
    errors = watch_policy(page)
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    expect(page.locator("h1").first).to_be_visible()
    assert page.locator("h1").first.inner_text().strip(), url
    return errors


def assert_clean(page: Page, errors: list[str]) -> None:
    page.wait_for_load_state("networkidle")
    assert violations(page) == []
    assert errors == []


def timeline_page_of(site: Path, event: Event) -> str:
    """The address, relative to the site, of the timeline page that holds the event's card
    (the timeline may be split into several pages)."""
    holder = next(
        page
        for page in sorted((site / "timeline").rglob("index.html"))
        if f'id="{event.id}"' in page.read_text(encoding="utf-8")
    )
    return holder.parent.relative_to(site).as_posix() + "/"


def test_the_home_page(page: Page, base_url: str):
    errors = open_page(page, base_url)
    expect(page.locator("a[href$='timeline/']").first).to_be_attached()
    assert_clean(page, errors)


def test_the_timeline_shows_its_events(page: Page, base_url: str):
    errors = open_page(page, base_url + "timeline/")
    expect(page.locator(".tl-event").first).to_be_visible()
    assert_clean(page, errors)


def test_the_first_entity_with_events_has_its_page(page: Page, base_url: str, dataset: Dataset):
    entity = next(e for e in dataset.entities.values() if e.kind != TOPIC and dataset.events_of(e.id))
    errors = open_page(page, base_url + entity_page(entity.id, entity.kind).removesuffix(".md") + "/")
    expect(page.locator("h1").first).to_contain_text(entity.name)
    expect(page.locator(f"a[href*='events/{dataset.events_of(entity.id)[0].id}/']").first).to_be_attached()
    assert_clean(page, errors)


def test_the_first_event_opens_at_its_card(page: Page, base_url: str, built_site: Path, dataset: Dataset):
    event = dataset.events[0]
    errors = open_page(page, base_url + timeline_page_of(built_site, event) + f"#{event.id}")
    heading = page.locator(f"[id='{event.id}']")
    expect(heading).to_be_in_viewport()
    expect(heading).to_contain_text(event.title)
    expect(page.locator(f".tl-event[data-event='{event.id}'] .tl-ref").first).to_be_visible()
    assert_clean(page, errors)


def test_searching_the_first_events_title_lists_it(page: Page, base_url: str, dataset: Dataset):
    event = dataset.events[0]
    errors = open_page(page, base_url + "search/")
    page.fill("#tl-search-q", event.title)
    page.press("#tl-search-q", "Enter")
    result = page.locator(f"#tl-search-results a[href$='/events/{event.id}/']")
    expect(result.first).to_be_visible(timeout=10_000)
    result.first.click()
    page.wait_for_url(lambda url: urlsplit(url).path.endswith(f"/events/{event.id}/"))
    expect(page.locator("h1")).to_contain_text(event.title)
    assert_clean(page, errors)
