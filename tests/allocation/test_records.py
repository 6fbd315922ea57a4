"""A team, an allocation and its RACI matrix as records and DataFrames, for notebooks."""

from __future__ import annotations

import json
import math
import pickle
import sys
from collections.abc import Mapping, Sequence

import pytest
from hypothesis import given, settings

from ict_competence.allocation import Allocation, Person, RaciMatrix, Team, allocate
from ict_competence.allocation._records import ALLOCATION_COLUMNS, RACI_COLUMNS, team_columns
from ict_competence.catalog import Cluster, Domain
from ict_competence.errors import FieldError, MissingExtraError
from tests.allocation.strategies import make_overview, make_person, make_task, teams
from tests.plan.strategies import NAMES

OVERVIEW = make_overview(
    make_task("T-01", hours=20, strategic=True),
    make_task("T-02", hours=10),
    make_task("P-01", Cluster.PEDAGOGICAL, hours=10, strategic=True),
    make_task("X-01", hours=50, required_level=3),
    group=("T-02",),
)
TEAM = Team(
    (
        Person(
            id="tech",
            hours=30,
            levels=dict.fromkeys(Domain, 2),
            motivation=dict.fromkeys(Cluster, 3),
            school="north",
            name=NAMES[0],
        ),
        make_person("teacher", 20, level=2, motivations={Cluster.PEDAGOGICAL: 3}, school="south"),
        make_person("helper", 10, level=1, motivation=1),
    ),
    ("north", "south"),
)
SCALARS = (str, int, float, bool, type(None))


@pytest.fixture(scope="module")
def result() -> Allocation:
    return allocate(OVERVIEW, TEAM)


def plain(records: Sequence[Mapping[str, object]]) -> bool:
    """Whether every value is a JSON scalar, and the records survive ``json`` unchanged."""
    scalars = all(isinstance(value, SCALARS) for row in records for value in row.values())
    return scalars and json.loads(json.dumps(records, allow_nan=False)) == records


def test_a_team_gives_one_record_per_person_with_levels_but_no_name():
    records = TEAM.to_records()

    assert plain(records)
    assert [list(row) for row in records] == [list(team_columns())] * 3
    assert records[0] == {
        "id": "tech",
        "school": "north",
        "hours": 30.0,
        "level_technical": 2,
        "level_pedagogical": 2,
        "level_policy": 2,
        "level_administrative": 2,
        "motivation_technical": 3,
        "motivation_pedagogical": 3,
        "motivation_administrative": 3,
        "motivation_policy": 3,
    }
    assert NAMES[0] not in json.dumps(records)
    assert records[2]["school"] is None


def test_a_team_gives_names_only_when_asked():
    records = TEAM.to_records(names=True)

    assert list(records[0])[:2] == ["id", "name"]
    assert [row["name"] for row in records] == [NAMES[0], None, None]
    assert plain(records)


@given(teams(max_people=6))
def test_a_teams_records_reflect_every_person(team):
    records = team.to_records()

    assert [row["id"] for row in records] == list(team.ids)
    for row, person in zip(records, team.people, strict=True):
        assert row["hours"] == person.hours
        assert row["school"] == person.school
        assert all(row[f"level_{d.value}"] == person.level(d) for d in Domain)
        assert all(row[f"motivation_{c.value}"] == person.motivation_for(c) for c in Cluster)
        assert "name" not in row
    assert plain(records)


@given(teams(max_people=6))
@settings(deadline=None)  # the first example imports pandas
def test_a_teams_dataframe_holds_its_records(team):
    frame = team.to_dataframe(names=True)

    assert frame.shape == (len(team.people), len(team_columns(names=True)))
    assert list(frame.columns) == list(team_columns(names=True))
    assert list(frame["id"]) == list(team.ids)
    assert list(frame["level_policy"]) == [row["level_policy"] for row in team.to_records()]


def test_an_allocation_gives_one_record_per_instance(result):
    records = result.to_records()

    assert plain(records)
    assert [row["key"] for row in records] == [info.key for info in result.instances]
    assert all(tuple(row) == ALLOCATION_COLUMNS for row in records)
    for row in records:
        assignment = result.assignments.get(str(row["key"]))
        decision = result.decisions.get(str(row["key"]))
        if assignment is not None:
            assert (row["primary"], row["backup"], row["decision"]) == (
                assignment.primary,
                assignment.backup,
                None,
            )
        else:
            assert decision is not None
            assert row["primary"] is None
            assert row["decision"] == decision.kind.value
    assert {row["school"] for row in records} == {None, "north", "south"}
    assert {row["task"] for row in records} == {"T-01", "T-02", "P-01", "X-01"}


def test_an_allocations_dataframe_has_its_records_shape_and_columns(result):
    frame = result.to_dataframe()

    assert frame.shape == (len(result.instances), len(ALLOCATION_COLUMNS))
    assert list(frame.columns) == list(ALLOCATION_COLUMNS)
    assert list(frame["hours"]) == [row["hours"] for row in result.to_records()]


def test_the_raci_matrix_is_a_tuple_of_rows_with_records(result):
    matrix = result.raci()
    records = matrix.to_records()

    assert isinstance(matrix, RaciMatrix)
    assert matrix == tuple(matrix)
    assert pickle.loads(pickle.dumps(matrix)) == matrix
    assert plain(records)
    assert [tuple(row) for row in records] == [RACI_COLUMNS] * len(matrix)
    for row, raci in zip(records, matrix, strict=True):
        assert row["key"] == raci.key
        assert row["responsible"] == ", ".join(raci.responsible)
        assert row["consulted"] == ", ".join(raci.consulted)
        assert row["accountable"] == raci.accountable
        assert row["vacancy"] is raci.vacancy


def test_the_raci_matrix_counts_its_rows_and_vacancies_in_its_repr(result):
    matrix = result.raci()
    vacancies = sum(row.vacancy for row in matrix)

    assert repr(matrix) == (
        f"<RaciMatrix {len(matrix)} rows, {vacancies} "
        f"{'vacancy' if vacancies == 1 else 'vacancies'}>"
    )
    assert repr(RaciMatrix()) == "<RaciMatrix 0 rows, 0 vacancies>"


def test_the_raci_matrix_takes_its_rows_from_any_iterable_but_text_or_a_mapping(result):
    matrix = result.raci()

    assert RaciMatrix(iter(matrix)) == matrix
    assert RaciMatrix(row for row in matrix) == matrix
    assert RaciMatrix(list(matrix)) == matrix
    for wrong in ("rows", {"T-01": matrix[0]}, 7):
        with pytest.raises(FieldError, match=r"^rows: expected a list or tuple of RaciRow"):
            RaciMatrix(wrong)  # type: ignore[arg-type]


def test_the_raci_records_follow_the_accountable_asked_for(result):
    records = result.raci(accountable="p-lead", group_accountable="group-lead").to_records()

    assert {row["key"]: row["accountable"] for row in records}["T-02"] == "group-lead"
    assert {row["accountable"] for row in records} == {"p-lead", "group-lead"}


def test_the_raci_dataframe_has_one_row_per_instance(result):
    frame = result.raci().to_dataframe()

    assert frame.shape == (len(result.instances), len(RACI_COLUMNS))
    assert list(frame.columns) == list(RACI_COLUMNS)


def test_empty_records_still_make_a_dataframe_with_every_column():
    frame = Team(()).to_dataframe()

    assert frame.shape == (0, len(team_columns()))


@pytest.mark.parametrize(
    ("make", "feature"),
    [
        (lambda result: TEAM.to_dataframe(), "Team.to_dataframe()"),
        (lambda result: result.to_dataframe(), "Allocation.to_dataframe()"),
        (lambda result: result.raci().to_dataframe(), "RaciMatrix.to_dataframe()"),
    ],
)
def test_a_dataframe_without_pandas_says_which_extra_to_install(monkeypatch, result, make, feature):
    monkeypatch.setitem(sys.modules, "pandas", None)

    with pytest.raises(MissingExtraError) as raised:
        make(result)

    assert str(raised.value).startswith(feature)
    assert "pip install 'ict-competence[pandas]'" in str(raised.value)
    assert isinstance(raised.value, ImportError)


def test_records_hold_finite_hours_only(result):
    assert all(math.isfinite(float(str(row["hours"]))) for row in result.to_records())
