"""The page step: no output may silently replace another, or a hand-written page."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import REPO, copy_site_sources, counted_pools, in_fresh_process, mkdocs_build
from timeline.cli import main as timeline
from timeline.rules import workers
from timeline.site.outputs import Output, PathClash, check_paths, site_outputs, write_outputs
from timeline.tools.synthetic import make_site_project


def test_two_outputs_with_one_path_are_refused(tmp_path: Path):
    with pytest.raises(PathClash, match=r"entities/index\.md"):
        check_paths([Output("entities/index.md", "a"), Output("entities/index.md", "b")], tmp_path)


def test_an_output_may_not_replace_a_hand_written_page_but_the_home_page_is_filled_in(tmp_path: Path):
    (tmp_path / "index.md").write_text("home")
    check_paths([Output("index.md", "filled in")], tmp_path)
    (tmp_path / "Timeline.md").write_text("hand-written")
    with pytest.raises(PathClash, match=r"timeline\.md"):
        check_paths([Output("index.md", "filled in"), Output("timeline.md", "generated")], tmp_path)


def test_a_second_write_of_the_same_outputs_rewrites_nothing_and_reads_no_file(tmp_path: Path):
    """The digests of what was written say what the folder holds: its files are not read."""
    outputs = [Output("a.md", "one"), Output("sub/b.png", b"\x89PNG")]
    digests: dict[str, bytes] = {}
    assert write_outputs(outputs, tmp_path, digests) == ["a.md", "sub/b.png"]
    files = [tmp_path / "a.md", tmp_path / "sub" / "b.png"]
    for file in files:  # had a file been read back to compare, it would be written again
        file.write_bytes(b"not read")
    times = [file.stat().st_mtime_ns for file in files]
    assert write_outputs(outputs, tmp_path, digests) == []
    assert [file.read_bytes() for file in files] == [b"not read", b"not read"]
    assert [file.stat().st_mtime_ns for file in files] == times
    assert write_outputs([Output("a.md", "two"), outputs[1]], tmp_path, digests) == ["a.md"]
    assert [file.read_bytes() for file in files] == [b"two", b"not read"]
    assert write_outputs(outputs, tmp_path, digests) == ["a.md"]  # back as it was: written again
    assert files[0].read_bytes() == b"one"


def test_a_new_folder_gets_every_output_written_without_reading_what_is_there(tmp_path: Path):
    (tmp_path / "a.md").write_text("one")
    assert write_outputs([Output("a.md", "one"), Output("b.md", "two")], tmp_path, {}) == ["a.md", "b.md"]
    assert (tmp_path / "b.md").read_text() == "two"


@pytest.mark.build
def test_the_folder_writer_and_the_site_build_stop_on_a_clash(tmp_path: Path, capsys: pytest.CaptureFixture):
    """The validator reports the clash first (reserved-path), so both stop before building."""
    root = copy_site_sources(tmp_path / "project")
    (root / "docs" / "figures.md").write_text("---\ntitle: Figures\n---\n\n# My own figures page\n")
    clash = "docs/figures.md:1:1: error: the build writes its own files at 'figures'"
    assert timeline(["build-pages", "--root", str(root), "--out", str(tmp_path / "out")]) == 1
    assert clash in capsys.readouterr().out
    done = mkdocs_build(root, tmp_path / "site")
    assert done.returncode == 1
    assert clash in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.build
def test_the_site_build_refuses_pages_from_a_folder_the_validator_does_not_check(tmp_path: Path):
    root = copy_site_sources(tmp_path / "project")
    shutil.copytree(root / "docs", root / "unchecked")
    config = (root / "mkdocs.yml").read_text()
    (root / "mkdocs.yml").write_text(config.replace("docs_dir: docs\n", "docs_dir: unchecked\n"))
    done = mkdocs_build(root, tmp_path / "site")
    assert done.returncode == 1
    assert "docs_dir must be the project's docs/ folder, the one the validator checks" in done.stderr
    assert "Traceback" not in done.stderr


def _made_in_workers(root: Path) -> tuple[list[tuple[str, str | bytes]], list[int]]:
    """In a fresh process: every output, and how many items each use of worker processes took."""
    pools = counted_pools()
    _, outputs = site_outputs(root, root / "docs")
    return [(o.path, o.content) for o in outputs], pools


def test_the_parts_made_in_worker_processes_are_those_made_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """A large project's pages and exports are made in worker processes: every output, in
    order, byte for byte what one process makes."""
    root = make_site_project(tmp_path / "project", workers.PAYS_FROM, REPO, cards=False)
    pooled, pools = in_fresh_process(_made_in_workers, root)
    assert len(pools) == 3, "the files loaded, the records checked, the parts made"
    monkeypatch.setattr(workers, "PAYS_FROM", 10**9)
    _, here = site_outputs(root, root / "docs")
    assert pooled == [(o.path, o.content) for o in here]
    assert {"events.json", "events.csv", "events.ics"} <= {o.path.rpartition("/")[2] for o in here}
