"""What the command-line tests share: the check of a refusal, and a terminal to type in."""

from __future__ import annotations

import io

import pytest


def refused(status: int, capsys: pytest.CaptureFixture[str]) -> str:
    """The one line of a refusal, after checking there is exactly one and no traceback."""
    err = capsys.readouterr().err
    assert status == 2, err
    assert "Traceback" not in err
    assert err.endswith("\n")
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("ict-competence")
    assert ": error: " in lines[0]
    return lines[0]


class Terminal(io.StringIO):
    """Typed input, as from a terminal: ``isatty`` is true."""

    def isatty(self) -> bool:
        return True
