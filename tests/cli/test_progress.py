"""The optimal solver's progress: one updating line on a terminal, nothing in a pipe."""

from __future__ import annotations

import io
import re
import subprocess
import sys

from ict_competence.allocation import Progress
from ict_competence.cli import main
from ict_competence.cli._progress import ProgressLine, progress_text
from ict_competence.plan import SchoolPlan

_NUMBER = r"\d+\.\d"
#: One drawing of the line: back to its start, the numbers, and the rest of the line cleared.
LINE = re.compile(
    rf"optimal: {_NUMBER} s elapsed, best (-|{_NUMBER}), bound (-|{_NUMBER})"
    r"(, gap \d+\.\d\d%)?\x1b\[K"
)


def test_the_line_shows_elapsed_time_best_value_bound_and_gap():
    assert progress_text(0.04, None) == "optimal: 0.0 s elapsed, best -, bound -"
    assert progress_text(7.25, Progress(elapsed=7.0, objective=980.0, bound=None)) == (
        "optimal: 7.2 s elapsed, best 980.0, bound -"
    )
    assert progress_text(61.0, Progress(elapsed=60.0, objective=990.0, bound=1000.0)) == (
        "optimal: 61.0 s elapsed, best 990.0, bound 1000.0, gap 1.00%"
    )


def test_the_line_is_redrawn_in_place_and_ended_once():
    stream = io.StringIO()
    line = ProgressLine(stream)

    line.start()
    line.update(Progress(elapsed=1.0, objective=5.0, bound=6.0))
    line.stop()

    text = stream.getvalue()
    assert text.endswith("\n")
    assert text.count("\n") == 1
    drawings = text[:-1].split("\r")
    assert drawings[0] == ""
    assert all(LINE.fullmatch(drawing) for drawing in drawings[1:]), drawings
    assert drawings[-1].startswith("optimal: ")
    assert "best 5.0, bound 6.0, gap 16.67%" in drawings[-1]


def test_a_terminal_sees_the_progress_on_stderr(group_plan_file, monkeypatch, capsys):
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)

    status = main(["plan", "allocate", str(group_plan_file), "--solver", "optimal"])

    captured = capsys.readouterr()
    assert status == 0
    assert captured.out.startswith("Allocated ")
    assert "\r" not in captured.out
    err = captured.err
    assert err.startswith("\r")
    assert err.endswith("\x1b[K\n")
    drawings = err[1:-1].split("\r")
    assert all(LINE.fullmatch(drawing) for drawing in drawings), drawings
    # The solver reported at least once: the last drawing has its value and bound.
    last = drawings[-1]
    assert re.search(rf"best {_NUMBER}, bound {_NUMBER}", last), last
    allocation = SchoolPlan.load(group_plan_file).allocation
    assert allocation is not None
    assert f"best {allocation.objective:.1f}" in last


def test_a_pipe_sees_no_progress(group_plan_file, capsys):
    assert main(["plan", "allocate", str(group_plan_file), "--solver", "optimal"]) == 0

    assert capsys.readouterr().err == ""


def test_the_optimal_solver_prints_no_banner_and_no_progress_into_a_pipe(group_plan_file):
    # A fresh process: HiGHS prints its banner once per process, when its first solver is
    # made. This plan makes the optimal mode run HiGHS (its progress is reported above).
    command = ["plan", "allocate", str(group_plan_file), "--solver", "optimal"]
    run = subprocess.run(
        [sys.executable, "-m", "ict_competence", *command],
        capture_output=True,
        text=True,
        check=False,
    )

    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    assert "HiGHS" not in run.stdout
    lines = run.stdout.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("Allocated ")
    assert lines[0].endswith("(optimal).")
    assert lines[1] == f"Saved {group_plan_file}."
    assert lines[2].startswith("Roadmap: step 1 (check), cycle 1; answer it with --answer")
