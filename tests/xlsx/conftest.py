"""Helpers for workbook tests: write an overview, then edit the file as a person would."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from ict_competence.catalog import TaskOverview, load_catalog
from ict_competence.xlsx import write_overview


@pytest.fixture
def overview() -> TaskOverview:
    return load_catalog().overview()


@pytest.fixture
def workbook(tmp_path: Path, overview: TaskOverview) -> Path:
    return write_overview(overview, tmp_path / "takenoverzicht.xlsx")


def edit(path: Path, change: Callable[[Worksheet], None], sheet: str = "Takenoverzicht") -> Path:
    """Open the workbook with openpyxl, let ``change`` edit one sheet, save it in place."""
    book = openpyxl.load_workbook(path)
    change(book[sheet])
    book.save(path)
    return path
