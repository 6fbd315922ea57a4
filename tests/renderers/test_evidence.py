"""Evidence worded in the page's language: a Dutch page has no English sentence, no English part."""

from __future__ import annotations

import re

import attrs
import pytest
from hypothesis import given
from markdown_it import MarkdownIt

from ict_competence.allocation import (
    KeepHolders,
    Team,
    continuity_rules,
    default_rules,
    even_load_rules,
)
from ict_competence.catalog import SchoolType
from ict_competence.flow import Answer, Assessment, Evidence, EvidenceKind, RoadmapSession
from ict_competence.flow._evidence import FACTS
from ict_competence.plan import SchoolPlan
from ict_competence.renderers import render
from ict_competence.renderers._evidence import SHOWN_ITEMS, show_evidence, word_evidence
from ict_competence.renderers._naming import naming
from ict_competence.renderers._words import words
from tests.flow.strategies import evidences
from tests.plan.strategies import small_school, up_to_step_five
from tests.renderers.samples import HOSTILE, sample_plan
from tests.renderers.test_reasons import PLAN_V1, _fragments, _text

#: The word table's keys for what evidence says.
_EVIDENCE_KEYS = ("evidence_", "rules_", "school_type_")
#: The fixed English of the plan's ``basis`` sentences (plan/_assessor.py), for the REPL.
_BASIS_ENGLISH = (
    "task choices differ from the catalog",
    "active task instances",
    "eligible primary",
    "allocating decides",
    "of the task hours",
    "people carry tasks",
    "instances without a primary",
    "single points of failure",
    "people overloaded",
    "of the held strategic hours",
    "no longer fits the plan (stale)",
)


def _group_plan() -> SchoolPlan:
    """A primary school whose step 6 is no, and whose evaluation found the allocation stale."""
    plan = attrs.evolve(small_school(), roadmap=up_to_step_five(), school_type=SchoolType.PRIMARY)
    plan = plan.advance().allocate().advance()
    people = plan.team.people
    edited = Team((attrs.evolve(people[0], hours=people[0].hours + 5), *people[1:]))
    return attrs.evolve(plan, team=edited).next_cycle()


@pytest.fixture(scope="module")
def plans(tmp_path_factory) -> dict[str, SchoolPlan]:
    """Two plans advanced through steps 5–8, between them every kind of evidence."""
    return {
        "sample": sample_plan(tmp_path_factory.mktemp("plan")).next_cycle(),
        "primary": _group_plan(),
    }


def _evidence(plan: SchoolPlan) -> list[Evidence]:
    return [move.evidence for move in plan.roadmap.history if move.evidence is not None]


def _only(language: str) -> set[str]:
    """The fixed words of the evidence in ``language`` that the other language has not."""
    other = "nl" if language == "en" else "en"
    found: set[str] = set()
    for key, text in words().items():
        if key.startswith(_EVIDENCE_KEYS):
            found |= set(_fragments(text.get(language))) - set(_fragments(text.get(other)))  # type: ignore[arg-type]
    return {fragment for fragment in found if fragment}


def test_the_two_plans_have_every_kind_and_variant_of_evidence(plans):
    found = [e for plan in plans.values() for e in _evidence(plan)]

    assert {e.kind for e in found} == set(EvidenceKind)
    assert {"school_type" in e.facts for e in found if e.kind is EvidenceKind.TAILORED} == {
        True,
        False,
    }
    assert {e.facts.get("allocation") for e in found if e.kind is EvidenceKind.EVALUATED} == {
        "current",
        "stale",
    }


@pytest.mark.parametrize("format_", ["html", "markdown"])
@pytest.mark.parametrize("what", ["SchoolPlan", "RoadmapSession"])
@pytest.mark.parametrize("which", ["sample", "primary"])
def test_a_dutch_page_words_the_evidence_in_dutch_and_has_no_english_part(
    plans, which, what, format_
):
    plan = plans[which]
    shown = plan if what == "SchoolPlan" else plan.roadmap

    page = render(shown, format_, names=True) if what == "SchoolPlan" else render(shown, format_)

    assert 'lang="en"' not in page
    text = _text(page, format_)
    english = _only("en") | set(_BASIS_ENGLISH)
    assert sorted(fragment for fragment in english if fragment in text) == []
    for evidence in _evidence(plan):
        assert evidence.basis not in text
        assert word_evidence(evidence, "nl") in text


@pytest.mark.parametrize("format_", ["html", "markdown"])
@pytest.mark.parametrize("what", ["SchoolPlan", "RoadmapSession"])
@pytest.mark.parametrize("which", ["sample", "primary"])
def test_an_english_page_has_no_dutch_evidence_words(plans, which, what, format_):
    plan = plans[which]
    shown = plan if what == "SchoolPlan" else plan.roadmap

    text = _text(render(shown, format_, language="en"), format_)

    assert sorted(fragment for fragment in _only("nl") if fragment in text) == []
    for evidence in _evidence(plan):
        assert word_evidence(evidence, "en") in text


def test_the_words_say_what_was_found(plans):
    tailored, missing, divided, evaluated = _evidence(plans["primary"])

    assert word_evidence(tailored) == (
        "Taakkeuzes die afwijken van het standaardoverzicht van de catalogus voor "
        "basisonderwijs: 46 (het overzicht telt 4 taken)."
    )
    assert word_evidence(missing, "en") == (
        "Tasks nobody may take as primary under the default rules: 2 of 4. Allocating "
        "decides: to recruit (core tasks) 1, to outsource 1."
    )
    assert word_evidence(divided).startswith("Gedekte uren: 50 %. Personen met taken: 2.")
    assert word_evidence(evaluated).endswith("De taakverdeling past niet meer bij het plan.")


def test_every_kind_has_dutch_and_english_words_with_a_place_for_each_fact():
    table = words()
    places = re.compile(r"\{(\w+)\}")

    for kind in EvidenceKind:
        for key in {f"evidence_{kind.value}", f"evidence_{kind.value}_for"} & set(table):
            text = table[key]
            assert set(places.findall(text.nl)) == set(places.findall(text.en)), key
            assert set(places.findall(text.nl)) <= set(FACTS[kind]), key
        wanted = set(FACTS[kind]) - {"allocation", "school_type"}
        assert set(places.findall(table[f"evidence_{kind.value}"].nl)) == wanted, kind
    assert "school_type" in places.findall(table["evidence_tailored_for"].nl)
    for school_type in SchoolType:
        assert f"school_type_{school_type.value}" in table, school_type
    holders = KeepHolders.from_assignments({})
    for rules in (default_rules(), continuity_rules(holders), even_load_rules()):
        assert "rules_" + rules.name.replace(" ", "_") in table, rules.name


@given(evidences)
def test_any_evidence_is_worded_in_both_languages(evidence):
    for language in ("nl", "en"):
        shown = show_evidence(evidence, naming(language))

        assert shown.own == (evidence.kind is None)
        assert len(shown.items) <= SHOWN_ITEMS + 1
        if evidence.kind is None:
            assert shown.text == evidence.basis
            continue
        assert shown.text.strip()
        for name, value in evidence.facts.items():
            if isinstance(value, int):
                assert str(value) in shown.text, name


def _session_with_own_evidence() -> RoadmapSession:
    session = up_to_step_five(RoadmapSession.start())
    own = Evidence(
        source=f"enquête {HOSTILE}", basis=f"De enquête zegt ja {HOSTILE}", items=("TECH-04",)
    )
    return session.apply(Assessment(step=5, answer=Answer.DONE, evidence=own))


def test_an_assessors_own_basis_is_shown_as_it_is_escaped_and_with_no_language():
    page = render(_session_with_own_evidence(), "html")

    assert HOSTILE not in page
    assert (
        '<span class="user">De enquête zegt ja &lt;script&gt;alert(1)&lt;/script&gt;</span>' in page
    )
    assert "enquête &lt;script&gt;alert(1)&lt;/script&gt;: TECH-04 (Eerstelijns hulp" in page
    assert " lang=" not in page.split("<html", 1)[1].split(">", 1)[1]


def test_an_assessors_own_basis_stays_text_in_markdown():
    page = render(_session_with_own_evidence(), "markdown")

    tokens = MarkdownIt("commonmark").enable("table").parse(page)
    inline = [child for t in tokens if t.type == "inline" for child in t.children or []]
    assert not [child for child in inline if child.type == "html_inline"]
    assert "De enquête zegt ja" in _text(page, "markdown")


def test_evidence_names_people_by_id_unless_names_are_asked_for(plans):
    plan = plans["sample"]

    hidden = _text(render(plan, "html"), "html")
    shown = _text(render(plan, "html", names=True), "html")

    assert "Team van het plan: p1, p2" in hidden
    assert f"Team van het plan: Ann {HOSTILE} (p1), Bram (p2)" in shown


def test_a_long_list_of_items_ends_with_how_many_more():
    keys = tuple(f"K-{n:02}" for n in range(SHOWN_ITEMS + 3))
    evidence = Evidence(source="survey", basis="many", items=keys)

    shown = show_evidence(evidence, naming("nl"))

    assert shown.items[:-1] == keys[:SHOWN_ITEMS]
    assert shown.items[-1] == "… en nog 3"


def test_a_plan_saved_in_version_1_loads_and_its_evidence_shows_its_basis():
    plan = SchoolPlan.load(PLAN_V1)
    found = _evidence(plan)

    page = render(plan.roadmap, "html")

    assert found
    assert all(evidence.kind is None and not evidence.facts for evidence in found)
    assert 'lang="en"' not in page
    assert found[0].basis in _text(page, "html")
    assert "Takenoverzicht van het plan: TECH-13" in _text(page, "html")


def test_the_english_basis_is_kept_for_the_repl(plans):
    for evidence in _evidence(plans["primary"]):
        assert evidence.basis
    assert "T-01 → outsource" in _evidence(plans["primary"])[1].basis
