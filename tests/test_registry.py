"""The rule registry: every id printed anywhere is declared once, its examples hold, and
the table in CONTRIBUTING is the one the registry prints."""

from __future__ import annotations

import ast
import json
import os
import re
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO, make_project, run_cli
from timeline.cli import main as timeline
from timeline.data.problems import Example, Rule
from timeline.rules.registry import FAMILIES, RULES, rules_table

PACKAGE = REPO / "scripts" / "timeline"
CORPORA = ("bad", "fabricated", "confirm")
# String constants that are spelt like a rule id but mean something else: an HTML
# attribute a page's search box may have.
HOMONYMS = {("rules/page_html.py", "placeholder")}


def corpus_ids() -> set[str]:
    """Every rule id that a golden case's expect.txt prints."""
    return {
        match[1]
        for corpus in CORPORA
        for expect in (FIXTURES / corpus).glob("*/expect.txt")
        for line in expect.read_text(encoding="utf-8").splitlines()
        if (match := re.search(r"\[([a-z0-9-]+)\]$", line))
    }


def test_every_id_in_the_golden_corpora_is_a_registered_rule():
    found = corpus_ids()
    assert len(found) > 60
    assert sorted(found - set(RULES)) == []


def test_each_id_is_declared_by_one_rule_with_a_failing_example():
    declared = [value for family in FAMILIES for value in vars(family).values() if isinstance(value, Rule)]
    by_id: dict[str, set[int]] = {}
    for rule in declared:
        by_id.setdefault(rule.id, set()).add(id(rule))
    assert [rule_id for rule_id, rules in by_id.items() if len(rules) > 1] == []
    assert all(rule.fails and rule.checks and rule.fix for rule in RULES.values())
    assert {rule.level for rule in RULES.values()} == {"error", "warning"}


def _literals(path: Path) -> list[tuple[int, str]]:
    """(line, text) of each string constant equal to a registered id, outside the first
    argument of a Rule(...) declaration."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    declarations = {
        id(node.args[0])
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "Rule"
        and node.args
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and node.value in RULES
        and id(node) not in declarations
    ]


def test_no_rule_id_is_written_outside_its_declaration():
    found = [
        f"{path.relative_to(PACKAGE)}:{line}: {text}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for line, text in _literals(path)
        if (path.relative_to(PACKAGE).as_posix(), text) not in HOMONYMS
    ]
    assert found == []


def test_the_literal_scan_finds_an_id_written_at_a_call_site(tmp_path: Path):
    module = tmp_path / "m.py"
    module.write_text('X = Rule("duplicate-id", "error", "c", "f", fails=())\nproblem(X, "duplicate-id")\n')
    assert _literals(module) == [(2, "duplicate-id")]


def test_contributing_holds_the_table_the_registry_prints(capsys: pytest.CaptureFixture[str]):
    guide = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    table = re.search(r"<!-- rules: .*? -->\n(.*?)\n<!-- end of rules -->", guide, re.DOTALL)
    assert table is not None
    assert table[1] == rules_table()
    assert timeline(["rules", "--format", "markdown"]) == 0
    assert capsys.readouterr().out == rules_table() + "\n"


def test_the_rules_command_lists_every_rule_with_its_level_and_fix(capsys: pytest.CaptureFixture[str]):
    assert timeline(["rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == list(RULES)
    assert lines[list(RULES).index("unattributed")].split()[1] == "warning"
    assert all("; fix: " in line for line in lines)


EXAMPLES = [
    (rule, example, fails)
    for rule in RULES.values()
    for examples, fails in ((rule.fails, True), (rule.passes, False))
    for example in examples
]


def _example_id(param: object) -> str:
    if isinstance(param, Rule):
        return param.id
    if isinstance(param, Example):
        return param.case.rsplit("::", 1)[-1]
    return "fails" if param else "passes"


@pytest.mark.parametrize(("rule", "example", "fails"), EXAMPLES, ids=_example_id)
def test_each_example_shows_its_rule(rule: Rule, example: Example, fails: bool, tmp_path: Path):
    """A failing example reports the rule (among others, maybe); a passing one does not."""
    if example.case.startswith("test:"):
        file, _, name = example.case.removeprefix("test:").partition("::")
        assert f"def {name}(" in (REPO / file).read_text(encoding="utf-8")
        return
    if example.case.startswith("confirm/"):  # confirm-source's cases, run by test_confirm
        assert f"[{rule.id}]" in (FIXTURES / example.case / "expect.txt").read_text(encoding="utf-8")
        return
    overlays = [] if example.case == "base" else [FIXTURES / example.case]
    assert all(overlay.is_dir() for overlay in overlays), example.case
    if example.case.startswith("fabricated/"):
        overlays.insert(0, FIXTURES / "fabricated" / "_furnished")
    root = make_project(tmp_path / "project", *overlays)
    (tmp_path / "outside.txt").write_text("not in the project\n")  # what fabricated cases link to
    _, out = run_cli("--root", str(root), *(str(root / a) if a != "/" else a for a in example.args))
    assert (f"[{rule.id}]" in out) is fails, out


def test_a_file_that_cannot_be_read_is_one_line(project: Path, monkeypatch: pytest.MonkeyPatch):
    """Reading may fail after the checks that it is a small regular file (permissions, a
    disk error): the file's one problem says so, and the run goes on."""
    real_open = os.open
    unreadable = project / "entities" / "cctv.yml"

    def failing_open(path: object, flags: int, *args: int) -> int:
        if Path(str(path)) == unreadable:
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", failing_open)
    code, out = run_cli("--root", str(project))
    assert code == 1
    assert "entities/cctv.yml:1:1: error: cannot read the file (Permission denied) [unreadable]" in out
    assert "Traceback" not in out


def test_a_schema_keyword_without_its_own_message_is_reported(project: Path):
    """A keyword the translation has no handler for is still reported, as jsonschema says it."""
    schema_file = project / "schemas" / "entity.schema.json"
    schema = json.loads(schema_file.read_text())
    schema["properties"]["name"]["const"] = "CCTV"
    schema_file.write_text(json.dumps(schema))
    (project / "entities" / "crackdown.yml").write_text(
        (project / "entities" / "crackdown.yml").read_text().replace("name: The crackdown", "name: CCTV news")
    )
    code, out = run_cli("--root", str(project))
    assert code == 1
    assert "entities/crackdown.yml:3:7: error: name: 'CCTV' was expected [schema]" in out
