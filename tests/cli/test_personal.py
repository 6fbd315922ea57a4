"""Personal data on screen and in files: every command and every kind it prints or writes.

A kind that holds names, notes, or people's levels and motivation (a plan, team, task
overview, allocation, roadmap session, conversation record, action plan) is printed only
with ``--names``, and every file of it is readable by its owner only (0600); the other
kinds (catalog, guide, evaluation) print and are written as any file (0644 under the
umask 022). The tables here say so themselves, so that a change of the rule fails them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from ict_competence.cli import main
from ict_competence.cli._demo import DEMO_FILES
from ict_competence.serialize import to_json
from ict_competence.xlsx import write_overview, write_team
from tests.cli.helpers import every_kind, refused
from tests.plan.strategies import NAMES

OBJECTS = every_kind()
#: The kinds that hold personal data, and what the refusal says they hold.
PERSONAL = {
    "plan": "its team's names, levels and motivation, and notes",
    "team": "people's names, levels and motivation",
    "overview": "who is responsible, the back-ups and notes",
    "allocation": "each candidate's level and motivation, by id",
    "session": "notes",
    "record": "notes and follow-ups",
    "actions": "the follow-ups agreed in conversations",
}
#: Every file ``render`` reads: the JSON of every kind, and the two workbooks.
SOURCES = [f"{kind}.json" for kind in sorted(OBJECTS)] + ["overview.xlsx", "team.xlsx"]
#: Where the output goes, and whether --names is given.
WAYS = ["stdout", "stdout --names", "--out", "--out --names"]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A folder with a file of every kind (named as in SOURCES), the umask at 022."""
    for kind, obj in OBJECTS.items():
        (tmp_path / f"{kind}.json").write_text(to_json(obj))
    OBJECTS["plan"].save(tmp_path / "plan.json")  # type: ignore[attr-defined]
    write_overview(OBJECTS["overview"], tmp_path / "overview.xlsx")  # type: ignore[arg-type]
    write_team(OBJECTS["team"], tmp_path / "team.xlsx")  # type: ignore[arg-type]
    monkeypatch.chdir(tmp_path)
    umask = os.umask(0o022)
    try:
        yield tmp_path
    finally:
        os.umask(umask)


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize("source", SOURCES)
def test_render_prints_personal_data_only_with_names_and_writes_it_for_the_owner(
    source, way, folder, capsys
):
    kind = source.split(".")[0]
    names = way.endswith("--names")
    argv = ["render", source, "--format", "markdown", *(["--names"] if names else [])]
    out = folder / "out.md"
    if way.startswith("--out"):
        argv += ["--out", str(out)]

    status = main(argv)

    if way == "stdout" and kind in PERSONAL:
        assert refused(status, capsys) == (
            f"ict-competence: error: {source} holds personal data ({PERSONAL[kind]}): pass "
            "--names to print it, or --out PATH to write it to a file only you can read"
        )
        return
    assert status == 0, capsys.readouterr().err
    printed = capsys.readouterr().out
    if way.startswith("stdout"):
        assert printed.startswith("#")
    else:
        assert printed == f"Wrote {out}\n"
        assert _mode(out) == (0o600 if kind in PERSONAL or names else 0o644)
    if not names:
        shown = printed if way.startswith("stdout") else out.read_text()
        assert not any(name in shown for name in NAMES)


#: The other commands that print or write an object: the kind, and what must happen.
#: An int is the mode of the file written ("out" names it); "refused" and "printed" are
#: about stdout.
COMMANDS: list[tuple[list[str], str, int | str]] = [
    (["overview", "read", "overview.xlsx"], "overview", "refused"),
    (["overview", "read", "overview.xlsx", "--names"], "overview", "printed"),
    (["overview", "read", "overview.xlsx", "--out", "out"], "overview", 0o600),
    (["overview", "write", "out.xlsx", "--plan", "plan.json"], "overview", 0o600),
    (["overview", "write", "out.xlsx", "--school-type", "primary"], "overview", 0o600),
    (["team", "read", "team.xlsx"], "team", "printed"),
    (["team", "read", "team.xlsx", "--out", "out"], "team", 0o600),
    (["team", "write", "out.xlsx", "--plan", "plan.json"], "team", 0o600),
    (["team", "write", "out.xlsx", "--schools", "Noord"], "team", 0o600),
    (["plan", "new", "--name", "X", "--school-type", "primary", "out"], "plan", 0o600),
    (["roadmap", "--answers", "ja", "--out", "out"], "session", 0o600),
    (["plan", "evaluate", "plan.json"], "evaluation", "printed"),
    (["plan", "evaluate", "plan.json", "--format", "markdown"], "evaluation", "printed"),
    (["plan", "evaluate", "plan.json", "--format", "html", "--out", "out"], "evaluation", 0o644),
    (["catalog"], "catalog", "printed"),
    (["catalog", "--out", "out"], "catalog", 0o644),
    (["guide", "schoolleider"], "guide", "printed"),
    (["guide", "schoolleider", "--format", "json", "--out", "out"], "guide", 0o644),
]


@pytest.mark.parametrize(
    ("argv", "kind", "expected"), COMMANDS, ids=[" ".join(argv) for argv, _, _ in COMMANDS]
)
def test_every_command_prints_or_writes_as_its_kind_asks(argv, kind, expected, folder, capsys):
    out = folder / ("out.xlsx" if "out.xlsx" in argv else "out")

    status = main(argv)

    if expected == "refused":
        assert "holds personal data" in refused(status, capsys)
        assert kind in PERSONAL
        return
    assert status == 0, capsys.readouterr().err
    printed = capsys.readouterr().out
    if isinstance(expected, int):
        assert _mode(out) == expected
        assert (expected == 0o600) == (kind in PERSONAL)
    if "--names" not in argv:
        assert not any(name in printed for name in NAMES), printed


def test_the_demo_writes_what_holds_personal_data_for_its_owner_only(tmp_path, capsys):
    kinds = {
        "team.xlsx": "team",
        "schoolplan.json": "plan",
        "stappenplan.mmd": "session",
        "stappenplan.dot": "session",
        "stappenplan.html": "session",
        "gespreksleidraad.json": "guide",
        "gespreksleidraad.html": "guide",
        "catalog.html": "catalog",
        "catalog.case.json": "catalog",
        "takenoverzicht.html": "overview",
        "taakverdeling.md": "allocation",
        "taakverdeling.html": "allocation",
        "actieplan.json": "actions",
        "evaluatie.json": "evaluation",
        "catalog.nl.md": "catalog",
        "catalog.en.md": "catalog",
        "takenoverzicht.md": "overview",
        "takenoverzicht.xlsx": "overview",
    }
    umask = os.umask(0o022)
    try:
        assert main(["demo", "--out", str(tmp_path / "demo")]) == 0
    finally:
        os.umask(umask)

    assert set(kinds) == set(DEMO_FILES)
    for name, kind in kinds.items():
        assert _mode(tmp_path / "demo" / name) == (0o600 if kind in PERSONAL else 0o644), name
