"""Reasons as data: a kind and parameters, English for the prompt, read back from version 1."""

from __future__ import annotations

import json
import re
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ict_competence.allocation import (
    Allocation,
    Decision,
    DecisionKind,
    Duty,
    Exclusion,
    Person,
    Pin,
    Reason,
    ReasonKind,
    TaskInstance,
    Team,
    allocate,
    default_rules,
)
from ict_competence.allocation._problem import Problem
from ict_competence.allocation._reasons import as_reason, reason_of_v1
from ict_competence.errors import AllocationError, FieldError, SerializationError
from ict_competence.plan import SchoolPlan
from ict_competence.serialize import SCHEMA_VERSION, from_json, to_json, unstructure
from tests.allocation.strategies import (
    DECISION_REASONS,
    REASONS,
    decisions,
    make_overview,
    make_person,
    make_task,
    reasons,
)

PLAN_V1 = Path(__file__).parents[1] / "plan" / "data" / "plan-schema-1.json"


def test_every_kind_of_reason_has_a_strategy_and_words_in_english():
    assert set(REASONS) == set(ReasonKind)


@given(reasons)
def test_a_reason_in_english_says_each_of_its_parameters(reason):
    text = reason.text

    assert str(reason) == text
    for name, value in reason.params.items():
        if not (name == "people" and value == 1):  # "the only person"
            assert str(value) in text, name
    for part in reason.parts:
        assert part.text in text


@given(reasons)
def test_a_reason_survives_json_and_pickle_with_its_numbers_as_numbers(reason):
    holder = Decision(DecisionKind.RECRUIT, reason)

    back = from_json(Decision, to_json(holder))

    assert back == holder
    assert [type(v) for v in back.reason.params.values()] == [
        type(v) for v in reason.params.values()
    ]


@given(decisions)
def test_a_decision_in_english_ends_with_what_step_6_says_unless_its_reason_is_custom(decision):
    text = decision.text

    if decision.reason.kind is ReasonKind.CUSTOM:
        assert text == decision.reason.params["text"]
    elif decision.kind is DecisionKind.RECRUIT:
        assert text.endswith("recruit the expertise (roadmap step 6).") or text.endswith(
            "allocate again, or recruit (strategic task)."
        )
    else:
        assert text.endswith("outsource it (roadmap step 6).") or text.endswith(
            "allocate again, or outsource it."
        )


def test_a_plain_text_reason_is_a_custom_reason_shown_as_it_is():
    decision = Decision(DecisionKind.OUTSOURCE, "Geen vrijwilligers gevonden.")

    assert decision.reason == Reason(ReasonKind.CUSTOM, {"text": "Geen vrijwilligers gevonden."})
    assert decision.text == "Geen vrijwilligers gevonden."
    assert as_reason(decision.reason) is decision.reason


@pytest.mark.parametrize(
    ("kind", "params", "parts", "message"),
    [
        (
            ReasonKind.BELOW_LEVEL,
            {"needed": 3},
            (),
            "params: a below_level reason needs has, domain",
        ),
        (ReasonKind.EXCLUDED, {"school": "noord"}, (), "params.school: .* takes no 'school'"),
        (ReasonKind.NO_ROOM, {"people": "2"}, (), r"params.people: expected a number, found '2'"),
        (ReasonKind.NO_ROOM, {"people": True}, (), "params.people: expected a number"),
        (ReasonKind.CUSTOM, {"text": 3}, (), "params.text: expected text, found 3"),
        (
            ReasonKind.BELOW_LEVEL,
            {"needed": 3, "has": 1, "domain": "cooking"},
            (),
            "params.domain: expected one of 'technical'",
        ),
        (
            ReasonKind.BELOW_LEVEL,
            {"needed": float("nan"), "has": 1, "domain": "policy"},
            (),
            "params.needed: expected a finite number",
        ),
        (ReasonKind.NOBODY_THERE, {}, (Reason(ReasonKind.EXCLUDED),), r"parts\[0\]: .* no parts"),
        (
            ReasonKind.KEPT_OUT,
            {},
            (Reason(ReasonKind.EXCLUDED),),
            r"parts\[0\]: a kept_out reason has kept_out_by_rule reasons",
        ),
    ],
)
def test_a_reason_without_the_parameters_its_kind_needs_is_refused_naming_them(
    kind, params, parts, message
):
    with pytest.raises(FieldError, match=message):
        Reason(kind, params, parts)


def test_a_file_with_a_malformed_reason_is_refused_at_its_path():
    text = json.dumps(
        {
            "schema_version": SCHEMA_VERSION,
            "kind": "recruit",
            "reason": {"kind": "below_level", "params": {"needed": 2, "has": [1]}},
        }
    )

    with pytest.raises(SerializationError) as caught:
        from_json(Decision, text)

    assert "$.reason.params" in str(caught.value)


def test_a_refusal_reason_keeps_the_persons_own_level_out_of_its_repr():
    reason = Reason(ReasonKind.BELOW_LEVEL, {"needed": 3, "has": 1, "domain": "technical"})

    assert repr(reason) == "Reason(below_level: needed=3, domain='technical')"
    assert "has 1" in reason.text  # the English is for the prompt
    assert reason.error_text == "needs level 3 in technical"  # an error may be logged


def test_a_pin_refused_on_level_or_motivation_says_what_is_needed_not_what_the_person_has():
    for kind, params in (
        (ReasonKind.BELOW_LEVEL, {"needed": 3, "has": 1, "domain": "technical"}),
        (ReasonKind.NOT_MOTIVATED, {"needed": 2, "has": 0, "cluster": "policy"}),
    ):
        reason = Reason(kind, params)
        assert "has" not in reason.error_text
        assert str(params["needed"]) in reason.error_text


def test_rewriting_a_reasons_free_text_reaches_custom_text_only():
    custom = Reason.custom("ask jan")
    rule = Reason(ReasonKind.KEPT_OUT_BY_RULE, {"rule": "jan", "people": 1})
    kept_out = Reason(ReasonKind.KEPT_OUT, {"school": "jan"}, (rule,))

    assert custom.replace_text(str.upper) == Reason.custom("ASK JAN")
    assert kept_out.replace_text(str.upper) == kept_out  # names of schools and rules stay


# -- where reasons are made --------------------------------------------------------------------


@attrs.frozen
class _NoInterns:
    name: str = "no interns"

    def allows(self, person: Person, instance: TaskInstance, duty: Duty) -> bool:
        return person.id != "intern"

    def describe(self, person: Person, instance: TaskInstance, duty: Duty) -> str:
        return "Stagiairs nemen geen taken op."


@attrs.frozen
class _Silent:
    name: str = "silent"

    def allows(self, person: Person, instance: TaskInstance, duty: Duty) -> bool:
        return False


def test_a_third_party_rule_that_describes_in_plain_text_gives_a_custom_reason():
    overview = make_overview(make_task("T-01"))
    team = Team((make_person("intern", level=3),))
    rules = default_rules().extend(eligibility=[_NoInterns()])

    problem = Problem(overview, team, rules)
    with pytest.raises(AllocationError, match=r"'no interns': Stagiairs nemen geen taken op\."):
        allocate(overview, team, rules=rules, pins=[Pin("T-01", "intern")])

    assert problem.refused[0] == [
        (0, "no interns", Reason.custom("Stagiairs nemen geen taken op."))
    ]


def test_a_rule_without_words_and_an_exclusion_have_reasons_of_their_own():
    overview = make_overview(make_task("T-01"))
    team = Team((make_person("a", level=3), make_person("b", level=3)))
    rules = default_rules().extend(eligibility=[_Silent()])

    problem = Problem(overview, team, rules, exclusions=[Exclusion("T-01", "a")])

    assert problem.refused[0] == [
        (0, "exclusion", Reason(ReasonKind.EXCLUDED)),
        (1, "silent", Reason(ReasonKind.REFUSED_BY_RULE, {"rule": "silent"})),
    ]
    assert problem.refused[0][1][2].text == "refused by rule 'silent'"


def test_every_decision_allocate_makes_has_one_of_the_decision_kinds_of_reason():
    overview = make_overview(
        make_task("T-01", hours=30), make_task("T-02", hours=30, required_level=3)
    )
    team = Team((make_person("a", 35, level=2),))

    result = allocate(overview, team)

    assert {d.reason.kind for d in result.decisions.values()} <= set(DECISION_REASONS)
    assert result.decisions["T-02"].reason.parts[0].params == {"rule": "level", "people": 1}


def test_an_explanation_carries_the_instance_it_explains():
    overview = make_overview(make_task("T-01", hours=30, strategic=True))
    result = allocate(overview, Team((make_person("a", 35, level=3),)))

    explanation = result.explain("T-01")

    assert explanation.instance == result.instance("T-01")
    assert explanation.instance.domain.value == "technical"


# -- files of schema version 1 ----------------------------------------------------------------


@given(st.sampled_from(DecisionKind), st.one_of(*(REASONS[k] for k in DECISION_REASONS)))
def test_a_version_1_sentence_reads_back_as_a_reason_that_words_it_exactly(kind, reason):
    text = Decision(kind, reason).text

    found = reason_of_v1(kind, text)

    assert Decision(kind, found).text == text  # never a reason that says something else
    names = [v for r in (reason, *reason.parts) for v in r.params.values() if isinstance(v, str)]
    if all(re.fullmatch("[a-z]+", name) for name in names):  # else the sentence may be ambiguous
        assert found == reason or found == Reason.custom(text)


@pytest.mark.parametrize(
    "text",
    [
        "The 2 people at noord who may take it have no hours left for it; "
        "it is a strategic task: recruit the expertise (roadmap step 6).",
        "Nobody in the team may take it, kept out by level (2), motivation (1); "
        "it is a strategic task: recruit the expertise (roadmap step 6).",
        "The person who held it was erased from the plan; allocate again, or recruit "
        "(strategic task).",
    ],
)
def test_the_sentences_version_1_wrote_read_back_into_their_kind(text):
    assert reason_of_v1(DecisionKind.RECRUIT, text).kind is not ReasonKind.CUSTOM


@given(st.text(max_size=80))
def test_any_other_version_1_text_becomes_a_custom_reason_as_it_was(text):
    found = reason_of_v1(DecisionKind.OUTSOURCE, text)

    assert Decision(DecisionKind.OUTSOURCE, found).text == text


def test_the_decisions_of_a_plan_saved_in_version_1_read_back_into_their_kinds():
    old = json.loads(PLAN_V1.read_text("utf-8"))["allocation"]["decisions"]

    plan = SchoolPlan.load(PLAN_V1)

    assert plan.allocation is not None
    decisions = plan.allocation.decisions
    assert set(decisions) == set(old)
    for key, decision in decisions.items():
        assert decision.reason.kind is not ReasonKind.CUSTOM, key
        assert decision.text == old[key]["reason"]
    assert decisions["noord:TECH-03"].reason == Reason(
        ReasonKind.NO_ROOM, {"school": "noord", "people": 1}
    )


def test_an_allocation_written_as_version_1_reads_back_equal():
    overview = make_overview(
        make_task("T-01", hours=30),
        make_task("T-02", hours=30, required_level=3),
        make_task("T-03", hours=30, strategic=True),
    )
    result = allocate(overview, Team((make_person("a", 35, level=2),)))
    data = unstructure(result)
    for key, decision in result.decisions.items():
        data["decisions"][key]["reason"] = decision.text  # as version 1 wrote it
    version_1 = json.dumps({"schema_version": 1, **data})

    assert len(result.decisions) == 2  # one kept out by the level rule, one without room
    assert from_json(Allocation, version_1) == result
