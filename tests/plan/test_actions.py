"""The action plan: one action per advice, decision, agreed follow-up and finding."""

from __future__ import annotations

import attrs
from hypothesis import HealthCheck, given, settings

from ict_competence.allocation import DecisionKind, Team
from ict_competence.catalog import Cluster
from ict_competence.flow import Actor, Answer, load_roadmap
from ict_competence.plan import ActionPlan, ActionSource, PlanAction, SchoolPlan
from ict_competence.plan._actions import ADVICE_OWNERS, DIRECTIE
from ict_competence.serialize import from_json, to_json
from ict_competence.text import LocalizedText
from tests.plan.strategies import ROLE_CODES, plans, small_school, up_to_step_five, with_follow_up


def _follow_ups(plan: SchoolPlan) -> int:
    return len(plan.dialogue.actions()) if plan.dialogue is not None else 0


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_every_decision_and_follow_up_has_an_action_owned_by_a_team_member_or_a_role(plan):
    decisions = len(plan.allocation.decisions) if plan.allocation is not None else 0

    actions = plan.action_plan()

    assert len(actions) >= decisions + _follow_ups(plan)
    assert set(actions.owners) <= set(plan.team.ids) | ROLE_CODES


def test_the_advice_table_names_catalog_roles_for_every_actor():
    assert set(ADVICE_OWNERS) == {*Actor, None}
    assert set(ADVICE_OWNERS.values()) <= ROLE_CODES
    assert DIRECTIE in ROLE_CODES


def test_the_advice_of_this_cycle_is_owned_by_the_role_of_its_actor():
    session = up_to_step_five().undo().undo().undo().answer(False)  # step 2: no vision yet
    plan = attrs.evolve(small_school(), roadmap=session)

    advice = plan.action_plan().by_source(ActionSource.ADVICE)

    assert [(a.owner, a.reference) for a in advice] == [
        ("directie", "step 2"),
        ("ict_policy_team", "step 2"),
    ]
    assert advice[0].description == load_roadmap().step(2).branch(Answer.NO).advice[0].text


def test_advice_a_previous_cycle_gave_is_left_out():
    plan = attrs.evolve(small_school(), roadmap=up_to_step_five()).allocate().advance()
    assert plan.action_plan().by_source(ActionSource.ADVICE)

    following = plan.next_cycle()

    assert following.action_plan().by_source(ActionSource.ADVICE) == ()


def test_a_recruit_decision_is_owned_by_the_role_to_recruit_and_outsourcing_by_the_directie():
    plan = small_school().allocate()

    decided = {a.reference: a for a in plan.action_plan().by_source(ActionSource.DECISION)}

    assert plan.allocation is not None
    assert plan.allocation.decisions["T-02"].kind is DecisionKind.RECRUIT
    assert decided["T-02"].owner == "ict_policy_team"  # a policy task: the RACI's vacancy
    assert decided["T-01"].owner == "directie"
    assert decided["T-02"].hours == 15
    assert decided["T-01"].description.en.startswith("Outsource T-01: ")


def test_a_follow_up_keeps_its_owner_and_the_teams_words_in_both_languages():
    plan = with_follow_up(small_school(), "p2")

    (action,) = plan.action_plan().by_source(ActionSource.FOLLOW_UP)

    assert action.owner == "p2"
    assert action.reference == "1.2"
    assert action.description == LocalizedText("Uitleenpool opzetten", "Uitleenpool opzetten")
    assert action.timeframe == LocalizedText("voor de zomer", "voor de zomer")


def test_findings_give_one_action_per_single_point_of_failure_and_overloaded_person():
    plan = small_school().allocate()
    people = (attrs.evolve(plan.team.people[0], hours=1), plan.team.people[1])
    plan = attrs.evolve(plan, team=Team(people))
    evaluation = plan.evaluate()

    findings = plan.action_plan().by_source(ActionSource.FINDING)

    expected = [*evaluation.single_points_of_failure, *evaluation.overloaded]
    assert [a.reference for a in findings] == expected
    assert evaluation.overloaded == ("p1",)
    assert findings[-1].owner == "directie"


def test_without_an_allocation_there_are_no_decisions_and_no_findings():
    actions = with_follow_up(small_school(), "p1").action_plan()

    assert [a.source for a in actions] == [ActionSource.FOLLOW_UP]


def test_an_action_plan_is_a_sequence_of_actions():
    actions = small_school().allocate().action_plan()

    assert len(actions) == len(list(actions))
    assert actions[0] is actions.actions[0]
    assert actions[:1] == actions.actions[:1]
    assert repr(actions).startswith(f"<ActionPlan {len(actions)} actions: 0 advice, 2 decision")


def test_an_action_and_an_action_plan_round_trip_through_json():
    actions = with_follow_up(small_school(), "p1").allocate().action_plan()

    assert from_json(PlanAction, to_json(actions[0])) == actions[0]
    assert from_json(ActionPlan, to_json(actions)) == actions


def test_the_repr_of_an_action_leaves_out_its_texts():
    (action,) = with_follow_up(small_school(), "p1").action_plan()

    shown = repr(action)

    assert "Uitleenpool" not in shown
    assert "zomer" not in shown
    assert "owner='p1'" in shown


def test_a_back_up_to_train_falls_to_the_directie_when_the_primary_left_the_team():
    plan = small_school()
    ann, bo = plan.team.people
    unwilling = attrs.evolve(bo, motivation={Cluster.PEDAGOGICAL: 3})  # no back-up for T-00
    plan = attrs.evolve(plan, team=Team((ann, unwilling))).allocate()
    assert plan.allocation is not None
    holder = plan.allocation.assignments["T-00"].primary
    plan = attrs.evolve(plan, team=Team(tuple(p for p in plan.team.people if p.id != holder)))

    findings = {a.reference: a for a in plan.action_plan().by_source(ActionSource.FINDING)}

    assert "T-00" in plan.evaluate().single_points_of_failure
    assert findings["T-00"].owner == "directie"
    assert findings[holder].owner == "directie"
