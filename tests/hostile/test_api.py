"""Values a program passes the API directly: refused with the library's error, quickly."""

from __future__ import annotations

import pytest

import ict_competence as ic
from ict_competence.errors import (
    AllocationError,
    FieldError,
    MoveError,
    UnknownCodeError,
)
from tests.hostile.record import refused


@pytest.fixture(scope="module")
def overview() -> ic.TaskOverview:
    return ic.load_catalog().overview()


@pytest.fixture(scope="module")
def team() -> ic.Team:
    return ic.Team((ic.Person(id="p1", hours=40, levels={}, motivation={}),))


def _person(**changes: object) -> ic.Person:
    fields: dict[str, object] = {"id": "p", "hours": 10, "levels": {}, "motivation": {}}
    return ic.Person(**(fields | changes))  # type: ignore[arg-type]


@pytest.mark.parametrize("hours", [-1, -0.5, float("nan"), float("inf"), "10", True])
def test_impossible_hours_of_a_person_are_refused(hours):
    refused(lambda: _person(hours=hours), FieldError, r"^hours: expected")


@pytest.mark.parametrize("level", [-1, 4, 2.5, True, "3"])
def test_a_level_outside_0_to_3_is_refused_naming_the_domain(level):
    refused(
        lambda: _person(levels={ic.Domain.TECHNICAL: level}),
        FieldError,
        r"^levels\.technical: expected a whole number 0–3",
    )


@pytest.mark.parametrize("motivation", [-1, 4])
def test_a_motivation_outside_0_to_3_is_refused_naming_the_cluster(motivation):
    refused(
        lambda: _person(motivation={ic.Cluster.POLICY: motivation}),
        FieldError,
        r"^motivation\.policy: expected a whole number 0–3",
    )


def test_a_level_keyed_by_text_is_refused_with_the_member_to_use():
    refused(lambda: _person(levels={"technical": 3}), FieldError, r"use Domain\.TECHNICAL")


def test_negative_hours_of_a_task_choice_are_refused(overview):
    refused(lambda: overview.choose("TECH-01", hours_per_year=-3), FieldError, r"^hours_per_year: ")


def test_an_unknown_task_code_is_refused_with_the_known_codes(overview):
    error = refused(lambda: overview.choose("TECH-99", applies=False), UnknownCodeError)

    assert "TECH-01" in str(error)
    assert "more" in str(error)


def test_a_pin_on_an_unknown_person_is_refused(overview, team):
    pin = ic.Pin("TECH-01", "nobody", ic.Duty.PRIMARY)

    refused(
        lambda: ic.allocate(overview, team, pins=(pin,)), AllocationError, "'nobody', who is not"
    )


def test_a_pin_on_an_unknown_task_is_refused(overview, team):
    pin = ic.Pin("NOPE-01", "p1", ic.Duty.PRIMARY)

    refused(lambda: ic.allocate(overview, team, pins=(pin,)), UnknownCodeError, "NOPE-01")


def test_an_exclusion_of_an_unknown_person_is_refused(overview, team):
    exclusion = ic.Exclusion("TECH-01", "nobody")

    refused(
        lambda: ic.allocate(overview, team, exclusions=(exclusion,)),
        AllocationError,
        "'nobody', who is not",
    )


def test_an_unknown_person_is_refused_with_the_known_ids(team):
    refused(lambda: team.person("x"), UnknownCodeError, "known codes: p1")


def test_a_move_that_does_not_fit_the_step_is_refused():
    refused(lambda: ic.RoadmapSession.start().complete(), MoveError, r"^step 1: ")
