"""Safe YAML loading that remembers where every key and value was written.

PyYAML's own loaders are unfit for contributor input in three ways: a repeated key
silently overwrites the first (lost data), tags and anchors are honoured (object
construction, "billion laughs"), and YAML 1.1 turns ``2023-11-21`` into a date and
``no`` into False. So this module builds plain values itself from the parser's
event stream (libyaml's C parser where available): only mappings, lists, text,
whole and decimal numbers, true/false and null; no tags, no anchors or aliases, one
document per file, and a position (line, column) for every key and value.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .problems import Problem

MAX_BYTES = 256 * 1024  # one record is a few kilobytes; anything this large is a mistake
MAX_DEPTH = 32  # the deepest record nests four levels; this stops pathological input
MAX_ITEMS = 500  # the longest list of a record holds a few dozen; checks on more cost real time

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]{1,18}")
_FLOAT = re.compile(r"[-+]?(?:[0-9]{1,18}\.[0-9]{0,18}|\.[0-9]{1,18})(?:[eE][-+]?[0-9]{1,3})?")

DataPath = tuple[str | int, ...]  # a JSON-pointer-like path into the data: ("citations", 0, "quote")


@dataclass(frozen=True)
class Document:
    """One loaded YAML file: its data and the 1-based position of every key and value."""

    path: str
    data: dict[str, Any]
    marks: dict[DataPath, tuple[int, int]] = field(repr=False)
    key_marks: dict[DataPath, tuple[int, int]] = field(repr=False)

    def where(self, path: DataPath, *, key: bool = False) -> tuple[int, int]:
        """Position of the value (or key) at path, else of its nearest written ancestor."""
        path = tuple(path)
        while True:
            if key and path in self.key_marks:
                return self.key_marks[path]
            if not key and path in self.marks:
                return self.marks[path]
            if not path:
                return (1, 1)
            path = path[:-1]

    def problem(self, path: DataPath, rule: str, message: str, *, key: bool = False) -> Problem:
        line, col = self.where(path, key=key)
        return Problem(self.path, line, col, rule, message)


class _Fatal(Exception):
    """A mistake after which the rest of the file cannot be read."""

    def __init__(self, rule: str, message: str, line: int = 1, col: int = 1):
        super().__init__(message)
        self.problem_args = (line, col, rule, message)


@dataclass
class _Frame:
    container: dict[str, Any] | list[Any]
    path: DataPath
    key: str | None = None  # a mapping's key waiting for its value


def load_bytes(raw: bytes, path: str) -> tuple[Document | None, list[Problem]]:
    """Load one file's bytes; return the document (None if unreadable) and its problems."""
    problems: list[Problem] = []
    try:
        text = _decode(raw)
        document = _build(text, path, problems)
    except _Fatal as fatal:
        return None, [Problem(path, *fatal.problem_args)]
    return (None if problems else document), problems


def _decode(raw: bytes) -> str:
    if len(raw) > MAX_BYTES:
        raise _Fatal(
            "file-too-large",
            f"the file is {len(raw):,} bytes, over the limit of {MAX_BYTES:,}; "
            "one record per file keeps each file small",
        )
    if raw.startswith(codecs.BOM_UTF8):
        raise _Fatal(
            "encoding",
            "the file starts with a byte-order mark (BOM); save it as UTF-8 without BOM",
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        col = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        raise _Fatal(
            "encoding",
            f"byte 0x{raw[err.start]:02x} is not valid UTF-8; save the file as UTF-8",
            line,
            col,
        ) from None


def _scalar(event: yaml.ScalarEvent) -> Any:
    """Resolve a plain scalar to null, bool or a number; anything else stays text."""
    value = event.value
    if not event.implicit[0]:  # quoted or block text is always text
        return value
    if value in _NULL:
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.fullmatch(value):
        return int(value)
    if _FLOAT.fullmatch(value):
        return float(value)
    return value


def _count(parent: _Frame, where: tuple[int, int]) -> None:
    if len(parent.container) >= MAX_ITEMS:
        what = "list" if isinstance(parent.container, list) else "mapping"
        raise _Fatal(
            "too-many",
            f"this {what} has more than {MAX_ITEMS} items; a record needs a few dozen at most",
            *where,
        )


def _mark(event: yaml.Event) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark else (1, 1)


def _build(text: str, path: str, problems: list[Problem]) -> Document:
    marks: dict[DataPath, tuple[int, int]] = {}
    key_marks: dict[DataPath, tuple[int, int]] = {}
    stack: list[_Frame] = []
    root: Any = None
    documents = 0

    def place(value: Any, event: yaml.Event) -> DataPath:
        """Attach a new value to its parent and record where it was written."""
        nonlocal root
        where = _mark(event)
        here: DataPath = ()
        if not stack:
            root = value
        elif isinstance(container := stack[-1].container, list):
            parent = stack[-1]
            _count(parent, where)
            here = (*parent.path, len(container))
            container.append(value)
        else:
            parent = stack[-1]
            if parent.key is None:
                _count(parent, where)
                _take_key(parent, value, event, where)
                return ()
            here = (*parent.path, parent.key)
            container[parent.key] = value
            parent.key = None
        marks[here] = where
        return here

    def _take_key(parent: _Frame, value: Any, event: yaml.Event, where: tuple[int, int]) -> None:
        if not isinstance(event, yaml.ScalarEvent):
            raise _Fatal("yaml-syntax", "a key must be plain text, not a list or mapping", *where)
        key = event.value
        if key in parent.container:
            first = key_marks[(*parent.path, key)][0]
            problems.append(
                Problem(
                    path,
                    *where,
                    "duplicate-key",
                    f"key '{key}' is already set on line {first}; keep one of the two",
                )
            )
        parent.key = key
        key_marks[(*parent.path, key)] = where

    try:
        for event in yaml.parse(text, Loader=_Parser):
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise _Fatal(
                        "multiple-documents",
                        "a file holds one record; remove the second '---' or split the file",
                        *_mark(event),
                    )
            elif isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise _Fatal(
                    "yaml-anchor",
                    "anchors (&name) and aliases (*name) are not allowed; write the value out",
                    *_mark(event),
                )
            elif (tag := getattr(event, "tag", None)) is not None:
                raise _Fatal(
                    "yaml-tag",
                    f"the tag '{tag}' is not allowed; remove it and write a plain value",
                    *_mark(event),
                )
            elif isinstance(event, yaml.ScalarEvent):
                place(_scalar(event), event)
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                if len(stack) >= MAX_DEPTH:
                    raise _Fatal(
                        "too-deep",
                        f"nesting deeper than {MAX_DEPTH} levels; a record needs at most four",
                        *_mark(event),
                    )
                mapping = isinstance(event, yaml.MappingStartEvent)
                container: dict[str, Any] | list[Any] = {} if mapping else []
                if stack and isinstance(stack[-1].container, dict) and stack[-1].key is None:
                    raise _Fatal(
                        "yaml-syntax", "a key must be plain text, not a list or mapping", *_mark(event)
                    )
                stack.append(_Frame(container, place(container, event)))
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                stack.pop()
    except yaml.YAMLError as err:
        raise _Fatal("yaml-syntax", *_describe_yaml_error(err, text)) from None

    if root is None:
        raise _Fatal("empty-file", "the file has no record; a record is a mapping such as 'id: …'")
    if not isinstance(root, dict):
        kind = "a list" if isinstance(root, list) else "a single value"
        raise _Fatal(
            "not-a-mapping",
            f"the file holds {kind}; a record is a mapping of keys such as 'id: …'",
            *marks[()],
        )
    return Document(path, root, marks, key_marks)


def _describe_yaml_error(err: yaml.YAMLError, text: str) -> tuple[str, int, int]:
    """The parser's complaint in plain words, with a hint for the usual causes."""
    if isinstance(err, yaml.reader.ReaderError):
        head = text.encode("utf-8")[: err.position].decode("utf-8", "ignore")
        line = head.count("\n") + 1
        col = len(head) - (head.rfind("\n") + 1) + 1
        code = err.character if isinstance(err.character, int) else ord(err.character)
        return (
            f"the control character U+{code:04X} is not allowed in YAML; remove it",
            line,
            col,
        )
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = getattr(err, "problem", None) or "the YAML cannot be read"
    lines = text.split("\n")
    if mark and mark.line < len(lines) and "\t" in lines[mark.line][: mark.column + 1]:
        return "a tab character is not allowed here; indent with spaces", line, col
    hint = "check the indentation, the colons and the quotes on this line or the one before"
    if "mapping values are not allowed" in problem:
        hint = "a value that contains ': ' must be put in quotes"
    context = getattr(err, "context", None)
    where = f" ({context})" if context else ""
    return f"YAML syntax error: {problem}{where}; {hint}", line, col
