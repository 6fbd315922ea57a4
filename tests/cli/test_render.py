"""``render``: every file the library writes, told apart by its content, in any format."""

from __future__ import annotations

import json
import os
from pathlib import Path

import attrs
import pytest

from ict_competence.cli import main
from ict_competence.cli._files import file_kinds, read_file
from ict_competence.errors import IctCompetenceError
from ict_competence.renderers import register_renderer, render
from ict_competence.serialize import to_json
from ict_competence.xlsx import write_overview, write_team
from tests.cli.helpers import every_kind, refused
from tests.plan.strategies import NAMES

OBJECTS = every_kind()


@pytest.mark.parametrize("kind", sorted(OBJECTS))
def test_every_kind_of_json_file_renders_as_its_object_does(kind, tmp_path, capsys):
    obj = OBJECTS[kind]
    path = tmp_path / f"{kind}.json"
    path.write_text(to_json(obj))

    assert main(["render", str(path), "--format", "markdown", "--language", "en", "--names"]) == 0

    expected = render(obj, "markdown", language="en", names=True)
    assert capsys.readouterr().out.rstrip("\n") == expected.rstrip("\n")
    assert read_file(path) == obj


def test_every_kind_the_renderers_render_as_a_file_is_known():
    assert {type(obj) for obj in OBJECTS.values()} == {cls for cls, _name in file_kinds()}


@pytest.mark.parametrize("kind", ["overview", "team"])
def test_an_overview_or_team_workbook_renders(kind, tmp_path, capsys):
    path = tmp_path / f"{kind}.xlsx"
    if kind == "overview":
        write_overview(OBJECTS["overview"], path)  # type: ignore[arg-type]
    else:
        write_team(OBJECTS["team"], path)  # type: ignore[arg-type]

    assert main(["render", str(path), "--format", "html", "--names"]) == 0

    expected = render(OBJECTS[kind], "html", names=True)
    assert capsys.readouterr().out.rstrip("\n") == expected.rstrip("\n")


def test_a_workbook_of_neither_kind_is_refused(tmp_path, capsys):
    import openpyxl

    path = tmp_path / "other.xlsx"
    openpyxl.Workbook().save(path)

    line = refused(main(["render", str(path), "--format", "html"]), capsys)

    assert line.startswith(f"ict-competence: error: {path}: neither a task-overview workbook nor")


def test_names_show_only_when_asked_for(tmp_path):
    path, without, named = tmp_path / "plan.json", tmp_path / "a.html", tmp_path / "b.html"
    OBJECTS["plan"].save(path)  # type: ignore[attr-defined]

    assert main(["render", str(path), "--format", "html", "--out", str(without)]) == 0
    assert main(["render", str(path), "--format", "html", "--names", "--out", str(named)]) == 0

    assert not any(name in without.read_text() for name in NAMES)
    assert any(name in named.read_text() for name in NAMES)


def test_the_result_goes_to_a_file_kept_without_force(tmp_path, capsys):
    source, out = tmp_path / "team.json", tmp_path / "team.html"
    source.write_text(to_json(OBJECTS["team"]))
    out.write_text("mine")

    refused(main(["render", str(source), "--format", "html", "--out", str(out)]), capsys)
    assert out.read_text() == "mine"

    assert main(["render", str(source), "--format", "html", "--out", str(out), "--force"]) == 0
    assert out.read_text() == render(OBJECTS["team"], "html")
    assert capsys.readouterr().out == f"Wrote {out}\n"


@attrs.frozen
class _Zipped:
    """A format whose result is a file's bytes, as a workbook's."""

    name: str = "zipped-test"
    media_type: str = "application/zip"

    def render(self, obj: object, **options: object) -> bytes:
        return b"PK" + type(obj).__name__.encode()


@pytest.fixture
def zipped(monkeypatch):
    from ict_competence.renderers import _registry

    _registry._load_builtin_and_plugins()
    monkeypatch.setattr(_registry, "_REGISTRY", dict(_registry._REGISTRY))
    register_renderer(_Zipped())  # type: ignore[arg-type]


def test_a_binary_format_needs_a_file(zipped, tmp_path, capsys):
    source, out = tmp_path / "catalog.json", tmp_path / "catalog.zip"
    source.write_text(to_json(OBJECTS["catalog"]))

    line = refused(main(["render", str(source), "--format", "zipped-test"]), capsys)
    assert line == (
        "ict-competence: error: catalog.json as zipped-test is a binary file: pass --out PATH "
        "to write it"
    )

    assert main(["render", str(source), "--format", "zipped-test", "--out", str(out)]) == 0
    assert out.read_bytes() == b"PKCatalog"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("not json", "$: not valid JSON"),
        ("[1, 2]", "expected a JSON object (a file this library writes), found an array"),
        ('{"schema_version": 1, "colour": "red"}', "not a file this library writes"),
        ('{"schema_version": 1}', "fit more than one kind of file: roadmap session, action plan"),
        ('{"schema_version": 1, "people": [{"id": 3}]}', "$.people[0]"),
        ('{"a": 1, "a": 2}', "$.a: the key occurs more than once"),
    ],
)
def test_a_file_that_is_not_ours_is_refused_in_one_line(content, expected, tmp_path, capsys):
    path = tmp_path / "x.json"
    path.write_text(content)

    line = refused(main(["render", str(path), "--format", "html"]), capsys)

    assert line.startswith(f"ict-competence: error: {path}: ")
    assert expected in line


def test_names_let_the_json_of_a_team_be_printed_as_the_library_reads_it(tmp_path, capsys):
    path = tmp_path / "team.json"
    path.write_text(to_json(OBJECTS["team"]))

    assert main(["render", str(path), "--format", "json", "--names"]) == 0

    printed = capsys.readouterr().out
    assert json.loads(printed) == json.loads(to_json(OBJECTS["team"]))
    assert any(name in printed for name in NAMES)


def test_read_file_refuses_what_is_no_file_of_ours(tmp_path):
    path = tmp_path / "x.json"
    path.write_text('"just text"')

    with pytest.raises(IctCompetenceError, match="found a string"):
        read_file(Path(path))


def test_the_kind_of_file_comes_from_its_content_not_its_name(tmp_path, capsys):
    json_file, book, other = tmp_path / "team.txt", tmp_path / "team.bin", tmp_path / "notes.txt"
    json_file.write_text("\ufeff  " + to_json(OBJECTS["team"]), encoding="utf-8")
    write_team(OBJECTS["team"], tmp_path / "team.xlsx")  # type: ignore[arg-type]
    book.write_bytes((tmp_path / "team.xlsx").read_bytes())
    other.write_text("just some notes")

    assert read_file(json_file) == OBJECTS["team"]
    assert read_file(book) == OBJECTS["team"]
    line = refused(main(["render", str(other), "--format", "html"]), capsys)
    assert line.startswith(f"ict-competence: error: {other}: ")


@pytest.mark.parametrize(
    ("kind", "names", "mode"),
    [("team", False, 0o600), ("plan", False, 0o600), ("allocation", True, 0o600)],
)
def test_what_may_hold_names_is_written_for_its_owner_only(kind, names, mode, tmp_path):
    source, out = tmp_path / f"{kind}.json", tmp_path / f"{kind}.html"
    source.write_text(to_json(OBJECTS[kind]))
    flags = ["--names"] if names else []

    assert main(["render", str(source), "--format", "html", "--out", str(out), *flags]) == 0

    assert out.stat().st_mode & 0o777 == mode


def test_a_page_without_people_keeps_the_usual_mode(tmp_path):
    source, out = tmp_path / "catalog.json", tmp_path / "catalog.html"
    source.write_text(to_json(OBJECTS["catalog"]))
    umask = os.umask(0o022)
    try:
        assert main(["render", str(source), "--format", "html", "--out", str(out)]) == 0
    finally:
        os.umask(umask)

    assert out.stat().st_mode & 0o777 == 0o644


def test_a_workbook_of_the_other_kind_is_told_by_the_missing_sheet_not_the_message(tmp_path):
    from ict_competence.errors import WorkbookError
    from ict_competence.xlsx import read_overview, read_team

    team, overview = tmp_path / "team.xlsx", tmp_path / "overview.xlsx"
    write_team(OBJECTS["team"], team)  # type: ignore[arg-type]
    write_overview(OBJECTS["overview"], overview)  # type: ignore[arg-type]

    with pytest.raises(WorkbookError) as no_team:
        read_team(overview)
    with pytest.raises(WorkbookError) as no_overview:
        read_overview(team)

    assert (no_team.value.missing_sheet, no_overview.value.missing_sheet) == (
        "Team",
        "Takenoverzicht",
    )
    assert read_file(team) == OBJECTS["team"]
    assert read_file(overview) == OBJECTS["overview"]


def test_a_refused_cell_of_a_workbook_is_no_missing_sheet(tmp_path, capsys):
    import openpyxl

    path = tmp_path / "team.xlsx"
    write_team(OBJECTS["team"], path)  # type: ignore[arg-type]
    book = openpyxl.load_workbook(path)
    book["Team"].cell(2, 4, "veel")
    book.save(path)

    line = refused(main(["render", str(path), "--format", "html"]), capsys)

    assert "Team!D2" in line


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (
            ["catalog", "--format", "json", "--language", "en"],
            "--language does not apply to --format json",
        ),
        (
            ["catalog", "--format", "case", "--language", "en"],
            "--language does not apply to --format case",
        ),
        (
            ["render", "team.json", "--format", "case", "--names"],
            "--format case cannot render a team; the formats that can: html, json, markdown, xlsx",
        ),
        (
            ["render", "evaluation.json", "--format", "xlsx", "--out", "e.xlsx"],
            "--format xlsx cannot render an evaluation; the formats that can: html, json, markdown",
        ),
        (["guide", "schoolleider", "--format", "pdf"], "no renderer for format 'pdf'; known: "),
    ],
)
def test_a_format_that_does_not_fit_says_so_in_the_commands_words(
    argv, expected, tmp_path, monkeypatch, capsys
):
    monkeypatch.chdir(tmp_path)
    for kind in ("team", "evaluation"):
        (tmp_path / f"{kind}.json").write_text(to_json(OBJECTS[kind]))

    line = refused(main(argv), capsys)

    assert line.startswith(f"ict-competence: error: {expected}")
    assert len(line) < 200
    assert not (tmp_path / "e.xlsx").exists()
