"""The README stays a two-minute read; REFERENCE.md documents every subcommand of the
`timeline` command and every option of the plugin, so that neither can drift from the code."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import REPO
from timeline.adapters.mkdocs import TimelineConfig

README = (REPO / "README.md").read_text(encoding="utf-8")
REFERENCE = (REPO / "REFERENCE.md").read_text(encoding="utf-8")


def subcommands() -> set[str]:
    """The subcommands `timeline --help` lists (one per line under its positional arguments)."""
    done = subprocess.run(
        [sys.executable, "-m", "timeline.cli", "--help"], capture_output=True, text=True, check=True, cwd=REPO
    )
    listing = done.stdout.split("COMMAND", 2)[-1]
    return set(re.findall(r"(?m)^    ([a-z][a-z-]+)\s", listing))


def test_every_subcommand_of_the_timeline_command_is_in_the_reference():
    names = subcommands()
    assert {"validate", "new", "build"} <= names  # the listing was read
    missing = {name for name in names if f"timeline {name}" not in REFERENCE}
    assert not missing, f"REFERENCE.md does not show these subcommands: {sorted(missing)}"


def test_every_plugin_option_is_a_row_of_the_reference_table():
    options = set(TimelineConfig().keys())
    assert options
    rows = set(re.findall(r"(?m)^\| `([a-z_]+)` \|", REFERENCE))
    assert options <= rows, f"REFERENCE.md's options table lacks: {sorted(options - rows)}"


def test_the_readme_is_short_and_says_where_to_go_next():
    assert len(README.splitlines()) <= 60
    guides = ("CONTRIBUTING.md", "REFERENCE.md", "docs/methodology.md")
    for needed in ("./dev.sh serve", "./dev.sh test", *guides):
        assert needed in README
    for link in re.findall(r"\]\(([^)#]+)\)", README + REFERENCE):
        if not link.startswith("http"):
            assert (REPO / link).exists(), link
