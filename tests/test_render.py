"""Render: the model to page Markdown, and the folder adapter that writes it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

import build_pages
from conftest import REPO, copy_site_sources, mkdocs_build
from timeline.project import validate
from timeline.render import Renderer, figure_text, link, render_site, source_page
from timeline.site import SiteInfo

DATA = validate(REPO).dataset
HOME = (REPO / "docs" / "index.md").read_text()


def test_links_are_relative_between_page_sources():
    assert link("timeline.md", "entities/x.md") == "entities/x.md"
    assert link("entities/x.md", "timeline.md", "ev") == "../timeline.md#ev"
    assert link("entities/x.md", "entities/y.md") == "y.md"


def test_every_entity_and_source_gets_a_page_with_its_data_file():
    pages = {p.path: p for p in render_site(DATA, HOME)}
    for entity in DATA.entities.values():
        folder = "topics" if entity.kind == "topic" else "entities"
        assert pages[f"{folder}/{entity.id}.md"].data_file == entity.path
    for source in DATA.sources.values():
        assert pages[f"sources/{source.id}.md"].data_file == source.path
    assert {"index.md", "timeline.md", "figures.md", "sources/index.md", "topics/index.md"} <= set(pages)


def test_each_event_is_a_heading_with_its_id_and_a_block_the_filters_can_read():
    timeline = next(p for p in render_site(DATA, HOME) if p.path == "timeline.md").markdown
    for event in DATA.events:
        assert f"{{ #{event.id} .tl-event-title }}" in timeline
        assert f'data-event="{event.id}" data-topics="{" ".join(event.topics)}"' in timeline


def test_front_matter_is_valid_yaml_for_every_page():
    for page in render_site(DATA, HOME):
        if page.markdown.startswith("---\n"):
            meta = yaml.safe_load(page.markdown.split("---\n")[1])
            assert set(meta) <= {"title", "description"} and all(isinstance(v, str) for v in meta.values())


def test_pages_written_to_a_folder_build_without_the_hook(tmp_path: Path):
    """The portable path: generated Markdown in a folder, built with no hook at all."""
    out = tmp_path / "pages"
    assert build_pages.main(["--out", str(out)]) == 0
    project = copy_site_sources(tmp_path / "project", ["overrides"])
    config = (REPO / "mkdocs.yml").read_text()
    config = config.replace("hooks:\n  - scripts/mkdocs_hook.py\n", "").replace(
        "docs_dir: docs", f"docs_dir: {out}"
    )
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


def test_the_home_figures_list_every_report_of_each_headline_measure():
    """No report is dropped as a duplicate: the same number from two articles names both."""
    home = next(p for p in render_site(DATA, HOME) if p.path == "index.md").markdown
    measures = re.search(r"<!-- data:figures ([a-z0-9 -]+) -->", HOME)[1].split()
    lines = {line.split("**")[1]: line for line in home.splitlines() if line.startswith("- **")}
    for measure in measures:
        line = lines[measure.replace("-", " ").capitalize()]
        for figure in DATA.figures_by_measure[measure]:
            assert figure_text(figure) in line.replace("\\", ""), (measure, figure.source)
            assert f"({source_page(figure.source)})" in line, (measure, figure.source)
        reports = len({(f.source, f.value, f.qualifier) for f in DATA.figures_by_measure[measure]})
        assert line.count("](sources/") == reports, measure


def test_a_figure_the_article_states_in_its_own_voice_says_so():
    renderer = Renderer(DATA, SiteInfo())
    for figure in (f for fs in DATA.figures_by_measure.values() for f in fs):
        reporter = renderer.figure_view("figures.md", figure)["reporter"]
        if figure.reported_by:
            assert reporter == DATA.entities[figure.reported_by].name
        else:
            assert reporter == f"{DATA.sources[figure.source].publisher}, in its own words"
