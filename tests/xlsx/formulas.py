"""Overview workbooks with a formula whose value was computed (cached) as Excel saves it.

openpyxl writes a formula with an empty value; Excel and LibreOffice write the value they
computed beside it. These helpers put any cached text there, sound or damaged.
"""

from __future__ import annotations

import re
from pathlib import Path

from ict_competence.catalog import load_catalog
from ict_competence.xlsx import write_overview
from tests.hostile.books import rewrite
from tests.xlsx.conftest import edit

#: The overview sheet's part in a workbook the library wrote.
SHEET_PART = "xl/worksheets/sheet1.xml"


def with_cached_formula(
    path: Path, ref: str, formula: str, cached: str | None, *, kind: str | None = None
) -> Path:
    """The catalog's overview at ``path`` with ``=formula`` in ``ref`` of Takenoverzicht and
    the cached value ``cached`` (``None``: none), of type ``kind`` (``t="…"``, e.g. ``"str"``)."""
    write_overview(load_catalog().overview(), path)
    edit(path, lambda sheet: sheet.__setitem__(ref, f"={formula}"))
    typed = f' t="{kind}"' if kind else ""
    value = "" if cached is None else f"<v>{cached}</v>"

    def cache(data: bytes) -> bytes:
        cell = re.compile(rf'<c r="{ref}"[^>]*>.*?</c>'.encode())
        replacement = f'<c r="{ref}"{typed}><f>{formula}</f>{value}</c>'.encode()
        changed, count = cell.subn(lambda _match: replacement, data, count=1)
        assert count == 1, f"no cell {ref} in the sheet"
        return changed

    return rewrite(path, SHEET_PART, cache)
