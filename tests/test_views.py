"""Views: what each page shows, built from a small project of the test fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, make_project
from timeline.data.model import Dataset
from timeline.data.paths import TIMELINE
from timeline.rules.project import validate
from timeline.site.info import SiteInfo
from timeline.site.listings import filter_tree, filters, headline_figures, kind_groups, quoted_in, quoting
from timeline.site.pages import index_pages
from timeline.site.views import CitationView, Context, event_view, passages, year_views
from timeline.site.wording import machine_date, month_label, span

EVENT = (FIXTURES / "base" / "events" / "handover.yml").read_text()
ORDER = ["in-june", "earlier", "ringleaders", "by-2023", "handover", "more-than-40000"]


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    """The base fixture, a furnished second source, and three more events."""
    root = make_project(tmp_path_factory.mktemp("views") / "p", FIXTURES / "fabricated" / "_furnished")
    for event_id, date in [("earlier", "../2023-06"), ("by-2023", "../2023"), ("in-june", "2023-06-01")]:
        text = EVENT.replace("id: handover", f"id: {event_id}").replace('date: "2023"', f"date: {date}")
        (root / "events" / f"{event_id}.yml").write_text(text)
    result = validate(root)
    assert result.dataset is not None, result.problems
    return result.dataset


def test_an_event_view_shows_the_event_with_relative_links(small: Dataset):
    ctx = Context.of(small, SiteInfo(repo_url="https://github.com/o/r"))
    view = event_view(ctx, "timeline.md", small.event("handover"))
    assert (view.id, view.date, view.datetime) == ("handover", "2023", "2023")
    assert [(c.label, c.kind, c.link) for c in view.chips] == [
        ("The crackdown", "topic", "topics/crackdown.md"),
        ("CCTV", "organisation", "entities/cctv.md"),
    ]
    assert [(c.number, c.label, c.source_link) for c in view.citations] == [
        (1, "Daily Tribune, 5 January 2024", "sources/tribune.md")
    ]
    (figure,) = view.figures
    assert (figure.text, figure.reporter, figure.reporter_link) == (
        "41,000 suspects",
        "CCTV",
        "entities/cctv.md",
    )
    assert figure.event.link == "events/handover.md"  # the event's own page
    assert view.history == "https://github.com/o/r/commits/main/events/handover.yml"


@pytest.mark.parametrize(
    ("event_id", "label"),
    [
        ("handover", "2023, month not known"),
        ("by-2023", "2023, month not known"),
        ("in-june", "June 2023"),
        ("earlier", "June 2023"),
        ("ringleaders", "November 2023"),
    ],
)
def test_an_event_is_filed_under_what_its_date_says(small: Dataset, event_id: str, label: str):
    assert month_label(small.event(event_id)) == label


def test_years_group_months_in_date_order(small: Dataset):
    years = year_views(Context.of(small, SiteInfo()), "timeline.md", small.events)
    # Each where it starts, one heading a period: what is known only to a month under that
    # month's heading, after its dated events; what is known only to the year, after December.
    assert [(y.year, [m.label for m in y.months]) for y in years] == [
        (2023, ["June 2023", "November 2023", "2023, month not known"])
    ]
    assert [e.id for m in years[0].months for e in m.events] == ORDER


def test_only_an_exact_day_or_period_gets_a_machine_date(small: Dataset):
    assert [machine_date(small.event(i).date) for i in ("in-june", "earlier", "by-2023")] == [
        "2023-06-01",
        None,
        None,
    ]


def test_a_span_runs_from_the_first_events_date_to_the_last(small: Dataset):
    assert span(small.events) == "2023"  # the last known only to the year the first is in
    assert span(small.events[:3]) == "1 June 2023 to November 2023"
    assert span(()) == ""


def test_entities_are_grouped_by_kind_in_the_schemas_order(small: Dataset):
    groups = kind_groups(Context.of(small, SiteInfo()), "entities/index.md", small.entities.values())
    assert [(g.kind, g.label, [r.link for r in g.rows]) for g in groups] == [
        ("organisation", "Organisations", ["cctv.md"]),
        ("topic", "Topics", ["../topics/crackdown.md"]),
    ]
    assert small.vocabulary.entity_kinds[:2] == ("person", "organisation")


def test_the_same_figure_from_several_events_is_never_merged_away(small: Dataset):
    (measure,) = headline_figures(Context.of(small, SiteInfo()), "index.md", ["suspects-handed-over"])
    assert measure.measure == "Suspects handed over"
    assert len(measure.figures) == 5  # one report per event: none dropped as a duplicate
    assert all([s.link for s in f.sources] == ["sources/tribune.md"] for f in measure.figures)


def test_a_source_page_lists_every_passage_each_record_takes_from_it(small: Dataset):
    ctx = Context.of(small, SiteInfo())
    events, entities = quoted_in(ctx, "sources/tribune.md", "tribune", quoting(ctx, "tribune"))
    assert [e.link for e in events] == [f"../events/{i}.md" for i in ORDER]  # each event's own page
    assert len(events[0].quotes) == 2  # the figure's quote and the citation's
    assert [(e.title, e.link) for e in entities] == [
        ("CCTV", "../entities/cctv.md"),
        ("The crackdown", "../topics/crackdown.md"),
    ]
    assert quoting(ctx, "scmp") == ()


def test_views_are_frozen(small: Dataset, tmp_path: Path):
    view = event_view(Context.of(small, SiteInfo()), "timeline.md", small.event("handover"))
    with pytest.raises(AttributeError):
        view.title = "changed"  # type: ignore[misc]


def test_a_collapsed_citation_list_names_its_articles_once_each():
    def cite(number: int, label: str) -> CitationView:
        return CitationView(number, label, "a passage", "sources/x.md", None)

    assert passages([cite(1, "OCCRP, 24 November 2023")]) == (
        "Sources: 1 quoted passage from OCCRP, 24 November 2023"
    )
    three = [
        cite(1, "OCCRP, 24 November 2023"),
        cite(2, "Reuters, 1 May 2024"),
        cite(3, "OCCRP, 24 November 2023"),
    ]
    assert passages(three) == "Sources: 3 quoted passages from OCCRP, 24 November 2023; Reuters, 1 May 2024"


def test_a_card_says_when_its_data_changed_only_where_that_is_not_the_latest_events(small: Dataset):
    event = small.event("handover")
    other = small.event("in-june")
    site = SiteInfo(
        changed={event.path: "2026-11-23", other.path: "2026-12-02", "sources/x.yml": "2026-12-05"}
    )
    ctx = Context.of(small, site)
    assert ctx.latest_change == "2026-12-02"  # a newer source does not count: the list is of events
    assert event_view(ctx, "timeline.md", event).changed == "2026-11-23"
    assert event_view(ctx, "timeline.md", other).changed is None
    assert event_view(Context.of(small, SiteInfo()), "timeline.md", event).changed is None


def _entities_index(root: Path) -> str:
    result = validate(root)
    assert result.dataset is not None, result.problems
    outputs = index_pages(Context.of(result.dataset, SiteInfo()), ())
    return next(str(o.content) for o in outputs if o.path == "entities/index.md")


def test_the_entities_index_gives_each_entity_its_role_and_count(tmp_path: Path):
    root = make_project(tmp_path / "p")
    cctv = root / "entities" / "cctv.yml"
    plain = cctv.read_text()
    assert "- [CCTV](cctv.md): 1 event\n" in _entities_index(root)  # a role is optional
    role = 'role: "A <b>state</b> broadcaster"\n'
    cctv.write_text(plain.replace("kind: organisation\n", "kind: organisation\n" + role))
    assert "- [CCTV](cctv.md): A &lt;b&gt;state&lt;/b&gt; broadcaster · 1 event\n" in _entities_index(root)


def test_a_parent_lists_its_parts_under_it_and_finds_their_events(tmp_path: Path):
    root = make_project(tmp_path / "p")
    cctv = root / "entities" / "cctv.yml"
    cctv.write_text(cctv.read_text().replace("kind: organisation\n", "kind: organisation\nparent: state\n"))
    state = cctv.read_text().replace("id: cctv", "id: state").replace("name: CCTV", "name: The state")
    (root / "entities" / "state.yml").write_text(
        state.replace("parent: state\n", "").replace("aliases: [China Central Television]\n", "")
    )
    result = validate(root)
    assert result.dataset is not None, result.problems
    data = result.dataset
    assert data.events_of("state") == data.events_of("cctv") != ()
    ctx = Context.of(data, SiteInfo())
    offered = filters(ctx, TIMELINE, filter_tree(ctx), data.events_of("cctv")[:1])
    ((label, entity_options),) = offered.entity_groups
    assert label == "Organisations"
    assert [(o.value, o.count, o.depth, o.covers) for o in entity_options] == [
        ("state", 1, 0, ("cctv", "state")),
        ("cctv", 1, 1, ()),
    ]
    assert "\n- [The state](state.md): 1 event\n    - [CCTV](cctv.md): 1 event\n" in _entities_index(root)
