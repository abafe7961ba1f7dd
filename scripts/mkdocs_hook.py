"""MkDocs adapter: validate the data, then add the generated pages and exports to the build.

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

from timeline.outputs import site_outputs
from timeline.problems import render


def on_files(files: Files, config: MkDocsConfig) -> Files:
    root, docs = Path(config.config_file_path).parent, Path(config.docs_dir)
    result, outputs = site_outputs(root, docs, config.site_url, config.repo_url)
    if result.dataset is None:
        raise PluginError("The data has problems:\n" + render(result.problems, result.files_checked))
    for file in files.documentation_pages():
        file.edit_uri = f"{docs.name}/{file.src_uri}"
    for output in outputs:
        if old := files.get_file_from_path(output.path):
            files.remove(old)
        file = File.generated(config, output.path, content=output.content)
        file.edit_uri = output.data_file
        files.append(file)
    return files
