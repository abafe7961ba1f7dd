"""MkDocs adapter: stop the build with the validator's messages when the data is wrong.

Kept thin on purpose: all logic lives in the `timeline` package, which knows nothing
about MkDocs.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timeline.problems import render
from timeline.project import validate


def on_pre_build(config: MkDocsConfig) -> None:
    result = validate(Path(config.config_file_path).parent)
    if not result.ok:
        raise PluginError("The data has problems:\n" + render(result.problems, result.files_checked))
