"""The pieces every command shares: one-line messages, --force, and where output goes."""

from __future__ import annotations

import argparse
import errno
import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ict_competence.cli._common import (
    comma_list,
    describe,
    one_line,
    refuse_existing,
    write_output,
)
from ict_competence.errors import IctCompetenceError, WorkbookError


@given(st.text())
def test_one_line_never_leaves_a_line_break_and_keeps_every_word(text):
    line = one_line(text)

    assert "\n" not in line
    assert "\r" not in line
    assert line.replace(";", "").split() == text.replace(";", "").split()


def test_a_workbook_error_listing_cells_becomes_one_line():
    error = WorkbookError(
        "2 cells need correcting:\n  Team!D5: expected hours\n  Team!E6: expected a level",
        path="team.xlsx",
    )

    assert describe(error) == (
        "team.xlsx: 2 cells need correcting: Team!D5: expected hours; Team!E6: expected a level"
    )


def test_an_os_error_names_the_file_and_the_reason():
    error = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "plan.json")

    assert describe(error) == f"plan.json: {os.strerror(errno.ENOSPC)}"


def test_an_existing_file_or_a_dangling_link_is_refused_without_force(tmp_path):
    (tmp_path / "there").write_text("x")
    (tmp_path / "link").symlink_to(tmp_path / "gone")

    for name in ("there", "link"):
        with pytest.raises(IctCompetenceError, match=f"{name}: the file exists; pass --force"):
            refuse_existing(tmp_path / name, force=False)
        refuse_existing(tmp_path / name, force=True)
    refuse_existing(tmp_path / "new", force=False)


def test_text_goes_to_stdout_with_a_final_line_break(capsys):
    write_output("{}", None, what="it")

    assert capsys.readouterr().out == "{}\n"


def test_bytes_need_a_file(tmp_path, capsys):
    with pytest.raises(IctCompetenceError, match=r"it is a binary file: pass --out PATH"):
        write_output(b"PK\x03\x04", None, what="it")

    write_output(b"PK\x03\x04", tmp_path / "a.xlsx", what="it", mode=0o600)

    assert (tmp_path / "a.xlsx").read_bytes() == b"PK\x03\x04"
    assert (tmp_path / "a.xlsx").stat().st_mode & 0o777 == 0o600
    assert capsys.readouterr().out == f"Wrote {tmp_path / 'a.xlsx'}\n"


def test_a_renderer_returning_neither_text_nor_bytes_is_a_bug():
    with pytest.raises(TypeError):
        write_output(42, None, what="it")  # type: ignore[arg-type]


def test_a_comma_list_drops_blanks_and_refuses_nothing():
    assert comma_list("yes, no,,done ") == ("yes", "no", "done")
    with pytest.raises(argparse.ArgumentTypeError):
        comma_list(" , ")


def test_an_output_in_a_missing_folder_or_onto_a_folder_is_refused_before_any_work(tmp_path):
    with pytest.raises(IctCompetenceError) as missing:
        refuse_existing(tmp_path / "nodir" / "x.md", force=True)
    with pytest.raises(IctCompetenceError) as folder:
        refuse_existing(tmp_path, force=True)

    assert str(missing.value) == (
        f"{tmp_path / 'nodir' / 'x.md'}: the folder {tmp_path / 'nodir'} does not exist"
    )
    assert str(folder.value) == f"{tmp_path}: is a folder; give the name of a file to write"


def test_a_failed_write_names_the_file_asked_for_not_the_temporary_one(tmp_path, monkeypatch):
    out = tmp_path / "x.md"

    def full(_descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)

    with pytest.raises(IctCompetenceError) as failed:
        write_output("text", out, what="it")

    assert str(failed.value) == f"{out}: cannot be written: {os.strerror(errno.ENOSPC)}"
    assert list(tmp_path.iterdir()) == []
