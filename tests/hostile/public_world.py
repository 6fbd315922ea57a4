"""A small school's year with a named person and notes, and a sample of every public attrs class.

The bad-input cases of ``test_public_api.py`` start from these values. The person is called
:data:`NAME` and the notes say :data:`NOTE`, so that a message that leaks either is caught.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path

import attrs

import ict_competence as ic
from tests.allocation.strategies import make_overview, make_task

#: The name of the person in the data: personal data no message may hold.
NAME = "Geheime Naam"
#: What the notes in the data say: no message may hold it either.
NOTE = "geheim"


@attrs.frozen
class World:
    """The values the calls of the public API are made on."""

    catalog: ic.Catalog
    overview: ic.TaskOverview
    person: ic.Person
    team: ic.Team
    plan: ic.SchoolPlan
    allocation: ic.Allocation
    dialogue: ic.Dialogue
    guide: ic.ConversationGuide
    record: ic.DialogueRecord
    roadmap: ic.Roadmap
    session: ic.RoadmapSession
    rules: ic.RuleSet
    instance: ic.TaskInstance
    evaluation_session: ic.RoadmapSession
    folder: Path


def _overview() -> ic.TaskOverview:
    overview = make_overview(
        make_task("T-00", ic.Cluster.TECHNICAL, hours=20, strategic=True, required_level=2),
        make_task("T-01", ic.Cluster.PEDAGOGICAL, hours=10, required_level=3),
        make_task("T-02", ic.Cluster.POLICY, hours=15, strategic=True, required_level=3),
        make_task("T-03", ic.Cluster.TECHNICAL, hours=5, required_level=1),
    )
    return overview.choose("T-00", responsible=NAME, notes=NOTE)


def _session() -> ic.RoadmapSession:
    session = ic.RoadmapSession.start()
    for _ in range(4):
        session = session.answer(True, note=NOTE)
    return session


def session_at(step: int) -> ic.RoadmapSession:
    """A session at ``step``, every check before it answered yes, every action completed."""
    session = ic.RoadmapSession.start()
    while session.current.number != step:
        check = session.current.kind is ic.StepKind.CHECK
        session = session.answer(True) if check else session.complete()
    return session


def _files(plan: ic.SchoolPlan) -> Path:
    """A folder with a file of each kind the library reads: content, a plan, workbooks."""
    folder = Path(tempfile.mkdtemp(prefix="public-api-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    (folder / "empty.toml").write_text("", encoding="utf-8")
    (folder / "notes.txt").write_text("geen inhoud", encoding="utf-8")
    plan.save(folder / "plan.json")
    ic.write_team(plan.team, folder / "team.xlsx")
    ic.write_overview(ic.load_catalog().overview(), folder / "overview.xlsx")
    return folder


def _record() -> ic.DialogueRecord:
    record = ic.DialogueRecord("schoolleider", (ic.TopicEntry(topic="1.2"),))
    record = record.note("1.2", NOTE)
    action = ic.Action(description="Uitleenpool opzetten", owner="p1", timeframe=NOTE)
    return record.add_action("1.2", action)


@cache
def world() -> World:
    """The values, built once per test run."""
    person = ic.Person(
        id="p1",
        hours=40,
        levels={ic.Domain.TECHNICAL: 3},
        motivation={ic.Cluster.TECHNICAL: 2},
        name=NAME,
    )
    other = ic.Person(
        id="p2",
        hours=30,
        levels={ic.Domain.TECHNICAL: 2, ic.Domain.PEDAGOGICAL: 2},
        motivation={ic.Cluster.TECHNICAL: 1, ic.Cluster.PEDAGOGICAL: 3},
        name=NAME,
    )
    team = ic.Team((person, other))
    overview = _overview()
    plan = ic.SchoolPlan(
        name="Basisschool De Linde",
        overview=overview,
        team=team,
        roadmap=_session(),
        dialogue=_record(),
    ).allocate()
    assert plan.allocation is not None
    return World(
        catalog=ic.load_catalog(),
        overview=overview,
        person=person,
        team=team,
        plan=plan,
        allocation=plan.allocation,
        dialogue=ic.load_dialogue(),
        guide=ic.conversation_guide("schoolleider", topics=["1.2"]),
        record=_record(),
        roadmap=ic.load_roadmap(),
        session=plan.roadmap,
        rules=ic.default_rules(),
        instance=ic.task_instances(overview, team)[0],
        evaluation_session=session_at(8),
        folder=_files(plan),
    )


def _roots(w: World) -> Iterator[object]:
    """Values whose fields hold one of each public attrs class, the named ones first."""
    yield w.team
    yield w.plan
    yield w.catalog
    yield ic.load_catalog_info()
    yield w.catalog.overview().summary()
    yield w.dialogue
    yield w.guide
    yield w.roadmap
    allocation = w.allocation
    yield from (allocation.explain(info.key) for info in allocation.instances)
    yield from allocation.raci()
    yield from allocation.profiles().values()
    yield allocation.diff(ic.allocate(w.overview, ic.Team(w.team.people[:1])))
    yield w.plan.evaluate()
    yield w.plan.action_plan()
    yield w.instance
    yield from ic.pseudonymize(w.plan)[1].values()
    yield ic.erase_person(w.plan, "p1")[1]
    yield ic.even_load_rules()
    yield ic.continuity_rules(ic.KeepHolders.from_assignments(allocation.assignments))
    yield ic.AllocationJob(w.overview, w.team, pins=(ic.Pin("T-00", "p1"),))
    yield ic.Pin("T-00", "p1", ic.Duty.PRIMARY)
    yield ic.Exclusion("T-03", "p2")
    yield ic.Advice(step=2, actor=ic.Actor.ICT_COORDINATOR, text=ic.LocalizedText("Doe dit"))
    yield ic.Progress(elapsed=1.5, objective=120.0, bound=130.0, solves=3)
    evidence = ic.Evidence(source="plan", basis="the overview", items=("T-00",))
    yield ic.Assessment(step=5, answer=ic.Answer.YES, evidence=evidence)


def samples(w: World) -> Mapping[type, object]:
    """The first instance of each attrs class reachable from the roots, found without recursion."""
    found: dict[type, object] = {}
    stack: list[object] = list(_roots(w))[::-1]
    seen: set[int] = set()
    while stack:
        value = stack.pop()
        if id(value) in seen:
            continue
        seen.add(id(value))
        if attrs.has(type(value)):
            found.setdefault(type(value), value)
            stack.extend(reversed(attrs.asdict(value, recurse=False).values()))  # type: ignore[arg-type]
        elif isinstance(value, Mapping):
            stack.extend(reversed(list(value.values())))
        elif isinstance(value, tuple | list | frozenset | set):
            stack.extend(reversed(list(value)))
    return found
