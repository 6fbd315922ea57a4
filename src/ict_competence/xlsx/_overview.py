"""Reading and writing a task overview as a workbook; openpyxl is imported only when one is.

Importing this module costs nothing of openpyxl, so that ``import ict_competence`` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ict_competence._checks import argument, path_argument

if TYPE_CHECKING:
    from ict_competence.catalog import Catalog, TaskOverview

__all__ = ["read_overview", "write_overview"]


def write_overview(
    overview: TaskOverview, path: str | Path, *, catalog: Catalog | None = None
) -> Path:
    """Write ``overview`` as a workbook a school leader can tailor in Excel or LibreOffice.

    The sheet "Takenoverzicht" has one row per task with the columns Code, Cluster,
    Omschrijving, Kerntaak, Van toepassing, Termijn, Niveau, Verantwoordelijke,
    Back-up, Uren per jaar and Opmerkingen, a frozen header, an autofilter and
    drop-down lists on the choice columns. "Uitleg" explains how to fill it in,
    "Rollen" lists the roles of ``catalog`` (the built-in one by default), and a
    hidden sheet keeps each task's full definition so that reading the file back
    loses nothing. Text that a spreadsheet would take for a formula (starting with
    ``=``, ``+``, ``-`` or ``@``) is stored as text. The file is written to a temporary
    name first and then moved into place, so an existing file survives a failure.

    Returns:
        The path written.

    >>> import tempfile, pathlib
    >>> from ict_competence import load_catalog
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> overview = load_catalog().overview().choose("TECH-01", notes="=niet uitvoeren")
    >>> written = write_overview(overview, folder / "takenoverzicht.xlsx")
    >>> read_overview(written) == overview
    True
    """
    from ict_competence.catalog import Catalog, TaskOverview  # noqa: PLC0415 - import time
    from ict_competence.xlsx._write import write  # noqa: PLC0415 - keeps openpyxl lazy

    argument("overview", overview, TaskOverview)
    argument("catalog", catalog, Catalog, type(None))
    return write(overview, path_argument(path), catalog=catalog)


def read_overview(path: str | Path, *, catalog: Catalog | None = None) -> TaskOverview:
    """Read a task overview from a workbook written by :func:`write_overview` and edited by hand.

    Rows may be reordered, blank rows left in, numbers typed as text (``"12,5"``),
    "Van toepassing" written as ``ja``/``nee``, TRUE/FALSE or 1/0, and a school's own
    tasks added as rows with a code of their own. Tasks the file does not define
    are looked up in ``catalog`` (the built-in one by default).

    The file may also be a copy saved as an OpenDocument spreadsheet (.ods) or a legacy
    Excel workbook (.xls), read with the optional extra ``calamine``; its kind is told
    from its content. What the reading decided without refusing (a deleted row read as
    not applying, cells right of the columns read) is in the overview's ``warnings``.

    Raises:
        WorkbookError: the file is not a workbook (or not of the kind its name says), is
            hostile (a zip bomb, XML entity declarations, a far-away cell), or a cell
            holds something unexpected; the message names the file, sheet and cell and
            what was expected.
        MissingExtraError: an .ods or .xls file, and the extra ``calamine`` is not
            installed; the message gives the ``pip install`` line.
    """
    from ict_competence.catalog import Catalog  # noqa: PLC0415 - import time
    from ict_competence.xlsx._read import read  # noqa: PLC0415 - keeps openpyxl lazy

    argument("catalog", catalog, Catalog, type(None))
    return read(path_argument(path), catalog=catalog)
