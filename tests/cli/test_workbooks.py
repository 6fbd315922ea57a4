"""``catalog``, ``overview write|read`` and ``team write|read``."""

from __future__ import annotations

import json

import pytest

from ict_competence.allocation import Team
from ict_competence.catalog import SchoolType, load_catalog
from ict_competence.cli import main
from ict_competence.plan import SchoolPlan
from ict_competence.serialize import from_json
from ict_competence.xlsx import read_overview, read_team, write_team
from tests.cli.helpers import refused
from tests.plan.strategies import NAMES


def test_the_overview_of_a_school_type_is_written(tmp_path, capsys):
    path = tmp_path / "o.xlsx"

    assert main(["overview", "write", str(path), "--school-type", "primary"]) == 0

    assert capsys.readouterr().out == f"Wrote {path}\n"
    expected = load_catalog().overview(school_type=SchoolType.PRIMARY)
    assert read_overview(path) == expected
    assert expected != load_catalog().overview()


def test_the_overview_of_a_plan_is_written_and_read_back_as_json(plan_file, tmp_path, capsys):
    book, out = tmp_path / "o.xlsx", tmp_path / "o.json"

    assert main(["overview", "write", str(book), "--plan", str(plan_file)]) == 0
    assert main(["overview", "read", str(book), "--out", str(out)]) == 0

    overview = SchoolPlan.load(plan_file).overview
    assert read_overview(book) == overview
    assert from_json(type(overview), out.read_text()) == overview


@pytest.mark.parametrize(
    ("argv", "name"),
    [
        (["overview", "write", "{dir}/o.xlsx"], "o.xlsx"),
        (["overview", "read", "{book}", "--out", "{dir}/o.json"], "o.json"),
        (["team", "write", "{dir}/t.xlsx"], "t.xlsx"),
        (["team", "read", "{team}", "--out", "{dir}/t.json"], "t.json"),
        (["catalog", "--out", "{dir}/c.md"], "c.md"),
    ],
    ids=lambda value: " ".join(value[:2]) if isinstance(value, list) else value,
)
def test_an_existing_output_is_kept_without_force_and_replaced_with_it(
    argv, name, tmp_path, capsys
):
    folder = tmp_path / "out"
    folder.mkdir()
    book, team = tmp_path / "in.xlsx", tmp_path / "team.xlsx"
    main(["overview", "write", str(book)])
    write_team(Team(()), team)
    target = folder / name
    target.write_text("mine")
    filled = [arg.format(dir=folder, book=book, team=team) for arg in argv]
    capsys.readouterr()

    line = refused(main(filled), capsys)

    assert line == f"ict-competence: error: {target}: the file exists; pass --force to overwrite it"
    assert target.read_text() == "mine"
    assert sorted(p.name for p in folder.iterdir()) == [name]

    assert main([*filled, "--force"]) == 0
    assert target.read_bytes() != b"mine"


def test_an_empty_team_workbook_has_the_schools(tmp_path):
    path = tmp_path / "t.xlsx"

    assert main(["team", "write", str(path), "--schools", "Noord, Zuid"]) == 0

    assert read_team(path) == Team((), ("Noord", "Zuid"))
    assert path.stat().st_mode & 0o777 == 0o600


def test_reading_a_team_prints_counts_never_names(plan_file, tmp_path, capsys):
    path, out = tmp_path / "t.xlsx", tmp_path / "t.json"
    assert main(["team", "write", str(path), "--plan", str(plan_file)]) == 0
    capsys.readouterr()

    assert main(["team", "read", str(path)]) == 0
    printed = capsys.readouterr().out
    assert main(["team", "read", str(path), "--out", str(out)]) == 0

    assert printed.startswith(f"{path}: 2 people, 0 schools, 70 hours a year")
    assert not any(name in printed for name in NAMES)
    team = SchoolPlan.load(plan_file).team
    assert from_json(Team, out.read_text()) == team
    assert {p.name for p in team.people} <= set(NAMES)
    assert out.stat().st_mode & 0o777 == 0o600


def test_the_catalog_in_a_format_and_language(capsys):
    assert main(["catalog", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["tasks"][0]["code"] == "TECH-01"

    assert main(["catalog", "--format", "markdown", "--language", "en"]) == 0
    assert capsys.readouterr().out.startswith("# ICT coordination task overview")


def test_an_unknown_format_lists_the_known_ones(capsys):
    line = refused(main(["catalog", "--format", "pdf"]), capsys)

    assert "no renderer for format 'pdf'; known: " in line
    assert "markdown" in line


def test_a_team_workbook_with_bad_cells_is_refused_in_one_line(tmp_path, capsys):
    import openpyxl

    path = tmp_path / "t.xlsx"
    main(["team", "write", str(path), "--schools", "Noord"])
    book = openpyxl.load_workbook(path)
    sheet = book["Team"]
    for row in (2, 3):
        sheet.cell(row, 1, f"p{row}")
        sheet.cell(row, 4, "veel")
    book.save(path)
    capsys.readouterr()

    line = refused(main(["team", "read", str(path)]), capsys)

    assert "cells need correcting: Team!D2" in line
    assert "; Team!D3" in line
