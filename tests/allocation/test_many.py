"""allocate_many: the allocations of allocate, in order, on any executor; errors name the job."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ict_competence.allocation import (
    Allocation,
    AllocationJob,
    Duty,
    Exclusion,
    KeepHolders,
    Pin,
    allocate,
    allocate_many,
    continuity_rules,
    default_rules,
    even_load_rules,
)
from ict_competence.errors import (
    AllocationError,
    FieldError,
    IctCompetenceError,
    UnknownCodeError,
)
from tests.allocation.strategies import large_instance, overviews, rule_sets, teams
from tests.repo_scripts import load

_benchmark = load("benchmarks/allocation.py")


def _one_by_one(jobs: list[AllocationJob]) -> list[Allocation]:
    return [
        allocate(
            job.overview,
            job.team,
            rules=job.rules,
            solver=job.solver,
            time_limit=job.time_limit,
            pins=job.pins,
            exclusions=job.exclusions,
        )
        for job in jobs
    ]


def _mixed_jobs() -> list[AllocationJob]:
    """Schools and a school group, three rule sets, pins and exclusions, both solvers."""
    schools = [_benchmark.make_instance(1000 + seed, 1, 9) for seed in range(3)]
    group_overview, group = large_instance(schools=3)
    jobs = [AllocationJob(overview, team) for overview, team in schools]
    first = allocate(*schools[0])
    holder = next(iter(first.assignments.items()))
    jobs += [
        AllocationJob(*schools[0], rules=even_load_rules(weight=2.0)),
        AllocationJob(
            *schools[0], rules=continuity_rules(KeepHolders.from_assignments(first.assignments))
        ),
        AllocationJob(*schools[1], pins=[Pin(holder[0], holder[1].primary)]),
        AllocationJob(*schools[1], exclusions=[Exclusion(holder[0], holder[1].primary)]),
        AllocationJob(group_overview, group),
        AllocationJob(group_overview, group, solver="optimal"),
    ]
    return jobs


@pytest.fixture(scope="module")
def mixed() -> tuple[list[AllocationJob], list[Allocation]]:
    jobs = _mixed_jobs()
    return jobs, _one_by_one(jobs)


def test_in_this_process_the_allocations_are_those_of_allocate_in_order(mixed):
    jobs, expected = mixed

    assert allocate_many(iter(jobs)) == expected
    assert len({allocation.objective for allocation in expected}) > 1  # the jobs differ


@pytest.mark.parametrize("pool", [ThreadPoolExecutor, ProcessPoolExecutor])
def test_on_a_pool_the_allocations_are_those_of_allocate_in_order(mixed, pool):
    jobs, expected = mixed

    with pool(max_workers=2) as executor:
        results = allocate_many(jobs, executor)

    assert results == expected
    assert results[-1].solver != results[-2].solver  # the optimal job ran HiGHS on the worker


def test_no_jobs_give_no_allocations_and_touch_no_executor():
    assert allocate_many([], executor=_Refusing()) == []


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(overviews(max_tasks=5), teams(max_people=4), st.none() | rule_sets()),
        min_size=1,
        max_size=4,
    )
)
def test_any_small_jobs_give_on_threads_what_allocate_gives_one_by_one(problems):
    jobs = [AllocationJob(overview, team, rules=rules) for overview, team, rules in problems]

    with ThreadPoolExecutor(max_workers=2) as executor:
        results = allocate_many(jobs, executor)

    assert results == _one_by_one(jobs)
    assert allocate_many(jobs) == results


# -- a job as a value -----------------------------------------------------------------------


def test_a_job_keeps_pins_and_exclusions_as_tuples_and_checks_its_fields():
    overview, team = _benchmark.make_instance(1000, 1, 9)

    job = AllocationJob(overview, team, pins=iter([Pin("TECH-00", "s000p00")]))

    assert job.pins == (Pin("TECH-00", "s000p00"),)
    assert job.exclusions == ()
    assert (
        repr(job)
        == "<AllocationJob 9 people, 0 schools, rules default, heuristic, 1 pin, 0 exclusions>"
    )
    with pytest.raises(FieldError, match="solver: expected one of 'heuristic', 'optimal'"):
        AllocationJob(overview, team, solver="fast")  # type: ignore[arg-type]
    with pytest.raises(FieldError, match="time_limit: expected a finite number of seconds > 0"):
        AllocationJob(overview, team, time_limit=0)
    with pytest.raises(FieldError, match=r"pins\[1\]: expected Pin, found 'TECH-01'"):
        AllocationJob(overview, team, pins=[Pin("TECH-00", "s000p00"), "TECH-01"])  # type: ignore[list-item]
    with pytest.raises(FieldError, match="team: expected Team"):
        AllocationJob(overview, overview)


@pytest.mark.parametrize(
    "wrong",
    [
        {"solver": "fast"},
        {"solver": None},
        {"time_limit": 0},
        {"time_limit": float("inf")},
        {"time_limit": True},
        {"time_limit": "10"},
        {"pins": [Pin("TECH-00", "s000p00"), "TECH-01"]},
        {"pins": 7},
        {"pins": "TECH-01"},
        {"exclusions": [None]},
        {"exclusions": {"TECH-01": "s000p00"}},
    ],
)
def test_a_job_refuses_a_wrong_argument_in_the_words_of_allocate(wrong):
    overview, team = _benchmark.make_instance(1000, 1, 9)

    with pytest.raises(FieldError) as by_allocate:
        allocate(overview, team, **wrong)
    with pytest.raises(FieldError) as by_job:
        AllocationJob(overview, team, **wrong)

    assert str(by_job.value) == str(by_allocate.value)
    assert by_job.value.field.startswith(next(iter(wrong)))


# -- errors ---------------------------------------------------------------------------------


def _run_on(pool: type[Executor] | None, jobs: list[AllocationJob]) -> list[Allocation]:
    if pool is None:
        return allocate_many(jobs)
    with pool(max_workers=2) as executor:  # type: ignore[call-arg]
        return allocate_many(jobs, executor)


def _jobs_with_a_bad_pin_at(index: int, bad: Pin) -> list[AllocationJob]:
    jobs = [AllocationJob(*_benchmark.make_instance(1000 + seed, 1, 9)) for seed in range(4)]
    jobs[index] = attrs.evolve(jobs[index], pins=(bad,))
    return jobs


@pytest.mark.parametrize("pool", [None, ThreadPoolExecutor, ProcessPoolExecutor])
def test_an_unknown_task_in_a_job_raises_the_library_error_with_the_jobs_index(pool):
    jobs = _jobs_with_a_bad_pin_at(2, Pin("NO-SUCH-TASK", "s000p00"))

    with pytest.raises(UnknownCodeError, match="NO-SUCH-TASK") as raised:
        _run_on(pool, jobs)

    assert raised.value.code == "NO-SUCH-TASK"
    assert raised.value.__notes__ == ["in allocate_many's job 2 (of 4, counted from 0)"]


def test_a_pin_breaking_a_rule_on_a_worker_process_keeps_its_rule_person_and_key():
    overview, team = _benchmark.make_instance(1002, 1, 9)
    unable = next(
        (task.code, person.id)
        for task in (choice.task for choice in overview.choices)
        for person in team.people
        if person.level(task.domain) < task.required_level
    )
    jobs = _jobs_with_a_bad_pin_at(3, Pin(*unable))

    with ProcessPoolExecutor(max_workers=2) as executor, pytest.raises(AllocationError) as raised:
        allocate_many(jobs, executor)

    assert (raised.value.rule, raised.value.person, raised.value.key) == (
        "level",
        unable[1],
        unable[0],
    )
    assert raised.value.__notes__ == ["in allocate_many's job 3 (of 4, counted from 0)"]


def test_the_error_raised_is_the_first_failing_job_in_order():
    jobs = _jobs_with_a_bad_pin_at(1, Pin("FIRST", "s000p00"))
    jobs[3] = attrs.evolve(jobs[3], pins=(Pin("SECOND", "s000p00"),))

    with ThreadPoolExecutor(max_workers=2) as executor, pytest.raises(UnknownCodeError) as raised:
        allocate_many(jobs, executor)

    assert raised.value.code == "FIRST"


def test_something_that_is_not_a_job_is_refused_by_index_before_anything_runs():
    job = AllocationJob(*_benchmark.make_instance(1000, 1, 9))

    with pytest.raises(AllocationError, match=r"job 1: expected an AllocationJob, found tuple"):
        allocate_many([job, (job.overview, job.team)], executor=_Refusing())  # type: ignore[list-item]


@attrs.frozen
class _Broken:
    """A rule of the user's own that fails: not an error of the library."""

    name: str = "broken"

    def allows(self, person: object, instance: object, duty: Duty) -> bool:
        raise ZeroDivisionError("no")


@pytest.mark.parametrize("pool", [None, ThreadPoolExecutor])
def test_a_foreign_error_is_raised_as_it_is_with_a_note_naming_the_job(pool):
    overview, team = _benchmark.make_instance(1000, 1, 9)
    jobs = [
        AllocationJob(overview, team),
        AllocationJob(overview, team, rules=default_rules().extend(eligibility=[_Broken()])),
    ]

    with pytest.raises(ZeroDivisionError) as raised:
        _run_on(pool, jobs)

    assert str(raised.value) == "no"

    # A bug or a broken rule is no mistake in the input: not dressed as the library's error.
    assert not isinstance(raised.value, IctCompetenceError)
    assert raised.value.__cause__ is None
    assert raised.value.__notes__ == ["in allocate_many's job 1 (of 2, counted from 0)"]


class _BrokenPool(Executor):
    """An executor whose workers died: every future fails as a broken process pool's does."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        future.set_exception(BrokenProcessPool("a worker process died"))
        return future


def test_a_broken_pool_is_raised_as_it_is_with_a_note_naming_the_first_job():
    jobs = [AllocationJob(*_benchmark.make_instance(1000, 1, 9))] * 2

    with pytest.raises(BrokenProcessPool, match="a worker process died") as raised:
        allocate_many(jobs, _BrokenPool())

    assert not isinstance(raised.value, IctCompetenceError)
    assert raised.value.__notes__ == ["in allocate_many's job 0 (of 2, counted from 0)"]


def test_the_jobs_still_waiting_are_cancelled_when_one_fails():
    jobs = _jobs_with_a_bad_pin_at(0, Pin("NO-SUCH-TASK", "s000p00"))
    executor = _FirstRunsRestWait()

    with pytest.raises(UnknownCodeError):
        allocate_many(jobs, executor)

    assert len(executor.futures) == 4
    assert [future.cancelled() for future in executor.futures] == [False, True, True, True]


class _Refusing(Executor):
    """An executor that must not be used."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        raise AssertionError("nothing should be submitted")


class _FirstRunsRestWait(Executor):
    """Runs the first job at once; every later one waits (pending) until cancelled."""

    def __init__(self) -> None:
        self.futures: list[Future[Any]] = []

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        if not self.futures:
            try:
                future.set_result(fn(*args, **kwargs))
            except Exception as error:  # handed on through the future
                future.set_exception(error)
        self.futures.append(future)
        return future


# -- Dask -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dask_client() -> Iterator[Any]:
    """Two worker processes of one thread each, started once; their logging kept quiet."""
    import dask  # the dask extra: installed where the tests run
    import distributed

    with dask.config.set({"distributed.admin.system-monitor.gil.enabled": False}):
        cluster = distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        client = distributed.Client(cluster)
        try:
            yield client
        finally:
            client.close()
            cluster.close()


def test_on_a_dask_cluster_twenty_schools_get_the_allocations_of_one_process(dask_client):
    jobs = [AllocationJob(*_benchmark.make_instance(1000 + seed, 1, 9)) for seed in range(20)]
    here = allocate_many(jobs)

    there = allocate_many(jobs, dask_client.get_executor())

    assert there == here
    assert len({allocation.objective for allocation in here}) == 20
    assert len(dask_client.scheduler_info()["workers"]) == 2
