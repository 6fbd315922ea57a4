"""The action plan as records: one plain row per action, for pandas and other tools.

:meth:`ActionPlan.to_records` and :meth:`ActionPlan.to_dataframe` call these.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ict_competence._extras import Record, dataframe

if TYPE_CHECKING:
    from ict_competence.plan._actions import ActionPlan
    from ict_competence.text import Language

__all__ = ["ACTION_COLUMNS", "action_dataframe", "action_records"]

#: The keys of an action plan's records, in order.
ACTION_COLUMNS = (
    "source",
    "reference",
    "owner",
    "description",
    "timeframe",
    "hours",
    "success_criterion",
)


def action_records(actions: ActionPlan, *, language: Language = "nl") -> list[Record]:
    """One record per action, in order (see :meth:`ActionPlan.to_records`)."""
    return [
        {
            "source": action.source.value,
            "reference": action.reference,
            "owner": action.owner,
            "description": action.description.get(language),
            "timeframe": action.timeframe.get(language),
            "hours": None if action.hours is None else float(action.hours),
            "success_criterion": action.success_criterion.get(language),
        }
        for action in actions
    ]


def action_dataframe(actions: ActionPlan, *, language: Language = "nl") -> Any:  # noqa: ANN401 - a pandas.DataFrame; pandas has no types for mypy
    """The records of :func:`action_records` as a ``pandas.DataFrame``."""
    return dataframe(
        action_records(actions, language=language),
        ACTION_COLUMNS,
        feature="ActionPlan.to_dataframe()",
    )
