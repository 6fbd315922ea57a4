"""The library prints nothing and logs no personal data, whatever a school does with a plan."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from pathlib import Path

import attrs
import pytest

import ict_competence as ic
from ict_competence._log import ROOT, get_logger
from ict_competence.allocation import Person, Team
from ict_competence.dialogue import Action, DialogueRecord
from ict_competence.errors import IctCompetenceError
from ict_competence.plan import SchoolPlan, erase_person, export_person, pseudonymize
from tests.allocation.strategies import make_overview, make_task
from tests.plan.strategies import NAMES

NOTE = "Qwerty heeft thuis geen laptop"
ACTION = "Uitleenpool Xylofoonstraat opzetten"


class _Collect(logging.Handler):
    """Keeps every record it is handed (once, however many loggers hand it over)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: dict[int, logging.LogRecord] = {}

    def emit(self, record: logging.LogRecord) -> None:
        self.records[id(record)] = record


@pytest.fixture
def every_record(monkeypatch: pytest.MonkeyPatch) -> Iterator[_Collect]:
    """Every log record at DEBUG and up, on the root and on every logger, propagating or not.

    The handler sits on every logger that exists (the library's modules that log are
    imported above, so theirs do); ``Logger.handle`` is wrapped too, for a logger made later.
    """
    collect = _Collect()
    loggers = [logging.getLogger()]
    loggers += [
        logging.getLogger(name)
        for name, logger in list(logging.root.manager.loggerDict.items())
        if isinstance(logger, logging.Logger)
    ]
    for logger in loggers:
        monkeypatch.setattr(logger, "level", logging.DEBUG)
        logger.addHandler(collect)
    original = logging.Logger.handle

    def handle(self: logging.Logger, record: logging.LogRecord) -> None:
        collect.emit(record)
        original(self, record)

    monkeypatch.setattr(logging.Logger, "handle", handle)
    logging.disable(logging.NOTSET)
    yield collect
    for logger in loggers:
        logger.removeHandler(collect)


def _team() -> Team:
    levels = {ic.Domain.TECHNICAL: 3, ic.Domain.PEDAGOGICAL: 2}
    motivation = {ic.Cluster.TECHNICAL: 3, ic.Cluster.PEDAGOGICAL: 1}
    return Team(
        (
            Person(id="p1", hours=40, levels=levels, motivation=motivation, name=NAMES[0]),
            Person(id="p2", hours=30, levels=levels, motivation=motivation, name=NAMES[1]),
        )
    )


def _year(tmp_path: Path) -> None:
    """A plan's year: team from its workbook, allocate both ways, advance, render, keep."""
    ic.write_team(_team(), tmp_path / "team.xlsx")
    overview = make_overview(
        make_task("T-00", ic.Cluster.TECHNICAL, hours=20, strategic=True, required_level=2),
        make_task("T-01", ic.Cluster.PEDAGOGICAL, hours=10, required_level=3),
    )
    plan = SchoolPlan(name="De Linde", overview=overview, team=ic.read_team(tmp_path / "team.xlsx"))
    record = DialogueRecord.for_guide(ic.conversation_guide("schoolleider", topics=["1.2"]))
    record = record.note("1.2", NOTE).add_action("1.2", Action(description=ACTION, owner="p1"))
    session = plan.roadmap.answer(True, note=NOTE).answer(True).answer(True).answer(True)
    plan = attrs.evolve(plan, dialogue=record, roadmap=session)
    plan = plan.allocate(solver="optimal").allocate().advance()
    views = (plan, plan.team, plan.allocation, plan.evaluate(), plan.action_plan(), record)
    for view in views:
        for fmt in ic.available_formats():
            try:
                ic.render(view, fmt)
            except IctCompetenceError:
                continue  # the format does not render this kind of object
    plan.save(tmp_path / "plan.json")
    plan = SchoolPlan.load(tmp_path / "plan.json").next_cycle()
    pseudonymize(plan)
    export_person(plan, "p1")
    erase_person(plan, "p1")


def _personal(record: logging.LogRecord) -> list[str]:
    """What in a record is personal data of the team above: names, notes, people's values."""
    text = record.getMessage() + (record.exc_text or "")
    found = [word for word in (*NAMES, NOTE, ACTION) if word.casefold() in text.casefold()]
    args = record.args if isinstance(record.args, tuple) else (record.args,)
    # Levels and motivation are small numbers that counts share; what must not be logged
    # is a person, a team, or a mapping of their values, whose repr or str would show them.
    found += [type(arg).__name__ for arg in args if isinstance(arg, Person | Team | Mapping)]
    return found


def test_a_plans_year_prints_nothing_and_logs_no_name_note_level_or_motivation(
    every_record, capfd, tmp_path
):
    _year(tmp_path)

    out, err = capfd.readouterr()
    assert (out, err) == ("", "")
    records = list(every_record.records.values())
    assert any(r.name.startswith("ict_competence.") for r in records)  # the test sees logs
    assert [(r.name, _personal(r)) for r in records if _personal(r)] == []


def test_the_librarys_loggers_are_named_for_their_package_and_silent_by_default():
    logger = get_logger("plan")

    assert logger.name == "ict_competence.plan"
    assert any(isinstance(h, logging.NullHandler) for h in logging.getLogger(ROOT).handlers)
