"""What contributors are told works: the guide's examples validate, the tooling is wired up."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import yaml

from conftest import REPO, copy_site_sources, run_cli
from timeline.rules.registry import RULES
from timeline.tools.preview import interruptible, stop_server

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


def test_the_guide_lists_every_rule_the_registry_holds():
    missing = sorted(rule for rule in RULES if f"| `{rule}` |" not in GUIDE)
    assert len(RULES) > 60 and missing == []


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


DEV_SH = (REPO / "dev.sh").read_text(encoding="utf-8")
# The commands dev.sh's last `case` dispatches: `serve|test|…) cmd="$1"; …`.
ACCEPTED = set(re.search(r'(?m)^  ([a-z|-]+)\) cmd="\$1"', DEV_SH)[1].split("|"))
NAMED = re.compile(r"\./dev\.sh ([a-z][a-z-]*)")


def _messages() -> str:
    """Every text of the package, its stubs, schemas and hook that may tell someone what to run."""
    scripts = [p for p in (REPO / "scripts").rglob("*") if p.suffix in {".py", ".j2"}]
    files = [*scripts, *(REPO / "schemas").glob("*.json"), REPO / ".pre-commit-config.yaml"]
    return "\n".join(path.read_text(encoding="utf-8") for path in files)


def _docs() -> dict[str, str]:
    """The guides: CONTRIBUTING, README, REFERENCE and the data folders' READMEs."""
    guides = [REPO / "README.md", REPO / "REFERENCE.md"]
    paths = [*guides, *(REPO / folder / "README.md" for folder in FOLDERS.values())]
    return {"CONTRIBUTING.md": GUIDE} | {
        str(p.relative_to(REPO)): p.read_text(encoding="utf-8") for p in paths
    }


def test_every_dev_sh_command_the_docs_and_messages_name_is_one_it_accepts():
    usage = set(re.findall(r"(?m)^#   \./dev\.sh ([a-z-]+)", DEV_SH))
    assert usage == ACCEPTED  # the usage text at the top lists exactly what it runs
    for name, text in {**_docs(), "messages": _messages()}.items():
        named = set(NAMED.findall(text))
        assert named <= ACCEPTED, (name, named - ACCEPTED)
    assert NAMED.findall(_messages()) and NAMED.findall((REPO / "README.md").read_text())
    assert {"new", "validate", "add-source", "confirm-source", "check-links", "hooks"} <= set(
        NAMED.findall(GUIDE)
    )


def test_the_docs_and_messages_name_no_command_that_needs_an_activated_environment():
    """`timeline …`, `python scripts/…` and `pre-commit install` are not on a fresh clone's PATH."""
    bare = re.compile(r"(?:^|[`(:] ?|run )(timeline (?:validate|new|add-source|confirm-source|check-links)\b"
                      r"|python scripts/|pre-commit install)")  # fmt: skip
    for name, text in _docs().items():
        assert [m for line in text.splitlines() for m in bare.findall(line)] == [], name
    # A message telling someone what to run (a description may still name the subcommand).
    assert re.findall(r"\brun:? `?(?:timeline \w|python scripts/|pre-commit)", _messages()) == []


def test_the_old_scripts_say_what_to_run_where_the_dependencies_are_missing():
    """Without site-packages (-S), as with a system Python outside .venv: no traceback."""
    done = subprocess.run(
        [sys.executable, "-S", "scripts/new.py", "event", "--date", "2023-11-21", "--title", "x"],
        cwd=REPO, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert "no module named" in done.stderr and "run ./dev.sh new … instead" in done.stderr


def test_generated_folders_are_left_out_of_the_nav_and_nothing_else():
    """MkDocs would list every generated page as missing from the nav on each build; a
    hand-written page that the nav leaves out is still reported."""
    from timeline.data.paths import GENERATED, SHARE_FOLDER

    config = yaml.load((REPO / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)  # !ENV tags as text
    folders = {line.strip("/") for line in config["not_in_nav"].split()}
    pageless = {"data", SHARE_FOLDER}  # exports and share cards: no page in them
    generated = {name for name in GENERATED if "." not in name and name not in pageless}
    assert folders == generated


def _stamps() -> set[str]:
    """What dev.sh writes into VENV/.installed once a lock and the project are installed."""
    pyproject = (REPO / "pyproject.toml").read_bytes()
    return {
        f"{lock} {hashlib.sha256((REPO / lock).read_bytes() + pyproject).hexdigest()}\n"
        for lock in ("requirements.txt", "requirements-dev.txt")
    }


def _venv(tmp_path: Path) -> dict[str, str]:
    """VENV for dev.sh: this checkout's, when it is set up for these very locks; otherwise
    dev.sh would install into it again, with the clone as the project, and this checkout's
    venv would run the clone's code from then on. A new one in tmp_path then."""
    stamp = REPO / ".venv" / ".installed"
    reuse = stamp.exists() and stamp.read_text() in _stamps()
    return {"VENV": str(REPO / ".venv" if reuse else tmp_path / "venv")}


def _fresh_clone(tmp_path: Path) -> Path:
    clone = tmp_path / "clone"
    done = subprocess.run(["git", "clone", "-q", str(REPO), str(clone)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert not (clone / ".venv").exists()
    return clone


def _dev_sh(clone: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    done = subprocess.run(
        ["./dev.sh", *args], cwd=clone, env={**os.environ, **env}, capture_output=True, text=True, check=False
    )
    assert "command not found" not in done.stdout + done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    return done


def test_the_guide_s_first_steps_work_as_printed_from_a_fresh_clone(tmp_path: Path):
    """Start an event, then run the very command its "next:" line prints. The venv this
    checkout uses is reused (VENV) when it is set up for these locks, so that the test stays
    fast; its timeline is then this checkout's code, of which the clone is a copy."""
    clone = _fresh_clone(tmp_path)
    venv = REPO / ".venv"
    stamp = venv / ".installed"
    before = stamp.read_text() if stamp.exists() else None
    env = _venv(tmp_path)
    valid = _dev_sh(clone, "validate", **env)
    assert valid.returncode == 0 and "0 errors" in valid.stdout, valid.stdout + valid.stderr

    step = re.search(r"`(\./dev\.sh new event [^`]*)`", GUIDE)[1]
    assert step.startswith('./dev.sh new event --date 2023-11-21 --title "')
    started = _dev_sh(
        clone, "new", "event", "--date", "2023-11-21", "--title", "China says it received suspects", **env
    )
    assert started.returncode == 0, started.stderr
    created = re.search(r"(?m)^created (events/\S+\.yml)$", started.stdout)[1]
    assert (clone / created).is_file()
    printed = re.search(r"(?m)^next: replace every TODO, then run (\./dev\.sh .*)$", started.stdout)[1]
    assert printed == f"./dev.sh validate {created}"

    checked = _dev_sh(clone, *printed.split()[1:], **env)
    assert checked.returncode == 1  # the stub's TODOs are still there
    assert f"{created}:" in checked.stdout and "[placeholder]" in checked.stdout
    if env["VENV"] == str(venv):
        assert "==>" not in valid.stderr + started.stderr + checked.stderr  # nothing was installed
        assert stamp.read_text() == before


def test_set_up_from_a_fresh_clone_makes_its_venv_and_says_what_it_does(tmp_path: Path):
    """The path a newcomer takes: no venv yet. Each step is announced with its duration."""
    clone = _fresh_clone(tmp_path)
    venv = tmp_path / "venv"
    done = _dev_sh(clone, "validate", "events/2021-myanmar-military-seizes-power.yml", VENV=str(venv))
    assert done.returncode == 0 and "0 errors" in done.stdout, done.stdout + done.stderr
    steps = [line for line in done.stderr.splitlines() if line.startswith("\x1b[1m==> ")]
    count = sum(
        1 for line in (clone / "requirements.txt").read_text().splitlines() if re.match(r"[A-Za-z0-9]", line)
    )
    assert [re.sub(r" \(.*", "", line.removeprefix("\x1b[1m==> ")) for line in steps] == [
        f"creating the virtual environment in {venv}",
        f"installing {count} locked packages from requirements.txt into {venv}",
        f"installing the project itself, which gives {venv}/bin/timeline",
    ]
    assert all(
        re.search(r"\((a few seconds|about a minute), once\)|\(a few seconds\)", line) for line in steps
    )
    again = _dev_sh(clone, "validate", VENV=str(venv))  # set up once: nothing is installed again
    assert again.returncode == 0 and "==>" not in again.stderr, again.stderr


def test_serve_announces_its_address_only_once_the_address_answers(tmp_path: Path):
    clone = _fresh_clone(tmp_path)
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        addr = f"127.0.0.1:{free.getsockname()[1]}"
    env = {**os.environ, **_venv(tmp_path), "DEV_ADDR": addr}
    server = subprocess.Popen(
        interruptible(["./dev.sh", "serve"]), cwd=clone, env=env, stderr=subprocess.PIPE, text=True
    )
    try:
        said = []
        for line in server.stderr:
            said.append(line)
            if "==> serving at" in line:
                break
        assert said and f"==> serving at http://{addr} (Ctrl-C to stop)" in said[-1], said
        with urllib.request.urlopen(f"http://{addr}/", timeout=10) as page:  # answers as announced
            assert page.status == 200
            html = page.read().decode("utf-8")
        # The preview's live-reload script is inline: a policy would block it, so the
        # preview has none (the built site has one; test_policy.py).
        assert "livereload" in html and "Content-Security-Policy" not in html
    finally:
        stop_server(server)
        server.stderr.close()
