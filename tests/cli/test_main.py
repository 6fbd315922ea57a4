"""The command as a whole: --version, --help everywhere, and refusals in one line."""

from __future__ import annotations

import argparse
import re
import shlex
import sys
from pathlib import Path

import pytest

import ict_competence
from ict_competence.cli import _render as cli_render
from ict_competence.cli import main
from ict_competence.cli._main import build_parser
from ict_competence.plan import SchoolPlan
from tests.cli.helpers import Terminal, refused

DOCS = Path(__file__).parents[2] / "docs" / "cli.md"


def _commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command path of the parser: (), ("plan",), ("plan", "new"), …"""
    found = [path]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found += _commands(sub, (*path, name))
    return found


COMMANDS = _commands(build_parser())


def test_the_version_is_the_package_version(capsys):
    assert main(["--version"]) == 0

    assert capsys.readouterr().out.strip() == f"ict-competence {ict_competence.__version__}"


def test_there_are_the_commands_of_issue_13():
    assert {" ".join(path) for path in COMMANDS} >= {
        "demo",
        "catalog",
        "overview write",
        "overview read",
        "team write",
        "team read",
        "plan new",
        "plan advance",
        "plan allocate",
        "plan evaluate",
        "plan next-cycle",
        "roadmap",
        "guide",
        "render",
    }


@pytest.mark.parametrize("path", COMMANDS, ids=lambda path: " ".join(path) or "ict-competence")
def test_every_help_has_an_example(path, capsys):
    assert main([*path, "--help"]) == 0

    out = capsys.readouterr().out
    assert "Example:\n  ict-competence" in out
    example = out.split("Example:\n", 1)[1]
    assert f"ict-competence {' '.join(path)}".rstrip() in example


@pytest.mark.parametrize("path", COMMANDS[1:], ids=" ".join)
def test_every_command_is_in_the_reference(path):
    text = DOCS.read_text(encoding="utf-8")

    assert f"ict-competence {' '.join(path)}" in text


def test_the_reference_shows_an_example_of_every_command():
    text = DOCS.read_text(encoding="utf-8")
    examples = re.findall(r"^ict-competence (.+)$", text, re.M)

    for path in COMMANDS[1:]:
        assert any(line.startswith(" ".join(path)) for line in examples), path


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["nonsense"],
        ["plan"],
        ["plan", "allocate"],
        ["plan", "allocate", "x.json", "--solver", "fastest"],
        ["plan", "allocate", "x.json", "--time-limit", "-3"],
        ["plan", "allocate", "x.json", "--time-limit", "soon"],
        ["plan", "new", "--school-type", "primary", "x.json"],
        ["plan", "new", "--name", "X", "--school-type", "university", "x.json"],
        ["guide", "schoolleider", "--themes", ","],
        ["render", "x.json"],
        ["roadmap", "--answers", "yes", "--answers-file", "a.txt"],
    ],
    ids=lambda argv: " ".join(argv) or "nothing",
)
def test_a_bad_command_line_is_refused_in_one_line(argv, capsys):
    refused(main(argv), capsys)


def test_a_missing_file_is_refused_in_one_line_naming_it(tmp_path, capsys):
    missing = tmp_path / "nothere.json"

    line = refused(main(["render", str(missing), "--format", "html"]), capsys)

    assert line == f"ict-competence: error: {missing}: No such file or directory"


def test_a_library_error_over_several_lines_is_given_in_one(tmp_path, capsys):
    bad = tmp_path / "plan.json"
    bad.write_text('{"schema_version": 1, "name": 7, "overview": 8, "team": 9}')

    line = refused(main(["plan", "evaluate", str(bad)]), capsys)

    assert "3 problems:" in line
    assert "$.name" in line
    assert "$.team" in line


def test_a_bug_is_not_hidden_as_bad_input(monkeypatch):
    def broken(_args: argparse.Namespace) -> int:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(cli_render, "_render", broken)

    with pytest.raises(ZeroDivisionError):
        main(["render", "x.json", "--format", "html"])


def test_an_interrupt_ends_with_status_130(monkeypatch, capsys):
    def interrupted(_args: argparse.Namespace) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_render, "_render", interrupted)

    assert main(["render", "x.json", "--format", "html"]) == 130
    assert capsys.readouterr().err == "ict-competence: interrupted\n"


def test_a_reader_that_goes_away_ends_quietly(monkeypatch, capsys):
    def closed(_args: argparse.Namespace) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(cli_render, "_render", closed)

    assert main(["render", "x.json", "--format", "html"]) == 0
    assert capsys.readouterr().err == ""


def test_the_reference_examples_run_in_order(tmp_path, monkeypatch, capsys):
    blocks = re.findall(r"^```sh\n(.*?)^```", DOCS.read_text(encoding="utf-8"), re.S | re.M)
    lines = [line for block in blocks for line in block.splitlines() if line.strip()]
    monkeypatch.chdir(tmp_path)
    # The interactive example: someone at a terminal who stops at the first question.
    monkeypatch.setattr(sys, "stdin", Terminal("stop\n"))

    for line in lines:
        words = shlex.split(line, comments=True)
        assert words[0] == "ict-competence"
        assert main(words[1:]) == 0, (line, capsys.readouterr().err)

    assert SchoolPlan.load(tmp_path / "plan.json").roadmap.cycle == 2
    assert len(lines) >= len(COMMANDS) - 4


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["catalog", "--out", "nodir/x.md"], "nodir/x.md: the folder nodir does not exist"),
        (["catalog", "--out", "folder", "--force"], "folder: is a folder; give the name of a"),
        (["roadmap", "--answers", "ja", "--out", "nodir/s.json"], "nodir/s.json: the folder"),
        (["guide", "schoolleider", "--out", "folder"], "folder: is a folder"),
        (["demo", "--out", "plain.txt"], "plain.txt: is a file; give the name of a folder"),
    ],
    ids=lambda value: " ".join(value[:3]) if isinstance(value, list) else "",
)
def test_an_output_that_cannot_be_written_names_the_path_given(
    argv, expected, tmp_path, monkeypatch, capsys
):
    (tmp_path / "folder").mkdir()
    (tmp_path / "plain.txt").write_text("x")
    monkeypatch.chdir(tmp_path)

    line = refused(main(argv), capsys)

    assert line.startswith(f"ict-competence: error: {expected}")
    assert ".tmp" not in line


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (
            ["plan", "new", "--nam", "X", "--school-type", "primary", "p.json"],
            "unrecognized arguments: --nam (did you mean --name?)",
        ),
        (
            ["plan", "new", "--name", "X", "--schol-type", "primary", "p.json"],
            "unrecognized arguments: --schol-type (did you mean --school-type?)",
        ),
        (["catalog", "--lang", "en"], "unrecognized arguments: --lang (did you mean --language?)"),
        (
            ["render", "x.json", "--format", "html", "--nam"],
            "unrecognized arguments: --nam (did you mean --names?)",
        ),
        (
            ["plan", "allocate", "x.json", "--time", "5"],
            "unrecognized arguments: --time (did you mean --time-limit?)",
        ),
    ],
)
def test_an_unknown_or_shortened_option_is_named_before_missing_ones(argv, expected, capsys):
    line = refused(main(argv), capsys)

    assert line.startswith(f"ict-competence {' '.join(argv[:2]) if argv[0] == 'plan' else argv[0]}")
    assert line.endswith(f": error: {expected}")


def test_every_parser_takes_options_only_as_spelled_in_full():
    parsers = [build_parser()]
    while parsers:
        parser = parsers.pop()
        assert parser.allow_abbrev is False, parser.prog
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                parsers += action.choices.values()


def test_a_negative_number_or_a_lone_dash_is_a_value_not_an_unknown_option(capsys):
    line = refused(main(["plan", "allocate", "x.json", "--time-limit", "-3"]), capsys)

    assert line.endswith(
        "argument --time-limit: expected a finite number of seconds > 0, found -3.0"
    )


def test_language_school_type_and_solver_are_read_in_any_case(tmp_path, capsys):
    path = tmp_path / "plan.json"

    assert main(["catalog", "--language", "EN"]) == 0
    assert capsys.readouterr().out.startswith("# ICT coordination task overview")
    assert main(["plan", "new", "--name", "X", "--school-type", "Primary", str(path)]) == 0
    assert main(["plan", "allocate", str(path), "--solver", "Heuristic"]) == 0

    assert SchoolPlan.load(path).school_type.value == "primary"  # type: ignore[union-attr]


def test_an_unknown_option_before_a_command_is_named(capsys):
    assert refused(main(["--versio"]), capsys).endswith(
        "error: unrecognized arguments: --versio (did you mean --version?)"
    )
    assert refused(main(["plan", "--forse", "new"]), capsys).endswith(
        "error: unrecognized arguments: --forse"
    )
