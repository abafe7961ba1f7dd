"""Filters that never dead-end, in a real Chromium on the built site, at 1280 and 390 px
(where the menus are behind a disclosure: test_filters_phone.py):
each option counts the events it would match with the other filters, one that would match
none is disabled, an unknown value in the address is dropped with a notice, and the chart
shows only the events the filters keep."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from browser import axe_violations, visible_events
from conftest import real_dataset
from timeline.data.model import Event

pytestmark = [pytest.mark.browser, pytest.mark.build]

DATA = real_dataset()
TOPIC = "chiang-mai-centre"
WIDTHS = {"desktop": 1280, "phone": 390}


@pytest.fixture(params=list(WIDTHS))
def wide_page(browser: Browser, request: pytest.FixtureRequest):
    context = browser.new_context(viewport={"width": WIDTHS[request.param], "height": 900})
    yield context.new_page()
    context.close()


def visit(page: Page, url: str) -> None:
    """Open the page, and on a phone the filters' disclosure, so that the menus can be used."""
    page.goto(url)
    toggle = page.locator("#tl-filters .tl-filter-toggle")
    if toggle.is_visible():
        toggle.click()


def options(page: Page, field: str) -> dict[str, tuple[str, bool]]:
    """Each option of a filter with a value: its text and whether it is disabled."""
    return {
        o["value"]: (o["text"], o["disabled"])
        for o in page.eval_on_selector_all(
            f"select[name={field}] option",
            "os => os.map(o => ({value: o.value, text: o.textContent, disabled: o.disabled}))",
        )
        if o["value"]
    }


def kinds(event: Event) -> set[str]:
    return {DATA.entities[x].kind for x in event.entities}


def test_each_option_counts_its_events_with_the_other_filters_and_none_is_disabled(
    wide_page: Page, base_url: str
):
    visit(wide_page, f"{base_url}timeline/?topic={TOPIC}")
    in_topic = DATA.events_by_topic[TOPIC]
    entities = options(wide_page, "entity")
    assert len(entities) == sum(1 for e in DATA.entities.values() if e.kind != "topic")
    for entity_id, (text, disabled) in entities.items():
        count = sum(1 for e in in_topic if e in DATA.events_of(entity_id))  # a parent's: its parts' too
        assert text.lstrip("\u00a0") == f"{DATA.entities[entity_id].name} ({count})"
        assert disabled == (count == 0), entity_id
    assert any(disabled for _, disabled in entities.values())  # the topic leaves some with none
    for kind, (text, disabled) in options(wide_page, "kind").items():
        count = sum(1 for e in in_topic if kind in kinds(e))
        assert text.endswith(f" ({count})") and disabled == (count == 0), kind
    for topic, (text, disabled) in options(wide_page, "topic").items():  # the topic's own: no other filter
        assert text == f"{DATA.entities[topic].name} ({len(DATA.events_by_topic[topic])})" and not disabled
    wide_page.click("#tl-filters button[type=reset]")
    expect(wide_page.locator("select[name=entity] option:disabled")).to_have_count(
        sum(1 for e in DATA.entities.values() if e.kind != "topic" and not DATA.events_of(e.id))
    )


def test_an_unknown_value_in_the_address_is_dropped_with_a_notice(wide_page: Page, base_url: str):
    visit(wide_page, f"{base_url}timeline/?entity=nonexistent")
    notice = wide_page.locator(".tl-filter-notice")
    expect(notice).to_have_text("No entity \u2018nonexistent\u2019 here: showing all events.")
    assert "entity=" not in wide_page.url
    assert len(visible_events(wide_page)) == len(DATA.events)
    assert axe_violations(wide_page) == []
    visit(wide_page, f"{base_url}timeline/?topic=x%3Cb%3E&entity=kokang")
    expect(notice).to_have_text("No topic \u2018x<b>\u2019 here: showing the events of the other filters.")
    assert "topic=" not in wide_page.url and "entity=kokang" in wide_page.url
    assert visible_events(wide_page) == [e.id for e in DATA.events_of("kokang")]
    wide_page.select_option("select[name=entity]", "")
    expect(notice).to_have_count(0)  # said once, until the reader chooses


def test_the_chart_shows_only_the_events_the_filters_keep(wide_page: Page, base_url: str):
    visit(wide_page, f"{base_url}timeline/")
    shown = "ms => ms.filter(m => m.getBoundingClientRect().width).map(m => m.dataset.event)"
    marks = ".tl-chart--overview .tl-mark[data-event]"
    assert set(wide_page.eval_on_selector_all(marks, shown)) == {e.id for e in DATA.events}
    wide_page.select_option("select[name=topic]", TOPIC)
    assert set(wide_page.eval_on_selector_all(marks, shown)) == {e.id for e in DATA.events_by_topic[TOPIC]}
    wide_page.select_option("select[name=entity]", "thailand")
    both = {e.id for e in DATA.events_by_topic[TOPIC] if "thailand" in e.entities}
    assert 0 < len(both) < len(DATA.events_by_topic[TOPIC])
    assert set(wide_page.eval_on_selector_all(marks, shown)) == both
    assert axe_violations(wide_page) == []
    wide_page.click("#tl-filters button[type=reset]")
    # A form's fields are reset after its reset event: the script applies them a moment later.
    count = "([s, n]) => [...document.querySelectorAll(s)].filter(m => m.getBoundingClientRect().width)"
    count += ".length === n"
    wide_page.wait_for_function(count, arg=[marks, len(DATA.events)])
    assert set(wide_page.eval_on_selector_all(marks, shown)) == {e.id for e in DATA.events}


def test_choosing_a_parent_finds_the_events_of_every_entity_under_it(wide_page: Page, base_url: str):
    parent = "chinese-government"

    def under(entity_id: str | None) -> bool:
        while entity_id is not None and entity_id != parent:
            entity_id = DATA.entities[entity_id].parent
        return entity_id == parent

    parts = [e.id for e in DATA.entities.values() if e.id != parent and under(e.id)]
    assert len(parts) >= 6
    wanted = [e.id for e in DATA.events if any(under(x) for x in e.entities)]
    visit(wide_page, f"{base_url}timeline/?entity={parent}")
    assert visible_events(wide_page) == wanted
    entities = options(wide_page, "entity")
    assert entities[parent][0] == f"Chinese government ({len(wanted)})"
    indented = "\u00a0" * 4  # under its parent
    assert entities["chinese-police"][0].startswith(indented + "Chinese police (")
    values = list(entities)
    assert values.index(parent) < values.index("chinese-police") < values.index("chinese-media")
