"""``ict-competence demo``: a sample school group taken through a year with its plan."""

from __future__ import annotations

import argparse
from pathlib import Path

from ict_competence.allocation import Person, Team
from ict_competence.catalog import (
    Cluster,
    Domain,
    Horizon,
    SchoolType,
    Scope,
    TaskOverview,
    load_catalog,
)
from ict_competence.cli._common import (
    Subcommands,
    add_command,
    add_force,
    refuse_existing,
    write_file,
)
from ict_competence.cli._personal import output_mode
from ict_competence.cli._steps import quality
from ict_competence.cli._workbooks import write_overview
from ict_competence.dialogue import conversation_guide
from ict_competence.errors import IctCompetenceError
from ict_competence.flow import RoadmapSession, to_dot, to_mermaid
from ict_competence.plan import SchoolPlan

__all__ = ["DEMO_FILES", "register"]

#: The files the demo writes into its folder, in the order it lists them.
DEMO_FILES = (
    "team.xlsx",
    "schoolplan.json",
    "stappenplan.mmd",
    "stappenplan.dot",
    "stappenplan.html",
    "gespreksleidraad.json",
    "gespreksleidraad.html",
    "catalog.html",
    "catalog.case.json",
    "takenoverzicht.html",
    "taakverdeling.md",
    "taakverdeling.html",
    "actieplan.json",
    "evaluatie.json",
    "catalog.nl.md",
    "catalog.en.md",
    "takenoverzicht.md",
    "takenoverzicht.xlsx",
)


def _sample_overview() -> TaskOverview:
    """A school group's overview tailored in step 5: a few tasks pooled, one dropped."""
    overview = load_catalog().overview(school_type=SchoolType.SECONDARY_GENERAL)
    pooled = ("TECH-05", "TECH-09", "TECH-10", "TECH-13", "TECH-15", "TECH-19", "POL-01", "POL-02")
    for code in pooled:
        overview = overview.choose(code, scope=Scope.SCHOOL_GROUP)
    return overview.choose(
        "TECH-21", horizon=Horizon.DROPPED, notes="Geen testomgeving nodig dit schooljaar."
    )


_SCHOOLS = ("noord", "centrum", "zuid")


def _person(
    id_: str,
    hours: float,
    levels: dict[Domain, int],
    motivation: dict[Cluster, int],
    school: str | None,
) -> Person:
    return Person(id=id_, hours=hours, levels=levels, motivation=motivation, school=school)


def _sample_team() -> Team:
    """Three schools with a coordinator and a teacher each, and two people at group level.

    People are known by id only: names are personal data the demo does not need.
    """
    t, p, a, b = Domain.TECHNICAL, Domain.PEDAGOGICAL, Domain.ADMINISTRATIVE, Domain.POLICY
    tc, pc, ac, bc = Cluster.TECHNICAL, Cluster.PEDAGOGICAL, Cluster.ADMINISTRATIVE, Cluster.POLICY
    people = [
        _person("sg-netwerk", 400, {t: 3, a: 2, b: 2}, {tc: 3, ac: 1, bc: 1}, None),
        _person("sg-beleid", 160, {b: 3, p: 2, a: 2}, {bc: 3, pc: 2, ac: 1}, None),
    ]
    for school in _SCHOOLS:
        people += [
            _person(
                f"{school}-ictco", 240, {t: 2, p: 2, a: 2, b: 1}, {tc: 2, pc: 2, ac: 2}, school
            ),
            _person(f"{school}-digicoach", 60, {p: 3, t: 1}, {pc: 3, tc: 1}, school),
            _person(f"{school}-secretariaat", 80, {a: 3, t: 1}, {ac: 3, tc: 1}, school),
        ]
    return Team(people, schools=_SCHOOLS)


def _sample_session() -> RoadmapSession:
    """The sample group's own judgement on steps 1–4: the plan's data answers from step 5 on."""
    session = RoadmapSession.start()
    session = session.answer(False, note="Nog geen tijd vrijgemaakt.")
    session = session.answer(True, note="Groeitraject opgenomen in het schoolplan.")
    return session.answer(True).answer(True).answer(True)


def _sample_plan(out: Path) -> SchoolPlan:
    """The sample group's plan, its team brought in from the workbook a school leader keeps."""
    from ict_competence.xlsx import read_team, write_team  # noqa: PLC0415 - openpyxl when used

    team = read_team(write_team(_sample_team(), out / "team.xlsx"))
    plan = SchoolPlan(
        name="Scholengroep Voorbeeld",
        overview=_sample_overview(),
        team=team,
        roadmap=_sample_session(),
        school_type=SchoolType.SECONDARY_GENERAL,
    )
    # Steps 5 and 6 are answered from the overview and the team, step 7 once allocated.
    return plan.advance().allocate().advance()


def _report(plan: SchoolPlan, guide_topics: int, written: list[Path], out: Path) -> None:
    allocation = plan.allocation
    assert allocation is not None  # noqa: S101 - the sample plan is allocated
    session, evaluation = plan.roadmap, plan.evaluate()
    print(
        f"Plan {plan.name!r}: {len(plan.team.people)} people in {len(plan.team.schools)} schools."
    )
    print(
        f"Roadmap: at step {session.current.number} ({session.status.value}), "
        f"{sum(1 for move in session.history if move.evidence)} answered from the plan's data, "
        f"{len(session.advice)} pieces of advice gathered."
    )
    print(f"Conversation guide for the school leader: {guide_topics} topics.")
    print(
        f"Allocation: {evaluation.coverage:.0%} of the hours covered, "
        f"{len(allocation.decisions)} tasks to recruit or outsource, "
        f"{len(evaluation.single_points_of_failure)} strategic tasks without a back-up, "
        f"{quality(allocation)}."
    )
    print(f"Action plan: {len(plan.action_plan())} actions, each with an owner.")
    print(f"Wrote {len(written)} files to {out}/:")
    for path in written:
        print(f"  {path.name}")


def _demo(args: argparse.Namespace) -> int:
    from ict_competence.renderers import render  # noqa: PLC0415 - jinja2 only when rendering
    from ict_competence.serialize import to_json  # noqa: PLC0415

    out: Path = args.out
    if out.exists() and not out.is_dir():
        raise IctCompetenceError(f"{out}: is a file; give the name of a folder")
    if out.is_dir():
        for name in DEMO_FILES:
            refuse_existing(out / name, args.force)
    out.mkdir(parents=True, exist_ok=True)
    catalog = load_catalog()
    plan = _sample_plan(out)
    overview, session, allocation = plan.overview, plan.roadmap, plan.allocation
    actions, evaluation = plan.action_plan(), plan.evaluate()
    guide = conversation_guide("schoolleider", policy_themes=["gelijke_kansen"])
    written = [out / "team.xlsx", plan.save(out / "schoolplan.json")]
    pages: list[tuple[str, object, str]] = [
        ("stappenplan.mmd", session, to_mermaid(session)),
        ("stappenplan.dot", session, to_dot(session)),
        ("stappenplan.html", session, render(session, "html")),
        ("gespreksleidraad.json", guide, to_json(guide)),
        ("gespreksleidraad.html", guide, render(guide, "html")),
        ("catalog.html", catalog, render(catalog, "html")),
        ("catalog.case.json", catalog, render(catalog, "case")),
        ("takenoverzicht.html", overview, render(overview, "html")),
        ("taakverdeling.md", allocation, render(allocation, "markdown")),
        ("taakverdeling.html", allocation, render(allocation, "html")),
        ("actieplan.json", actions, to_json(actions)),
        ("evaluatie.json", evaluation, to_json(evaluation)),
        ("catalog.nl.md", catalog, render(catalog, "markdown", language="nl")),
        ("catalog.en.md", catalog, render(catalog, "markdown", language="en")),
        ("takenoverzicht.md", overview, render(overview, "markdown")),
    ]
    for name, obj, text in pages:
        # Pages of what holds personal data are the owner's only, as the other commands'.
        written.append(write_file(out / name, text.encode("utf-8"), mode=output_mode(type(obj))))
    written.append(write_overview(overview, out / "takenoverzicht.xlsx"))
    _report(plan, len(guide.topics), written, out)
    return 0


def register(commands: Subcommands) -> None:
    """Add ``demo``."""
    demo = add_command(
        commands,
        "demo",
        summary="take a sample school group through a year and write what it makes",
        details=f"Writes {len(DEMO_FILES)} files (the plan, its team and overview workbooks, "
        "pages and JSON) into the folder.\nIt refuses to replace files an earlier run wrote "
        "there unless --force is given.",
        example=["ict-competence demo --out demo-output"],
        run=_demo,
    )
    demo.add_argument(
        "--out",
        type=Path,
        default=Path("demo-output"),
        metavar="FOLDER",
        help="the folder to write to (default: demo-output)",
    )
    add_force(demo)
