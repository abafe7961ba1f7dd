#!/usr/bin/env python3
"""Write every page of the site as Markdown, and the exports, into a folder, without MkDocs.

    python scripts/build_pages.py --out build/pages

The folder holds the hand-written pages of docs/ and the generated ones side by side,
so any generator that reads Markdown (MkDocs without the hook, or Zensical) can build
the same site from it. Exits 1 with the validator's messages when the data is wrong.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

from timeline.outputs import PathClash, site_outputs
from timeline.problems import render

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "pages", help="the folder to (re)write")
    parser.add_argument("--root", type=Path, default=ROOT, help="the project folder")
    parser.add_argument("--site-url", default=os.environ.get("SITE_URL"), help="the published address")
    parser.add_argument(
        "--repo-url", default=os.environ.get("SITE_REPO_URL"), help="the repository's address"
    )
    args = parser.parse_args(argv)
    try:
        result, outputs = site_outputs(args.root, args.root / "docs", args.site_url, args.repo_url)
    except PathClash as clash:
        print(f"error: {clash}", file=sys.stderr)
        return 1
    if result.dataset is None:
        print(render(result.problems, result.files_checked))
        return 1
    if args.out.exists():
        shutil.rmtree(args.out)
    shutil.copytree(args.root / "docs", args.out)
    for output in outputs:
        target = args.out / output.path
        target.parent.mkdir(parents=True, exist_ok=True)
        content = output.content
        target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    print(f"{len(outputs)} generated files written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
