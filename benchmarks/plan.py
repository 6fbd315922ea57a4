"""Time the school plan's own logic on a 12-school group with an allocation (issue 12).

Run: ``python benchmarks/plan.py``. The plan is the "12 schools" instance of
``benchmarks/allocation.py`` (108 people, 40 tasks, some 400 task instances), allocated
once, with the roadmap at step 5. Each operation is timed as the best of five on a fresh
copy of the plan (so nothing it caches is reused), beside ``to_json`` of the same plan:
the ratio is what the plan adds to writing it out. Targets: ``advance()`` and
``evaluate()`` under 50 ms, ``save`` and ``load`` under 100 ms.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import attrs

from allocation import SIZES, make_instance
from ict_competence.flow import RoadmapSession
from ict_competence.plan import SchoolPlan
from ict_competence.serialize import to_json

RUNS = 5
#: Seconds each operation may take (issue 12).
TARGETS = {"advance": 0.05, "evaluate": 0.05, "action_plan": 0.05, "save": 0.1, "load": 0.1}


def _best(action: Callable[[SchoolPlan], object], plan: SchoolPlan) -> float:
    times = []
    for _ in range(RUNS):
        fresh = attrs.evolve(plan)  # a new value: its cached properties start empty
        started = time.perf_counter()
        action(fresh)
        times.append(time.perf_counter() - started)
    return min(times)


def make_plan() -> SchoolPlan:
    """The 12-school group, allocated, with steps 1–4 answered: ``advance`` answers 5–7."""
    overview, team = make_instance(1, *SIZES["12 schools"])
    session = RoadmapSession.start()
    for _ in range(4):
        session = session.answer(True)
    plan = SchoolPlan(
        name="Scholengroep (benchmark)", overview=overview, team=team, roadmap=session
    )
    return plan.allocate()


def main() -> None:
    """Print best-of-five times and their ratio to ``to_json`` of the same plan."""
    plan = make_plan()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.json"
        plan.save(path)
        times = {
            "to_json": _best(to_json, plan),
            "advance": _best(SchoolPlan.advance, plan),
            "evaluate": _best(SchoolPlan.evaluate, plan),
            "action_plan": _best(SchoolPlan.action_plan, plan),
            "save": _best(lambda p: p.save(path), plan),
            "load": _best(lambda _p: SchoolPlan.load(path), plan),
        }
        size = path.stat().st_size
    assert plan.advance().roadmap.current.number == 8, "advance should answer steps 5-7"
    instances = len(plan.allocation.instances) if plan.allocation is not None else 0
    print(
        f"{len(plan.team.people)} people, {instances} task instances, "
        f"plan file {size / 1000:.0f} kB; best of {RUNS}"
    )
    reference = times["to_json"]
    for name, seconds in times.items():
        target = TARGETS.get(name)
        verdict = "" if target is None else f"  target < {target * 1000:.0f} ms: "
        verdict += "" if target is None else ("ok" if seconds < target else "MISSED")
        print(f"{name:<12} {seconds * 1000:7.1f} ms  {seconds / reference:5.2f} x to_json{verdict}")


if __name__ == "__main__":
    main()
