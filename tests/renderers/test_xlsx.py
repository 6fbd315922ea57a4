"""The xlsx format: an overview, a team, an allocation and a school plan as workbooks."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

import ict_competence as ic
from ict_competence.allocation import Team
from ict_competence.catalog import Cluster, TaskOverview
from ict_competence.plan import SchoolPlan
from ict_competence.renderers import RenderError, render
from ict_competence.renderers._sheet_tables import (
    HOURS,
    PERCENT,
    Value,
    facts,
)
from ict_competence.xlsx import read_overview, read_team
from tests.allocation.strategies import make_overview, make_person, make_task, teams
from tests.renderers.samples import RENDERED, every_object
from tests.renderers.workbooks import every_cell, open_book

FORMULA_STARTS = ("=", "+", "-", "@")


def _write(tmp_path: Path, data: bytes, name: str = "book.xlsx") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _without_names(team: Team) -> Team:
    return Team(tuple(attrs.evolve(p, name=None) for p in team.people), team.schools)


def _without_people(overview: TaskOverview) -> TaskOverview:
    """The overview without what the school typed about people: holders and notes."""
    choices = tuple(attrs.evolve(c, responsible="", backup="", notes="") for c in overview)
    return attrs.evolve(overview, choices=choices)


# -- what renders, and what does not ---------------------------------------------------------


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("kind", RENDERED)
def test_each_type_renders_to_the_bytes_of_a_workbook_openpyxl_opens(plan, kind, language):
    data = render(every_object(plan)[kind], "xlsx", language=language)

    assert isinstance(data, bytes)
    assert data[:2] == b"PK"
    book = open_book(data)
    assert book.sheetnames
    assert book.active is not None
    assert book.active.sheet_state == "visible"
    assert [s.title for s in book.worksheets if s.sheet_view.tabSelected] == [book.active.title]


def test_the_sheets_of_each_workbook(plan):
    objects = every_object(plan)
    sheets = {kind: open_book(render(objects[kind], "xlsx")).sheetnames for kind in RENDERED}

    assert sheets["TaskOverview"] == ["Takenoverzicht", "Uitleg", "Rollen", "Gegevens"]
    assert sheets["Team"] == ["Team", "Scholen", "Uitleg"]
    assert sheets["Allocation"] == ["Toewijzingen", "Uren per persoon"]
    assert sheets["SchoolPlan"] == [
        "Samenvatting",
        "Takenoverzicht",
        "Team",
        "Uren per persoon",
        "RACI-matrix",
        "Actieplan",
        "p1",
        "p2",
        "Scholen",
        "Gegevens",
    ]
    english = open_book(render(plan, "xlsx", language="en")).sheetnames
    assert english[:6] == [
        "Summary",
        "Takenoverzicht",
        "Team",
        "Hours per person",
        "RACI matrix",
        "Action plan",
    ]


@pytest.mark.parametrize("kind", ["Catalog", "Roadmap", "Evaluation", "ActionPlan", "Dialogue"])
def test_any_other_type_is_refused_with_the_pairs_that_exist(plan, kind):
    obj = every_object(plan).get(kind, 42)

    with pytest.raises(RenderError) as caught:
        render(obj, "xlsx")

    assert "xlsx: Allocation, SchoolPlan, TaskOverview, Team" in str(caught.value)


@pytest.mark.parametrize(
    ("options", "named"),
    [
        ({"template_dir": "."}, "template_dir"),
        ({"language": "fr"}, "language"),
        ({"names": 1}, "names"),
    ],
)
def test_an_option_it_does_not_take_is_refused_by_name(plan, options, named):
    with pytest.raises(RenderError, match=named):
        render(plan.team, "xlsx", **options)


def test_render_types_a_workbook_as_bytes_and_a_page_as_text(plan):
    # mypy checks these annotations against the overloads of render.
    workbook: bytes = render(plan, "xlsx")
    page: str = render(plan, "html")
    through_the_top: bytes = ic.render(plan.team, "xlsx")

    assert isinstance(workbook, bytes)
    assert isinstance(page, str)
    assert isinstance(through_the_top, bytes)
    assert "xlsx" in ic.available_formats()


def test_a_renderer_that_replaces_a_text_format_with_bytes_is_refused(monkeypatch):
    from ict_competence.renderers import _registry

    class Bytes:
        name, media_type = "html", "text/html"

        def render(self, obj: object, **options: object) -> bytes:
            return b"<p>"

    _registry._load_builtin_and_plugins()
    monkeypatch.setattr(_registry, "_REGISTRY", dict(_registry._REGISTRY))
    _registry.register(Bytes(), replace=True)

    with pytest.raises(RenderError, match="returned bytes, not text"):
        render(ic.Team(()), "html")


# -- the overview and the team read back -----------------------------------------------------


def test_the_overview_workbook_reads_back_with_its_people_only_with_names(plan, tmp_path):
    overview = plan.overview.choose("TECH-02", responsible="Bram", backup="=Ann")
    catalog = ic.load_catalog()

    named = read_overview(_write(tmp_path, render(overview, "xlsx", names=True)), catalog=catalog)
    plain = read_overview(_write(tmp_path, render(overview, "xlsx")), catalog=catalog)

    assert named == overview
    assert plain == _without_people(overview)


_NAMES = st.text(
    alphabet=st.sampled_from("abcdeéëijkxyz ABC-'=+@\u00a0ç"), min_size=1, max_size=20
).filter(str.strip)


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(team=teams(max_people=6), names=st.lists(_NAMES, min_size=6, max_size=6))
def test_any_team_reads_back_from_its_workbook(tmp_path, team, names):
    named = Team(
        tuple(attrs.evolve(p, name=n) for p, n in zip(team.people, names, strict=False)),
        team.schools,
    )

    assert read_team(_write(tmp_path, render(named, "xlsx", names=True))) == named
    assert read_team(_write(tmp_path, render(named, "xlsx"))) == _without_names(named)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_plans_overview_names_who_takes_each_task_from_its_allocation(plan, tmp_path, language):
    # The overview keeps its Dutch layout in either language: rekruteren, uitbesteden.
    path = _write(tmp_path, render(plan, "xlsx", language=language))

    overview = read_overview(path)  # its own task is defined in the workbook

    assert plan.allocation is not None
    assert read_team(path) == _without_names(plan.team)
    for choice in plan.overview:
        key = choice.code
        assignment = plan.allocation.assignments.get(key)
        decision = plan.allocation.decisions.get(key)
        if assignment is not None:
            holders = (assignment.primary, assignment.backup or "")
        elif decision is not None:
            holders = (
                {"recruit": "rekruteren", "outsource": "uitbesteden"}[decision.kind.value],
                "",
            )
        else:  # a task that does not apply: nobody, and no name the school typed
            holders = ("", "")
        # Without names the notes stay out too: a note may name someone.
        expected = attrs.evolve(choice, responsible=holders[0], backup=holders[1], notes="")
        assert overview.choice(key) == expected


def _group_plan() -> SchoolPlan:
    overview = make_overview(
        make_task("T-00", hours=20), make_task("T-01", Cluster.POLICY, hours=10), group=("T-01",)
    )
    team = Team(
        (
            make_person("n1", school="Noord", level=3),
            make_person("n2", school="Noord", level=3),
            make_person("z1", school="Zuid", level=3),
            make_person("g1", level=3),
        ),
        ("Noord", "Zuid"),
    )
    return SchoolPlan(name="Scholengroep", overview=overview, team=team).allocate()


def test_in_a_school_group_each_schools_holder_is_named_with_the_school(tmp_path):
    group = _group_plan()
    assert group.allocation is not None
    path = _write(tmp_path, render(group, "xlsx"))

    overview = read_overview(path)
    book = open_book(path.read_bytes())

    north = group.allocation.assignments["Noord:T-00"]
    south = group.allocation.assignments["Zuid:T-00"]
    assert overview.choice("T-00").responsible == f"Noord: {north.primary}; Zuid: {south.primary}"
    assert overview.choice("T-01").responsible == group.allocation.assignments["T-01"].primary
    assert read_team(path) == group.team
    holders = book["Takenoverzicht"]["H2"]
    assert holders.alignment.wrap_text  # one holder per school: the column wraps
    assert book["Takenoverzicht"].column_dimensions["H"].width == 40
    assert "Scholen" in book.sheetnames
    assert book["Scholen"].sheet_state == "visible"


# -- what the plan's own sheets show ---------------------------------------------------------


def _row(sheet: Worksheet, first: str) -> int:
    """The number of the row whose first cell holds ``first``."""
    return next(
        number
        for number, (value,) in enumerate(sheet.iter_rows(max_col=1, values_only=True), 1)
        if value == first
    )


@pytest.mark.parametrize(
    ("language", "hours", "uncovered", "spof"),
    [
        (
            "nl",
            "460 van de 2.250 uur die de taken vragen",
            "35 taken, samen 1.790 uur: te rekruteren of uit te besteden"
            " (zie het blad RACI-matrix)",
            "(zie de kolom Back-up op het blad Takenoverzicht)",
        ),
        (
            "en",
            "460 of the 2,250 hours the tasks need",
            "35 tasks, 1,790 hours in all: to recruit or outsource (see the sheet RACI matrix)",
            "(see the column Back-up on the sheet Takenoverzicht)",
        ),
    ],
)
def test_the_summary_sets_the_teams_hours_against_the_tasks_and_points_to_the_sheets(
    plan, language, hours, uncovered, spof
):
    assert plan.allocation is not None
    evaluation = plan.evaluate()
    sheet = open_book(render(plan, "xlsx", language=language)).worksheets[0]
    facts = {row[0]: row[1] for row in sheet.iter_rows(max_col=2, values_only=True) if row[0]}
    words = {
        "nl": ("Uren van het team", "Niet gedekt", "Zonder back-up (single point of failure)"),
        "en": ("Hours the team has", "Not covered", "Without a back-up (single point of failure)"),
    }[language]

    assert sum(p.hours for p in plan.team.people) == 460
    assert len(evaluation.uncovered) == 35
    missing = [i.hours for i in plan.allocation.instances if i.key in evaluation.uncovered]
    assert sum(missing) == 1790
    assert facts[words[0]] == hours
    assert facts[words[1]] == uncovered
    assert str(facts[words[2]]).startswith(f"{len(evaluation.single_points_of_failure)} ")
    assert str(facts[words[2]]).endswith(spof)


def test_a_school_groups_summary_counts_the_hours_of_each_schools_tasks():
    group = _group_plan()  # T-00 (20 hours) in each of two schools, T-01 (10) once
    sheet = open_book(render(group, "xlsx")).worksheets[0]
    facts = {row[0]: row[1] for row in sheet.iter_rows(max_col=2, values_only=True) if row[0]}

    assert facts["Uren van de taken die van toepassing zijn"] == 30
    assert (
        facts["Uren van het team"] == "160 van de 50 uur die de taken in de 2 scholen samen vragen"
    )


def test_hours_over_100_percent_are_filled_and_say_so_in_a_word(overloaded):
    book = open_book(render(overloaded, "xlsx"))
    loads = book["Uren per persoon"]
    over, fine = _row(loads, "p1"), _row(loads, "p2")

    assert loads.cell(over, 5).value == "Overbelast"
    assert loads.cell(fine, 5).value is None
    for column in (2, 4, 5):
        assert loads.cell(over, column).fill.fgColor.rgb.endswith("F4B6B6")
        assert loads.cell(fine, column).fill.fill_type is None
    assert loads.cell(over, 4).value == pytest.approx(1.5)
    person = book["p1"]
    used = _row(person, "Uren ingezet")
    assert person.cell(used, 2).value == pytest.approx(300)
    assert person.cell(used, 3).value == "Overbelast"
    assert person.cell(used, 2).fill.fgColor.rgb.endswith("F4B6B6")
    assert book["p2"].cell(_row(book["p2"], "Uren ingezet"), 3).value is None
    english = open_book(render(overloaded, "xlsx", language="en"))["Hours per person"]
    assert english.cell(over, 5).value == "Overloaded"


def test_a_person_sheet_lists_the_tasks_they_take_and_their_hours(plan):
    assert plan.allocation is not None
    sheet = open_book(render(plan, "xlsx"))["p2"]
    header = _row(sheet, "Code")

    rows = [
        (row[0].value, row[3].value, row[4].value)
        for row in sheet.iter_rows(min_row=header + 1)
        if row[0].value
    ]

    expected = [
        (
            info.key,
            "Uitvoerder" if a.primary == "p2" else "Back-up",
            info.hours if a.primary == "p2" else info.backup_hours,
        )
        for info in plan.allocation.instances
        if (a := plan.allocation.assignments.get(info.key)) is not None
        and "p2" in (a.primary, a.backup)
    ]
    assert rows == expected
    assert sheet.cell(_row(sheet, "Uren ingezet"), 2).value == pytest.approx(
        plan.allocation.load["p2"]
    )
    assert sheet.freeze_panes == f"B{header + 1}"
    assert sheet.auto_filter.ref.startswith(f"A{header}:")


def test_facts_give_the_row_of_each_label_to_mark_a_value_by():
    sheet = Workbook().active
    assert sheet is not None
    pairs: list[tuple[str, Value, str | None]] = [
        ("Naam", "p1", None),
        ("School", "Noord", None),
        ("Uren", 30.0, HOURS),
        ("Aandeel", 1.5, PERCENT),
    ]

    rows = facts(sheet, pairs, place="test", widths=(18, 56))

    assert rows == {"Naam": 1, "School": 2, "Uren": 3, "Aandeel": 4}
    assert sheet.cell(rows["Uren"], 2).value == 30.0
    assert sheet.cell(rows["Aandeel"], 2).number_format == "0%"


def test_a_team_too_large_for_a_sheet_each_gets_one_sheet_of_tasks_by_person(
    overloaded, monkeypatch
):
    allocation = overloaded.allocation
    assert allocation is not None
    monkeypatch.setattr("ict_competence.renderers._plan_workbook.SHEET_PER_PERSON_UP_TO", 1)
    book = open_book(render(overloaded, "xlsx"))

    assert not {"p1", "p2"} & set(book.sheetnames)
    sheet = book["Taken per persoon"]
    rows = [tuple(cell.value for cell in row) for row in sheet.iter_rows(min_row=2)]
    expected = [
        (person, info.key, "Uitvoerder" if a.primary == person else "Back-up")
        for person in ("p1", "p2")
        for info in allocation.instances
        if (a := allocation.assignments.get(info.key)) is not None
        and person in (a.primary, a.backup)
    ]
    assert [(r[0], r[1], r[4]) for r in rows if r[0] in ("p1", "p2")] == expected
    for number, row in enumerate(rows, start=2):
        over = row[0] == "p1"  # p1 has 150 % of their hours
        assert row[6] == ("Overbelast" if over else None)
        assert sheet.cell(number, 1).fill.fgColor.rgb.endswith("F4B6B6") == over
    assert sheet.auto_filter.ref.startswith("A1:")


def test_the_raci_matrix_and_the_action_plan_have_a_row_each(plan):
    assert plan.allocation is not None
    book = open_book(render(plan, "xlsx", language="en"))
    raci = book["RACI matrix"]
    actions = book["Action plan"]

    assert [row[0].value for row in raci.iter_rows(min_row=2)] == [
        r.key for r in plan.allocation.raci()
    ]
    assert [c.value for c in raci[1]] == [
        "Code",
        "Task",
        "Responsible (R)",
        "Accountable (A)",
        "Consulted (C)",
        "Informed (I)",
    ]
    assert any("(to recruit)" in str(row[2].value) for row in raci.iter_rows(min_row=2))
    assert actions.max_row == len(plan.action_plan()) + 1
    for sheet in (raci, actions):
        assert sheet.freeze_panes == "B2"
        assert sheet.auto_filter.ref is not None
        assert all(cell.font.b for cell in sheet[1])
        assert sheet.print_title_rows == "$1:$1"


def test_a_plan_without_an_allocation_has_no_sheets_of_hours(tmp_path):
    plan = SchoolPlan(name="Nieuw", overview=ic.load_catalog().overview(), team=_group_plan().team)

    book = open_book(render(plan, "xlsx"))

    assert book.sheetnames == [
        "Samenvatting",
        "Takenoverzicht",
        "Team",
        "Scholen",
        "Actieplan",
        "Gegevens",
    ]


def test_the_workbooks_hold_no_macro_and_no_link_to_elsewhere(plan, tmp_path):
    import zipfile

    for kind in RENDERED:
        data = render(every_object(plan)[kind], "xlsx", names=True)
        with zipfile.ZipFile(_write(tmp_path, data)) as archive:
            names = archive.namelist()
            text = "".join(archive.read(n).decode("utf-8", "replace") for n in names)
        assert not [n for n in names if "vba" in n.lower() or "externalLink" in n]
        assert 'TargetMode="External"' not in text


# -- personal data and hostile text ----------------------------------------------------------


def _named_plan(plan: SchoolPlan) -> SchoolPlan:
    """The sample plan with names the school typed in the overview's people columns and notes."""
    overview = (
        plan.overview.choose("TECH-12", responsible="Bram", backup="Ann")
        .choose("POL-02", responsible="Bram Zevenbergen")
        .choose("PED-01", notes="Bram Zevenbergen neemt dit op")
        .choose("TECH-12", notes="Ann vraagt het na")  # a task that does not apply
    )
    return attrs.evolve(plan, overview=overview)


@pytest.mark.parametrize("kind", RENDERED)
def test_no_name_is_in_any_cell_or_sheet_title_without_names(plan, kind):
    named = _named_plan(plan)
    obj = named if kind == "SchoolPlan" else every_object(named)[kind]
    words = ("Ann", "Bram")

    hidden = list(every_cell(open_book(render(obj, "xlsx"))))
    shown = list(every_cell(open_book(render(obj, "xlsx", names=True))))

    assert [(s, ref) for s, ref, value in hidden if any(w in str(value) for w in words)] == []
    if kind != "Allocation":  # an allocation knows people by id only
        assert [ref for _, ref, value in shown if "Bram" in str(value)]
    if kind in ("TaskOverview", "SchoolPlan"):  # notes only with names
        assert [ref for _, ref, value in shown if value == "Bram Zevenbergen neemt dit op"]


def test_with_names_a_person_sheet_is_titled_by_name_and_id(overloaded):
    book = open_book(render(overloaded, "xlsx", names=True))

    assert "Bram (p2)" in book.sheetnames
    assert "Ann <script>alert(1)<_scri (p1)" in book.sheetnames  # 31 characters, no '/'
    assert book["Team"]["B3"].value == "Bram"


def _hostile_plan(plan: SchoolPlan) -> SchoolPlan:
    first, *others = plan.team.people
    team = Team((attrs.evolve(first, name='=HYPERLINK("http://x")'), *others))
    overview = plan.overview.choose("TECH-01", notes="@SUM(1+1)").choose(
        "TECH-02", responsible="-2+3"
    )
    return attrs.evolve(plan, name="=1+1", team=team, overview=overview)


@pytest.mark.parametrize("names", [False, True])
def test_text_that_looks_like_a_formula_stays_text_in_every_cell(plan, names):
    book = open_book(render(_hostile_plan(plan), "xlsx", names=names))

    risky = [
        (sheet.title, cell)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS)
    ]

    # The note is shown only with names (a note may name someone).
    assert {cell.value for _, cell in risky} >= ({"=1+1", "@SUM(1+1)"} if names else {"=1+1"})
    assert all(cell.data_type == "s" and cell.quotePrefix for _, cell in risky), risky
    assert not [c for s in book.worksheets for r in s.iter_rows() for c in r if c.data_type == "f"]
