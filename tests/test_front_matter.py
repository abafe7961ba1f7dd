"""Generated pages' front matter: whatever a name, a summary or a title holds, YAML reads
the page's title and description back exactly. A value YAML refuses (an emoji written as
JSON's surrogate pair) would make MkDocs render the front matter as Markdown instead."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import copy_site_sources, mkdocs_build, real_dataset
from timeline.data.markup import head_text, yaml_quoted
from timeline.site.info import SiteInfo
from timeline.site.parts import render_pages
from timeline.site.views import Context

DATA = real_dataset()
PERSON, TOPIC, SOURCE = "ming-xuechang", "crackdown", "scmp-2023-08-23-chiang-mai-cooperation"
PIECES = ["🙂", "𠀀", "\u2028", "\u2029", "\x85", "\x7f", "\ufeff", "\t", "\n", "---", "...", "#", "{:",
          ": ", '"', "'", "\\", "&", "<b>", "[x](https://evil.example){: onfocus=x }", "- ", "*",
          "!!python"]  # fmt: skip
PIECE = st.one_of(st.text(max_size=8), st.sampled_from(PIECES))
TEXTS = st.lists(PIECE, min_size=1, max_size=12).map("".join)


def front_matter(content: str) -> dict[str, str]:
    """What MkDocs reads: the block between the first two '---' lines, by libyaml."""
    block = content.split("---\n")[1]
    meta = yaml.load(block, yaml.CSafeLoader)
    assert meta == yaml.safe_load(block)
    assert isinstance(meta, dict)
    return meta


@given(text=TEXTS)
def test_yaml_reads_back_exactly_what_was_written(text: str):
    assert yaml.load(f"title: {yaml_quoted(text)}\n", yaml.CSafeLoader) == {"title": text}


@settings(max_examples=20, deadline=None)
@given(text=TEXTS)
def test_every_page_s_front_matter_reads_back_as_its_title_and_description(text: str):
    entities = dict(DATA.entities)
    for entity_id in (PERSON, TOPIC):
        entities[entity_id] = dataclasses.replace(entities[entity_id], name=text, summary=text)
    sources = dict(DATA.sources)
    sources[SOURCE] = dataclasses.replace(sources[SOURCE], title=text)
    data = dataclasses.replace(DATA, entities=entities, sources=sources)
    outputs = render_pages(Context.of(data, SiteInfo()))
    pages = {page.path: front_matter(page.content) for page in outputs if page.path.endswith(".md")}
    assert pages[f"entities/{PERSON}.md"] == {"title": head_text(text), "description": head_text(text, 160)}
    assert pages[f"topics/{TOPIC}.md"]["title"] == head_text(text)
    assert pages[f"sources/{SOURCE}.md"]["title"] == head_text(text)


@pytest.mark.build
def test_an_emoji_in_a_name_and_summary_leaves_the_front_matter_out_of_the_page(tmp_path: Path):
    project = copy_site_sources(tmp_path / "project")
    record = project / "entities" / f"{PERSON}.yml"
    hostile = "Ming Xuechang 🙂 [profile](https://evil.example/x){: tabindex=x autofocus=x onfocus=alert(x) }"
    text = record.read_text(encoding="utf-8")
    text = text.replace('name: "Ming Xuechang"', f"name: {yaml_quoted(hostile)}")
    text = text.replace("summary: >-\n  ", "summary: >-\n  🙂 ", 1)
    assert hostile in text and "  🙂 Named by OCCRP" in text
    record.write_text(text, encoding="utf-8")
    assert mkdocs_build(project, tmp_path / "site").returncode == 0
    page = (tmp_path / "site" / "entities" / PERSON / "index.html").read_text(encoding="utf-8")
    body = page.split('<article class="md-content__inner md-typeset">', 1)[1]
    assert "title:" not in body and "description:" not in body
    for attribute in ('onfocus="', 'autofocus="', 'tabindex="x"', 'href="https://evil.example'):
        assert attribute not in page
    assert page.count('id="__config"') == 1  # the theme's own
    assert "<title>Ming Xuechang 🙂 [profile]" in page  # the name is the title, as text
