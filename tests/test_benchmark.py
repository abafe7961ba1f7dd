"""The site benchmark: its synthetic project is a real one, and what it measures is right.

The generated project must pass the validator with no problem at all (every quote is a
real passage of a generated archive), its pages must be written, and, marked `build`,
the whole benchmark must run at a small N. Times are printed by the benchmark, never
asserted here.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO
from timeline.cli import main as timeline
from timeline.rules.project import validate
from timeline.site.home import storyline_order
from timeline.tools import measure, site
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


def test_cpu_time_counts_work_not_waiting(tmp_path: Path):
    busy = measure.run_measured([sys.executable, "-c", "sum(range(30_000_000))"], tmp_path)
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
    assert size.pagefind_total is size.pagefind_query is None

    # Pagefind: the loader, entry, WebAssembly and metadata, the largest index chunk, and the
    # median fragment for each of the five results shown; the UI's other files do not count.
    bundle = {"pagefind.js": 1_000, "pagefind-entry.json": 100, "wasm.en.pagefind": 50_000,
              "pagefind.en_abc.pf_meta": 300, "pagefind-ui.js": 9_000, "index/en_1.pf_index": 2_000,
              "index/en_2.pf_index": 5_000, "filter/en_f.pf_filter": 700}  # fmt: skip
    bundle |= {f"fragment/en_{i}.pf_fragment": 100 * i for i in range(1, 7)}
    for name, bytes_ in bundle.items():
        _file(site / "pagefind" / name, bytes_)
    size = measure.measure_site(site)
    assert size.pagefind_total == sum(bundle.values())
    assert size.pagefind_query == 1_000 + 100 + 50_000 + 300 + 5_000 + 5 * 350


def _run(events: int, build: float, validate_s: float = 1.0) -> site.SiteRun:
    def run(seconds: float, rss: int = 100 * 2**20) -> measure.Run:
        return measure.Run(seconds, rss, 0, "", cpu_seconds=seconds * 0.9)

    size = measure.SiteSize(10, 5_000_000, "timeline/index.html", 400_000, 50_000, 1_000_000, 200_000)
    return site.SiteRun(events, events + 100, run(validate_s), run(build), run(1.0), run(build / 2), size)


def test_the_table_has_a_row_per_size_and_the_growth_between_them():
    table = site_table([_run(100, 1.0), _run(1_000, 10**1.5, validate_s=5.0)])
    lines = table.splitlines()
    assert lines[0].startswith("| N events | files | validate s | build s | baseline s | build / baseline |")
    assert lines[2].startswith(
        "| 100 | 200 | 1.0 | 1.0 | 0.5 | 2.00 | 2.00 | 1.0 | 100 | 100 | 400 / 50 | 10 | 5.00 |"
    )
    assert lines[3].startswith("| 1,000 | 1,100 | 5.0 | 31.6 | 15.8 | 2.00 |")
    growth = next(line for line in lines if line.startswith("| 100 → 1,000 |"))
    cells = [c.strip() for c in growth.strip("|").split("|")]
    assert cells[1:4] == ["10", "5.0", "31.6"]
    assert cells[-1] == "1.50"  # the build time's exponent: 10^1.5 for 10 times the events
    assert "Pagefind" not in table
    assert "growth" not in site_table([_run(100, 1.0)])


@pytest.mark.build
def test_the_site_benchmark_builds_the_synthetic_site_and_the_plain_mkdocs_baseline(tmp_path: Path):
    out = tmp_path / "table.md"
    work = tmp_path / "work"
    argv = ["--site", "--events", str(EVENTS), "--root", str(REPO), "--work", str(work)]
    assert timeline(["benchmark", *argv, "--output", str(out)]) == 0
    rows = [line for line in out.read_text().splitlines() if line.startswith(f"| {EVENTS} |")]
    assert len(rows) == 1
    site, baseline = work / f"n{EVENTS}" / "site", work / f"n{EVENTS}" / "baseline-site"
    pages = sorted(p.relative_to(site) for p in site.rglob("*.html"))
    assert pages == sorted(p.relative_to(baseline) for p in baseline.rglob("*.html"))
    size = measure.measure_site(site)
    assert size.pages == len(pages) > EVENTS // 5
    assert 0 < size.largest_gz < size.largest_raw
    assert 0 < size.pagefind_query < size.pagefind_total  # a query loads part of the index


def test_a_separate_workflow_runs_the_benchmark_weekly_or_on_demand_and_attaches_the_table():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "benchmark.yml").read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert set(triggers) == {"workflow_dispatch", "schedule"}
    steps = workflow["jobs"]["benchmark"]["steps"]
    runs = [s.get("run", "") for s in steps]
    assert "python scripts/benchmark.py --site --events 1000 --output benchmark.md" in runs
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
