#!/usr/bin/env python3
"""Start a new record with every field stubbed and explained; never overwrites a file.

    python scripts/new.py event  --date 2023-11-21 --title "China says 31,000 suspects were handed over"
    python scripts/new.py entity --name "Nong Rong" --kind person
    python scripts/new.py source --publisher OCCRP --date 2023-11-24 --title "Myanmar Hands Over …"

Then replace every TODO in the new file and run ./dev.sh validate on it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from timeline.dates import DateError
from timeline.scaffold import ENTITY_KINDS, new_entity, new_event, new_source

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
    args = parser.parse_args(argv)
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


if __name__ == "__main__":
    sys.exit(main())
