"""Roadmap steps 5–7 answered from the plan's own data, each with its evidence."""

from __future__ import annotations

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ict_competence.allocation import Team, task_instances
from ict_competence.catalog import SchoolType, load_catalog
from ict_competence.flow import Answer, Move, RoadmapSession
from ict_competence.plan import SchoolPlan
from tests.allocation.strategies import overviews, teams
from tests.plan.strategies import plans, small_school, up_to_step_five


def _data_moves(plan: SchoolPlan) -> list[Move]:
    return [move for move in plan.roadmap.history if move.evidence is not None]


def _at_step_five(plan: SchoolPlan) -> SchoolPlan:
    return attrs.evolve(plan, roadmap=up_to_step_five())


@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_advance_never_answers_steps_one_to_four(plan):
    before = plan.roadmap.current.number

    advanced = plan.advance()

    answered = {move.step for move in _data_moves(advanced)}
    assert not answered & {1, 2, 3, 4}
    if before <= 4:
        assert advanced.roadmap == plan.roadmap


def test_an_untouched_overview_stops_advance_at_step_five():
    plan = SchoolPlan(name="De Linde", overview=load_catalog().overview(), team=Team(()))

    advanced = _at_step_five(plan).advance()

    assert advanced.roadmap.current.number == 5
    assert advanced.roadmap == up_to_step_five()


def test_a_tailored_overview_completes_step_five_with_the_changed_codes():
    overview = load_catalog().overview().choose("TECH-12", applies=False)
    overview = overview.choose("PED-01", hours_per_year=99.5)
    plan = SchoolPlan(name="De Linde", overview=overview, team=Team(()))

    advanced = _at_step_five(plan).advance()

    move = advanced.roadmap.history[4]
    assert (move.step, move.answer) == (5, Answer.DONE)
    assert move.evidence is not None
    assert move.evidence.source == "plan.overview"
    assert move.evidence.items == ("TECH-12", "PED-01")


def test_step_five_compares_with_the_default_overview_for_the_plans_school_type():
    default = load_catalog().overview(school_type=SchoolType.SECONDARY_TECHNICAL)
    plan = SchoolPlan(
        name="Technisch atheneum",
        overview=default,
        team=Team(()),
        school_type=SchoolType.SECONDARY_TECHNICAL,
    )

    advanced = _at_step_five(plan).advance()

    assert advanced.roadmap.current.number == 5


def _without_eligible_primary(plan: SchoolPlan) -> list[str]:
    """The active instances nobody may carry under the default rules, restated from DESIGN.md."""
    return [
        instance.key
        for instance in task_instances(plan.overview, plan.team)
        if not any(
            instance.open_to(person)
            and person.level(instance.task.domain) >= instance.task.required_level
            and person.motivation_for(instance.task.cluster) >= 1
            for person in plan.team.people
        )
    ]


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(overviews(), teams())
def test_step_six_is_no_exactly_when_some_active_instance_has_no_eligible_primary(overview, team):
    plan = _at_step_five(SchoolPlan(name="De Linde", overview=overview, team=team))
    missing = _without_eligible_primary(plan)

    advanced = plan.advance()

    step_six = [move for move in advanced.roadmap.history if move.step == 6]
    assert len(step_six) == 1
    assert step_six[0].answer is (Answer.NO if missing else Answer.YES)
    assert step_six[0].evidence is not None
    if missing:
        assert list(step_six[0].evidence.items) == missing


def test_step_six_no_names_each_instance_and_the_decision_allocate_makes_for_it():
    plan = _at_step_five(small_school())

    move = plan.advance().roadmap.history[5]

    assert move.answer is Answer.NO
    assert move.evidence is not None
    assert move.evidence.source == "plan.team"
    assert move.evidence.items == ("T-01", "T-02")
    assert "T-01 → outsource" in move.evidence.basis
    assert "T-02 → recruit" in move.evidence.basis


def test_step_six_yes_lists_the_people_who_may_carry_tasks():
    plan = small_school()
    plan = attrs.evolve(plan, overview=plan.overview.choose("T-01", applies=False))
    plan = attrs.evolve(plan, overview=plan.overview.choose("T-02", applies=False))

    move = _at_step_five(plan).advance().roadmap.history[5]

    assert move.answer is Answer.YES
    assert move.evidence is not None
    assert move.evidence.items == ("p1", "p2")


def test_advance_stops_at_step_seven_without_an_allocation():
    advanced = _at_step_five(small_school()).advance()

    assert advanced.roadmap.current.number == 7


def test_a_current_allocation_completes_step_seven_and_advance_stops_at_the_evaluation():
    plan = _at_step_five(small_school()).allocate()

    advanced = plan.advance()

    move = advanced.roadmap.history[-1]
    assert advanced.roadmap.current.number == 8
    assert (move.step, move.answer) == (7, Answer.DONE)
    assert move.evidence is not None
    assert move.evidence.source == "plan.allocation"
    assert move.evidence.items == ("p1", "p2")
    assert "2 decisions (1 recruit, 1 outsource)" in move.evidence.basis


def test_a_stale_allocation_answers_no_step():
    plan = _at_step_five(small_school()).allocate().advance()
    plan = attrs.evolve(plan, roadmap=plan.roadmap.undo())  # back at step 7
    people = (attrs.evolve(plan.team.people[0], hours=5), plan.team.people[1])

    stale = attrs.evolve(plan, team=Team(people))

    assert stale.advance().roadmap == stale.roadmap


def test_every_answer_from_data_names_a_plan_source():
    plan = _at_step_five(small_school()).allocate()

    moves = _data_moves(plan.advance())

    assert [move.step for move in moves] == [5, 6, 7]
    assert all(
        move.evidence is not None and move.evidence.source.startswith("plan.") for move in moves
    )


def test_the_plan_is_an_assessor_a_session_can_ask():
    plan = small_school()

    session = up_to_step_five().assess(plan)

    assert session.current.number == 6


@given(st.integers(1, 4))
def test_the_plan_has_nothing_to_say_at_the_schools_own_steps(answered):
    session = RoadmapSession.start()
    for _ in range(answered - 1):
        session = session.answer(True)

    assert small_school().assess(session) is None
