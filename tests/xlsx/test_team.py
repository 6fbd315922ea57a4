"""The team workbook: written for a school leader, read back with every bad cell named."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ict_competence.allocation import Person, Team
from ict_competence.catalog import Domain
from ict_competence.errors import WorkbookError
from ict_competence.xlsx import read_team, write_team
from tests.allocation.strategies import teams
from tests.xlsx.conftest import edit
from tests.xlsx.libreoffice import group
from tests.xlsx.test_edits import resave_with_libreoffice

_NAMES = st.text(
    alphabet=st.sampled_from("abcdeéëijkxyz ABC-'=+@\u00a0ç"), min_size=1, max_size=20
).filter(str.strip)


@pytest.fixture
def team_book(tmp_path: Path) -> Path:
    return write_team(group(), tmp_path / "team.xlsx")


def test_a_team_workbook_is_readable_by_its_owner_only_also_over_an_open_file(tmp_path):
    path = tmp_path / "team.xlsx"
    path.write_bytes(b"an older copy")
    path.chmod(0o644)

    written = write_team(group(), path)

    assert written.stat().st_mode & 0o777 == 0o600
    assert read_team(written) == group()


def _refusal(path: Path) -> str:
    with pytest.raises(WorkbookError) as caught:
        read_team(path)
    return str(caught.value)


def test_a_team_reads_back_equal_to_what_was_written(team_book):
    assert read_team(team_book) == group()


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(team=teams(max_people=6), names=st.lists(_NAMES, min_size=6, max_size=6))
def test_any_team_round_trips_through_its_workbook(tmp_path, team, names):
    named = Team(
        tuple(
            Person(
                id=p.id,
                hours=p.hours,
                levels=p.levels,
                motivation=p.motivation,
                school=p.school,
                name=name,
            )
            for p, name in zip(team.people, names, strict=False)
        ),
        team.schools,
    )

    assert read_team(write_team(named, tmp_path / "team.xlsx")) == named


def test_the_sheet_has_the_dutch_titles_and_keeps_a_name_that_looks_like_a_formula(team_book):
    sheet = openpyxl.load_workbook(team_book)["Team"]

    titles = [cell.value for cell in sheet[1]]

    assert titles[:4] == ["ID", "Naam", "School", "Uren per jaar"]
    assert "Niveau Technisch" in titles
    assert "Motivatie Beleid & visie" in titles
    assert sheet["B4"].value == "=1+1"
    assert sheet["B4"].data_type == "s"


def test_every_bad_cell_is_reported_at_once_with_its_place(team_book):
    def mistakes(sheet):
        sheet["D2"] = "veel"  # hours as a word
        sheet["E3"] = 4  # a level above 3
        sheet["A4"] = "p1"  # an id given twice
        sheet["C3"] = "Oost"  # a school the group does not have

    message = _refusal(edit(team_book, mistakes, sheet="Team"))

    assert message.startswith(f"{team_book}: 4 cells need correcting:")
    assert "Team!D2: expected a number of hours (0 or more), found 'veel'" in message
    assert "Team!E3: expected a whole number 0–3, found 4" in message
    assert "Team!A4: the id 'p1' is also given in A2" in message
    assert "Team!C3: expected a school of sheet Scholen (Noord, Zuid), found 'Oost'" in message


def test_a_message_never_holds_a_persons_name(team_book):
    def mistakes(sheet):
        sheet["D2"] = "veel"
        sheet["E2"] = 7

    message = _refusal(edit(team_book, mistakes, sheet="Team"))

    assert "An Peeters" not in message


def test_hours_with_a_decimal_comma_are_read_as_a_number(team_book):
    def dutch(sheet):
        sheet["D3"] = "4,5"
        sheet["E3"] = "2"

    person = read_team(edit(team_book, dutch, sheet="Team")).person("p2")

    assert person.hours == 4.5
    assert person.level(Domain.TECHNICAL) == 2


def test_a_blank_level_counts_as_zero_and_a_blank_row_is_skipped(team_book):
    def blanks(sheet):
        sheet["E2"] = None
        sheet.insert_rows(3)

    team = read_team(edit(team_book, blanks, sheet="Team"))

    assert team.person("p1").level(Domain.TECHNICAL) == 0
    assert team.ids == ("p1", "p2", "p3")


def test_ids_and_schools_are_matched_after_spaces_and_accents_are_normalised(tmp_path):
    team = Team(
        (Person(id="é1", hours=10, levels={}, motivation={}, school="Sint-Jozef"),),
        ("Sint-Jozef", "Zuid"),
    )
    path = write_team(team, tmp_path / "team.xlsx")

    def typed(sheet):
        sheet["A2"] = "e\u03011 "  # decomposed accent, trailing space
        sheet["C2"] = "\u00a0Sint-Jozef"  # a non-breaking space in front

    assert read_team(edit(path, typed, sheet="Team")) == team


def test_many_bad_cells_are_listed_up_to_the_maximum_and_counted(tmp_path):
    people = tuple(Person(id=f"p{i}", hours=1, levels={}, motivation={}) for i in range(60))
    path = write_team(Team(people), tmp_path / "team.xlsx")

    def words(sheet):
        for row in range(2, 62):
            sheet[f"D{row}"] = "veel"

    message = _refusal(edit(path, words, sheet="Team"))

    assert message.startswith(f"{path}: 60 cells need correcting:")
    assert message.count("expected a number of hours") == 50
    assert message.endswith("… and 10 more")


def test_a_workbook_without_the_team_sheet_or_a_column_is_refused(team_book, tmp_path):
    book = openpyxl.load_workbook(team_book)
    book["Team"].title = "Personeel"
    renamed = tmp_path / "renamed.xlsx"
    book.save(renamed)

    def no_hours(sheet):
        sheet["D1"] = "Tijd"

    assert "has no sheet 'Team' (it has 3 other sheets)" in _refusal(renamed)
    assert "lacks the column(s) Uren per jaar" in _refusal(edit(team_book, no_hours, "Team"))


def test_writing_refuses_a_name_that_is_not_an_xlsx_file(tmp_path):
    with pytest.raises(WorkbookError, match=r"team\.csv: expected a file name ending in \.xlsx"):
        write_team(group(), tmp_path / "team.csv")


def test_a_team_survives_libreoffice(team_book, tmp_path):
    resaved = resave_with_libreoffice(team_book, tmp_path)

    assert read_team(resaved) == group()


def test_an_empty_sheet_is_refused(team_book):
    def empty(sheet):
        sheet.delete_rows(1, sheet.max_row)

    assert "Team!A1: the sheet is empty" in _refusal(edit(team_book, empty, "Team"))


def test_a_repeated_column_title_is_refused(tmp_path):
    path = write_team(group(), tmp_path / "team.xlsx")

    def twice(sheet):
        sheet["B1"] = "uren per JAAR"

    assert "Team!D1: the column title 'Uren per jaar' occurs twice (also in B1)" in _refusal(
        edit(path, twice, "Team")
    )


def test_a_missing_id_an_ambiguous_number_and_a_text_score_are_each_reported(team_book):
    def mistakes(sheet):
        sheet["A2"] = None  # the id is left out, the rest of the row is still there
        sheet["D3"] = "1.500"  # 1500 in Dutch, 1.5 in English
        sheet["F3"] = "veel"

    message = _refusal(edit(team_book, mistakes, "Team"))

    assert "Team!A2: expected the person's id, found nothing" in message
    assert (
        "Team!D3: '1.500' could mean 1500 or 1.500; type the number without a thousands separator"
    ) in message
    assert "Team!F3: expected a whole number 0–3, found 'veel'" in message


def test_a_school_the_model_refuses_is_named_by_its_cell(tmp_path):
    path = write_team(
        Team((Person(id="p1", hours=1, levels={}, motivation={}),)), tmp_path / "t.xlsx"
    )

    def colon(sheet):
        sheet["C2"] = "Noord:Oost"

    message = _refusal(edit(path, colon, "Team"))

    assert message.startswith(
        f"{path}: 1 cell needs correcting:\n  Team!C2: expected a school name"
    )


def test_without_the_schools_sheet_the_schools_are_those_people_work_at(team_book):
    book = openpyxl.load_workbook(team_book)
    del book["Scholen"]
    book.save(team_book)

    assert read_team(team_book).schools == ("Noord", "Zuid")


def test_a_failed_write_leaves_the_old_workbook_and_no_temporary_file(team_book, monkeypatch):
    before = team_book.read_bytes()

    def refuse(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.fsync", refuse)

    with pytest.raises(WorkbookError, match="cannot be written: No space left on device"):
        write_team(Team(()), team_book)
    assert team_book.read_bytes() == before
    assert [p.name for p in team_book.parent.iterdir()] == [team_book.name]
