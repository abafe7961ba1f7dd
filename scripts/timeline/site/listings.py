"""The views of the pages that list records: the entities by kind, the sources and where
each is quoted, the measures with their figures, and the storylines.

Built like the event views in views.py, by pure functions of the page they are for.
"""

from __future__ import annotations

from collections import ChainMap, Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import groupby
from typing import TypeVar

from ..data.model import Entity, Event, Source
from ..data.paths import ENTITIES_INDEX, entity_page, event_page, link, source_page
from ..data.vocabulary import TOPIC, measure_label
from .views import Context, FigureView, LinkView, figure_view
from .wording import span


@dataclass(frozen=True)
class EntityRow:
    name: str
    link: str
    count: int
    summary: str
    role: str | None
    depth: int  # how many of its parents are listed above it, in its kind's group


@dataclass(frozen=True)
class KindGroup:
    kind: str
    label: str
    entities: tuple[Entity, ...]
    rows: tuple[EntityRow, ...]


@dataclass(frozen=True)
class SourceRow:
    title: str
    publisher: str
    published: str
    link: str
    count: int


@dataclass(frozen=True)
class QuotedIn:
    """Where a source is quoted: an event or an entity, and the passages taken from it."""

    title: str
    date: str | None
    link: str
    quotes: tuple[str, ...]


@dataclass(frozen=True)
class MeasureView:
    measure: str
    figures: tuple[FigureView, ...]


@dataclass(frozen=True)
class MeasureSummary:
    """A measure on the overview of a split figures page: how many reports, and where."""

    measure: str
    count: int
    link: str


@dataclass(frozen=True)
class FilterOption:
    """An option of the timeline's filters, with how many of the page's events it matches
    alone: the script recounts them with the other filters chosen."""

    value: str
    name: str
    count: int
    depth: int = 0  # how far it is indented under its parents
    covers: tuple[str, ...] = ()  # a parent: itself and every entity under it, which it finds


@dataclass(frozen=True)
class Filters:
    """What the filter form offers: the topics, the kinds of entity involved, the entities
    under the label of their kind, in the index's order."""

    topics: tuple[FilterOption, ...]
    kinds: tuple[FilterOption, ...]
    entity_groups: tuple[tuple[str, tuple[FilterOption, ...]], ...]
    left_out: int = 0  # the entities not offered: none of the page's events, or past ENTITY_OPTIONS
    cut: bool = False  # whether ENTITY_OPTIONS left out some that the page's events involve
    index: str = ""  # the entities index, from the page


@dataclass(frozen=True)
class StorylineView:
    name: str
    link: str
    span: str
    count: int
    summary: str


@dataclass(frozen=True)
class FilterTree:
    """What every page's filter form lists, whatever its events: the entities other than
    topics grouped as in their index, each parent with every id under it, and each id with
    the parents it is under (itself too, if a parent), so that a page's counts take one pass
    over its events."""

    groups: tuple[KindGroup, ...]
    under: dict[str, frozenset[str]]
    above: dict[str, frozenset[str]]


def filter_tree(ctx: Context) -> FilterTree:
    """Worked out once per build: each period's page has the same form, with its own counts."""
    others = [e for e in ctx.data.entities.values() if e.kind != TOPIC]
    under = descendants(ctx.data.entities.values())
    return FilterTree(kind_groups(ctx, ENTITIES_INDEX, others), under, ancestors(under))


def filters(ctx: Context, page: str, tree: FilterTree, events: Sequence[Event]) -> Filters:
    """The filter form's options, each with its count among `events` (the page's); a parent
    counts the events of the entities under it too."""
    entities = ctx.data.entities
    counts = Counter(x for e in events for x in {*e.topics, *e.entities})
    kinds = Counter(k for e in events for k in {entities[x].kind for x in e.entities})
    groups, under = tree.groups, tree.under
    above = tree.above
    found = Counter(p for e in events for p in {q for x in e.entities if x in above for q in above[x]})
    covered = {p: found[p] for p in under}
    everyone = [e for g in groups for e in g.entities]
    count = ChainMap(covered, counts).__getitem__  # a parent's count: the events under it too
    involved = [e for e in everyone if count(e.id)]
    listed = {e.id for e in most_involved(ctx, involved, count)}
    return Filters(
        tuple(FilterOption(e.id, e.name, counts[e.id]) for e in entities.values() if e.kind == TOPIC),
        tuple(FilterOption(g.kind, g.label, kinds[g.kind]) for g in groups),
        tuple(
            (g.label, options)
            for g in groups
            if (
                options := tuple(
                    FilterOption(
                        e.id,
                        e.name,
                        count(e.id),
                        row.depth,
                        tuple(sorted(under.get(e.id, ()))),
                    )
                    for e, row in zip(g.entities, g.rows, strict=True)
                    if e.id in listed
                )
            )
        ),
        len(everyone) - len(listed),
        not listed.issuperset(e.id for e in involved),
        link(page, ENTITIES_INDEX),
    )


ENTITY_OPTIONS = 300  # the longest "Involving" menu: past it, every timeline page would grow with the data


def most_involved(ctx: Context, involved: Sequence[Entity], count: Callable[[str], int]) -> list[Entity]:
    """The entities the "Involving" menu offers: those the page's events involve (one that
    none does would only be a disabled option, and on every page of a long timeline most
    would be), with the parents they sit under, and past ENTITY_OPTIONS those with the most
    (an entity's own page lists all of its events, so none is out of reach)."""
    chosen: dict[str, Entity] = {}
    for entity in sorted(involved, key=lambda e: (-count(e.id), e.name.lower(), e.id)):
        line = [e for e in _lineage(ctx, entity) if e.id not in chosen]
        if len(chosen) + len(line) > ENTITY_OPTIONS:
            break
        chosen |= {e.id: e for e in line}
    return list(chosen.values())


def descendants(entities: Iterable[Entity]) -> dict[str, frozenset[str]]:
    """Each parent's id with its own and every id under it, however deep (the checks let no
    parents make a cycle)."""
    children: dict[str, list[str]] = {}
    for e in entities:
        if e.parent:
            children.setdefault(e.parent, []).append(e.id)

    def below(entity_id: str) -> frozenset[str]:
        return frozenset({entity_id}).union(*(below(c) for c in children.get(entity_id, ())))

    return {p: below(p) for p in children}


def ancestors(under: Mapping[str, frozenset[str]]) -> dict[str, frozenset[str]]:
    """Each id under a parent with every parent it is under: `descendants` turned round."""
    above: dict[str, set[str]] = {}
    for parent, ids in under.items():
        for x in ids:
            above.setdefault(x, set()).add(parent)
    return {x: frozenset(parents) for x, parents in above.items()}


def _lineage(ctx: Context, entity: Entity) -> list[Entity]:
    """The entity's parents of its own kind, the furthest first, and the entity itself."""
    line = [entity]
    while (parent := ctx.data.entities.get(line[0].parent or "")) and parent.kind == entity.kind:
        line.insert(0, parent)
    return line


def kind_groups(ctx: Context, page: str, entities: Iterable[Entity]) -> tuple[KindGroup, ...]:
    """Entities grouped by kind, in the schema's order of kinds, each group by name, with an
    entity's children of its kind right after it."""
    order = ctx.data.vocabulary.entity_kinds
    ordered = sorted(
        entities, key=lambda e: (order.index(e.kind), [x.name.lower() for x in _lineage(ctx, e)])
    )
    return tuple(
        KindGroup(kind, ctx.data.vocabulary.kind_plural(kind), tuple(group), entity_rows(ctx, page, group))
        for kind, grouped in groupby(ordered, key=lambda e: e.kind)
        for group in [list(grouped)]
    )


def entity_rows(ctx: Context, page: str, entities: Iterable[Entity]) -> tuple[EntityRow, ...]:
    return tuple(
        EntityRow(
            e.name,
            link(page, entity_page(e.id, e.kind)),
            len(ctx.data.events_of(e.id)),
            e.summary,
            e.role,
            len(_lineage(ctx, e)) - 1,
        )
        for e in entities
    )


def families(ctx: Context, entities: Iterable[Entity]) -> list[tuple[Entity, ...]]:
    """The entities in their index's order, each with the entities of its kind under it: the
    entries a page of the index never splits, so that no child is listed without its parent."""
    found: list[tuple[Entity, ...]] = []
    for group in kind_groups(ctx, ENTITIES_INDEX, entities):
        for entity, row in zip(group.entities, group.rows, strict=True):
            if row.depth and found:
                found[-1] += (entity,)
            else:
                found.append((entity,))
    return found


def sources_by_date(ctx: Context) -> list[Source]:
    return sorted(ctx.data.sources.values(), key=lambda s: s.published.sort_key)


def source_rows(ctx: Context, page: str, by_date: Iterable[Source]) -> tuple[SourceRow, ...]:
    return tuple(
        SourceRow(
            s.title,
            s.publisher,
            s.published.display(),
            link(page, source_page(s.id)),
            len(ctx.data.events_by_source.get(s.id, ())),
        )
        for s in by_date
    )


def quoting(ctx: Context, source_id: str) -> tuple[Event | Entity, ...]:
    """The events that quote a source, in timeline order, then the entities whose
    descriptions do: the one list its pages share out."""
    return (*ctx.data.events_by_source.get(source_id, ()), *ctx.data.entities_by_source.get(source_id, ()))


def quoted_in(
    ctx: Context, page: str, source_id: str, records: Iterable[Event | Entity]
) -> tuple[tuple[QuotedIn, ...], tuple[QuotedIn, ...]]:
    """The events, then the entity descriptions, of `records` (some of quoting's), each
    linked to its own page with the passages it takes from the source."""
    events = tuple(
        QuotedIn(
            r.title,
            r.date.display(),
            link(page, event_page(r.id)),
            tuple(dict.fromkeys(c.quote for c in r.quotations(source_id))),
        )
        for r in records
        if isinstance(r, Event)
    )
    entities = tuple(
        QuotedIn(r.name, None, link(page, entity_page(r.id, r.kind)), quotes)
        for r in records
        if isinstance(r, Entity) and (quotes := tuple(c.quote for c in r.citations if c.source == source_id))
    )
    return events, entities


_Figures = TypeVar("_Figures", bound=Sequence[object])


def ranked_measures(by_measure: Mapping[str, _Figures]) -> list[tuple[str, _Figures]]:
    """Each measure with its figures, the most reported first, then by name: the one order of
    measures, for the whole site's figures and for a topic's."""
    return sorted(by_measure.items(), key=lambda item: (-len(item[1]), item[0]))


def figures_split(ctx: Context) -> bool:
    """Whether the figures page is split into a page per measure and pages of disagreements."""
    size = ctx.site.figures_per_page
    disagreements = sum(len(e.disagreements) for e in ctx.data.events)
    return sum(len(f) for f in ctx.data.figures_by_measure.values()) > size or disagreements > size


def measure_views(ctx: Context, page: str) -> tuple[MeasureView, ...]:
    """Every figure, by what it counts; the most reported measures first."""
    return tuple(
        MeasureView(measure_label(m), tuple(figure_view(ctx, page, f) for f in figures))
        for m, figures in ranked_measures(ctx.data.figures_by_measure)
    )


def headline_figures(ctx: Context, page: str, measures: Iterable[str]) -> tuple[MeasureView, ...]:
    """Every reported figure of each measure; the same number from the same reporter for
    the same event is listed once, with every article that reports it, never dropped."""
    views = []
    for measure in measures:
        merged: dict[tuple[object, ...], tuple[FigureView, list[LinkView]]] = {}
        for figure in ctx.data.figures_by_measure.get(measure, ()):
            key = (figure.value, figure.qualifier, figure.period, figure.reported_by, figure.event)
            view = figure_view(ctx, page, figure)
            merged.setdefault(key, (view, []))[1].append(LinkView(view.source, view.source_link))
        figures = tuple(replace(view, sources=tuple(sources)) for view, sources in merged.values())
        views.append(MeasureView(measure_label(measure), figures))
    return tuple(views)


def storyline_topics(ctx: Context, order: Iterable[str]) -> list[Entity]:
    """The topics named in order (the home page's storylines), then every other topic: the
    site's one story order. An id in order that is not a topic is left out: the validator
    reports it, and a storyline is a topic's."""
    entities = ctx.data.entities
    topics = [entities[t] for t in order if t in entities and entities[t].kind == TOPIC]
    return topics + [e for e in entities.values() if e.kind == TOPIC and e not in topics]


def storyline_views(ctx: Context, page: str, order: Iterable[str]) -> tuple[StorylineView, ...]:
    """A card for each topic, in story order (see storyline_topics)."""
    return tuple(
        StorylineView(
            topic.name,
            link(page, entity_page(topic.id, TOPIC)),
            span(ctx.data.events_by_topic.get(topic.id, ())),
            len(ctx.data.events_by_topic.get(topic.id, ())),
            topic.summary,
        )
        for topic in storyline_topics(ctx, order)
    )
