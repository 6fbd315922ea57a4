"""What the command-line tests share: a plan file, and the check of a one-line refusal."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.plan.samples import group_plan
from tests.plan.strategies import small_school


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    """A small school's plan, saved, at roadmap step 1 without an allocation."""
    return small_school().save(tmp_path / "plan.json")


@pytest.fixture
def group_plan_file(tmp_path: Path) -> Path:
    """Three schools' plan whose optimal allocation runs HiGHS (the heuristic proves nothing)."""
    return group_plan().save(tmp_path / "group.json")
