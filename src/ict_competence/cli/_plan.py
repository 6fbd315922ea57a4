"""``plan new|update|advance|allocate|evaluate|next-cycle``: a school's year in its plan file.

Each command but ``new`` loads the plan file, acts, and saves the plan back into the same
file (atomically, readable by its owner only): rewriting it is the command's purpose, so
it needs no ``--force``. ``evaluate`` changes nothing and leaves the file as it is.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import attrs

from ict_competence.allocation import DecisionKind, Team
from ict_competence.allocation._arguments import SOLVERS, check_time_limit
from ict_competence.catalog import load_catalog
from ict_competence.cli._answers import answer_all
from ict_competence.cli._common import (
    PROG,
    Subcommands,
    add_command,
    add_force,
    add_group,
    add_language,
    add_out,
    comma_list,
    refuse_existing,
)
from ict_competence.cli._files import load_plan
from ict_competence.cli._output import emit
from ict_competence.cli._progress import progress_line
from ict_competence.cli._steps import move_line, quality, typed_refusal, where
from ict_competence.cli._workbooks import SCHOOL_TYPE_HELP, school_type
from ict_competence.errors import FieldError, IctCompetenceError
from ict_competence.flow import StepKind
from ict_competence.plan import Evaluation, SchoolPlan

__all__ = ["register"]


def _new(args: argparse.Namespace) -> int:
    from ict_competence.xlsx import read_overview, read_team  # noqa: PLC0415 - openpyxl when used

    refuse_existing(args.planfile, args.force)
    if args.overview is not None:
        overview = read_overview(args.overview)
    else:
        overview = load_catalog().overview(school_type=args.school_type)
    team = read_team(args.team) if args.team is not None else Team(())
    plan = SchoolPlan(name=args.name, overview=overview, team=team, school_type=args.school_type)
    plan.save(args.planfile)
    print(f"Wrote {args.planfile}: {plan!r}")
    print(where(plan, args.planfile))
    return 0


def _update(args: argparse.Namespace) -> int:
    from ict_competence.xlsx import read_overview, read_team  # noqa: PLC0415 - openpyxl when used

    if args.overview is None and args.team is None:
        raise IctCompetenceError("plan update: give --overview, --team or both")
    plan = load_plan(args.planfile)
    if args.overview is not None:
        plan = attrs.evolve(plan, overview=read_overview(args.overview))
    if args.team is not None:
        plan = attrs.evolve(plan, team=read_team(args.team))
    plan.save(args.planfile)
    print(f"Saved {args.planfile}: {plan!r}")
    return 0


def _advance(args: argparse.Namespace) -> int:
    plan = load_plan(args.planfile)
    before = len(plan.roadmap.history)
    session = answer_all(plan.roadmap, args.answer, "--answer", typed_refusal(plan, args.planfile))
    plan = attrs.evolve(plan, roadmap=session).advance()
    moves = plan.roadmap.history[before:]
    if moves:
        plan.save(args.planfile)
    for move in moves:
        print(move_line(move))
    if not moves:
        print(f"{args.planfile}: unchanged; the plan's data does not answer the current step")
    print(where(plan, args.planfile))
    return 0


def _allocate(args: argparse.Namespace) -> int:
    plan = load_plan(args.planfile)
    with progress_line(args.solver == "optimal") as progress:
        plan = plan.allocate(solver=args.solver, time_limit=args.time_limit, progress=progress)
    plan.save(args.planfile)
    allocation = plan.allocation
    assert allocation is not None  # noqa: S101 - allocate() made it
    kinds = [decision.kind for decision in allocation.decisions.values()]
    print(
        f"Allocated {len(allocation.assignments)} task instances ({allocation.coverage:.0%} of "
        f"the hours); {kinds.count(DecisionKind.RECRUIT)} to recruit for, "
        f"{kinds.count(DecisionKind.OUTSOURCE)} to outsource; {quality(allocation)} "
        f"({args.solver})."
    )
    print(f"Saved {args.planfile}.")
    print(where(plan, args.planfile))
    return 0


def _allocated(path: Path) -> SchoolPlan:
    """The plan in ``path``, which must have an allocation; else says what to run."""
    plan = load_plan(path)
    if plan.allocation is None:
        raise IctCompetenceError(
            f"{path}: there is no allocation to evaluate; run {PROG} plan allocate {path} first"
        )
    return plan


def _evaluation(path: Path) -> Evaluation:
    """The evaluation of the plan in ``path``; a plan without an allocation says what to run."""
    return _allocated(path).evaluate()


def _evaluate(args: argparse.Namespace) -> int:
    if args.format is not None:
        return emit(
            args, lambda: _evaluation(args.planfile), fmt=args.format, what="the evaluation"
        )
    if args.out is not None:
        raise IctCompetenceError("--out writes the evaluation in a format: give --format too")
    evaluation = _evaluation(args.planfile)
    lines = [
        f"Coverage: {evaluation.coverage:.0%} of the task hours have someone to do them.",
        f"Uncovered: {len(evaluation.uncovered)} task instances.",
        f"Single points of failure: {len(evaluation.single_points_of_failure)} strategic "
        "task instances without a back-up.",
        "Overloaded: " + (", ".join(evaluation.overloaded) or "nobody") + ".",
    ]
    if evaluation.diff is not None:
        lines.append(f"Changed since the last cycle: {len(evaluation.diff.changes)} people.")
    if not evaluation.current:
        lines.append("The allocation is stale: the plan changed since; allocate again.")
    print("\n".join(lines))
    return 0


def _next_cycle(args: argparse.Namespace) -> int:
    plan = load_plan(args.planfile)
    step = plan.roadmap.current
    if step.kind is not StepKind.EVALUATION:
        raise IctCompetenceError(
            f"step {step.number}: the roadmap is not at the evaluation yet; "
            f"{where(plan, args.planfile).split('; ', 1)[1]}"
        )
    plan = _allocated(args.planfile).next_cycle(from_step=args.from_step)
    plan.save(args.planfile)
    print(f"Saved {args.planfile}: cycle {plan.roadmap.cycle} starts at step {args.from_step}.")
    print(where(plan, args.planfile))
    return 0


def _seconds(text: str) -> float:
    """A time limit in seconds (an argparse type), checked as ``allocate`` checks it."""
    value: object
    try:
        value = float(text)
    except ValueError:
        value = text  # no number: the check says what it expected
    try:
        seconds = check_time_limit(value, "--time-limit")
    except FieldError as error:
        raise argparse.ArgumentTypeError(error.message) from None
    assert seconds is not None  # noqa: S101 - a float is never None
    return seconds


def _plan_file(parser: argparse.ArgumentParser, help_: str) -> None:
    parser.add_argument("planfile", type=Path, metavar="PLANFILE", help=help_)


_REWRITES = "The plan file is rewritten in place (atomically): no --force is needed for it."


def register(commands: Subcommands) -> None:
    """Add ``plan`` and its commands."""
    plans = add_group(
        commands,
        "plan",
        summary="the school plan: a school's year in one file",
        details="new writes a plan file; update, advance, allocate and next-cycle load it,\n"
        "act and save it back in place; evaluate reads it.",
        example=[
            'ict-competence plan new --name "De Linde" --school-type primary plan.json',
            "ict-competence plan advance plan.json --answer yes,yes,yes,no",
            "ict-competence plan allocate plan.json --solver optimal --time-limit 60",
        ],
    )
    _register_new(plans)
    _register_update(plans)
    _register_advance(plans)
    _register_allocate(plans)
    _register_evaluate(plans)
    _register_next_cycle(plans)


def _register_new(plans: Subcommands) -> None:
    new = add_command(
        plans,
        "new",
        summary="write a new plan: the catalog's overview or a workbook's, and a team",
        details="Without --overview the catalog's overview for the school type; without\n"
        "--team an empty team (add people in a team workbook and use plan update).",
        example=[
            'ict-competence plan new --name "De Linde" --school-type primary '
            "--team team.xlsx plan.json"
        ],
        run=_new,
    )
    _plan_file(new, "the plan file to write")
    new.add_argument("--name", required=True, help="the school's or school group's name")
    new.add_argument(
        "--school-type", type=school_type, required=True, metavar="TYPE", help=SCHOOL_TYPE_HELP
    )
    new.add_argument("--overview", type=Path, metavar="X.xlsx", help="a task-overview workbook")
    new.add_argument("--team", type=Path, metavar="T.xlsx", help="a team workbook")
    add_force(new)


def _register_update(plans: Subcommands) -> None:
    update = add_command(
        plans,
        "update",
        summary="bring an edited overview or team workbook into the plan",
        details="An allocation made before becomes stale until the plan is allocated again.\n"
        + _REWRITES,
        example=["ict-competence plan update plan.json --team team.xlsx"],
        run=_update,
    )
    _plan_file(update, "the plan file to update")
    update.add_argument("--overview", type=Path, metavar="X.xlsx", help="a task-overview workbook")
    update.add_argument("--team", type=Path, metavar="T.xlsx", help="a team workbook")


def _register_advance(plans: Subcommands) -> None:
    advance = add_command(
        plans,
        "advance",
        summary="answer roadmap steps, then let the plan's data answer what it can",
        details="Each --answer answers the step the roadmap is at, in order: yes or no for a\n"
        "check (steps 1-4 are the school's own judgement), done for an action. Then the\n"
        "plan's data answers steps 5-7 as far as it can, with the evidence for each.\n" + _REWRITES,
        example=["ict-competence plan advance plan.json --answer yes,yes,yes,no"],
        run=_advance,
    )
    _plan_file(advance, "the plan file to advance")
    advance.add_argument(
        "--answer",
        type=comma_list,
        action="extend",
        default=[],
        metavar="A[,A…]",
        help="answers in order: yes, no or done (ja, nee, klaar); may be repeated",
    )


def _register_allocate(plans: Subcommands) -> None:
    allocate = add_command(
        plans,
        "allocate",
        summary="divide the overview's tasks over the team (roadmap step 7)",
        details="The optimal solver needs the [optimal] extra. On a terminal it shows its\n"
        "progress on stderr (elapsed time, best value, bound); in a pipe it is quiet.\n"
        + _REWRITES,
        example=["ict-competence plan allocate plan.json --solver optimal --time-limit 60"],
        run=_allocate,
    )
    _plan_file(allocate, "the plan file to allocate")
    allocate.add_argument(
        "--solver",
        type=str.lower,
        choices=SOLVERS,
        default="heuristic",
        help="heuristic (default) or optimal (exact, with a bound)",
    )
    allocate.add_argument(
        "--time-limit", type=_seconds, metavar="S", help="stop after S seconds with the best found"
    )


def _register_evaluate(plans: Subcommands) -> None:
    evaluate = add_command(
        plans,
        "evaluate",
        summary="evaluate the plan's allocation (roadmap step 8); the file is not changed",
        details="A summary by default; --format renders the whole evaluation (people by id).",
        example=[
            "ict-competence plan evaluate plan.json",
            "ict-competence plan evaluate plan.json --format html --out evaluatie.html",
        ],
        run=_evaluate,
    )
    _plan_file(evaluate, "the plan file to evaluate")
    evaluate.add_argument("--format", help="render the evaluation: markdown, html, json, …")
    add_language(evaluate)
    add_out(evaluate, "the rendered evaluation")


def _register_next_cycle(plans: Subcommands) -> None:
    next_cycle = add_command(
        plans,
        "next-cycle",
        summary="close the evaluation and start the next cycle",
        details="The evaluation becomes step 8's evidence and this cycle's allocation the\n"
        "baseline the next one is compared with.\n" + _REWRITES,
        example=["ict-competence plan next-cycle plan.json --from-step 5"],
        run=_next_cycle,
    )
    _plan_file(next_cycle, "the plan file")
    next_cycle.add_argument(
        "--from-step",
        type=int,
        choices=range(1, 8),
        default=5,
        metavar="N",
        help="the step to start at, 1-7 (default: 5)",
    )
