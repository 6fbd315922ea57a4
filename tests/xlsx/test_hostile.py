"""Overview workbooks built to hurt, and writing safely; the cases both readers share are in
tests/hostile/test_workbooks.py."""

import time
import zipfile
from pathlib import Path

import attrs
import openpyxl
import pytest

from ict_competence.errors import WorkbookError
from ict_competence.text import LocalizedText
from ict_competence.xlsx import read_overview, write_overview

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


def test_a_zip_without_a_workbook_is_refused(tmp_path):
    path = tmp_path / "other.xlsx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("hello.txt", "hi")

    _refused(path, "cannot be read as a workbook")


def test_a_workbook_that_unpacks_too_large_is_refused(tmp_path, workbook, monkeypatch):
    monkeypatch.setattr("ict_competence.xlsx._package.MAX_UNPACKED_BYTES", 20_000)

    _refused(workbook, "unpacks to more than")


def test_control_characters_in_user_text_are_refused_on_writing(tmp_path, overview):
    spoiled = overview.choose("TECH-01", notes="bell\x07")

    with pytest.raises(
        WorkbookError, match="task TECH-01, Opmerkingen contains the control character U\\+0007"
    ):
        write_overview(spoiled, tmp_path / "o.xlsx")


def test_a_write_that_fails_halfway_leaves_the_earlier_file_untouched(
    tmp_path, overview, monkeypatch
):
    path = write_overview(overview, tmp_path / "o.xlsx")
    before = path.read_bytes()

    def half_then_fail(self, filename):
        Path(filename).write_bytes(b"PK half a workbook")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(openpyxl.Workbook, "save", half_then_fail)
    with pytest.raises(WorkbookError, match="No space left on device"):
        write_overview(overview.choose("TECH-01", notes="nieuw"), path)

    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["o.xlsx"]


def test_an_overwritten_workbook_keeps_its_permissions(tmp_path, overview):
    path = write_overview(overview, tmp_path / "o.xlsx")
    path.chmod(0o640)

    write_overview(overview, path)

    assert path.stat().st_mode & 0o777 == 0o640


def test_entities_in_a_part_with_an_unusual_name_are_refused_too(tmp_path, workbook):
    path = _replace_part(workbook, tmp_path / "odd.xlsx", "xl/odd/PART.XML", LAUGHS)

    _refused(path, "declares a DOCTYPE")


def test_text_longer_than_a_cell_holds_is_refused_on_writing(tmp_path, overview):
    with pytest.raises(WorkbookError, match=r"task TECH-01, Opmerkingen is 40,000 characters long"):
        write_overview(overview.choose("TECH-01", notes="x" * 40_000), tmp_path / "o.xlsx")


def test_a_task_definition_longer_than_a_cell_survives_the_workbook(tmp_path, overview):
    task = attrs.evolve(
        overview.choice("TECH-01").task, description=LocalizedText("a" * 20_000, "b" * 20_000)
    )
    long = overview.choose("TECH-01", task=task)

    path = write_overview(long, tmp_path / "o.xlsx")

    assert read_overview(path) == long


def test_writing_needs_an_xlsx_name_and_an_existing_folder(tmp_path, overview):
    with pytest.raises(WorkbookError, match=r"ending in \.xlsx"):
        write_overview(overview, tmp_path / "o.xls")
    with pytest.raises(WorkbookError, match="cannot be written"):
        write_overview(overview, tmp_path / "missing" / "o.xlsx")


def test_an_empty_overview_sheet_is_refused(tmp_path):
    book = openpyxl.Workbook()
    book.create_sheet("Takenoverzicht", 0)
    book.save(tmp_path / "blank.xlsx")

    _refused(tmp_path / "blank.xlsx", r"Takenoverzicht!A1: found no header row")
