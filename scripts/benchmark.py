#!/usr/bin/env python3
"""Measure validation at scale: N generated events against the real schemas.

    python scripts/benchmark.py            # 10,000 events
    python scripts/benchmark.py --events 2000

Reports seconds for the whole run and per event. Not a test: timings vary by machine.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from timeline.project import validate

ROOT = Path(__file__).resolve().parent.parent

SOURCE = """# yaml-language-server: $schema=../schemas/source.schema.json
id: wire
title: A wire story
publisher: A wire service
author: null
published: "2024-01-05"
published_basis: stated in the text
url: https://example.org/wire
notes: []
"""
TOPIC = """# yaml-language-server: $schema=../schemas/entity.schema.json
id: topic
name: A topic
kind: topic
summary: The wire service said many suspects were handed over.
citations:
  - source: wire
    quote: suspects were handed over
"""
EVENT = """# yaml-language-server: $schema=../schemas/event.schema.json
id: event-{n}
title: Event number {n}
date: "2023-{month:02d}-{day:02d}"
date_basis: generated
summary: The wire service said {n} suspects were handed over.
topics: [topic]
entities: []
figures:
  - measure: suspects-handed-over
    value: {n}
    qualifier: exactly
    unit: suspects
    reported_by: topic
    source: wire
    quote: "{n} suspects were handed over"
citations:
  - source: wire
    quote: suspects were handed over
"""


def make_project(folder: Path, events: int) -> None:
    shutil.copytree(ROOT / "schemas", folder / "schemas")
    for sub in ("events", "entities", "sources"):
        (folder / sub).mkdir()
    (folder / "sources" / "wire.yml").write_text(SOURCE)
    numbers = " ".join(f"{n} suspects were handed over." for n in range(events))
    (folder / "sources" / "wire.txt").write_text(numbers)
    (folder / "entities" / "topic.yml").write_text(TOPIC)
    for n in range(events):
        text = EVENT.format(n=n, month=n % 12 + 1, day=n % 28 + 1)
        (folder / "events" / f"event-{n}.yml").write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        make_project(Path(tmp), args.events)
        start = time.perf_counter()
        result = validate(Path(tmp))
        seconds = time.perf_counter() - start
    assert result.ok, result.problems[:3]
    per_event = seconds / args.events * 1000
    print(f"{result.files_checked} files validated in {seconds:.2f} s ({per_event:.2f} ms per event)")


if __name__ == "__main__":
    main()
