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

``--limits`` times instead the workbooks at the limits of reading (docs/safety.md): those
refused by a limit, each made to cost the checks the most (a DOCTYPE at the very end of
30 MB, XML elements or a long attribute past the budget at the end of a large part), and
the slowest the checks let through (XML elements of the costliest kinds, up to the budget,
read and then refused for their cells). They are made here from the library's overview,
not committed, and each time is the median of ``--runs`` (3 by default for these).
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


# -- the limits -------------------------------------------------------------------------------

_SHEET = "xl/worksheets/sheet1.xml"


def _rewritten(source: Path, target: Path, changes: dict[str, Callable[[bytes], bytes]]) -> Path:
    """``source`` with its parts changed (or added) by ``changes``, written to ``target``."""
    import zipfile  # noqa: PLC0415

    with zipfile.ZipFile(source) as old:
        parts = {info.filename: old.read(info) for info in old.infolist()}
    for name, change in changes.items():
        parts[name] = change(parts.get(name, b""))
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for name, data in parts.items():
            new.writestr(name, data)
    return target


def _noise(size: int, seed: int) -> bytes:
    """``size`` bytes of text that packs loosely (hexadecimal digits), without "<"."""
    import random  # noqa: PLC0415

    return random.Random(seed).randbytes(size // 2).hex().encode()  # noqa: S311


def _appended(xml: bytes) -> Callable[[bytes], bytes]:
    return lambda data: data.replace(b"</sheetData>", xml + b"</sheetData>")


def _after_rows(xml: bytes) -> Callable[[bytes], bytes]:
    return lambda data: data.replace(b"</sheetData>", b"</sheetData>" + xml)


def _validations(count: int, size: int) -> bytes:
    """``count`` data validations, each on a list of cells ``size`` bytes long."""
    cells = " ".join(f"A{row}" for row in range(1, size)).encode()[: size - 100]
    rule = b'<dataValidation type="whole" sqref="' + cells + b'"/>'
    return f'<dataValidations count="{count}">'.encode() + rule * count + b"</dataValidations>"


def _inline_rows(elements: int, first_row: int, text: Callable[[int], str]) -> bytes:
    """Rows of inline-string cells (3 elements each) A–L, ``elements`` elements in all."""
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    rows, made, row = [], 0, first_row
    while made + 37 <= elements:
        cells = "".join(
            f'<c r="{get_column_letter(column)}{row}" t="inlineStr"><is>'
            f"<t>{text(row * 12 + column)}</t></is></c>"
            for column in range(1, 13)
        )
        rows.append(f'<row r="{row}">{cells}</row>')
        made, row = made + 37, row + 1
    return "".join(rows).encode()


def limit_books(folder: Path) -> dict[str, tuple[Path, str]]:
    """The workbooks at the limits: name → (path, what it is)."""
    from ict_competence.catalog import load_catalog  # noqa: PLC0415
    from ict_competence.xlsx import write_overview  # noqa: PLC0415
    from ict_competence.xlsx._package import (  # noqa: PLC0415
        MAX_ELEMENTS,
        MAX_PART_BYTES,
        MAX_PIECE_BYTES,
        MAX_STYLE_ELEMENTS,
        MAX_UNPACKED_BYTES,
    )

    base = write_overview(load_catalog().overview(), folder / "base.xlsx")
    half = MAX_UNPACKED_BYTES // 2 - 2**20
    piece = MAX_PIECE_BYTES - 1024

    def text_part(seed: int, tail: bytes = b"") -> Callable[[bytes], bytes]:
        # pieces of text under the longest allowed, between elements: passes every check
        chunks = _noise(half, seed)
        body = b"<y/>".join(chunks[i : i + piece] for i in range(0, len(chunks), piece))
        return lambda _data: b"<x>" + body + b"</x>" + tail

    books = {
        "part": (
            {
                _SHEET: _appended(
                    b"<row r='9'><c r='A9' t='inlineStr'><is><t>"
                    + _noise(MAX_PART_BYTES, 1)
                    + b"</t></is></c></row>"
                )
            },
            "refused: a sheet part over 20 MB (from the directory)",
        ),
        "doctype": (
            {"customXml/a.xml": text_part(2), "customXml/b.xml": text_part(3, b"<!DOCTYPE x>")},
            "refused: a DOCTYPE at the end of 30 MB of XML",
        ),
        "elements": (
            {_SHEET: _appended(_inline_rows(MAX_ELEMENTS + 40, 6000, str))},
            "refused: XML elements past the budget",
        ),
        "piece": (
            {"customXml/a.xml": text_part(4, b"<z a='" + b"A1 " * (piece // 2) + b"'/>")},
            "refused: a long attribute at the end of 15 MB",
        ),
        "attributes": (
            {_SHEET: _after_rows(_validations(MAX_PART_BYTES // piece - 2, piece))},
            "read: a sheet part full of the longest attributes allowed",
        ),
        "cells": (
            {_SHEET: _appended(_inline_rows(MAX_ELEMENTS - 2_500, 50, lambda n: f"x{n}"))},
            "read, then refused: the most cells the budget lets through, all bad",
        ),
        "styles": (
            {
                "xl/styles.xml": lambda data: data.replace(
                    b"</cellXfs>",
                    b"".join(
                        f'<xf numFmtId="{n % 50}" fontId="0" fillId="0" borderId="0"/>'.encode()
                        for n in range(MAX_STYLE_ELEMENTS - 200)
                    )
                    + b"</cellXfs>",
                ),
                _SHEET: _appended(
                    _inline_rows(MAX_ELEMENTS - MAX_STYLE_ELEMENTS - 2_500, 50, lambda n: f"x{n}")
                ),
            },
            "read, then refused: the most formats and cells the budgets let through",
        ),
    }
    made = {
        name: (_rewritten(base, folder / f"{name}.xlsx", changes), what)
        for name, (changes, what) in books.items()
    }
    made["ods"] = (
        _ods_at_budget(folder, MAX_ELEMENTS),
        "read, then refused: an .ods of as many cells",
    )
    return made


def _ods_at_budget(folder: Path, elements: int) -> Path:
    """The committed overview.ods with rows of text cells (2 elements each) up to ``elements``."""
    import zipfile  # noqa: PLC0415

    source = ROOT / "tests" / "xlsx" / "data" / "overview.ods"
    with zipfile.ZipFile(source) as old:
        parts = {info.filename: old.read(info) for info in old.infolist()}
    cell = '<table:table-cell office:value-type="string"><text:p>x{}</text:p></table:table-cell>'
    row = "<table:table-row>" + "".join(cell.format(n) for n in range(12)) + "</table:table-row>"
    rows = (row * ((elements - 2_500) // 25)).encode()
    content = parts["content.xml"]
    header_end = content.index(b"</table:table-row>") + len(b"</table:table-row>")
    parts["content.xml"] = content[:header_end] + rows + content[header_end:]
    target = folder / "at_budget.ods"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        new.writestr(zipfile.ZipInfo("mimetype"), parts.pop("mimetype"))
        for name, data in parts.items():
            new.writestr(name, data)
    return target


def report_limits(folder: Path, runs: int) -> None:
    """Time reading each workbook at the limits, and print how it ended."""
    from ict_competence.errors import WorkbookError  # noqa: PLC0415
    from ict_competence.xlsx import read_overview  # noqa: PLC0415

    print(f"the limits: median of {runs} runs")
    for name, (path, what) in limit_books(folder).items():
        try:
            read_overview(path)
            ended = "read"
        except WorkbookError as error:
            ended = str(error).removeprefix(f"{path}: ").split("\n")[0][:60]
        spent = median_time(functools.partial(read_overview, path), runs)
        size = path.stat().st_size / 2**20
        print(f"  {name:<10} {spent * 1000:8.1f} ms  {size:5.1f} MB  {what}")
        print(f"  {'':<10} {'':>11}  {'':>8}  ({ended})")


def main() -> None:
    """Parse the arguments; make the workbooks once; time and print."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=None, help="15, or 3 with --limits")
    parser.add_argument("--against", metavar="COMMIT")
    parser.add_argument("--limits", action="store_true", help="time the workbooks at the limits")
    parser.add_argument("--worker", metavar="SRC", help=argparse.SUPPRESS)
    parser.add_argument("paths", nargs="*", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.limits:
        with tempfile.TemporaryDirectory() as scratch:
            report_limits(Path(scratch), arguments.runs or 3)
        return
    arguments.runs = arguments.runs or 15
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
