"""Formula injection: text a spreadsheet could take for a formula stays text in every workbook.

A text whose first visible character starts a formula (``=``, ``+``, ``-``, ``@`` or
their full-width forms) is inert in an .xlsx cell only as long as nothing trims it:
``" =1+1"`` or ``"\\n=3+3"`` becomes live once someone trims the cell or exports the
sheet to CSV. Every workbook the library writes stores such text with a quote prefix.
"""

from __future__ import annotations

import unicodedata

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from ict_competence.allocation import Team
from ict_competence.plan import SchoolPlan
from ict_competence.renderers import render
from ict_competence.xlsx import write_overview, write_team
from ict_competence.xlsx._write import _put
from tests.renderers.samples import RENDERED, every_object
from tests.renderers.workbooks import open_book

#: What starts a formula in Excel, LibreOffice or Google Sheets (also in full width).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def _blank(char: str) -> bool:
    """Whether a trim (or a reader that skips what it cannot see) drops ``char``."""
    return char.isspace() or unicodedata.category(char) in ("Cc", "Cf")


def _stripped(text: str) -> str:
    index = 0
    while index < len(text) and _blank(text[index]):
        index += 1
    return text[index:]


def _looks_like_a_formula(text: str) -> bool:
    return _stripped(text).startswith(FORMULA_PREFIXES)


_STORABLE = st.characters(exclude_categories=["Cs"]).filter(
    lambda c: ILLEGAL_CHARACTERS_RE.match(c) is None
)
#: Characters before the formula: spaces, tabs, line breaks, invisible format characters.
_LEADS = st.text(
    alphabet=st.sampled_from(" \t\n\r\x85\xa0\u2003\u2028\u200b\u200e\ufeff\u3000"),
    min_size=1,
    max_size=4,
)
_FORMULAS = st.builds(
    lambda lead, prefix, rest: lead + prefix + rest,
    _LEADS,
    st.sampled_from(FORMULA_PREFIXES),
    st.text(alphabet=_STORABLE, max_size=12),
)


def _risky_cells_not_quoted(book: Workbook) -> list[tuple[str, str, str]]:
    """Every cell whose text looks like a formula once stripped and is not stored as text."""
    return [
        (sheet.title, cell.coordinate, cell.value)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
        and _looks_like_a_formula(cell.value)
        and not (cell.data_type == "s" and cell.quotePrefix)
    ]


def _hostile(plan: SchoolPlan, texts: list[str]) -> SchoolPlan:
    """``plan`` with ``texts`` as its name, a person's name and an overview's people and note."""
    name, person, responsible, backup, note = texts
    first, *others = plan.team.people
    team = Team((attrs.evolve(first, name=person), *others), plan.team.schools)
    # A plan's overview names who takes a task that applies; one that does not (TECH-12 in
    # the sample) keeps who the school typed. Notes change nothing the allocation holds.
    overview = plan.overview.choose("TECH-02", notes=note).choose(
        "TECH-12", responsible=responsible, backup=backup, notes=note
    )
    return attrs.evolve(plan, name=name, team=team, overview=overview)


def test_the_reviewers_texts_are_stored_with_a_quote_prefix(plan):
    texts = [" =HYPERLINK(1)", " =1+1", "\n=3+3", "\t=2+2", "\u200b@SUM(1)"]
    plan = _hostile(plan, texts)

    book = open_book(render(plan, "xlsx", names=True))

    stored = {
        cell.value
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value in texts
    }
    assert stored == set(texts)
    assert _risky_cells_not_quoted(book) == []


@given(text=st.one_of(_FORMULAS, st.text(alphabet=_STORABLE, max_size=8)))
def test_the_cell_writer_quotes_exactly_what_is_a_formula_once_stripped(text):
    book = Workbook()
    sheet = book.active
    assert sheet is not None

    _put(sheet["A1"], text, where="test")

    assert sheet["A1"].value == text
    assert sheet["A1"].data_type == "s"
    assert sheet["A1"].quotePrefix == (_looks_like_a_formula(text) or text.startswith(("\t", "\r")))


@settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(texts=st.lists(_FORMULAS, min_size=5, max_size=5))
def test_text_that_is_a_formula_once_stripped_is_quoted_in_every_workbook(tmp_path, plan, texts):
    plan = _hostile(plan, texts)
    objects = every_object(plan)
    rendered = [(kind, True) for kind in RENDERED] + [("SchoolPlan", False)]
    books = [open_book(render(objects[kind], "xlsx", names=names)) for kind, names in rendered]
    books.append(open_book(write_overview(plan.overview, tmp_path / "o.xlsx").read_bytes()))
    books.append(open_book(write_team(plan.team, tmp_path / "t.xlsx").read_bytes()))

    assert [cell for book in books for cell in _risky_cells_not_quoted(book)] == []
    cells = [c for b in books for s in b.worksheets for r in s.iter_rows() for c in r]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    # Each text reached a cell (a file holds a line break as LF: XML reads CR as LF).
    shown = {c.value for c in cells if isinstance(c.value, str)}
    assert [t for t in texts if t.replace("\r\n", "\n").replace("\r", "\n") not in shown] == []
