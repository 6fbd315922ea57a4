"""Reading a 12-school workbook: raw openpyxl, raw calamine and the library, .xlsx, .ods, .xls.

Run: ``python benchmarks/read_workbook.py`` (``--runs 15`` by default). The workbooks are
the "12 schools" instance of ``benchmarks/allocation.py`` (an overview of 40 tasks, a team
of 108 people in 12 schools), written by the library and converted once to .ods and .xls
with LibreOffice (``soffice``, needed). Each time is the median of the runs, in this one
process; each ratio is to (a), openpyxl's read-only mode only iterating the cells of the
sheets the library reads (the reference):

(a) openpyxl read-only, the cells of the .xlsx   (b) the library on the .xlsx
(c) python-calamine, the cells of each kind      (d) the library on the .ods and .xls

and the parts and limits of the library's reading: the checks and survey alone, a cell at
XFD5 of the .xlsx (named in a warning), and the refusal of a cell at XFD1048576 (.xlsx,
.ods) or IV65536 (.xls).

``--against COMMIT`` times the library's .xlsx reading of that commit beside this tree's
(``git archive``; each version in its own subprocess, alternately) and prints new / old.
"""

from __future__ import annotations

import argparse
import functools
import io
import json
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHEETS = {"overview": ("Takenoverzicht", "Gegevens"), "team": ("Team", "Scholen")}


def _command(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"this benchmark needs {name}, which is not installed")
    return found


def median_time(action: Callable[[], object], runs: int) -> float:
    """The median of ``runs`` timings of ``action``; a refusal counts as done."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        try:
            action()
        except Exception as exc:  # a refusal: time it as the work it is
            if type(exc).__name__ != "WorkbookError":
                raise
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def write_books(folder: Path) -> dict[str, Path]:
    """The workbooks as the library writes them, and copies with a cell at XFD5, .xlsx only."""
    import openpyxl  # noqa: PLC0415

    from allocation import SIZES, make_instance  # noqa: PLC0415
    from ict_competence.xlsx import write_overview, write_team  # noqa: PLC0415

    overview, team = make_instance(1, *SIZES["12 schools"])
    books = {
        "overview": write_overview(overview, folder / "overview.xlsx"),
        "team": write_team(team, folder / "team.xlsx"),
    }
    for name, far, sheet in (
        ("overview_xfd5", "XFD5", "Takenoverzicht"),
        ("team_xfd5", "XFD5", "Team"),
        ("overview_xfd1048576", "XFD1048576", "Takenoverzicht"),
        ("overview_iv65536", "IV65536", "Takenoverzicht"),
    ):
        book = openpyxl.load_workbook(books[name.split("_")[0]])
        book[sheet][far] = "x"
        book.save(folder / f"{name}.xlsx")
        books[name] = folder / f"{name}.xlsx"
    return books


def make_books(folder: Path) -> None:
    """The workbooks of :func:`write_books`, converted with LibreOffice to .ods and .xls."""
    books = write_books(folder)
    for target, far in (("ods", "overview_xfd1048576"), ("xls:MS Excel 97", "overview_iv65536")):
        inputs = [books["overview"], books["team"], books[far]]
        subprocess.run(
            [
                _command("soffice"),
                "--headless",
                f"-env:UserInstallation=file://{folder}/lo",
                *("--convert-to", target, "--outdir", str(folder), *map(str, inputs)),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )


def _openpyxl_cells(path: Path, sheets: tuple[str, ...]) -> None:
    import openpyxl  # noqa: PLC0415

    book = openpyxl.load_workbook(path, read_only=True)
    for name in sheets:
        for row in book[name].iter_rows(values_only=True):
            for _value in row:
                pass
    book.close()


def _calamine_cells(path: Path, sheets: tuple[str, ...]) -> None:
    import python_calamine  # noqa: PLC0415

    with python_calamine.CalamineWorkbook.from_path(str(path)) as book:
        for name in sheets:
            book.get_sheet_by_name(name).to_python()


def rows_for(name: str, folder: Path) -> list[tuple[str, Callable[[], object]]]:
    """The actions timed for one workbook, ``overview`` or ``team``, labelled."""
    from ict_competence.xlsx import read_overview, read_team  # noqa: PLC0415
    from ict_competence.xlsx._guard import check_workbook  # noqa: PLC0415

    read = read_overview if name == "overview" else read_team
    sheets = SHEETS[name]

    def book(kind: str, variant: str = "") -> Path:
        return folder / f"{name}{variant}.{kind}"

    rows: list[tuple[str, Callable[[], object]]] = [
        ("(a) openpyxl read-only, cells   .xlsx", lambda: _openpyxl_cells(book("xlsx"), sheets)),
        (f"(b) read_{name:<8} .xlsx", lambda: read(book("xlsx"))),
    ]
    for kind in ("xlsx", "ods", "xls"):
        rows.append(
            (f"(c) calamine, cells            .{kind}", _bound(_calamine_cells, book(kind), sheets))
        )
    for kind in ("ods", "xls"):
        rows.append((f"(d) read_{name:<8} .{kind}", _bound(read, book(kind))))
    for kind in ("xlsx", "ods", "xls"):
        rows.append((f"    checks and survey only     .{kind}", _bound(check_workbook, book(kind))))
    rows.append((f"(e) read_{name:<8} .xlsx, XFD5 set", _bound(read, book("xlsx", "_xfd5"))))
    if name == "overview":
        for kind, far in (("xlsx", "XFD1048576"), ("ods", "XFD1048576"), ("xls", "IV65536")):
            rows.append(
                (
                    f"    refusal, {far:<10}        .{kind}",
                    _bound(read, book(kind, f"_{far.lower()}")),
                )
            )
    return rows


def _bound(action: Callable[..., object], *args: object) -> Callable[[], object]:
    return lambda: action(*args)


def report(folder: Path, runs: int) -> None:
    """Time every row and print it with its ratio to the reference (a)."""
    for name in ("overview", "team"):
        print(f"{name}: median of {runs} runs")
        reference = 0.0
        for label, action in rows_for(name, folder):
            median_time(action, 1)  # warm up: imports, caches
            spent = median_time(action, runs)
            reference = reference or spent
            print(f"  {label:<42} {spent * 1000:8.2f} ms  {spent / reference:6.2f} x (a)")


def worker(src: str, folder: str, runs: int) -> None:
    """Write the .xlsx books with the library of ``src``, time its reading; print JSON.

    Each version reads files it wrote itself: an older one may not read a newer schema.
    """
    sys.path.insert(0, src)
    import ict_competence  # noqa: PLC0415 - only after the path points at the version to time
    from ict_competence.xlsx import read_overview, read_team  # noqa: PLC0415

    assert Path(ict_competence.__file__).is_relative_to(src), ict_competence.__file__
    books = write_books(Path(folder))
    times = {}
    for name in _COMPARED:
        read = read_team if name.startswith("team") else read_overview
        median_time(functools.partial(read, books[name]), 1)
        times[name] = median_time(functools.partial(read, books[name]), runs)
    print(json.dumps(times))


_COMPARED = ("overview", "team", "overview_xfd5", "team_xfd5", "overview_xfd1048576")


def against(commit: str, folder: Path, runs: int) -> None:
    """This tree's .xlsx reading beside ``commit``'s, alternately in subprocesses."""
    archive = subprocess.run(
        [_command("git"), "-C", str(ROOT), "archive", commit, "src"],
        check=True,
        capture_output=True,
    )
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(folder / "old", filter="data")
    sources = {"old": folder / "old" / "src", "new": ROOT / "src"}
    medians: dict[str, dict[str, list[float]]] = {"old": {}, "new": {}}
    for round_ in range(3):
        for version in ("old", "new") if round_ % 2 == 0 else ("new", "old"):
            books = folder / f"{version}{round_}"
            books.mkdir()
            command = [sys.executable, __file__, "--worker", str(sources[version]), str(books)]
            done = subprocess.run(
                [*command, "--runs", str(runs)], check=True, capture_output=True, text=True
            )
            for name, spent in json.loads(done.stdout).items():
                medians[version].setdefault(name, []).append(spent)
    print(f"the library on .xlsx, this tree against {commit} (median of 3 rounds of {runs})")
    for name in _COMPARED:
        old, new = (statistics.median(medians[v][name]) for v in ("old", "new"))
        times = f"old {old * 1000:7.2f} ms  new {new * 1000:7.2f} ms"
        print(f"  {name + '.xlsx':<24} {times}  {new / old:5.2f} x")


def main() -> None:
    """Parse the arguments; make the workbooks once; time and print."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--against", metavar="COMMIT")
    parser.add_argument("--worker", metavar="SRC", help=argparse.SUPPRESS)
    parser.add_argument("paths", nargs="*", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.worker:
        worker(arguments.worker, arguments.paths[0], arguments.runs)
        return
    if shutil.which("soffice") is None:
        print("skipped: this benchmark converts workbooks with LibreOffice (soffice)")
        return
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        make_books(folder)
        report(folder, arguments.runs)
        if arguments.against:
            against(arguments.against, folder, arguments.runs)


if __name__ == "__main__":
    main()
