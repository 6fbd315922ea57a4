import tempfile
from pathlib import Path

import openpyxl
from hypothesis import given, settings

from ict_competence.catalog import Horizon, Scope, load_catalog
from ict_competence.xlsx import read_overview, write_overview
from tests import strategies


@settings(max_examples=40)
@given(strategies.task_overviews(max_size=6))
def test_any_overview_survives_the_workbook(overview):
    with tempfile.TemporaryDirectory() as folder:
        path = write_overview(overview, Path(folder) / "o.xlsx")

        assert read_overview(path) == overview


def test_a_tailored_catalog_overview_survives_the_workbook(tmp_path):
    overview = (
        load_catalog()
        .overview()
        .choose("TECH-05", scope=Scope.SCHOOL_GROUP, responsible="p-17", hours_per_year=44.5)
        .choose("PED-02", applies=False, horizon=Horizon.DROPPED, notes="niet nodig")
    )

    assert read_overview(write_overview(overview, tmp_path / "o.xlsx")) == overview


def test_the_sheet_has_the_columns_a_school_leader_expects(workbook):
    sheet = openpyxl.load_workbook(workbook)["Takenoverzicht"]

    headers = [cell.value for cell in sheet[1]]

    assert headers == [
        "Code",
        "Cluster",
        "Omschrijving",
        "Kerntaak",
        "Van toepassing",
        "Termijn",
        "Niveau",
        "Verantwoordelijke",
        "Back-up",
        "Uren per jaar",
        "Opmerkingen",
    ]
    assert sheet.freeze_panes == "B2"
    assert sheet.auto_filter.ref == f"A1:K{len(load_catalog().tasks) + 1}"
    assert sheet["B2"].value == "Technisch"
    assert sheet["E2"].value == "ja"


def test_the_choice_columns_have_drop_down_lists(workbook):
    sheet = openpyxl.load_workbook(workbook)["Takenoverzicht"]

    lists = {
        str(validation.sqref).split(":")[0]: validation.formula1
        for validation in sheet.data_validations.dataValidation
        if validation.type == "list"
    }

    assert lists["E2"] == '"ja,nee"'
    assert lists["F2"] == '"korte termijn,lange termijn,geschrapt"'
    assert lists["G2"] == '"school,scholengroep"'
    assert lists["B2"] == '"Technisch,Pedagogisch-didactisch,Administratief,Beleid & visie"'


def test_the_workbook_explains_itself_and_lists_the_roles(workbook):
    book = openpyxl.load_workbook(workbook)

    assert book.sheetnames == ["Takenoverzicht", "Uitleg", "Rollen", "Gegevens"]
    assert book["Gegevens"].sheet_state == "hidden"
    role_codes = [row[0].value for row in book["Rollen"].iter_rows(min_row=2)]
    assert role_codes == [role.code for role in load_catalog().roles]
    assert "Van toepassing" in " ".join(str(c.value) for c in book["Uitleg"]["A"])


def test_text_that_looks_like_a_formula_is_stored_as_text(tmp_path, overview):
    evil = '=HYPERLINK("http://example.invalid","klik")'
    tailored = overview.choose("TECH-01", notes=evil, responsible="+31 6 1234", backup="@jan")

    path = write_overview(tailored, tmp_path / "o.xlsx")
    sheet = openpyxl.load_workbook(path)["Takenoverzicht"]

    for ref, text in (("K2", evil), ("H2", "+31 6 1234"), ("I2", "@jan")):
        assert sheet[ref].value == text
        assert sheet[ref].data_type == "s"
        assert sheet[ref].quotePrefix
    assert read_overview(path).choice("TECH-01").notes == evil
