"""Reading an overview says what it refused and what it decided: no code, row or cell unsaid."""

import attrs
import pytest

from ict_competence.catalog import Cluster, load_catalog
from ict_competence.errors import WorkbookError
from ict_competence.xlsx import read_overview
from tests.xlsx.conftest import edit

_OWN_CODE_ADVICE = (
    "A school's own task needs a code outside the catalog's prefixes TECH, PED, ADM, POL "
    "(for example EIGEN-01)"
)


@pytest.mark.parametrize("typed", ["TECH-3", "tech 03", "TECH-030", "TECH03", "Tech_03"])
def test_a_code_close_to_a_catalog_code_is_refused_with_the_catalog_code_suggested(workbook, typed):
    def mistype(sheet):
        sheet["A4"] = typed  # row 4 holds TECH-03

    with pytest.raises(WorkbookError) as refused:
        read_overview(edit(workbook, mistype))

    assert refused.value.problems == (
        f"Takenoverzicht!A4: {typed!r} is not a catalog code; did you mean TECH-03? "
        + _OWN_CODE_ADVICE,
    )


def test_a_new_code_with_a_catalog_prefix_is_refused_even_without_a_close_code(workbook):
    def add(sheet):
        sheet.append(["TECH-99", "Technisch", "eigen", "nee", "ja", "korte termijn", "school"])

    with pytest.raises(WorkbookError) as refused:
        read_overview(edit(workbook, add))

    assert "'TECH-99' is not a catalog code, though it starts like one." in str(refused.value)
    assert _OWN_CODE_ADVICE in str(refused.value)


def test_the_prefixes_a_school_must_avoid_come_from_the_catalog():
    prefixes = [profile.code_prefix for profile in load_catalog().clusters]

    assert prefixes == ["TECH", "PED", "ADM", "POL"]


def test_a_deleted_catalog_row_is_read_as_not_applying_and_named_in_the_warnings(
    workbook, overview
):
    def delete(sheet):
        sheet.delete_rows(4)  # TECH-03

    result = read_overview(edit(workbook, delete))

    assert result.choice("TECH-03") == attrs.evolve(overview.choice("TECH-03"), applies=False)
    assert len(result.warnings) == 1
    assert "TECH-03" in result.warnings[0].nl
    assert "read as not applying" in result.warnings[0].en
    assert result.warnings[0] in result.summary().warnings


def test_without_the_hidden_sheet_a_deleted_row_is_still_named(workbook):
    def delete(sheet):
        sheet.delete_rows(2, amount=2)  # TECH-01 and TECH-02

    def drop(sheet):
        sheet.parent.remove(sheet)

    result = read_overview(edit(edit(workbook, delete), drop, sheet="Gegevens"))

    assert not result.choice("TECH-01").applies
    assert not result.choice("TECH-02").applies
    assert "TECH-01, TECH-02" in result.warnings[0].en


def test_a_complete_workbook_reads_without_warnings(workbook, overview):
    assert read_overview(workbook).warnings == ()


def test_every_bad_cell_is_reported_at_once_with_its_place(workbook):
    def spoil(sheet):
        sheet["J3"] = "veel"
        sheet["E4"] = "misschien"
        sheet["B5"] = "Sport"
        sheet["A6"] = "TECH-3"
        sheet["A9"] = "TECH-01"

    with pytest.raises(WorkbookError) as refused:
        read_overview(edit(workbook, spoil))

    message = str(refused.value)
    assert message.startswith(f"{workbook}: 5 cells need correcting:")
    assert [line.split(":")[0] for line in refused.value.problems] == [
        "Takenoverzicht!J3",
        "Takenoverzicht!E4",
        "Takenoverzicht!B5",
        "Takenoverzicht!A6",
        "Takenoverzicht!A9",
    ]


def test_more_bad_cells_than_the_maximum_are_counted(workbook, overview):
    def spoil(sheet):
        for row in range(2, len(overview) + 2):
            sheet[f"J{row}"] = "veel"
            sheet[f"E{row}"] = "misschien"

    with pytest.raises(WorkbookError) as refused:
        read_overview(edit(workbook, spoil))

    message = str(refused.value)
    total = 2 * len(overview)
    assert total > 50
    assert message.startswith(f"{workbook}: {total} cells need correcting:")
    assert message.count("\n  Takenoverzicht!") == 50
    assert message.endswith(f"… and {total - 50} more")
    assert len(refused.value.problems) == total


def test_the_list_of_accepted_clusters_is_complete(workbook):
    def spoil(sheet):
        sheet["B2"] = "Sport"

    with pytest.raises(WorkbookError) as refused:
        read_overview(edit(workbook, spoil))

    message = str(refused.value)
    for cluster in Cluster:
        assert cluster.label.nl.casefold() in message
    assert "more" not in message
