"""A task overview as records and as a DataFrame, for notebooks and data tools."""

from __future__ import annotations

import json
import sys

import pytest
from hypothesis import given, settings

from ict_competence.catalog import load_catalog
from ict_competence.catalog._records import overview_columns
from ict_competence.errors import MissingExtraError
from tests.strategies import task_overviews

SCALARS = (str, int, float, bool, type(None))


def test_an_overview_gives_one_record_per_choice_in_order():
    overview = load_catalog().overview().choose("TECH-12", applies=False, notes="<b>let op</b>")

    records = overview.to_records(names=True)

    assert [row["code"] for row in records] == list(overview.codes)
    assert all(tuple(row) == overview_columns(names=True) for row in records)
    assert all(isinstance(value, SCALARS) for row in records for value in row.values())
    assert json.loads(json.dumps(records, allow_nan=False)) == records
    tech_12 = next(row for row in records if row["code"] == "TECH-12")
    assert (tech_12["applies"], tech_12["active"], tech_12["notes"]) == (
        False,
        False,
        "<b>let op</b>",
    )
    assert tech_12["cluster"] == "technical"
    assert tech_12["horizon"] == "long_term"


def test_an_overview_record_describes_the_task_in_the_language_asked_for():
    overview = load_catalog().overview()

    dutch, english = overview.to_records()[0], overview.to_records(language="en")[0]

    assert dutch["description"] == overview.choices[0].task.description.nl
    assert english["description"] == overview.choices[0].task.description.en


def test_the_names_and_notes_a_school_wrote_are_in_the_records_only_when_asked():
    overview = load_catalog().overview()
    overview = overview.choose("TECH-01", responsible="Ann", backup="Bram", notes="Cas helpt")

    plain, named = overview.to_records()[0], overview.to_records(names=True)[0]

    for person in ("Ann", "Bram", "Cas"):
        assert person not in json.dumps(plain)
    assert {"responsible", "backup", "notes"}.isdisjoint(plain)
    assert tuple(plain) == overview_columns()
    assert (named["responsible"], named["backup"], named["notes"]) == ("Ann", "Bram", "Cas helpt")
    assert tuple(named) == overview_columns(names=True)


@given(task_overviews())
def test_an_overviews_records_reflect_every_choice(overview):
    records = overview.to_records(names=True)

    assert len(records) == len(overview)
    for row, choice in zip(records, overview.choices, strict=True):
        assert row["code"] == choice.code
        assert row["applies"] is choice.applies
        assert row["active"] is choice.active
        assert row["hours"] == choice.hours_per_year
        assert row["scope"] == choice.scope.value
        assert row["notes"] == choice.notes
    assert json.loads(json.dumps(records, allow_nan=False)) == records


@given(task_overviews(max_size=6))
@settings(deadline=None)  # the first example imports pandas
def test_an_overviews_dataframe_holds_its_records(overview):
    frame = overview.to_dataframe(names=True)

    assert frame.shape == (len(overview), len(overview_columns(names=True)))
    assert list(frame.columns) == list(overview_columns(names=True))
    assert list(frame["code"]) == list(overview.codes)
    assert list(frame["backup"]) == [choice.backup for choice in overview.choices]
    assert list(frame["notes"]) == [choice.notes for choice in overview.choices]


def test_an_overviews_dataframe_without_pandas_says_which_extra_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)

    with pytest.raises(MissingExtraError, match=r"^TaskOverview\.to_dataframe\(\) needs .*pandas"):
        load_catalog().overview().to_dataframe()
