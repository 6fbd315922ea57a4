"""Compare settings of the allocation heuristic, in one process, on the benchmark's instances.

A shared machine's speed drifts by tens of percent between runs, so settings are timed
side by side: each instance is solved under every setting in turn, best of three for
short runs, and times are reported as a ratio to the first setting. Quality is measured
against the best objective any setting found.

    python benchmarks/tune.py school 10 "now:" "more repairs:repair_every=5"
    python benchmarks/tune.py "12 schools" 4 "now:" "flat steps:stall=3,theta=1.0"

A setting is ``name:field=value,...`` over the fields of ``HeuristicSettings``, each
typed like its default; ``name:`` alone is the defaults.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Sequence
from typing import Any

import attrs

from allocation import SIZES, make_instance
from ict_competence.allocation._solvers import HeuristicSettings, compile_problem, solve_heuristic


def parse(setting: str) -> tuple[str, HeuristicSettings]:
    """``name:a=1,b=2.0`` as the name and the default settings with those fields changed."""
    name, _, assignments = setting.partition(":")
    defaults = HeuristicSettings()
    fields = attrs.fields_dict(HeuristicSettings)
    changes: dict[str, Any] = {}
    for assignment in filter(None, assignments.split(",")):
        field, _, text = assignment.partition("=")
        if field not in fields:
            known = ", ".join(fields)
            raise SystemExit(f"unknown setting {field!r} in {setting!r}; known: {known}")
        changes[field] = type(getattr(defaults, field))(text)
    return name, attrs.evolve(defaults, **changes)


def main(argv: Sequence[str] | None = None) -> int:
    """Solve each instance under each setting and print one line per setting."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", choices=list(SIZES))
    parser.add_argument("seeds", type=int)
    parser.add_argument("settings", nargs="+", help="name:field=value,...")
    parser.add_argument("--light", action="store_true", help="the light regime")
    args = parser.parse_args(argv)
    settings = [parse(setting) for setting in args.settings]
    schools, per_school = SIZES[args.size]
    objectives: dict[str, list[float]] = {name: [] for name, _ in settings}
    bounds: dict[str, list[float]] = {name: [] for name, _ in settings}
    times: dict[str, list[float]] = {name: [] for name, _ in settings}
    best: list[float] = []
    for seed in range(args.seeds):
        overview, team = make_instance(1000 * schools + seed, schools, per_school, light=args.light)
        for name, chosen in settings:
            spent = []
            for _ in range(3 if schools < 12 else 1):
                started = time.perf_counter()
                outcome = solve_heuristic(compile_problem(overview, team), settings=chosen)
                spent.append(time.perf_counter() - started)
            objectives[name].append(outcome.objective)
            bounds[name].append(outcome.bound or 0.0)
            times[name].append(min(spent))
        best.append(max(objectives[name][-1] for name, _ in settings))
    reference = statistics.median(times[settings[0][0]])
    for name, _ in settings:
        ratios = [value / top for value, top in zip(objectives[name], best, strict=True)]
        gaps = [bound / top for bound, top in zip(bounds[name], best, strict=True)]
        median = statistics.median(times[name])
        print(
            f"{name}: objective / best worst {min(ratios):.4f}, median "
            f"{statistics.median(ratios):.4f}; time median {median * 1000:.0f} ms "
            f"({median / reference:.2f} x); bound / best median {statistics.median(gaps):.4f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
