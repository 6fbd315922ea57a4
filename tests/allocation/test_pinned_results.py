"""Pinned results: the solvers give exactly what they gave when the fixture was written.

The allocation solvers are refactored from time to time; this test holds their
behaviour still. Each case is a seeded instance of the benchmark's generator
(``benchmarks/allocation.py``), solved with :func:`allocate`; the fixture
``data/pinned_results.json`` records its objective, bound, proof and every assignment
and decision. A change that is meant to change results regenerates the fixture:

    python -m tests.allocation.test_pinned_results --regenerate

and says so in its commit message.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from ict_competence.allocation import (
    Allocation,
    Duty,
    Exclusion,
    KeepHolders,
    Pin,
    Team,
    allocate,
    default_rules,
    even_load_rules,
)
from ict_competence.catalog import TaskOverview

FIXTURE = Path(__file__).parent / "data" / "pinned_results.json"
_BENCHMARK = Path(__file__).parents[2] / "benchmarks" / "allocation.py"


def _generator() -> ModuleType:
    """The benchmark's instance generator, loaded from its file (benchmarks/ is no package)."""
    spec = importlib.util.spec_from_file_location("_pinned_benchmark", _BENCHMARK)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _instance(seed: int, schools: int, per_school: int, *, light: bool = False) -> Any:
    return _generator().make_instance(seed, schools, per_school, light=light)


def _continuity(overview: TaskOverview, team: Team) -> KeepHolders:
    """Made-up current holders: a third of the tasks, by code, each with someone random."""
    rng = random.Random(11)  # noqa: S311 - reproducible, not secret
    ids = [person.id for person in team.people]
    codes = [choice.task.code for choice in overview.choices][::3]
    return KeepHolders(
        {code: rng.choice(ids) for code in codes},
        {code: rng.choice(ids) for code in codes[::2]},
    )


def _consulted(overview: TaskOverview, team: Team) -> dict[str, Any]:
    """Pins and exclusions as a team might make them: second choices pinned, first excluded.

    On a strategic task the first choice is pinned as the back-up of the second.

    Derived once from an unconstrained allocation when the fixture is written, then read
    from the fixture, so the test does not depend on how they were found.
    """
    first = allocate(overview, team)
    pins: list[list[str]] = []
    exclusions: list[list[str]] = []
    for info in first.instances:
        if len(info.candidates) < 2 or info.key not in first.assignments:
            continue
        second = info.candidates[1].person
        primaries = sum(duty == "primary" for _, _, duty in pins)
        if primaries < 2 and first.capacity[second] >= 2 * info.hours:
            pins.append([info.key, second, "primary"])
            if info.strategic:
                pins.append([info.key, info.candidates[0].person, "backup"])
        elif len(exclusions) < 3:
            exclusions.append([info.key, info.candidates[0].person])
    return {"pins": pins, "exclusions": exclusions}


#: Name -> (instance, solver, rules, whether the case has pins and exclusions).
CASES: dict[str, tuple[Callable[[], Any], str, str, bool]] = {
    "school": (lambda: _instance(1000, 1, 9), "heuristic", "default", False),
    "school, light": (lambda: _instance(1001, 1, 9, light=True), "heuristic", "default", False),
    "large school": (lambda: _instance(1000, 1, 22), "heuristic", "default", False),
    "3 schools": (lambda: _instance(3000, 3, 9), "heuristic", "default", False),
    "12 schools": (lambda: _instance(12000, 12, 9), "heuristic", "default", False),
    "4 schools, even load and continuity": (
        lambda: _instance(4000, 4, 6),
        "heuristic",
        "even load + continuity",
        False,
    ),
    "school, pins and exclusions": (
        lambda: _instance(1002, 1, 9),
        "heuristic",
        "default",
        True,
    ),
    "group, pins, exclusions and even load": (
        lambda: _instance(3001, 3, 6),
        "heuristic",
        "even load",
        True,
    ),
    "small school, optimal": (lambda: _instance(2, 1, 6, light=True), "optimal", "default", False),
    "two schools, optimal": (lambda: _instance(1, 2, 5), "optimal", "default", False),
}


def _solve(name: str, consulted: dict[str, Any] | None) -> Allocation:
    make, solver, rules_name, _ = CASES[name]
    overview, team = make()
    rules = {
        "default": default_rules,
        "even load": even_load_rules,
        "even load + continuity": lambda: even_load_rules().extend(
            scores=(_continuity(overview, team),)
        ),
    }[rules_name]()
    pins = [Pin(key, person, Duty(duty)) for key, person, duty in (consulted or {}).get("pins", [])]
    exclusions = [Exclusion(key, person) for key, person in (consulted or {}).get("exclusions", [])]
    return allocate(
        overview,
        team,
        rules=rules,
        solver=solver,  # type: ignore[arg-type]
        pins=pins,
        exclusions=exclusions,
    )


def _record(allocation: Allocation) -> dict[str, Any]:
    return {
        "objective": allocation.objective,
        "bound": allocation.bound,
        "proven": allocation.proven,
        "solver": allocation.solver,
        "assignments": {
            key: [a.primary, a.backup] for key, a in sorted(allocation.assignments.items())
        },
        "decisions": {
            key: [d.kind.value, d.text] for key, d in sorted(allocation.decisions.items())
        },
    }


def regenerate() -> None:
    """Solve every case with the code as it is and write the fixture."""
    pinned: dict[str, Any] = {}
    for name, (make, _, _, consulted) in CASES.items():
        inputs = _consulted(*make()) if consulted else None
        pinned[name] = {"inputs": inputs, **_record(_solve(name, inputs))}
    FIXTURE.parent.mkdir(exist_ok=True)
    FIXTURE.write_text(json.dumps(pinned, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def _pinned() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return loaded


def test_the_fixture_has_every_case():
    assert sorted(_pinned()) == sorted(CASES)


@pytest.mark.parametrize("name", list(CASES))
def test_each_seeded_instance_gives_exactly_its_pinned_result(name: str):
    pinned = _pinned()[name]

    found = _record(_solve(name, pinned["inputs"]))

    assert found["objective"] == pytest.approx(pinned["objective"], rel=1e-9)
    if pinned["bound"] is None:
        assert found["bound"] is None
    else:
        assert found["bound"] == pytest.approx(pinned["bound"], rel=1e-9)
    assert found["proven"] == pinned["proven"]
    assert found["solver"] == pinned["solver"]
    assert found["assignments"] == pinned["assignments"]
    assert found["decisions"] == pinned["decisions"]


def main(argv: Sequence[str] | None = None) -> int:
    """``--regenerate`` writes the fixture anew from the code as it is."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regenerate", action="store_true", help="write the fixture")
    args = parser.parse_args(argv)
    if not args.regenerate:
        parser.print_help()
        return 2
    regenerate()
    print(f"wrote {FIXTURE}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
