"""The school plan as a value: changes, staleness, its repr, and keeping it in a file."""

from __future__ import annotations

import copy
import json
import os
import pickle
import stat
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

from ict_competence._atomic import replace_file
from ict_competence.allocation import EvenLoad, Team, even_load_rules
from ict_competence.errors import FieldError, PlanError, SerializationError
from ict_competence.flow import RoadmapSession
from ict_competence.plan import SchoolPlan
from ict_competence.serialize import SCHEMA_VERSION, from_json, to_json
from tests.plan.strategies import NAMES, plans, small_school, with_follow_up


def _with_hours(plan: SchoolPlan, person: str, hours: float) -> SchoolPlan:
    people = tuple(attrs.evolve(p, hours=hours) if p.id == person else p for p in plan.team.people)
    return attrs.evolve(plan, team=Team(people, plan.team.schools))


def test_a_new_plan_starts_the_roadmap_and_has_no_allocation():
    plan = small_school()

    assert plan.roadmap == RoadmapSession.start()
    assert plan.allocation is None
    assert plan.allocated_from is None
    assert not plan.allocation_is_current


def test_allocating_returns_a_new_plan_and_leaves_the_old_one_as_it_was():
    plan = small_school()

    allocated = plan.allocate()

    assert plan.allocation is None
    assert allocated.allocation is not None
    assert allocated.allocation_is_current
    assert set(allocated.allocation.decisions) == {"T-01", "T-02"}


def test_an_allocation_goes_stale_when_a_persons_hours_are_edited():
    plan = small_school().allocate()

    edited = _with_hours(plan, "p1", 10)

    assert plan.allocation_is_current
    assert not edited.allocation_is_current


def test_an_allocation_goes_stale_when_a_task_is_dropped():
    plan = small_school().allocate()

    edited = attrs.evolve(plan, overview=plan.overview.choose("T-03", applies=False))

    assert not edited.allocation_is_current


def test_an_allocation_goes_stale_when_the_rules_change():
    plan = small_school().allocate()

    edited = attrs.evolve(plan, rules=even_load_rules())

    assert not edited.allocation_is_current


def test_allocating_with_rules_makes_them_the_plans_rules():
    rules = even_load_rules()

    plan = small_school().allocate(rules=rules)

    assert plan.rules == rules
    assert plan.allocation is not None
    assert plan.allocation.rules == "even load"
    assert plan.allocation_is_current


def test_an_allocation_passed_in_is_taken_to_be_made_from_the_plan():
    made = small_school().allocate()

    plan = SchoolPlan(
        name="De Linde", overview=made.overview, team=made.team, allocation=made.allocation
    )

    assert plan.allocation_is_current


def test_the_repr_counts_and_shows_no_name_and_no_note():
    plan = with_follow_up(small_school(), "p1").allocate()

    shown = repr(plan)

    assert shown == (
        "<SchoolPlan 'Basisschool De Linde': 1 school, 2 people, 4 active tasks, "
        "step 1 (cycle 1), allocation current>"
    )
    assert len(shown) < 300


def test_a_very_long_name_keeps_the_repr_short():
    plan = attrs.evolve(small_school(), name="Scholengroep " * 40)

    assert len(repr(plan)) < 300


def test_a_follow_up_owned_by_someone_outside_the_team_is_refused_without_showing_them():
    with pytest.raises(FieldError) as raised:
        with_follow_up(small_school(), "Zoë")

    assert raised.value.field == "dialogue.entries[0].actions[0].owner"
    assert "Zoë" not in str(raised.value)


def test_a_follow_up_may_be_owned_by_a_catalog_role():
    plan = with_follow_up(small_school(), "directie")

    assert plan.dialogue is not None


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_saving_then_loading_gives_the_same_plan(tmp_path_factory, plan):
    path = tmp_path_factory.mktemp("plans") / "plan.json"

    plan.save(path)
    loaded = SchoolPlan.load(path)

    assert loaded == plan
    assert loaded.allocation_is_current == plan.allocation_is_current


def test_a_plan_pickles_into_an_equal_plan():
    plan = with_follow_up(small_school(), "p2").allocate()

    assert pickle.loads(pickle.dumps(plan)) == plan


def test_the_json_of_a_plan_has_the_schema_version_at_its_top():
    data = json.loads(to_json(small_school().allocate()))

    assert next(iter(data)) == "schema_version"
    assert data["schema_version"] == SCHEMA_VERSION


def test_the_plan_saves_its_rules_and_reads_them_back_as_the_same_rule_objects(tmp_path):
    plan = small_school().allocate(rules=even_load_rules(weight=3.0))

    loaded = SchoolPlan.load(plan.save(tmp_path / "plan.json"))

    assert loaded.rules == plan.rules
    assert loaded.rules is not None
    assert isinstance(loaded.rules.load[0], EvenLoad)
    assert loaded.allocation_is_current


def test_a_saved_plan_is_readable_by_its_owner_only(tmp_path):
    written = small_school().save(tmp_path / "plan.json")

    assert stat.S_IMODE(written.stat().st_mode) == 0o600


@pytest.mark.parametrize("existing", [False, True])
def test_a_plan_with_an_infinite_gap_is_refused_on_save_and_no_file_is_left(tmp_path, existing):
    plan = small_school().allocate()
    assert plan.allocation is not None
    with pytest.raises(FieldError, match=r"^gap: expected a finite number"):
        attrs.evolve(plan.allocation, gap=float("inf"))
    # A value set behind the constructor's back is still refused when the plan is saved.
    broken = copy.copy(plan.allocation)
    object.__setattr__(broken, "gap", float("inf"))
    plan = attrs.evolve(plan, allocation=broken)
    path = tmp_path / "plan.json"
    if existing:
        path.write_text("the previous plan")

    with pytest.raises(SerializationError, match=r"\$\.allocation\.gap: expected a finite number"):
        plan.save(path)

    assert [p.name for p in tmp_path.iterdir()] == (["plan.json"] if existing else [])
    assert not existing or path.read_text() == "the previous plan"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize(
    ("before", "mode", "expected"), [(None, 0o600, 0o600), (0o640, None, 0o640)]
)
def test_a_file_has_its_final_mode_before_anything_is_written_to_it(
    tmp_path, before, mode, expected
):
    target = tmp_path / "plan.json"
    if before is not None:
        target.write_text("{}")
        target.chmod(before)
    seen = []

    def write(temporary: Path) -> None:
        seen.append(_mode(temporary))  # what another user could read at this moment
        temporary.write_text('{"name": "personal"}')

    replace_file(target, write, mode=mode)

    assert seen == [expected]
    assert _mode(target) == expected


def test_a_new_file_without_a_mode_gets_the_users_umask(tmp_path):
    old = os.umask(0o027)
    try:
        written = replace_file(tmp_path / "page.html", lambda p: p.write_text("<p></p>"))
    finally:
        os.umask(old)

    assert _mode(written) == 0o640


def test_a_mode_the_umask_would_narrow_is_kept(tmp_path):
    old = os.umask(0o077)
    try:
        written = replace_file(tmp_path / "o.xlsx", lambda p: p.write_text("x"), mode=0o644)
    finally:
        os.umask(old)

    assert _mode(written) == 0o644


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_a_failed_save_leaves_the_previous_file_intact_and_no_temporary_file(
    tmp_path, monkeypatch, failing
):
    path = tmp_path / "plan.json"
    small_school().save(path)
    before = path.read_bytes()

    def fail(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, fail)
    with pytest.raises(PlanError, match=r"plan\.json: the plan could not be saved"):
        small_school().allocate().save(path)

    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]


def test_a_bad_value_in_a_saved_plan_is_named_by_its_file_and_path(tmp_path):
    path = small_school().save(tmp_path / "plan.json")
    data = json.loads(path.read_text("utf-8"))
    data["team"]["people"][1]["hours"] = "veel"
    path.write_text(json.dumps(data), "utf-8")

    with pytest.raises(SerializationError) as raised:
        SchoolPlan.load(path)

    assert str(raised.value) == f"{path}: $.team.people[1].hours: expected a number, found 'veel'"


def test_a_plan_from_a_newer_version_of_the_library_is_refused(tmp_path):
    path = tmp_path / "plan.json"
    data = json.loads(to_json(small_school()))
    data["schema_version"] = SCHEMA_VERSION + 1
    path.write_text(json.dumps(data), "utf-8")

    with pytest.raises(SerializationError, match=r"schema_version: .*upgrade ict_competence"):
        SchoolPlan.load(path)


def test_a_missing_plan_file_is_a_plan_error_naming_it(tmp_path):
    with pytest.raises(PlanError, match=r"nothing\.json: the plan could not be read"):
        SchoolPlan.load(tmp_path / "nothing.json")


def test_a_plan_read_from_json_equals_the_plan_written():
    plan = with_follow_up(small_school(), "p1").allocate()

    assert from_json(SchoolPlan, to_json(plan)) == plan


def test_the_saved_file_holds_the_names_only_inside_the_team(tmp_path):
    plan = small_school().allocate()

    data = json.loads(Path(plan.save(tmp_path / "plan.json")).read_text("utf-8"))
    outside = json.dumps({key: value for key, value in data.items() if key != "team"})

    assert not [name for name in NAMES if name in outside]


def test_a_plan_saved_in_schema_version_1_still_loads():
    # Written by the demo of the release that introduced the plan; a later format must
    # migrate it, never refuse it.
    fixture = Path(__file__).parent / "data" / "plan-schema-1.json"

    plan = SchoolPlan.load(fixture)

    assert json.loads(fixture.read_text("utf-8"))["schema_version"] == 1
    assert plan.name == "Scholengroep Voorbeeld"
    assert plan.roadmap.current.number == 8
    assert plan.allocation_is_current
