"""The folder adapter: every page of the site as Markdown, and the exports, in one folder.

The folder holds the hand-written pages of docs/ and the generated ones side by side,
so any generator that reads Markdown (MkDocs without the plugin, or Zensical) can build
the same site from it.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

from ..rules.project import Result
from ..site.history import last_changed
from ..site.outputs import site_outputs, write_outputs
from .settings import project_site


def write_pages(root: Path, out: Path, site_url: str | None, repo_url: str | None) -> tuple[Result, int]:
    """(Re)write out; return the validation result and how many generated files were written.

    The story's settings are the timeline plugin's options in mkdocs.yml, as for MkDocs.
    Nothing is written when the data has errors. PathClash is raised when two outputs
    would share a path, BadSetting when a setting cannot be used.
    """
    site = replace(project_site(root, site_url, repo_url), changed=last_changed(root))
    result, outputs = site_outputs(root, root / "docs", site)
    if result.dataset is None:
        return result, 0
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(root / "docs", out)
    write_outputs(outputs, out, {})  # a new folder: every file is written, none read
    return result, len(outputs)
