"""The Zensical adapter: build the site with Zensical, from the folder the folder adapter writes.

Zensical (Material for MkDocs' successor) reads mkdocs.yml but runs no MkDocs plugins or
hooks, so this adapter does the timeline plugin's part first: it checks the site and
repository addresses (SITE_URL, SITE_REPO_URL) as the plugin does, writes every page into
WORK/pages, writes WORK/mkdocs.yml (the project's mkdocs.yml pointed at that folder,
without the plugin) and runs `zensical build --strict` on it. Zensical keeps its output
inside the folder of its config, so the site is moved from WORK/site afterwards.

Search is Pagefind's, as under MkDocs, so Zensical's own index is switched off: the site has
one search, and Zensical's index, whose fields it caps (16,384 token positions once it holds
60,000 items), no longer stops a large build.

One feature is left out: the "edit this page" links. The plugin points each generated
page at the YAML file behind it; Zensical can only point every page at WORK/pages,
where most of the files do not exist in the repository.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from ..data.problems import render
from ..data.urls import UnsafeURL, checked_setting
from ..site.info import BadSetting
from ..site.outputs import PathClash
from ..site.policy import add_policies
from ..site.search import build_search_index
from .folder import write_pages
from .settings import PLUGIN, plugin_name, read_mkdocs_yml


def zensical_config(root: Path, pages: str, site: str) -> dict[str, Any]:
    """mkdocs.yml as Zensical should read it; pages and site are relative to where it is written.

    Raises UnsafeURL when an address set in the environment is refused.
    """
    config = read_mkdocs_yml(root)
    config.pop("hooks", None)  # MkDocs' own extensions: this adapter does their work
    config["plugins"] = [p for p in config.get("plugins", []) if plugin_name(p) not in (PLUGIN, "search")]
    config["plugins"].append({"search": {"enabled": False}})  # Pagefind's index: see the module's note
    config.pop("watch", None)  # paths relative to mkdocs.yml, for `mkdocs serve` only
    config.pop("edit_uri", None)
    for key in ("site_url", "repo_url"):  # no edit path: see the module's note
        if config.get(key):
            config[key] = checked_setting(key, config[key])
    config["docs_dir"], config["site_dir"] = pages, site
    theme = config["theme"]
    theme["custom_dir"] = str((root / theme["custom_dir"]).resolve())
    theme["features"] = [f for f in theme.get("features", []) if f != "content.action.edit"]
    theme.setdefault("variant", "classic")  # Material's look, not Zensical's new default
    return config


def build_site(root: Path, site_dir: Path, work: Path) -> int:
    """Build root's site into site_dir with Zensical; 0 on success, after saying why if not."""
    if importlib.util.find_spec("zensical") is None:
        print("error: Zensical is not installed (pip install zensical)", file=sys.stderr)
        return 1
    try:
        config = zensical_config(root, "pages", "site")
    except UnsafeURL as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    work = work.resolve()
    if work.exists():
        shutil.rmtree(work)
    if not _write_pages(root, work / "pages", config):
        return 1
    config_file = work / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "zensical", "build", "--strict", "--config-file", str(config_file)],
        cwd=work,
        check=False,
    )
    if done.returncode:
        return done.returncode
    if error := add_policies(work / "site") or build_search_index(work / "site"):
        print(f"error: {error}", file=sys.stderr)
        return 1
    if site_dir.exists():
        shutil.rmtree(site_dir)
    shutil.move(work / "site", site_dir)
    print(f"Site built with Zensical into {site_dir}")
    return 0


def _write_pages(root: Path, pages: Path, config: dict[str, Any]) -> bool:
    """Every page written into pages for Zensical; False, after saying why, when it cannot be."""
    try:
        result, written = write_pages(root, pages, config.get("site_url"), config.get("repo_url"))
    except PathClash as clash:
        print(f"error: {clash}", file=sys.stderr)
        return False
    except BadSetting as setting:
        print(f"error: {setting} (in mkdocs.yml)", file=sys.stderr)
        return False
    if result.dataset is None:
        print(render(result.problems, result.files_checked), file=sys.stderr)
        return False
    print(f"{written} generated files written to {pages}")
    return True
