"""Plans for the tests: one small school made by hand, and generated plans for the properties."""

from __future__ import annotations

import attrs
from hypothesis import strategies as st

from ict_competence.allocation import Person, Team
from ict_competence.catalog import Cluster, Domain, load_catalog
from ict_competence.dialogue import Action, DialogueRecord, TopicEntry, TopicStatus
from ict_competence.flow import RoadmapSession
from ict_competence.plan import SchoolPlan
from tests.allocation.strategies import make_overview, make_task, overviews, teams

#: Names no id, key, code or text of the library contains, to find them if they leak.
NAMES = ("Zoë Vandeputte", "Ruben Qwertyuiop", "Ilse Xylofoon", "Mo Zazazu", "Kato Jijijo")
#: Every catalog role code: with the team's ids, what an action's owner may be.
ROLE_CODES = frozenset(role.code for role in load_catalog().roles)


def up_to_step_five(session: RoadmapSession | None = None) -> RoadmapSession:
    """A session whose school answered steps 1–4 yes: at step 5, in the school-group variant."""
    session = session if session is not None else RoadmapSession.start()
    for _ in range(4):
        session = session.answer(True)
    return session


def small_school() -> SchoolPlan:
    """One school, four tasks, two people with names: one task to outsource, one to recruit.

    T-00 (technical, strategic) and T-03 (technical) go to the team; nobody has level 3 in
    the pedagogical domain (T-01, outsource) or in policy (T-02, strategic: recruit).
    """
    overview = make_overview(
        make_task("T-00", Cluster.TECHNICAL, hours=20, strategic=True, required_level=2),
        make_task("T-01", Cluster.PEDAGOGICAL, hours=10, required_level=3),
        make_task("T-02", Cluster.POLICY, hours=15, strategic=True, required_level=3),
        make_task("T-03", Cluster.TECHNICAL, hours=5, required_level=1),
    )
    ann = Person(
        id="p1",
        hours=40,
        levels={Domain.TECHNICAL: 3},
        motivation={Cluster.TECHNICAL: 2},
        name=NAMES[0],
    )
    bo = Person(
        id="p2",
        hours=30,
        levels={Domain.TECHNICAL: 2, Domain.PEDAGOGICAL: 2},
        motivation={Cluster.TECHNICAL: 1, Cluster.PEDAGOGICAL: 3},
        name=NAMES[1],
    )
    return SchoolPlan(name="Basisschool De Linde", overview=overview, team=Team((ann, bo)))


def with_follow_up(plan: SchoolPlan, owner: str, *, topic: str = "1.2") -> SchoolPlan:
    """The plan with a conversation in which the team agreed one follow-up, owned by ``owner``."""
    record = DialogueRecord("schoolleider", (TopicEntry(topic=topic),))
    record = record.note(topic, "Niet elke leerling heeft thuis een laptop.")
    record = record.add_action(
        topic, Action(description="Uitleenpool opzetten", owner=owner, timeframe="voor de zomer")
    )
    return attrs.evolve(plan, dialogue=record)


@st.composite
def sessions(draw: st.DrawFn) -> RoadmapSession:
    """A session at any of steps 1–5, some preconditions first answered no (giving advice)."""
    session = RoadmapSession.start()
    for _ in range(draw(st.integers(0, 4))):
        if session.current.number <= 3 and draw(st.booleans()):
            session = session.answer(False)
        session = session.answer(draw(st.booleans()) if session.current.number == 4 else True)
    return session


@st.composite
def records(draw: st.DrawFn, owners: tuple[str, ...]) -> DialogueRecord:
    """A conversation record on two topics, with follow-ups owned by ``owners``."""
    entries = []
    for topic in ("1.1", "1.2"):
        count = draw(st.integers(0, 2))
        actions = tuple(
            Action(description=f"afspraak {i}", owner=draw(st.sampled_from(owners)))
            for i in range(count)
        )
        status = TopicStatus.FOLLOW_UP_AGREED if actions else TopicStatus.DISCUSSED
        entries.append(TopicEntry(topic=topic, status=status, actions=actions))
    return DialogueRecord("schoolleider", tuple(entries))


@st.composite
def plans(draw: st.DrawFn, *, named: bool = False) -> SchoolPlan:
    """A small plan: any overview and team, a session at step 1–5, maybe a conversation,
    maybe an allocation, which maybe went stale when someone's hours were edited.
    """
    team = draw(teams(max_people=4))
    if named:
        people = tuple(attrs.evolve(p, name=NAMES[i]) for i, p in enumerate(team.people))
        team = Team(people, team.schools)
    plan = SchoolPlan(
        name=draw(st.sampled_from(["De Linde", "Scholengroep Noord"])),
        overview=draw(overviews(max_tasks=5)),
        team=team,
        roadmap=draw(sessions()),
    )
    if len(team.people) > 0 and draw(st.booleans()):
        owners = (*team.ids, "directie", "ict_policy_team")
        plan = attrs.evolve(plan, dialogue=draw(records(owners)))
    if draw(st.booleans()):
        plan = plan.allocate()
        if len(team.people) > 0 and draw(st.booleans()):
            first = team.people[0]
            edited = attrs.evolve(first, hours=max(0.0, first.hours - 25))
            plan = attrs.evolve(plan, team=Team((edited, *team.people[1:]), team.schools))
    return plan
