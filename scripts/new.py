#!/usr/bin/env python3
"""Start a new record with every field stubbed and explained; never overwrites a file.

    python scripts/new.py event  --date 2023-11-21 --title "China says 31,000 suspects were handed over"
    python scripts/new.py entity --name "Nong Rong" --kind person
    python scripts/new.py source --publisher OCCRP --date 2023-11-24 --title "Myanmar Hands Over …"
    python scripts/new.py sha occrp-2023-11-24-31000-scammers   # pin a pasted archived text

Then replace every TODO in the new file and run ./dev.sh validate on it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from timeline.dates import DateError
from timeline.scaffold import ENTITY_KINDS, new_entity, new_event, new_source, pin_archive

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    kinds = parser.add_subparsers(dest="record", required=True)
    event = kinds.add_parser("event", help="a dated development")
    event.add_argument("--date", required=True, help="e.g. 2023-11-21, 2023-11, 2023, ../2023-08-23")
    event.add_argument("--title", required=True, help="one line, sentence case, attributed")
    entity = kinds.add_parser("entity", help="a person, organisation, group, place, operation or topic")
    entity.add_argument("--name", required=True)
    entity.add_argument("--kind", required=True, choices=ENTITY_KINDS)
    source = kinds.add_parser("source", help="a news article, with a file for its text")
    source.add_argument("--publisher", required=True)
    source.add_argument("--date", required=True, help="when it was published, as precisely as known")
    source.add_argument("--title", required=True, help="the headline")
    sha = kinds.add_parser("sha", help="the SHA-256 of a source's archived text, written into a new record")
    sha.add_argument("source", help="the source's id")
    args = parser.parse_args(argv)
    if args.record == "sha":
        return _pin(args.root, args.source)
    try:
        if args.record == "event":
            created = [new_event(args.root, args.date, args.title)]
        elif args.record == "entity":
            created = [new_entity(args.root, args.name, args.kind)]
        else:
            created = list(new_source(args.root, args.publisher, args.date, args.title))
    except (DateError, FileExistsError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    for path in created:
        print(f"created {path.relative_to(args.root)}")
    print("next: replace every TODO, then run ./dev.sh validate " + " ".join(
        str(p.relative_to(args.root)) for p in created
    ))  # fmt: skip
    return 0


def _pin(root: Path, source_id: str) -> int:
    try:
        digest, written = pin_archive(root, source_id)
    except FileNotFoundError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    if written:
        print(f"wrote archive_sha256: {digest} into sources/{source_id}.yml")
    else:
        print(f"archive_sha256: {digest}")
        print(
            f"(sources/{source_id}.yml already has a pin or no stub: set it by hand, "
            "only after checking the text)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
