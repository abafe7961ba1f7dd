"""MkDocs adapter: validate the data, then add the generated pages and exports to the build.

Kept thin on purpose: all logic lives in the `timeline` package, which knows nothing
about MkDocs. Pages are added as generated files, so `mkdocs serve` rebuilds them
whenever a watched data file changes; their edit links point at the YAML behind them.
The site and repository addresses come from the environment at build time, so they are
checked and URL-escaped here before any template puts them in an attribute.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from urllib.parse import quote, urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timeline.outputs import PathClash, site_outputs
from timeline.problems import render

# Characters a URL may hold as they are (RFC 3986: the reserved ones, the unreserved
# punctuation, and % for escapes already made). The single quote is left out on purpose:
# it is valid in a URL but ends a single-quoted attribute. Letters and digits are always kept.
URL_SAFE = "!#$&()*+,-./:;=?@[]_~%"
LONE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
HOST = re.compile(r"[a-z0-9.-]+|[0-9a-f:.]+")  # a name, or an IPv6 address without its brackets
SETTINGS = {"site_url": "SITE_URL", "repo_url": "SITE_REPO_URL", "edit_uri": "SITE_EDIT_URI"}


def url_escaped(url: str) -> str:
    """The URL with every character that may not appear in a URL percent-encoded.

    Quotes, <, >, spaces, backticks, backslashes, control and non-ASCII characters
    become %XX, so the value cannot leave the attribute it is written into (the theme's
    templates do not autoescape). A % that does not start an escape becomes %25; a
    normal URL, with its escapes, comes back unchanged.
    """
    return quote(LONE_PERCENT.sub("%25", url), safe=URL_SAFE)


def checked_url(key: str, url: str, *, relative: bool = False) -> str:
    """A build setting's URL, escaped; refused unless it is http(s) with a plain host name.

    Only edit_uri may be relative (to repo_url); an absolute one must be http(s) too.
    """
    setting = f"{key} (set by {SETTINGS[key]})" if key in SETTINGS else key
    try:
        parts = urlsplit(url)
        port_ok = parts.port is None or parts.port > 0
    except ValueError as err:
        raise PluginError(f"{setting} is not a valid URL: {url!r} ({err})") from None
    if relative and not parts.scheme and not parts.netloc:
        return url_escaped(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise PluginError(f"{setting} must be an http:// or https:// address, not {url!r}")
    if not parts.hostname or not HOST.fullmatch(parts.hostname) or not port_ok:
        raise PluginError(f"{setting} must name a host in plain ASCII (e.g. github.com), not {url!r}")
    return url_escaped(url)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    for key in SETTINGS:
        if config[key]:
            config[key] = checked_url(key, config[key], relative=key == "edit_uri")
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    root, docs = Path(config.config_file_path).parent, Path(config.docs_dir)
    try:
        result, outputs = site_outputs(root, docs, config.site_url, config.repo_url)
    except PathClash as clash:
        raise PluginError(str(clash)) from None
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
