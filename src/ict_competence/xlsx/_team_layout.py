"""The team workbook's layout: one row per person under the overview workbook's Dutch labels."""

from __future__ import annotations

import attrs

from ict_competence.catalog import Cluster, Domain

TEAM_SHEET = "Team"
SCHOOLS_SHEET = "Scholen"
TEAM_HELP_SHEET = "Uitleg"


@attrs.frozen
class TeamColumn:
    """One column of the team sheet: what it holds, its Dutch title, and its width.

    Attributes:
        key: ``id``, ``name``, ``school``, ``hours``, ``level`` or ``motivation``.
        header: the title in the header row.
        width: the column's width in characters.
        domain: the competence domain of a ``level`` column.
        cluster: the task cluster of a ``motivation`` column.
        required: whether a workbook without this column is refused.
    """

    key: str
    header: str
    width: float
    domain: Domain | None = None
    cluster: Cluster | None = None
    required: bool = True


TEAM_COLUMNS = (
    TeamColumn("id", "ID", 12),
    TeamColumn("name", "Naam", 24, required=False),
    TeamColumn("school", "School", 18, required=False),
    TeamColumn("hours", "Uren per jaar", 13),
    *(TeamColumn("level", f"Niveau {d.label.nl}", 14, domain=d) for d in Domain),
    *(TeamColumn("motivation", f"Motivatie {c.label.nl}", 14, cluster=c) for c in Cluster),
)

TEAM_HELP = (
    "ICT-team",
    "",
    "Eén rij per persoon die taken van ICT-coördinatie kan opnemen.",
    "ID: een vaste code per persoon (bijvoorbeeld p01); de verdeling verwijst ernaar.",
    "Naam: mag leeg blijven. Namen zijn persoonsgegevens en worden nergens anders getoond.",
    "School: de school waar de persoon werkt (zie het blad Scholen); leeg voor wie voor de "
    "hele scholengroep werkt.",
    "Uren per jaar: de uren die de persoon per jaar voor ICT-coördinatie heeft.",
    "Niveau per domein: 0 geen, 1 basis, 2 bekwaam, 3 expert.",
    "Motivatie per cluster: 0 niet bereid, 1 bereid, 2 gemotiveerd, 3 zeer gemotiveerd.",
    "",
    "English: one row per person. Niveau = competence level per domain (0-3); Motivatie = "
    "motivation per task cluster (0-3); Uren per jaar = hours a year.",
)
