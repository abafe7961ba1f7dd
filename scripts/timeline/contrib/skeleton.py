"""`timeline init FOLDER`: a new story's skeleton, which validates and builds at once.

A newsroom that tells another story starts here rather than by editing a copy of this
one: nothing story-specific lives in the package, so a skeleton needs only its own
settings, pages and data. It holds mkdocs.yml (the story's name and ids as the timeline
plugin's options), docs/ (a home page with its data markers and a methodology page),
one example of each record (a source with its archived text, a topic, an organisation,
an event citing the source), the GitHub workflows that validate every pull request and
publish main, and a requirements.txt that installs the generator. The schemas, the
theme's overrides and the search and open-data pages are the generator's own, copied
from its repository, so the new story is checked and shown exactly as this one.
"""

from __future__ import annotations

import json
import re
import shutil
from importlib import metadata
from pathlib import Path

from ..data.archives import sha256
from .scaffold import make_id, render

TEMPLATES = Path(__file__).parent / "templates"
SKELETON = TEMPLATES / "story"
GENERATOR = Path(__file__).resolve().parents[3]  # the repository this package is installed from
SHARED = ("schemas", "overrides", "docs/search.md", "docs/open-data.md")
DOT = "dot-"  # a name starting so is written starting with "." (package data skips dot files)
EXAMPLE_TEXT = "sources/example-source.txt"
# The name goes into the theme's head as it is (its title and description), as the
# validator's front-matter rule requires: one line, no markup characters.
PLAIN_NAME = re.compile(r'[^<>"\x00-\x1f\x7f-\x9f\u2028\u2029]{1,120}')


def init_story(folder: Path, name: str | None = None, generator: str | None = None) -> list[Path]:
    """Write the skeleton into folder (new or empty) and return the files written.

    FileExistsError when folder holds anything, FileNotFoundError when the generator's
    shared files are not beside the installed package, ValueError for a name the site's
    head cannot carry."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise FileExistsError(f"{folder} is not empty; give a new folder, e.g. timeline init my-story")
    if missing := [part for part in SHARED if not (GENERATOR / part).exists()]:
        raise FileNotFoundError(
            f"the generator's {missing[0]} is not beside the installed package; install the "
            "package from a clone of its repository (pip install -e CLONE) for init to copy it"
        )
    title = name or folder.resolve().name.replace("-", " ").replace("_", " ").capitalize()
    if not PLAIN_NAME.fullmatch(title) or not title.strip():
        raise ValueError(
            '--name must be one line of plain text, at most 120 characters, without < > or "; '
            "use typographic quotes “ ”"
        )
    distribution = _distribution()
    values = {
        "name": title,
        "story_id": make_id(title) or "timeline",
        "sha": sha256((SKELETON / EXAMPLE_TEXT).read_bytes()),
        "distribution": distribution,
        "generator": generator or _installed_from(distribution),
    }
    return _write_skeleton(folder, values) + _copy_shared(folder)


def _write_skeleton(folder: Path, values: dict[str, str]) -> list[Path]:
    """The skeleton's own files: templates filled in, the rest copied as they are."""
    written = []
    for template in sorted(p for p in SKELETON.rglob("*") if p.is_file()):
        target = folder / _target(template.relative_to(SKELETON))
        target.parent.mkdir(parents=True, exist_ok=True)
        if template.suffix == ".j2":
            target.write_text(render(template.relative_to(TEMPLATES).as_posix(), **values), encoding="utf-8")
        else:
            shutil.copyfile(template, target)
        written.append(target)
    return written


def _copy_shared(folder: Path) -> list[Path]:
    """The generator's schemas, theme overrides and generic pages, as they are."""
    written = []
    for part in SHARED:
        source, target = GENERATOR / part, folder / part
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
            written += sorted(p for p in target.rglob("*") if p.is_file())
        else:
            shutil.copyfile(source, target)
            written.append(target)
    return written


def _target(path: Path) -> Path:
    """Where a skeleton file goes: dot-github/x -> .github/x, mkdocs.yml.j2 -> mkdocs.yml."""
    parts = ["." + p.removeprefix(DOT) if p.startswith(DOT) else p for p in path.parts]
    return Path(*parts).with_suffix("") if path.suffix == ".j2" else Path(*parts)


def _distribution() -> str:
    """The name pip knows this package by."""
    return metadata.packages_distributions().get("timeline", ["timeline"])[0]


def _installed_from(distribution: str) -> str:
    """A requirement for the generator as it was installed: from its repository at the
    installed commit when pip recorded one, else the distribution's name, to be pointed
    at the repository (requirements.txt says how)."""
    try:
        direct = json.loads(metadata.distribution(distribution).read_text("direct_url.json") or "{}")
    except metadata.PackageNotFoundError:
        direct = {}
    vcs = direct.get("vcs_info", {})
    if vcs.get("vcs") == "git" and direct.get("url"):
        return f"{distribution} @ git+{direct['url']}@{vcs.get('commit_id', 'main')}"
    return distribution
