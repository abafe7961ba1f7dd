"""MkDocs adapter: validate the data, then add the generated pages to the build.

Kept thin on purpose: all logic lives in the `timeline` package, which knows nothing
about MkDocs. Pages are added as generated files, so `mkdocs serve` rebuilds them
whenever a watched data file changes; their edit links point at the YAML behind them.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timeline.problems import render
from timeline.project import validate
from timeline.render import HOME, render_site


def on_files(files: Files, config: MkDocsConfig) -> Files:
    result = validate(Path(config.config_file_path).parent)
    if result.dataset is None:
        raise PluginError("The data has problems:\n" + render(result.problems, result.files_checked))
    for file in files.documentation_pages():
        file.edit_uri = f"{Path(config.docs_dir).name}/{file.src_uri}"
    home = files.get_file_from_path(HOME)
    for page in render_site(result.dataset, home.content_string if home else ""):
        if old := files.get_file_from_path(page.path):
            files.remove(old)
        file = File.generated(config, page.path, content=page.markdown)
        file.edit_uri = page.data_file
        files.append(file)
    return files
