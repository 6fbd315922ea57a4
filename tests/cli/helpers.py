"""What the command-line tests share: the check of a refusal, a terminal to type in, and an
object of every kind of file the library writes."""

from __future__ import annotations

import io

import attrs
import pytest

from ict_competence.catalog import load_catalog
from ict_competence.dialogue import DialogueRecord, conversation_guide
from ict_competence.plan import SchoolPlan
from tests.plan.strategies import small_school, up_to_step_five


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


def year() -> SchoolPlan:
    """A small school's plan through its year: allocated, at the evaluation, with names."""
    plan = small_school()
    return attrs.evolve(plan, roadmap=up_to_step_five()).allocate().advance()


def every_kind() -> dict[str, object]:
    """An object of every kind of file the library writes, by a short name."""
    plan = year()
    guide = conversation_guide("schoolleider", topics=["1.2", "2.3"])
    return {
        "plan": plan,
        "overview": plan.overview,
        "team": plan.team,
        "allocation": plan.allocation,
        "session": plan.roadmap,
        "record": DialogueRecord.for_guide(guide),
        "guide": guide,
        "actions": plan.action_plan(),
        "evaluation": plan.evaluate(),
        "catalog": load_catalog(),
    }
