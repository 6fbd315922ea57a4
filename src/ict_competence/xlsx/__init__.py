"""Task-overview workbooks: write one a school leader fills in, read it back safely.

openpyxl is imported only when a workbook is actually read or written, so that
``import ict_competence`` stays fast.
"""

from ict_competence.errors import WorkbookError
from ict_competence.xlsx._overview import read_overview, write_overview

__all__ = ["WorkbookError", "read_overview", "write_overview"]
