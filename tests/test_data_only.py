"""Which pull requests run the short data checks: the workflow's own step, run on real commits.

The pull-request workflow's step that decides is run, as written there, in a small git
repository whose second commit makes one kind of change; only records and archived texts
directly in their folders make it data-only, and the base commit's script decides.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import REPO

SCRIPT = Path(".github", "scripts", "data-only.sh")
EVENT = "events/2023-11-21-handover.yml"
CODE = "scripts/timeline/cli.py"
FILES = [EVENT, "entities/wa-state.yml", "sources/occrp.yml", "sources/occrp.txt", "docs/index.md", CODE]
GIT_ENV = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.org",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def deciding_step() -> dict:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "pull-request.yml").read_text())
    steps = workflow["jobs"]["check"]["steps"]
    return next(s for s in steps if s.get("id") == "changes")


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=repo, env={**os.environ, **GIT_ENV}, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose one commit holds the decider and a file of each kind."""
    root = tmp_path / "repo"
    (root / SCRIPT).parent.mkdir(parents=True)
    shutil.copyfile(REPO / SCRIPT, root / SCRIPT)
    for path in FILES:
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(f"{path}\n")
    git(root, "init", "--quiet")
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "-m", "base")
    return root


def decide(repo: Path, tmp_path: Path) -> tuple[str, str]:
    """Run the workflow's step against the first commit; return its output file and its log."""
    output = tmp_path / "github-output"
    output.write_text("")
    bash = shutil.which("bash")
    assert bash
    step = deciding_step()
    base = git(repo, "rev-list", "--max-parents=0", "HEAD")
    done = subprocess.run(
        [bash, "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],  # as Actions runs it
        cwd=repo,
        env={**os.environ, "BASE": base, "GITHUB_OUTPUT": str(output)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return output.read_text(), done.stdout


# Each change: files to write (or rewrite), files to delete, and files to move (git mv).
CHANGES = {
    "an event edited": ({EVENT: "x"}, [], [], True),
    "records and an archive added": (
        {"entities/new.yml": "x", "sources/new.yml": "x", "sources/new.txt": "x"},
        [],
        [],
        True,
    ),
    "an archived text deleted": ({}, ["sources/occrp.txt"], [], True),
    "an event renamed": ({}, [], [(EVENT, "events/2023-11-22-handover.yml")], True),
    "an event and code": ({EVENT: "x", CODE: "x"}, [], [], False),
    "code only": ({CODE: "x"}, [], [], False),
    "code deleted": ({}, [CODE], [], False),
    "an event moved into scripts": ({}, [], [(EVENT, "scripts/handover.yml")], False),
    "code moved into events": ({}, [], [(CODE, "events/cli.yml")], False),
    "a docs asset": ({"docs/x.js": "x"}, [], [], False),
    "a docs page": ({"docs/index.md": "x"}, [], [], False),
    "a nested docs page": ({"docs/sub/page.md": "x"}, [], [], False),
    "a nested event": ({"events/2023/handover.yml": "x"}, [], [], False),
    "a data folder's README": ({"events/README.md": "x"}, [], [], False),
    "another file in sources": ({"sources/occrp.html": "x"}, [], [], False),
    "the decider itself": ({str(SCRIPT): 'echo data-only=true | tee -a "$GITHUB_OUTPUT"'}, [], [], False),
    "nothing": ({}, [], [], False),
}


@pytest.mark.parametrize("case", CHANGES)
def test_only_records_and_archives_in_their_folders_are_data(repo: Path, tmp_path: Path, case: str):
    written, deleted, moved, data_only = CHANGES[case]
    for path, text in written.items():
        (repo / path).parent.mkdir(parents=True, exist_ok=True)
        (repo / path).write_text(text)
    for path in deleted:
        (repo / path).unlink()
    for old, new in moved:
        (repo / new).parent.mkdir(parents=True, exist_ok=True)
        git(repo, "mv", old, new)
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "--allow-empty", "-m", case)

    output, log = decide(repo, tmp_path)
    expected = f"data-only={'true' if data_only else 'false'}"
    assert output == expected + "\n"
    assert log.splitlines()[0] == expected
    assert ("not data: " in log) == (not data_only and case != "nothing")


def test_a_file_name_that_git_would_quote_is_read_whole(repo: Path, tmp_path: Path):
    """With -z, a name with a space, a quote or a line break is one path, not several."""
    (repo / "events" / 'a "quoted"\nname.yml').write_text("x")
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "-m", "odd name")
    assert decide(repo, tmp_path)[0] == "data-only=true\n"
    (repo / "scripts" / "events\n" / "x.yml").parent.mkdir()
    (repo / "scripts" / "events\n" / "x.yml").write_text("x")
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "-m", "a folder named like a line break")
    output, log = decide(repo, tmp_path)
    assert output == "data-only=false\n" and "not data: scripts/events?/x.yml" in log


def test_a_base_branch_without_the_script_runs_every_test(tmp_path: Path):
    root = tmp_path / "repo"
    (root / "events").mkdir(parents=True)
    (root / "events" / "a.yml").write_text("x")
    git(root, "init", "--quiet")
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "-m", "base")
    (root / "events" / "a.yml").write_text("y")
    git(root, "commit", "--quiet", "--all", "-m", "an event edited")
    assert decide(root, tmp_path)[0] == "data-only=false\n"


def test_the_checks_run_the_short_tests_only_when_the_step_says_data_only():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "pull-request.yml").read_text())
    steps = workflow["jobs"]["check"]["steps"]
    step = deciding_step()
    assert steps.index(step) == 1  # right after the checkout, which has the whole history
    assert steps[0]["with"]["fetch-depth"] == 0
    assert step["env"]["BASE"] == "${{ github.event.pull_request.base.sha }}"
    runs = {s.get("run"): s.get("if") for s in steps}
    assert runs["./dev.sh test-data"] == "steps.changes.outputs.data-only == 'true'"
    assert runs["./dev.sh test"] == "steps.changes.outputs.data-only != 'true'"
    assert runs["./dev.sh validate --format github"] is None  # always
    assert any(r and r.startswith("./dev.sh build") and c is None for r, c in runs.items())
