"""Hypothesis strategies for allocation inputs: tasks, overviews, people, teams and rule sets.

Nothing here reads the built-in catalog, so the properties hold whatever tasks it has.
"""

from __future__ import annotations

from hypothesis import strategies as st

from ict_competence.allocation import (
    BackupOnStrategic,
    Decision,
    DecisionKind,
    EligibilityRule,
    EvenLoad,
    ExpertiseAndMotivation,
    KeepHolders,
    LoadTerm,
    MinimumLevel,
    Motivated,
    Person,
    Reason,
    ReasonKind,
    RuleSet,
    ScoreTerm,
    Team,
)
from ict_competence.catalog import (
    Cluster,
    Domain,
    Horizon,
    Scope,
    Task,
    TaskChoice,
    TaskOverview,
)
from ict_competence.text import LocalizedText, Provenance

# Whole hours mostly; halves and quarters as schools write them; now and then a third,
# which no power of ten makes whole and so exercises the rounded knapsack weights.
hours = st.one_of(
    st.integers(0, 60).map(float),
    st.integers(1, 120).map(lambda halves: halves / 2),
    st.integers(1, 80).map(lambda quarters: quarters / 4),
    st.sampled_from([10 / 3, 20 / 3]),
)
levels = st.integers(0, 3)


def make_task(
    code: str,
    cluster: Cluster = Cluster.TECHNICAL,
    *,
    hours: float = 10.0,
    strategic: bool = False,
    required_level: int = 2,
    domain: Domain | None = None,
) -> Task:
    """A task for examples, with made-up texts."""
    return Task(
        code=code,
        cluster=cluster,
        domain=domain if domain is not None else cluster.domain,
        description=LocalizedText(f"taak {code}", f"task {code}"),
        strategic=strategic,
        required_level=required_level,
        hours_per_year=hours,
        provenance=Provenance("tests"),
    )


def make_overview(*tasks: Task, group: tuple[str, ...] = ()) -> TaskOverview:
    """An overview where every task applies; codes in ``group`` are scoped to the school group."""
    return TaskOverview(
        tuple(
            TaskChoice(
                task=task,
                scope=Scope.SCHOOL_GROUP if task.code in group else Scope.SCHOOL,
                hours_per_year=task.hours_per_year,
            )
            for task in tasks
        )
    )


def make_person(
    ident: str,
    hours: float = 40.0,
    *,
    level: int = 2,
    motivation: int = 2,
    school: str | None = None,
    levels: dict[Domain, int] | None = None,
    motivations: dict[Cluster, int] | None = None,
) -> Person:
    """A person with the same level in every domain and motivation for every cluster."""
    return Person(
        id=ident,
        hours=hours,
        levels=levels if levels is not None else dict.fromkeys(Domain, level),
        motivation=motivations if motivations is not None else dict.fromkeys(Cluster, motivation),
        school=school,
    )


@st.composite
def tasks(draw: st.DrawFn, code: str) -> Task:
    """A task of any cluster and domain, strategic or not, needing level 1–3."""
    cluster = draw(st.sampled_from(Cluster))
    return make_task(
        code,
        cluster,
        hours=draw(hours),
        strategic=draw(st.booleans()),
        required_level=draw(st.integers(1, 3)),
        domain=draw(st.sampled_from([cluster.domain, *Domain])),
    )


@st.composite
def overviews(draw: st.DrawFn, min_tasks: int = 1, max_tasks: int = 7) -> TaskOverview:
    """An overview of generated tasks; some do not apply, some are dropped, some are group tasks."""
    count = draw(st.integers(min_tasks, max_tasks))
    choices = []
    for i in range(count):
        task = draw(tasks(f"T-{i:02d}"))
        choices.append(
            TaskChoice(
                task=task,
                applies=draw(st.sampled_from([True, True, True, False])),
                horizon=draw(
                    st.sampled_from([Horizon.SHORT_TERM, Horizon.LONG_TERM, Horizon.DROPPED])
                ),
                scope=draw(st.sampled_from([Scope.SCHOOL, Scope.SCHOOL_GROUP])),
                hours_per_year=task.hours_per_year,
            )
        )
    return TaskOverview(tuple(choices))


@st.composite
def people(draw: st.DrawFn, ident: str, school: str | None = None) -> Person:
    """A person with any levels and motivations, and 0–80 hours."""
    return Person(
        id=ident,
        hours=draw(st.sampled_from([0.0, 5.0, 12.5, 20.0, 30.0, 40.0, 80.0])),
        levels={domain: draw(levels) for domain in Domain},
        motivation={cluster: draw(levels) for cluster in Cluster},
        school=school,
    )


@st.composite
def teams(draw: st.DrawFn, max_people: int = 5) -> Team:
    """One school's team, or a school group with two or three schools (and maybe group staff)."""
    count = draw(st.integers(1, max_people))
    if not draw(st.booleans()):
        return Team(tuple(draw(people(f"p{i}")) for i in range(count)))
    schools = ("north", "south", "east")[: draw(st.integers(2, 3))]
    where = st.sampled_from([*schools, None])
    return Team(tuple(draw(people(f"p{i}", draw(where))) for i in range(count)), schools)


def large_instance(schools: int = 12) -> tuple[TaskOverview, Team]:
    """Thirty tasks (two scoped to the group) and six people per school, all made up."""
    tasks = [
        make_task(
            f"T-{i:02d}",
            (Cluster.TECHNICAL, Cluster.PEDAGOGICAL, Cluster.POLICY)[i % 3],
            hours=float(4 + (i * 7) % 60),
            strategic=i % 3 == 0,
            required_level=1 + i % 3,
        )
        for i in range(30)
    ]
    overview = make_overview(*tasks, group=("T-00", "T-01"))
    names = tuple(f"s{s:02d}" for s in range(schools))
    people = [
        make_person(
            f"{school}p{i}",
            float(10 + (i * 13 + s * 7) % 60),
            levels={d: (i + s + k) % 4 for k, d in enumerate(Domain)},
            motivations={c: (i * 2 + s + k) % 4 for k, c in enumerate(Cluster)},
            school=school,
        )
        for s, school in enumerate(names)
        for i in range(6)
    ]
    return overview, Team(tuple(people), names)


# -- rule sets ------------------------------------------------------------------------------

_ids = st.text(min_size=1, max_size=12).filter(str.strip)
_weights = st.floats(0, 100, allow_nan=False)

eligibility_rules: st.SearchStrategy[EligibilityRule] = st.one_of(
    st.builds(MinimumLevel, backup_slack=st.integers(0, 3)),
    st.builds(Motivated, minimum=st.integers(0, 3)),
    st.just(BackupOnStrategic()),
)
score_terms: st.SearchStrategy[ScoreTerm] = st.one_of(
    st.builds(ExpertiseAndMotivation, base=_weights),
    st.builds(
        KeepHolders,
        st.dictionaries(_ids, _ids, max_size=4),
        st.dictionaries(_ids, _ids, max_size=4),
        _weights,
    ),
)
load_terms: st.SearchStrategy[LoadTerm] = st.builds(
    EvenLoad,
    weight=_weights,
    thresholds=st.lists(st.floats(0, 1), max_size=3).map(tuple),
)


@st.composite
def rule_sets(draw: st.DrawFn) -> RuleSet:
    """Any mix of the built-in rules and terms, with any back-up share from 0 to 1."""
    return RuleSet(
        name=draw(st.text(min_size=1, max_size=20).filter(str.strip)),
        eligibility=draw(st.lists(eligibility_rules, max_size=4)),
        scores=draw(st.lists(score_terms, max_size=3)),
        load=draw(st.lists(load_terms, max_size=2)),
        backup_share=draw(st.one_of(st.floats(0, 1), st.sampled_from([0, 1]))),
    )


# -- reasons and decisions ----------------------------------------------------------------------

#: School and rule names as a school or a plugin writes them: any text, now and then one
#: with the commas, brackets and words the English sentences use themselves.
_names = st.one_of(
    st.text(min_size=1, max_size=16),
    st.sampled_from(["noord", "in the team", "level (2), x", "at zuid", "a; it is"]),
)
_counts = st.integers(1, 40)
_where: st.SearchStrategy[dict[str, str | int | float]] = st.one_of(
    st.just({}), _names.map(lambda school: {"school": school})
)


_kept_out_by_rule = st.builds(
    lambda rule, people: Reason(ReasonKind.KEPT_OUT_BY_RULE, {"rule": rule, "people": people}),
    _names,
    _counts,
)
#: One strategy per kind of reason; ``reasons`` draws from them all.
REASONS: dict[ReasonKind, st.SearchStrategy[Reason]] = {
    ReasonKind.NO_ROOM: st.builds(
        lambda where, people: Reason(ReasonKind.NO_ROOM, where | {"people": people}),
        _where,
        _counts,
    ),
    ReasonKind.NO_ROOM_UNDER_PINS: st.builds(
        lambda where, people: Reason(ReasonKind.NO_ROOM_UNDER_PINS, where | {"people": people}),
        _where,
        _counts,
    ),
    ReasonKind.KEPT_OUT: st.builds(
        lambda where, parts: Reason(ReasonKind.KEPT_OUT, where, parts),
        _where,
        st.lists(_kept_out_by_rule, min_size=1, max_size=3).map(tuple),
    ),
    ReasonKind.KEPT_OUT_BY_RULE: _kept_out_by_rule,
    ReasonKind.NOBODY_THERE: _where.map(lambda where: Reason(ReasonKind.NOBODY_THERE, where)),
    ReasonKind.HOLDER_ERASED: st.just(Reason(ReasonKind.HOLDER_ERASED)),
    ReasonKind.BELOW_LEVEL: st.builds(
        lambda needed, has, domain: Reason(
            ReasonKind.BELOW_LEVEL, {"needed": needed, "has": has, "domain": domain.value}
        ),
        levels,
        levels,
        st.sampled_from(Domain),
    ),
    ReasonKind.NOT_MOTIVATED: st.builds(
        lambda needed, has, cluster: Reason(
            ReasonKind.NOT_MOTIVATED, {"needed": needed, "has": has, "cluster": cluster.value}
        ),
        levels,
        levels,
        st.sampled_from(Cluster),
    ),
    ReasonKind.BACKUP_NOT_STRATEGIC: st.just(Reason(ReasonKind.BACKUP_NOT_STRATEGIC)),
    ReasonKind.EXCLUDED: st.just(Reason(ReasonKind.EXCLUDED)),
    ReasonKind.REFUSED_BY_RULE: _names.map(
        lambda rule: Reason(ReasonKind.REFUSED_BY_RULE, {"rule": rule})
    ),
    ReasonKind.CUSTOM: st.text(max_size=60).map(Reason.custom),
}
reasons: st.SearchStrategy[Reason] = st.one_of(*REASONS.values())
#: The kinds a decision's reason has (``allocate`` and the privacy functions make them).
DECISION_REASONS = (
    ReasonKind.NO_ROOM,
    ReasonKind.NO_ROOM_UNDER_PINS,
    ReasonKind.KEPT_OUT,
    ReasonKind.NOBODY_THERE,
    ReasonKind.HOLDER_ERASED,
    ReasonKind.CUSTOM,
)
decisions: st.SearchStrategy[Decision] = st.builds(
    Decision, st.sampled_from(DecisionKind), st.one_of(*(REASONS[k] for k in DECISION_REASONS))
)
