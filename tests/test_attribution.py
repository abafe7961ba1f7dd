"""Who gave a figure: reported_by names whom the sentence of its quote says spoke."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import FIXTURES, run_cli
from timeline.data.quotes import Archive
from timeline.rules.attribution import Names, Speaker, sentence_of, speakers

EVENT = (FIXTURES / "base" / "events" / "handover.yml").read_text()
ENTITY = (FIXTURES / "base" / "entities" / "cctv.yml").read_text()
FIGURE_QUOTE = (
    "quote: a total of 41,000 telecommunications internet fraud suspects were handed over to us in 2023"
)


def warnings(root: Path) -> list[str]:
    code, out = run_cli("--root", str(root))
    assert code == 0
    return [line for line in out.splitlines() if ": warning: " in line]


@pytest.mark.parametrize(
    ("sentence", "who"),
    [
        ("Myanmar has handed over 31,000 suspects, Chinese officials said Tuesday.", ["Chinese officials"]),
        ('"A total of 41,000 were handed over to us," said CCTV, without details.', ["CCTV"]),
        (
            "Those arrested include 63 ringleaders, according to the Ministry of Public Security.",
            ["the Ministry of Public Security"],
        ),
        ("In November, Myanmar's junta said it had arrested two ringleaders.", ["Myanmar's junta"]),
        (
            "Chinese state media has reported that 100,000 people are engaged in fraud.",
            ["Chinese state media has"],
        ),
        ("The film has earned more than 3 billion yuan.", []),
        ("It said 100,000 people work in the compounds.", []),  # a pronoun names no one
    ],
)
def test_the_speakers_of_a_sentence_are_the_words_that_say_who_spoke(sentence: str, who: list[str]):
    assert [s.words for s in speakers(sentence)] == who


def test_a_speaker_names_the_entity_whose_name_or_alias_is_the_longest_in_its_words():
    names = Names.of(
        {
            "china": ("China",),
            "ministry": ("China's Ministry of Public Security", "Ministry of Public Security"),
            "officials": ("Chinese officials",),
        }
    )
    said = Speaker("the Ministry of Public Security of the People's Republic of China")
    assert said.named(names) == {"ministry"}
    assert Speaker("Chinese officials").named(names) == {"officials"}
    assert Speaker("Chinese authorities").named(names) == set()  # "China" is not a word of it


def test_the_sentence_of_a_quote_runs_from_the_sentence_it_starts_in_to_the_one_it_ends_in():
    archive = Archive.of("First one. Myanmar handed over 31,000 suspects, officials said. Next one.\n")
    assert sentence_of(archive, "handed over 31,000 suspects") == (
        "Myanmar handed over 31,000 suspects, officials said."
    )
    assert sentence_of(archive, "not in the text") is None


def test_a_reporter_named_by_an_alias_of_the_speaker_is_accepted(project: Path):
    """'Beijing state media said Friday': an entity whose alias is that name may give the
    figure; CCTV, which the article does not say is the same, may not."""
    (project / "events" / "handover.yml").write_text(
        EVENT.replace(
            FIGURE_QUOTE,
            "quote: More than 40,000 people suspected of taking part in cyber scams in Myanmar",
        )
        .replace("value: 41000", "value: 40000")
        .replace("qualifier: exactly", "qualifier: more-than")
    )
    assert warnings(project) == [
        "events/handover.yml:16:18: warning: the article says 'Beijing state media' gave this number, not "
        "'cctv' (by its name or an alias); set reported_by to an entity of that name, or add the name to "
        "the aliases of the entity that is the same [reporter-not-speaker]"
    ]
    (project / "entities" / "cctv.yml").write_text(
        ENTITY.replace("aliases: [China Central Television]", "aliases: [Beijing state media]")
    )
    assert warnings(project) == []


def test_the_speaker_is_read_in_the_quote_s_own_sentence(project: Path):
    """The United Nations' estimate is the United Nations', whoever speaks elsewhere."""
    (project / "events" / "handover.yml").write_text(
        EVENT.replace(
            FIGURE_QUOTE,
            "quote: at least 120,000 people could be trapped in scam compounds in Myanmar",
        )
        .replace("value: 41000", "value: 120000")
        .replace("qualifier: exactly", "qualifier: at-least\n    hedge: could be")
    )
    assert warnings(project) == [
        "events/handover.yml:17:18: warning: the article says 'The United Nations' gave this number, not "
        "'cctv' (by its name or an alias); set reported_by to an entity of that name, or add the name to "
        "the aliases of the entity that is the same [reporter-not-speaker]"
    ]


_WORDS = st.sampled_from(["China", "china's", "Ministry", "of", "Public", "Security", "the", "U.S.", "É"])


@given(
    words=st.lists(_WORDS, min_size=1, max_size=8),
    names=st.dictionaries(
        st.sampled_from(["a", "b", "c", "d"]),
        st.lists(st.lists(_WORDS, min_size=1, max_size=3).map(" ".join), min_size=1, max_size=3).map(tuple),
    ),
)
def test_looking_up_runs_of_words_names_whom_reading_every_name_against_them_names(words, names):
    """The lookup is the plain reading, made fast: a name is in the speaker's words when it
    is found there between spaces."""
    said = f" {' '.join(words).lower()} "
    length = {
        id_: max((len(n) for n in given if f" {n.lower()} " in said), default=0)
        for id_, given in names.items()
    }
    longest = max(length.values(), default=0)
    assert Speaker(" ".join(words)).named(Names.of(names)) == {
        i for i, n in length.items() if n == longest > 0
    }
