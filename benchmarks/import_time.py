"""How long ``import ict_competence`` takes, next to ``import attrs, cattrs`` on this machine.

Run: ``python benchmarks/import_time.py``. Each import runs in a fresh interpreter, several
times; the median is reported with its ratio to the reference, since the machine is shared.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

RUNS = 15


def _median_seconds(statement: str) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", statement], check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    """Print the import times and their ratio."""
    baseline = _median_seconds("pass")
    reference = _median_seconds("import attrs, cattrs") - baseline
    ours = _median_seconds("import ict_competence") - baseline
    # The names load their subpackage on first use: what the first catalog lookup costs.
    first_use = _median_seconds("import ict_competence as ic; ic.TaskOverview") - baseline
    print(f"interpreter start-up: {baseline * 1000:.1f} ms (subtracted below)")
    print(f"import attrs, cattrs: {reference * 1000:.1f} ms")
    for label, seconds in (
        ("import ict_competence", ours),
        ("... and its first name (ic.TaskOverview)", first_use),
    ):
        print(f"{label}: {seconds * 1000:.1f} ms ({seconds / reference:.2f} x the reference)")


if __name__ == "__main__":
    main()
