"""The task overview as records: one plain row per task choice, for pandas and other tools.

:meth:`TaskOverview.to_records` and :meth:`TaskOverview.to_dataframe` call these.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ict_competence._checks import argument
from ict_competence._extras import Record, dataframe

if TYPE_CHECKING:
    from ict_competence.catalog._overview import TaskOverview
    from ict_competence.text import Language

__all__ = ["overview_columns", "overview_dataframe", "overview_records"]

_COLUMNS = (
    "code",
    "description",
    "cluster",
    "domain",
    "strategic",
    "required_level",
    "applies",
    "active",
    "horizon",
    "scope",
    "hours",
)
#: What the school wrote as responsible, back-up and notes: names and notes about people,
#: so only with ``names=True``.
_NAMED = ("responsible", "backup", "notes")


def overview_columns(*, names: bool = False) -> tuple[str, ...]:
    """The keys of each record, in order.

    >>> overview_columns()[:4], overview_columns(names=True)[-3:]
    (('code', 'description', 'cluster', 'domain'), ('responsible', 'backup', 'notes'))
    """
    return _COLUMNS + _NAMED if names else _COLUMNS


def overview_records(
    overview: TaskOverview, *, names: bool = False, language: Language = "nl"
) -> list[Record]:
    """One record per task choice, in the overview's order (see :meth:`TaskOverview.to_records`)."""
    argument("names", names, bool)  # a truthy "no" must not let names out
    records: list[Record] = []
    for choice in overview.choices:
        task = choice.task
        record: Record = {
            "code": choice.code,
            "description": task.description.get(language),
            "cluster": task.cluster.value,
            "domain": task.domain.value,
            "strategic": task.strategic,
            "required_level": task.required_level,
            "applies": choice.applies,
            "active": choice.active,
            "horizon": choice.horizon.value,
            "scope": choice.scope.value,
            "hours": float(choice.hours_per_year),
        }
        if names:
            record |= {
                "responsible": choice.responsible,
                "backup": choice.backup,
                "notes": choice.notes,
            }
        records.append(record)
    return records


def overview_dataframe(
    overview: TaskOverview, *, names: bool = False, language: Language = "nl"
) -> Any:  # noqa: ANN401 - a pandas.DataFrame; pandas has no types for mypy
    """The records of :func:`overview_records` as a ``pandas.DataFrame``."""
    return dataframe(
        overview_records(overview, names=names, language=language),
        overview_columns(names=names),
        feature="TaskOverview.to_dataframe()",
    )
