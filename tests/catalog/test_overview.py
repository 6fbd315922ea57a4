import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ict_competence.catalog import (
    FULL_TIME_HOURS,
    Cluster,
    Horizon,
    SchoolType,
    Scope,
    TaskChoice,
    TaskOverview,
    load_catalog,
)
from ict_competence.errors import FieldError, UnknownCodeError
from tests import strategies


def test_a_new_overview_has_one_choice_per_catalog_task_in_order():
    catalog = load_catalog()

    overview = catalog.overview()

    assert overview.codes == tuple(task.code for task in catalog.tasks)
    assert all(choice.hours_per_year == choice.task.hours_per_year for choice in overview)


def test_a_task_whose_default_scope_is_either_starts_at_school_level():
    catalog = load_catalog()
    overview = catalog.overview()

    for choice in overview:
        expected = Scope.SCHOOL_GROUP if choice.task.scope is Scope.SCHOOL_GROUP else Scope.SCHOOL
        assert choice.scope is expected


def test_strategic_tasks_start_on_the_short_term_and_others_on_the_long_term():
    overview = load_catalog().overview()

    for choice in overview:
        assert (choice.horizon is Horizon.SHORT_TERM) == choice.task.strategic


def test_a_task_limited_to_vocational_schools_does_not_apply_in_a_primary_school():
    primary = load_catalog().overview(school_type=SchoolType.PRIMARY)
    vocational = load_catalog().overview(school_type=SchoolType.SECONDARY_VOCATIONAL)

    assert not primary.choice("TECH-12").applies
    assert vocational.choice("TECH-12").applies


def test_choose_returns_a_new_overview_and_leaves_the_old_one():
    overview = load_catalog().overview()

    tailored = overview.choose("PED-03", horizon=Horizon.DROPPED, notes="later")

    assert tailored.choice("PED-03").horizon is Horizon.DROPPED
    assert tailored.choice("PED-03").notes == "later"
    assert overview.choice("PED-03").notes == ""
    assert len(tailored) == len(overview)


def test_choose_refuses_an_unknown_code_and_lists_known_ones():
    with pytest.raises(UnknownCodeError, match="no task with code 'TECH-99'; known codes: TECH-01"):
        load_catalog().overview().choose("TECH-99", applies=False)


def test_choose_refuses_an_unknown_field():
    with pytest.raises(FieldError, match="a task choice has no such field; it has task, applies"):
        load_catalog().overview().choose("TECH-01", colour="red")


def test_choose_refuses_a_scope_of_either():
    with pytest.raises(FieldError, match="scope"):
        load_catalog().overview().choose("TECH-01", scope=Scope.EITHER)


def test_choose_refuses_to_swap_in_another_task():
    catalog = load_catalog()

    with pytest.raises(FieldError, match="cannot hold task TECH-02"):
        catalog.overview().choose("TECH-01", task=catalog.task("TECH-02"))


def test_a_school_can_add_a_task_of_its_own_once():
    catalog = load_catalog()
    own = attrs.evolve(catalog.task("ADM-02"), code="EIGEN-01")
    overview = catalog.overview().add(TaskChoice(task=own, hours_per_year=5))

    assert overview.choice("EIGEN-01").task is own
    assert "EIGEN-01" in overview
    with pytest.raises(FieldError, match="already in the overview"):
        overview.add(TaskChoice(task=own, hours_per_year=5))


def test_an_overview_refuses_two_choices_for_one_task():
    choice = load_catalog().overview().choices[0]

    with pytest.raises(FieldError, match="occurs more than once"):
        TaskOverview((choice, choice))


def test_the_summary_counts_only_tasks_that_apply_and_are_not_dropped():
    overview = (
        load_catalog()
        .overview()
        .choose("TECH-01", applies=False)
        .choose("TECH-02", horizon=Horizon.DROPPED)
    )

    summary = overview.summary()

    expected = sum(
        c.hours_per_year for c in overview if c.applies and c.horizon is not Horizon.DROPPED
    )
    assert summary.total_hours == pytest.approx(expected)
    assert summary.hours_by_horizon[Horizon.DROPPED] == overview.choice("TECH-02").hours_per_year
    assert sum(summary.hours_by_cluster.values()) == pytest.approx(expected)


def test_the_summary_warns_when_the_work_exceeds_one_persons_hours():
    overview = load_catalog().overview()

    assert overview.summary().total_hours > FULL_TIME_HOURS
    assert any("divide them over a team" in w.en for w in overview.summary().warnings)
    assert any("verdeel ze over een team" in w.nl for w in overview.summary().warnings)
    assert overview.summary(capacity=100_000).warnings == ()


@given(strategies.task_overviews(), st.floats(min_value=1, max_value=10_000))
def test_the_summary_adds_up_and_warns_exactly_when_over_capacity(overview, capacity):
    summary = overview.summary(capacity=capacity)

    total = sum(choice.hours_per_year for choice in overview.active())
    assert summary.total_hours == pytest.approx(total)
    assert sum(summary.hours_by_cluster.values()) == pytest.approx(total)
    assert set(summary.hours_by_cluster) == set(Cluster)
    assert bool(summary.warnings) == (
        summary.total_hours > capacity or summary.hours_by_horizon[Horizon.SHORT_TERM] > capacity
    )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"applies": "nee"}, "applies"),
        ({"horizon": "dropped"}, "horizon"),
        ({"notes": 3}, "notes"),
        ({"task": "TECH-01"}, "task"),
    ],
)
def test_choose_refuses_values_of_the_wrong_type_naming_the_field(changes, field):
    with pytest.raises(FieldError, match=f"^{field}: expected"):
        load_catalog().overview().choose("TECH-01", **changes)


def test_names_and_notes_stay_out_of_the_repr():
    choice = (
        load_catalog()
        .overview()
        .choose("TECH-01", responsible="Jan Peeters", backup="An Janssens", notes="ziek")
        .choice("TECH-01")
    )

    text = repr(choice)

    assert "Jan" not in text
    assert "Janssens" not in text
    assert "ziek" not in text
    assert "responsible=<name>" in text
