"""The reading seam (xlsx/_book.py and the readers behind it): how a file is opened and read."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import python_calamine

from ict_competence.errors import WorkbookError
from ict_competence.xlsx import read_overview, read_team
from tests.hostile.record import refused
from tests.xlsx.formulas import with_cached_formula
from tests.xlsx.libreoffice import DATA

_OPENED: list[str] | None = None


def _audit(event: str, arguments: tuple[object, ...]) -> None:
    if _OPENED is not None and event == "open" and isinstance(arguments[0], str | Path):
        _OPENED.append(str(arguments[0]))


sys.addaudithook(_audit)  # an audit hook cannot be removed; it records only inside opens


@pytest.fixture
def opens() -> Iterator[list[str]]:
    """The files Python opens while the test runs (its audit events)."""
    global _OPENED  # noqa: PLW0603 - the audit hook is process-wide
    _OPENED = []
    try:
        yield _OPENED
    finally:
        _OPENED = None


def _never(*_args: object, **_kwargs: object) -> None:
    raise AssertionError("calamine opened the file by its path")


@pytest.mark.parametrize(
    ("name", "read"),
    [
        ("team.xlsx", read_team),
        ("team.ods", read_team),
        ("team.xls", read_team),
        ("overview.xlsx", read_overview),
        ("overview.ods", read_overview),
    ],
)
def test_a_workbook_is_opened_once(opens, monkeypatch, name, read):
    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", _never)
    path = DATA / name

    read(path)

    assert opens.count(str(path)) == 1


def test_a_workbook_with_formulas_is_opened_once(opens, tmp_path):
    path = with_cached_formula(tmp_path / "o.xlsx", "J3", "10+2", "12")
    opens.clear()  # writing it opened it

    assert read_overview(path).choice("TECH-02").hours_per_year == 12

    assert opens.count(str(path)) == 1


def test_a_file_larger_than_any_workbook_is_refused_unread(opens, monkeypatch):
    monkeypatch.setattr("ict_competence.xlsx._guard.MAX_FILE_BYTES", 1_000)
    path = DATA / "team.xlsx"

    refused(lambda: read_team(path), WorkbookError, match=r"team\.xlsx: is larger than 0 MB")

    assert str(path) not in opens
