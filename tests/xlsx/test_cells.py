"""How a cell's value is shown in a message: in the words of the spreadsheet's user."""

from __future__ import annotations

import datetime

import pytest

from ict_competence.xlsx._cells import Covered, _blank, _Cell, _found


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (datetime.datetime(2024, 3, 12), "the date 2024-03-12"),
        (datetime.datetime(2024, 3, 12, 13, 5), "the date and time 2024-03-12 13:05"),
        (datetime.datetime(2024, 3, 12, 13, 5, 7), "the date and time 2024-03-12 13:05:07"),
        (datetime.date(2024, 3, 12), "the date 2024-03-12"),
        (datetime.time(4, 30), "the time 04:30"),
        (datetime.timedelta(hours=30), "the duration 30:00"),
        (datetime.timedelta(seconds=-90), "the duration -0:01:30"),
        (None, "nothing"),
        ("  ", "nothing"),
        ("veel", "'veel'"),
        (4, "4"),
        ("x" * 50, "'" + "x" * 36 + "…'"),
    ],
)
def test_a_value_is_shown_as_a_spreadsheet_shows_it(value, shown):
    assert _found(_Cell("J4", value)) == shown


def test_a_cell_under_merged_cells_says_why_it_is_empty():
    cell = _Cell("F3", Covered("E3:F4"))

    assert _blank(cell.value)
    assert _found(cell) == (
        "nothing: the cell lies under the merged cells E3:F4, which show only E3; unmerge them"
    )


def test_the_control_characters_are_those_openpyxl_refuses():
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    from ict_competence.xlsx._cells import CONTROL_CHARACTERS

    characters = [chr(code) for code in range(0x10000)]

    assert [c for c in characters if CONTROL_CHARACTERS.match(c)] == [
        c for c in characters if ILLEGAL_CHARACTERS_RE.match(c)
    ]


def test_reading_an_ods_overview_imports_no_openpyxl(tmp_path):
    import subprocess
    import sys

    from tests.xlsx.libreoffice import DATA

    script = (
        "import sys, ict_competence as ic\n"
        f"ic.read_overview({str(DATA / 'overview.ods')!r})\n"
        "print('openpyxl' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=tmp_path
    )

    assert done.stdout.strip() == "False"
