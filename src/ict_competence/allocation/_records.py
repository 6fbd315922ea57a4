"""A team, an allocation and its RACI matrix as records: plain rows for pandas and other tools.

``Team.to_records``, ``Allocation.to_records`` and ``RaciMatrix.to_records`` (and their
``to_dataframe`` twins) call these. A person's name is personal data: a team's records
hold it only when asked (``names=True``); their levels and motivation are in them, as the
records are the analyst's own copy of the team they hold.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ict_competence._checks import argument
from ict_competence._extras import Record, dataframe
from ict_competence.catalog import Cluster, Domain

if TYPE_CHECKING:
    from ict_competence.allocation._model import Team
    from ict_competence.allocation._readings import RaciRow
    from ict_competence.allocation._result import Allocation

__all__ = [
    "ALLOCATION_COLUMNS",
    "RACI_COLUMNS",
    "allocation_dataframe",
    "allocation_records",
    "raci_dataframe",
    "raci_records",
    "team_columns",
    "team_dataframe",
    "team_records",
]

#: The keys of an allocation's records, in order.
ALLOCATION_COLUMNS = (
    "key",
    "task",
    "school",
    "cluster",
    "domain",
    "strategic",
    "required_level",
    "hours",
    "backup_hours",
    "eligible",
    "primary",
    "backup",
    "decision",
)
#: The keys of a RACI matrix's records, in order.
RACI_COLUMNS = ("key", "responsible", "accountable", "consulted", "informed", "vacancy")
#: How a RACI cell with more than one party joins them.
PARTIES_SEPARATOR = ", "


def team_columns(*, names: bool = False) -> tuple[str, ...]:
    """The keys of a team's records, in order: ``name`` only with ``names=True``.

    >>> team_columns()[:4]
    ('id', 'school', 'hours', 'level_technical')
    >>> team_columns(names=True)[:2], team_columns()[-1]
    (('id', 'name'), 'motivation_policy')
    """
    return (
        "id",
        *(("name",) if names else ()),
        "school",
        "hours",
        *(f"level_{domain.value}" for domain in Domain),
        *(f"motivation_{cluster.value}" for cluster in Cluster),
    )


def team_records(team: Team, *, names: bool = False) -> list[Record]:
    """One record per person, in the team's order (see :meth:`Team.to_records`)."""
    argument("names", names, bool)  # a truthy "no" must not let names out
    records: list[Record] = []
    for person in team.people:
        record: Record = {"id": person.id}
        if names:
            record["name"] = person.name
        record |= {"school": person.school, "hours": float(person.hours)}
        record |= {f"level_{domain.value}": person.level(domain) for domain in Domain}
        record |= {
            f"motivation_{cluster.value}": person.motivation_for(cluster) for cluster in Cluster
        }
        records.append(record)
    return records


def allocation_records(allocation: Allocation) -> list[Record]:
    """One record per task instance, in order (see :meth:`Allocation.to_records`)."""
    records: list[Record] = []
    for info in allocation.instances:
        assignment = allocation.assignments.get(info.key)
        decision = allocation.decisions.get(info.key)
        records.append(
            {
                "key": info.key,
                "task": info.code,
                "school": info.school,
                "cluster": info.cluster.value,
                "domain": info.domain.value,
                "strategic": info.strategic,
                "required_level": info.required_level,
                "hours": float(info.hours),
                "backup_hours": float(info.backup_hours),
                "eligible": info.eligible,
                "primary": assignment.primary if assignment is not None else None,
                "backup": assignment.backup if assignment is not None else None,
                "decision": decision.kind.value if decision is not None else None,
            }
        )
    return records


def raci_records(rows: Iterable[RaciRow]) -> list[Record]:
    """One record per row of a RACI matrix (see :meth:`RaciMatrix.to_records`)."""
    return [
        {
            "key": row.key,
            "responsible": PARTIES_SEPARATOR.join(row.responsible),
            "accountable": row.accountable,
            "consulted": PARTIES_SEPARATOR.join(row.consulted),
            "informed": PARTIES_SEPARATOR.join(row.informed),
            "vacancy": row.vacancy,
        }
        for row in rows
    ]


def team_dataframe(team: Team, *, names: bool = False) -> Any:  # noqa: ANN401 - a DataFrame
    """The records of :func:`team_records` as a ``pandas.DataFrame``."""
    return dataframe(
        team_records(team, names=names),
        team_columns(names=names),
        feature="Team.to_dataframe()",
    )


def allocation_dataframe(allocation: Allocation) -> Any:  # noqa: ANN401 - a DataFrame
    """The records of :func:`allocation_records` as a ``pandas.DataFrame``."""
    return dataframe(
        allocation_records(allocation), ALLOCATION_COLUMNS, feature="Allocation.to_dataframe()"
    )


def raci_dataframe(rows: Iterable[RaciRow]) -> Any:  # noqa: ANN401 - a DataFrame
    """The records of :func:`raci_records` as a ``pandas.DataFrame``."""
    return dataframe(raci_records(rows), RACI_COLUMNS, feature="RaciMatrix.to_dataframe()")
