"""The site benchmark: its synthetic project is a real one, and what it measures is right.

The generated project must pass the validator with no problem at all (every quote is a
real passage of a generated archive), its pages must be written, and, marked `build`,
the whole benchmark must run at a small N. Times are printed by the benchmark, never
asserted here.
"""

from __future__ import annotations

import re
import subprocess
import sys
import urllib.request
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from mkdocs.utils.yaml import get_yaml_loader

from conftest import REPO
from timeline.cli import main as timeline
from timeline.rules.project import validate
from timeline.site.home import storyline_order
from timeline.tools import browser, copies, engines, measure, site
from timeline.tools.synthetic import make_site_project
from timeline.tools.table import site_table

EVENTS = 60
NOTATIONS = {
    "day": r"\d{4}-\d\d-\d\d",
    "month": r"\d{4}-\d\d",
    "year": r"\d{4}",
    "span": r"\d{4}-\d\d-\d\d/\d{4}-\d\d-\d\d",
    "on or before": r"\.\./\d{4}-\d\d-\d\d",
    "one of": r"\[\d{4}-\d\d-\d\d,\d{4}-\d\d-\d\d\]",
    "about": r"\d{4}-\d\d(-\d\d)?~",
}


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_site_project(tmp_path_factory.mktemp("synthetic") / "project", EVENTS, REPO)


def test_the_synthetic_project_validates_with_no_errors_and_no_warnings(synthetic: Path):
    result = validate(synthetic)
    assert result.problems == []
    data = result.dataset
    assert data is not None
    assert len(data.events) == EVENTS
    # About N/5 entities, of every kind; the home page's storylines are among the topics.
    assert EVENTS // 5 <= len(data.entities) <= EVENTS // 5 + 2
    assert {e.kind for e in data.entities.values()} == set(data.vocabulary.entity_kinds)
    storylines = list(storyline_order((REPO / "docs" / "index.md").read_text()))
    assert all(data.entities[t].kind == "topic" for t in storylines)
    assert all(len(data.events_by_topic[t]) >= 3 for t in storylines)
    # About N/25 sources, each with an archived text of about 5 KB.
    assert len(data.sources) == 3
    for source in data.sources:
        assert 5_000 <= (synthetic / "sources" / f"{source}.txt").stat().st_size < 8_000
    # A figure in one event of three; disagreements between two sources.
    assert sum(len(e.figures) for e in data.events) == EVENTS // 3
    disagreements = [d for e in data.events for d in e.disagreements]
    assert disagreements
    assert all(len({a.source for a in d.accounts}) == 2 for d in disagreements)
    assert any(len({c.source for c in e.citations}) == 2 for e in data.events)


def test_the_synthetic_projects_preview_watches_its_data_and_nothing_it_lacks(synthetic: Path):
    """The preview benchmark saves an event file and waits for the page: the server must be
    watching the data folders, which are written after mkdocs.yml."""
    config = yaml.load((synthetic / "mkdocs.yml").read_text(), Loader=get_yaml_loader())
    watched = config["watch"]
    assert {"events", "entities", "sources"} <= set(watched)
    assert all((synthetic / w).exists() for w in watched)


def test_a_larger_synthetic_project_with_every_publication_notation_validates(tmp_path: Path):
    """Enough sources for every way a publication date is written, the open-ended one
    (which needs its retrieved date) included: the benchmark's sizes must validate."""
    root = make_site_project(tmp_path / "project", 400, REPO)
    published = [
        re.search(r"^published: (.*)$", p.read_text(), re.M)[1] for p in (root / "sources").glob("*.yml")
    ]  # type: ignore[index]
    assert any(p.strip('"').endswith("/..") for p in published)
    assert validate(root).problems == []


def test_the_synthetic_dates_use_every_notation_from_2019_to_2024(synthetic: Path):
    dates = [
        re.search(r'^date: "(.*)"$', path.read_text(), re.M)[1]  # type: ignore[index]
        for path in (synthetic / "events").glob("*.yml")
    ]
    for name, pattern in NOTATIONS.items():
        assert any(re.fullmatch(pattern, d) for d in dates), name
    years = {int(y) for d in dates for y in re.findall(r"\d{4}", d)}
    assert years <= set(range(2018, 2025)), years  # a "one of" date may reach back a week
    assert {2019, 2024} <= years


def test_the_same_arguments_make_the_same_project(synthetic: Path, tmp_path: Path):
    again = make_site_project(tmp_path / "again", EVENTS, REPO)
    files = sorted(p.relative_to(synthetic) for p in synthetic.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    assert all((synthetic / f).read_bytes() == (again / f).read_bytes() for f in files)


def test_build_pages_writes_the_synthetic_sites_pages(synthetic: Path, tmp_path: Path):
    out = tmp_path / "pages"
    assert timeline(["build-pages", "--root", str(synthetic), "--out", str(out)]) == 0
    data = validate(synthetic).dataset
    assert data is not None
    for entity in data.entities.values():
        folder = "topics" if entity.kind == "topic" else "entities"
        assert (out / folder / f"{entity.id}.md").is_file(), entity.id
    for source in data.sources:
        assert (out / "sources" / f"{source}.md").is_file(), source
    written = "\n".join(p.read_text() for p in out.rglob("*.md"))
    assert all(event.id in written for event in data.events)
    assert "<!-- data:" not in (out / "index.md").read_text()


def test_the_baseline_config_is_mkdocs_yml_without_the_plugin_reading_the_written_pages():
    config = (REPO / "mkdocs.yml").read_text()
    baseline = site.baseline_config(config)
    plugin = re.search(r"  - timeline:\n(      .*\n)+", config)  # the plugin and its options
    assert plugin is not None and "map_region:" in plugin[0] and "  - timeline" not in baseline
    assert f"docs_dir: {site.BASELINE_PAGES}\n" in baseline
    assert "docs_dir: docs\n" not in baseline
    assert len(baseline.splitlines()) == len(config.splitlines()) - plugin[0].count("\n")  # nothing else
    # An empty list, not none: MkDocs would run its search plugin, which the site does not.
    assert "\nplugins: []\n" in baseline and "\nplugins:\n" not in baseline


def test_peak_memory_is_measured_per_command_not_the_largest_so_far(tmp_path: Path):
    # This process's own peak goes over 250 MB first: Linux charges a child started from it
    # with that peak, which the command's own measure must not include.
    grown = bytearray(250_000_000)
    grown[::4096] = b"x" * len(range(0, len(grown), 4096))  # each page written, so resident
    del grown
    big = measure.run_measured([sys.executable, "-c", "b = bytearray(200_000_000); b[-1] = 1"], tmp_path)
    small = measure.run_measured([sys.executable, "-c", "pass"], tmp_path)
    assert big.returncode == small.returncode == 0
    assert big.peak_rss > 200_000_000 > small.peak_rss
    failed = measure.run_measured([sys.executable, "-c", "print('out'); raise SystemExit(3)"], tmp_path)
    assert (failed.returncode, failed.output) == (3, "out\n")
    assert big.indexer_peak_rss == small.indexer_peak_rss == 0
    assert big.indexer_seconds == small.indexer_seconds == 0


def test_the_search_indexers_peak_is_measured_apart_from_the_trees(tmp_path: Path):
    """Pagefind runs as a program of its own inside the build: a process named pagefind
    (here Python, by that name) anywhere in the tree has its peak reported apart."""
    indexer = tmp_path / "pagefind"
    indexer.symlink_to(sys.executable)
    grow = "b = bytearray(150_000_000); b[::4096] = b'x' * len(range(0, len(b), 4096))"
    grow += "; import time; time.sleep(0.5)"  # alive while the launcher looks
    build = f"import subprocess; subprocess.run([{str(indexer)!r}, '-c', {grow!r}], check=True)"
    run = measure.run_measured([sys.executable, "-c", build], tmp_path)
    assert run.returncode == 0
    assert run.peak_rss > 150_000_000 and run.indexer_peak_rss > 150_000_000  # two counts: not equal
    assert 0.3 <= run.indexer_seconds < run.seconds  # seen for as long as it ran, a tenth of a second apart


def test_cpu_time_counts_work_not_waiting(tmp_path: Path):
    busy = measure.run_measured([sys.executable, "-c", "sum(range(100_000_000))"], tmp_path)  # about 1 s
    idle = measure.run_measured([sys.executable, "-c", "import time; time.sleep(1)"], tmp_path)
    assert busy.cpu_seconds > 0.3
    assert idle.seconds >= 1 and idle.cpu_seconds < 0.5


def _file(path: Path, size: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x" * size)


def test_a_sites_pages_search_index_and_pagefind_bundle_are_measured(tmp_path: Path):
    site = tmp_path / "site"
    _file(site / "index.html", 1_000)
    (site / "timeline").mkdir()
    (site / "timeline" / "index.html").write_text("<p>event</p>\n" * 10_000)
    _file(site / "search" / "search_index.json", 3_000)
    size = measure.measure_site(site)
    assert (size.pages, size.largest_page, size.largest_raw) == (2, "timeline/index.html", 130_000)
    assert 0 < size.largest_gz < 2_000
    assert (size.search_index, size.total) == (3_000, 134_000)
    assert size.pagefind_total is size.pagefind_query is size.pagefind_fixed is None

    # Pagefind: the loader, entry, the language's WebAssembly and metadata (not the fallback's
    # WebAssembly for pages without one), the three largest index chunks (one per word of a
    # three-word query), and the median fragment for each of the five results
    # shown; the UI's other files do not count.
    bundle = {"pagefind.js": 1_000, "pagefind-entry.json": 100, "wasm.en.pagefind": 50_000,
              "wasm.unknown.pagefind": 40_000, "pagefind.en_abc.pf_meta": 300, "pagefind-ui.js": 9_000,
              "index/en_1.pf_index": 2_000,
              "index/en_2.pf_index": 5_000, "index/en_3.pf_index": 1_000, "index/en_4.pf_index": 500,
              "filter/en_f.pf_filter": 700}  # fmt: skip
    bundle |= {f"fragment/en_{i}.pf_fragment": 100 * i for i in range(1, 7)}
    for name, bytes_ in bundle.items():
        _file(site / "pagefind" / name, bytes_)
    size = measure.measure_site(site)
    assert size.pagefind_total == sum(bundle.values())
    assert size.pagefind_query == 1_000 + 100 + 50_000 + 300 + (5_000 + 2_000 + 1_000) + 5 * 350
    assert size.pagefind_fixed == 1_000 + 100 + 50_000 + 300  # whatever the words


def test_the_query_is_the_three_words_most_often_in_the_event_titles(tmp_path: Path):
    titles = ["Police raid &amp; close compounds", "Police free workers", "Workers freed by police", "Ça va"]
    for n, title in enumerate(titles):
        page = tmp_path / "site" / "events" / f"e{n}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f"<html><head><title>{title} - Compounds, 2023 to 2024</title></head></html>")
    assert measure.query_words(tmp_path / "site") == ["police", "workers", "close"]  # ties: a–z
    assert measure.query_seen(tmp_path / "site", ["police"]) is None  # no index to search


def test_two_sites_served_in_turn_from_one_folder_each_serve_their_own(tmp_path: Path):
    for engine in ("mkdocs", "zensical"):
        _file(tmp_path / f"{engine}-site" / "index.html", 10)
        (tmp_path / f"{engine}-site" / "index.html").write_text(engine)
    for engine in ("mkdocs", "zensical"):
        with browser.serve(tmp_path / f"{engine}-site", "/s/") as url:
            assert urllib.request.urlopen(url, timeout=10).read().decode() == engine
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mkdocs-site", "zensical-site"]  # nothing left


def test_a_query_seen_in_a_browser_is_the_one_judged_and_the_bound_is_shown():
    size = measure.SiteSize(
        10, 5_000_000, "timeline/index.html", 400_000, 50_000, 0, 0, 9, 350_000, 280_000, "a b c"
    )
    run = _run(1_000, 1.0)
    run = replace(run, engines=(replace(run.engines[0], size=size),))
    table = site_table([run])
    assert "| 280 (350) |" in table
    verdict = "280 KB for 'a b c' in a browser (bound 350 KB): **holds**"
    assert f"- a three-word query downloads ≤ 300 KB, N=1,000, mkdocs: {verdict}" in table
    # What Pagefind loads for any query (its script, WebAssembly, entry and every page's metadata).
    run = replace(run, engines=(replace(run.engines[0], size=replace(size, pagefind_fixed=320_000)),))
    verdict = "280 KB for 'a b c' in a browser (bound 350 KB; 320 KB whatever the words): **holds**"
    assert f"- a three-word query downloads ≤ 300 KB, N=1,000, mkdocs: {verdict}" in site_table([run])


def test_the_build_budgets_say_how_long_pagefind_ran_within_the_build():
    """Plain MkDocs builds no search index: the part of the build that Pagefind took is
    shown beside the ratio and the full build's time."""
    run = _run(1_000, 4.0)
    indexed = replace(run.engines[0].run, indexer_seconds=1.0)
    run = replace(run, engines=(replace(run.engines[0], run=indexed),))
    verdict = "wall 2.00×, CPU 2.00× (Pagefind ran 1.0 s of it, 0.50× plain MkDocs): **misses**"
    assert f"- build ≤ 1.1× plain MkDocs on the same pages (wall and CPU), N=1,000, mkdocs: {verdict}" in (
        site_table([run])
    )
    real = replace(run, data="real", events=10_000)
    verdict = "4.0 s (Pagefind ran 1.0 s of it): **holds**"
    assert f"- full build of the real data ×10,000 within 60 s, N=10,000, mkdocs: {verdict}" in site_table(
        [real]
    )
    assert "(Pagefind ran" not in site_table([_run(1_000, 4.0)])  # not seen: nothing said


def _measured(seconds: float, rss: int = 100_000_000, indexer: int = 0) -> measure.Run:
    return measure.Run(seconds, rss, 0, "", cpu_seconds=seconds * 0.9, indexer_peak_rss=indexer)


def _run(events: int, build: float, validate_s: float = 1.0, zensical: str = "") -> site.SiteRun:
    """A size's run: MkDocs's build takes `build` s, plain MkDocs half that; Zensical fails
    with the error `zensical`, or takes 0.8 of MkDocs's time."""
    size = measure.SiteSize(
        10, 5_000_000, "timeline/index.html", 400_000, 50_000, 1_000_000, 200_000, 9, 250_000
    )
    mkdocs = engines.EngineRun("mkdocs", _measured(build, indexer=90_000_000), size)
    other = engines.EngineRun("zensical", _measured(build * 0.8), None if zensical else size, zensical)
    hugo = engines.EngineRun("hugo", _measured(0.1), size)
    markdown = measure.Markdown(total=events * 5_000, event_pages=events * 2_000)
    return site.SiteRun(
        events, "synthetic", events + 100, _measured(validate_s), _measured(validate_s / 2), _measured(1.0),
        markdown, _measured(build / 2), hugo, (mkdocs, other),
    )  # fmt: skip


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def test_the_table_has_a_row_per_size_and_engine_and_every_budgets_verdict():
    table = site_table([_run(1_000, 1.0), _run(10_000, 10**1.5, validate_s=12.0)])
    lines = table.splitlines()
    head = _cells(lines[0])
    assert head[:7] == [
        "N events",
        "data",
        "engine",
        "files",
        "validate s",
        "YAML floor s",
        "validate / floor",
    ]
    named = {"Hugo s", "plain MkDocs s", "build / plain (CPU)", "3-word query KB (bound)", "result"}
    assert named <= set(head)
    rows = [dict(zip(head, _cells(line), strict=True)) for line in lines[2:6]]
    assert [(r["N events"], r["engine"]) for r in rows] == [
        ("1,000", "mkdocs"), ("1,000", "zensical"), ("10,000", "mkdocs"), ("10,000", "zensical")
    ]  # fmt: skip
    first = rows[0]
    assert (first["validate / floor"], first["build / plain"], first["build / plain (CPU)"]) == ("2.00",) * 3
    assert (first["Hugo s"], first["peak RSS MB"], first["largest page KB (raw / gz)"]) == (
        "0.1",
        "100",
        "400 / 50",
    )
    assert first["3-word query KB (bound)"] == "250" and first["result"] == "ok"
    assert first["Markdown KB per event (other pages / event pages)"] == "3.0 / 2.0"
    assert rows[1]["build / plain"] == "1.60"
    assert "Zensical takes 0.8 s, 0.80× MkDocs's 1.0 s" in table
    hugo = "Hugo renders the same Markdown in 0.1 s: MkDocs with the plugin takes 10.0× as long"
    assert f"{hugo}, plain MkDocs 5.0×." in table
    assert "Growth 1,000 → 10,000 (×10): validate ×12.0, build ×31.6 (exponent 1.50)." in table
    verdicts = [line for line in lines if line.startswith("- ")]
    assert "- validate ≤ 1.5× the YAML parse floor, N=1,000: 1.00 s / 0.50 s = 2.00×: **misses**" in verdicts
    assert "- peak memory < 600 MB, N=10,000, zensical: 100 MB: **holds**" in verdicts
    assert (
        "- peak memory < 600 MB, N=10,000, mkdocs: 100 MB (Pagefind, indexing, 90 MB): **holds**" in verdicts
    )
    assert "- a three-word query downloads ≤ 300 KB, N=1,000, mkdocs: 250 KB (bound): **holds**" in verdicts
    assert "- Markdown ≤ 3 KB per event beside the event pages (aim), N=1,000: 3.0 KB: **holds**" in verdicts
    assert "- validate grows ≤ 10.5× for 10× the events, N=1,000 → 10,000: 12.0×: **misses**" in verdicts
    assert "- build grows ≤ 10.5× for 10× the events, N=1,000 → 10,000: 31.6×: **misses**" in verdicts
    assert verdicts[-1].startswith("- full build of the real data ×10,000 within 60 s, –: not run")
    assert "grows" not in site_table([_run(1_000, 1.0)])  # growth only when both sizes ran


def test_a_failing_engine_is_a_row_that_says_why_and_a_budget_it_misses():
    table = site_table([_run(100, 1.0, zensical="exit 1: Search field 'text' exceeds the limit")])
    row = next(line for line in table.splitlines() if "| zensical |" in line)
    assert row.endswith("| fails: exit 1: Search field 'text' exceeds the limit |")
    assert (
        "- the site builds, N=100, zensical: exit 1: Search field 'text' exceeds the limit: **misses**"
        in table
    )


def test_a_failing_build_is_reported_with_the_first_line_that_names_its_error(tmp_path: Path):
    project = tmp_path / "project"
    (project / "schemas").mkdir(parents=True)  # a project folder with no data and no mkdocs.yml
    for engine in engines.ENGINES:
        built = engines.build_with(engine, project, tmp_path)
        assert not built.ok and built.size is None and built.run is not None
        assert built.error.startswith("exit ") and "error" in built.error.lower(), built.error
    assert engines.first_error("building\nWARNING x\nError: it broke\nerror: again\n") == "Error: it broke"
    assert engines.first_error("no such thing\n") == "no such thing"


def test_the_yaml_floor_reads_every_data_file_and_nothing_else(tmp_path: Path):
    for folder in ("events", "entities", "sources"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.yml").write_text("a: 1\n")
    (tmp_path / "sources" / "a.txt").write_text("{ not: yaml: at all")
    assert measure.yaml_floor(tmp_path).returncode == 0
    (tmp_path / "entities" / "b.yml").write_text("a: [\n")
    broken = measure.yaml_floor(tmp_path)
    assert broken.returncode != 0 and "yaml" in broken.output


def test_markdown_is_measured_per_event_with_the_event_pages_apart(tmp_path: Path):
    _file(tmp_path / "index.md", 1_000)
    _file(tmp_path / "topics" / "a.md", 3_000)
    _file(tmp_path / "events" / "x.md", 400)
    _file(tmp_path / "events" / "y.md", 600)
    _file(tmp_path / "events.json", 9_999)
    written = measure.measure_markdown(tmp_path)
    assert (written.total, written.event_pages) == (5_000, 1_000)
    assert written.per_event(2) == (2_000, 500)


def test_hugo_renders_every_page_build_pages_writes_and_reads_their_front_matter(tmp_path: Path):
    pages = tmp_path / "pages"
    assert timeline(["build-pages", "--root", str(REPO), "--out", str(pages)]) == 0
    built = engines.build_with_hugo(pages, tmp_path)
    assert built.ok, built.error
    assert built.size is not None
    site_dir = tmp_path / "hugo-site"
    for page in pages.rglob("*.md"):
        folder = page.relative_to(pages).with_suffix("")
        html = site_dir / (folder.parent if folder.name == "index" else folder) / "index.html"
        assert html.is_file(), page
    title = yaml.safe_load((pages / "methodology.md").read_text().split("---")[1])["title"]
    assert f"<title>{title}</title>" in (site_dir / "methodology" / "index.html").read_text()


def test_the_real_data_is_copied_under_new_ids_until_there_are_n_events(tmp_path: Path):
    count = copies.real_event_count(REPO)
    events = 2 * count + count // 2  # two whole copies, and half of a third
    project = copies.make_copied_project(tmp_path / "project", events, REPO)
    result = validate(project)
    assert [p for p in result.problems if p.level == "error"] == []
    data = result.dataset
    assert data is not None and len(data.events) == events
    copied = [e for e in data.events if e.id.endswith("-copy-1")]
    assert len(copied) == count
    originals = {e.id: e for e in data.events if "-copy-" not in e.id}
    for event in copied:
        original = originals[event.id.removesuffix("-copy-1")]
        quotes = [(c.source, c.quote) for c in event.citations]
        assert quotes == [(c.source, c.quote) for c in original.citations]
        assert (event.entities, event.topics) == (original.entities, original.topics)
        assert all(r.event.endswith("-copy-1") for r in event.related_reports)
    assert not any(e.key for e in data.events if "-copy-" in e.id)
    assert not any(e.related_reports for e in data.events if e.id.endswith("-copy-2"))
    assert sorted(p.name for p in (project / "sources").iterdir()) == sorted(
        p.name for p in (REPO / "sources").iterdir()
    )
    with pytest.raises(ValueError, match="at least"):
        copies.make_copied_project(tmp_path / "small", count - 1, REPO)


def _table(path: Path) -> list[dict[str, str]]:
    """The rows of the benchmark's table, each by its column's name."""
    lines = path.read_text().splitlines()
    head = _cells(lines[0])
    return [dict(zip(head, _cells(line), strict=True)) for line in lines[2:] if line.startswith("| ")]


@pytest.mark.build
def test_the_site_benchmark_builds_with_both_engines_beside_plain_mkdocs_and_hugo(tmp_path: Path):
    out, work = tmp_path / "table.md", tmp_path / "work"
    argv = ["--site", "--events", str(EVENTS), "--engines", "mkdocs,zensical", "--root", str(REPO)]
    assert timeline(["benchmark", *argv, "--work", str(work), "--output", str(out)]) == 0
    rows = _table(out)
    assert [(r["N events"], r["engine"], r["result"]) for r in rows] == [
        (str(EVENTS), "mkdocs", "ok"), (str(EVENTS), "zensical", "ok")
    ]  # fmt: skip
    assert all(float(r["Hugo s"]) > 0 and float(r["YAML floor s"]) > 0 for r in rows)
    folder = work / f"n{EVENTS}"
    site_dir, baseline = folder / "mkdocs-site", folder / "baseline-site"
    pages = sorted(p.relative_to(site_dir) for p in site_dir.rglob("*.html"))
    assert pages == sorted(p.relative_to(baseline) for p in baseline.rglob("*.html"))
    markdown = list((folder / "project" / site.BASELINE_PAGES).rglob("*.md"))
    assert len(list((folder / "hugo-site").rglob("*.html"))) >= len(markdown) > EVENTS
    for engine in ("mkdocs", "zensical"):
        size = measure.measure_site(folder / f"{engine}-site")
        assert size.pages > EVENTS // 5 and 0 < size.largest_gz < size.largest_raw
        assert 0 < size.pagefind_query < size.pagefind_total  # a query loads part of the index
        assert size.query_seen is not None and 0 < size.query_seen < size.pagefind_total
        assert len(size.query_words.split()) == 3
    budgets = out.read_text().split("Budgets:")[1].strip().splitlines()
    assert len(budgets) >= 8
    assert all(re.search(r"\*\*(holds|misses|not run)\*\*$", line) for line in budgets)


@pytest.mark.build
def test_the_real_data_mode_builds_the_projects_own_events_copied_to_n(tmp_path: Path):
    events = copies.real_event_count(REPO) + 13
    out, work = tmp_path / "table.md", tmp_path / "work"
    argv = ["--site", "--data", "real", "--events", str(events), "--root", str(REPO), "--work", str(work)]
    assert timeline(["benchmark", *argv, "--output", str(out)]) == 0
    assert [(r["data"], r["engine"], r["result"]) for r in _table(out)] == [("real", "mkdocs", "ok")]
    assert len(list((work / f"n{events}" / "project" / "events").glob("*.yml"))) == events
    assert "full build of the real data ×10,000 within 60 s, –: not run" in out.read_text()


def test_the_site_benchmark_refuses_too_few_events_or_an_unknown_engine(capsys: pytest.CaptureFixture[str]):
    few = copies.real_event_count(REPO) - 1
    assert timeline(["benchmark", "--site", "--data", "real", "--events", str(few), "--root", str(REPO)]) == 2
    assert "needs at least" in capsys.readouterr().err
    assert timeline(["benchmark", "--site", "--events", "50", "--engines", "hugo", "--root", str(REPO)]) == 2
    assert "unknown engine hugo" in capsys.readouterr().err


def test_scripts_benchmark_py_runs_the_timeline_benchmark_command():
    wrapper = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "benchmark.py"), "--help"], capture_output=True, text=True
    )
    assert wrapper.returncode == 0
    assert wrapper.stdout.startswith("usage: timeline benchmark")
    assert all(option in wrapper.stdout for option in ("--engines", "--data", "--no-share-cards", "--work"))


def test_a_separate_workflow_runs_the_benchmark_weekly_or_on_demand_and_attaches_the_table():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "benchmark.yml").read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert set(triggers) == {"workflow_dispatch", "schedule"}
    steps = workflow["jobs"]["benchmark"]["steps"]
    runs = [s.get("run", "") for s in steps]
    assert "timeline benchmark --site --events 1000 --engines mkdocs,zensical --output benchmark.md" in runs
    assert any('>> "$GITHUB_STEP_SUMMARY"' in r and "cat benchmark.md" in r for r in runs)
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "benchmark.md"
    # Not part of CI's own run, nor of the pull-request checks.
    assert "benchmark" not in (REPO / ".ci" / "run").read_text()
    assert "benchmark" not in (REPO / ".github" / "workflows" / "pull-request.yml").read_text()


def test_the_map_benchmark_makes_every_located_places_map_and_prints_a_row_per_size(
    capsys: pytest.CaptureFixture[str],
):
    assert timeline(["benchmark", "--root", str(REPO), "--places", "3", "--places", "30"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "| places added | map work (CPU) | peak memory | largest map |"
    sizes = [re.fullmatch(r"\| ([\d,]+) \| [\d.]+ s \| \d+ MB \| (\d+) KB \|", line) for line in lines[2:]]
    assert [m[1] for m in sizes if m] == ["3", "30"]
    small, large = (int(m[2]) for m in sizes if m)
    assert large > small  # the index and the home page mark every place, 27 more links each
