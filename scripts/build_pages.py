#!/usr/bin/env python3
"""Write every page of the site as Markdown into a folder, without MkDocs.

    python scripts/build_pages.py --out build/pages

The folder holds the hand-written pages of docs/ and the generated ones side by side,
so any generator that reads Markdown (MkDocs without the hook, or Zensical) can build
the same site from it. Exits 1 with the validator's messages when the data is wrong.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from timeline.problems import render
from timeline.project import validate
from timeline.render import HOME, render_site

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "pages", help="the folder to (re)write")
    parser.add_argument("--root", type=Path, default=ROOT, help="the project folder")
    args = parser.parse_args(argv)
    result = validate(args.root)
    if result.dataset is None:
        print(render(result.problems, result.files_checked))
        return 1
    if args.out.exists():
        shutil.rmtree(args.out)
    shutil.copytree(args.root / "docs", args.out)
    pages = render_site(result.dataset, (args.root / "docs" / HOME).read_text(encoding="utf-8"))
    for page in pages:
        target = args.out / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8")
    print(f"{len(pages)} generated pages written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
