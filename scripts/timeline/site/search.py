"""The search index: Pagefind, run on the built site, writes it in chunks.

A reader's query downloads the chunks for its words and the fragments of the results it
shows, not the whole index, so a query stays small however large the timeline grows.
Pagefind's Python package ships its binary, so it installs with pip like the rest.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def build_search_index(site: Path) -> str | None:
    """Index site in place (into site/INDEX_FOLDER/); a message saying what went wrong, or None."""
    # The "¶" of each heading's permalink is not part of its words.
    command = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site),
        "--silent",
        "--exclude-selectors",
        ".headerlink",
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        return f"the search index could not be built: {done.stderr.strip() or done.stdout.strip()}"
    return None
