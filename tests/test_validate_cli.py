"""`timeline validate` (and its old name, scripts/validate.py) as contributors and CI call it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO, make_project, run_cli


def test_the_real_data_validates_from_the_repository_root():
    done = subprocess.run(
        [sys.executable, "scripts/validate.py"], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout
    assert done.stdout.strip().splitlines()[-1].endswith(" errors")
    assert done.stderr == ""


def test_a_bad_file_exits_1_with_no_traceback_as_a_subprocess(tmp_path: Path):
    root = make_project(tmp_path / "p", FIXTURES / "bad" / "python-object-tag")
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts/validate.py"), "--root", str(root)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert "[yaml-tag]" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


def test_the_timeline_command_finds_its_project_from_any_folder_inside_it(tmp_path: Path):
    root = make_project(tmp_path / "p", FIXTURES / "bad" / "bad-kind")
    command = Path(sys.executable).with_name("timeline")  # installed with the package
    assert command.is_file(), "./dev.sh installs the package, and its command, into the environment"
    done = subprocess.run(
        [command, "validate"], cwd=root / "events", capture_output=True, text=True, check=False
    )
    assert done.returncode == 1
    assert "entities/cctv.yml:4:7: error: kind 'organization' is not allowed" in done.stdout
    done = subprocess.run([command, "validate"], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert (done.returncode, "is not a project folder" in done.stderr) == (1, True)


def test_paths_limit_the_report_but_references_resolve_against_everything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    root = make_project(tmp_path / "p", FIXTURES / "bad" / "bad-kind")
    monkeypatch.chdir(root)
    code, out = run_cli("--root", str(root), "events/handover.yml")
    assert (code, out.strip()) == (0, "1 file checked, 0 errors")
    code, out = run_cli("--root", str(root), "entities")
    assert code == 1
    assert out.strip().splitlines() == [
        "entities/cctv.yml:4:7: error: kind 'organization' is not allowed; "
        "did you mean 'organisation'? [bad-value]",
        "2 files checked, 1 error",
    ]


def test_a_missing_path_is_an_error(project: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(project)
    code, out = run_cli("--root", str(project), "events/nope.yml")
    assert code == 1
    assert "events/nope.yml:1:1: error: no such file or folder; check the path [no-such-file]" in out


def test_github_format_prints_annotations(tmp_path: Path):
    root = make_project(tmp_path / "p", FIXTURES / "bad" / "duplicate-key")
    code, out = run_cli("--root", str(root), "--format", "github")
    assert code == 1
    assert out.splitlines()[0] == (
        "::error file=events/handover.yml,line=5,col=1,title=duplicate-key::"
        "key 'title' is already set on line 3; keep one of the two"
    )


def test_github_actions_environment_switches_to_annotations(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    root = make_project(tmp_path / "p", FIXTURES / "bad" / "duplicate-key")
    code, out = run_cli("--root", str(root))
    assert code == 1
    assert out.startswith("::error file=events/handover.yml,line=5,col=1,")


def test_a_folder_that_is_not_a_project_is_refused(tmp_path: Path):
    code, out = run_cli("--root", str(tmp_path))
    assert code == 1
    assert "is not a project folder" in out


def test_a_reader_that_stops_reading_gets_no_traceback():
    """`timeline rules | head -1`: the reader has gone before the listing ends."""
    read, write = os.pipe()
    os.close(read)  # every write now fails as it does once `head` has exited
    done = subprocess.run(
        [sys.executable, "-m", "timeline.cli", "rules"],
        stdout=write,
        stderr=subprocess.PIPE,
        cwd=REPO,
        check=False,
    )
    os.close(write)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr.decode() and "BrokenPipe" not in done.stderr.decode()
