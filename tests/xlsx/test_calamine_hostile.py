"""Hostile .ods and .xls files, refused with the file named before python-calamine reads them
(or, for damage only calamine sees, by a WorkbookError instead of calamine's own error)."""

from __future__ import annotations

import io
import os
import re
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
import python_calamine
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ict_competence.errors import WorkbookError
from ict_competence.xlsx import read_overview, read_team
from ict_competence.xlsx._survey import MAX_TEXT
from tests.hostile.record import count_example, refused
from tests.xlsx.libreoffice import DATA

KINDS = ("ods", "xls")
#: The first table's first row of a LibreOffice content.xml, before which rows are put.
_FIRST_ROW = b"<table:table-row "


def _never(*_args: object, **_kwargs: object) -> None:
    raise AssertionError("calamine was reached")


@pytest.fixture
def no_calamine(monkeypatch: pytest.MonkeyPatch) -> None:
    """calamine may not be reached: the file must be refused before."""
    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_filelike", _never)


def _ods(target: Path, change: Callable[[dict[str, bytes]], None]) -> Path:
    """The committed overview.ods with its parts changed, its mimetype still first."""
    with zipfile.ZipFile(DATA / "overview.ods") as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    change(parts)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(zipfile.ZipInfo("mimetype"), parts.pop("mimetype"))  # stored
        for name, data in parts.items():
            package.writestr(name, data)
    return target


def _rows_first(rows: str) -> Callable[[dict[str, bytes]], None]:
    """A change putting ``rows`` (XML) before the first row of the first sheet."""

    def change(parts: dict[str, bytes]) -> None:
        parts["content.xml"] = parts["content.xml"].replace(
            _FIRST_ROW, rows.encode() + _FIRST_ROW, 1
        )

    return change


def _rows_after_header(rows: str) -> Callable[[dict[str, bytes]], None]:
    """A change putting ``rows`` (XML) after the first sheet's header row, as row 2 on."""

    def change(parts: dict[str, bytes]) -> None:
        content = parts["content.xml"]
        end = content.index(b"</table:table-row>", content.index(_FIRST_ROW))
        end += len(b"</table:table-row>")
        parts["content.xml"] = content[:end] + rows.encode() + content[end:]

    return change


def _xls(target: Path, change: Callable[[bytearray], None], name: str = "team") -> Path:
    data = bytearray((DATA / f"{name}.xls").read_bytes())
    change(data)
    target.write_bytes(bytes(data))
    return target


def _patch_record(kind: int, start: bytes, at: int, value: bytes) -> Callable[[bytearray], None]:
    """Overwrite bytes from ``at`` on in the first record of ``kind`` starting with ``start``."""

    def change(data: bytearray) -> None:
        position = data.find(struct.pack("<H", kind) + start)
        assert position >= 0, f"no record {kind:#06x} starting with {start.hex()}"
        data[position + at : position + at + len(value)] = value

    return change


# -- damage -----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("part", [0.02, 0.1, 0.5, 0.9])
def test_a_cut_off_file_is_refused_naming_it(tmp_path, capfd, kind, part):
    data = (DATA / f"team.{kind}").read_bytes()
    cut = tmp_path / f"cut.{kind}"
    cut.write_bytes(data[: int(len(data) * part)])

    error = refused(lambda: read_team(cut), WorkbookError, match=r"cut\.")

    assert error.path == str(cut)
    assert capfd.readouterr().err == ""


@pytest.mark.parametrize("short", [1, 11, 500])
def test_an_xls_cut_short_in_its_last_sector_is_refused_before_calamine_panics(
    tmp_path, capfd, short
):
    # calamine read the short sector whole and panicked, printing Rust's backtrace to stderr.
    data = (DATA / "small_team.xls").read_bytes()
    cut = tmp_path / "cut.xls"
    cut.write_bytes(data[:-short])

    refused(
        lambda: read_team(cut),
        WorkbookError,
        match=r"cut\.xls: the \.xls file is damaged: sector \d+ lies past the end of the file",
    )

    assert capfd.readouterr().err == ""


def test_an_xls_sheet_that_starts_past_the_end_of_the_stream_is_refused(tmp_path, no_calamine):
    # calamine cut its stream at the sheet's start and panicked.
    far = _patch_record(0x0085, b"\x0c\x00", 4, struct.pack("<I", 10_000_000))
    path = _xls(tmp_path / "t.xls", far)

    refused(
        lambda: read_team(path),
        WorkbookError,
        match=r"t\.xls: the \.xls file is damaged: its sheet 1 starts at byte 10,000,000, past "
        "the end",
    )


def _name_formula_longer_than_its_record(data: bytearray) -> None:
    """The first defined name (Lbl) says its formula is 65,535 bytes long."""
    position = data.find(bytes.fromhex("18001b00"))
    assert position >= 0, "no defined name"
    data[position + 8 : position + 10] = b"\xff\xff"


def test_a_panic_of_calamine_is_a_workbook_error_and_prints_nothing(tmp_path, capfd):
    # calamine reads a defined name's formula without checking its length and panics; Rust
    # prints the panic to standard error before pyo3 raises it.
    path = _xls(tmp_path / "t.xls", _name_formula_longer_than_its_record)
    capfd.readouterr()

    refused(
        lambda: read_team(path),
        WorkbookError,
        match=r"t\.xls: is damaged and cannot be read as a legacy Excel 97–2003 workbook "
        r"\(\.xls\) \(calamine failed: .*\); open it in Excel or LibreOffice and save it again",
    )

    assert capfd.readouterr().err == ""


def test_what_is_written_to_stderr_while_calamine_reads_is_kept(monkeypatch, capfd):
    real = python_calamine.CalamineWorkbook.from_filelike

    def noisy(data: io.BytesIO) -> object:
        os.write(2, b"another thread's warning\n")
        return real(data)

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_filelike", noisy)
    capfd.readouterr()

    assert read_team(DATA / "team.ods") == read_team(DATA / "team.xlsx")

    assert capfd.readouterr().err == "another thread's warning\n"


def test_a_compound_file_name_longer_than_an_entry_holds_is_refused(tmp_path, no_calamine):
    def lengthen(data: bytearray) -> None:
        position = data.find("Workbook".encode("utf-16-le") + b"\0\0")
        data[position + 64 : position + 66] = struct.pack("<H", 200)

    path = _xls(tmp_path / "t.xls", lengthen)

    refused(
        lambda: read_team(path),
        WorkbookError,
        match=r"damaged: a name in its directory is 200 bytes long \(at most 64\)",
    )


_BYTES = (DATA / "overview.ods").read_bytes(), (DATA / "overview.xls").read_bytes()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    kind=st.sampled_from(KINDS),
    flips=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), max_size=12),
    cut=st.integers(0, 600),
)
def test_damaged_bytes_give_a_workbook_error_or_a_reading_never_a_bare_exception(
    tmp_path, capfd, kind, flips, cut
):
    data = bytearray(_BYTES[KINDS.index(kind)])
    for where, byte in flips:
        data[int(where * len(data))] = byte
    path = tmp_path / f"damaged.{kind}"
    path.write_bytes(bytes(data[: len(data) - cut]))
    count_example(f"read_overview(.{kind})")
    capfd.readouterr()

    try:
        read_overview(path)
    except WorkbookError as error:
        refusal: WorkbookError | None = error
    else:
        refusal = None

    assert refusal is None or refusal.path == str(path)
    assert capfd.readouterr().err == ""  # a panic of calamine prints its backtrace there


def test_calamine_s_own_error_becomes_a_workbook_error_naming_the_file(tmp_path, monkeypatch):
    def damaged(_file: object) -> None:
        raise python_calamine.XmlError("unexpected end of file")

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_filelike", damaged)

    refused(
        lambda: read_team(DATA / "team.ods"),
        WorkbookError,
        match=r"team\.ods: is damaged and cannot be read as an OpenDocument spreadsheet \(\.ods\) "
        r"\(XmlError: unexpected end of file\); open it in Excel or LibreOffice and save it again",
    )


class PanicException(BaseException):  # the name pyo3 gives a Rust panic
    """Stands for pyo3's PanicException, which cannot be imported."""


class _Damaged:
    """A workbook whose sheets calamine cannot give (as for damage only it notices)."""

    sheet_names = ("Team", "Scholen")

    def __init__(self, error: BaseException) -> None:
        self.error = error

    def get_sheet_by_name(self, _name: str) -> None:
        raise self.error

    def close(self) -> None:
        pass


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (
            python_calamine.XmlError("bad cell"),
            r"Team: the sheet is damaged and cannot be read \(XmlError: bad cell\)",
        ),
        (
            PanicException("index out of bounds"),
            r"Team: the sheet is damaged and cannot be read \(calamine failed",
        ),
    ],
)
def test_a_sheet_calamine_cannot_give_is_a_workbook_error(monkeypatch, error, message):
    monkeypatch.setattr(
        python_calamine.CalamineWorkbook, "from_filelike", lambda _file: _Damaged(error)
    )

    refused(lambda: read_team(DATA / "team.xls"), WorkbookError, match=message)


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (python_calamine.PasswordError("encrypted"), r"team\.xls: is protected by a password"),
        (
            PanicException("overflow"),
            r"team\.xls: is damaged and cannot be read as .* \(calamine failed: overflow",
        ),
    ],
)
def test_a_file_calamine_cannot_open_is_a_workbook_error(monkeypatch, error, message):
    def fail(_file: object) -> None:
        raise error

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_filelike", fail)

    refused(lambda: read_team(DATA / "team.xls"), WorkbookError, match=message)


def test_an_ods_whose_content_is_not_xml_is_refused(tmp_path, no_calamine):
    path = _ods(tmp_path / "o.ods", lambda parts: parts.update({"content.xml": b"<office:doc"}))

    refused(
        lambda: read_overview(path),
        WorkbookError,
        match=r"o\.ods: the spreadsheet's content\.xml is damaged",
    )


# -- the package of an .ods ---------------------------------------------------------------------


def test_an_ods_zip_bomb_is_refused_before_calamine_reads(tmp_path, no_calamine):
    path = _ods(tmp_path / "o.ods", lambda parts: parts.update({"padding.bin": b"\0" * 20 * 2**20}))

    refused(
        lambda: read_overview(path),
        WorkbookError,
        match=r"packed more than 200:1; refused as a likely zip bomb",
    )


def test_an_ods_whose_content_declares_entities_is_refused(tmp_path, no_calamine):
    laughs = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]><x>&a;</x>'
    path = _ods(tmp_path / "o.ods", lambda parts: parts.update({"content.xml": laughs}))

    refused(lambda: read_overview(path), WorkbookError, match="part content.xml declares a DOCTYPE")


def test_an_opendocument_text_is_not_taken_for_a_spreadsheet(tmp_path):
    def text(parts: dict[str, bytes]) -> None:
        parts["mimetype"] = b"application/vnd.oasis.opendocument.text"

    path = _ods(tmp_path / "brief.odt", text)

    refused(
        lambda: read_overview(path),
        WorkbookError,
        match=r"brief\.odt: is an OpenDocument file but not a spreadsheet "
        r"\(application/vnd\.oasis\.opendocument\.text\)",
    )


# -- what a sheet of an .ods asks of memory ----------------------------------------------------


def test_an_ods_cell_repeated_over_the_whole_sheet_is_refused_before_calamine(
    tmp_path, no_calamine
):
    bomb = (
        '<table:table-row table:number-rows-repeated="1048576"><table:table-cell '
        'table:number-columns-repeated="16384" office:value-type="string"><text:p>x</text:p>'
        "</table:table-cell></table:table-row>"
    )
    path = _ods(tmp_path / "o.ods", _rows_first(bomb))

    refused(
        lambda: read_overview(path),
        WorkbookError,
        match=r"o\.ods: Takenoverzicht!A1: is repeated as far as XFD1048576, so far from A1 that "
        r"the sheet would span 17,179,869,184 cells, more than the 1,000,000",
    )


def test_an_ods_cell_far_below_is_refused_naming_it(tmp_path, no_calamine):
    far = (
        '<table:table-row table:number-rows-repeated="1048575"><table:table-cell/>'
        "</table:table-row>"
        '<table:table-row><table:table-cell table:number-columns-repeated="16383"/>'
        '<table:table-cell office:value-type="float" office:value="1"/></table:table-row>'
    )
    path = _ods(tmp_path / "o.ods", _rows_first(far))

    refused(
        lambda: read_overview(path),
        WorkbookError,
        match=r"Takenoverzicht!XFD1048576: holds something so far",
    )


@pytest.mark.parametrize(
    "cell",
    [
        'office:value-type="string"><text:p>{text}</text:p></table:table-cell>',
        'table:formula="of:=LEN(&quot;{text}&quot;)" office:value-type="float" office:value="1"/>',
    ],
    ids=["text", "formula"],
)
def test_an_ods_text_repeated_past_the_limit_is_refused(tmp_path, no_calamine, cell):
    repeated = (
        '<table:table-row><table:table-cell table:number-columns-repeated="1000" '
        + cell.format(text="x" * 30_000)
        + "</table:table-row>"
    )
    path = _ods(tmp_path / "o.ods", _rows_first(repeated))

    refused(
        lambda: read_overview(path),
        WorkbookError,
        match=rf"Takenoverzicht!A1: brings the text of the workbook's cells over {MAX_TEXT:,} "
        "characters",
    )


def test_a_run_of_spaces_counts_as_the_text_it_makes(tmp_path, no_calamine):
    spaces = (
        '<table:table-row table:number-rows-repeated="1000"><table:table-cell '
        'office:value-type="string"><text:p><text:s text:c="30000"/></text:p>'
        "</table:table-cell></table:table-row>"
    )
    path = _ods(tmp_path / "o.ods", _rows_first(spaces))

    refused(
        lambda: read_overview(path),
        WorkbookError,
        match="brings the text of the workbook's cells over",
    )


def test_empty_paragraphs_count_as_the_line_breaks_calamine_makes_of_them(tmp_path, no_calamine):
    # 30,000 empty paragraphs are 29,999 line breaks to calamine; a thousand copies of them
    # asked it for gigabytes, while the survey counted no text at all.
    paragraphs = (
        '<table:table-row><table:table-cell table:number-columns-repeated="1000" '
        'office:value-type="string">'
        + "<text:p/>" * 30_000
        + "</table:table-cell></table:table-row>"
    )
    path = _ods(tmp_path / "o.ods", _rows_first(paragraphs))

    refused(
        lambda: read_overview(path),
        WorkbookError,
        match=rf"Takenoverzicht!A1: brings the text of the workbook's cells over {MAX_TEXT:,} ",
    )


@pytest.mark.parametrize("inner", ["<text:p/>" * 40_000, "<text:p>x</text:p>" * 20_000])
def test_an_ods_cell_of_more_paragraphs_than_a_cell_holds_is_refused(tmp_path, no_calamine, inner):
    cell = f'<table:table-row><table:table-cell office:value-type="string">{inner}'
    path = _ods(tmp_path / "o.ods", _rows_first(cell + "</table:table-cell></table:table-row>"))

    refused(
        lambda: read_overview(path),
        WorkbookError,
        match=r"o\.ods: Takenoverzicht!A1: holds more than 32,767 characters \(a paragraph "
        r"counted as one\); a cell holds at most 32,767",
    )


def test_an_ods_text_given_as_a_value_counts_as_calamine_reads_it(tmp_path):
    # The value given (office:string-value) is what calamine reads; the paragraphs are not.
    given = "x" * 30_000
    cell = (
        '<table:table-row><table:table-cell office:value-type="string" '
        f'office:string-value="{given}"><text:p>{given}</text:p></table:table-cell>'
        "</table:table-row>"
    )
    path = _ods(tmp_path / "o.ods", _rows_first(cell))

    overview = read_overview(path)  # a row above the header is a title, and fine

    assert overview.codes == read_overview(DATA / "overview.ods").codes


@pytest.mark.parametrize(("formula", "found"), [("of:=TRUE()", "True"), ("OF:=FALSE( )", "False")])
def test_an_ods_true_stored_as_a_number_reads_as_the_boolean_it_is(tmp_path, formula, found):
    # LibreOffice stores a TRUE it read from an .xlsx as the number 1 with the formula TRUE():
    # hours of TRUE are refused, as they are in an .xlsx, not read as 1 hour.
    cell = (
        f'<table:table-row><table:table-cell table:number-columns-repeated="9"/>'
        f'<table:table-cell table:formula="{formula}" office:value-type="float" '
        f'office:value="{int(found == "True")}"><text:p>{found.upper()}</text:p>'
        "</table:table-cell></table:table-row>"
    )
    path = _ods(tmp_path / "o.ods", _rows_after_header(cell))

    error = refused(lambda: read_overview(path), WorkbookError)

    line = f"Takenoverzicht!J2: expected a number of hours (0 or more), found {found}"
    assert line in error.problems


def test_an_ods_error_value_below_the_rows_read_is_refused_as_in_an_xlsx(tmp_path):
    # LibreOffice writes an error value as an empty text, which calamine gives as "".
    far = (
        '<table:table-row table:number-rows-repeated="6000"><table:table-cell/>'
        '</table:table-row><table:table-row><table:table-cell table:formula="of:=1/0" '
        'office:value-type="string" office:string-value="" calcext:value-type="error">'
        "<text:p>#DIV/0!</text:p></table:table-cell></table:table-row>"
    )

    def below(parts: dict[str, bytes]) -> None:
        # before the empty rows LibreOffice repeats to the end of the first sheet
        content = parts["content.xml"]
        empty = re.search(rb'<table:table-row[^>]*number-rows-repeated="\d{6,}"', content)
        assert empty is not None
        parts["content.xml"] = content[: empty.start()] + far.encode() + content[empty.start() :]

    path = _ods(tmp_path / "o.ods", below)

    refused(
        lambda: read_overview(path),
        WorkbookError,
        match=r"Takenoverzicht!A6\d{3}: holds something past row 5,000",
    )


def test_an_ods_repeat_count_that_is_no_number_is_refused(tmp_path, no_calamine):
    odd = '<table:table-row table:number-rows-repeated="-5"><table:table-cell/></table:table-row>'
    path = _ods(tmp_path / "o.ods", _rows_first(odd))

    refused(
        lambda: read_overview(path),
        WorkbookError,
        match=r"content is damaged: table:number-rows-repeated='-5' \(expected 1 to 1,048,576\)",
    )


# -- what a sheet of an .xls asks of memory -----------------------------------------------------


def test_an_xls_cell_at_iv65536_is_refused_before_calamine(tmp_path, no_calamine):
    # The id p1 in Team!A2 (a LabelSst record at row 1, column 0) moved to IV65536.
    far = _patch_record(0x00FD, b"\x0a\x00\x01\x00\x00\x00", 4, b"\xff\xff\xff\x00")
    path = _xls(tmp_path / "t.xls", far)

    refused(
        lambda: read_team(path),
        WorkbookError,
        match=r"t\.xls: Team!IV65536: holds something so far from A1",
    )


def test_an_xls_that_claims_a_huge_sheet_is_refused_before_calamine(tmp_path, no_calamine):
    # The Dimensions record of the first sheet: rows 0 to 65536, columns 0 to 256.
    claim = _patch_record(0x0200, b"\x0e\x00", 4, struct.pack("<IIHH", 0, 65536, 0, 256))
    path = _xls(tmp_path / "t.xls", claim)

    refused(
        lambda: read_team(path),
        WorkbookError,
        match=r"t\.xls: Team: says it spans 65,536 rows and 256 columns, though its cells do not",
    )


def test_an_xls_whose_first_row_lies_after_its_last_is_refused_before_calamine(
    tmp_path, no_calamine
):
    # calamine subtracts in 32 bits: rows 23 to 10 ask memory for some four billion rows
    # (found by fuzzing: the process was aborted by a failed allocation of 171 GB).
    claim = _patch_record(0x0200, b"\x0e\x00", 4, struct.pack("<IIHH", 23, 11, 0, 1))
    path = _xls(tmp_path / "t.xls", claim)

    refused(lambda: read_team(path), WorkbookError, match=r"Team: says it spans 4,294,967,284 rows")


def test_a_compound_file_header_that_counts_more_sectors_than_the_file_has_is_refused(
    tmp_path, no_calamine
):
    def count(data: bytearray) -> None:
        data[0x2C:0x30] = struct.pack("<I", 0xFFFFFFF0)  # the number of FAT sectors

    path = _xls(tmp_path / "t.xls", count)

    refused(
        lambda: read_team(path),
        WorkbookError,
        match=r"t\.xls: the \.xls file is damaged: its header counts 4,294,967,280 FAT sectors",
    )


def test_a_compound_file_whose_chain_of_sectors_loops_is_refused(tmp_path, no_calamine):
    def loop(data: bytearray) -> None:
        (directory,) = struct.unpack_from("<I", data, 0x30)
        (fat,) = struct.unpack_from("<I", data, 0x4C)  # the first sector of the FAT
        entry = (fat + 1) * 512 + 4 * directory
        data[entry : entry + 4] = struct.pack("<I", directory)  # the directory follows itself

    path = _xls(tmp_path / "t.xls", loop)

    refused(lambda: read_team(path), WorkbookError, match=r"damaged: a chain of sectors loops")


def _entry_named(old: str, new: str) -> Callable[[bytearray], None]:
    def change(data: bytearray) -> None:
        position = data.find(old.encode("utf-16-le") + b"\0\0")
        assert position >= 0
        name = new.encode("utf-16-le") + b"\0\0"
        data[position : position + 64] = name.ljust(64, b"\0")
        data[position + 64 : position + 66] = struct.pack("<H", len(name))

    return change


def test_a_compound_file_without_a_workbook_is_refused(tmp_path, no_calamine):
    path = _xls(tmp_path / "t.xls", _entry_named("Workbook", "WordDocument"))

    refused(
        lambda: read_team(path),
        WorkbookError,
        match="is a compound file .* without a workbook in it",
    )


@pytest.mark.parametrize("name", ["t.xls", "t.xlsx"])  # Excel encrypts an .xlsx so
def test_an_encrypted_workbook_asks_for_a_copy_without_a_password(tmp_path, no_calamine, name):
    path = _xls(tmp_path / name, _entry_named("Workbook", "EncryptedPackage"))

    refused(
        lambda: read_team(path),
        WorkbookError,
        match="is encrypted with a password; save a copy without",
    )


def test_a_password_protected_xls_is_refused(tmp_path, no_calamine):
    # The globals' first record after BOF turned into FilePass (0x002F).
    def protect(data: bytearray) -> None:
        stream = data.find(b"\x09\x08\x10\x00\x00\x06\x05\x00")  # BOF of the workbook globals
        assert stream >= 0
        following = stream + 4 + 16
        data[following : following + 2] = b"\x2f\x00"

    path = _xls(tmp_path / "t.xls", protect)

    refused(lambda: read_team(path), WorkbookError, match="is protected by a password")


def test_an_xls_larger_than_the_limit_is_refused_unread(tmp_path, monkeypatch, no_calamine):
    monkeypatch.setattr("ict_competence.xlsx._xls_survey.MAX_SHEET_BYTES", 10_000)

    refused(lambda: read_team(DATA / "team.xls"), WorkbookError, match=r"team\.xls: is larger than")
