"""Workbooks built to hurt: each is refused quickly with a WorkbookError, never a traceback."""

import time
import zipfile

import openpyxl
import pytest

from ict_competence.errors import IctCompetenceError, WorkbookError
from ict_competence.xlsx import read_overview, write_overview
from tests.xlsx.conftest import edit

LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
        for i in range(1, 10)
    )
    + ']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
    'uniqueCount="1"><si><t>&lol9;</t></si></sst>'
)


def _replace_part(source, target, name, data):
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            new.writestr(item, data if item.filename == name else old.read(item.filename))
        if name not in old.namelist():
            new.writestr(name, data)
    return target


def _refused(path, match):
    started = time.perf_counter()
    with pytest.raises(WorkbookError, match=match):
        read_overview(path)
    return time.perf_counter() - started


def test_a_file_that_is_not_a_zip_is_refused(tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_text("Code;Cluster\nTECH-01;Technisch\n")

    _refused(path, r"fake\.xlsx: not an \.xlsx workbook")


def test_an_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")

    _refused(path, "the file is empty")


def test_a_missing_file_is_refused(tmp_path):
    _refused(tmp_path / "missing.xlsx", "cannot be opened")


def test_a_zip_without_a_workbook_is_refused(tmp_path):
    path = tmp_path / "other.xlsx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("hello.txt", "hi")

    _refused(path, "cannot be read as a workbook")


def test_billion_laughs_is_refused_before_parsing(tmp_path, workbook):
    path = _replace_part(workbook, tmp_path / "laughs.xlsx", "xl/sharedStrings.xml", LAUGHS)

    _refused(path, "declares a DOCTYPE or XML entities")


def test_an_external_entity_is_refused(tmp_path, workbook):
    xxe = (
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&e;</t></si></sst>'
    )
    path = _replace_part(workbook, tmp_path / "xxe.xlsx", "xl/sharedStrings.xml", xxe)

    _refused(path, "DOCTYPE")


def test_a_zip_bomb_is_refused_by_its_packing_ratio(tmp_path, workbook):
    path = _replace_part(
        workbook, tmp_path / "bomb.xlsx", "xl/media/padding.bin", b"\0" * (20 * 2**20)
    )

    _refused(path, r"packed more than 200:1; refused as a likely zip bomb")


def test_a_workbook_that_unpacks_too_large_is_refused(tmp_path, workbook, monkeypatch):
    monkeypatch.setattr("ict_competence.xlsx._guard.MAX_UNPACKED_BYTES", 20_000)

    _refused(workbook, "unpacks to more than")


def test_a_far_away_cell_is_refused_quickly(workbook):
    def far(sheet):
        sheet["XFD1048576"] = "x"

    elapsed = _refused(
        edit(workbook, far), r"Takenoverzicht!A5001: the sheet goes on past row 5000"
    )

    assert elapsed < 30  # generous: the point is that it stops, not how fast this machine is


def test_a_formula_without_a_computed_value_is_refused(workbook):
    def formula(sheet):
        sheet["J4"] = "=SUM(J2:J3)"

    _refused(
        edit(workbook, formula), r"Takenoverzicht!J4: holds a formula without a computed value"
    )


def test_control_characters_in_user_text_are_refused_on_writing(tmp_path, overview):
    spoiled = overview.choose("TECH-01", notes="bell\x07")

    with pytest.raises(
        WorkbookError, match="task TECH-01, Opmerkingen contains the control character U\\+0007"
    ):
        write_overview(spoiled, tmp_path / "o.xlsx")


def test_a_failed_write_leaves_the_earlier_file_untouched(tmp_path, overview):
    path = write_overview(overview, tmp_path / "o.xlsx")
    before = path.read_bytes()

    with pytest.raises(IctCompetenceError):
        write_overview(overview.choose("TECH-01", notes="\x00"), path)

    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["o.xlsx"]


def test_writing_needs_an_xlsx_name_and_an_existing_folder(tmp_path, overview):
    with pytest.raises(WorkbookError, match=r"ending in \.xlsx"):
        write_overview(overview, tmp_path / "o.xls")
    with pytest.raises(WorkbookError, match="cannot be written"):
        write_overview(overview, tmp_path / "missing" / "o.xlsx")


def test_an_empty_overview_sheet_is_refused(tmp_path):
    book = openpyxl.Workbook()
    book.create_sheet("Takenoverzicht", 0)
    book.save(tmp_path / "blank.xlsx")

    _refused(tmp_path / "blank.xlsx", r"Takenoverzicht!A1: the sheet is empty")
