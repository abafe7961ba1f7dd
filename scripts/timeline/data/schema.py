"""JSON Schema validation (Draft 2020-12) with messages that say what to change.

The schemas in schemas/ serve editors, this validator and CI alike. They are compiled
once per run, twice over: into Python code by fastjsonschema, which only says whether a
record is valid (the common case, in microseconds), and into jsonschema's validators,
which explain a record that is not. jsonschema's own messages speak of instances and
properties; schema_errors translates each one into the contributor's terms, at the line
of the offending key.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from .load import DataPath, Document
from .problems import Problem
from .records import KINDS, Kind
from .schema_errors import translate
from .vocabulary import Vocabulary

_compile_fast: Callable[..., Callable[[Any], Any]] | None
try:
    from fastjsonschema import compile as _compile_fast
except ImportError:  # an environment with only the minimum (a pre-commit hook's): jsonschema alone
    _compile_fast = None

COMMON = "common.schema.json"


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
        self.digest = hashlib.blake2b(json.dumps(schemas, sort_keys=True).encode()).hexdigest()
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
            problems.extend(translate(error, doc))
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
