"""``demo``, and the behaviour the first command line had: kept as it was."""

import json
import os
import subprocess
import sys

from ict_competence.cli import main
from ict_competence.cli._demo import DEMO_FILES
from ict_competence.plan import SchoolPlan
from ict_competence.serialize import SCHEMA_VERSION
from ict_competence.xlsx import read_overview, read_team
from tests.cli.helpers import refused


def test_the_demo_takes_the_sample_plan_to_step_8_and_writes_what_reads_back(tmp_path, capsys):
    status = main(["demo", "--out", str(tmp_path / "out")])

    out = tmp_path / "out"
    assert status == 0
    assert {p.name for p in out.iterdir()} == {
        "actieplan.json",
        "catalog.case.json",
        "catalog.en.md",
        "catalog.html",
        "catalog.nl.md",
        "evaluatie.json",
        "gespreksleidraad.html",
        "gespreksleidraad.json",
        "schoolplan.json",
        "stappenplan.dot",
        "stappenplan.html",
        "stappenplan.mmd",
        "taakverdeling.html",
        "taakverdeling.md",
        "takenoverzicht.html",
        "takenoverzicht.md",
        "takenoverzicht.xlsx",
        "team.xlsx",
    }
    plan = SchoolPlan.load(out / "schoolplan.json")
    assert plan.roadmap.current.number == 8
    assert [move.step for move in plan.roadmap.history if move.evidence] == [5, 6, 7]
    assert plan.allocation_is_current
    assert read_overview(out / "takenoverzicht.xlsx") == plan.overview
    assert read_team(out / "team.xlsx") == plan.team
    assert (out / "schoolplan.json").stat().st_mode & 0o777 == 0o600
    assert "Wrote 18 files" in capsys.readouterr().out
    assert set(DEMO_FILES) == {p.name for p in out.iterdir()}


def test_the_demo_refuses_to_replace_an_earlier_run_without_force(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "evaluatie.json").write_text("mine")

    status = main(["demo", "--out", str(out)])

    line = refused(status, capsys)
    assert "evaluatie.json: the file exists; pass --force" in line
    assert [p.name for p in out.iterdir()] == ["evaluatie.json"]
    assert (out / "evaluatie.json").read_text() == "mine"

    assert main(["demo", "--out", str(out), "--force"]) == 0
    assert "coverage" in json.loads((out / "evaluatie.json").read_text())


def test_the_catalog_command_prints_markdown_or_writes_json(tmp_path, capsys):
    assert main(["catalog", "--language", "en"]) == 0
    assert capsys.readouterr().out.startswith("# ICT coordination task overview")

    assert main(["catalog", "--format", "json", "--out", str(tmp_path / "c.json")]) == 0
    assert json.loads((tmp_path / "c.json").read_text())["schema_version"] == SCHEMA_VERSION


def test_the_catalog_command_writes_its_file_atomically(tmp_path, monkeypatch):
    out = tmp_path / "c.md"
    out.write_text("the old catalog")

    def fail(_descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", fail)

    assert main(["catalog", "--out", str(out)]) == 2
    assert out.read_text() == "the old catalog"
    assert [p.name for p in tmp_path.iterdir()] == ["c.md"]


def test_the_overview_command_writes_and_reads_a_workbook(tmp_path, capsys):
    path = tmp_path / "o.xlsx"

    assert main(["overview", "write", str(path)]) == 0
    assert main(["overview", "read", str(path), "--names"]) == 0

    assert '"TECH-01"' in capsys.readouterr().out


def test_bad_input_gives_a_one_line_error_and_status_2(tmp_path, capsys):
    (tmp_path / "bad.xlsx").write_text("not a workbook")

    status = main(["overview", "read", str(tmp_path / "bad.xlsx"), "--names"])

    err = capsys.readouterr().err
    assert status == 2
    assert err.startswith("ict-competence: error: ")
    assert "bad.xlsx: not an .xlsx workbook" in err
    assert "Traceback" not in err


def test_an_unwritable_output_folder_is_reported_not_raised(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")

    assert main(["demo", "--out", str(blocker / "sub")]) == 2
    assert "error" in capsys.readouterr().err


def test_the_package_runs_as_a_module():
    result = subprocess.run(
        [sys.executable, "-m", "ict_competence", "catalog", "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )

    assert json.loads(result.stdout)["tasks"][0]["code"] == "TECH-01"
