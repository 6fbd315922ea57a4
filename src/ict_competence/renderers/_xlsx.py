"""The xlsx renderer: a task overview, a team, an allocation or a school plan as a workbook.

``render(obj, "xlsx")`` gives the bytes of an .xlsx file. The overview and the team are
the workbooks ``write_overview`` and ``write_team`` write, so they read back with
``read_overview`` and ``read_team``; a school plan's workbook holds both sheets too, with
the hours per person, a sheet per person, the RACI matrix and the action plan. openpyxl
loads when the first workbook is rendered, not when the registry lists the formats.
"""

from __future__ import annotations

from typing import ClassVar

from ict_competence.renderers._options import LANGUAGE, NAMES, Option, parse_options
from ict_competence.renderers._pages import find_page
from ict_competence.renderers._registry import unsupported
from ict_competence.text import Language

__all__ = ["MEDIA_TYPE", "XlsxRenderer"]

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class XlsxRenderer:
    """Renders a ``TaskOverview``, ``Team``, ``Allocation`` or ``SchoolPlan`` as a workbook.

    >>> from ict_competence import load_catalog
    >>> XlsxRenderer().render(load_catalog().overview())[:2]
    b'PK'
    """

    name = "xlsx"
    media_type = MEDIA_TYPE
    renders: ClassVar[tuple[str, ...]] = ("TaskOverview", "Team", "Allocation", "SchoolPlan")
    options: ClassVar[tuple[Option, ...]] = (LANGUAGE, NAMES)

    def render(self, obj: object, **options: object) -> bytes:
        """The workbook of ``obj``, as the bytes of an .xlsx file.

        Options: ``language`` (``"nl"``, the default, or ``"en"``) for the sheets the
        renderer adds (the overview and team sheets keep the Dutch layout their readers
        read back), and ``names`` (``True`` to show people by name and id, and the
        overview's notes; by default people by id only, and nothing the school typed
        about people appears anywhere in the workbook: no name, and the overview's
        responsible, back-up and notes columns hold none of the school's text, since a
        note may name someone).

        Raises:
            RenderError: an unknown option or value, or an object it does not render (the
                error lists the pairs that exist).
            WorkbookError: a text holds what no workbook cell can hold (a control
                character, or more than 32,767 characters); the error names where.
        """
        parsed = parse_options(self.name, self.options, options)
        page = find_page(obj)
        if page is None or page.type_name not in self.renders:
            raise unsupported(self.name, obj)
        language: Language = "en" if parsed["language"] == "en" else "nl"
        # openpyxl loads with the first workbook.
        from ict_competence.renderers import _plan_workbook, _sheet_tables  # noqa: PLC0415

        build = _plan_workbook.BUILDERS[page.type_name]
        return _sheet_tables.to_bytes(build(obj, language, parsed["names"] is True))
