"""Fan-out: allocate_many on the benchmark's schools, in sequence, on a process pool, on Dask.

Every run allocates the same seeded instances (by default 20 single schools of nine
people, the heuristic) three ways in one process: one after another in this process (the
reference), on a ``ProcessPoolExecutor`` and on a Dask ``LocalCluster`` of the same number
of worker processes (one thread each). Each way is timed over a few rounds on a warm
pool (best and median), and once more with starting the pool or cluster counted in; the
ratio is to the median in sequence measured in the same run. The allocations of every
way are checked to be the same.

    python benchmarks/many.py
    python benchmarks/many.py --size "large school" --jobs 40 --workers 2 --rounds 5
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from typing import Any

from allocation import SIZES, make_instance
from ict_competence.allocation import Allocation, AllocationJob, allocate_many


def _timed(run: Callable[[], list[Allocation]]) -> tuple[list[Allocation], float]:
    started = time.perf_counter()
    results = run()
    return results, time.perf_counter() - started


def _rounds(
    jobs: list[AllocationJob], executor: Executor | None, rounds: int, expected: list[Allocation]
) -> list[float]:
    times = []
    for _ in range(rounds):
        results, seconds = _timed(lambda: allocate_many(jobs, executor))
        differ = [i for i, (a, b) in enumerate(zip(results, expected, strict=True)) if a != b]
        if differ:
            raise SystemExit(f"the allocations of jobs {differ} differ from those in sequence")
        times.append(seconds)
    return times


def _line(name: str, times: Sequence[float], cold: float | None, reference: float) -> str:
    median = statistics.median(times)
    start = "—" if cold is None else f"{cold:.2f} s"
    return f"| {name} | {min(times):.2f} s | {median:.2f} s | {start} | {median / reference:.2f} |"


def _dask(workers: int) -> tuple[Any, Any, float]:
    """A local cluster of ``workers`` processes, its client, and the seconds it took to start."""
    import distributed  # noqa: PLC0415 - the dask extra, only for this way

    started = time.perf_counter()
    cluster = distributed.LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )
    client = distributed.Client(cluster)  # type: ignore[no-untyped-call]
    return cluster, client, time.perf_counter() - started


def run(size: str, n_jobs: int, workers: int, rounds: int) -> None:
    """Measure the three ways and print one table row each."""
    schools, per_school = SIZES[size]
    jobs = [
        AllocationJob(*make_instance(1000 * schools + seed, schools, per_school))
        for seed in range(n_jobs)
    ]
    expected, _ = _timed(lambda: allocate_many(jobs))  # warms the imports and caches
    sequence = _rounds(jobs, None, rounds, expected)
    reference = statistics.median(sequence)
    print("| way | best | median | first run, start included | median / in sequence |")
    print("|---|---|---|---|---|")
    print(_line("in sequence", sequence, None, reference), flush=True)

    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        _timed(lambda: allocate_many(jobs, pool))
        cold = time.perf_counter() - started
        warm = _rounds(jobs, pool, rounds, expected)
    print(_line(f"ProcessPoolExecutor({workers})", warm, cold, reference), flush=True)

    cluster, client, start = _dask(workers)
    try:
        # pure=False: a job submitted again is run again, not taken from the last round
        executor = client.get_executor(pure=False)
        _, first = _timed(lambda: allocate_many(jobs, executor))
        warm = _rounds(jobs, executor, rounds, expected)
    finally:
        client.close()
        cluster.close()
    print(_line(f"Dask LocalCluster({workers})", warm, start + first, reference), flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the arguments and print the table."""
    parser = argparse.ArgumentParser(description="allocate_many: sequence, processes, Dask.")
    parser.add_argument("--size", choices=list(SIZES), default="school", help="each job's size")
    parser.add_argument("--jobs", type=int, default=20, help="number of instances")
    parser.add_argument("--workers", type=int, default=2, help="processes of the pool and cluster")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds per way")
    args = parser.parse_args(argv)
    print(
        f"# allocate_many: {args.jobs} × {args.size}, heuristic, {args.workers} workers, "
        f"{args.rounds} rounds, python {sys.version.split()[0]}\n"
    )
    run(args.size, args.jobs, args.workers, args.rounds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
