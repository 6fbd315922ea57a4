"""What the bad-input suite and the fuzz tests record, for the test gate's terminal summary.

Every hostile case is refused through :func:`refused`, which times it; every fuzz example
is counted by :func:`count_example`. ``tests/conftest.py`` prints both at the end of a run.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import TypeVar, overload

import pytest

from ict_competence.errors import IctCompetenceError

#: A generous guard against a hang, not a speed target (those are in benchmarks/).
GUARD_SECONDS = 5.0
#: The refusal time of each case, by test name.
TIMES: dict[str, float] = {}
#: Fuzz examples run, by target (``read_overview``, ``from_json(Team)``, …).
EXAMPLES: dict[str, int] = {}


def count_example(target: str) -> None:
    """Count one fuzz example fed to ``target``."""
    EXAMPLES[target] = EXAMPLES.get(target, 0) + 1


_E = TypeVar("_E", bound=IctCompetenceError)


@overload
def refused(call: Callable[[], object], *, match: str | None = None) -> IctCompetenceError: ...


@overload
def refused(call: Callable[[], object], error: type[_E], match: str | None = None) -> _E: ...


def refused(
    call: Callable[[], object],
    error: type[IctCompetenceError] = IctCompetenceError,
    match: str | None = None,
) -> IctCompetenceError:
    """Run ``call``, check it raises ``error`` (matching ``match``) in time; return the error."""
    started = time.perf_counter()
    with pytest.raises(error, match=match) as caught:
        call()
    elapsed = time.perf_counter() - started
    TIMES[_current_test()] = elapsed
    assert elapsed < GUARD_SECONDS
    return caught.value


def _current_test() -> str:
    # "tests/hostile/test_json.py::test_name[param] (call)" → "test_name[param]"
    return os.environ.get("PYTEST_CURRENT_TEST", "?").rsplit(" (", 1)[0].split("::")[-1]
