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
