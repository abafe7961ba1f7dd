"""The preview makes again only the parts of the site an edit touches, and what it makes is
what making every part makes."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest

from conftest import real_dataset
from timeline.data.model import Dataset, Event
from timeline.site import remake as remaking
from timeline.site.info import SiteInfo
from timeline.site.parts import page_parts
from timeline.site.remake import Memory, edited_events, remake
from timeline.site.views import Context

DATA = real_dataset()
SITE = SiteInfo(events_per_page=10, share_cards=False)  # a timeline in periods, as at scale
WORD = "Zanzibarish"  # a word no page has


def made(data: Dataset, last: Memory | None = None) -> tuple[dict[str, str | bytes], Memory]:
    ctx = Context.of(data, SITE)
    outputs, memory = remake(ctx, page_parts(ctx), last)
    return {o.path: o.content for o in outputs}, memory


def edit(at: int, change: Callable[[Event], Event]) -> Dataset:
    events = list(DATA.events)
    events[at] = change(events[at])
    return dataclasses.replace(DATA, events=tuple(events))


def retitle(e: Event) -> Event:
    return dataclasses.replace(e, title=f"{WORD} {e.title}")


def resummarise(e: Event) -> Event:
    return dataclasses.replace(e, summary=f"{e.summary} {WORD}.")


def requote(e: Event) -> Event:
    first, *others = e.citations
    return dataclasses.replace(e, citations=(dataclasses.replace(first, quote=WORD), *others))


def redate(e: Event) -> Event:
    return dataclasses.replace(e, date=DATA.events[-1].date)


AT = next(n for n, e in enumerate(DATA.events) if not e.key and n > 0)  # not a turning point


@pytest.mark.parametrize("change", [retitle, resummarise, requote])
def test_an_edit_of_an_events_words_makes_again_only_the_parts_that_show_it(change: Callable[[Event], Event]):
    _, first = made(DATA)
    edited = edit(AT, change)
    kept, memory = made(edited, first)
    fresh, _ = made(edited)
    assert kept == fresh  # byte for byte what making every part makes
    again = {name for name, part in memory.parts.items() if part is not first.parts[name]}
    event = DATA.events[AT]
    assert f"events/{event.id}" in again
    assert len(again) < len(memory.parts) / 4, sorted(again)
    every = {p.name for p in page_parts(Context.of(edited, SITE)) if p.every_event}
    for name in again - every - {f"events/{event.id}"}:
        assert event.id in memory.parts[name].links, f"{name} was made again, yet does not link the event"


def test_an_edit_that_can_move_an_event_makes_every_part_again():
    _, first = made(DATA)
    kept, memory = made(edit(AT, redate), first)
    assert not any(part is first.parts.get(name) for name, part in memory.parts.items())
    assert kept == made(edit(AT, redate))[0]


def test_which_events_were_edited_is_known_only_when_nothing_else_changed():
    before = Context.of(DATA, SITE)
    assert edited_events(before, Context.of(DATA, SITE)) == frozenset()
    assert edited_events(before, Context.of(edit(AT, retitle), SITE)) == {DATA.events[AT].id}
    assert edited_events(before, Context.of(edit(AT, redate), SITE)) is None
    assert edited_events(before, Context.of(DATA, dataclasses.replace(SITE, name=WORD))) is None
    key = next(n for n, e in enumerate(DATA.events) if e.key)  # its title labels charts
    assert edited_events(before, Context.of(edit(key, retitle), SITE)) is None


def test_the_preview_makes_its_parts_in_its_own_process(monkeypatch: pytest.MonkeyPatch):
    """A save reuses what the last build left in the process's caches (every summary
    rendered, for the feed), which parts made in worker processes would not leave."""
    asked: list[bool] = []
    mapped = remaking.mapped
    monkeypatch.setattr(remaking, "mapped", lambda f, items, spread: asked.append(spread) or mapped(f, items))
    ctx = Context.of(DATA, SITE)
    remake(ctx, page_parts(ctx), None)
    remake(ctx, page_parts(ctx), None, preview=True)
    assert asked == [True, False]
