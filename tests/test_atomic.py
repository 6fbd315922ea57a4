"""The one file writer: a failed write leaves the old file and nothing else behind."""

import errno

import pytest

from ict_competence._atomic import replace_file, write_bytes


def test_a_disk_that_fills_halfway_leaves_the_old_file_and_no_temporary_one(tmp_path):
    target = write_bytes(tmp_path / "plan.json", b'{"old": true}')

    def half_then_full(path):
        with path.open("wb") as stream:
            stream.write(b'{"new": ')
            raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OSError, match="No space left"):
        replace_file(target, half_then_full)

    assert target.read_bytes() == b'{"old": true}'
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]


def test_a_write_that_returns_has_written_the_whole_new_file(tmp_path):
    target = write_bytes(tmp_path / "plan.json", b"old")

    write_bytes(target, b"x" * 100_000)

    assert target.read_bytes() == b"x" * 100_000
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]
