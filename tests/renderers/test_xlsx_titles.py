"""Sheet titles: valid whatever they are made from, unique, a person's id kept."""

from __future__ import annotations

import unicodedata

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from ict_competence.allocation import Person, Team
from ict_competence.catalog import Cluster, Domain
from ict_competence.plan import SchoolPlan
from ict_competence.renderers import render
from ict_competence.renderers._sheet_tables import TITLE_LIMIT, unique_title
from tests.allocation.strategies import make_overview, make_person, make_task
from tests.renderers.workbooks import open_book

#: Control, format and surrogate characters: Excel refuses a sheet title with one.
_HIDDEN = ("Cc", "Cf", "Cs")


def _valid_title(title: str) -> bool:
    """Whether Excel and LibreOffice take ``title`` as a sheet's name."""
    return (
        0 < len(title) <= TITLE_LIMIT
        and not set(title) & set("[]:*?/\\")
        and not title.startswith("'")
        and not title.endswith("'")
        and all(c == " " or not (c.isspace() or unicodedata.category(c) in _HIDDEN) for c in title)
    )


@given(st.lists(st.text(max_size=40), max_size=12))
def test_sheet_titles_are_valid_and_unique_whatever_they_are_made_from(wanted):
    taken = {"team", "takenoverzicht"}

    titles = [unique_title(title, taken) for title in wanted]

    assert len({t.casefold() for t in titles}) == len(titles)
    assert not {t.casefold() for t in titles} & {"team", "takenoverzicht", "history"}
    assert [title for title in titles if not _valid_title(title)] == []


_IDS = st.text(alphabet=st.sampled_from("abcxyz0123456789-_."), min_size=1, max_size=8)


@given(name=st.text(max_size=60), person=_IDS)
def test_a_title_of_name_and_id_cuts_the_name_and_keeps_the_id(name, person):
    taken: set[str] = set()

    first = unique_title(name, taken, keep=f" ({person})")
    second = unique_title(name, taken, keep=f" ({person})")

    assert _valid_title(first)
    assert _valid_title(second)
    assert first.endswith(f"({person})")
    assert second.endswith(f"({person}) (2)")


@settings(max_examples=10, deadline=None)
@given(name=st.text(min_size=1, max_size=40).filter(lambda n: not ILLEGAL_CHARACTERS_RE.search(n)))
def test_a_person_sheet_has_a_valid_title_with_their_id_whatever_their_name(name):
    person = make_person("p1", level=3)
    plan = SchoolPlan(
        name="Namen",
        overview=make_overview(make_task("T-00"), make_task("T-01")),
        team=Team((attrs.evolve(person, name=name),)),
    ).allocate()

    titles = open_book(render(plan, "xlsx", names=True)).sheetnames

    assert [title for title in titles if not _valid_title(title)] == []
    assert [title for title in titles if title.endswith("(p1)") or title == "p1"]


def test_people_whose_ids_make_the_same_title_get_sheets_of_their_own(tmp_path):
    people = [
        Person(
            id=pid, hours=50, levels=dict.fromkeys(Domain, 3), motivation=dict.fromkeys(Cluster, 2)
        )
        for pid in ("a/b", "a:b", "team", "x" * 40, "history")
    ]
    plan = SchoolPlan(
        name="Ids", overview=make_overview(make_task("T-00"), make_task("T-01")), team=Team(people)
    ).allocate()

    sheets = open_book(render(plan, "xlsx")).sheetnames

    assert sheets[6:11] == ["a_b", "a_b (2)", "team (2)", "x" * 31, "history (2)"]
