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
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, cast

import yaml

from .problems import Problem, Rule, shown
from .reading_rules import (
    DUPLICATE_KEY,
    EMPTY_FILE,
    ENCODING,
    FILE_TOO_LARGE,
    MULTIPLE_DOCUMENTS,
    NOT_A_MAPPING,
    TOO_DEEP,
    TOO_MANY,
    YAML_ANCHOR,
    YAML_SYNTAX,
    YAML_TAG,
)
from .yaml_errors import describe_yaml_error

MAX_BYTES = 256 * 1024  # one record is a few kilobytes; anything this large is a mistake
MAX_DEPTH = 32  # the deepest record nests four levels; this stops pathological input
MAX_ITEMS = 500  # the longest list of a record holds a few dozen; checks on more cost real time

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_NUMBER_STARTS = frozenset("+-.0123456789")
_INT = re.compile(r"[-+]?[0-9]{1,18}")
_FLOAT = re.compile(r"[-+]?(?:[0-9]{1,18}\.[0-9]{0,18}|\.[0-9]{1,18})(?:[eE][-+]?[0-9]{1,3})?")

# The parser's events, by exact class: _build dispatches on `type(event)`.
_SCALAR, _ALIAS, _DOCUMENT_START = yaml.ScalarEvent, yaml.AliasEvent, yaml.DocumentStartEvent
_MAPPING_START, _MAPPING_END = yaml.MappingStartEvent, yaml.MappingEndEvent
_SEQUENCE_START, _SEQUENCE_END = yaml.SequenceStartEvent, yaml.SequenceEndEvent

DataPath = tuple[str | int, ...]  # a JSON-pointer-like path into the data: ("citations", 0, "quote")


@dataclass(frozen=True)
class Document:
    """One loaded YAML file: its data and the 1-based position of every key and value."""

    path: str
    data: dict[str, Any]
    # Where each value and each key was written, in the order written (a value before what
    # it holds, a key before its value): line and column packed in one number (see _unpack),
    # in an array, compact to keep and to send between processes. Only a record with a
    # problem needs them by path, so that mapping is built on first use: see _positions.
    spots: Sequence[int] = field(repr=False)

    def where(self, path: DataPath, *, key: bool = False) -> tuple[int, int]:
        """Position of the value (or key) at path, else of its nearest written ancestor."""
        marks, key_marks = self._positions
        found = key_marks if key else marks
        path = tuple(path)
        while True:
            if path in found:
                return found[path]
            if not path:
                return (1, 1)
            path = path[:-1]

    def problem(self, path: DataPath, rule: Rule, message: str, *, key: bool = False) -> Problem:
        line, col = self.where(path, key=key)
        return rule.problem(self.path, line, col, message)

    @cached_property
    def _positions(self) -> tuple[dict[DataPath, tuple[int, int]], dict[DataPath, tuple[int, int]]]:
        """The position of each value, and of each key, by path: the data walked in the order
        it was written (a mapping keeps its keys' order, and a loaded one has no duplicates)."""
        marks: dict[DataPath, tuple[int, int]] = {}
        key_marks: dict[DataPath, tuple[int, int]] = {}
        spots = iter(self.spots)

        def walk(value: Any, path: DataPath) -> None:
            if (spot := next(spots, None)) is None:
                return
            marks[path] = _unpack(spot)
            if isinstance(value, dict):
                for key, item in value.items():
                    if (spot := next(spots, None)) is None:
                        return
                    key_marks[(*path, key)] = _unpack(spot)
                    walk(item, (*path, key))
            elif isinstance(value, list):
                for i, item in enumerate(value):
                    walk(item, (*path, i))

        walk(self.data, ())
        return marks, key_marks


def _unpack(spot: int) -> tuple[int, int]:
    """(line, column), 1-based, of a spot: the parser's 0-based line and column in one int."""
    return (spot >> _COLUMN_BITS) + 1, (spot & _COLUMN_MASK) + 1


_COLUMN_BITS = 32  # a file is at most MAX_BYTES long: its columns and lines fit many times
_COLUMN_MASK = (1 << _COLUMN_BITS) - 1


class _Fatal(Exception):
    """A mistake after which the rest of the file cannot be read."""

    def __init__(self, rule: Rule, message: str, line: int = 1, col: int = 1):
        super().__init__(message)
        self.rule, self.message, self.line, self.col = rule, message, line, col

    def problem(self, path: str) -> Problem:
        return self.rule.problem(path, self.line, self.col, self.message)


def load_bytes(raw: bytes, path: str) -> tuple[Document | None, list[Problem]]:
    """Load one file's bytes; return the document (None if unreadable) and its problems."""
    problems: list[Problem] = []
    try:
        text = _decode(raw)
        document = _build(text, path, problems)
    except _Fatal as fatal:
        return None, [fatal.problem(path)]
    return (None if problems else document), problems


def decode(raw: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """A file's text (UTF-8 without BOM), or None and the problem: for files that are not
    records (the hand-written pages), read with the same rules."""
    try:
        return _decode(raw), []
    except _Fatal as fatal:
        return None, [fatal.problem(path)]


def _decode(raw: bytes) -> str:
    if len(raw) > MAX_BYTES:
        raise _Fatal(
            FILE_TOO_LARGE,
            f"the file is {len(raw):,} bytes, over the limit of {MAX_BYTES:,}; "
            "one record per file keeps each file small",
        )
    if raw.startswith(codecs.BOM_UTF8):
        raise _Fatal(
            ENCODING,
            "the file starts with a byte-order mark (BOM); save it as UTF-8 without BOM",
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        col = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        raise _Fatal(
            ENCODING,
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
    if value[0] not in _NUMBER_STARTS:  # most values are words: no number can start so
        return value
    if _INT.fullmatch(value):
        return int(value)
    if _FLOAT.fullmatch(value):
        return float(value)
    return value


def _mark(event: yaml.Event) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark else (1, 1)


def _too_many(container: dict[str, Any] | list[Any], where: tuple[int, int]) -> _Fatal:
    what = "list" if isinstance(container, list) else "mapping"
    return _Fatal(
        TOO_MANY, f"this {what} has more than {MAX_ITEMS} items; a record needs a few dozen at most", *where
    )


def _build(text: str, path: str, problems: list[Problem]) -> Document:
    """Build the values from the parser's events, each event handled by one step of _Tree."""
    tree = _Tree(path, problems)
    steps = {
        _SCALAR: tree.add,
        _MAPPING_START: tree.add,
        _SEQUENCE_START: tree.add,
        _MAPPING_END: tree.close,
        _SEQUENCE_END: tree.close,
        _DOCUMENT_START: tree.start_document,
        _ALIAS: _refuse_alias,
    }
    parser = _Parser(text)
    try:
        while (event := parser.get_event()) is not None:
            if (step := steps.get(type(event))) is not None:
                step(event)
    except yaml.YAMLError as err:
        raise _Fatal(YAML_SYNTAX, *describe_yaml_error(err, text)) from None
    finally:
        parser.dispose()
    return tree.document()


class _Tree:
    """The values of one file as its events arrive: the open mappings and lists (outermost
    first), each open mapping's key awaiting its value and the keys it holds with their
    lines, and where each key and value was written (see Document.spots)."""

    __slots__ = ("containers", "documents", "key_lines", "keys", "path", "problems", "root", "spots")

    def __init__(self, path: str, problems: list[Problem]):
        self.path, self.problems = path, problems
        self.spots: list[int] = []
        self.containers: list[dict[str, Any] | list[Any]] = []
        self.keys: list[str | None] = []
        self.key_lines: list[dict[str, int]] = []
        self.root: Any = None
        self.documents = 0

    def add(self, event: yaml.ScalarEvent | yaml.CollectionStartEvent) -> None:
        """A scalar, or the start of a mapping or list: a key, or a value for its parent."""
        if event.anchor is not None or event.tag is not None:
            _refuse_anchor_and_tag(event)
        mark = event.start_mark
        spot = mark.line << _COLUMN_BITS | mark.column if mark else 0
        if type(event) is _SCALAR:
            if self._is_key(spot):
                self._add_key(event.value, spot)
                return
            self._attach(_scalar(event), spot)
            return
        self._check_container(spot)
        value: dict[str, Any] | list[Any] = {} if type(event) is _MAPPING_START else []
        self._attach(value, spot)
        self.containers.append(value)
        self.keys.append(None)
        self.key_lines.append({})

    def close(self, _event: yaml.Event) -> None:
        self.containers.pop()
        self.keys.pop()
        self.key_lines.pop()

    def start_document(self, event: yaml.Event) -> None:
        self.documents += 1
        if self.documents > 1:
            raise _Fatal(
                MULTIPLE_DOCUMENTS,
                "a file holds one record; remove the second '---' or split the file",
                *_mark(event),
            )

    def document(self) -> Document:
        """The finished document, which must be one mapping."""
        if self.root is None:
            raise _Fatal(EMPTY_FILE, "the file has no record; a record is a mapping such as 'id: …'")
        if not isinstance(self.root, dict):
            kind_of_root = "a list" if isinstance(self.root, list) else "a single value"
            raise _Fatal(
                NOT_A_MAPPING,
                f"the file holds {kind_of_root}; a record is a mapping of keys such as 'id: …'",
                *_unpack(self.spots[0]),
            )
        return Document(self.path, self.root, array("q", self.spots))

    def _is_key(self, spot: int) -> bool:
        """Whether the next node is a mapping's key (then it must not be too many)."""
        if not self.containers or self.keys[-1] is not None or type(self.containers[-1]) is not dict:
            return False
        if len(self.containers[-1]) >= MAX_ITEMS:
            raise _too_many(self.containers[-1], _unpack(spot))
        return True

    def _add_key(self, key: str, spot: int) -> None:
        parent, lines = self.containers[-1], self.key_lines[-1]
        if key in parent:
            self.problems.append(
                DUPLICATE_KEY.problem(
                    self.path,
                    *_unpack(spot),
                    f"key '{shown(key)}' is already set on line {lines[key]}; keep one of the two",
                )
            )
        self.keys[-1] = key
        lines[key] = (spot >> _COLUMN_BITS) + 1
        self.spots.append(spot)

    def _check_container(self, spot: int) -> None:
        """A new mapping or list: not too deep, and not where a mapping's key belongs."""
        if len(self.containers) >= MAX_DEPTH:
            raise _Fatal(
                TOO_DEEP,
                f"nesting deeper than {MAX_DEPTH} levels; a record needs at most four",
                *_unpack(spot),
            )
        if self.containers and self.keys[-1] is None and type(self.containers[-1]) is dict:
            raise _Fatal(YAML_SYNTAX, "a key must be plain text, not a list or mapping", *_unpack(spot))

    def _attach(self, value: Any, spot: int) -> None:
        """A value set as its list's next item, its mapping's waiting key's value, or the root."""
        self.spots.append(spot)
        if not self.containers:
            self.root = value
            return
        parent = self.containers[-1]
        if type(parent) is list:
            if len(parent) >= MAX_ITEMS:
                raise _too_many(parent, _unpack(spot))
            parent.append(value)
            return
        cast(dict[str, Any], parent)[cast(str, self.keys[-1])] = value
        self.keys[-1] = None


def _refuse_anchor_and_tag(event: yaml.ScalarEvent | yaml.CollectionStartEvent) -> None:
    if event.anchor is not None:
        raise _anchor(event)
    if (tag := event.tag) is not None:
        raise _Fatal(
            YAML_TAG,
            f"the tag '{shown(tag)}' is not allowed; remove it and write a plain value",
            *_mark(event),
        )


def _refuse_alias(event: yaml.Event) -> None:
    raise _anchor(event)


def _anchor(event: yaml.Event) -> _Fatal:
    return _Fatal(
        YAML_ANCHOR,
        "anchors (&name) and aliases (*name) are not allowed; write the value out",
        *_mark(event),
    )
