import json
import subprocess
import sys

from ict_competence.catalog import TaskOverview
from ict_competence.cli import main
from ict_competence.flow import RoadmapSession
from ict_competence.serialize import from_json
from ict_competence.xlsx import read_overview


def test_the_demo_writes_its_outputs_and_they_read_back(tmp_path, capsys):
    status = main(["demo", "--out", str(tmp_path / "out")])

    out = tmp_path / "out"
    assert status == 0
    assert {p.name for p in out.iterdir()} >= {
        "catalog.nl.md",
        "catalog.en.md",
        "takenoverzicht.md",
        "takenoverzicht.json",
        "takenoverzicht.xlsx",
        "stappenplan.mmd",
        "stappenplan.dot",
        "stappenplan-sessie.json",
        "gespreksleidraad.json",
        "stappenplan.html",
        "gespreksleidraad.html",
        "catalog.html",
        "catalog.case.json",
        "takenoverzicht.html",
        "taakverdeling.json",
        "taakverdeling.md",
        "taakverdeling.html",
    }
    session = from_json(RoadmapSession, (out / "stappenplan-sessie.json").read_text("utf-8"))
    assert session.current.number == 7
    overview = from_json(TaskOverview, (out / "takenoverzicht.json").read_text(encoding="utf-8"))
    assert read_overview(out / "takenoverzicht.xlsx") == overview
    assert "Wrote" in capsys.readouterr().out


def test_the_catalog_command_prints_markdown_or_writes_json(tmp_path, capsys):
    assert main(["catalog", "--language", "en"]) == 0
    assert capsys.readouterr().out.startswith("# ICT coordination task overview")

    assert main(["catalog", "--format", "json", "--out", str(tmp_path / "c.json")]) == 0
    assert json.loads((tmp_path / "c.json").read_text())["schema_version"] == 1


def test_the_overview_command_writes_and_reads_a_workbook(tmp_path, capsys):
    path = tmp_path / "o.xlsx"

    assert main(["overview", "write", str(path)]) == 0
    assert main(["overview", "read", str(path)]) == 0

    assert '"TECH-01"' in capsys.readouterr().out


def test_bad_input_gives_a_one_line_error_and_status_2(tmp_path, capsys):
    (tmp_path / "bad.xlsx").write_text("not a workbook")

    status = main(["overview", "read", str(tmp_path / "bad.xlsx")])

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
