"""Workbooks a school leader fills in, the task overview and the team, and reading them back safely.

openpyxl is imported only when a workbook is actually read or written, so that
``import ict_competence`` stays fast.
"""

from ict_competence.errors import WorkbookError
from ict_competence.xlsx._overview import read_overview, write_overview
from ict_competence.xlsx._team_workbook import read_team, write_team

__all__ = [
    "WorkbookError",
    "read_overview",
    "read_team",
    "write_overview",
    "write_team",
]
