"""The service: ``allocate`` an overview's tasks over a team, and make the result."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import Executor

import attrs

from ict_competence._checks import argument, tuple_argument
from ict_competence.allocation._arguments import (
    SOLVERS,
    Solver,
    check_executor,
    check_solver,
    check_time_limit,
)
from ict_competence.allocation._decompose import ProgressCallback, solve_exact
from ict_competence.allocation._heuristic import solve_heuristic
from ict_competence.allocation._model import (
    Assignment,
    Decision,
    DecisionKind,
    Exclusion,
    Pin,
    Team,
)
from ict_competence.allocation._numeric import EPS, GAP_TOLERANCE
from ict_competence.allocation._outcome import NOBODY, Outcome, exact_objective, loads, relative_gap
from ict_competence.allocation._problem import Problem
from ict_competence.allocation._reasons import Reason, ReasonKind
from ict_competence.allocation._result import Allocation, Candidate, InstanceInfo
from ict_competence.allocation._rules import RuleSet, default_rules
from ict_competence.catalog import TaskOverview
from ict_competence.errors import FieldError

__all__ = ["SOLVERS", "allocate"]

#: Share of a time limit the optimal mode gives its warm start.
_WARM_SHARE = 0.3
#: Candidates kept per instance for explanations.
_CANDIDATES = 10


def allocate(
    overview: TaskOverview,
    team: Team,
    *,
    rules: RuleSet | None = None,
    solver: Solver = "heuristic",
    time_limit: float | None = None,
    pins: Iterable[Pin] = (),
    exclusions: Iterable[Exclusion] = (),
    workers: int | None = None,
    executor: Executor | None = None,
    progress: ProgressCallback | None = None,
) -> Allocation:
    """Divide the overview's task instances over the team (roadmap step 7), as a proposal.

    Args:
        overview: the tailored task overview; its active choices are the tasks.
        team: the people, one school's or a school group's.
        rules: the rule set; :func:`default_rules` when not given.
        solver: ``"heuristic"`` (pure Python, deterministic without a time limit) or
            ``"optimal"`` (an exact MILP with HiGHS, the extra ``ict_competence[optimal]``,
            warm-started from the heuristic and skipped when the heuristic proves itself).
        time_limit: seconds; the heuristic returns its best so far on time, the optimal
            mode its best with bound and gap, never more than 10 % late.
        pins: choices made in consultation that the allocation keeps.
        exclusions: people who must not get a task.
        workers: threads for a group's schools in the optimal mode (``None``: all cores).
        executor: any ``concurrent.futures.Executor`` to solve the schools on instead.
        progress: called by the optimal mode with a :class:`Progress` as it goes.

    Raises:
        AllocationError: a pin breaks a hard rule (the message names rule, person and task).
        UnknownCodeError: a pin or exclusion names a task instance that does not exist.
        FieldError: an argument of the wrong type or range (``time_limit=0``), named.

    >>> from ict_competence import Cluster, Domain, Person, load_catalog
    >>> everything = {d: 3 for d in Domain}, {c: 2 for c in Cluster}
    >>> team = Team((Person(id="ann", hours=400, levels=everything[0], motivation=everything[1]),))
    >>> result = allocate(load_catalog().overview(), team)
    >>> result.coverage > 0, result.bound >= result.objective
    (True, True)
    """
    _check_arguments(solver, time_limit, workers, executor, progress)
    started = time.monotonic()
    problem = _problem(overview, team, rules, pins, exclusions)
    time_limit = _keep_time_to_build(started, time_limit)
    if solver == "heuristic":
        outcome = solve_heuristic(problem, _left(started, time_limit))
    else:
        warm_limit = None if time_limit is None else _WARM_SHARE * time_limit
        outcome = solve_heuristic(problem, _left(started, warm_limit))
        outcome = solve_exact(
            problem,
            outcome,
            _left(started, time_limit),
            workers=workers,
            executor=executor,
            progress=progress,
        )
    return build_allocation(problem, _complete(problem, outcome))


def _keep_time_to_build(started: float, time_limit: float | None) -> float | None:
    """The limit the solvers keep to, so that the whole call keeps ``time_limit``.

    Building the result walks the instances and people as compiling the problem did (about
    as long), so the solvers stop that much earlier than the caller's limit.
    """
    if time_limit is None:
        return None
    return time_limit - (time.monotonic() - started)


def _problem(
    overview: TaskOverview,
    team: Team,
    rules: RuleSet | None,
    pins: Iterable[Pin],
    exclusions: Iterable[Exclusion],
) -> Problem:
    """The problem to solve, once each of its parts is found to be what it should be."""
    # Checked although typed: a caller's mistake shows here, not deep in the solver.
    argument("overview", overview, TaskOverview)
    argument("team", team, Team)
    rules = rules if rules is not None else default_rules()
    argument("rules", rules, RuleSet)
    return Problem(
        overview,
        team,
        rules,
        pins=tuple_argument("pins", pins, Pin),
        exclusions=tuple_argument("exclusions", exclusions, Exclusion),
    )


def _check_arguments(
    solver: object, time_limit: object, workers: object, executor: object, progress: object
) -> None:
    check_solver(solver)
    check_time_limit(time_limit)
    if workers is not None and (
        isinstance(workers, bool) or not isinstance(workers, int) or workers < 1
    ):
        raise FieldError("workers", f"expected a whole number >= 1, found {workers!r}")
    check_executor(executor)
    if progress is not None and not callable(progress):
        raise FieldError("progress", f"expected a function of a Progress, found {progress!r}")


def _left(started: float, limit: float | None) -> float | None:
    """What is left of ``limit`` seconds counted from ``started`` (never below zero)."""
    if limit is None:
        return None
    return max(0.0, limit - (time.monotonic() - started))


def _complete(problem: Problem, outcome: Outcome) -> Outcome:
    """Give what is still open to anyone eligible with room, if it costs nothing.

    Solvers only take what adds value; a task worth nothing (no hours budgeted) is
    still better done by someone who may and can than decided about.
    """
    primary = list(outcome.primary)
    load = loads(problem, primary, outcome.backup)
    changed = False
    for t, holder in enumerate(primary):
        if holder != NOBODY:
            continue
        hours = problem.hours[t]
        for p in problem.primary_candidates[t]:
            gain = problem.primary_value[p][t] + (
                problem.penalty(p, load[p] + hours) - problem.penalty(p, load[p])
            )
            if load[p] + hours <= problem.capacity[p] + EPS and gain >= 0:
                primary[t] = p
                load[p] += hours
                changed = True
                break
    if not changed:
        return outcome
    objective = exact_objective(problem, primary, list(outcome.backup))
    return attrs.evolve(
        outcome, primary=tuple(primary), objective=max(objective, outcome.objective)
    )


def build_allocation(problem: Problem, outcome: Outcome) -> Allocation:
    """The :class:`Allocation` for a solver's outcome on ``problem``."""
    people = problem.people
    assignments: dict[str, Assignment] = {}
    decisions: dict[str, Decision] = {}
    infos = []
    for t, instance in enumerate(problem.instances):
        task = instance.task
        shown = problem.primary_candidates[t][:_CANDIDATES]
        if outcome.primary[t] != NOBODY and outcome.primary[t] not in shown:
            shown = [*shown, outcome.primary[t]]
        candidates = tuple(
            Candidate(
                person=people[p].id,
                level=people[p].level(task.domain),
                motivation=people[p].motivation_for(task.cluster),
                score=problem.primary_value[p][t],
            )
            for p in shown
        )
        refused = Counter(rule for _, rule, _ in problem.refused[t])
        infos.append(
            InstanceInfo(
                key=instance.key,
                code=instance.code,
                school=instance.school,
                cluster=task.cluster,
                domain=task.domain,
                strategic=task.strategic,
                required_level=task.required_level,
                hours=problem.hours[t],
                backup_hours=problem.backup_hours[t],
                candidates=candidates,
                eligible=len(problem.primary_candidates[t]),
                refused=dict(sorted(refused.items())),
            )
        )
        p = outcome.primary[t]
        if p != NOBODY:
            b = outcome.backup[t]
            backup = people[b].id if b != NOBODY else None
            assignments[instance.key] = Assignment(people[p].id, backup)
        else:
            decisions[instance.key] = _decision(problem, t, refused)
    gap = relative_gap(outcome.objective, outcome.bound)
    return Allocation(
        assignments=assignments,
        decisions=decisions,
        objective=outcome.objective,
        bound=outcome.bound,
        gap=gap,
        proven=gap is not None and gap <= GAP_TOLERANCE,
        solver=outcome.solver,
        rules=problem.rules.name,
        instances=tuple(infos),
        capacity={person.id: float(person.hours) for person in people},
    )


def _decision(problem: Problem, t: int, refused: Counter[str]) -> Decision:
    """Recruit or outsource (roadmap step 6), and why nobody in scope takes the instance."""
    instance = problem.instances[t]
    kind = DecisionKind.for_task(strategic=instance.task.strategic)
    where = {} if instance.school is None else {"school": instance.school}
    eligible = len(problem.primary_candidates[t])
    if eligible:
        pinned = problem.pinned_primary or problem.pinned_backup
        no_room = ReasonKind.NO_ROOM_UNDER_PINS if pinned else ReasonKind.NO_ROOM
        return Decision(kind, Reason(no_room, where | {"people": eligible}))
    if refused:
        rules = tuple(
            Reason(ReasonKind.KEPT_OUT_BY_RULE, {"rule": rule, "people": count})
            for rule, count in sorted(refused.items())
        )
        return Decision(kind, Reason(ReasonKind.KEPT_OUT, where, rules))
    return Decision(kind, Reason(ReasonKind.NOBODY_THERE, where))
