"""A correct data pull request passes the content tests: two events, an entity and a source
made with `timeline add-source` are added to a copy of the project, and the content
properties hold on the copy's data and its built site, as on the real ones."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from conftest import copy_site_sources, mkdocs_build
from content_properties import ids_with_unsupported_dates, unreachable_events
from timeline.cli import main as timeline
from timeline.rules.project import validate
from webserver import PAGES

pytestmark = [pytest.mark.content, pytest.mark.build]

SOURCE = "example-border-wire-2024-02-14-212-handed-over"
NOTES_TODO = (
    '"TODO: compare the text with the article as published, then say what is not confirmed (or write [])"'
)
# What the contributor writes in the record add-source made: what is not confirmed, and the
# body lines (see the article's text) that no event cites, with why.
FILLED = """notes:
  - The article is fictional.
not_carried:
  - lines: "1"
    why: the headline, which the source's title carries
  - lines: "9"
    why: the neighbouring country's plans, for a later event
  - lines: "11"
    why: the article's own caveat, said on the source page
"""
ENTITY = """# yaml-language-server: $schema=../schemas/entity.schema.json
id: example-ford-police
name: Example Ford police
kind: organisation
summary: The police of a border town, whose spokesperson told reporters of a handover.
citations:
  - source: {source}
    quote: "Police in the fictional border town of Example Ford"
"""
HANDOVER = """# yaml-language-server: $schema=../schemas/event.schema.json
id: 2024-02-13-example-ford-handover
title: Police say 212 suspects were handed over
date: 2024-02-13
date_basis: '"on Tuesday", in an article of Wednesday 2024-02-14'
summary: A police spokesperson said 212 suspects were handed over to a neighbouring country.
topics: [crackdown]
entities: [example-ford-police]
citations:
  - source: {source}
    quote: "Police in the fictional border town of Example Ford handed over 212 suspects"
  - source: {source}
    quote: "“This handover shows that cooperation across the border works,” the spokesperson said"
"""
RAID = """# yaml-language-server: $schema=../schemas/event.schema.json
id: 2024-01-example-ford-raid
title: Police say the suspects were held after a raid
date: 2024-01
date_basis: '"last month", in an article of 2024-02-14'
summary: A police spokesperson said the suspects had been held since a raid on a compound.
topics: [crackdown]
entities: [example-ford-police]
citations:
  - source: {source}
    quote: "The suspects had been held since a raid on a compound of office buildings last month"
"""


def add_source(root: Path, page: Path, source_id: str) -> int:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return timeline(["add-source", "--root", str(root), str(page), "--id", source_id])


def test_a_correct_contribution_keeps_every_content_property(tmp_path: Path):
    root = copy_site_sources(tmp_path / "project")
    assert add_source(root, PAGES / "bylined.html", SOURCE) == 0
    record = root / "sources" / f"{SOURCE}.yml"
    text = record.read_text(encoding="utf-8")
    assert f"notes:\n  - {NOTES_TODO}\n" in text  # all add-source leaves to fill on this page
    record.write_text(text.replace(f"notes:\n  - {NOTES_TODO}\n", FILLED), encoding="utf-8")
    (root / "entities" / "example-ford-police.yml").write_text(ENTITY.format(source=SOURCE), encoding="utf-8")
    for event in (HANDOVER, RAID):
        data = event.format(source=SOURCE)
        (root / "events" / f"{data.split('id: ')[1].split()[0]}.yml").write_text(data, encoding="utf-8")

    result = validate(root)
    assert [str(p) for p in result.problems] == []
    assert result.dataset is not None
    assert {"2024-02-13-example-ford-handover", "2024-01-example-ford-raid"} <= {
        e.id for e in result.dataset.events
    }
    assert ids_with_unsupported_dates(result.dataset) == []

    site = tmp_path / "site"
    done = mkdocs_build(root, site)
    assert done.returncode == 0, done.stderr
    assert unreachable_events(result.dataset, site) == {}
