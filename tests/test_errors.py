"""The exceptions: one base class, all in errors.py, every one a user can meet exported."""

from __future__ import annotations

import pickle

import pytest

import ict_competence as ic
from ict_competence import errors
from ict_competence.errors import IctCompetenceError, UnknownCodeError


def _subclasses(cls: type) -> set[type]:
    found: set[type] = set(cls.__subclasses__())
    for sub in tuple(found):
        found |= _subclasses(sub)
    return found


def test_every_error_of_the_library_is_exported_at_the_top_level() -> None:
    library = {
        c for c in _subclasses(IctCompetenceError) if c.__module__.startswith("ict_competence")
    }

    missing = sorted(c.__name__ for c in library if getattr(ic, c.__name__, None) is not c)

    assert library
    assert missing == []
    assert ic.IctCompetenceError is IctCompetenceError


def test_every_error_class_lives_in_the_errors_module() -> None:
    library = {
        c for c in _subclasses(IctCompetenceError) if c.__module__.startswith("ict_competence")
    }

    assert {c.__module__ for c in library} == {"ict_competence.errors"}
    assert sorted(c.__name__ for c in library | {IctCompetenceError}) == sorted(errors.__all__)


def test_an_unknown_code_error_lists_up_to_twelve_codes_and_counts_the_rest() -> None:
    known = tuple(f"T-{n:02}" for n in range(1, 31))

    message = str(UnknownCodeError("task", "T-99", known))

    assert message == (
        "no task with code 'T-99'; known codes: " + ", ".join(known[:12]) + ", … and 18 more"
    )


def test_an_unknown_code_error_with_few_codes_lists_them_all() -> None:
    message = str(UnknownCodeError("person", "p9", ("p1", "p2")))

    assert message == "no person with code 'p9'; known codes: p1, p2"
    assert "…" not in message


#: One of every error class, built with the arguments its ``__init__`` takes.
_ONE_OF_EACH = [
    errors.AllocationError("pin breaks a rule", rule="level", person="p1", key="TECH-01"),
    errors.ContentError("catalog.toml: duplicate code"),
    errors.FieldError("hours", "expected >= 0, found -1"),
    errors.IctCompetenceError("anything"),
    errors.MissingExtraError("dask", "allocate_many on a cluster"),
    errors.MoveError(5, "an action is completed, not answered", "complete()"),
    errors.PlanError("plan.json: no allocation"),
    errors.RenderError("unknown format 'pdf'"),
    errors.RoadmapError(["step 3: a trap", "step 4: another"], [4, 3], source="eigen.toml"),
    errors.SerializationError(["$.a: expected a number", "$.b: missing"], source="x.json"),
    errors.UnknownCodeError("task", "T-99", ("T-01", "T-02")),
    errors.WorkbookError("expected a number", path="t.xlsx", sheet="Team", cell="C4"),
]


def test_the_pickle_examples_cover_every_error_class() -> None:
    assert sorted({type(error).__name__ for error in _ONE_OF_EACH}) == sorted(errors.__all__)


@pytest.mark.parametrize("error", _ONE_OF_EACH, ids=lambda error: type(error).__name__)
def test_every_error_pickles_with_its_message_attributes_and_notes(error) -> None:
    """An error raised in a worker process reaches the caller as it was raised."""
    error.add_note("in job 3 of allocate_many")

    again = pickle.loads(pickle.dumps(error))

    assert type(again) is type(error)
    assert str(again) == str(error)
    assert again.args == error.args
    assert vars(again) == vars(error)
    assert again.__notes__ == ["in job 3 of allocate_many"]
