"""What readers notice: filters that never leave a dead end, counts and contents that follow
the filters, links to hidden events, numbers found however typed, link previews, the footer.
In a real Chromium, on the built site."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from browser import visible_events
from conftest import REPO, REPO_URL, real_dataset
from htmlscan import html_pages

DATA = real_dataset()
SHOTS = REPO / "test-artifacts" / "screenshots"
TOPIC, KIND = "chiang-mai-centre", "person"  # no event of this topic involves a person
HIDDEN = "2024-01-05-cctv-says-41000-suspects-handed-over-in-2023"  # not in TOPIC


@pytest.mark.browser
@pytest.mark.build
def test_filters_that_match_nothing_say_why_and_offer_to_clear_each(page: Page, base_url: str):
    assert not [
        e for e in DATA.events_by_topic[TOPIC] if any(DATA.entities[x].kind == KIND for x in e.entities)
    ]
    page.goto(f"{base_url}timeline/?topic={TOPIC}&kind={KIND}")
    assert visible_events(page) == []
    empty = page.locator(".tl-filter-empty")
    expect(empty).to_contain_text("No event matches all of these filters at once")
    expect(empty).to_contain_text(DATA.entities[TOPIC].name)
    buttons = empty.get_by_role("button")
    expect(buttons).to_have_text(["Clear the topic", "Clear the kind of entity involved"])
    expect(page.locator(".md-sidebar--secondary .md-nav--secondary")).to_be_hidden()  # no empty contents box
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / "timeline-no-match.png")
    buttons.first.click()
    assert "topic=" not in page.url and f"kind={KIND}" in page.url
    with_people = [e.id for e in DATA.events if any(DATA.entities[x].kind == KIND for x in e.entities)]
    assert visible_events(page) == with_people
    expect(empty).to_be_hidden()


@pytest.mark.browser
@pytest.mark.build
def test_the_intro_count_and_the_contents_follow_the_filters(page: Page, base_url: str):
    page.goto(f"{base_url}timeline/")
    total = len(DATA.events)
    expect(page.locator("#tl-count")).to_have_text(f"All {total} events")
    page.select_option("select[name=topic]", TOPIC)
    wanted = DATA.events_by_topic[TOPIC]
    expect(page.locator("#tl-count")).to_have_text(
        f"{len(wanted)} of {total} events (those matching the filters)"
    )
    contents = page.locator(".md-sidebar--secondary .md-nav__link")
    shown = contents.evaluate_all(
        "links => links.filter(a => a.offsetParent !== null).map(a => a.getAttribute('href').slice(1))"
    )
    assert [i for i in shown if i in {e.id for e in DATA.events}] == [e.id for e in wanted]
    assert shown == ["2023", "august-2023", *(e.id for e in wanted)]  # no empty year or month is listed
    page.click("#tl-filters button[type=reset]")
    expect(page.locator("#tl-count")).to_have_text(f"All {total} events")


@pytest.mark.browser
@pytest.mark.build
def test_a_link_to_an_event_the_filters_hide_shows_it_and_says_so(page: Page, base_url: str):
    page.goto(f"{base_url}timeline/?topic={TOPIC}#{HIDDEN}")
    notice = page.locator("#tl-outside")
    expect(notice).to_contain_text("outside the current filters")
    expect(page.locator(f"[id='{HIDDEN}']")).to_be_in_viewport()
    assert HIDDEN in visible_events(page)
    page.screenshot(path=SHOTS / "timeline-outside-filters.png")
    notice.get_by_role("button", name="Clear the filters").click()
    expect(page.locator(".tl-event:not([hidden])")).to_have_count(len(DATA.events))
    assert "topic=" not in page.url
    expect(notice).to_have_count(0)


@pytest.mark.browser
@pytest.mark.build
def test_a_number_is_found_with_or_without_its_thousands_separator(page: Page, base_url: str):
    page.goto(base_url + "search/")
    found = page.evaluate(
        """async (queries) => {
            const pagefind = await import(new URL("../pagefind/pagefind.js", location.href).href);
            await pagefind.options({ ranking: { pageLength: 0 } });
            const found = {};
            for (const query of queries) {
                const search = await pagefind.search(query);
                const results = await Promise.all(search.results.map(r => r.data()));
                found[query] = results.map(r => r.url);
            }
            return found;
        }""",
        ["41000", "41,000"],
    )
    for query in ("41000", "41,000"):  # the event's own page is its search record
        assert any(url.endswith(f"events/{HIDDEN}/") for url in found[query]), found[query]


@pytest.mark.build
def test_link_previews_name_the_page_and_the_site_and_describe_the_page(built_site: Path):
    site_name = "Myanmar's scam compounds, 2023–2024"
    pages = html_pages(built_site)
    assert len(pages) > 40
    for path in pages:
        html = path.read_text(encoding="utf-8")
        titles = re.findall(r'<meta property="og:title" content="([^"]*)"', html)
        assert len(titles) == 1, path
        assert titles[0].replace("&#39;", "'").endswith(site_name), path
        assert html.count('<meta name="description"') == 1, path
        assert len(re.findall(r'<meta property="og:description" content="[^"]+"', html)) == 1, path
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'property="og:title" content="Myanmar&#39;s scam compounds, 2023–2024"' in home
    timeline = (built_site / "timeline" / "index.html").read_text(encoding="utf-8")
    assert 'property="og:title" content="Timeline · Myanmar&#39;s scam compounds, 2023–2024"' in timeline


@pytest.mark.build
def test_the_footer_gives_licences_how_to_report_an_error_the_last_change_and_the_repository(
    built_site: Path,
):
    html = (built_site / "methodology" / "index.html").read_text(encoding="utf-8")
    footer = html[html.index('<div class="md-copyright tl-colophon">') :]
    footer = footer[: footer.index("</div>")]
    # mkdocs.yml's extra.licence, escaped as the theme's templates escape it
    licences = "Data: our own text and data, CC BY 4.0; the quotes remain their publishers&#39;. Code: MIT."
    assert licences in footer
    assert f'href="{REPO_URL}/issues/new?template=report-error.yml"' in footer
    assert f'href="{REPO_URL}"' in footer
    assert re.search(r"Data last changed \d{4}-\d{2}-\d{2}\.", footer)
