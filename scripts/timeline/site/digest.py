"""What an entity's page adds below its events: the reports that may describe one incident,
a topic's figures and disagreements in brief, and the pages before and after it in its
index's order. Views only, built by pure functions like those in views.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..data.model import Entity, Event, Figure
from ..data.paths import ENTITIES_INDEX, entity_page, link
from ..data.vocabulary import TOPIC, measure_label
from .listings import MeasureView, kind_groups, ranked_measures, storyline_topics
from .views import (
    Context,
    DisagreementView,
    EventRef,
    LinkView,
    around,
    disagreement_view,
    event_ref,
    figure_view,
)


@dataclass(frozen=True)
class PairNote:
    """Why two reports of a group are linked: their numbers in the group (from 1), the note."""

    first: int
    second: int
    note: str


@dataclass(frozen=True)
class ReportGroup:
    """Events linked as related reports: separate events, perhaps one incident."""

    events: tuple[EventRef, ...]
    notes: tuple[PairNote, ...]


@dataclass(frozen=True)
class TopicDigest:
    """A topic's figures by what they count, and where its articles disagree."""

    measures: tuple[MeasureView, ...]
    disagreements: tuple[DisagreementView, ...]


@dataclass(frozen=True)
class Neighbours:
    """The pages before and after an entity's, in story order; `label` names the sequence."""

    label: str
    previous: LinkView | None
    next: LinkView | None


def report_groups(ctx: Context, page: str, events: Iterable[Event]) -> tuple[ReportGroup, ...]:
    """Each set of related reports that touches `events`, with every member, in timeline order."""
    groups: list[ReportGroup] = []
    seen: set[str] = set()
    for event in events:
        if event.id in seen or not event.related_reports:
            continue
        members = _linked(ctx, event)
        seen |= members
        ordered = sorted(members, key=ctx.data.position.__getitem__)
        number = {m: n for n, m in enumerate(ordered, start=1)}
        pairs = (
            PairNote(min(number[m], number[r.event]), max(number[m], number[r.event]), r.note)
            for m in ordered
            for r in ctx.data.event(m).related_reports
        )
        notes = sorted(dict.fromkeys(pairs), key=lambda p: (p.first, p.second))
        refs = tuple(event_ref(ctx, page, ctx.data.event(m)) for m in ordered)
        groups.append(ReportGroup(refs, tuple(notes)))
    return tuple(groups)


def _linked(ctx: Context, start: Event) -> set[str]:
    """Every event reachable from start through related reports (links go both ways)."""
    found, todo = {start.id}, [start]
    while todo:
        for report in todo.pop().related_reports:
            if report.event not in found:
                found.add(report.event)
                todo.append(ctx.data.event(report.event))
    return found


def topic_digest(ctx: Context, page: str, events: Sequence[Event]) -> TopicDigest:
    """Every figure and disagreement of a topic's events (those its page lists, so that
    the digest grows with the page, not with the topic): the most reported measures first."""
    by_measure: dict[str, list[Figure]] = {}
    for event in events:
        for figure in event.figures:
            by_measure.setdefault(figure.measure, []).append(figure)
    return TopicDigest(
        measures=tuple(
            MeasureView(measure_label(m), tuple(figure_view(ctx, page, f) for f in figures))
            for m, figures in ranked_measures(by_measure)
        ),
        disagreements=tuple(disagreement_view(ctx, page, e, d) for e in events for d in e.disagreements),
    )


def story_order(ctx: Context) -> tuple[Entity, ...]:
    """Every entity in the order its index shows it: topics in the home page's storyline
    order, then any others; then the other entities by kind and name (listings.kind_groups).
    Previous and next on an entity's page follow it, so a reader walks the index."""
    topics = storyline_topics(ctx, ctx.site.storylines)
    others = [e for e in ctx.data.entities.values() if e.kind != TOPIC]
    return (*topics, *(e for group in kind_groups(ctx, ENTITIES_INDEX, others) for e in group.entities))


_SEQUENCE = {
    True: "Topics in story order",
    False: "People, organisations and places, in the order of their index",
}


def neighbours(order: Iterable[Entity]) -> dict[str, Neighbours]:
    """Each entity's previous and next page in story order: topics among topics, the
    other entities among themselves."""
    order = tuple(order)
    found: dict[str, Neighbours] = {}
    for is_topic in (True, False):
        same = [e for e in order if (e.kind == TOPIC) == is_topic]
        for at, entity in enumerate(same):
            page = entity_page(entity.id, entity.kind)
            previous, following = (
                LinkView(e.name, link(page, entity_page(e.id, e.kind))) if e else None
                for e in around(same, at)
            )
            found[entity.id] = Neighbours(_SEQUENCE[is_topic], previous, following)
    return found
