"""Evidence: words alone (an assessor of one's own), or a kind and its facts (the plan's)."""

from __future__ import annotations

import pytest
from hypothesis import given

from ict_competence.errors import FieldError
from ict_competence.flow import Evidence, EvidenceKind, Move, RoadmapSession
from ict_competence.flow._evidence import FACTS
from ict_competence.serialize import from_json, to_json
from tests.flow.strategies import evidences


def _missing(**facts: str | int | float) -> Evidence:
    return Evidence(
        source="plan.team",
        basis="6 of 40 have no eligible primary",
        kind=EvidenceKind.EXPERTISE_MISSING,
        facts=facts,
    )


def test_evidence_in_words_alone_is_built_as_before_and_has_no_kind_or_facts():
    evidence = Evidence(source="survey", basis="the staff survey says yes", items=("s1",))

    assert evidence.kind is None
    assert evidence.facts == {}


def test_every_kind_says_which_facts_it_has():
    assert set(FACTS) == set(EvidenceKind)
    assert all(FACTS[kind] for kind in EvidenceKind)


@given(evidences)
def test_evidence_survives_json_inside_a_move(evidence):
    move = Move(step=3, answer=None, revisit=1, evidence=evidence)

    assert from_json(Move, to_json(move)) == move


def test_a_file_without_kind_and_facts_reads_as_evidence_in_words():
    text = '{"schema_version": 2, "source": "plan.team", "basis": "all covered", "items": ["p1"]}'

    evidence = from_json(Evidence, text)

    assert (evidence.kind, evidence.facts, evidence.items) == (None, {}, ("p1",))


@pytest.mark.parametrize(
    ("facts", "message"),
    [
        ({"instances": 40}, "facts: expertise_missing evidence needs without_primary, rules,"),
        (
            {
                "without_primary": 1,
                "instances": 4,
                "rules": "x",
                "recruit": 1,
                "outsource": 0,
                "people": 2,
            },
            "facts.people: expertise_missing evidence has no fact 'people'",
        ),
        (
            {"without_primary": -1, "instances": 4, "rules": "x", "recruit": 1, "outsource": 0},
            "facts.without_primary: expected a whole number, not negative, found -1",
        ),
        (
            {"without_primary": True, "instances": 4, "rules": "x", "recruit": 1, "outsource": 0},
            "facts.without_primary: expected a whole number, not negative, found True",
        ),
        (
            {"without_primary": 1, "instances": 4.0, "rules": "x", "recruit": 1, "outsource": 0},
            "facts.instances: expected a whole number, not negative, found 4.0",
        ),
        (
            {"without_primary": 1, "instances": 4, "rules": " ", "recruit": 1, "outsource": 0},
            "facts.rules: expected text, found blank text",
        ),
    ],
)
def test_facts_that_do_not_fit_their_kind_are_refused_naming_the_fact(facts, message):
    with pytest.raises(FieldError) as raised:
        _missing(**facts)

    assert str(raised.value).startswith(message)


def test_a_share_is_from_0_to_1_and_the_allocation_current_or_stale():
    facts = {
        "coverage": 1.5,
        "uncovered": 0,
        "single_points_of_failure": 0,
        "overloaded": 0,
        "strategic_share": 0.5,
        "allocation": "current",
    }
    with pytest.raises(FieldError, match=r"facts.coverage: expected a share from 0 to 1"):
        Evidence(source="plan.evaluation", basis="b", kind=EvidenceKind.EVALUATED, facts=facts)
    with pytest.raises(FieldError, match=r"facts.allocation: expected one of 'current', 'stale'"):
        Evidence(
            source="plan.evaluation",
            basis="b",
            kind=EvidenceKind.EVALUATED,
            facts=facts | {"coverage": 1.0, "allocation": "old"},
        )


def test_facts_need_a_kind_and_a_refused_text_is_not_shown():
    with pytest.raises(FieldError, match="facts need a kind"):
        Evidence(source="survey", basis="b", facts={"rules": "Jan Peeters"})
    with pytest.raises(FieldError) as raised:
        _missing(without_primary="Jan Peeters", instances=4, rules="r", recruit=1, outsource=0)

    assert "Jan" not in str(raised.value)
    assert str(raised.value).endswith("found text")


def test_the_repr_shows_the_numbers_and_hides_the_basis_and_the_texts():
    evidence = _missing(without_primary=1, instances=4, rules="Jan", recruit=1, outsource=0)

    shown = repr(evidence)

    assert "Jan" not in shown
    assert "6 of 40" not in shown
    assert "'rules': <text>" in shown
    assert "'instances': 4" in shown


def test_replace_text_rewrites_the_basis_and_the_texts_of_its_own_but_no_code():
    evidence = Evidence(
        source="plan.overview",
        basis="3 of 40 differ",
        kind=EvidenceKind.TAILORED,
        facts={"changed": 3, "tasks": 40, "school_type": "primary"},
    )
    rules = _missing(without_primary=1, instances=4, rules="van Jan", recruit=1, outsource=0)

    assert evidence.replace_text(str.upper).facts["school_type"] == "primary"
    assert evidence.replace_text(str.upper).basis == "3 OF 40 DIFFER"
    assert rules.replace_text(str.upper).facts["rules"] == "VAN JAN"
    with pytest.raises(FieldError, match="function"):
        rules.replace_text("not a function")  # type: ignore[arg-type]


def test_a_session_records_evidence_with_facts_as_given():
    evidence = _missing(without_primary=1, instances=4, rules="default", recruit=0, outsource=1)
    session = RoadmapSession.start().answer(True).answer(True).answer(True).answer(True)
    session = session.complete().answer(False, evidence=evidence)

    assert session.history[-1].evidence == evidence
