"""The built-in dialogue: the school leader's questions as seed 000 gives them, verbatim."""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs
import pytest

from ict_competence.dialogue import (
    Dialogue,
    KeyFigure,
    ReferenceKind,
    Topic,
    load_dialogue,
)
from ict_competence.errors import UnknownCodeError
from ict_competence.text import LocalizedText, Provenance
from tests.seeds import SEEDS

SEED_NAME = "000_8770f3bdf145dfab.txt"
SEED_PATH = SEEDS / SEED_NAME
VERBATIM_LOCATOR = re.compile(r"lines? (\d+)(?:-(\d+))?")
OWN_WORDS = "described in the library's own words"


def seed_lines() -> list[str]:
    # A missing seed must fail the content tests, never skip them.
    assert SEED_PATH.is_file(), f"seed {SEED_PATH} is missing; the content cannot be checked"
    return SEED_PATH.read_text(encoding="utf-8").split("\n")


DIALOGUE = load_dialogue()
LEADER = DIALOGUE.key_figure("schoolleider")


def cited_entries(obj: object) -> Iterator[tuple[object, Provenance, list[LocalizedText]]]:
    """Every entry with a provenance, with the texts it holds itself (not its children's)."""
    if isinstance(obj, tuple):
        for item in obj:
            yield from cited_entries(item)
        return
    cls = type(obj)
    if not attrs.has(cls) or isinstance(obj, LocalizedText | Provenance):
        return
    texts: list[LocalizedText] = []
    for field in attrs.fields(cls):
        value = getattr(obj, field.name)
        if isinstance(value, LocalizedText):
            texts.append(value)
        elif isinstance(value, tuple) and all(isinstance(v, LocalizedText) for v in value):
            texts.extend(value)
        else:
            yield from cited_entries(value)
    provenance = getattr(obj, "provenance", None)
    if isinstance(provenance, Provenance):
        yield obj, provenance, texts


def test_the_school_leader_has_four_main_questions_titled_as_in_the_seed() -> None:
    expected = [
        (int(match[1]), match[2])
        for line in seed_lines()
        if (match := re.fullmatch(r"Hoofdvraag (\d)\. (.+)", line))
    ]

    found = [(question.number, question.title.nl) for question in LEADER.main_questions]

    assert len(found) == 4
    assert found == expected


def test_the_school_leader_has_thirteen_topics_titled_as_in_the_seed() -> None:
    expected = [
        (match[1], match[2])
        for line in seed_lines()
        if (match := re.fullmatch(r"Onderwerp (\d\.\d)\.? (.+)", line))
    ]

    found = [(topic.code, topic.title.nl) for topic in LEADER.topics]

    assert len(found) == 13
    assert found == expected


def test_each_main_question_holds_the_topics_of_its_number() -> None:
    codes = {q.number: [t.code for t in q.topics] for q in LEADER.main_questions}

    assert codes == {
        1: ["1.1", "1.2"],
        2: ["2.1", "2.2", "2.3", "2.4", "2.5", "2.6"],
        3: ["3.1", "3.2", "3.3"],
        4: ["4.1", "4.2"],
    }


def test_every_entry_cites_the_seed() -> None:
    entries = list(cited_entries(DIALOGUE))

    sources = {provenance.source for _, provenance, _ in entries}

    assert len(entries) == 4 + 3 + 5 + 4 + 4 + 13 + 3 + 33
    assert sources == {SEED_NAME}


def test_every_dutch_text_claimed_verbatim_occurs_in_the_seed_at_the_cited_lines() -> None:
    lines = seed_lines()
    checked = 0

    for entry, provenance, texts in cited_entries(DIALOGUE):
        match = VERBATIM_LOCATOR.fullmatch(provenance.locator)
        if match is None:
            continue
        first, last = int(match[1]), int(match[2] or match[1])
        cited = "\n".join(lines[first - 1 : last])
        for text in texts:
            assert text.nl in cited, f"{type(entry).__name__} ({provenance}): {text.nl!r}"
            assert text.en, f"{type(entry).__name__} ({provenance}) has no English"
            checked += 1

    assert checked > 100


def test_only_the_other_key_figures_and_staff_roles_are_in_the_librarys_own_words() -> None:
    own = {
        getattr(entry, "code", None)
        for entry, provenance, _ in cited_entries(DIALOGUE)
        if not VERBATIM_LOCATOR.fullmatch(provenance.locator)
    }
    locators = {
        provenance.locator
        for _, provenance, _ in cited_entries(DIALOGUE)
        if not VERBATIM_LOCATOR.fullmatch(provenance.locator)
    }

    assert own == {
        "leraar",
        "i-coach",
        "bestuurder",
        "stafmedewerker",
        "hr",
        "beleidsadviseur",
        "informatiemanager",
        "ibp",
    }
    assert all(locator.endswith(OWN_WORDS) for locator in locators)


def test_the_four_themes_and_their_descriptions_are_those_of_the_seed() -> None:
    expected = [
        tuple(line[2:].split(": ", 1)) for line in seed_lines()[7:11] if line.startswith("- ")
    ]

    found = [(theme.name.nl, theme.description.nl) for theme in DIALOGUE.themes]

    assert found == expected
    assert [theme.code for theme in DIALOGUE.themes] == [
        "onderwijsleerproces",
        "taken_cultuur_samenwerken",
        "omgeving",
        "eigen_professionalisering",
    ]


def test_the_three_policy_themes_are_named_as_in_the_seed() -> None:
    line = seed_lines()[12]

    names = [theme.name.nl for theme in DIALOGUE.policy_themes]

    assert names == ["gelijke kansen", "veiligheid", "AVG (informatiebeveiliging)"]
    assert "gelijke kansen, veiligheid en AVG (informatiebeveiliging)" in line
    assert [theme.code for theme in DIALOGUE.policy_themes] == [
        "gelijke_kansen",
        "veiligheid",
        "avg",
    ]


def test_each_main_question_sits_under_its_theme() -> None:
    themes = [question.theme for question in LEADER.main_questions]

    assert themes == [
        "onderwijsleerproces",
        "taken_cultuur_samenwerken",
        "omgeving",
        "eigen_professionalisering",
    ]


def test_topic_one_two_has_three_aspects_and_the_policy_theme_gelijke_kansen() -> None:
    topic = LEADER.topic("1.2")
    lines = seed_lines()

    aspects = [(aspect.code, aspect.title.nl) for aspect in topic.aspects]

    assert aspects == [
        ("toegang", "Toegang tot ict"),
        ("vaardigheden", "Vaardigheden"),
        ("leermiddelen", "Leermiddelen"),
    ]
    for aspect, line in zip(topic.aspects, lines[22:25], strict=True):
        assert line == f"- {aspect.title.nl}: {aspect.body.nl}"
    assert topic.policy_themes == ("gelijke_kansen",)


# The sentence of the topic's own text that raises each policy theme it links to.
POLICY_EVIDENCE = {
    ("1.2", "gelijke_kansen"): "gelijke kansen",
    ("2.3", "avg"): "Er worden data verzameld",
    ("2.4", "gelijke_kansen"): "daarmee groeit de ongelijkheid",
    ("3.1", "veiligheid"): "privacy en veiligheid",
    ("3.1", "avg"): "privacy en veiligheid",
}


def test_policy_theme_links_are_exactly_where_the_topic_text_raises_them() -> None:
    links = {(topic.code, code) for topic in LEADER.topics for code in topic.policy_themes}

    assert links == set(POLICY_EVIDENCE)
    for (code, _), phrase in POLICY_EVIDENCE.items():
        topic = LEADER.topic(code)
        assert topic.body is not None
        assert phrase in topic.title.nl + " " + topic.body.nl


def test_the_school_leaders_questions_start_from_the_teachers() -> None:
    line = seed_lines()[5]

    starting_point = DIALOGUE.key_figure(LEADER.starting_point or "")

    assert "De vragen van de leraar over ict-bekwaamheid vormen altijd het startpunt." in line
    assert starting_point.code == "leraar"


def test_topic_two_six_points_to_the_staff_members_question_sets() -> None:
    topic = LEADER.topic("2.6")

    assert topic.see_also == ("stafmedewerker",)
    assert topic.body is not None
    assert "vragensets bij ‘stafmedewerker’" in topic.body.nl
    assert all(t.see_also == () for t in LEADER.topics if t.code != "2.6")


def tip_blocks(lines: list[str]) -> dict[str, list[str]]:
    """The seed's tip sentences per topic: those after a tips heading below the topic."""
    blocks: dict[str, list[str]] = {}
    topic = ""
    in_tips = False
    for line in lines:
        heading = re.fullmatch(r"Onderwerp (\d\.\d)\.? .+", line)
        if heading:
            topic, in_tips = heading[1], False
        elif re.fullmatch(r"(Tips|Leestips?) voor het gesprek", line):
            in_tips = True
            blocks[topic] = []
        elif in_tips and line.startswith("- "):
            blocks[topic].append(line[2:])
        elif in_tips and line.strip():
            if not blocks[topic]:
                blocks[topic].append(line)
            in_tips = False
    return blocks


def test_every_reading_tip_of_the_seed_follows_its_topic() -> None:
    expected = tip_blocks(seed_lines())

    found = {
        topic.code: list(dict.fromkeys(tip.tip.nl for tip in topic.tips if tip.tip))
        for topic in LEADER.topics
        if topic.tips
    }

    assert found == expected
    assert sum(len(tips) for tips in expected.values()) == 28


def test_each_reading_tip_is_named_in_its_sentence_and_has_a_kind() -> None:
    tips = [tip for topic in LEADER.topics for tip in topic.tips]

    kinds = {tip.kind for tip in tips}

    assert len(tips) == 33
    assert all(tip.tip is not None and tip.title.nl in tip.tip.nl for tip in tips)
    assert all(tip.url is None for tip in tips)
    assert kinds == set(ReferenceKind)


@pytest.mark.parametrize(
    ("code", "kind", "title"),
    [
        ("1.2", ReferenceKind.MODEL, "Vier in balans-model"),
        ("1.2", ReferenceKind.PODCAST, "podcast over adaptieve leermiddelen"),
        ("1.2", ReferenceKind.TOOL, "Ethiekkompas"),
        ("2.3", ReferenceKind.VIDEO, "Leraren betrekken bij innovaties"),
        (
            "3.3",
            ReferenceKind.REPORT,
            "rapport over hoe scholen zelf veel kunnen doen om ict te verduurzamen",
        ),
        ("4.2", ReferenceKind.REPORT, "Doordacht digitaal"),
        ("2.1", ReferenceKind.ARTICLE, "Laat waarden zwaarder wegen bij digitalisering"),
    ],
)
def test_a_reading_tip_has_the_kind_the_seed_gives_it(
    code: str, kind: ReferenceKind, title: str
) -> None:
    tips = LEADER.topic(code).tips

    found = [tip.kind for tip in tips if tip.title.nl == title]

    assert found == [kind]


def test_the_school_leader_is_described_with_the_positions_the_seed_lists() -> None:
    description = LEADER.description.nl

    assert LEADER.positions is not None
    assert LEADER.positions.nl == seed_lines()[0]
    for position in ("directeur", "locatiedirecteur", "rector", "afdelingsleider"):
        assert position in description
    assert "bouwcoördinator" in description


def test_the_other_key_figures_are_there_without_questions_yet() -> None:
    others = [figure for figure in DIALOGUE.key_figures if figure.code != "schoolleider"]

    assert [figure.code for figure in others] == [
        "leraar",
        "i-coach",
        "bestuurder",
        "stafmedewerker",
    ]
    assert all(figure.main_questions == () and figure.description.en for figure in others)


def test_the_staff_member_has_four_staff_roles() -> None:
    staff = DIALOGUE.key_figure("stafmedewerker")

    roles = [(role.code, role.name.nl) for role in staff.staff_roles]

    assert roles == [
        ("hr", "hr"),
        ("beleidsadviseur", "beleidsadviseur onderwijs en ict"),
        ("informatiemanager", "informatiemanager"),
        ("ibp", "IBP"),
    ]
    assert all(f.staff_roles == () for f in DIALOGUE.key_figures if f is not staff)


def test_the_dialogue_is_read_once_and_cached() -> None:
    again = load_dialogue()

    assert again is DIALOGUE


def test_an_unknown_key_figure_is_an_error_listing_the_known_ones() -> None:
    with pytest.raises(UnknownCodeError) as caught:
        DIALOGUE.key_figure("conciërge")

    assert "'conciërge'" in str(caught.value)
    assert "schoolleider, leraar, i-coach, bestuurder, stafmedewerker" in str(caught.value)


@pytest.mark.parametrize(
    ("look_up", "kind"),
    [
        (lambda: DIALOGUE.theme("weer"), "theme"),
        (lambda: DIALOGUE.policy_theme("weer"), "policy theme"),
        (lambda: LEADER.topic("9.9"), "topic of key figure 'schoolleider'"),
        (lambda: LEADER.main_question(9), "main question of key figure 'schoolleider'"),
    ],
)
def test_an_unknown_code_is_an_error_naming_what_was_asked(look_up: object, kind: str) -> None:
    assert callable(look_up)

    with pytest.raises(UnknownCodeError) as caught:
        look_up()

    assert caught.value.kind == kind


def test_lookups_find_themes_policy_themes_and_main_questions_by_code() -> None:
    theme = DIALOGUE.theme("omgeving")
    policy = DIALOGUE.policy_theme("avg")
    question = LEADER.main_question(4)

    assert theme.name.nl == "Omgeving"
    assert policy.name.en == "GDPR (information security)"
    assert question.heading is not None
    assert question.heading.nl == "Eigen professionele ontwikkeling"


def test_a_topic_knows_its_main_question_number() -> None:
    numbers = {topic.code: topic.main_question_number for topic in LEADER.topics}

    assert numbers["2.6"] == 2
    assert numbers["4.1"] == 4


def test_the_dialogue_types_are_exported() -> None:
    assert isinstance(DIALOGUE, Dialogue)
    assert isinstance(LEADER, KeyFigure)
    assert isinstance(LEADER.topics[0], Topic)
