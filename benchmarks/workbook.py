"""Time writing and reading the task-overview workbook against raw openpyxl on the same rows.

Run: ``python benchmarks/workbook.py``. The reference writes the same 42 rows of values with
plain openpyxl and loads them back read-only; the ratio is what the library's formatting,
validation, hidden definitions and safety checks cost on top.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import openpyxl

from ict_competence import load_catalog, read_overview, write_overview

RUNS = 15


def _median(action: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    """Print median times and ratios for writing and reading."""
    overview = load_catalog().overview()
    rows = [
        [
            c.code,
            c.task.cluster.value,
            c.task.description.nl,
            c.applies,
            c.horizon.value,
            c.scope.value,
            c.responsible,
            c.backup,
            c.hours_per_year,
            c.notes,
        ]
        for c in overview
    ]
    with tempfile.TemporaryDirectory() as folder:
        ours_path, raw_path = Path(folder) / "ours.xlsx", Path(folder) / "raw.xlsx"

        def raw_write() -> None:
            book = openpyxl.Workbook()
            sheet = book.active
            assert sheet is not None
            for row in rows:
                sheet.append(row)
            book.save(raw_path)

        def raw_read() -> None:
            book = openpyxl.load_workbook(raw_path, read_only=True)
            sheet = book.active
            assert sheet is not None
            list(sheet.iter_rows(values_only=True))
            book.close()

        write_ours = _median(lambda: write_overview(overview, ours_path))
        write_raw = _median(raw_write)
        read_ours = _median(lambda: read_overview(ours_path))
        read_raw = _median(raw_read)
    print(
        f"write_overview: {write_ours * 1000:.1f} ms; raw openpyxl {write_raw * 1000:.1f} ms "
        f"({write_ours / write_raw:.1f} x)"
    )
    print(
        f"read_overview:  {read_ours * 1000:.1f} ms; raw openpyxl {read_raw * 1000:.1f} ms "
        f"({read_ours / read_raw:.1f} x)"
    )


if __name__ == "__main__":
    main()
