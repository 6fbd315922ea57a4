"""The sample plan the renderers' tests share, built once per test module."""

from __future__ import annotations

import attrs
import pytest

from ict_competence.allocation import Team
from ict_competence.plan import SchoolPlan
from tests.renderers.samples import sample_plan


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> SchoolPlan:
    return sample_plan(tmp_path_factory.mktemp("plan"))


@pytest.fixture(scope="module")
def overloaded(plan: SchoolPlan) -> SchoolPlan:
    """The plan after p1's hours went from 300 to 200: the allocation now asks 150 % of them."""
    first, *others = plan.team.people
    return attrs.evolve(plan, team=Team((attrs.evolve(first, hours=200), *others)))
