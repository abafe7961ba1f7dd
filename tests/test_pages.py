"""Pages: views laid out by the templates, the home page's markers, and the folder adapter."""

from __future__ import annotations

import posixpath
import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from conftest import REPO, copy_site_sources, mkdocs_build, real_dataset, story_site
from timeline.cli import main as timeline
from timeline.data.markers import marker_words
from timeline.data.markup import md_text
from timeline.data.model import Dataset
from timeline.data.paths import Output, link, relative
from timeline.site.home import REPORTS_SHOWN, UnknownMarker, home_page
from timeline.site.info import SiteInfo
from timeline.site.listings import headline_figures
from timeline.site.pages import figures_pages
from timeline.site.parts import render_pages
from timeline.site.views import Context, figure_view

DATA = real_dataset()
HOME = (REPO / "docs" / "index.md").read_text()


def render_site(data: Dataset, home: str, site: SiteInfo | None = None) -> list[Output]:
    ctx = Context.of(data, site or SiteInfo())
    return [home_page(ctx, home, "index.md", "docs/index.md"), *render_pages(ctx)]


# Every list split on to further pages, at the smallest sizes, so that every kind of page is made.
SPLIT = SiteInfo(events_per_page=2, events_per_entity_page=2, entries_per_index_page=2, figures_per_page=2)


def test_links_are_relative_between_page_sources():
    assert link("timeline.md", "entities/x.md") == "entities/x.md"
    assert link("entities/x.md", "timeline.md", "ev") == "../timeline.md#ev"
    assert link("entities/x.md", "entities/y.md") == "y.md"


# Paths made of the parts that trip a relative path up: the same name as a folder and as a
# page, ".", "..", empty parts (a doubled or trailing "/") and a leading "/".
PATHS = st.lists(st.sampled_from(["a", "b", "a.md", ".", "..", ""]), max_size=4).map("/".join)


@given(PATHS, PATHS)
def test_a_relative_path_is_the_one_relpath_gives(path: str, start: str):
    try:
        expected: str | type[ValueError] = posixpath.relpath(path, start)
    except ValueError:
        expected = ValueError
    try:
        found: str | type[ValueError] = relative(path, start)
    except ValueError:
        found = ValueError
    assert found == expected


def test_the_home_page_goes_where_it_is_told_and_refuses_unknown_markers():
    ctx = Context.of(DATA, SiteInfo())
    page = home_page(ctx, "# Home\n\n<!-- data:count --> events.\n", "start.md", "docs/start.md")
    assert (page.path, page.content, page.data_file) == (
        "start.md",
        f"# Home\n\n{len(DATA.events)} events.\n",
        "docs/start.md",
    )
    with pytest.raises(UnknownMarker, match=r"data marker 'nothing' in docs/start\.md"):
        home_page(ctx, "<!-- data:nothing -->", "start.md", "docs/start.md")


def test_the_home_page_fills_only_the_markers_that_stand_where_a_block_cannot_change_the_text():
    ctx = Context.of(DATA, story_site())
    left = (
        "---\n# <!-- data:map -->\ntitle: Home\n---\n\n"
        "x `<!-- data:map --> <iframe>` y\n\n"
        '[a](https://example.org/ "<!-- data:map -->")\n\n'
        "text\n<!-- data:map -->\n\n"
        "```\n\n<!-- data:map -->\n\n```\n\n"
        "    <!-- data:map -->\n"
    )
    assert home_page(ctx, left, "index.md", "docs/index.md").content == left
    filled = home_page(ctx, f"{left}\n<!-- data:map -->\n", "index.md", "docs/index.md").content
    assert filled.startswith(left) and "<svg" in filled.removeprefix(left)
    assert marker_words("`<!-- data:figures a -->`\n\n<!-- data:figures b -->\n", "figures") == ("b",)


def test_every_entity_and_source_gets_a_page_with_its_data_file():
    pages = {p.path: p for p in render_site(DATA, HOME)}
    for entity in DATA.entities.values():
        folder = "topics" if entity.kind == "topic" else "entities"
        assert pages[f"{folder}/{entity.id}.md"].data_file == entity.path
    for source in DATA.sources.values():
        assert pages[f"sources/{source.id}.md"].data_file == source.path
    assert {"index.md", "timeline.md", "figures.md", "sources/index.md", "topics/index.md"} <= set(pages)


def test_each_event_is_a_heading_with_its_id_and_a_block_the_filters_can_read():
    timeline = next(p for p in render_site(DATA, HOME) if p.path == "timeline.md").content
    for event in DATA.events:
        assert f"{{ #{event.id} .tl-event-title " in timeline
        assert f'data-event="{event.id}" data-topics="{" ".join(event.topics)}"' in timeline


@pytest.mark.parametrize("site", [SiteInfo(), SPLIT], ids=["whole", "split"])
def test_front_matter_is_valid_yaml_for_every_page(site: SiteInfo):
    """Whatever the title says (a split page's says which entries it holds, after a colon),
    every engine reads it: MkDocs drops front matter it cannot read, Zensical stops."""
    pages = [p for p in render_site(DATA, HOME, site) if p.path.endswith(".md")]
    for page in pages:
        assert page.content.startswith("---\n"), page.path
        meta = yaml.safe_load(page.content.split("---\n")[1])
        assert set(meta) <= {"title", "description"} and all(isinstance(v, str) for v in meta.values())
    assert site == SiteInfo() or any(p.path.endswith("/2.md") for p in pages)


@pytest.mark.build
def test_pages_written_to_a_folder_build_without_the_plugin(tmp_path: Path):
    """The portable path: generated Markdown in a folder, built with no plugin at all."""
    out = tmp_path / "pages"
    assert timeline(["build-pages", "--root", str(REPO), "--out", str(out)]) == 0
    project = copy_site_sources(tmp_path / "project", ["overrides"])
    config = (REPO / "mkdocs.yml").read_text()
    config = re.sub(r"  - timeline(:\n(      .*\n)+|\n)", "", config)  # the plugin and its options
    config = config.replace("docs_dir: docs", f"docs_dir: {out}")
    config = config[: config.index("watch:")] + config[config.index("nav:") :]
    (project / "mkdocs.yml").write_text(config)
    done = mkdocs_build(project, tmp_path / "site")
    assert done.returncode == 0, done.stderr
    built = {p.relative_to(tmp_path / "site").as_posix() for p in (tmp_path / "site").rglob("*.html")}
    assert {"timeline/index.html", "entities/nong-rong/index.html", "figures/index.html"} <= built
    assert len([p for p in built if p.startswith("entities/")]) == 1 + sum(
        e.kind != "topic" for e in DATA.entities.values()
    )
    shutil.rmtree(out)


def test_the_home_figures_show_the_first_reports_of_each_headline_measure_and_link_to_the_rest():
    """The home page stays bounded: a few reports a measure, attributed, then a link to every one."""
    home = next(p for p in render_site(DATA, HOME) if p.path == "index.md").content
    measures = re.search(r"<!-- data:figures ([a-z0-9 -]+) -->", HOME)[1].split()
    lines = {line.split("**")[1]: line for line in home.splitlines() if line.startswith("- **")}
    for view in headline_figures(Context.of(DATA, SiteInfo()), "index.md", measures):
        line = lines[view.measure].replace("\\", "")
        for figure in view.figures[:REPORTS_SHOWN]:
            assert figure.text in line, (view.measure, figure.source)
            assert all(f"({s.link})" in line for s in figure.sources), (view.measure, figure.source)
        hidden = len(view.figures) - REPORTS_SHOWN
        assert (f"[{hidden} more on the figures page](figures.md)" in line) == (hidden > 0), view.measure
        assert line.count("](sources/") == sum(len(f.sources) for f in view.figures[:REPORTS_SHOWN])


def test_a_figure_the_article_states_in_its_own_voice_says_so():
    ctx = Context.of(DATA, SiteInfo())
    for figure in (f for fs in DATA.figures_by_measure.values() for f in fs):
        reporter = figure_view(ctx, "figures.md", figure).reporter
        if figure.reported_by:
            assert reporter == DATA.entities[figure.reported_by].name
        else:
            assert reporter == f"{DATA.sources[figure.source].publisher}, in its own words"


def test_many_figures_go_on_a_page_per_measure_and_pages_of_disagreements():
    ctx = Context.of(DATA, SiteInfo(figures_per_page=3))
    pages = {o.path: str(o.content) for o in figures_pages(ctx)}
    overview = pages.pop("figures.md")
    for measure, figures in DATA.figures_by_measure.items():
        first = f"figures/measure/{measure}.md"
        assert f"({link('figures.md', first)})" in overview
        mine = {p: text for p, text in pages.items() if p == first or p.startswith(first[:-3] + "/")}
        assert len(mine) == -(-len(figures) // 3)  # pages of three, the last one shorter
        rows = sum(text.count("\n| ") - 1 for text in mine.values())  # minus each table's header row
        assert rows == len(figures)
    disagreements = [d for e in DATA.events for d in e.disagreements]
    shown = [p for p in pages if p.startswith("figures/disagreements")]
    assert len(shown) == -(-len(disagreements) // 3)
    text = "".join(pages[p] for p in shown)
    assert all(text.count(f"### {md_text(d.about)}\n") >= 1 for d in disagreements)
    assert sum(t.count("\n### ") for t in (pages[p] for p in shown)) == len(disagreements)


def test_a_few_figures_stay_on_one_page():
    ctx = Context.of(DATA, SiteInfo(figures_per_page=1000))
    assert [o.path for o in figures_pages(ctx)] == ["figures.md"]


PROVENANCE = "## Where it may come from: the maintainers' knowledge, not confirmed"


def test_what_only_the_maintainers_know_of_a_source_is_apart_from_what_its_text_shows():
    """The Reuters origin of sideth.com's copy is the maintainers' belief, not the text's:
    it is shown only under its own heading, after what the record says of the text."""
    pages = {p.path: p.content for p in render_site(DATA, HOME)}
    sideth = pages["sources/sideth-2023-11-31000-handed-over.md"]
    about_the_text, _, believed = sideth.partition(PROVENANCE)
    assert "Reuters" in believed and "Albee Zhang" in believed and "Radio Free Asia" in believed
    assert "Reuters" not in about_the_text and "Based on" not in about_the_text
    for source in DATA.sources.values():
        page = pages[f"sources/{source.id}.md"]
        assert (PROVENANCE in page) == bool(source.provenance)
        assert all(p.basis in page.partition(PROVENANCE)[2] for p in source.provenance)


@pytest.mark.build
def test_the_built_source_page_shows_the_maintainers_knowledge_under_its_own_heading(built_site: Path):
    html = (built_site / "sources" / "tribune-2024-01-05-40000-handed-over" / "index.html").read_text()
    heading = re.search(r'<h2 id="[^"]*">Where it may come from: the maintainers', html)
    assert heading is not None  # a heading of its own, not only an entry of the contents
    section = html[heading.start() : html.index("<h2", heading.end())]
    assert "AFP" in section and "other outlets" in section
    assert "AFP" not in html.replace(section, "") and "other outlets" not in html.replace(section, "")
