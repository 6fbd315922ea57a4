"""Time rendering a 12-school plan to HTML, Markdown and xlsx beside ``to_json`` (issue 13).

Run: ``python benchmarks/render.py``. The plan is the "12 schools" instance of
``benchmarks/allocation.py`` (108 people, some 400 task instances), allocated once and
advanced to step 8, as ``benchmarks/plan.py`` makes it. Each is the best of five; the
targets are the HTML page under 100 ms and the workbook (9 sheets: the 108 people share one)
under 300 ms. The size is in characters for text and in bytes for the workbook.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from ict_competence.plan import SchoolPlan
from ict_competence.renderers import render
from ict_competence.serialize import to_json
from plan import make_plan

RUNS = 5
#: Seconds rendering may take (issue 13).
TARGETS = {"html": 0.1, "xlsx": 0.3}


def _best(action: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    """Print best-of-five times, their ratio to ``to_json``, and the page sizes."""
    plan: SchoolPlan = make_plan().advance()
    render(plan, "html")  # the first render loads the templates; a program renders again
    render(plan, "markdown")
    render(plan, "xlsx")  # and openpyxl
    times = {
        "to_json": _best(lambda: to_json(plan)),
        "html": _best(lambda: render(plan, "html")),
        "markdown": _best(lambda: render(plan, "markdown")),
        "xlsx": _best(lambda: render(plan, "xlsx")),
    }
    sizes = {"to_json": len(to_json(plan)), "html": len(render(plan, "html"))}
    sizes["markdown"] = len(render(plan, "markdown"))
    sizes["xlsx"] = len(render(plan, "xlsx"))
    print(f"{plan!r}")
    print(f"{'':10} {'best of 5':>10} {'× to_json':>10} {'size':>10} {'target':>8}")
    for name, seconds in times.items():
        target = TARGETS.get(name)
        verdict = "" if target is None else ("ok" if seconds < target else "SLOW")
        print(
            f"{name:10} {seconds * 1000:8.1f} ms {seconds / times['to_json']:10.2f} "
            f"{sizes[name]:10,} {verdict:>8}"
        )


if __name__ == "__main__":
    main()
