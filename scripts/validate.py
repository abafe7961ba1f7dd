#!/usr/bin/env python3
"""Check the data files: schemas, references, quotes against archived texts, dates.

    python scripts/validate.py                 # the whole project
    python scripts/validate.py events/x.yml    # report only on these files or folders
    python scripts/validate.py --format github # annotations for GitHub Actions (default there)

Prints 'path:line:col: error: message [rule]' (or 'warning:') per problem and a summary line; exits 1
when there is any error, 0 when there is none (warnings alone do not fail).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from timeline.problems import Problem, render
from timeline.project import validate

ROOT = Path(__file__).resolve().parent.parent


def _selection(paths: list[str], root: Path) -> tuple[list[str], list[Problem]]:
    """Paths relative to the project root, and problems for those that are not there."""
    selected: list[str] = []
    problems: list[Problem] = []
    for given in paths:
        path = Path(given).resolve()
        if not path.exists():
            problems.append(Problem(given, 1, 1, "no-such-file", "no such file or folder; check the path"))
        elif not path.is_relative_to(root):
            problems.append(Problem(given, 1, 1, "outside-project", f"not inside the project at {root}"))
        else:
            selected.append(path.relative_to(root).as_posix() if path != root else "")
    return selected, problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*", help="files or folders to report on (default: all data)")
    parser.add_argument("--root", type=Path, default=ROOT, help="the project folder (default: this project)")
    in_actions = os.environ.get("GITHUB_ACTIONS") == "true"
    parser.add_argument("--format", choices=["text", "github"], default="github" if in_actions else "text")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if not (root / "schemas").is_dir():
        print(f"error: {root} is not a project folder (it has no schemas/)", file=sys.stderr)
        return 1
    selected, problems = _selection(args.paths, root)
    whole = not args.paths or "" in selected
    result = validate(root, None if whole else selected)
    problems += result.problems
    print(render(problems, result.files_checked, args.format))
    return 1 if any(p.is_error for p in problems) else 0


if __name__ == "__main__":
    sys.exit(main())
