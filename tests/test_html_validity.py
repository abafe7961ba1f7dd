"""The Nu Html Checker (vnu.jar, from the npm registry) finds no error in the project's markup.

The project's markup is the <head> (titles, descriptions, our style sheet and
scripts) and the page's article (everything rendered from the data and docs/).
Errors elsewhere are in Material's own chrome (its search form and navigation),
which the project does not write; they are counted and shown, not failed on.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO

pytestmark = [pytest.mark.external, pytest.mark.build]

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def own_lines(page: Path) -> tuple[int, int, int]:
    """The last line of <head>, and the first and last lines of the article."""
    lines = page.read_text(encoding="utf-8").splitlines()
    head_end = next(i for i, line in enumerate(lines, 1) if "</head>" in line)
    start = next(i for i, line in enumerate(lines, 1) if '<article class="md-content__inner' in line)
    end = next(i for i, line in enumerate(lines, 1) if i > start and "</article>" in line)
    return head_end, start, end


def test_no_html_errors_in_the_projects_own_markup(built_site: Path):
    java = shutil.which("java")
    if java is None or not VNU.exists():
        pytest.fail(
            "The Nu Html Checker needs Java and node_modules/vnu-jar: run ./dev.sh test, which installs both"
        )
    pages = sorted(p for p in built_site.rglob("*.html") if p.name != "404.html")
    done = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--errors-only", *map(str, pages)],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(done.stderr)["messages"]
    ranges = {str(p): own_lines(p) for p in pages}
    ours, theirs = [], 0
    for message in messages:
        path = message["url"].removeprefix("file:")  # vnu writes file:/abs/path
        head_end, start, end = ranges[path]
        line = message.get("lastLine", 0)
        if line <= head_end or start <= line <= end:
            where = Path(path).relative_to(built_site)
            ours.append(f"{where}:{line}: {message['message']}")
        else:
            theirs += 1
    print(f"{theirs} errors in Material's own markup, not the project's")
    assert len(pages) > 40
    assert sum(p.parent.parent.name == "events" for p in pages) > 30  # every event's own page
    assert ours == [], "\n".join(ours)
