"""A school plan's workbook survives LibreOffice: every sheet reads back after a re-save."""

from __future__ import annotations

import math

import attrs
import openpyxl
import pytest

from ict_competence.allocation import Team
from ict_competence.renderers import render
from ict_competence.xlsx import read_overview, read_team
from tests.renderers.samples import sample_plan
from tests.renderers.workbooks import values
from tests.xlsx.test_edits import resave_with_libreoffice

#: The sheets the library's readers read; every other sheet is compared cell by cell.
READ_BACK = ("Takenoverzicht", "Team")


def _same(before: object, after: object) -> bool:
    if isinstance(before, float | int) and isinstance(after, float | int):
        return math.isclose(before, after, rel_tol=1e-12, abs_tol=1e-12)
    return before == after


@pytest.mark.parametrize("names", [False, True])
def test_every_sheet_of_a_plan_reads_back_after_libreoffice_saves_it(tmp_path, names):
    plan = sample_plan(tmp_path)
    first, *others = plan.team.people
    # p1 over 100 %, a name and a plan name that look like formulas.
    team = Team((attrs.evolve(first, hours=200, name="=HYPERLINK(1)"), *others))
    plan = attrs.evolve(plan, name="=1+1", team=team)
    written = tmp_path / "plan.xlsx"
    written.write_bytes(render(plan, "xlsx", names=names, language="en"))

    resaved = resave_with_libreoffice(written, tmp_path)

    assert read_overview(resaved) == read_overview(written)
    assert read_team(resaved) == read_team(written)
    before, after = values(written), values(resaved)
    assert list(after) == list(before)
    for sheet in before:
        if sheet in READ_BACK:
            continue
        assert before[sheet].keys() == after[sheet].keys(), sheet
        changed = [
            ref for ref, value in before[sheet].items() if not _same(value, after[sheet][ref])
        ]
        assert changed == [], sheet
    summary = openpyxl.load_workbook(resaved)["Summary"]
    assert summary["B1"].value == "=1+1"
    assert summary["B1"].data_type == "s"
