"""The three kinds of record, where their files live, and a loaded record."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import PurePosixPath
from typing import Any

from .load import DataPath, Document
from .problems import Example, Rule

PLACEHOLDER_LEFT = Rule(
    "placeholder",
    "error",
    "no TODO from a new file's stub is left in a record or an archived text",
    "replace the TODO with what it asks for",
    fails=(Example("bad/placeholder-left"),),
)


@dataclass(frozen=True)
class Kind:
    """A kind of record: its folder under the project root and its JSON Schema."""

    name: str
    folder: str
    schema: str

    @property
    def modeline(self) -> str:
        """Line 1 of every file: tells YAML-aware editors which schema to complete from."""
        return f"# yaml-language-server: $schema=../schemas/{self.schema}"

    def __reduce__(self) -> str:
        """Pickled as the module's name for it (EVENT): a record a worker process loaded
        keeps the one kind object that the rules compare with `is`."""
        return self.name.upper()


# Ids the site's own pages use: an entity or source 'index' would replace its folder's
# index page, and an event's id (and each former id) is an anchor on the timeline page beside
# its headings ('2023', 'november-2023', '2023-month-not-known').
RESERVED_IDS = frozenset({"index"})
RESERVED_EVENT_IDS = re.compile(
    r"[0-9]{4}(?:-month-not-known)?|(?:january|february|march|april|may|june|july|august|september|october|november|december)"
    r"-[0-9]{4}|timeline|tl-.*"
)

PLACEHOLDER = "TODO"  # how stubs mark what a contributor still has to fill in


def is_placeholder(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(PLACEHOLDER)


SOURCE = Kind("source", "sources", "source.schema.json")
ENTITY = Kind("entity", "entities", "entity.schema.json")
EVENT = Kind("event", "events", "event.schema.json")
KINDS = (SOURCE, ENTITY, EVENT)
_BY_FOLDER = {k.folder: k for k in KINDS}


def kind_of(relpath: str) -> Kind | None:
    """The kind a file belongs to by its folder, e.g. 'events/x.yml' -> EVENT."""
    folder, _, name = relpath.partition("/")
    if "/" in name or not name or name == "." or folder in ("", "."):  # not plainly 'folder/name'
        parts = PurePosixPath(relpath).parts
        folder = parts[0] if len(parts) == 2 else ""
    return _BY_FOLDER.get(folder)


@dataclass(frozen=True)
class Record:
    """A loaded file of a known kind, with the raw text needed to check its modeline."""

    kind: Kind
    doc: Document
    first_line: str
    failed: frozenset[DataPath] = frozenset()  # paths whose schema check failed: not checked again

    def has_failed(self, path: DataPath) -> bool:
        """Whether path, or a field that holds it, already failed its schema check."""
        return bool(self.failed) and any(path[: len(bad)] == bad for bad in self.failed)

    @property
    def path(self) -> str:
        return self.doc.path

    @cached_property
    def stem(self) -> str:
        name = self.doc.path.rpartition("/")[2]
        if name in ("", ".", "..") or "//" in self.doc.path:  # not a plain 'folder/name.yml'
            return PurePosixPath(self.doc.path).stem
        dot = name.rfind(".")  # as pathlib: a leading or trailing dot starts no suffix
        return name[:dot] if 0 < dot < len(name) - 1 else name

    @property
    def id(self) -> Any:
        return self.doc.data.get("id")

    @property
    def data(self) -> dict[str, Any]:
        return self.doc.data


# Where a record's quotes live: each mapping at these patterns names a source and a quote.
QUOTED = ("citations.*", "figures.*", "disagreements.*.accounts.*")


def quoted_passages(data: dict[str, Any]) -> list[tuple[DataPath, dict[str, Any]]]:
    """Everything that names a source and a quote (citations, figures, accounts), in order."""
    return [found for where in QUOTED for found in values_at(data, where, dict)]


def values_at(data: Any, pattern: str, of: type | tuple[type, ...] = str) -> list[tuple[DataPath, Any]]:
    """(path, value) for each value of the type `of` at a dotted pattern such as
    'figures.*.note', where '*' is every item of a list: the one walk over a record that
    the rules use. Anything of another type there is the schema's to report."""
    found: list[tuple[DataPath, Any]] = []
    _collect(data, _parts(pattern), 0, (), of, found)
    return found


@lru_cache(maxsize=256)
def _parts(pattern: str) -> tuple[str, ...]:
    return tuple(pattern.split("."))


def _collect(
    data: Any,
    parts: tuple[str, ...],
    depth: int,
    path: DataPath,
    of: type | tuple[type, ...],
    found: list[Any],
) -> None:
    """values_at's walk: plain recursion into a list, as every rule reads every record."""
    head, last = parts[depth], depth == len(parts) - 1
    children: Any
    if head == "*":
        if not isinstance(data, list):
            return
        children = enumerate(data)
    elif isinstance(data, dict) and head in data:
        children = ((head, data[head]),)
    else:
        return
    for key, value in children:
        if not last:
            _collect(value, parts, depth + 1, (*path, key), of, found)
        elif isinstance(value, of):
            found.append(((*path, key), value))


def cited_by_source(records: Iterable[dict[str, Any]]) -> dict[str, set[str]]:
    """Every quote the records cite, by source id: what a source's confirmation covers."""
    cited: dict[str, set[str]] = {}
    for data in records:
        for _, c in quoted_passages(data):
            source, text = c.get("source"), c.get("quote")
            if isinstance(source, str) and isinstance(text, str):
                cited.setdefault(source, set()).add(text)
    return cited
