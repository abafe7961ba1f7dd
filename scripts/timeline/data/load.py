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

MAX_BYTES = 256 * 1024  # one record is a few kilobytes; anything this large is a mistake
MAX_DEPTH = 32  # the deepest record nests four levels; this stops pathological input
MAX_ITEMS = 500  # the longest list of a record holds a few dozen; checks on more cost real time

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_NUMBER_STARTS = frozenset("+-.0123456789")
_INT = re.compile(r"[-+]?[0-9]{1,18}")
_FLOAT = re.compile(r"[-+]?(?:[0-9]{1,18}\.[0-9]{0,18}|\.[0-9]{1,18})(?:[eE][-+]?[0-9]{1,3})?")

# The parser's events, by exact class: _build dispatches on `type(event) is ...`.
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
    """Build the values from the parser's events, in one loop with no call per event.

    This runs for every one of hundreds of thousands of events in a large project, so it
    dispatches on the event's exact class, keeps the open containers and each mapping's
    key awaiting its value on parallel stacks, and records positions as plain numbers in
    the order written (see Document.spots) rather than by path.

    Long because of that: a function per kind of event would cost a call per event.
    """
    spots: list[int] = []
    containers: list[dict[str, Any] | list[Any]] = []  # the open mappings and lists, outermost first
    keys: list[str | None] = []  # each open mapping's key waiting for its value
    key_lines: list[dict[str, int]] = []  # each open mapping's keys so far, with their lines
    root: Any = None
    documents = 0
    parser = _Parser(text)
    try:
        next_event = parser.get_event
        while (event := next_event()) is not None:
            kind = type(event)
            if kind is _SCALAR or kind is _MAPPING_START or kind is _SEQUENCE_START:
                if event.anchor is not None:
                    raise _anchor(event)
                if event.tag is not None:
                    raise _Fatal(
                        YAML_TAG,
                        f"the tag '{shown(event.tag)}' is not allowed; remove it and write a plain value",
                        *_mark(event),
                    )
                mark = event.start_mark
                spot = mark.line << _COLUMN_BITS | mark.column if mark else 0
                value: Any
                if kind is _SCALAR:
                    value = _scalar(event)
                else:
                    if len(containers) >= MAX_DEPTH:
                        raise _Fatal(
                            TOO_DEEP,
                            f"nesting deeper than {MAX_DEPTH} levels; a record needs at most four",
                            *_unpack(spot),
                        )
                    if containers and keys[-1] is None and type(containers[-1]) is dict:
                        raise _Fatal(
                            YAML_SYNTAX, "a key must be plain text, not a list or mapping", *_unpack(spot)
                        )
                    value = {} if kind is _MAPPING_START else []
                # Attach the value to its parent.
                if containers:
                    parent = containers[-1]
                    if type(parent) is list:
                        if len(parent) >= MAX_ITEMS:
                            raise _too_many(parent, _unpack(spot))
                        parent.append(value)
                    elif (key := keys[-1]) is None:  # a key: only text gets here
                        if len(parent) >= MAX_ITEMS:
                            raise _too_many(parent, _unpack(spot))
                        key = event.value
                        if key in parent:
                            problems.append(
                                DUPLICATE_KEY.problem(
                                    path,
                                    *_unpack(spot),
                                    f"key '{shown(key)}' is already set on line {key_lines[-1][key]}; "
                                    "keep one of the two",
                                )
                            )
                        keys[-1] = key
                        key_lines[-1][key] = (spot >> _COLUMN_BITS) + 1
                        spots.append(spot)
                        continue
                    else:
                        cast(dict[str, Any], parent)[key] = value
                        keys[-1] = None
                else:
                    root = value
                spots.append(spot)
                if kind is not _SCALAR:
                    containers.append(value)
                    keys.append(None)
                    key_lines.append({})
            elif kind is _MAPPING_END or kind is _SEQUENCE_END:
                containers.pop()
                keys.pop()
                key_lines.pop()
            elif kind is _DOCUMENT_START:
                documents += 1
                if documents > 1:
                    raise _Fatal(
                        MULTIPLE_DOCUMENTS,
                        "a file holds one record; remove the second '---' or split the file",
                        *_mark(event),
                    )
            elif kind is _ALIAS:
                raise _anchor(event)
    except yaml.YAMLError as err:
        raise _Fatal(YAML_SYNTAX, *_describe_yaml_error(err, text)) from None
    finally:
        parser.dispose()

    if root is None:
        raise _Fatal(EMPTY_FILE, "the file has no record; a record is a mapping such as 'id: …'")
    if not isinstance(root, dict):
        kind_of_root = "a list" if isinstance(root, list) else "a single value"
        raise _Fatal(
            NOT_A_MAPPING,
            f"the file holds {kind_of_root}; a record is a mapping of keys such as 'id: …'",
            *_unpack(spots[0]),
        )
    return Document(path, root, array("q", spots))


def _anchor(event: yaml.Event) -> _Fatal:
    return _Fatal(
        YAML_ANCHOR,
        "anchors (&name) and aliases (*name) are not allowed; write the value out",
        *_mark(event),
    )


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
    if mark and "mapping values are not allowed" in problem:
        over = _over_indented(lines, mark.line, mark.column)
        if over:
            return over[0], line, over[1]
    hint = "check the indentation, the colons and the quotes on this line or the one before"
    if "mapping values are not allowed" in problem:
        hint = "a value that contains ': ' must be put in quotes"
    context = getattr(err, "context", None)
    where = f" ({context})" if context else ""
    return f"YAML syntax error: {problem}{where}; {hint}", line, col


_KEY_LINE = re.compile(r"( *)((?:- +)*)([^\s#:'\"-][^:#]*?):(?: |$)")


def _over_indented(lines: list[str], index: int, column: int) -> tuple[str, int] | None:
    """Why a key's colon is 'not allowed here' when the key is indented more than the key
    on the line above: YAML reads the deeper line as more words of that key's value, so
    the colon seems to be inside a value, and a hint about quotes would mislead.
    The message, and the column where the key starts."""
    key = _KEY_LINE.match(lines[index])
    if not key or key.end(3) != column or key.group(2):
        return None
    above = next(
        (i for i in range(index - 1, -1, -1) if lines[i].strip() and not lines[i].lstrip().startswith("#")),
        None,
    )
    sibling = _KEY_LINE.match(lines[above]) if above is not None else None
    if sibling is None or above is None or not lines[above][sibling.end() :].strip():
        return None
    depth, expected = len(key.group(1)), len(sibling.group(1)) + len(sibling.group(2))
    if depth <= expected:
        return None
    extra, name, other = depth - expected, shown(key.group(3)), shown(sibling.group(3))
    spaces = f"{expected} space{'' if expected == 1 else 's'}"
    fix = f"indent it by {spaces}" if expected else "start it at the margin"
    message = (
        f"YAML indentation error: '{name}' is indented {extra} space{'s' if extra > 1 else ''} more "
        f"than '{other}' on line {above + 1}, so YAML reads it as more of that line's value; "
        f"{fix}, as '{other}' is"
    )
    return message, depth + 1
