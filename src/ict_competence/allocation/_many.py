"""Fan-out: many allocation problems at once, on a thread pool, a process pool or a cluster.

A school group that weighs its schools' teams one by one, or an analyst who compares
rule sets over many schools, has many independent calls of :func:`allocate`. Each is
an :class:`AllocationJob`; :func:`allocate_many` runs them in this process, one after
another, or hands them to any :class:`concurrent.futures.Executor` (a thread pool, a
process pool, the executor of a Dask client) and gives back the allocations in the
order of the jobs. Jobs and allocations pickle, and so does every error of the library,
so a job fails on a worker process exactly as it fails here.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, Future
from functools import partial
from typing import TypeVar, cast

import attrs

from ict_competence._checks import as_tuple, instance_of, tuple_argument, tuple_of
from ict_competence._log import get_logger
from ict_competence.allocation._allocate import allocate
from ict_competence.allocation._arguments import (
    Solver,
    check_executor,
    check_solver,
    check_time_limit,
    field_check,
)
from ict_competence.allocation._model import Exclusion, Pin, Team
from ict_competence.allocation._result import Allocation
from ict_competence.allocation._rules import RuleSet
from ict_competence.catalog import TaskOverview
from ict_competence.errors import AllocationError, FieldError
from ict_competence.text import count, summary

__all__ = ["AllocationJob", "allocate_many"]

_LOG = get_logger("allocation")

T = TypeVar("T")


def _pins(value: Iterable[Pin]) -> tuple[Pin, ...]:
    # Checked as allocate checks its pins: the same refusal, in the same words.
    return cast("tuple[Pin, ...]", tuple_argument("pins", value, Pin))


def _exclusions(value: Iterable[Exclusion]) -> tuple[Exclusion, ...]:
    return cast("tuple[Exclusion, ...]", tuple_argument("exclusions", value, Exclusion))


@attrs.frozen
class AllocationJob:
    """One allocation problem: the arguments of one call of :func:`allocate`.

    Every field pickles, so a job can run in another process or on a cluster.

    Attributes:
        overview: the tailored task overview.
        team: the people, one school's or a school group's.
        rules: the rule set; ``None`` for :func:`default_rules`.
        solver: ``"heuristic"`` or ``"optimal"``.
        time_limit: seconds for this job, or ``None``.
        pins: choices made in consultation that the allocation keeps (any iterable; kept
            as a tuple).
        exclusions: people who must not get a task (any iterable; kept as a tuple).

    >>> from ict_competence.allocation import Person
    >>> from ict_competence.catalog import load_catalog
    >>> team = Team((Person(id="ann", hours=200, levels={}, motivation={}),))
    >>> AllocationJob(load_catalog().overview(), team, pins=[Pin("TECH-01", "ann")])
    <AllocationJob 1 person, 0 schools, rules default, heuristic, 1 pin, 0 exclusions>
    """

    overview: TaskOverview = attrs.field(validator=instance_of(TaskOverview))
    team: Team = attrs.field(validator=instance_of(Team))
    rules: RuleSet | None = attrs.field(
        default=None, kw_only=True, validator=attrs.validators.optional(instance_of(RuleSet))
    )
    solver: Solver = attrs.field(
        default="heuristic", kw_only=True, validator=field_check(check_solver)
    )
    time_limit: float | None = attrs.field(
        default=None, kw_only=True, validator=field_check(check_time_limit)
    )
    pins: tuple[Pin, ...] = attrs.field(
        default=(), kw_only=True, converter=_pins, validator=tuple_of(Pin)
    )
    exclusions: tuple[Exclusion, ...] = attrs.field(
        default=(), kw_only=True, converter=_exclusions, validator=tuple_of(Exclusion)
    )

    def __repr__(self) -> str:
        return summary(
            "AllocationJob",
            count(len(self.team.people), "person", "people"),
            count(len(self.team.schools), "school"),
            f"rules {self.rules.name if self.rules is not None else 'default'}",
            self.solver,
            count(len(self.pins), "pin"),
            count(len(self.exclusions), "exclusion"),
        )

    def run(self, *, workers: int | None = None) -> Allocation:
        """This job's allocation, made in this process: ``allocate`` with the job's arguments.

        Args:
            workers: threads for a school group's schools in the optimal mode
                (``None``: all cores), as for :func:`allocate`.
        """
        return allocate(
            self.overview,
            self.team,
            rules=self.rules,
            solver=self.solver,
            time_limit=self.time_limit,
            pins=self.pins,
            exclusions=self.exclusions,
            workers=workers,
        )


def _run_on_worker(job: AllocationJob) -> Allocation:
    """One job on an executor's worker: the pool is the parallelism, so one thread per job."""
    return job.run(workers=1)


def allocate_many(
    jobs: Iterable[AllocationJob], executor: Executor | None = None
) -> list[Allocation]:
    """The allocation of every job, in the order of the jobs.

    When a job fails, the error raised is that of the first failing job in the order of
    the jobs (not the first to fail in time), and the jobs still waiting are cancelled.

    Args:
        jobs: the allocation problems, any iterable of :class:`AllocationJob`.
        executor: any :class:`concurrent.futures.Executor` to run the jobs on (a
            ``ThreadPoolExecutor``, a ``ProcessPoolExecutor``, a Dask client's
            ``get_executor()``); every job is submitted at once and each runs the optimal
            mode's schools on one thread (``workers=1``), the pool being the parallelism.
            ``None`` runs the jobs in this process, one after another. The executor is
            not shut down. The allocations are the same either way.

    Raises:
        FieldError: ``jobs`` is no list or other iterable, or ``executor`` has no
            ``submit``.
        AllocationError: an item of ``jobs`` is not an :class:`AllocationJob` (nothing
            runs then).
        Exception: a job failed: that very error, of its own type, message and
            attributes, with a note naming the job's index (``error.__notes__``;
            Python prints it under the message). An error of the library (a pin that
            breaks a rule, an unknown task) is an ``IctCompetenceError``; any other (a
            broken process pool, a rule of your own that raised, a bug) is raised as
            it is too, never made to look like a mistake in the input.

    >>> from ict_competence.allocation import Person, Team
    >>> from ict_competence.catalog import Cluster, Domain, load_catalog
    >>> overview = load_catalog().overview()
    >>> def team(hours):
    ...     everything = {d: 3 for d in Domain}, {c: 2 for c in Cluster}
    ...     return Team(
    ...         (Person(id="ann", hours=hours, levels=everything[0], motivation=everything[1]),)
    ...     )
    >>> jobs = [AllocationJob(overview, team(hours)) for hours in (100, 400)]
    >>> [f"{allocation.coverage:.0%}" for allocation in allocate_many(jobs)]
    ['4%', '18%']
    """
    todo = _checked_jobs(jobs, executor)
    started = time.monotonic()
    if executor is None:
        results = [_in_order(index, len(todo), job.run) for index, job in enumerate(todo)]
    else:
        results = _on(executor, todo)
    where = "this process" if executor is None else type(executor).__name__
    _LOG.debug(
        "allocate_many: %d jobs on %s in %.3f s", len(todo), where, time.monotonic() - started
    )
    return results


def _checked_jobs(jobs: object, executor: object) -> list[AllocationJob]:
    """The jobs as a list, once they and the executor are found to be what they should be."""
    given = as_tuple(jobs)
    if not isinstance(given, tuple):
        raise FieldError("jobs", f"expected AllocationJobs (a list or tuple), found {jobs!r}")
    check_executor(executor)
    for index, job in enumerate(given):
        if not isinstance(job, AllocationJob):
            raise AllocationError(
                f"allocate_many: job {index}: expected an AllocationJob, found {type(job).__name__}"
            )
    return list(given)


def _on(executor: Executor, jobs: list[AllocationJob]) -> list[Allocation]:
    """Submit every job to ``executor``; collect the results in order, cancelling on failure."""
    futures: list[Future[Allocation]] = []
    try:
        for index, job in enumerate(jobs):
            submit = partial(executor.submit, _run_on_worker, job)
            futures.append(_in_order(index, len(jobs), submit))
        return [_in_order(index, len(jobs), future.result) for index, future in enumerate(futures)]
    finally:
        for future in futures:
            future.cancel()  # does nothing to a future that is done or running


def _in_order(index: int, total: int, step: Callable[[], T]) -> T:
    """``step()``; its failure raised as it is, with a note naming the job's index only."""
    try:
        return step()
    except Exception as error:
        error.add_note(f"in allocate_many's job {index} (of {total}, counted from 0)")
        raise
