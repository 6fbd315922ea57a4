"""Workbooks built to hurt, fed to read_overview and read_team: refused with the place, quickly.

Each case runs for both readers. Inputs a person makes by accident (non-breaking spaces,
decomposed accents, a decimal comma) are read as meant, not refused.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from ict_competence.errors import WorkbookError
from ict_competence.xlsx import read_overview, read_team
from tests.hostile.books import KINDS, OVERVIEW, TEAM, Kind, edit, rewrite, with_text
from tests.hostile.record import refused

LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)).replace(
        "&lol0;", "&lol;"
    )
    + ']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    "<si><t>&lol9;</t></si></sst>"
)
XXE = (
    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&e;</t></si></sst>'
)
PARTS = (
    "xl/sharedStrings.xml",
    "xl/worksheets/sheet1.xml",
    "[Content_Types].xml",
    "xl/workbook.xml",
)

each_kind = pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)


@pytest.fixture
def book(tmp_path: Path, kind: Kind) -> Path:
    return kind.write(tmp_path / f"{kind.name}.xlsx")


def _refused(kind: Kind, path: Path, match: str) -> WorkbookError:
    error = refused(lambda: kind.read(path), WorkbookError, match)
    assert isinstance(error, WorkbookError)
    return error


# -- the file -------------------------------------------------------------------------------


@each_kind
def test_a_file_that_is_not_a_zip_is_refused(tmp_path, kind):
    path = tmp_path / "fake.xlsx"
    path.write_text("<html>not a workbook</html>")

    _refused(kind, path, r"fake\.xlsx: not an \.xlsx workbook \(not a zip package\)")


@each_kind
def test_an_empty_file_is_refused(tmp_path, kind):
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")

    _refused(kind, path, "the file is empty")


@each_kind
def test_a_truncated_workbook_is_refused(tmp_path, kind, book):
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(book.read_bytes()[: book.stat().st_size // 2])

    _refused(kind, cut, "not an .xlsx workbook")


@each_kind
def test_a_csv_given_as_workbook_is_refused(tmp_path, kind):
    path = tmp_path / "team.csv"
    path.write_text("Code;Cluster\nTECH-01;Technisch\n")

    _refused(kind, path, r"team\.csv: not an \.xlsx workbook")


@each_kind
def test_a_missing_file_is_refused(tmp_path, kind):
    _refused(kind, tmp_path / "missing.xlsx", r"missing\.xlsx: cannot be opened")


@each_kind
def test_a_folder_given_as_workbook_is_refused(tmp_path, kind):
    _refused(kind, tmp_path, "is not a file")


@each_kind
def test_a_path_with_a_nul_byte_is_refused_naming_it(tmp_path, kind):
    path = tmp_path / "over\0zicht.xlsx"

    error = _refused(kind, path, r"over\\x00zicht\.xlsx': the file name holds a NUL character")

    assert error.path == repr(str(path))


@each_kind
def test_a_workbook_without_the_sheet_names_the_sheets_it_has(kind, book):
    edit(book, kind.sheet, lambda sheet: setattr(sheet, "title", "Blad1"))

    _refused(kind, book, rf"the workbook has no sheet '{kind.sheet}' \(it has \d other sheets?\)$")


@each_kind
def test_a_sheet_without_a_header_is_refused(kind, book):
    edit(book, kind.sheet, lambda sheet: sheet.delete_rows(1, sheet.max_row))

    _refused(kind, book, rf"{kind.sheet}!A1: ")


# -- the package ----------------------------------------------------------------------------


@each_kind
@pytest.mark.parametrize("part", PARTS)
def test_billion_laughs_in_any_part_is_refused_before_parsing(kind, book, part):
    rewrite(book, part, lambda _data: LAUGHS.encode())

    _refused(kind, book, re.escape(f"part {part} declares a DOCTYPE or XML entities"))


def _utf16(text: str, codec: str) -> bytes:
    """``text`` as a UTF-16 part declares itself: the declaration says UTF-16 whatever the order."""
    return text.replace('version="1.0"?>', 'version="1.0" encoding="UTF-16"?>', 1).encode(codec)


@each_kind
@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("part", PARTS[:2])
def test_billion_laughs_in_utf_16_is_refused_before_openpyxl_reads(
    kind, book, part, codec, monkeypatch
):
    # "utf-16" starts with a byte order mark; the other two start with "<" and a zero byte.
    rewrite(book, part, lambda _data: _utf16(LAUGHS, codec))
    monkeypatch.setattr("openpyxl.load_workbook", _never)

    _refused(kind, book, re.escape(f"part {part} declares a DOCTYPE or XML entities"))


@each_kind
def test_defusedxml_refuses_entities_the_scan_of_the_bytes_missed(kind, book, monkeypatch):
    # The second layer: openpyxl parses with defusedxml, which refuses entity declarations.
    never = re.compile(r"(?!)")
    monkeypatch.setattr("ict_competence.xlsx._package._DECLARATION", never)
    rewrite(book, "xl/worksheets/sheet1.xml", lambda _data: LAUGHS.encode())

    error = _refused(kind, book, "cannot be read as a workbook")

    assert "EntitiesForbidden" in {type(cause).__name__ for cause in _chain(error)}


def _chain(error: BaseException) -> list[BaseException]:
    """``error`` and the exceptions it was raised from or during, however it was raised."""
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


@each_kind
@pytest.mark.parametrize("part", PARTS)
def test_an_external_entity_in_any_part_is_refused(kind, book, part):
    rewrite(book, part, lambda _data: XXE.encode())

    _refused(kind, book, re.escape(f"part {part} declares a DOCTYPE"))


@each_kind
def test_a_zip_bomb_is_refused_before_openpyxl_reads(kind, book, monkeypatch):
    rewrite(book, "xl/media/padding.bin", lambda _data: b"\0" * (20 * 2**20))
    monkeypatch.setattr("openpyxl.load_workbook", _never)

    _refused(kind, book, r"packed more than 200:1; refused as a likely zip bomb")


def _never(*_args: object, **_kwargs: object) -> None:
    raise AssertionError("openpyxl was reached")


@each_kind
def test_a_cell_at_xfd1048576_is_refused_without_hanging(kind, book):
    edit(book, kind.sheet, lambda sheet: sheet.__setitem__("XFD1048576", "x"))

    _refused(kind, book, rf"{kind.sheet}!XFD1048576: holds something past row 5,000; a task")


@each_kind
def test_a_dimension_claiming_the_whole_sheet_neither_hangs_nor_changes_the_reading(kind, book):
    before = kind.read(book)
    rewrite(book, "xl/worksheets/sheet1.xml", _dimension("A1:XFD1048576"))

    assert kind.read(book) == before


@each_kind
def test_a_dimension_claiming_too_few_rows_drops_no_row(kind, book):
    before = kind.read(book)
    rewrite(book, "xl/worksheets/sheet1.xml", _dimension("A1:B2"))

    assert kind.read(book) == before


def _dimension(ref: str):
    def change(data: bytes) -> bytes:
        start = data.index(b"<dimension ")
        end = data.index(b"/>", start) + 2
        return data[:start] + f'<dimension ref="{ref}"/>'.encode() + data[end:]

    return change


def test_merged_cells_over_a_choice_are_refused_naming_the_hidden_cell(tmp_path):
    book = OVERVIEW.write(tmp_path / "o.xlsx")
    edit(book, OVERVIEW.sheet, lambda sheet: sheet.merge_cells("E3:F3"))

    _refused(
        OVERVIEW,
        book,
        r"Takenoverzicht!F3: expected a term .*found nothing: the cell lies under the merged "
        r"cells E3:F3, which show only E3; unmerge them",
    )


def test_merged_cells_over_an_id_are_refused_naming_the_hidden_cell(tmp_path):
    book = TEAM.write(tmp_path / "t.xlsx")
    edit(book, TEAM.sheet, lambda sheet: sheet.merge_cells("A2:A3"))

    _refused(
        TEAM,
        book,
        r"Team!A3: expected the person's id, found nothing: the cell lies under the merged "
        r"cells A2:A3",
    )


@each_kind
def test_a_formula_without_a_computed_value_is_refused(kind, book):
    edit(book, kind.sheet, lambda sheet: sheet.__setitem__(kind.hours, "=1+1"))

    _refused(kind, book, rf"{kind.sheet}!{kind.hours}: holds a formula without a computed value")


# -- the cells ------------------------------------------------------------------------------


@each_kind
@pytest.mark.parametrize("hours", ["veel", -4, "-4", "NaN", "inf", "1.234"])
def test_bad_hours_are_refused_naming_the_cell(kind, book, hours):
    edit(book, kind.sheet, lambda sheet: sheet.__setitem__(kind.hours, hours))

    error = _refused(kind, book, rf"{kind.sheet}!{kind.hours}: ")

    assert len(error.problems) == 1


@each_kind
def test_hours_with_a_decimal_comma_are_read_as_meant(kind, book):
    edit(book, kind.sheet, lambda sheet: sheet.__setitem__(kind.hours, " 4,5 "))

    read = kind.read(book)

    hours = read.choice("TECH-02").hours_per_year if kind is OVERVIEW else read.person("p2").hours
    assert hours == 4.5


@pytest.mark.parametrize("typed", ["TECH-01\u00a0", "TECH-01 ", "\u00a0tech-01", "TECH\u201101"])
def test_a_code_with_odd_spaces_is_the_catalog_code_or_refused_by_name(tmp_path, typed):
    book = OVERVIEW.write(tmp_path / "o.xlsx")
    edit(book, OVERVIEW.sheet, lambda sheet: sheet.__setitem__("A2", typed))

    if "\u2011" in typed:  # a non-breaking hyphen: not the catalog's code, and said so
        _refused(OVERVIEW, book, r"Takenoverzicht!A2: .*did you mean TECH-01\?")
    else:
        assert read_overview(book).choice("TECH-01").applies


@pytest.mark.parametrize("typed", ["p2\u00a0", " p2 ", "p2\t"])
def test_an_id_with_odd_spaces_is_the_same_id(tmp_path, typed):
    book = TEAM.write(tmp_path / "t.xlsx")
    edit(book, TEAM.sheet, lambda sheet: sheet.__setitem__("A3", typed))

    assert read_team(book).person("p2").hours == 40


def test_a_school_with_decomposed_accents_matches_the_composed_one(tmp_path):
    book = TEAM.write(tmp_path / "t.xlsx")

    def accents(sheet):
        sheet["C2"] = "Noe\u0308l"
        sheet["C3"] = "Noël"

    edit(book, TEAM.sheet, accents)
    edit(book, "Scholen", lambda sheet: sheet.__setitem__("A2", "Noël "))

    people = read_team(book).people
    assert [person.school for person in people] == ["Noël", "Noël"]


@each_kind
def test_a_control_character_in_a_cell_is_refused_naming_the_sheet(kind, book):
    # XML 1.0 cannot hold U+0007 even as a reference, so the sheet does not parse; the
    # reader's own check of each cell's text stands behind this for any other way in.
    with_text(book, kind, kind.text, "bell&#7;")

    _refused(kind, book, rf"{kind.sheet}: the sheet is damaged .*invalid character")


@each_kind
def test_an_escaped_control_character_is_kept_as_the_text_it_is(kind, book):
    with_text(book, kind, kind.text, "bell_x0007_")

    read = kind.read(book)

    text = read.choice("TECH-02").notes if kind is OVERVIEW else read.person("p1").name
    assert text == "bell_x0007_"


@each_kind
def test_text_longer_than_a_cell_holds_is_refused_naming_the_cell(kind, book):
    with_text(book, kind, kind.text, "x" * 40_000)

    _refused(kind, book, rf"{kind.sheet}!{kind.text}: holds 40,000 characters; a cell holds")


@each_kind
def test_a_damaged_sheet_is_refused(kind, book):
    rewrite(book, "xl/worksheets/sheet1.xml", lambda data: data[: len(data) // 2])

    _refused(kind, book, rf"{kind.sheet}: the sheet is damaged")


@each_kind
def test_a_package_with_a_bad_crc_is_refused(tmp_path, kind, book):
    data = bytearray(book.read_bytes())
    with zipfile.ZipFile(book) as package:
        info = package.getinfo("xl/worksheets/sheet1.xml")
    offset = info.header_offset + 30 + len(info.filename) + len(info.extra) + 5
    data[offset] ^= 0xFF
    spoiled = tmp_path / "crc.xlsx"
    spoiled.write_bytes(bytes(data))

    _refused(kind, spoiled, "damaged|cannot be read|not an .xlsx")
