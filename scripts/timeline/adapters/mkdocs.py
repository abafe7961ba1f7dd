"""The MkDocs adapter, as a plugin (`plugins: [timeline]` in mkdocs.yml).

A plugin rather than a hook: it is installed with the package and registered by name,
so mkdocs.yml needs no path to a script and nothing touches sys.path, and its settings
are typed config options that MkDocs checks. It stays thin: it checks the addresses
that reach page attributes, then validates the data and adds the generated pages and
exports as generated files, so `mkdocs serve` rebuilds them whenever a watched data
file changes, with edit links to the YAML behind each page. After the build it puts a
Content-Security-Policy into every page and indexes the site for search.

Under `mkdocs serve`, data with errors does not stop the build (which would leave the
browser waiting): the preview shows a page listing the problems at every address
instead, until a save fixes them. Under `mkdocs serve` a save loads and checks again only
the data files it changed, and makes again only the pages it can have changed (the plugin
keeps the session's loads and the last build's pages: see rules/project.py and
site/remake.py). Under `mkdocs serve --dirty` (./dev.sh serve) MkDocs then renders again
only the pages whose Markdown changed: the generated files stay in one folder for the
session and only those whose bytes changed are rewritten, and whatever a dirty build
cannot follow (pages added or removed, the configuration, the theme) makes the build a
full one. The search index is built after the pages are served.
"""

from __future__ import annotations

import hashlib
import logging
import posixpath
import re
import shutil
import subprocess
import tempfile
import threading
import zlib
from dataclasses import replace
from pathlib import Path

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import clean_directory
from mkdocs.utils.templates import TemplateContext

from ..data.files import DOCS
from ..data.paths import INDEX_FOLDER
from ..data.problems import Problem, render
from ..data.urls import ADDRESSES, UnsafeURL, checked_setting
from ..rules.commands import PATH_CLASH
from ..rules.project import Loads
from ..site.history import last_changed
from ..site.info import BadSetting, SiteInfo
from ..site.outputs import PathClash, remade_outputs, write_outputs
from ..site.policy import add_policies
from ..site.preview import problems_page
from ..site.remake import Memory
from ..site.search import build_search_index, index_command, index_failure
from .settings import TimelineConfig, site_info

# A link element whose target is a page's Markdown source, left so in raw HTML. Only a tag
# can start with "<": in text it is always escaped, so text that reads href="x.md" is not one.
RAW_LINK = re.compile(r'(<a\s[^<>]*?href=")([^":#/<>][^":#<>]*\.md)(#[^"<>]*)?"')

log = logging.getLogger("mkdocs.plugins.timeline")
PREVIEW_CACHE = ".cache"  # under serve, the session's generated files are in a folder here (git-ignored)
# MkDocs warns on every dirty build that its links and nav may be wrong, which `strict: true`
# turns into a failed build; the plugin makes the builds it cannot follow full ones instead.
DIRTY_WARNING = "A 'dirty' build is being performed"


def not_dirty_warning(record: logging.LogRecord) -> bool:
    """A logging filter: leave out MkDocs' warning about dirty builds."""
    return not record.getMessage().startswith(DIRTY_WARNING)


class CompiledTemplates(BytecodeCache):
    """The theme's templates as compiled, kept across the builds of one `mkdocs serve`:
    MkDocs makes a new template environment for each build, which compiles the theme's
    templates again (a second of every rebuild). Jinja checks each source's checksum, so
    an edited template is compiled again."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if (code := self.compiled.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


class TimelinePlugin(BasePlugin[TimelineConfig]):
    # The generated files are written here and read back by MkDocs like hand-written ones,
    # rather than held in memory: MkDocs keeps each page's Markdown anyway, and holding
    # every file's content as well would double that (150 MB at 10,000 events).
    _folder: tempfile.TemporaryDirectory[str] | None = None
    _digests: dict[str, bytes]  # what the folder holds, path -> digest (see write_outputs); set with it
    # Under `mkdocs serve` the server adds an inline live-reload script to every page it
    # sends, which a policy would block: the local preview gets none, the built site does.
    _serving = False
    # Under `mkdocs serve`: the problems page, while the data has errors, and the pages the
    # last build that had no errors wrote, so that the page open in the browser shows it and
    # reloads.
    _problems_page: str | None = None
    _served: tuple[Path, ...] = ()
    _site = SiteInfo()  # the story's settings, checked when the configuration is read
    # Under `mkdocs serve --dirty`: what the last complete build was made of, which a dirty
    # build cannot follow when it changes (None: the next build renders every page), and
    # the search indexing still running in the background.
    _dirty = False
    _shape: str | None = None
    _memory: Memory | None = None  # the pages the last build made, to keep those no save touches
    _loads: Loads | None = None  # the data files as loaded, to load again only those a save changed
    indexing: subprocess.Popen[str] | None = None
    _compiled = CompiledTemplates()
    # Each page's HTML, compressed, from when its Markdown is rendered until its template is:
    # MkDocs renders every page before it writes any, and would hold all of their HTML at
    # once, as Python strings of two bytes a character (49 MB at 2,000 events of the real
    # data copied); compressed, a small part of that. Emptied by each build's on_pre_build.
    _rendered: dict[str, bytes]

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._serving = command == "serve"
        self._loads = Loads() if self._serving else None
        self._dirty = dirty
        if dirty:
            logging.getLogger("mkdocs.commands.build").addFilter(not_dirty_warning)

    def on_shutdown(self) -> None:
        logging.getLogger("mkdocs.commands.build").removeFilter(not_dirty_warning)
        self._stop_indexing()
        self._clean_up()
        self._shape = None
        self._memory = None

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self._problems_page = None
        self._rendered = {}
        self._stop_indexing()  # it would read pages as they are rewritten

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        if Path(config.docs_dir).resolve() != (root / DOCS).resolve():
            raise PluginError(
                f"docs_dir must be the project's {DOCS}/ folder, the one the validator checks "
                f"(not {config.docs_dir}); set docs_dir: {DOCS} in mkdocs.yml"
            )
        for key in ADDRESSES:
            if config[key]:
                try:
                    config[key] = checked_setting(key, config[key])
                except UnsafeURL as err:
                    raise PluginError(str(err)) from None
        try:
            self._site = site_info(root, config.site_name, self.config, config.site_url, config.repo_url)
        except BadSetting as err:
            raise PluginError(f"{err} (in mkdocs.yml)") from None
        config.extra["share_cards"] = self._site.share_cards  # the page head links a card or none
        return config

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Give every page its Content-Security-Policy, and index the built site for search,
        in chunks a query loads only a few of."""
        site = Path(config.site_dir)
        if not self._serving:
            self._clean_up()
            if error := add_policies(site) or build_search_index(site):
                raise PluginError(error)
        elif self._problems_page is not None:
            for page in {*self._served, Path("index.html"), Path("404.html")}:
                (site / page).parent.mkdir(parents=True, exist_ok=True)
                (site / page).write_text(self._problems_page, encoding="utf-8")
        else:
            self._index_in_background(site)

    def on_build_error(self, *, error: Exception) -> None:
        self._shape = None  # pages may be half written: the next build renders them all
        self._memory = None
        if not self._serving:
            self._clean_up()

    def _index_in_background(self, site: Path) -> None:
        """Index the served site for search without keeping the browser from reloading,
        afresh: Pagefind names its files by their content and never removes the last
        index's. A failure is reported as information: under `strict`, a warning would stop
        whichever build is running then."""
        shutil.rmtree(site / INDEX_FOLDER, ignore_errors=True)
        process = subprocess.Popen(index_command(site), stderr=subprocess.PIPE, text=True)
        self.indexing = process

        def report() -> None:
            _, output = process.communicate()
            if process.returncode > 0:  # stopped by the next build: negative
                log.info(index_failure(output))

        threading.Thread(target=report, daemon=True).start()

    def _stop_indexing(self) -> None:
        if self.indexing is not None:
            self.indexing.terminate()
            self.indexing.wait()
            self.indexing = None

    def _clean_up(self) -> None:
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        root = Path(config.config_file_path).parent
        docs = Path(config.docs_dir)
        try:
            site = replace(self._site, changed=last_changed(root))  # the history, read once per build
            result, outputs, memory = remade_outputs(root, docs, site, self._memory, self._loads)
        except BadSetting as err:
            raise PluginError(f"{err} (in mkdocs.yml)") from None
        except PathClash as clash:
            return self._failed(config, [PATH_CLASH.problem(docs.name, 1, 1, str(clash))], 0)
        if result.dataset is None or (self.config.strict_data and result.problems):
            return self._failed(config, result.problems, result.files_checked)
        self._memory = memory if self._serving else None
        if self._memory is not None:
            self._memory.read_links()  # here rather than while the next save waits (seconds at scale)
        config.extra["data_changed"] = site.data_changed
        for file in files.documentation_pages():
            file.edit_uri = f"{docs.name}/{file.src_uri}"
        if self._folder is None:  # under serve, one for the session (in .cache/); otherwise one per build
            cache = root / PREVIEW_CACHE if self._serving else None
            if cache:
                cache.mkdir(parents=True, exist_ok=True)
            self._folder = tempfile.TemporaryDirectory(prefix="timeline-pages-", dir=cache)
            self._digests = {}
        folder = Path(self._folder.name)
        written = write_outputs(outputs, folder, self._digests)
        for output in outputs:
            if old := files.get_file_from_path(output.path):
                files.remove(old)  # the home page: docs/index.md with its data markers filled in
            file = File.generated(config, output.path, abs_src_path=str(folder / output.path))
            file.edit_uri = output.data_file
            files.append(file)
        if self._dirty:
            self._follow(config, files, site)
            log.info("%d of %d generated files changed", len(written), len(outputs))
        self._served = tuple(Path(f.dest_uri) for f in files if f.dest_uri.endswith(".html"))
        return files

    def _follow(self, config: MkDocsConfig, files: Files, site: SiteInfo) -> None:
        """Make a dirty build a full one when it could not follow the change: MkDocs renders
        again only the pages whose source is newer than their HTML, with the links, nav and
        settings of this build, so when a page is added or removed, the configuration or the
        theme changes, or every page's "data last changed" date moves, every page is emptied
        out of the site folder and so rendered again."""
        shape = hashlib.sha256(Path(config.config_file_path).read_bytes())
        shape.update("\0".join(sorted(f.src_uri for f in files)).encode())
        shape.update((site.data_changed or "").encode())
        if custom := config.theme.custom_dir:
            for path in sorted(Path(custom).rglob("*")):
                shape.update(f"{path}\0{path.stat().st_mtime_ns}\0".encode())
        if shape.hexdigest() != self._shape:
            clean_directory(config.site_dir)
            self._shape = shape.hexdigest()

    def _failed(self, config: MkDocsConfig, problems: list[Problem], files_checked: int) -> Files:
        """Stop a build; under `mkdocs serve`, build the problems page instead of the site."""
        listing = render(problems, files_checked)
        if not self._serving:
            raise PluginError("The data has problems:\n" + listing)
        # Info, not an error: `strict: true` would count an error and stop the build.
        log.info("The data has problems; the preview shows them until they are fixed:\n%s", listing)
        self._problems_page = problems_page(problems, files_checked)
        self._shape = None  # it is written over every page: once fixed, every page is rendered
        config.nav = None  # the nav names pages this build will not have
        return Files([])

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        if self._serving:
            env.bytecode_cache = self._compiled
        return env

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Resolve the links to pages that raw HTML holds (the charts' SVG), as Zensical does;
        MkDocs resolves only the links written in Markdown."""

        def resolved(match: re.Match[str]) -> str:
            path = posixpath.normpath(posixpath.join(posixpath.dirname(page.file.src_uri), match[2]))
            target = files.get_file_from_path(path)
            if target is None:
                raise PluginError(f"{page.file.src_uri} links to {match[2]}, which is not a page")
            return f'{match[1]}{target.url_relative_to(page.file)}{match[3] or ""}"'

        # The page's Markdown is not needed once it is HTML: MkDocs would hold every page's
        # until the build ends (its title comes from the front matter or the rendered <h1>).
        page.markdown = ""
        self._rendered[page.file.src_uri] = zlib.compress(RAW_LINK.sub(resolved, html).encode(), 1)
        return ""

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """Give the page its HTML back for its template (see _rendered)."""
        page.content = zlib.decompress(self._rendered.pop(page.file.src_uri)).decode()
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Let the page's HTML go once the page is made: MkDocs keeps every page to the end
        of the build, and only their anchors are checked after this."""
        page.content = ""
        return output
