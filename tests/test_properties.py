"""Property-based: whatever a contributor writes, the validator answers 0 or 1, never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import make_project, run_cli

KEYS = ["id", "title", "date", "date_basis", "summary", "topics", "entities", "figures", "citations",
        "source", "quote", "value", "measure", "kind", "name", "related", "published", "url"]  # fmt: skip
SCHEMA_OF = {"events": "event", "entities": "entity", "sources": "source"}

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["2023-11-21", "2023-02-30", "2023-11/..", "tribune", "cctv", "crackdown", "handover"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=8)), inner, max_size=5),
    ),
    max_leaves=20,
)
records = st.dictionaries(st.sampled_from(KEYS), values, max_size=9)

SETTINGS = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def fresh_project(tmp_path: Path) -> Path:
    """A clean copy for each example (hypothesis reuses the test's tmp_path)."""
    root = tmp_path / "p"
    if root.exists():
        shutil.rmtree(root)
    return make_project(root)


def assert_clean_exit(root: Path) -> None:
    code, out = run_cli("--root", str(root))
    assert code in (0, 1)
    assert "Traceback" not in out
    assert out.strip().splitlines()[-1].endswith(("error", "errors", "warning", "warnings"))


@SETTINGS
@given(record=records, folder=st.sampled_from(["events", "entities", "sources"]))
def test_arbitrary_yaml_records_get_an_answer(tmp_path: Path, record: dict, folder: str):
    root = fresh_project(tmp_path)
    text = yaml.safe_dump(record, allow_unicode=True)
    modeline = f"# yaml-language-server: $schema=../schemas/{SCHEMA_OF[folder]}.schema.json\n"
    (root / folder / "generated.yml").write_text(modeline + text, encoding="utf-8")
    assert_clean_exit(root)


@SETTINGS
@given(raw=st.binary(max_size=300), folder=st.sampled_from(["events", "entities", "sources"]))
def test_arbitrary_bytes_get_an_answer(tmp_path: Path, raw: bytes, folder: str):
    root = fresh_project(tmp_path)
    (root / folder / "generated.yml").write_bytes(raw)
    assert_clean_exit(root)


@SETTINGS
@given(
    key=st.sampled_from(["title", "date", "topics", "entities", "figures", "citations", "summary"]),
    value=values,
)
def test_any_value_in_a_valid_event_gets_an_answer(tmp_path: Path, key: str, value):
    root = fresh_project(tmp_path)
    event = yaml.safe_load((root / "events" / "handover.yml").read_text())
    event[key] = value
    modeline = "# yaml-language-server: $schema=../schemas/event.schema.json\n"
    (root / "events" / "handover.yml").write_text(modeline + yaml.safe_dump(event, allow_unicode=True))
    assert_clean_exit(root)
