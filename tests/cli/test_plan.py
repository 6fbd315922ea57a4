"""``plan new|update|advance|allocate|evaluate|next-cycle`` on a plan file."""

from __future__ import annotations

import json

import attrs
import pytest

from ict_competence.allocation import Team
from ict_competence.catalog import SchoolType
from ict_competence.cli import main
from ict_competence.flow import SessionStatus
from ict_competence.plan import SchoolPlan
from ict_competence.xlsx import write_team
from tests.cli.helpers import refused
from tests.plan.strategies import NAMES, small_school


def _at_step_five(plan_file):
    assert (
        main(["plan", "advance", str(plan_file), "--answer", "yes,yes", "--answer", "ja,Yes"]) == 0
    )
    return SchoolPlan.load(plan_file)


def test_a_new_plan_takes_the_catalog_and_the_team_workbook(tmp_path, capsys):
    team, path = tmp_path / "team.xlsx", tmp_path / "plan.json"
    write_team(small_school().team, team)

    status = main(
        [
            "plan",
            "new",
            "--name",
            "De Linde",
            "--school-type",
            "primary",
            "--team",
            str(team),
            str(path),
        ]
    )

    assert status == 0
    plan = SchoolPlan.load(path)
    assert plan.name == "De Linde"
    assert plan.school_type is SchoolType.PRIMARY
    assert plan.team == small_school().team
    assert plan.allocation is None
    assert path.stat().st_mode & 0o777 == 0o600
    out = capsys.readouterr().out
    assert out.startswith(f"Wrote {path}: <SchoolPlan 'De Linde': 1 school, 2 people")
    assert "answer it with --answer yes or no" in out
    assert not any(name in out for name in NAMES)


def test_a_new_plan_does_not_replace_a_file_without_force(plan_file, capsys):
    before = plan_file.read_bytes()
    argv = ["plan", "new", "--name", "X", "--school-type", "primary", str(plan_file)]

    line = refused(main(argv), capsys)

    assert f"{plan_file}: the file exists; pass --force" in line
    assert plan_file.read_bytes() == before
    assert main([*argv, "--force"]) == 0
    assert SchoolPlan.load(plan_file).team == Team(())


def test_answers_move_the_roadmap_then_the_data_answers_what_it_can(plan_file, capsys):
    plan = _at_step_five(plan_file)

    out = capsys.readouterr().out
    # Step 5 (the overview differs from the catalog's) and step 6 (who can do what) from data.
    assert [move.step for move in plan.roadmap.path] == [1, 2, 3, 4, 5, 6]
    assert [move.evidence is not None for move in plan.roadmap.path] == [False] * 4 + [True] * 2
    assert plan.roadmap.current.number == 7
    assert "step 4: yes (your answer)\nstep 5: done, from the plan's task overview: Task " in out
    assert "step 6: no, from the plan's team: Tasks nobody may take as primary under the " in out
    assert "(from plan." not in out
    assert out.endswith(
        f"Roadmap: step 7 (action), cycle 1; allocate with ict-competence plan allocate "
        f"{plan_file}; then ict-competence plan advance completes it\n"
    )


def test_a_wrong_answer_names_the_step_and_leaves_the_plan(plan_file, capsys):
    before = plan_file.read_bytes()

    line = refused(main(["plan", "advance", str(plan_file), "--answer", "yes,done"]), capsys)

    assert line == (
        "ict-competence: error: --answer, answer 2: step 2 is a check: expected yes or no, "
        "found 'done'"
    )
    assert plan_file.read_bytes() == before


def test_advancing_without_anything_to_answer_leaves_the_file_untouched(plan_file, capsys):
    before = plan_file.stat().st_mtime_ns, plan_file.read_bytes()

    assert main(["plan", "advance", str(plan_file)]) == 0

    assert "unchanged" in capsys.readouterr().out
    assert (plan_file.stat().st_mtime_ns, plan_file.read_bytes()) == before


def test_a_year_from_the_command_line(plan_file, capsys):
    _at_step_five(plan_file)

    assert main(["plan", "allocate", str(plan_file)]) == 0
    assert main(["plan", "advance", str(plan_file)]) == 0
    assert main(["plan", "evaluate", str(plan_file)]) == 0
    assert main(["plan", "next-cycle", str(plan_file)]) == 0

    plan = SchoolPlan.load(plan_file)
    assert plan.roadmap.cycle == 2
    assert plan.roadmap.current.number == 5
    assert plan.baseline is not None
    assert plan.allocation is None
    out = capsys.readouterr().out
    assert "Allocated 2 task instances" in out
    assert "1 to recruit for, 1 to outsource" in out
    assert "Coverage: 50% of the task hours" in out
    assert "cycle 2 starts at step 5" in out
    assert not any(name in out for name in NAMES)


def test_allocating_with_a_time_limit_keeps_the_plan_current(plan_file, capsys):
    assert main(["plan", "allocate", str(plan_file), "--time-limit", "5"]) == 0

    plan = SchoolPlan.load(plan_file)
    assert plan.allocation_is_current
    assert plan.allocation is not None
    assert plan.allocation.solver == "heuristic"
    assert "Saved" in capsys.readouterr().out


def test_the_evaluation_renders_in_a_format(plan_file, tmp_path, capsys):
    main(["plan", "allocate", str(plan_file)])
    out = tmp_path / "e.json"
    capsys.readouterr()

    assert main(["plan", "evaluate", str(plan_file), "--format", "json", "--out", str(out)]) == 0
    assert (
        main(["plan", "evaluate", str(plan_file), "--format", "markdown", "--language", "en"]) == 0
    )

    assert json.loads(out.read_text())["coverage"] == pytest.approx(0.5)
    page = capsys.readouterr().out.split("\n", 1)[1]
    assert page.startswith("#")
    assert not any(name in page for name in NAMES)


def test_evaluating_without_an_allocation_is_refused(plan_file, capsys):
    line = refused(main(["plan", "evaluate", str(plan_file)]), capsys)

    assert "there is no allocation to evaluate" in line


def test_the_next_cycle_waits_for_the_evaluation_step(plan_file, capsys):
    main(["plan", "allocate", str(plan_file)])
    before = plan_file.read_bytes()

    line = refused(main(["plan", "next-cycle", str(plan_file)]), capsys)

    assert line.endswith(
        "step 1: the roadmap is not at the evaluation yet; answer it with --answer yes or no"
    )
    assert plan_file.read_bytes() == before


def test_an_edited_team_makes_the_allocation_stale(plan_file, tmp_path, capsys):
    main(["plan", "allocate", str(plan_file)])
    plan = SchoolPlan.load(plan_file)
    people = tuple(attrs.evolve(p, hours=p.hours / 2) for p in plan.team.people)
    book = write_team(Team(people), tmp_path / "team.xlsx")

    assert main(["plan", "update", str(plan_file), "--team", str(book)]) == 0

    updated = SchoolPlan.load(plan_file)
    assert updated.team == Team(people)
    assert not updated.allocation_is_current
    assert "allocation stale" in capsys.readouterr().out
    assert main(["plan", "evaluate", str(plan_file)]) == 0
    assert "The allocation is stale" in capsys.readouterr().out


def test_an_update_needs_a_workbook(plan_file, capsys):
    assert "give --overview, --team or both" in refused(
        main(["plan", "update", str(plan_file)]), capsys
    )


def test_a_paused_step_says_so(plan_file, capsys):
    assert main(["plan", "advance", str(plan_file), "--answer", "no"]) == 0

    plan = SchoolPlan.load(plan_file)
    assert plan.roadmap.status is SessionStatus.PAUSED
    assert "Roadmap: step 1 (check), cycle 1, paused" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("command", "name", "expected"),
    [
        ("allocate", "team.xlsx", "team.xlsx is a team workbook, not a plan"),
        ("evaluate", "team.json", "team.json is a team file, not a plan"),
        ("advance", "overview.xlsx", "overview.xlsx is a task overview workbook, not a plan"),
        ("next-cycle", "session.json", "session.json is a roadmap session file, not a plan"),
    ],
)
def test_a_file_of_another_kind_is_named_as_what_it_is(command, name, expected, tmp_path, capsys):
    from ict_competence.serialize import to_json
    from ict_competence.xlsx import write_overview

    plan = small_school()
    write_team(plan.team, tmp_path / "team.xlsx")
    write_overview(plan.overview, tmp_path / "overview.xlsx")
    (tmp_path / "team.json").write_text(to_json(plan.team))
    (tmp_path / "session.json").write_text(to_json(plan.roadmap))
    path = tmp_path / name
    before = path.read_bytes()

    line = refused(main(["plan", command, str(path)]), capsys)

    assert line == (
        f"ict-competence: error: {tmp_path / expected}: give the plan file that plan new wrote"
    )
    assert path.read_bytes() == before


def test_evaluating_checks_out_before_any_work_and_says_the_command_to_run(plan_file, capsys):
    evaluation = plan_file.with_name("e.md")
    evaluation.write_text("mine")

    first = refused(
        main(
            ["plan", "evaluate", str(plan_file), "--format", "markdown", "--out", str(evaluation)]
        ),
        capsys,
    )
    second = refused(main(["plan", "evaluate", str(plan_file)]), capsys)
    third = refused(main(["plan", "evaluate", str(plan_file), "--out", str(evaluation)]), capsys)

    assert first.endswith(f"{evaluation}: the file exists; pass --force to overwrite it")
    assert second.endswith(
        f"{plan_file}: there is no allocation to evaluate; "
        f"run ict-competence plan allocate {plan_file} first"
    )
    assert "allocate()" not in second
    assert third.endswith("--out writes the evaluation in a format: give --format too")
    assert evaluation.read_text() == "mine"


def test_a_typed_answer_never_overrules_the_plans_data(tmp_path, capsys):
    from ict_competence.catalog import load_catalog

    # The catalog's own overview, untouched: step 5 is the school's tailoring still to do.
    plan = attrs.evolve(small_school(), overview=load_catalog().overview())
    path = plan.save(tmp_path / "plan.json")
    before = path.read_bytes()

    line = refused(main(["plan", "advance", str(path), "--answer", "yes,yes,yes,yes,done"]), capsys)

    assert line == (
        "ict-competence: error: --answer, answer 5: step 5 is answered by the plan's data: "
        f"tailor the overview and run ict-competence plan update {path} --overview X.xlsx"
    )
    assert path.read_bytes() == before


def test_step_7_is_completed_only_by_an_allocation(plan_file, capsys):
    _at_step_five(plan_file)
    before = plan_file.read_bytes()

    refusal = refused(main(["plan", "advance", str(plan_file), "--answer", "done"]), capsys)
    assert plan_file.read_bytes() == before
    assert main(["plan", "allocate", str(plan_file)]) == 0
    allocated = capsys.readouterr().out
    again = refused(main(["plan", "advance", str(plan_file), "--answer", "done"]), capsys)
    assert main(["plan", "advance", str(plan_file)]) == 0

    assert refusal == (
        "ict-competence: error: --answer, answer 1: step 7 is answered by the plan's data: "
        f"run ict-competence plan allocate {plan_file} first"
    )
    assert allocated.endswith(
        f"Saved {plan_file}.\nRoadmap: step 7 (action), cycle 1; ict-competence plan advance "
        f"{plan_file} completes it from the allocation\n"
    )
    assert again.endswith(f"run ict-competence plan advance {plan_file} without --answer")
    out = capsys.readouterr().out
    assert "step 7: done, from the plan's division of tasks: Hours covered: 50 %." in out
    assert SchoolPlan.load(plan_file).roadmap.current.number == 8
    assert "ict-competence plan next-cycle" in out


def test_step_6_and_the_evaluation_take_no_typed_answer(plan_file, capsys):
    _at_step_five(plan_file)
    main(["plan", "allocate", str(plan_file)])
    main(["plan", "advance", str(plan_file)])
    plan = SchoolPlan.load(plan_file)
    at_six = attrs.evolve(plan, roadmap=plan.roadmap.revisit(6)).save(
        plan_file.with_name("six.json")
    )
    capsys.readouterr()

    at_eight = refused(main(["plan", "advance", str(plan_file), "--answer", "done"]), capsys)
    six = refused(main(["plan", "advance", str(at_six), "--answer", "yes"]), capsys)

    assert at_eight.endswith(
        f"step 8 is answered by the plan's data: run ict-competence plan evaluate {plan_file}, "
        f"then ict-competence plan next-cycle {plan_file}"
    )
    assert six.endswith(
        f"step 6 is answered by the plan's data: run ict-competence plan advance {at_six} "
        "without --answer"
    )


def test_allocating_before_step_7_does_not_say_it_completes_step_7(plan_file, capsys):
    assert main(["plan", "allocate", str(plan_file)]) == 0

    out = capsys.readouterr().out
    assert "completes step 7" not in out
    assert out.endswith("Roadmap: step 1 (check), cycle 1; answer it with --answer yes or no\n")


def test_the_next_cycle_starts_at_a_step_of_1_to_7_checked_when_parsed(plan_file, capsys):
    line = refused(main(["plan", "next-cycle", str(plan_file), "--from-step", "9"]), capsys)

    assert line.endswith(
        "argument --from-step: invalid choice: 9 (choose from 1, 2, 3, 4, 5, 6, 7)"
    )
    assert "revisit" not in line
