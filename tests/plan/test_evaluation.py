"""The evaluation of a cycle (step 8) and the start of the next one."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

from ict_competence.allocation import Team
from ict_competence.errors import MoveError, PlanError
from ict_competence.flow import Answer, SessionStatus
from ict_competence.plan import Evaluation, PersonLoad, SchoolPlan
from ict_competence.serialize import from_json, to_json
from tests.plan.strategies import NAMES, plans, small_school, up_to_step_five


def _year_one() -> SchoolPlan:
    """The small school through its first cycle: at the evaluation, with a current allocation."""
    return attrs.evolve(small_school(), roadmap=up_to_step_five()).allocate().advance()


def _with_hours(plan: SchoolPlan, person: str, hours: float) -> SchoolPlan:
    people = tuple(attrs.evolve(p, hours=hours) if p.id == person else p for p in plan.team.people)
    return attrs.evolve(plan, team=Team(people, plan.team.schools))


def test_evaluating_without_an_allocation_is_a_plan_error():
    with pytest.raises(PlanError, match="no allocation to evaluate; call allocate"):
        small_school().evaluate()


def test_a_current_allocation_evaluates_as_current_with_no_one_overloaded():
    evaluation = _year_one().evaluate()

    assert evaluation.current
    assert evaluation.overloaded == ()
    assert [load.person for load in evaluation.loads] == ["p1", "p2"]
    assert evaluation.diff is None


def test_hours_edited_after_allocating_flag_the_person_over_their_hours():
    plan = _year_one()
    used = plan.evaluate().loads[0].used

    evaluation = _with_hours(plan, "p1", used / 2).evaluate()

    assert not evaluation.current
    assert evaluation.overloaded == ("p1",)
    assert evaluation.loads[0] == PersonLoad(person="p1", available=used / 2, used=used)
    assert evaluation.loads[0].share == pytest.approx(2.0)


def test_someone_who_left_but_still_holds_tasks_is_overloaded_with_no_hours():
    plan = _year_one()
    holder = plan.allocation.assignments["T-00"].primary if plan.allocation else ""

    left = attrs.evolve(plan, team=Team(tuple(p for p in plan.team.people if p.id != holder)))
    evaluation = left.evaluate()

    assert evaluation.overloaded == (holder,)
    assert evaluation.loads[-1].available == 0.0
    assert evaluation.loads[-1].share is None


def test_the_evaluation_lists_uncovered_instances_and_single_points_of_failure():
    plan = _year_one()
    allocation = plan.allocation
    assert allocation is not None

    evaluation = plan.evaluate()

    assert evaluation.uncovered == ("T-01", "T-02")
    assert evaluation.single_points_of_failure == allocation.single_points_of_failure
    assert evaluation.coverage == pytest.approx(allocation.coverage)


def test_the_largest_share_of_strategic_hours_names_its_holder():
    plan = _year_one()
    assert plan.allocation is not None

    evaluation = plan.evaluate()

    # T-00 is the only strategic task anyone holds, so its primary holds all of it.
    assert evaluation.strategic_holder == plan.allocation.assignments["T-00"].primary
    assert evaluation.strategic_share == 1.0


def test_next_cycle_records_the_evaluation_as_step_eight_and_revisits_step_five():
    plan = _year_one()

    following = plan.next_cycle()

    done = following.roadmap.history[-2]
    assert (done.step, done.answer) == (8, Answer.DONE)
    assert done.evidence is not None
    assert done.evidence.source == "plan.evaluation"
    assert done.evidence.items == ("T-01", "T-02", *plan.evaluate().single_points_of_failure)
    assert following.roadmap.current.number == 5
    assert following.roadmap.cycle == 2
    assert following.roadmap.status is SessionStatus.IN_PROGRESS


def test_next_cycle_moves_the_allocation_to_the_baseline_and_clears_it():
    plan = _year_one()

    following = plan.next_cycle()

    assert following.baseline == plan.allocation
    assert following.allocation is None
    assert not following.allocation_is_current


def test_next_cycle_may_start_from_another_step():
    following = _year_one().next_cycle(from_step=6)

    assert following.roadmap.current.number == 6


def test_next_cycle_before_the_evaluation_is_a_move_error():
    plan = small_school().allocate()

    with pytest.raises(MoveError, match="step 1"):
        plan.next_cycle()


def test_next_cycle_at_an_action_step_is_refused_and_changes_nothing():
    plan = attrs.evolve(small_school(), roadmap=up_to_step_five()).allocate()

    with pytest.raises(MoveError, match="step 5: the next cycle starts from the evaluation"):
        plan.next_cycle()
    assert plan.roadmap.current.number == 5


def test_the_next_cycles_evaluation_shows_what_changed_since_the_baseline():
    plan = _year_one()
    following = _with_hours(plan.next_cycle(), "p1", 10).allocate().advance()

    evaluation = following.evaluate()

    assert following.baseline is not None
    assert following.allocation is not None
    assert evaluation.diff == following.baseline.diff(following.allocation)
    assert evaluation.diff is not None
    assert evaluation.diff.changes


def test_an_evaluation_round_trips_through_json():
    evaluation = _with_hours(_year_one(), "p1", 1).evaluate()

    assert from_json(Evaluation, to_json(evaluation)) == evaluation


def test_the_repr_of_an_evaluation_counts_what_it_found():
    evaluation = _year_one().evaluate()

    assert repr(evaluation) == (
        f"<Evaluation coverage {evaluation.coverage:.0%}, 2 uncovered, "
        f"{len(evaluation.single_points_of_failure)} single points of failure, 0 overloaded>"
    )


@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow])
@given(plans(named=True))
def test_an_evaluation_and_the_action_plan_hold_no_persons_name(plan):
    written = [to_json(action) for action in plan.action_plan()]
    if plan.allocation is not None:
        written.append(to_json(plan.evaluate()))

    leaked = [name for name in NAMES for text in written if name in text]

    assert leaked == []


def test_next_cycle_after_the_school_closed_the_evaluation_itself_only_revisits():
    plan = _year_one()
    plan = attrs.evolve(plan, roadmap=plan.roadmap.complete(note="besproken op de ICT-raad"))

    following = plan.next_cycle(from_step=7)

    assert following.roadmap.history[:-1] == plan.roadmap.history
    assert following.roadmap.current.number == 7
    assert following.baseline == plan.allocation
