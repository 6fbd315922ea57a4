"""Reading back a workbook a person edited in a spreadsheet program."""

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from ict_competence.catalog import Cluster, Horizon, Scope
from ict_competence.errors import WorkbookError
from ict_competence.xlsx import read_overview, write_overview
from tests.hostile.books import rewrite
from tests.xlsx.conftest import edit
from tests.xlsx.libreoffice import convert


def resave_with_libreoffice(path: Path, scratch: Path) -> Path:
    """Open and save ``path`` with LibreOffice, as a person would; return the copy it wrote.

    CI must have LibreOffice (.ci/run installs it); a developer may not, and then it skips.
    """
    return convert([path], "xlsx", scratch / "libreoffice-out", scratch)[0]


def test_reordered_rows_and_blank_rows_are_read_by_code(workbook, overview):
    def shuffle(sheet):
        sheet.move_range("A2:K3", rows=60)  # first two tasks far below, leaving gaps
        sheet.insert_rows(10, amount=2)

    result = read_overview(edit(workbook, shuffle))

    assert sorted(result.codes) == sorted(overview.codes)
    assert result.choice("TECH-01") == overview.choice("TECH-01")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("12,5", 12.5), (" 1.234,5 ", 1234.5), ("1,234.5", 1234.5), ("7", 7), ("0.25", 0.25)],
)
def test_numbers_typed_as_text_are_read_in_dutch_or_english_notation(workbook, typed, expected):
    def type_text(sheet):
        sheet["J2"] = typed

    assert read_overview(edit(workbook, type_text)).choice("TECH-01").hours_per_year == expected


@pytest.mark.parametrize("typed", ["1.234", "1,234"])
def test_a_number_that_reads_two_ways_is_refused(workbook, typed):
    def type_text(sheet):
        sheet["J2"] = typed

    with pytest.raises(
        WorkbookError, match=r"Takenoverzicht!J2: '1[.,]234' could mean 1234 or 1\.234"
    ):
        read_overview(edit(workbook, type_text))


def test_a_title_row_above_the_header_and_wrapped_titles_are_fine(workbook, overview):
    def retitle(sheet):
        sheet.insert_rows(1, amount=2)
        sheet["A1"] = "Takenoverzicht Scholengroep Noord"
        sheet["E3"] = "Van\ntoepassing"

    assert read_overview(edit(workbook, retitle)) == overview


def test_a_column_title_used_twice_is_named(workbook):
    def twice(sheet):
        sheet["L1"] = "Uren per jaar"

    with pytest.raises(
        WorkbookError,
        match=r"Takenoverzicht!L1: the column title 'Uren per jaar' occurs twice \(also in J1\)",
    ):
        read_overview(edit(workbook, twice))


def test_a_code_typed_in_lower_case_is_still_the_catalog_task(workbook, overview):
    def lower(sheet):
        sheet["A2"] = "tech-01"

    result = read_overview(edit(workbook, lower))

    assert result.choice("TECH-01") == overview.choice("TECH-01")
    assert "tech-01" not in result


@pytest.mark.parametrize(
    ("typed", "expected"),
    [(True, True), (False, False), (0, False), ("JA", True), ("Nee", False), ("1", True)],
)
def test_applies_accepts_what_spreadsheets_make_of_yes_and_no(workbook, typed, expected):
    def answer(sheet):
        sheet["E2"] = typed

    assert read_overview(edit(workbook, answer)).choice("TECH-01").applies is expected


def test_choices_are_read_case_insensitively(workbook):
    def shout(sheet):
        sheet["F2"] = "GESCHRAPT"
        sheet["G2"] = "Scholengroep"

    choice = read_overview(edit(workbook, shout)).choice("TECH-01")

    assert choice.horizon is Horizon.DROPPED
    assert choice.scope is Scope.SCHOOL_GROUP


def test_a_schools_own_task_row_becomes_a_task_of_its_own(workbook):
    def add(sheet):
        sheet.append(
            [
                "EIGEN-01",
                "Administratief",
                "Beheer van tablets",
                "ja",
                "ja",
                "korte termijn",
                "school",
                "p-3",
                "",
                "20",
                "nieuw",
            ]
        )

    result = read_overview(edit(workbook, add))

    own = result.choice("EIGEN-01")
    assert own.task.cluster is Cluster.ADMINISTRATIVE
    assert own.task.description.nl == "Beheer van tablets"
    assert own.task.strategic
    assert own.hours_per_year == 20
    assert own.task.provenance.locator.startswith("Takenoverzicht!A")


def test_an_edited_description_and_core_flag_are_kept_with_the_cell_cited(workbook, overview):
    def rewrite(sheet):
        sheet["C2"] = "Onze eigen omschrijving"
        sheet["D2"] = "nee"
        sheet["B2"] = "Beleid & visie"

    task = read_overview(edit(workbook, rewrite)).choice("TECH-01").task

    assert task.description.nl == "Onze eigen omschrijving"
    assert task.provenance.locator == "Takenoverzicht!C2"
    assert not task.strategic
    assert task.criterion is None
    assert task.cluster is Cluster.POLICY
    assert task.domain is Cluster.POLICY.domain


def test_without_the_hidden_sheet_tasks_are_taken_from_the_catalog(workbook, overview):
    def drop(sheet):
        sheet.parent.remove(sheet)

    assert read_overview(edit(workbook, drop, sheet="Gegevens")) == overview


def test_a_formula_with_its_computed_value_is_read_as_the_value(tmp_path, workbook):
    def formula(sheet):
        sheet["J2"] = "=10+2.5"

    result = read_overview(resave_with_libreoffice(edit(workbook, formula), tmp_path))

    assert result.choice("TECH-01").hours_per_year == 12.5


def test_a_copy_saved_by_libreoffice_reads_back_the_same(tmp_path, overview):
    tailored = overview.choose(
        "TECH-04",
        notes="=1+1 blijft tekst\nop twee regels",
        responsible="@Jürgen",
        hours_per_year=12.25,
    ).choose("PED-02", applies=False, horizon=Horizon.DROPPED, scope=Scope.SCHOOL_GROUP)
    source = write_overview(tailored, tmp_path / "takenoverzicht.xlsx")

    assert read_overview(resave_with_libreoffice(source, tmp_path)) == tailored


@pytest.mark.parametrize(
    ("ref", "value", "expected"),
    [
        (
            "J3",
            "veel",
            r"Takenoverzicht!J3: expected a number of hours \(0 or more\), found 'veel'",
        ),
        ("J3", -4, r"Takenoverzicht!J3: expected a number of hours"),
        ("J3", None, r"Takenoverzicht!J3: .*found nothing"),
        ("E4", "misschien", r"Takenoverzicht!E4: expected ja or nee"),
        ("F5", "ooit", r"Takenoverzicht!F5: expected a term"),
        ("G6", "land", r"Takenoverzicht!G6: expected a level"),
        ("B7", "Sport", r"Takenoverzicht!B7: expected a cluster"),
        ("A8", None, r"Takenoverzicht!A8: expected a task code"),
        ("A9", "TECH-01", r"Takenoverzicht!A9: task TECH-01 occurs again \(first at A2\)"),
    ],
)
def test_a_bad_cell_is_named_with_what_was_expected(workbook, ref, value, expected):
    def spoil(sheet):
        sheet[ref] = value

    with pytest.raises(WorkbookError, match=expected):
        read_overview(edit(workbook, spoil))


def test_an_own_task_without_cluster_or_description_is_refused(workbook):
    def add(sheet):
        sheet.append(["EIGEN-01", None, "x", "nee", "ja", "korte termijn", "school", "", "", 1, ""])

    with pytest.raises(
        WorkbookError,
        match=r"Takenoverzicht!B\d+: task EIGEN-01 is not in the catalog: give its cluster",
    ):
        read_overview(edit(workbook, add))


def test_a_missing_column_title_is_named(workbook):
    def rename(sheet):
        sheet["J1"] = "Uren"

    with pytest.raises(
        WorkbookError,
        match=r"Takenoverzicht!A1: the header row lacks the column\(s\) Uren per jaar",
    ):
        read_overview(edit(workbook, rename))


def test_a_workbook_without_the_overview_sheet_counts_the_sheets_it_has(workbook):
    def rename(sheet):
        sheet.title = "Blad1"

    with pytest.raises(WorkbookError) as caught:
        read_overview(edit(workbook, rename))

    assert str(caught.value).endswith(
        "the workbook has no sheet 'Takenoverzicht' (it has 4 other sheets)"
    )
    assert caught.value.missing_sheet == "Takenoverzicht"


@pytest.mark.parametrize("title", ["takenoverzicht", "Takenoverzicht ", " TAKENOVERZICHT"])
def test_the_overview_sheet_in_another_case_or_with_spaces_is_read_with_a_warning(
    workbook, overview, title
):
    # openpyxl would number a title that differs only in case: the package is edited.
    rewrite(workbook, "xl/workbook.xml", _retitle("Takenoverzicht", title))

    read = read_overview(workbook)

    assert read.choices == overview.choices
    assert [warning.en for warning in read.warnings] == [
        f"takenoverzicht.xlsx: sheet Takenoverzicht is titled {title!r} and was read as such."
    ]


def test_a_sheet_title_close_to_the_overview_s_is_suggested(workbook):
    with pytest.raises(WorkbookError) as caught:
        read_overview(edit(workbook, lambda sheet: setattr(sheet, "title", "Takenoverzict")))

    assert "(it has 4 other sheets; did you mean 'Takenoverzict'? rename it to " in str(
        caught.value
    )


def _retitle(old: str, new: str) -> Callable[[bytes], bytes]:
    return lambda data: data.replace(f'name="{old}"'.encode(), f'name="{new}"'.encode(), 1)


def test_two_sheets_that_could_be_the_overview_are_refused(workbook):
    rewrite(workbook, "xl/workbook.xml", _retitle("Takenoverzicht", "takenoverzicht"))
    rewrite(workbook, "xl/workbook.xml", _retitle("Uitleg", "TAKENOVERZICHT "))

    with pytest.raises(
        WorkbookError,
        match=r"has 2 sheets that could be 'Takenoverzicht' \('takenoverzicht', "
        r"'TAKENOVERZICHT '\); keep one",
    ):
        read_overview(workbook)


def test_a_missing_sheet_never_names_the_other_sheets(tmp_path):
    # A plan's workbook written with names=True titles a person's sheet by the person's name.
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "An Peeters (p1)"
    book.create_sheet("Tamara Janssens (p2)")
    book.save(tmp_path / "plan.xlsx")

    with pytest.raises(WorkbookError) as caught:
        read_overview(tmp_path / "plan.xlsx")

    assert "Peeters" not in str(caught.value)
    assert "Tamara" not in str(caught.value)
    assert str(caught.value).endswith("(it has 2 other sheets)")


def test_a_damaged_hidden_definition_is_named(workbook):
    def spoil(sheet):
        sheet["B3"] = '{"schema_version": 1, "code": "TECH-02"}'

    with pytest.raises(WorkbookError, match=r"Gegevens!B3: is not a task definition"):
        read_overview(edit(workbook, spoil, sheet="Gegevens"))
