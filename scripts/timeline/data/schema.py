"""JSON Schema validation (Draft 2020-12) with messages that say what to change.

The schemas in schemas/ serve editors, this validator and CI alike. They are compiled
once per run, twice over: into Python code by fastjsonschema, which only says whether a
record is valid (the common case, in microseconds), and into jsonschema's validators,
which explain a record that is not. jsonschema's own messages speak of instances and
properties; each one is translated here into the contributor's terms, at the line of the
offending key.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, cast

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from .load import DataPath, Document
from .problems import Problem, shown
from .records import KINDS, Kind, is_placeholder
from .vocabulary import Vocabulary

_compile_fast: Callable[..., Callable[[Any], Any]] | None
try:
    from fastjsonschema import compile as _compile_fast
except ImportError:  # an environment with only the minimum (a pre-commit hook's): jsonschema alone
    _compile_fast = None

COMMON = "common.schema.json"


def suggest(word: str, choices: list[str] | set[str] | frozenset[str], cutoff: float = 0.6) -> str:
    """'; did you mean …?' for a near miss (a difflib ratio of at least cutoff), else nothing."""
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=cutoff)
    return f"; did you mean '{close[0]}'?" if close else ""


class Suggestions:
    """'Did you mean' hints with a budget: each costs a pass over every candidate, so a file
    with thousands of unknown references must not cost minutes. Repeated words are free."""

    def __init__(self, budget: int = 200, cutoff: float = 0.6):
        self._budget = budget
        self._cutoff = cutoff
        self._seen: dict[tuple[str, str], str] = {}

    def __call__(self, word: str, group: str, choices: frozenset[str]) -> str:
        key = (group, word)
        if key not in self._seen:
            if self._budget <= 0:
                return ""
            self._budget -= 1
            self._seen[key] = suggest(word, choices, self._cutoff) if len(word) <= 200 else ""
        return self._seen[key]


def field_name(path: DataPath) -> str:
    """('citations', 0, 'quote') -> 'citations[0].quote'."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{shown(str(part))}" if out else shown(str(part)))
    return out or "the record"


# The value itself is wrong: later checks would only repeat it, or do needless work on it.
_VALUE_KEYWORDS = {"type", "pattern", "maxItems", "maxLength"}
# Rules after which the value is still worth checking: a quote too short to back anything
# may also be cut from a longer word, or not be in its source at all.
_CHECKABLE_RULES = {"short-quote"}


def _checkable(error: ValidationError) -> bool:
    return isinstance(error.schema, Mapping) and error.schema.get("x-rule") in _CHECKABLE_RULES


def read_schemas(schema_dir: Path) -> dict[str, Any]:
    """The record schemas and their shared definitions, by file name."""
    return {
        name: json.loads((schema_dir / name).read_text(encoding="utf-8"))
        for name in [COMMON] + [k.schema for k in KINDS]
    }


class SchemaChecker:
    """The compiled validators for the three kinds of record."""

    def __init__(self, schema_dir: Path):
        schemas = read_schemas(schema_dir)
        self.vocabulary = Vocabulary.of(schemas)
        inlined = {k.name: _inline_refs(schemas[k.schema], k.schema, schemas) for k in KINDS}
        self._validators = {name: Draft202012Validator(schema) for name, schema in inlined.items()}
        self._valid = {name: fast_validator(schema) for name, schema in inlined.items()}
        self.id_pattern: str = schemas[COMMON]["$defs"]["id"]["pattern"]

    def check(self, kind: Kind, doc: Document) -> tuple[list[Problem], frozenset[DataPath]]:
        """The record's schema problems, and the paths that failed (later checks skip them)."""
        is_valid = self._valid[kind.name]
        if is_valid is not None and is_valid(doc.data):
            return [], frozenset()
        problems: list[Problem] = []
        failed: set[DataPath] = set()
        for error in self._validators[kind.name].iter_errors(doc.data):
            problems.extend(_translate(error, doc))
            if error.validator in _VALUE_KEYWORDS and error.absolute_path and not _checkable(error):
                failed.add(tuple(error.absolute_path))
        return problems, frozenset(failed)


# The keywords whose meaning fastjsonschema and jsonschema share exactly, for data that
# comes from our YAML loader (text, whole and decimal numbers, true/false, null, lists and
# mappings). fastjsonschema matches patterns with Python's re, as jsonschema does, and
# reads "$" as the very end of the text, which is stricter: a disagreement can only send a
# valid record to jsonschema, never let an invalid one pass. A schema that uses any other
# keyword (e.g. Draft 2020-12's unevaluatedProperties, which fastjsonschema would ignore)
# is checked by jsonschema alone.
_FAST_KEYWORDS = frozenset(
    {"type", "properties", "additionalProperties", "required", "items", "enum", "pattern", "minLength"}
    | {"maxLength", "minItems", "maxItems", "uniqueItems", "minimum", "maximum", "allOf"}
)
_ANNOTATIONS = frozenset({"$schema", "$defs", "title", "description", "x-rule", "x-entity-kinds"})


def fast_validator(schema: dict[str, Any]) -> Callable[[Any], bool] | None:
    """A function that says whether data is valid, or None when only jsonschema can say."""
    if _compile_fast is None or not _fast_enough(schema):
        return None
    try:
        validate = _compile_fast(schema, use_default=False, use_formats=False, detailed_exceptions=False)
    except Exception:  # any schema fastjsonschema cannot compile goes to jsonschema
        return None

    def is_valid(data: Any) -> bool:
        try:
            validate(data)
        except Exception:  # invalid, or unexpected: jsonschema explains either
            return False
        return True

    return is_valid


def _fast_enough(node: Any) -> bool:
    """Whether a schema (with its $refs inlined) uses only the keywords in _FAST_KEYWORDS,
    in the forms whose meaning the two share: `items` one schema (not a Draft 4-7 list of
    them), and `enum` only text (Python's == holds 1 and true equal, JSON Schema does not)."""
    if isinstance(node, bool):
        return True
    if not isinstance(node, dict) or not set(node) <= _FAST_KEYWORDS | _ANNOTATIONS:
        return False
    if not isinstance(node.get("properties", {}), dict) or not isinstance(node.get("allOf", []), list):
        return False
    if not isinstance(node.get("items", {}), (dict, bool)):
        return False
    if not all(isinstance(choice, str) for choice in node.get("enum", [])):
        return False
    subschemas: list[Any] = [*node.get("properties", {}).values(), *node.get("allOf", [])]
    subschemas += [node[key] for key in ("items", "additionalProperties") if key in node]
    return all(_fast_enough(s) for s in subschemas)


def _translate(error: ValidationError, doc: Document) -> Iterator[Problem]:
    """A schema error as a problem in a contributor's words, pointing at the value at fault.

    Long because it is one branch per schema keyword (and per rule a pattern stands for),
    each with its own message; apart, the branches would only pass the same values around.
    """
    if is_placeholder(error.instance):
        return  # the placeholder rule says it once
    path = tuple(error.absolute_path)
    name = field_name(path)
    # jsonschema types these loosely (they may be "unset"); for a reported error they are set.
    keyword, value, instance = str(error.validator), cast(Any, error.validator_value), error.instance
    instance = cast(Any, instance)
    schema: Mapping[str, Any] = error.schema if isinstance(error.schema, Mapping) else {}
    rule = schema.get("x-rule")
    if keyword == "required":
        described = schema.get("properties", {})
        for key in value:
            if isinstance(instance, dict) and key not in instance:
                hint = _first_sentence(described.get(key, {}).get("description", ""))
                where = "" if not path else f" to {name}"
                yield doc.problem(path, "required-key", f"missing key '{key}'; add it{where}{hint}")
    elif keyword == "additionalProperties":
        allowed = set(schema.get("properties", {}))
        for key in sorted(set(instance) - allowed):
            fix = suggest(key, allowed) or f"; allowed keys are {', '.join(sorted(allowed))}"
            yield doc.problem((*path, key), "unknown-key", f"unknown key '{shown(str(key))}'{fix}", key=True)
    elif keyword == "type":
        yield doc.problem(path, "wrong-type", _type_message(name, value, instance))
    elif keyword == "enum":
        choices = [str(c) for c in value]
        fix = suggest(str(instance), choices) or f"; use one of: {', '.join(choices)}"
        yield doc.problem(path, "bad-value", f"{name} '{shown(str(instance))}' is not allowed{fix}")
    elif keyword == "pattern" and rule == "bad-date":
        return  # dates get a fuller message from the date check
    elif keyword == "pattern" and rule == "bad-id":
        yield doc.problem(
            path,
            "bad-id",
            f"{name} '{shown(str(instance))}' is not an id; use lower-case letters, digits and single "
            "hyphens, e.g. 'ming-xuechang'",
        )
    elif keyword == "pattern" and rule == "bad-sha256":
        yield doc.problem(
            path,
            "bad-sha256",
            f"{name} must be 64 lower-case hexadecimal digits; `./dev.sh new sha <id>` writes it",
        )
    elif keyword == "pattern" and rule == "bad-lines":
        yield doc.problem(
            path,
            "bad-lines",
            f"{name} '{shown(str(instance))}' must be a line number (7) or a range ('25-44')",
        )
    elif keyword == "pattern" and rule == "bad-wikidata":
        yield doc.problem(
            path,
            "bad-wikidata",
            f"{name} '{shown(str(instance))}' is not a Wikidata item; write Q and its number",
        )
    elif keyword == "pattern" and rule == "short-quote":
        if instance.strip():  # a blank quote is reported as empty
            yield doc.problem(
                path,
                "quote-too-short",
                f"{name} '{shown(instance.strip())}' has fewer than four words, and so could back any "
                "sentence; quote the passage that says what the record says",
            )
    elif keyword == "pattern" and rule == "markdown-brackets":
        yield doc.problem(
            path,
            "markdown-brackets",
            f"{name} has {instance.count('[')} opening square brackets '[', more than 50 (Markdown's work "
            "grows with their square); write '[' only to start a link, and link less",
        )
    elif keyword in ("pattern", "minLength") and rule in ("one-line", "multi-line"):
        yield _text_problem(doc, path, instance, one_line=rule == "one-line")
    elif keyword in ("pattern", "minLength") and path and path[-1] == "quote":
        yield doc.problem(path, "empty-quote", f"{name} is empty; copy a passage from the source")
    elif keyword in ("pattern", "minLength"):
        yield doc.problem(path, "bad-text", f"{name} must be text on one line, not blank")
    elif keyword == "maxLength":
        yield doc.problem(
            path, "too-long", f"{name} has {len(instance)} characters, more than {value}; shorten it"
        )
    elif keyword == "minItems":
        yield doc.problem(
            path,
            "too-few",
            f"{name} needs at least {value} item(s); add {'one' if value == 1 else 'more'}",
        )
    elif keyword == "maxItems":
        yield doc.problem(
            path, "too-many", f"{name} has {len(instance)} items, more than {value}; keep the list short"
        )
    elif keyword == "uniqueItems":
        yield doc.problem(path, "duplicate-item", f"{name} lists the same item twice; keep one")
    elif keyword == "minimum":
        yield doc.problem(path, "bad-number", f"{name} must be {value} or more")
    elif keyword == "maximum":
        yield doc.problem(path, "bad-number", f"{name} must be {value} or less")
    else:
        yield doc.problem(path, "schema", f"{name}: {error.message}")


def _inline_refs(node: Any, here: str, schemas: dict[str, Any]) -> Any:
    """Replace every $ref by an exact `allOf` of its target, once, at start-up.

    The schemas are not recursive, so this is always possible; it spares jsonschema a
    reference lookup per field per record, which made validation three times slower.
    """
    if isinstance(node, list):
        return [_inline_refs(item, here, schemas) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _inline_refs(value, here, schemas) for key, value in node.items() if key != "$ref"}
    if "$ref" in node:
        name, _, pointer = node["$ref"].partition("#")
        target: Any = schemas[name or here]
        for part in filter(None, pointer.split("/")):
            target = target[part]
        out["allOf"] = [*out.get("allOf", []), _inline_refs(target, name or here, schemas)]
    return out


# Characters that no text field may hold: C0 and C1 controls, line and paragraph
# separators, and the non-characters U+FFFE and U+FFFF. Multi-line text allows \n and \t.
_FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
_LINE_BREAKS = "\n\r\x0b\x0c\x85\u2028\u2029"


def _text_problem(doc: Document, path: DataPath, text: str, *, one_line: bool) -> Problem:
    """Say which character is wrong and where, or that the text is blank."""
    name = field_name(path)
    allowed = "" if one_line else "\n\t"
    bad = next((m for m in _FORBIDDEN.finditer(text) if m.group() not in allowed), None)
    if bad is None:
        if path and path[-1] == "quote":
            return doc.problem(path, "empty-quote", f"{name} is empty; copy a passage from the source")
        return doc.problem(path, "bad-text", f"{name} is blank; write the text")
    code = f"U+{ord(bad.group()):04X}"
    at = f"character {bad.start() + 1} of the text"
    if bad.group() in _LINE_BREAKS and one_line:
        return doc.problem(
            path, "bad-text", f"{name} must be text on one line: remove the line break ({code}) at {at}"
        )
    return doc.problem(
        path, "control-character", f"{name} holds the invisible control character {code} at {at}; remove it"
    )


_JSON_TYPES = {
    "string": "text",
    "integer": "a whole number",
    "array": "a list",
    "object": "a mapping of keys",
    "null": "null (not known)",
    "number": "a number",
    "boolean": "true or false",
}


def _type_message(name: str, expected: Any, instance: Any) -> str:
    wanted = [expected] if isinstance(expected, str) else list(expected)
    words = " or ".join(_JSON_TYPES.get(w, w) for w in wanted)
    message = f"{name} must be {words}, not {_describe(instance)}"
    if "string" in wanted and isinstance(instance, (int, float, bool)):
        written = str(instance).lower() if isinstance(instance, bool) else instance
        message += f'; put the value in quotes: "{written}"'
    if "array" in wanted and isinstance(instance, str):
        message += "; write it as a list: '- item' on its own line"
    return message


def _describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    return "a list" if isinstance(value, list) else "a mapping"


def _first_sentence(description: str) -> str:
    first = re.split(r"(?<=[a-z)'\"])\.\s+(?=[A-Z])", description)[0].rstrip(".")
    return f" ({first})" if first else ""
