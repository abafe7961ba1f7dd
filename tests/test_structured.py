"""Structured data: JSON-LD text is plain text, and nothing in it can close its script."""

from __future__ import annotations

import json

from conftest import real_dataset
from timeline.data.model import Entity
from timeline.site.info import SiteInfo
from timeline.site.structured import entity_ld, json_ld, timeline_ld


def test_descriptions_are_plain_text_not_html_entities():
    entity = Entity("e", "entities/e.yml", "E", "group", "Fewer *than* 5 < 6 & 7 > 3.", (), (), ())
    assert entity_ld(entity)["description"] == "Fewer than 5 < 6 & 7 > 3."


def test_no_text_can_close_the_script_block():
    block = json_ld({"description": "</script><script>alert(1)</script><!--"})
    assert block.count("</script>") == 1
    assert json.loads(
        block.split("\n", 1)[1].rsplit("\n", 1)[0].replace("<\\/", "</").replace("<\\!--", "<!--")
    )


def test_the_timeline_lists_every_event_with_its_permalink_when_the_address_is_known():
    data = real_dataset()
    ld = timeline_ld(data, SiteInfo(site_url="https://example.org/t/"))
    assert [i["item"]["name"] for i in ld["itemListElement"]] == [e.title for e in data.events]
    assert ld["itemListElement"][0]["item"]["url"] == f"https://example.org/t/events/{data.events[0].id}/"
