"""Editorial rules in the validator: errors for the hard ones, warnings for the soft ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, run_cli
from timeline.data.lookalike import looks

EVENT = (FIXTURES / "base" / "events" / "handover.yml").read_text()
ENTITY = (FIXTURES / "base" / "entities" / "cctv.yml").read_text()
SOURCE = (FIXTURES / "base" / "sources" / "tribune.yml").read_text()


def problems(root: Path) -> tuple[int, list[str]]:
    code, out = run_cli("--root", str(root))
    return code, [line for line in out.splitlines() if ": error: " in line or ": warning: " in line]


def test_the_base_fixture_breaks_no_rule(project: Path):
    assert problems(project) == (0, [])


def test_our_words_never_call_anyone_a_criminal_but_quotes_may(project: Path):
    text = EVENT.replace("CCTV said 41,000 suspects", "CCTV said 41,000 criminals")
    text = text.replace("title: CCTV says 41,000 suspects", "title: CCTV says 41,000 criminals")
    (project / "events" / "handover.yml").write_text(text)
    message = "in our own words prejudges guilt; say 'suspects', or quote who says it [loaded-word]"
    assert problems(project) == (
        1,
        [
            f"events/handover.yml:3:8: error: 'criminals' {message}",
            f"events/handover.yml:6:10: error: 'criminals' {message}",
        ],
    )


def test_a_related_reports_note_is_in_our_own_words_and_follows_their_rules(project: Path):
    link = "related_reports:\n  - event: ringleaders\n    note: Both name the criminals behind it.\n"
    (project / "events" / "handover.yml").write_text(EVENT + link)
    code, lines = problems(project)
    assert code == 1
    assert [line.split(": error: ")[1].split(" ")[0] for line in lines] == ["'criminals'"]
    assert lines[0].startswith("events/handover.yml:") and lines[0].endswith("[loaded-word]")


def test_a_private_name_listed_by_a_source_is_refused_in_our_words_and_in_quotes(project: Path):
    (project / "sources" / "tribune.yml").write_text(
        SOURCE.replace("notes:", "private_names: [CCTV]\nnotes:")
    )
    code, lines = problems(project)
    assert code == 1
    assert lines[0] == (
        "entities/cctv.yml:2:5: error: 'CCTV' is a private individual (sources/tribune.yml lists the "
        "name); leave the name out, in our words and in quotes [private-name]"
    )
    assert {line.split(": error: ")[0] for line in lines} == {
        "events/handover.yml:3:8",  # title
        "events/handover.yml:6:10",  # summary
        "events/handover.yml:21:12",  # the citation's quote
        "entities/cctv.yml:2:5",  # the entity's id, shown in its page's address
        "entities/cctv.yml:3:7",  # the entity's name
        "entities/cctv.yml:10:12",  # its quote
    }
    assert all(line.endswith("[private-name]") for line in lines)


def test_an_entity_no_event_involves_is_a_warning(project: Path):
    (project / "entities" / "unused.yml").write_text(
        ENTITY.replace("id: cctv", "id: unused").replace("name: CCTV", "name: Nobody")
    )
    assert problems(project) == (
        0,
        [
            "entities/unused.yml:2:5: warning: no event involves 'unused'; list it in an event's entities, "
            "or remove it [unused-entity]"
        ],
    )


def test_a_storyline_with_fewer_than_three_events_is_a_warning(project: Path):
    topic = (project / "entities" / "crackdown.yml").read_text()
    (project / "entities" / "small.yml").write_text(
        topic.replace("id: crackdown", "id: small").replace("name: ", "name: Small ")
    )
    code, lines = problems(project)
    assert code == 0
    assert lines == [
        "entities/small.yml:4:7: warning: the storyline 'small' has 0 event(s), fewer than 3; add its "
        "events, or make it an entity of another kind [small-topic]"
    ]


def test_a_summary_that_attributes_nothing_is_a_warning(project: Path):
    text = EVENT.replace("China's state broadcaster CCTV said 41,000", "Altogether 41,000")
    (project / "events" / "handover.yml").write_text(text)
    assert problems(project)[1] == [
        "events/handover.yml:6:10: warning: the summary attributes nothing to anyone; say who reports or "
        "says it ('..., the Daily Tribune reports') [unattributed]"
    ]


def test_warnings_print_as_github_warning_annotations(project: Path):
    text = EVENT.replace("China's state broadcaster CCTV said 41,000", "Altogether 41,000")
    (project / "events" / "handover.yml").write_text(text)
    code, out = run_cli("--root", str(project), "--format", "github")
    assert code == 0
    assert out.splitlines()[0].startswith(
        "::warning file=events/handover.yml,line=6,col=10,title=unattributed::"
    )
    assert out.splitlines()[-1] == "7 files checked, 0 errors, 1 warning"


def test_a_private_name_is_found_as_a_whole_word_of_the_text_as_it_looks(project: Path):
    """'Chen' in any case, accents or script is refused, with its possessive; 'Cheng' and
    'Chenab' are other words, not the name."""
    (project / "sources" / "tribune.yml").write_text(
        SOURCE.replace("notes:", "private_names: [Chen]\nnotes:")
    )
    said = "China's state broadcaster CCTV said 41,000"
    for written, refused in [
        ("Chén's", True),
        ("ＣＨＥＮ", True),
        ("Ϲhen", True),  # Greek lunate sigma, whose compatibility form is a sigma
        ("ᑕhen", True),
        ("Сhеп", True),
        ("[Ch](#top)en", True),
        ("Ch![](x.png)en", True),
        ("Cheng", False),
        ("Ϲheng", False),
        ("Chenab", False),
    ]:
        (project / "events" / "handover.yml").write_text(EVENT.replace(said, f"{written} says {said}"))
        code, lines = problems(project)
        assert (code, [line.split(": error: ")[0] for line in lines]) == (
            (1, ["events/handover.yml:6:10"]) if refused else (0, [])
        ), written


@pytest.mark.parametrize(
    "disguise",
    ["Chen", "CHEN", "Ϲhen", "ϲhen", "Сhen", "ᑕhen", "Сhеп", "Ｃｈｅｎ", "𝐂𝐡𝐞𝐧", "C\u200bhén", "CΗEN"],
)
def test_every_disguise_of_a_name_folds_as_the_name_does(disguise: str):
    assert looks(disguise) == looks("Chen") != looks("Cheng")


def test_a_capital_look_alike_folds_as_the_capital_it_looks_like():
    """Greek 'Ι' and Cyrillic 'І' look like 'I', not like the 'l' that Unicode's data gives
    as the prototype of both; Cyrillic 'М' is 'M', not the 'rn' that 'm' looks like."""
    assert looks("ΙVAN") == looks("Іvan") == looks("Ivan") == "ivan"
    assert looks("МАМА") == looks("Mama") == "mama"


def test_a_summary_markdown_would_take_long_over_is_not_rendered_to_look_for_names(project: Path):
    """Its schema error stands; the name is looked for once the summary can be rendered."""
    (project / "sources" / "tribune.yml").write_text(
        SOURCE.replace("notes:", "private_names: [Chen]\nnotes:")
    )
    said = "China's state broadcaster CCTV said 41,000"
    (project / "events" / "handover.yml").write_text(EVENT.replace(said, "[" * 51 + f"Chen says {said}"))
    code, lines = problems(project)
    assert (code, [line.rsplit(" [", 1)[1] for line in lines]) == (1, ["markdown-brackets]"])


def test_a_summary_of_forty_words_passes_and_one_of_forty_one_is_an_error(project: Path):
    """Words are counted as a reader sees them: a link's address and emphasis marks are not
    words, and neither is a line break."""
    said = "China's state broadcaster CCTV said 41,000 suspects were handed over in 2023."
    forty = f"**{said}**\n  [More]( https://example.org/a b ) " + " ".join(["word"] * 27)  # 12 + 1 + 27
    handover = project / "events" / "handover.yml"
    handover.write_text(EVENT.replace(said, forty))
    assert problems(project) == (0, [])
    handover.write_text(EVENT.replace(said, forty + " word"))
    assert problems(project) == (
        1,
        [
            "events/handover.yml:6:10: error: the summary has 41 words, more than 40; keep what "
            "happened and who says so, and move the rest into `details` [summary-too-long]"
        ],
    )


def test_details_are_our_own_words_and_follow_their_rules(project: Path):
    details = "details: >-\n  The Tribune calls them 41 million criminals.\n"
    (project / "events" / "handover.yml").write_text(EVENT.replace("topics:", details + "topics:"))
    code, lines = problems(project)
    assert code == 1
    assert [line.split(": error: ")[0] for line in lines] == ["events/handover.yml:8:10"] * 2
    assert sorted(line.rsplit(" [", 1)[1] for line in lines) == ["loaded-word]", "number-not-in-quotes]"]


def test_a_day_in_notation_is_a_warning_in_prose_but_not_in_a_date_basis_or_a_link_address(
    project: Path,
):
    said = "China's state broadcaster CCTV said 41,000 suspects"
    linked = f"{said}, [as on 5 January 2024](../events/2024-01-05-cctv/),"
    (project / "events" / "handover.yml").write_text(EVENT.replace(said, linked))
    assert problems(project) == (0, [])  # the base's date basis says "an article of 2024-01-05"
    role = "kind: organisation\nrole: A broadcaster that spoke on 2024-02-30\n"
    (project / "entities" / "cctv.yml").write_text(ENTITY.replace("kind: organisation\n", role))
    details = "details: >-\n  CCTV said so on 2024-01-05.\n"
    (project / "events" / "handover.yml").write_text(EVENT.replace("topics:", details + "topics:"))
    assert problems(project) == (
        0,
        [
            "entities/cctv.yml:5:7: warning: '2024-02-30' is a date as the data writes it; write the "
            "day out as readers do, e.g. '5 January 2024' [iso-date-in-prose]",
            "events/handover.yml:8:10: warning: '2024-01-05' is a date as the data writes it; write it "
            "as readers do: '5 January 2024' [iso-date-in-prose]",
        ],
    )


def test_a_day_written_with_character_references_is_read_as_a_reader_reads_it(project: Path):
    """A field is rendered only when it has the eight digits a day takes; a digit written as
    a character reference is still counted, since the reference holds digits itself."""
    details = "details: >-\n  CCTV said so on &#50;024-01-&#x30;5.\n"
    (project / "events" / "handover.yml").write_text(EVENT.replace("topics:", details + "topics:"))
    assert problems(project) == (
        0,
        [
            "events/handover.yml:8:10: warning: '2024-01-05' is a date as the data writes it; write it "
            "as readers do: '5 January 2024' [iso-date-in-prose]",
        ],
    )
