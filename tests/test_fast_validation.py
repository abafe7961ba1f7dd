"""What makes a large project validate quickly changes no result.

Positions are worked out only for a record with a problem, and a large archive gets an
index of its tokens: each is checked here against the plain way of getting the same answer.
The cycle collector is paused for a run, and only for it. The model is built only when
it is asked for: `timeline validate` reports problems and needs none.
"""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, REPO, counted_pools, in_fresh_process, make_project
from timeline.data import quotes
from timeline.data.load import load_bytes
from timeline.data.quotes import Archive, normalise
from timeline.data.records import KINDS
from timeline.rules import project, workers
from timeline.tools import copies


def _yaml_files() -> list[Path]:
    tops = [REPO, *sorted(p for p in FIXTURES.rglob("*") if p.is_dir())]
    return [path for top in tops for kind in KINDS for path in sorted((top / kind.folder).glob("*.yml"))]


def _composed_marks(text: str) -> tuple[dict, dict]:
    """Every value's and key's 1-based position by path, as PyYAML's composer sees them."""
    marks: dict = {}
    key_marks: dict = {}

    def walk(node: yaml.Node, path: tuple) -> None:
        marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                key_marks[(*path, key.value)] = (key.start_mark.line + 1, key.start_mark.column + 1)
                walk(value, (*path, key.value))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                walk(item, (*path, i))

    walk(yaml.compose(text, Loader=yaml.SafeLoader), ())
    return marks, key_marks


def test_every_position_is_where_the_yaml_composer_puts_it():
    checked = 0
    for path in _yaml_files():
        raw = path.read_bytes()
        doc, _ = load_bytes(raw, path.name)
        if doc is None:
            continue
        marks, key_marks = _composed_marks(raw.decode("utf-8"))
        assert {p: doc.where(p) for p in marks} == marks, path
        assert {p: doc.where(p, key=True) for p in key_marks} == key_marks, path
        checked += 1
    assert checked > 100


# --- quotes: the token index finds what reading the text finds ------------------------------

_LETTERS = st.sampled_from(["a", "b", "1", "2", " ", "-", "'", ",", ".", "\u2014", "\u201c", "\n", "é", "_"])


@settings(max_examples=300, deadline=None)
@given(st.text(_LETTERS, max_size=80), st.data())
def test_the_token_index_finds_what_reading_the_text_finds(text, data):
    lines = text.count("\n") + 1
    not_body = data.draw(st.sets(st.integers(1, lines), max_size=2))
    wanted = []
    for _ in range(8):
        start = data.draw(st.integers(0, len(text)))
        wanted.append(normalise(text[start : start + data.draw(st.integers(1, 12))]))
    wanted += [normalise(data.draw(st.text(_LETTERS, min_size=1, max_size=6))) for _ in range(4)]
    results = {}
    for index_after in (10**9, 0):  # never, and from the first lookup
        original, quotes.INDEX_AFTER = quotes.INDEX_AFTER, index_after
        try:
            archive = Archive.of(text, not_body)
            results[index_after] = [
                (
                    (found := archive.search(quote)).found,
                    found.cut,
                    [(s.first_line, at) for s, at in found.places],
                )
                for quote in wanted
                if quote
            ]
        finally:
            quotes.INDEX_AFTER = original
    assert results[0] == results[10**9]


def test_a_large_archive_cited_by_many_records_gets_its_index():
    archive = Archive.of(" ".join(f"{n} suspects were handed over." for n in range(3_000)))
    for n in range(quotes.INDEX_AFTER + 10):
        assert archive.search(f"{n} suspects were handed over").found is quotes.Found.MATCH
    assert "starts_by_run" in vars(archive.body[0])
    assert archive.search("uspects were").cut == "suspects"
    assert archive.search("suspects were taken").found is quotes.Found.MISSING


def test_the_cycle_collector_is_paused_for_a_run_and_restored_after_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    checks, seen = project.run_checks, []
    monkeypatch.setattr(
        project, "run_checks", lambda *args, **kw: seen.append(gc.isenabled()) or checks(*args, **kw)
    )
    assert project.validate(make_project(tmp_path / "project")).ok
    assert seen == [False, False] and gc.isenabled()  # the checks, then the settled checks


def test_the_model_is_built_once_when_asked_for_and_never_for_a_run_that_only_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    built, make = [], project.build
    monkeypatch.setattr(project, "build", lambda *args: built.append(gc.isenabled()) or make(*args))
    result = project.validate(make_project(tmp_path / "project"))
    assert result.ok and built == []
    assert result.dataset is not None and result.dataset is result.dataset
    assert built == [False] and gc.isenabled()  # once, with the collector paused, as the run


def test_a_run_with_an_error_has_no_model(tmp_path: Path):
    root = make_project(tmp_path / "project")
    (root / "events" / "broken.yml").write_text("id: [unclosed\n", encoding="utf-8")
    result = project.validate(root)
    assert not result.ok and result.model is None and result.dataset is None


def test_a_run_that_keeps_the_loaded_files_loads_again_only_those_whose_bytes_changed(tmp_path: Path):
    """The preview keeps each file as loaded and checked between saves; what it finds is
    what a run that loads and checks every file finds, problems too, every time: when a
    file breaks, when it is mended, and when a record others refer to goes."""
    root = make_project(tmp_path / "project")
    loads = project.Loads()
    assert project.validate(root, loads=loads).ok
    before = dict(loads.files)
    path = root / "events" / "handover.yml"
    text = path.read_text(encoding="utf-8")
    edits = [
        text.replace("\ntitle: ", "\ntitle: Zanzibarish ", 1),
        "title: [unclosed\n",
        "title: [unclosed\n",
        text,
    ]
    for edit in edits:
        path.write_text(edit, encoding="utf-8")
        kept, fresh = project.validate(root, loads=loads), project.validate(root)
        assert (kept.problems, kept.dataset, kept.files_checked) == (
            fresh.problems,
            fresh.dataset,
            fresh.files_checked,
        )
        if edit == edits[0]:  # loaded again: the one file whose bytes changed
            assert {shown for shown, entry in loads.files.items() if entry is not before.get(shown)} == {
                "events/handover.yml"
            }
    (root / "entities" / "cctv.yml").unlink()  # the events that name it are checked again
    kept, fresh = project.validate(root, loads=loads), project.validate(root)
    assert not fresh.ok and kept.problems == fresh.problems


def _in_workers(root: Path) -> tuple[project.Result, int]:
    """In a fresh process: the run, and how many times it used worker processes."""
    pools = counted_pools()
    return project.validate(root), len(pools)


def _both(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[project.Result, project.Result]:
    """The run in worker processes (the files loaded, the records checked), and here."""
    pooled, pools = in_fresh_process(_in_workers, root)
    assert pools == 2
    monkeypatch.setattr(workers, "PAYS_FROM", 10**9)
    return pooled, project.validate(root)


def test_a_run_in_worker_processes_finds_exactly_what_a_run_here_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """A large project is loaded and checked in worker processes: the problems, in order,
    and the model are those of the same run in one process, with broken files and without."""
    root = copies.make_copied_project(tmp_path / "project", workers.PAYS_FROM + 200, REPO, cards=False)
    broken = sorted((root / "events").glob("*-copy-1.yml"))[:3]
    broken[0].write_text("title: [unclosed\n", encoding="utf-8")
    for path, old, new in [
        (broken[1], "\ntopics: [", "\ntopics: [nothing, "),
        (broken[2], "\ncitations:\n", "\ncitations:\n  - source: none\n    quote: x\n"),
    ]:  # fmt: skip
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    pooled, here = _both(root, monkeypatch)
    assert (pooled.problems, pooled.files_checked) == (here.problems, here.files_checked)
    assert {"yaml-syntax", "unknown-reference"} <= {p.rule for p in here.problems}
    assert pooled.dataset is here.dataset is None
    for path in broken:
        path.unlink()
    pooled, here = _both(root, monkeypatch)
    assert pooled.problems == here.problems
    assert here.dataset is not None and pooled.dataset == here.dataset
