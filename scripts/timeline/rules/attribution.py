"""Who gave a figure: its reported_by is whom the sentence around its quote says spoke
("Chinese officials said Tuesday", "said a China spokesperson", "according to CCTV"),
named by an entity's name or one of its aliases, so that the site never puts a number in
the mouth of someone the article does not name."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from ..data.problems import Example, Problem, Rule, shown
from ..data.quotes import Archive, normalise
from ..data.records import ENTITY, EVENT, Record, values_at

REPORTER_NOT_SPEAKER = Rule(
    "reporter-not-speaker",
    "warning",
    "a figure's reported_by is whom the sentence of its quote says spoke ('X said', 'said X', "
    "'according to X'), by its name or an alias (checked once every file is right)",
    "name in reported_by the entity the article says spoke; an alias says two names are one",
    fails=(
        Example("fabricated/reporter-not-the-speaker"),
        Example("fabricated/reporter-not-the-speaker-said-after"),
    ),
)

# A sentence ends at . ! or ? and the closing quotation marks or brackets after it.
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+")
_VERB = r"(?:said|says|reported|announced|stated)"
# Who spoke: the clause before the verb ("…, Chinese officials said Tuesday"), the words
# after a verb that opens a clause ("…,” said a China spokesperson") or after "according to".
_SPEAKERS = (
    re.compile(rf"(?:^|[,;:\"“”]\s*)(?P<who>[^,;:\"“”]+?)\s+{_VERB}\b", re.IGNORECASE),
    re.compile(rf"[,\"“”]\s*{_VERB}\s+(?P<who>[^,;:.\"“”]+)", re.IGNORECASE),
    re.compile(r"\baccording to\s+(?P<who>[^,;:.\"“”]+)", re.IGNORECASE),
)
# A clause before the verb that is no name: a pronoun, or one that says what, not who.
_NOT_A_NAME = re.compile(r"^(?:he|she|it|they|we|i|you|who|which|that|this)$", re.IGNORECASE)
# A longer clause is what the sentence is about, not who spoke ("the Ministry of Public
# Security of the People's Republic of China" is 11 words).
MAX_SPEAKER_WORDS = 12


@dataclass(frozen=True)
class Speaker:
    """Who a sentence says spoke, as it words it."""

    words: str

    def named(self, names: Names) -> set[str]:
        """The entities these words name: of those whose name or an alias is in them, the
        ones with the longest ("the Ministry of Public Security of the People's Republic of
        China" names the ministry, not China). A name is in them when it is a run of their
        words: each run is looked up, rather than every entity's names read against them."""
        words = self.words.lower().split(" ")
        runs = {" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)}
        length: dict[str, int] = {}
        for run in runs:
            for id_, n in names.by_name.get(run, ()):
                length[id_] = max(length.get(id_, 0), n)
        longest = max(length.values(), default=0)
        return {id_ for id_, n in length.items() if n == longest > 0}


@dataclass(frozen=True)
class Names:
    """Every entity's names and aliases, lowercased, each with the entities it names and its
    length as written: looked up by a speaker's words once per build, not per speaker."""

    by_name: Mapping[str, tuple[tuple[str, int], ...]]

    @classmethod
    def of(cls, names: Mapping[str, tuple[str, ...]]) -> Names:
        by_name: dict[str, list[tuple[str, int]]] = {}
        for id_, given in names.items():
            for n in given:
                by_name.setdefault(n.lower(), []).append((id_, len(n)))
        return cls({name: tuple(ids) for name, ids in by_name.items()})


def speakers(sentence: str) -> list[Speaker]:
    """Every speaker a sentence names, in the order written."""
    found: list[tuple[int, Speaker]] = []
    for pattern in _SPEAKERS:
        for match in pattern.finditer(sentence):
            who = " ".join(match.group("who").split())
            if who and len(who.split()) <= MAX_SPEAKER_WORDS and not _NOT_A_NAME.match(who):
                found.append((match.start("who"), Speaker(who)))
    return [speaker for _, speaker in sorted(found, key=lambda pair: pair[0])]


def sentence_of(archive: Archive, quote: str) -> str | None:
    """The sentence (or sentences) of the archived text that the quote lies in, normalised."""
    place = archive.locate(quote)
    if place is None:
        return None
    first = place.text.rfind("\n", 0, place.start) + 1
    last = place.text.find("\n", place.end)
    line_end = len(place.text) if last == -1 else last
    starts = [m.end() for m in _SENTENCE_END.finditer(place.text, first, place.start)]
    after = _SENTENCE_END.search(place.text, place.end, line_end)
    return normalise(place.text[starts[-1] if starts else first : after.start() + 1 if after else line_end])


def entity_names(records: list[Record]) -> dict[str, tuple[str, ...]]:
    """Each entity's name and aliases, by id."""
    names: dict[str, tuple[str, ...]] = {}
    for record in records:
        if record.kind is ENTITY and isinstance(record.id, str):
            given = [record.data.get("name"), *(a for _, a in values_at(record.data, "aliases.*"))]
            names[record.id] = tuple(normalise(n) for n in given if isinstance(n, str) and n.strip())
    return names


def _speakers_of(archives: Mapping[str, Archive], source: str, quote: str) -> list[Speaker]:
    """The speakers of the sentence a quote lies in; none when it is not found."""
    archive = archives.get(source)
    sentence = sentence_of(archive, quote) if archive else None
    return speakers(sentence) if sentence is not None else []


def check_reporters(records: list[Record], archives: Mapping[str, Archive]) -> Iterator[Problem]:
    """Each figure's reported_by against the speakers of its quote's sentence; a sentence
    that names none leaves it alone (the article may say who spoke in another one). Run
    only on data with no errors, where every quote is found and every reported_by is an
    entity. A figure without reported_by is the article's own number: see CONTRIBUTING."""
    names = Names.of(entity_names(records))
    heard: dict[tuple[str, str], list[Speaker]] = {}  # a passage's speakers, read once per run
    for record in (r for r in records if r.kind is EVENT):
        for (_, i), figure in values_at(record.data, "figures.*", dict):
            passage = (str(figure.get("source")), str(figure.get("quote")))
            if passage not in heard:
                heard[passage] = _speakers_of(archives, *passage)
            said, reporter = heard[passage], figure.get("reported_by")
            if isinstance(reporter, str) and said and not any(reporter in s.named(names) for s in said):
                yield record.doc.problem(
                    ("figures", i, "reported_by"),
                    REPORTER_NOT_SPEAKER,
                    f"the article says '{shown(said[0].words)}' gave this number, not '{reporter}' "
                    f"(by its name or an alias); set reported_by to {_who(said[0], names)}",
                )


def _who(speaker: Speaker, names: Names) -> str:
    """The entity to name in reported_by: one the speaker's words name, or a new one."""
    known = sorted(speaker.named(names))
    if known:
        return f"'{known[0]}'" + (f" (or {', '.join(repr(k) for k in known[1:])})" if known[1:] else "")
    return "an entity of that name, or add the name to the aliases of the entity that is the same"
