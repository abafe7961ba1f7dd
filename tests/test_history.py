"""When each data file last changed, from git, and how pages show it."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import get_files

from conftest import REPO, REPO_URL, make_project
from htmlscan import scan
from timeline.adapters.folder import write_pages
from timeline.site import history
from timeline.site.history import last_changed


def git(repo: Path, *args: str, date: str | None = None) -> None:
    env = {**os.environ, **({"GIT_COMMITTER_DATE": date, "GIT_AUTHOR_DATE": date} if date else {})}
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=repo, env=env,
                   check=True, capture_output=True)  # fmt: skip


def test_the_last_commit_that_touched_each_file_gives_its_date(tmp_path: Path):
    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "a.yml").write_text("1")
    (tmp_path / "events" / "b.yml").write_text("1")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "first", date="2024-01-02T10:00:00+00:00")
    (tmp_path / "events" / "b.yml").write_text("2")
    git(tmp_path, "commit", "-qam", "second", date="2024-03-04T10:00:00+00:00")
    assert last_changed(tmp_path) == {"events/a.yml": "2024-01-02", "events/b.yml": "2024-03-04"}


def test_outside_git_there_are_no_dates(tmp_path: Path):
    assert last_changed(tmp_path) == {}


@pytest.fixture
def committed(tmp_path: Path) -> Path:
    """The base fixture with a home page and a minimal mkdocs.yml, in one commit of 2024-01-02."""
    root = make_project(tmp_path / "project")
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / "index.md").write_text("---\ntitle: Home\n---\n\n# Home\n")
    (root / "mkdocs.yml").write_text("site_name: Test\ndocs_dir: docs\nplugins:\n  - timeline\n")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "first", date="2024-01-02T10:00:00+00:00")
    return root


@pytest.fixture
def git_logs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The `git log` commands run from now on."""
    run, logs = subprocess.run, []

    def counted(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
        logs.extend(command[1:2] if command[1:2] == ["log"] else [])
        return run(command, **kwargs)  # type: ignore[call-overload, no-any-return]

    monkeypatch.setattr(history.subprocess, "run", counted)
    return logs


def test_the_mkdocs_plugin_reads_the_history_once_per_build(committed: Path, git_logs: list[str]):
    config = load_config(str(committed / "mkdocs.yml"))
    config = config.plugins.on_config(config)
    config.plugins.on_files(get_files(config), config=config)
    config.plugins.on_build_error(error=RuntimeError("stop here"))  # removes the pages' folder
    assert git_logs == ["log"]
    assert config.extra["data_changed"] == "2024-01-02"


def test_the_folder_adapter_reads_the_history_once(committed: Path, git_logs: list[str], tmp_path: Path):
    result, written = write_pages(committed, tmp_path / "pages", None, None)
    assert result.ok and written > 10
    assert git_logs == ["log"]
    assert "2024-01-02" in (tmp_path / "pages" / "timeline.md").read_text()


@pytest.mark.build
def test_event_and_entity_pages_show_the_last_change_and_link_to_its_history(built_site: Path):
    changed = last_changed(REPO)  # the project is always checked out with git, here and in CI
    event = "events/2021-myanmar-military-seizes-power.yml"
    event_page = built_site / "events" / "2021-myanmar-military-seizes-power" / "index.html"
    assert f"Data last changed {changed[event]}" in event_page.read_text()
    assert f"{REPO_URL}/commits/main/{event}" in scan(event_page).links
    entity = "entities/nong-rong.yml"
    page = built_site / "entities" / "nong-rong" / "index.html"
    assert f"Data last changed {changed[entity]}" in page.read_text()
    assert f"{REPO_URL}/commits/main/{entity}" in scan(page).links
