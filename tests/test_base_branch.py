"""A pull request is judged by the base branch's validator: deleting a check does not help.

The pull-request workflow checks the base branch out beside the pull request and runs
the base's .github/scripts/validate-with-base.sh, which puts the pull request's data in
the base checkout and runs the base's validator on it. These tests do the same with two
real copies of the project in a temporary folder: "base" (as it is) and "pr" (changed).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, REPO, with_plugin_options
from timeline.adapters.mkdocs import TimelinePlugin
from timeline.contrib.confirm import write_confirmed
from timeline.data.quotes import quotes_digest
from webserver import Server

PROJECT_PARTS = ["mkdocs.yml", "scripts", "schemas", "events", "entities", "sources", "docs", ".github"]
VALIDATE_WITH_BASE = Path(".github", "scripts", "validate-with-base.sh")
WARN_ARCHIVE_CHANGES = Path(".github", "scripts", "warn-archive-changes.sh")
CONFIRM_NEW_SOURCES = Path(".github", "scripts", "confirm-new-sources.sh")
CONFIRM_CASES = FIXTURES / "confirm"
FABRICATED = "Officials confirmed that every scam compound in Myanmar had closed for good this morning."

# Appended to the module that defines check_quotes in the pr copy: a later definition
# replaces the real one (for callers that look the name up when they run, and for
# modules that import it), so the pull request's validator no longer checks quotes.
NO_QUOTE_CHECK = """

def check_quotes(*args, **kwargs):  # the pull request "deletes" the quote check
    return iter(())
"""


def copy_project(dest: Path) -> Path:
    """The parts of the project a checkout has (no .venv, node_modules or caches)."""
    dest.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, dest / part, symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copyfile(source, dest / part)
    return dest


def run(*args: str | Path, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "GITHUB_ACTIONS")}
    return subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def validate_own(project: Path) -> subprocess.CompletedProcess:
    """The project's own validator on its own data, as the workflow's first job runs it."""
    return run(sys.executable, "scripts/validate.py", cwd=project)


def validate_with_base(base: Path, pr: Path) -> subprocess.CompletedProcess:
    """The base checkout's script, run as the workflow runs it (from outside both folders)."""
    bash = shutil.which("bash")
    assert bash, "the workflow's scripts need bash"
    return run(bash, base / VALIDATE_WITH_BASE, base, pr, cwd=base.parent, PYTHON=sys.executable)


def fabricate_a_quote(project: Path) -> str:
    """Change one event's citation quote (written on one line); return the event's path."""
    for path in sorted((project / "events").glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        before = yaml.safe_load(text)
        lines = text.split("\n")
        for n, line in enumerate(lines):
            match = re.fullmatch(r"(\s*(?:- )?quote: )(.+)", line)
            if not match:
                continue
            edited = "\n".join(
                [*lines[:n], match[1] + json.dumps(FABRICATED, ensure_ascii=False), *lines[n + 1 :]]
            )
            after = yaml.safe_load(edited)
            changed = [i for i, c in enumerate(after.get("citations") or []) if c.get("quote") == FABRICATED]
            if changed:  # the line was a citation's quote, and nothing else changed
                before["citations"][changed[0]]["quote"] = FABRICATED
                assert after == before
                path.write_text(edited, encoding="utf-8")
                return path.relative_to(project).as_posix()
    raise AssertionError("no event has a citation quote on one line to fabricate")


@pytest.fixture
def base_and_pr(tmp_path: Path) -> tuple[Path, Path]:
    return copy_project(tmp_path / "base"), copy_project(tmp_path / "pr")


def test_a_pull_request_that_deletes_the_quote_check_is_still_judged_by_the_base_check(base_and_pr):
    base, pr = base_and_pr
    assert (base / VALIDATE_WITH_BASE).is_file()
    # The data starts out valid (both copies are the same), so a failure below is the quote's.
    start = validate_own(base)
    assert start.returncode == 0, start.stdout + start.stderr

    # (a) The pull request removes the quote check from its own validator ...
    modules = [
        p
        for p in sorted((pr / "scripts" / "timeline").rglob("*.py"))
        if "def check_quotes(" in p.read_text(encoding="utf-8")
    ]
    assert modules, "no module defines check_quotes; update this test to the validator"
    for module in modules:
        with module.open("a", encoding="utf-8") as out:
            out.write(NO_QUOTE_CHECK)
    # (b) ... and changes a quote to a sentence that is in no archived text.
    event = fabricate_a_quote(pr)
    assert not any(FABRICATED in p.read_text(encoding="utf-8") for p in (pr / "sources").glob("*.txt"))

    # The edit took effect: the pull request's own validator now passes the fabricated quote.
    own = validate_own(pr)
    assert own.returncode == 0, own.stdout + own.stderr
    assert "quote-not-found" not in own.stdout

    # The base branch's script, on the pull request's data, still fails it, on that file.
    judged = validate_with_base(base, pr)
    assert judged.returncode == 1, judged.stdout + judged.stderr
    annotations = [line for line in judged.stdout.splitlines() if line.startswith("::error ")]
    assert any(f"file={event}," in a and "title=quote-not-found" in a for a in annotations), judged.stdout
    assert all("title=quote-not-found" in a for a in annotations), judged.stdout
    # It judged the pull request's data: the base checkout now holds the fabricated event.
    assert FABRICATED in (base / event).read_text(encoding="utf-8")
    # ... with the base's validator, not the pull request's.
    for module in modules:
        assert NO_QUOTE_CHECK not in (base / module.relative_to(pr)).read_text(encoding="utf-8")


def test_the_base_check_passes_a_pull_request_with_valid_data(base_and_pr):
    base, pr = base_and_pr
    judged = validate_with_base(base, pr)
    assert judged.returncode == 0, judged.stdout + judged.stderr
    assert "::error" not in judged.stdout


def test_the_pull_requests_data_replaces_the_bases_and_symlinks_stay_links(base_and_pr):
    base, pr = base_and_pr
    events = sorted((pr / "events").glob("*.yml"))
    deleted, linked = events[0].name, events[1].name
    (pr / "events" / deleted).unlink()
    (pr / "events" / "a-symlinked-event.yml").symlink_to(linked)
    validate_with_base(base, pr)
    assert not (base / "events" / deleted).exists()  # replaced, not merged
    assert (base / "events" / "a-symlinked-event.yml").is_symlink()  # copied as a link
    assert os.readlink(base / "events" / "a-symlinked-event.yml") == linked


def test_the_base_check_refuses_one_folder_as_both_base_and_pull_request(base_and_pr):
    base, _ = base_and_pr
    judged = validate_with_base(base, base)
    assert judged.returncode == 2
    assert "same folder" in judged.stderr


def test_every_changed_or_deleted_archived_text_or_source_record_gets_a_warning(base_and_pr):
    base, pr = base_and_pr
    archives = sorted(p.name for p in (base / "sources").glob("*.txt"))
    assert len(archives) >= 3
    changed, deleted, untouched = archives[0], archives[1], archives[2:]
    with (pr / "sources" / changed).open("a", encoding="utf-8") as out:
        out.write("\nA sentence the article never printed.\n")
    (pr / "sources" / deleted).unlink()
    (pr / "sources" / "new-source.txt").write_text("A new archive is reviewed like any file.\n")
    record = next(p for p in sorted((pr / "sources").glob("*.yml")) if "not_article:" in p.read_text())
    text = record.read_text(encoding="utf-8")  # its first excluded lines made quotable again
    record.write_text(text.replace("not_article:\n  - lines:", "not_article:\n  - unused:", 1))
    assert record.read_text(encoding="utf-8") != text

    bash = shutil.which("bash")
    assert bash
    done = run(bash, base / WARN_ARCHIVE_CHANGES, base, pr, cwd=base.parent)
    assert done.returncode == 0, done.stderr
    warnings = [line for line in done.stdout.splitlines() if line.startswith("::warning ")]
    assert len(warnings) == 4, done.stdout
    assert any(f"file=sources/{changed}," in w and " changes " in w for w in warnings), done.stdout
    assert any(f"file=sources/{deleted}," in w and " deletes " in w for w in warnings), done.stdout
    assert any(
        f"file=sources/{record.name}," in w and "which of its lines are the article" in w for w in warnings
    )
    assert any("file=sources/new-source.txt," in w and " adds " in w for w in warnings), done.stdout
    for name in untouched:
        assert name not in done.stdout
    assert "4 archived text(s) or source record(s) added, changed or deleted" in done.stdout


CLASSIFY_CHANGES = Path(".github", "scripts", "classify-changes.sh")
INVENTED_SOURCE = "reuters-2024-01-01-invented"


def classify(base: Path, pr: Path, summary: Path) -> subprocess.CompletedProcess:
    """The base checkout's summary of the pull request's changes, as the workflow runs it."""
    bash = shutil.which("bash")
    assert bash
    return run(bash, base / CLASSIFY_CHANGES, base, pr, cwd=base.parent, GITHUB_STEP_SUMMARY=str(summary))


def summary_row(summary: str, kind: str) -> list[str]:
    row = next(line for line in summary.splitlines() if line.startswith(f"| {kind}"))
    return [cell.strip() for cell in row.strip("|").split("|")]


def test_a_pull_request_that_points_the_build_at_copied_data_goes_to_a_code_owner(base_and_pr, tmp_path):
    """mkdocs.yml sends the plugin to a folder of copied data with an invented source: the
    base's validator never sees that folder, so the pull request must be reviewed."""
    base, pr = base_and_pr
    copied = pr / "overrides" / "partials-data"
    (copied / "sources").mkdir(parents=True)
    (copied / "sources" / f"{INVENTED_SOURCE}.txt").write_text("Every compound closed today.\n")
    shutil.copyfile(sorted((pr / "events").glob("*.yml"))[0], copied / "invented-event.yml")
    config = (pr / "mkdocs.yml").read_text(encoding="utf-8")
    redirected = with_plugin_options(config, "      root: overrides/partials-data\n")
    assert redirected != config
    (pr / "mkdocs.yml").write_text(redirected)

    summary = tmp_path / "summary.md"
    done = classify(base, pr, summary)
    assert done.returncode == 0, done.stderr
    written = summary.read_text(encoding="utf-8")
    assert written in done.stdout  # the same summary on the checks page and in the log
    changed = 1 + len([p for p in copied.rglob("*") if p.is_file()])
    assert summary_row(written, "Code, configuration")[1:] == [str(changed), "required"]
    assert "**A code owner must approve:**" in written
    assert "- `mkdocs.yml`" in written
    assert f"- `overrides/partials-data/sources/{INVENTED_SOURCE}.txt`" in written
    assert "::warning title=Code owner must approve::" in done.stdout
    # The data the base's validator judges is untouched, so it passes: review is the gate.
    assert validate_with_base(base, pr).returncode == 0
    # And the plugin has no option to read data from anywhere but mkdocs.yml's folder.
    errors, warnings = TimelinePlugin().load_config({"root": "overrides/partials-data"})
    assert errors == [] and [name for name, _ in warnings] == ["root"]


def test_a_page_script_or_a_theme_script_in_docs_is_refused_and_sent_to_a_code_owner(base_and_pr, tmp_path):
    base, pr = base_and_pr
    home = pr / "docs" / "index.md"
    lines = home.read_text(encoding="utf-8").splitlines()
    lines += ["", '<script>document.title = "hijacked"</script>']  # a paragraph of its own
    home.write_text("\n".join(lines) + "\n", encoding="utf-8")
    asset = pr / "docs" / "assets" / "javascripts" / "search.js"
    asset.parent.mkdir(parents=True)
    asset.write_text('alert("every page");\n')

    # Summarised first, as in the workflow: the validation replaces the base's data folders.
    summary = tmp_path / "summary.md"
    assert classify(base, pr, summary).returncode == 0
    written = summary.read_text(encoding="utf-8")
    assert summary_row(written, "Hand-written page text")[1:] == ["1", "not needed"]
    assert summary_row(written, "Code, configuration")[1:] == ["1", "required"]
    assert "- `docs/assets/javascripts/search.js`" in written and "- `docs/index.md`" not in written

    judged = validate_with_base(base, pr)
    assert judged.returncode == 1, judged.stdout
    errors = [line for line in judged.stdout.splitlines() if line.startswith("::error ")]
    assert any(f"file=docs/index.md,line={len(lines)}," in e and "title=unsafe-html" in e for e in errors)
    script = "file=docs/assets/javascripts/search.js,"
    assert any(script in e and "title=unexpected-file" in e for e in errors)
    assert len(errors) == 2, judged.stdout


def test_a_data_only_pull_request_needs_no_code_owner(base_and_pr, tmp_path):
    base, pr = base_and_pr
    event = sorted((pr / "events").glob("*.yml"))[0]
    event.write_text(event.read_text(encoding="utf-8") + "# a reviewer's note\n", encoding="utf-8")
    shutil.copyfile(event, pr / "events" / "copy-of-an-event.yml")  # added (and refused: its id)
    (pr / "entities" / sorted(p.name for p in (pr / "entities").glob("*.yml"))[0]).unlink()

    summary = tmp_path / "summary.md"
    done = classify(base, pr, summary)
    written = summary.read_text(encoding="utf-8")
    assert summary_row(written, "Data records")[1:] == ["3", "not needed"]
    for kind in ("Hand-written page text", "Archived sources", "Code, configuration"):
        assert summary_row(written, kind)[1] == "0", kind
    assert "**No code owner needs to approve:**" in written
    assert "::notice title=No code owner needed::" in done.stdout


def test_every_new_source_is_announced_as_needing_confirmation_and_review(base_and_pr):
    base, pr = base_and_pr
    for name in ("invented.txt", "invented.yml"):
        shutil.copyfile(
            CONFIRM_CASES / "forged-archive" / "sources" / name.replace("invented", "wire"),
            pr / "sources" / name,
        )
    done = run(shutil.which("bash") or "bash", base / WARN_ARCHIVE_CHANGES, base, pr, cwd=base.parent)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "::warning file=sources/invented.txt,title=new source needs confirmation::This pull request adds "
        "sources/invented.txt, a new archived text, which quotes will be checked against. It needs "
        "confirmation against the published article (timeline confirm-source) and a code owner's review "
        "before merging.",
        "::warning file=sources/invented.yml,title=new source needs confirmation::This pull request adds "
        "sources/invented.yml, a new source record, which names an article and pins its text. It needs "
        "confirmation against the published article (timeline confirm-source) and a code owner's review "
        "before merging.",
        "2 archived text(s) or source record(s) added, changed or deleted",
    ]


# --- confirm-new-sources.sh: a new source's quotes, looked for on its published page ---------


def add_case(pr: Path, case: str, web: Server) -> None:
    """A confirm case's source and event (tests/fixtures/confirm), its address the local server."""
    for file in (CONFIRM_CASES / case).rglob("*.yml"):
        text = file.read_text(encoding="utf-8").replace("{web}", web.base)
        (pr / file.relative_to(CONFIRM_CASES / case)).write_text(text, encoding="utf-8")
    shutil.copyfile(CONFIRM_CASES / case / "sources" / "wire.txt", pr / "sources" / "wire.txt")


def confirm_with_base(base: Path, pr: Path) -> subprocess.CompletedProcess:
    bash = shutil.which("bash")
    assert bash
    return run(bash, base / CONFIRM_NEW_SOURCES, base, pr, cwd=base.parent, PYTHON=sys.executable)


def test_an_invented_source_fails_on_its_quotes_even_when_the_pull_request_disables_the_check(
    base_and_pr, web: Server
):
    base, pr = base_and_pr
    add_case(pr, "forged-archive", web)
    assert validate_own(pr).returncode == 0  # the validator cannot tell
    with (pr / "scripts" / "timeline" / "contrib" / "confirm.py").open("a", encoding="utf-8") as out:
        out.write("\n\ndef confirm_all(*args, **kwargs):\n    return []\n")  # "confirms" nothing
    done = confirm_with_base(base, pr)
    assert done.returncode == 1, done.stdout + done.stderr
    errors = [line for line in done.stdout.splitlines() if line.startswith("::error ")]
    assert len(errors) == 2 and all("file=events/wire-handover.yml," in e for e in errors)
    assert all("title=quote-not-on-page::" in e for e in errors)
    assert "1 source selected: 0 confirmed, 1 with quotes not on the page, 0 not checked" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


def test_a_genuine_new_source_passes_and_an_unread_page_only_warns(base_and_pr, web: Server):
    base, pr = base_and_pr
    add_case(pr, "genuine", web)
    done = confirm_with_base(base, pr)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "wire: confirmed against its url" in done.stdout
    assert "1 source selected: 1 confirmed" in done.stdout  # the base's own sources are not read again
    assert "confirmed" not in (pr / "sources" / "wire.yml").read_text(encoding="utf-8")  # pr untouched
    add_case(pr, "page-not-found", web)
    done = confirm_with_base(base, pr)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "title=not-confirmed::not confirmed: url " in done.stdout
    assert done.stdout.splitlines()[-1].startswith("::warning title=source not confirmed::")


def test_a_quote_added_to_a_confirmed_source_is_looked_for_on_its_page(base_and_pr, web: Server):
    """The base confirmed wire when its event quoted one passage on the page; a data-only
    pull request quotes a passage of the (forged) archived text that the page lacks."""
    base, pr = base_and_pr
    add_case(base, "forged-archive", web)
    event = base / "events" / "wire-handover.yml"
    genuine = "This handover shows that cooperation across the border works"
    event.write_text(event.read_text(encoding="utf-8").split("  - source: wire\n    quote: handed")[0])
    pinned = {"date": "2024-02-20", "against": "url", "quotes_sha256": quotes_digest([genuine])}
    write_confirmed(base / "sources" / "wire.yml", pinned)
    assert validate_own(base).returncode == 0
    add_case(pr, "forged-archive", web)
    shutil.copyfile(base / "sources" / "wire.yml", pr / "sources" / "wire.yml")  # the record is unchanged
    own = validate_own(pr)
    assert own.returncode == 0 and "[confirmed-quotes-changed]" in own.stdout  # the validator only warns
    done = confirm_with_base(base, pr)
    assert done.returncode == 1, done.stdout + done.stderr
    errors = [line for line in done.stdout.splitlines() if line.startswith("::error ")]
    assert len(errors) == 2 and all("title=quote-not-on-page::" in e for e in errors)
    assert "1 source selected: 0 confirmed, 1 with quotes not on the page, 0 not checked" in done.stdout


def test_a_confirmed_field_the_job_cannot_reproduce_fails_and_says_to_remove_it(base_and_pr, web: Server):
    base, pr = base_and_pr
    add_case(pr, "confirmed-page-now-gone", web)  # a new source, confirmed by hand; its page is gone
    assert validate_own(pr).returncode == 0  # the validator cannot tell
    done = confirm_with_base(base, pr)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "title=not-confirmed::not confirmed: url " in done.stdout
    errors = [line for line in done.stdout.splitlines() if line.startswith("::error ")]
    assert errors == [
        "::error file=sources/wire.yml,line=11,col=3,title=confirmed-not-reproduced::confirmed is new "
        "here, or its record or text changed, but reading the page again did not confirm every quote "
        "(see above): confirmed cannot be set or kept by hand; remove it (a code owner can merge the "
        "source without it, and the site then shows it as not confirmed)"
    ]
    write_confirmed(pr / "sources" / "wire.yml", None)  # without it, the source waits for review
    done = confirm_with_base(base, pr)
    assert done.returncode == 0 and "::error " not in done.stdout


def test_the_confirm_script_refuses_one_folder_as_both(base_and_pr):
    base, _ = base_and_pr
    done = confirm_with_base(base, base)
    assert done.returncode == 2 and "same folder" in done.stderr
