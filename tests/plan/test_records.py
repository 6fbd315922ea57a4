"""An action plan as records and as a DataFrame, for notebooks and data tools."""

from __future__ import annotations

import json
import sys

import attrs
import pytest

from ict_competence.errors import MissingExtraError
from ict_competence.plan import ActionSource
from ict_competence.plan._records import ACTION_COLUMNS
from tests.plan.strategies import small_school, with_follow_up


@pytest.fixture(scope="module")
def actions():
    plan = with_follow_up(small_school(), "p2")
    plan = attrs.evolve(plan, roadmap=plan.roadmap.answer(False)).allocate()
    return plan.action_plan()


def test_an_action_plan_gives_one_record_per_action_in_order(actions):
    records = actions.to_records()

    assert len(records) == len(actions)
    assert all(tuple(row) == ACTION_COLUMNS for row in records)
    assert json.loads(json.dumps(records, allow_nan=False)) == records
    assert [row["source"] for row in records] == [action.source.value for action in actions]
    assert [row["owner"] for row in records] == [action.owner for action in actions]
    assert {row["source"] for row in records} >= {
        ActionSource.ADVICE.value,
        ActionSource.DECISION.value,
        ActionSource.FOLLOW_UP.value,
    }


def test_an_action_plans_texts_are_in_the_language_asked_for(actions):
    dutch, english = actions.to_records(), actions.to_records(language="en")

    decision = next(i for i, row in enumerate(dutch) if row["source"] == "decision")
    assert str(dutch[decision]["description"]).startswith(("Rekruteer", "Besteed"))
    assert str(english[decision]["description"]).startswith(("Recruit", "Outsource"))
    assert english[decision]["hours"] == actions[decision].hours


def test_an_action_plans_dataframe_holds_its_records(actions):
    frame = actions.to_dataframe()

    assert frame.shape == (len(actions), len(ACTION_COLUMNS))
    assert list(frame.columns) == list(ACTION_COLUMNS)
    assert list(frame["reference"]) == [action.reference for action in actions]


def test_an_action_plans_dataframe_without_pandas_says_which_extra_to_install(monkeypatch, actions):
    monkeypatch.setitem(sys.modules, "pandas", None)

    with pytest.raises(MissingExtraError, match=r"^ActionPlan\.to_dataframe\(\) needs"):
        actions.to_dataframe()
