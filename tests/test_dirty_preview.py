"""The preview renders again only what an edit changed (`mkdocs serve --dirty`, as
./dev.sh serve runs it), and what it converges to is exactly what a full build makes."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from conftest import copy_site_sources
from timeline.rules.project import validate

SERVE_URL = "http://127.0.0.1:8000/"  # the address `mkdocs serve` builds the site for
WORD = "Zanzibarish"  # a word no page has


def session(project: Path, site: Path, *, dirty: bool) -> MkDocsConfig:
    """The configuration of a new `mkdocs serve` session, as MkDocs starts one."""
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=dirty)
    return config


def rebuild(project: Path, site: Path, *, dirty: bool) -> None:
    """One build of the session, as MkDocs' rebuild loop makes it: the configuration read
    again (the plugin is kept), then built for the served address; then the search
    index, which under serve is built in the background, finished."""
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    build(config, serve_url=SERVE_URL, dirty=dirty)
    plugin = config.plugins["timeline"]
    if plugin.indexing is not None:
        plugin.indexing.wait()


def retitle(project: Path) -> Path:
    """Add a word to the first event's title; that event's file."""
    return _first_event_edited(project, r'^title: "', f'title: "{WORD} ')


def resummarise(project: Path) -> Path:
    """Add a word to the first event's summary; that event's file."""
    return _first_event_edited(project, r"^summary: (>-?\n)?( *)", rf"summary: \1\2{WORD} ")


def _first_event_edited(project: Path, pattern: str, replacement: str) -> Path:
    path = sorted((project / "events").glob("*.yml"))[0]
    text = path.read_text(encoding="utf-8")
    changed = re.sub(pattern, replacement, text, count=1, flags=re.M)
    assert changed != text
    path.write_text(changed, encoding="utf-8")
    return path


def remove(project: Path) -> Path:
    """Remove the first event that no other record needs (a page fewer: a change a dirty
    build cannot follow); its file."""
    for path in sorted((project / "events").glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        path.unlink()
        if not any(p.is_error for p in validate(project).problems):
            return path
        path.write_text(text, encoding="utf-8")
    raise AssertionError("every event is needed by another record")


def differences(one: Path, other: Path) -> list[str]:
    """Every file that is in one folder and not the other, or holds other bytes."""
    paths = [
        {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
        for folder in (one, other)
    ]
    found = sorted(paths[0] ^ paths[1])
    for path in sorted(paths[0] & paths[1]):
        if (one / path).read_bytes() != (other / path).read_bytes():
            found.append(path)
    return found


def test_a_dirty_rebuild_after_an_edit_renders_only_what_changed(tmp_path: Path):
    project = copy_site_sources(tmp_path / "project")
    served = tmp_path / "served"
    config = session(project, served, dirty=True)
    rebuild(project, served, dirty=True)
    rendered = {p: p.stat().st_mtime_ns for p in served.rglob("*.html")}
    path = retitle(project)
    rebuild(project, served, dirty=True)
    config.plugins.on_shutdown()

    again = {p.relative_to(served).as_posix() for p, t in rendered.items() if p.stat().st_mtime_ns != t}
    assert f"events/{path.stem}/index.html" in again  # the edited event's own page
    assert "methodology/index.html" not in again  # hand-written, and it does not list events
    assert len(again) < len(rendered) / 2, f"a one-word edit rendered {len(again)} pages again"
    assert WORD in (served / "events" / path.stem / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("edit", [retitle, resummarise, remove])
def test_what_the_preview_converges_to_is_the_full_build(tmp_path: Path, edit: Callable[[Path], Path]):
    project = copy_site_sources(tmp_path / "project")
    served, fresh = tmp_path / "served", tmp_path / "fresh"
    config = session(project, served, dirty=True)
    rebuild(project, served, dirty=True)
    edited = edit(project)
    rebuild(project, served, dirty=True)
    config.plugins.on_shutdown()
    assert (served / "events" / edited.stem / "index.html").is_file() == edited.is_file()

    config = session(project, fresh, dirty=False)
    rebuild(project, fresh, dirty=False)
    config.plugins.on_shutdown()
    assert (found := differences(served, fresh)) == [], found
