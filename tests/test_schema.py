"""The JSON Schemas themselves: valid Draft 2020-12, every field documented; and the fast
validators compiled from them agree with jsonschema."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from conftest import FIXTURES, REPO
from timeline.data.load import load_bytes
from timeline.data.records import KINDS, kind_of
from timeline.data.schema import SchemaChecker, _inline_refs, fast_validator, read_schemas

SCHEMAS = sorted((REPO / "schemas").glob("*.schema.json"))


def properties(node, path="") -> Iterator[tuple[str, dict]]:
    """Every property definition in a schema, with a readable path."""
    if isinstance(node, dict):
        for name, spec in node.get("properties", {}).items():
            yield f"{path}.{name}", spec
        for key, value in node.items():
            yield from properties(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from properties(value, f"{path}[{i}]")


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_schema_is_valid_draft_2020_12(path):
    schema = json.loads(path.read_text())
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema.get("description")


def _unique(pairs: list[tuple[str, object]]) -> dict[str, object]:
    keys = [key for key, _ in pairs]
    assert len(keys) == len(set(keys)), (
        f"a key is written twice: {sorted(k for k in keys if keys.count(k) > 1)}"
    )
    return dict(pairs)


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_no_schema_writes_a_key_twice(path):
    """JSON keeps the last of two equal keys silently: a merge can leave two descriptions."""
    json.loads(path.read_text(), object_pairs_hook=_unique)


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_every_field_is_described_and_objects_are_closed(path):
    schema = json.loads(path.read_text())
    undocumented = [name for name, spec in properties(schema) if not spec.get("description")]
    assert undocumented == []
    for name, spec in properties(schema):
        if spec.get("type") == "object":
            assert spec.get("additionalProperties") is False, name
    if schema.get("type") == "object":
        assert schema["additionalProperties"] is False


def test_the_record_schemas_keep_the_agreed_key_names():
    keys = {p.name: set(json.loads(p.read_text()).get("properties", {})) for p in SCHEMAS}
    assert {
        "id",
        "title",
        "date",
        "date_basis",
        "summary",
        "topics",
        "entities",
        "figures",
        "citations",
    } <= keys["event.schema.json"]
    assert {"id", "name", "kind", "aliases", "summary", "related", "citations"} <= keys["entity.schema.json"]
    assert {"id", "title", "publisher", "author", "published", "url", "based_on", "via", "notes"} <= keys[
        "source.schema.json"
    ]


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("2023-11-21", True),
        ("../2023-11-24", True),
        ("2023-11-21/..", True),
        ("[2023-08-16,2023-08-23]", True),
        ("[2023-08,2023-10~]", True),
        ("[2023-08-16]", False),
        ("[2023-08-16, 2023-08-23]", False),
        ("2023-1-5", False),
        ("2023-١١-21", False),  # Arabic-Indic digits: [0-9], not \d
    ],
)
def test_the_date_pattern_takes_the_notation_and_ascii_digits_only(text: str, valid: bool):
    date = json.loads((REPO / "schemas" / "common.schema.json").read_text())["$defs"]["date"]
    assert Draft202012Validator(date).is_valid(text) is valid


# --- the fast validator: a quick "valid", and jsonschema to explain anything else ----------

_SCHEMAS = read_schemas(REPO / "schemas")
_INLINED = {k.name: _inline_refs(_SCHEMAS[k.schema], k.schema, _SCHEMAS) for k in KINDS}
_FAST = {name: fast_validator(schema) for name, schema in _INLINED.items()}
_SLOW = {name: Draft202012Validator(schema) for name, schema in _INLINED.items()}


def _records() -> list[tuple[str, str, dict]]:
    """(kind, shown path, data) of every record in the repository and in the test fixtures."""
    found = []
    for top in [REPO, *sorted(p for p in FIXTURES.rglob("*") if p.is_dir())]:
        for kind in KINDS:
            for path in sorted((top / kind.folder).glob("*.yml")) if (top / kind.folder).is_dir() else []:
                doc, _ = load_bytes(path.read_bytes(), f"{kind.folder}/{path.name}")
                if doc is not None:
                    found.append((kind.name, str(path.relative_to(REPO)), doc.data))
    return found


RECORDS = _records()


def test_every_record_schema_gets_a_fast_validator():
    assert all(_FAST.values())


def test_the_fast_validator_agrees_with_jsonschema_on_every_record_and_fixture():
    assert len(RECORDS) > 100
    invalid = 0
    for kind, path, data in RECORDS:
        fast = _FAST[kind]
        assert fast is not None
        assert fast(data) is _SLOW[kind].is_valid(data), path
        invalid += not fast(data)
    assert invalid >= 20  # the fixtures hold schema mistakes of many kinds


_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(st.sampled_from("aZ0-_ .:/\n\t\r\x00\x1f\x7f\x85\xa0\u2028\ufeff\U0001f600"), max_size=12),
    st.sampled_from(["2023-11-21", "2023-11-21\n", "2023-13", "topic", "exactly", "group", "x" * 700]),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
)


@st.composite
def _mutated(draw: st.DrawFn) -> tuple[str, dict]:
    """A real record with one value replaced, one key added or one key removed."""
    kind, _, data = draw(st.sampled_from(RECORDS))
    data = json.loads(json.dumps(data))
    node = data
    while isinstance(node, (dict, list)) and node and draw(st.booleans()):
        key = draw(st.sampled_from(sorted(node) if isinstance(node, dict) else range(len(node))))
        if not isinstance(node[key], (dict, list)):
            break
        node = node[key]
    if isinstance(node, dict):
        action = draw(st.sampled_from(["replace", "add", "remove"]))
        if action == "add" or not node:
            node[draw(st.sampled_from(["id", "quote", "extra", "value", "source"]))] = draw(_VALUES)
        elif action == "remove":
            del node[draw(st.sampled_from(sorted(node)))]
        else:
            node[draw(st.sampled_from(sorted(node)))] = draw(_VALUES)
    elif isinstance(node, list):
        node.append(draw(_VALUES))
    return kind, data


@settings(max_examples=400, deadline=None)
@given(_mutated())
def test_the_fast_validator_never_passes_what_jsonschema_fails(case):
    kind, data = case
    fast = _FAST[kind]
    assert fast is not None
    if fast(data):
        assert _SLOW[kind].is_valid(data)


@pytest.mark.parametrize(
    "keyword",
    [
        {"unevaluatedProperties": False},
        {"format": "date"},
        {"if": {}, "then": {}},
        {"$ref": "#"},
        {"enum": ["a", 1]},
        {"items": [{"type": "string"}]},
    ],
    ids=lambda k: next(iter(k)),
)
def test_a_schema_with_a_keyword_not_audited_is_left_to_jsonschema(keyword):
    schema = {"type": "object", "properties": {"a": {"type": "string", **keyword}}}
    assert fast_validator({"type": "object"}) is not None
    assert fast_validator(schema) is None


def test_the_fast_path_changes_no_message(monkeypatch):
    """Every record, checked with and without the fast validators: the same problems."""
    checker = SchemaChecker(REPO / "schemas")
    slow = SchemaChecker(REPO / "schemas")
    monkeypatch.setattr(slow, "_valid", dict.fromkeys(slow._valid))
    for top in sorted(p for p in FIXTURES.rglob("*") if p.is_dir()):
        for path in sorted(top.glob("*/*.yml")):
            shown = path.relative_to(top).as_posix()
            kind = kind_of(shown)
            doc, _ = load_bytes(path.read_bytes(), shown)
            if kind is not None and doc is not None:
                assert checker.check(kind, doc) == slow.check(kind, doc), path


def test_an_unknown_id_is_offered_only_a_close_one():
    from timeline.data.suggestions import Suggestions
    from timeline.rules.index import ID_SIMILARITY

    ids = frozenset({"chinese-government", "chinese-media", "cctv"})
    assert Suggestions(cutoff=ID_SIMILARITY)("chinese-goverment", "entity", ids) == (
        "; did you mean 'chinese-government'?"
    )
    assert Suggestions(cutoff=ID_SIMILARITY)("ccvt", "entity", ids) == "; did you mean 'cctv'?"
    others = ids - {"chinese-government"}
    assert Suggestions(cutoff=ID_SIMILARITY)("chinese-goverment", "entity", others) == ""
