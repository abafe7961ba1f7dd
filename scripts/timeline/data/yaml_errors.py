"""What the YAML parser's complaints mean, in plain words, with the usual fix.

The parser names the symptom ("mapping values are not allowed here"); a contributor needs
the cause: a tab, a colon that wants quotes, or a key indented deeper than its neighbour.
"""

from __future__ import annotations

import re

import yaml

from .problems import shown


def describe_yaml_error(err: yaml.YAMLError, text: str) -> tuple[str, int, int]:
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
