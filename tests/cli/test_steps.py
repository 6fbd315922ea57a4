"""What the plan commands say about an allocation and the roadmap, in words."""

from __future__ import annotations

import attrs
import pytest

from ict_competence.cli._steps import quality
from tests.cli.helpers import year


@pytest.mark.parametrize(
    ("proven", "gap", "expected"),
    [
        (True, 0.0, "proven optimal"),
        (False, 0.0123, "within 1.23% of the optimum"),
        (False, None, "with no bound on how far from the optimum it is"),
    ],
)
def test_an_allocations_quality_is_said_whether_or_not_a_bound_is_known(proven, gap, expected):
    allocation = year().allocation
    assert allocation is not None

    assert quality(attrs.evolve(allocation, proven=proven, gap=gap)) == expected


def test_the_demos_report_takes_an_allocation_without_a_bound(tmp_path, capsys):
    from ict_competence.cli._demo import _report

    plan = year()
    assert plan.allocation is not None
    allocation = attrs.evolve(plan.allocation, proven=False, gap=None)
    plan = attrs.evolve(plan, allocation=allocation)

    _report(plan, 2, [], tmp_path)

    assert "with no bound on how far from the optimum it is." in capsys.readouterr().out
