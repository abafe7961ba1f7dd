"""A timeline split into periods: every event on one page, permalinks forwarded, filters
across periods, long entity pages continued. Built for real with small page limits."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
import re
from collections import Counter
from collections.abc import Iterator
from itertools import groupby, pairwise
from pathlib import Path
from urllib.parse import urlsplit

import icalendar
import pytest
from playwright.sync_api import Page, expect

from browser import violations, watch_policy
from conftest import SITE_URL, copy_site_sources, mkdocs_build, real_dataset, with_plugin_options
from htmlscan import broken_links, event_refs, html_pages, scan
from timeline.data.dates import Precision, parse_date
from timeline.data.model import Event
from timeline.data.paths import TIMELINE
from timeline.site.export import events_csv, events_json, ics_calendar
from timeline.site.info import SiteInfo
from timeline.site.periods import event_pages, shard_of, split
from timeline.site.views import Context, year_views
from timeline.site.wording import month_label
from timeline.tools.browser import serve

DATA = real_dataset()


def involves_a_person(event: Event) -> bool:
    return any(DATA.entities[x].kind == "person" for x in event.entities)


LIMITS = "      events_per_page: 10\n      events_per_entity_page: 5\n      figures_per_page: 4\n"


def test_a_timeline_that_fits_stays_one_page():
    (period,) = split(DATA.events, 150)
    assert (period.path, period.events) == (TIMELINE, DATA.events)


def test_a_long_timeline_is_split_by_year_and_a_long_year_by_month():
    periods = split(DATA.events, 10)
    paths = [p.path for p in periods]
    assert paths[0] == "timeline/2021.md" and "timeline/2024.md" in paths  # small years stay whole
    assert "timeline/2023-11.md" in paths and "timeline/2023.md" not in paths  # 2023 has more than 10
    assert len(paths) == len(set(paths))
    assert [e for p in periods for e in p.events] == list(DATA.events)  # in order, each once
    assert set(event_pages(periods)) == {e.id for e in DATA.events}


def test_events_known_only_to_their_year_get_a_page_after_the_years_months():
    periods = split(DATA.events, 10)
    paths = [p.path for p in periods]
    (unknown,) = [p for p in periods if p.path == "timeline/2023-month-unknown.md"]
    assert unknown.label == "2023, month not known"
    assert {e.date.precision for e in unknown.events} == {Precision.YEAR}
    assert paths.index(unknown.path) == max(i for i, p in enumerate(paths) if p.startswith("timeline/2023"))


def _synthetic(count: int) -> tuple[Event, ...]:
    """Events with every shape of date over two years, in the model's order."""
    rng = random.Random(13)
    shapes = [
        lambda d: d.isoformat(),
        lambda d: d.isoformat()[:7],
        lambda d: d.isoformat()[:4],
        lambda d: f"../{d.isoformat()}",
        lambda d: f"../{d.isoformat()[:7]}",
        lambda d: f"{d.isoformat()}/{(d + dt.timedelta(days=40)).isoformat()}",
        lambda d: f"{d.isoformat()[:7]}/{(d + dt.timedelta(days=70)).isoformat()}",
        lambda d: f"{d.isoformat()[:7]}~",
    ]
    events = []
    for n in range(count):
        day = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(700))
        date = parse_date(rng.choice(shapes)(day))
        events.append(Event(f"e{n}", "", "", date, "", "", ("t",), (), (), (), ()))
    return tuple(sorted(events, key=lambda e: (e.date.sort_key, e.id)))


@pytest.mark.parametrize("events", [DATA.events, _synthetic(2_000)], ids=["real", "synthetic"])
def test_one_heading_a_period_and_none_says_sometime(events: tuple[Event, ...]):
    """An event known only to its month sits under that month's heading, one known only to
    its year under the year's one group after December: no month is named twice."""
    labels = [label for label, _ in groupby(month_label(e) for e in events)]
    assert len(labels) == len(set(labels))
    assert not [label for label in labels if "Sometime" in label or "earlier" in label]
    months = [re.sub(r", month not known$", "", label) for label in labels]
    assert len(months) == len(set(months))
    vague = [e for e in events if e.date.start.precision is Precision.MONTH]
    assert vague and all(month_label(e) == e.date.start.earliest.strftime("%B %Y") for e in vague)
    years = {e.date.start.earliest.year for e in events if e.date.start.precision is Precision.YEAR}
    assert years and all(f"{year}, month not known" in labels for year in years)


@pytest.mark.parametrize("limit", [5, 40, 200])
def test_at_scale_every_page_and_heading_follows_the_one_order(limit: int):
    events = _synthetic(2_000)
    periods = split(events, limit)
    assert [e for p in periods for e in p.events] == list(events)  # in order, each once
    assert len({p.path for p in periods}) == len(periods)
    labels = [month_label(e) for e in events]
    groups = [label for label, _ in groupby(labels)]
    assert len(groups) == len(set(groups))  # each heading's events together, never split by another
    for before, after in pairwise(events):  # nothing vague precedes a day it may be later than
        if before.date.start.precision is not Precision.DAY and after.date.start.precision is Precision.DAY:
            assert after.date.start.earliest > before.date.start.latest


def test_the_timelines_pages_and_every_export_list_events_in_one_order():
    ids = [e.id for e in DATA.events]
    for limit in (3, 10, 150):
        ctx = Context.of(DATA, SiteInfo(events_per_page=limit))
        shown = [
            e.id
            for p in ctx.periods
            for y in year_views(ctx, p.path, p.events)
            for m in y.months
            for e in m.events
        ]
        assert shown == ids
    site = SiteInfo()
    assert [r["id"] for r in json.loads(events_json(DATA, site))["events"]] == ids
    assert [r["id"] for r in csv.DictReader(io.StringIO(events_csv(DATA, site)))] == ids
    entries = icalendar.Calendar.from_ical(ics_calendar(DATA, site)).walk("VEVENT")
    assert [str(c["uid"]).split("@")[0] for c in entries] == ids


def test_a_long_month_is_split_into_parts_in_date_order():
    periods = split(DATA.events, 3)
    november = [p for p in periods if p.path.startswith("timeline/2023-11")]
    assert [p.path for p in november][:2] == ["timeline/2023-11.md", "timeline/2023-11/2.md"]
    assert all(len(p.events) <= 3 for p in periods)
    assert november[0].label == f"November 2023 (1 of {len(november)})"
    assert [e for p in periods for e in p.events] == list(DATA.events)


@pytest.fixture(scope="module")
def split_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_site_sources(tmp_path_factory.mktemp("split") / "project")
    config = (project / "mkdocs.yml").read_text()
    (project / "mkdocs.yml").write_text(with_plugin_options(config, LIMITS))
    done = mkdocs_build(project, project / "site", SITE_URL=SITE_URL)
    assert done.returncode == 0, done.stderr
    return project / "site"


@pytest.mark.build
def test_every_event_is_on_exactly_one_period_page(split_site: Path):
    pages = [p for p in html_pages(split_site) if p.relative_to(split_site).parts[0] == "timeline"]
    found = Counter(i for p in pages for i in scan(p).ids if i in {e.id for e in DATA.events})
    assert found == Counter({e.id: 1 for e in DATA.events})
    assert not {e.id for e in DATA.events} & set(scan(split_site / "timeline" / "index.html").ids)


@pytest.mark.build
def test_the_overview_maps_every_event_to_its_page_and_indexes_it_for_the_filters(split_site: Path):
    periods = split(DATA.events, 10)
    parts = (split_site / "timeline" / "pages").glob("*.json")
    shards = [json.loads(p.read_text()) for p in sorted(parts, key=lambda p: int(p.stem))]
    assert len(shards) == len(periods) > 1  # one small part of the map per page of the timeline
    pages = {event_id: page for shard in shards for event_id, page in shard.items()}
    assert set(pages) == {e.id for e in DATA.events} and sum(map(len, shards)) == len(pages)
    for event_id, slug in pages.items():
        assert event_id in scan(split_site / "timeline" / slug / "index.html").ids
        assert event_id in shards[shard_of(event_id, len(shards))]
    index = json.loads((split_site / "timeline" / "events.json").read_text())
    assert [e["id"] for e in index] == [e.id for e in DATA.events]


@pytest.mark.build
def test_every_link_resolves_under_the_sub_path(split_site: Path):
    assert broken_links(split_site, urlsplit(SITE_URL).path) == []


@pytest.mark.build
def test_a_long_list_of_an_entitys_events_goes_on_to_further_pages(split_site: Path):
    topic = "crackdown"
    events = DATA.events_by_topic[topic]
    assert len(events) > 10
    pages = [split_site / "topics" / topic / "index.html"]
    pages += sorted((split_site / "topics" / topic).glob("*/index.html"), key=lambda p: int(p.parent.name))
    assert len(pages) == -(-len(events) // 5)
    # The event lists only: a topic's first page also links events in its digest below them.
    linked = [h for p in pages for h in event_refs(p.read_text())]
    assert [h.rstrip("/").rsplit("/", 1)[1] for h in linked] == [e.id for e in events]  # each its own page


@pytest.fixture(scope="module")
def split_url(split_site: Path) -> Iterator[str]:
    with serve(split_site, urlsplit(SITE_URL).path) as url:
        yield url


@pytest.mark.browser
@pytest.mark.build
def test_a_permanent_address_is_forwarded_to_the_period_page(page: Page, split_url: str):
    periods = split(DATA.events, 10)
    pages = event_pages(periods)
    # One event from each part of the permalink map: the script finds the part as the build did.
    firsts = {shard_of(e.id, len(periods)): e for e in reversed(DATA.events)}
    assert len(firsts) > 1
    for event in firsts.values():
        page.goto(f"{split_url}timeline/#{event.id}")
        page.wait_for_url(f"**/{pages[event.id].removesuffix('.md')}/#{event.id}")
        expect(page.locator(f"[id='{event.id}']")).to_be_in_viewport()


@pytest.mark.browser
@pytest.mark.build
def test_a_permanent_address_to_an_event_the_filters_hide_is_forwarded_and_shown(page: Page, split_url: str):
    topic = "chiang-mai-centre"
    hidden = next(e for e in reversed(DATA.events) if topic not in e.topics)
    target = event_pages(split(DATA.events, 10))[hidden.id].removesuffix(".md")
    page.goto(f"{split_url}timeline/?topic={topic}#{hidden.id}")
    page.wait_for_url(f"**/{target}/?topic={topic}#{hidden.id}")
    expect(page.locator("#tl-outside")).to_contain_text("outside the current filters")
    expect(page.locator(f"[id='{hidden.id}']")).to_be_in_viewport()
    visible_titles = page.locator(".md-sidebar--secondary .md-nav__link").evaluate_all(
        "links => links.filter(a => a.offsetParent !== null).map(a => a.getAttribute('href').slice(1))"
    )
    assert hidden.id in visible_titles  # revealed in the contents too


@pytest.mark.browser
@pytest.mark.build
def test_the_overview_filters_every_period_and_links_into_them(page: Page, split_url: str):
    topic = "chiang-mai-centre"
    wanted = [e for e in DATA.events if topic in e.topics]
    page.goto(f"{split_url}timeline/?topic={topic}")
    expect(page.locator("#tl-filter-status")).to_have_text(
        f"Showing {len(wanted)} of {len(DATA.events)} events."
    )
    links = page.locator("#tl-results a")
    expect(links).to_have_count(len(wanted))
    expect(page.locator("#tl-periods")).to_be_hidden()
    links.first.click()
    page.wait_for_url(f"**#{wanted[0].id}")
    assert f"topic={topic}" in page.url  # the filter goes along to the period page


@pytest.mark.browser
@pytest.mark.build
def test_the_overviews_options_count_every_periods_events_with_the_other_filters(page: Page, split_url: str):
    topic = "chiang-mai-centre"
    page.goto(f"{split_url}timeline/?topic={topic}")
    expect(page.locator("#tl-results a")).not_to_have_count(0)  # the index is loaded
    for entity in ("thailand", "kokang"):
        count = sum(1 for e in DATA.events_by_topic[topic] if entity in e.entities)
        option = page.locator(f"select[name=entity] option[value={entity}]")
        expect(option).to_have_text(f"{DATA.entities[entity].name} ({count})")
        assert option.is_disabled() == (count == 0)
    page.click("#tl-filters button[type=reset]")
    expect(page.locator("select[name=entity] option[value=kokang]")).to_be_enabled()


@pytest.mark.browser
@pytest.mark.build
def test_the_overview_says_why_nothing_matches_and_offers_to_clear_each_filter(page: Page, split_url: str):
    topic = next(
        t
        for t in sorted(DATA.events_by_topic)
        if not any(involves_a_person(e) for e in DATA.events_by_topic[t])
    )
    page.goto(f"{split_url}timeline/?topic={topic}&kind=person")
    expect(page.locator("#tl-filter-status")).to_have_text(f"Showing 0 of {len(DATA.events)} events.")
    empty = page.locator(".tl-filter-empty")
    expect(empty.get_by_role("button")).to_have_text(["Clear the topic", "Clear the kind of entity involved"])
    empty.get_by_role("button", name="Clear the topic").click()
    with_people = [e for e in DATA.events if involves_a_person(e)]
    expect(page.locator("#tl-results a")).to_have_count(len(with_people))
    expect(empty).to_be_hidden()


@pytest.mark.build
def test_many_figures_are_split_by_measure_and_every_report_is_on_one_page(split_site: Path):
    figures = split_site / "figures"
    pages = [p for p in html_pages(figures) if p.relative_to(figures).parts[0] == "measure"]
    rows = sum(p.read_text().count("<tr>") - 1 for p in pages)  # minus each table's header row
    assert rows == sum(len(f) for f in DATA.figures_by_measure.values())
    assert "<table>" not in (figures / "index.html").read_text()


@pytest.mark.browser
@pytest.mark.build
def test_the_overview_and_the_period_pages_break_no_rule_of_their_policy(page: Page, split_url: str):
    errors = watch_policy(page)
    event = DATA.events[-1]
    target = event_pages(split(DATA.events, 10))[event.id].removesuffix(".md")
    page.goto(f"{split_url}timeline/#{event.id}")  # the overview forwards it, with a script of the site's
    page.wait_for_url(f"**/{target}/#{event.id}")
    assert violations(page) == []
    page.goto(f"{split_url}timeline/?topic=chiang-mai-centre")  # the filters load the index of events
    expect(page.locator("#tl-filter-status")).not_to_be_empty()
    assert violations(page) == [] and errors == []
