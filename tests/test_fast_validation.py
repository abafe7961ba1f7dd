"""What makes a large project validate quickly changes no result.

Positions are worked out only for a record with a problem, a large archive gets an index
of its tokens, and a large project is loaded by two processes: each is checked here
against the plain way of getting the same answer.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, REPO, make_project
from timeline.data import quotes
from timeline.data.load import load_bytes
from timeline.data.quotes import Archive, normalise
from timeline.data.records import KINDS
from timeline.rules import project


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


# --- two processes load what one does -------------------------------------------------------

TWO_PROCESSES = sys.platform.startswith("linux") and len(os.sched_getaffinity(0)) >= 2

# Run in a new interpreter: this one may have threads running (the browser tests' server),
# and then the validator rightly declines to fork.
_SHARED = """
import json, os, sys
from pathlib import Path
from timeline.rules import project

forks = []
fork = os.fork
os.fork = lambda: forks.append(1) or fork()
project.PARALLEL_FROM = 100
if sys.argv[2] == "failing":
    def fail(*args, **kwargs):
        raise RuntimeError("the second process cannot send its records")
    project.pickle.dumps = fail  # used only by the second process
result = project.validate(Path(sys.argv[1]))
dataset = result.dataset
print(json.dumps({
    "problems": [p.text() for p in result.problems],
    "files": result.files_checked,
    "forks": len(forks),
    "sizes": None if dataset is None else [len(dataset.events), len(dataset.entities), len(dataset.sources)],
}))
"""


def _shared(root: Path, mode: str = "working") -> dict:
    run = subprocess.run([sys.executable, "-c", _SHARED, str(root), mode], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def _large_project(root: Path, events: int) -> Path:
    """The base fixture with many copies of one event, and mistakes in both halves."""
    make_project(root)
    event = (root / "events" / "handover.yml").read_text()
    for n in range(events):
        text = event.replace("id: handover", f"id: copy-{n:04d}")
        if n % 97 == 5:
            text = text.replace("topics: [crackdown]", "topics: [crackdown, missing]")
        if n % 101 == 7:
            text = text.replace("qualifier: exactly", "qualifier: roughly\n    unknown: 1")
        if n % 89 == 3:
            text += "id: again\n"
        (root / "events" / f"copy-{n:04d}.yml").write_text(text)
    (root / "events" / "broken.yml").write_text("id: [unclosed\n")
    return root


@pytest.mark.skipif(not TWO_PROCESSES, reason="needs Linux and two processors")
def test_two_processes_report_exactly_what_one_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    root = _large_project(tmp_path / "large", 600)
    monkeypatch.setattr(project, "PARALLEL_FROM", 10**9)
    alone = project.validate(root)
    shared = _shared(root)
    assert shared["forks"] == 1
    assert shared["problems"] == [p.text() for p in alone.problems]
    assert shared["files"] == alone.files_checked
    rules = {"unknown-reference", "bad-value", "unknown-key", "duplicate-key", "yaml-syntax"}
    assert {p.rule for p in alone.problems} >= rules


@pytest.mark.skipif(not TWO_PROCESSES, reason="needs Linux and two processors")
def test_records_from_the_second_process_make_the_whole_dataset(tmp_path: Path):
    root = make_project(tmp_path / "small")
    for n in range(150):
        text = (root / "events" / "handover.yml").read_text().replace("id: handover", f"id: copy-{n:03d}")
        (root / "events" / f"copy-{n:03d}.yml").write_text(text)
    shared = _shared(root)
    assert shared["forks"] == 1
    assert shared["problems"] == [p.text() for p in project.validate(root).problems]
    assert shared["sizes"] == [153, 2, 1]


@pytest.mark.skipif(not TWO_PROCESSES, reason="needs Linux and two processors")
def test_if_the_second_process_fails_its_files_are_loaded_by_the_first(tmp_path: Path):
    root = _large_project(tmp_path / "large", 300)
    shared = _shared(root, "failing")
    assert shared["forks"] == 1
    assert shared["problems"] == [p.text() for p in project.validate(root).problems]


def test_the_validator_does_not_fork_beside_other_threads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    root = _large_project(tmp_path / "large", 150)
    monkeypatch.setattr(project, "PARALLEL_FROM", 100)
    monkeypatch.setattr(project.os, "fork", lambda: pytest.fail("forked beside another thread"))
    waiting = threading.Event()
    other = threading.Thread(target=waiting.wait)
    other.start()
    try:
        assert not project.validate(root).ok
    finally:
        waiting.set()
        other.join()
