"""The workbook's layout and its Dutch vocabulary, shared by the writer and the reader."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import TypeVar

import attrs

from ict_competence.catalog import Cluster, Horizon, Scope

OVERVIEW_SHEET = "Takenoverzicht"
HELP_SHEET = "Uitleg"
ROLES_SHEET = "Rollen"
DATA_SHEET = "Gegevens"

#: Rows and columns a real overview stays far below; anything beyond is refused as hostile.
MAX_ROWS = 5000
MAX_COLUMNS = 60
#: The most characters a spreadsheet cell holds (openpyxl would cut the rest off silently).
CELL_LIMIT = 32_767


@attrs.frozen
class Column:
    """One column of the overview sheet."""

    key: str
    header: str
    width: float
    choices: tuple[str, ...] = ()


COLUMNS = (
    Column("code", "Code", 11),
    Column("cluster", "Cluster", 22, tuple(cluster.label.nl for cluster in Cluster)),
    Column("description", "Omschrijving", 70),
    Column("strategic", "Kerntaak", 10, ("ja", "nee")),
    Column("applies", "Van toepassing", 15, ("ja", "nee")),
    Column("horizon", "Termijn", 15, tuple(horizon.label.nl for horizon in Horizon)),
    Column("scope", "Niveau", 14, (Scope.SCHOOL.label.nl, Scope.SCHOOL_GROUP.label.nl)),
    Column("responsible", "Verantwoordelijke", 22),
    Column("backup", "Back-up", 22),
    Column("hours", "Uren per jaar", 13),
    Column("notes", "Opmerkingen", 40),
)

_E = TypeVar("_E", bound=enum.Enum)


def _vocabulary(pairs: Mapping[_E, tuple[str, ...]]) -> dict[str, _E]:
    return {word.casefold(): member for member, words in pairs.items() for word in words}


YES_NO = {
    **dict.fromkeys(("ja", "j", "yes", "y", "true", "waar", "1", "x"), True),
    **dict.fromkeys(("nee", "n", "no", "false", "onwaar", "0"), False),
}
CLUSTERS = _vocabulary(
    {cluster: (cluster.label.nl, cluster.label.en, cluster.value) for cluster in Cluster}
    # seed 003's task table abbreviates the pedagogical cluster
    | {Cluster.PEDAGOGICAL: ("Pedagogisch-didactisch", "Ped.-didac.", "Pedagogical-didactic")}
)
HORIZONS = _vocabulary(
    {horizon: (horizon.label.nl, horizon.label.en, horizon.value) for horizon in Horizon}
)
SCOPES = _vocabulary(
    {
        Scope.SCHOOL: ("school", "schoolniveau", "niveau school"),
        Scope.SCHOOL_GROUP: (
            "scholengroep",
            "scholengemeenschap",
            "niveau scholengroep",
            "school group",
            "school_group",
            "sg",
        ),
    }
)
