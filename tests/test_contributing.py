"""What contributors are told works: the guide's examples validate, the tooling is wired up."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import REPO, copy_site_sources, run_cli

GUIDE = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
EXAMPLES = re.findall(r"```yaml\n(.*?)```", GUIDE, re.DOTALL)
FOLDERS = {"event": "events", "entity": "entities", "source": "sources"}


def test_the_guide_shows_a_template_for_each_kind_of_record():
    kinds = [re.search(r"schemas/(\w+)\.schema\.json", e)[1] for e in EXAMPLES]
    assert kinds == ["event", "entity", "source"]


def test_every_example_in_the_guide_validates_in_place_of_the_real_record(tmp_path: Path):
    for example in EXAMPLES:
        project = copy_site_sources(
            tmp_path / str(len(list(tmp_path.iterdir()))), ["schemas", *FOLDERS.values()]
        )
        kind = re.search(r"schemas/(\w+)\.schema\.json", example)[1]
        record_id = yaml.safe_load(example)["id"]
        (project / FOLDERS[kind] / f"{record_id}.yml").write_text(example, encoding="utf-8")
        code, out = run_cli("--root", str(project))
        assert code == 0, out


def test_the_guide_explains_every_field_of_every_schema():
    for kind in FOLDERS:
        schema = json.loads((REPO / "schemas" / f"{kind}.schema.json").read_text())
        for field in schema["properties"]:
            assert re.search(rf"^\s*(# )?{field}:", GUIDE, re.MULTILINE), (kind, field)


def test_the_guide_lists_every_rule_the_validator_reports():
    reported = {
        line.rsplit("[", 1)[1].rstrip("]")
        for case in (REPO / "tests" / "fixtures" / "bad").iterdir()
        for line in (case / "expect.txt").read_text().splitlines()
    }
    missing = sorted(rule for rule in reported | {"placeholder"} if f"`{rule}`" not in GUIDE)
    assert len(reported) > 30 and missing == []


def test_editor_settings_map_each_folder_to_its_schema():
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text())
    assert settings["yaml.schemas"] == {
        f"./schemas/{kind}.schema.json": f"{folder}/*.yml" for kind, folder in FOLDERS.items()
    }
    assert "root = true" in (REPO / ".editorconfig").read_text()


def test_every_data_file_starts_with_its_schema_modeline():
    for kind, folder in FOLDERS.items():
        for path in (REPO / folder).glob("*.yml"):
            first = path.read_text(encoding="utf-8").split("\n", 1)[0]
            assert first == f"# yaml-language-server: $schema=../schemas/{kind}.schema.json", path.name


def test_the_pre_commit_hook_is_valid_and_catches_a_bad_data_file(tmp_path: Path):
    """A real pre-commit run in a throwaway repository: one good commit, then a broken file."""
    repo = copy_site_sources(tmp_path / "repo", ["schemas", "scripts", *FOLDERS.values()])
    shutil.copyfile(REPO / ".pre-commit-config.yaml", repo / ".pre-commit-config.yaml")
    env = {**os.environ, "PRE_COMMIT_HOME": str(REPO / ".cache" / "pre-commit")}

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(args, cwd=repo, env=env, capture_output=True, text=True, check=False)

    assert (
        run(sys.executable, "-m", "pre_commit", "validate-config", ".pre-commit-config.yaml").returncode == 0
    )
    for args in (["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@example.org",
                                                  "commit", "-qm", "start"]):  # fmt: skip
        assert run("git", *args).returncode == 0
    good = run(
        sys.executable, "-m", "pre_commit", "run", "--files", "events/2021-myanmar-military-seizes-power.yml"
    )
    assert good.returncode == 0, good.stdout + good.stderr
    bad = repo / "events" / "2021-myanmar-military-seizes-power.yml"
    bad.write_text(bad.read_text().replace("title:", "titel:"))
    done = run(sys.executable, "-m", "pre_commit", "run", "--files", str(bad.relative_to(repo)))
    assert done.returncode == 1
    assert "unknown key 'titel'; did you mean 'title'? [unknown-key]" in done.stdout


def test_the_pre_commit_hook_installs_the_locked_versions():
    """One place for versions: the hook's dependencies are pinned as in requirements.txt."""
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text())
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    pins = [dep for hook in hooks for dep in hook["additional_dependencies"]]
    locked = dict(re.findall(r"(?m)^([A-Za-z0-9_.-]+)==(\S+)", (REPO / "requirements.txt").read_text()))
    locked = {name.lower(): version for name, version in locked.items()}
    assert pins
    for pin in pins:
        name, version = pin.split("==")
        assert locked.get(name.lower()) == version, pin
