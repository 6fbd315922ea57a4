"""Pluggable allocation rules: who may take a task (filters), what it is worth (score terms).

A :class:`RuleSet` bundles eligibility rules, score terms and load terms. The solvers
only see their results, so any rule set works with both of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Protocol, runtime_checkable

import attrs

from ict_competence import _checks
from ict_competence._frozen import frozen_map
from ict_competence.allocation._model import Assignment, Duty, Person, TaskInstance
from ict_competence.allocation._reasons import Reason, ReasonKind
from ict_competence.catalog import TaskOverview
from ict_competence.errors import FieldError, IctCompetenceError
from ict_competence.serialize import register_kinds

__all__ = [
    "DEFAULT_BACKUP_SHARE",
    "BackupOnStrategic",
    "EligibilityRule",
    "EvenLoad",
    "ExpertiseAndMotivation",
    "KeepHolders",
    "LoadTerm",
    "MinimumLevel",
    "Motivated",
    "RuleSet",
    "ScoreTerm",
    "continuity_rules",
    "default_rules",
    "even_load_rules",
    "register_rule",
]

#: The share of a task's hours a back-up costs unless a rule set says otherwise
#: (DESIGN.md: "a back-up costs 0.1 × the task's hours").
DEFAULT_BACKUP_SHARE = 0.1


@runtime_checkable
class EligibilityRule(Protocol):
    """A hard rule: whether a person may take a task instance in a duty.

    A rule that also has a ``describe(person, instance, duty)`` method is asked why when
    it refuses someone (in pin errors). It returns a :class:`Reason` (a kind and its
    parameters, which a page words in its own language), or a plain ``str``: that becomes
    a reason of kind ``CUSTOM``, which every page shows as it is, in whatever language
    it was written.
    """

    @property
    def name(self) -> str:
        """A short name, used in explanations and errors."""
        ...

    def allows(self, person: Person, instance: TaskInstance, duty: Duty) -> bool:
        """Whether ``person`` may take ``instance`` as ``duty``."""
        ...


@runtime_checkable
class ScoreTerm(Protocol):
    """A part of the objective: what giving a task instance to a person in a duty is worth.

    The solvers maximise the sum of all terms over all assignments, so a term must
    depend on the person, the instance and the duty only.

    A term whose value for a back-up depends on the back-up's share of the task's hours
    (as the built-in terms' does) also has a ``score_with_share(person, instance, duty,
    backup_share)`` method: the rule set calls that one with its own
    :attr:`RuleSet.backup_share`, so the hours a back-up is valued for are the hours it
    costs. ``score`` alone assumes the default share, :data:`DEFAULT_BACKUP_SHARE`.
    """

    @property
    def name(self) -> str:
        """A short name, used in explanations."""
        ...

    def score(self, person: Person, instance: TaskInstance, duty: Duty) -> float:
        """The value of ``person`` taking ``instance`` as ``duty`` (a finite number)."""
        ...


@runtime_checkable
class LoadTerm(Protocol):
    """A part of the objective that depends on a person's total load: a penalty on hours.

    ``penalties(person)`` gives pairs ``(threshold, per_hour)``: each hour of load above
    ``threshold`` costs ``per_hour`` (>= 0). The sum of such terms is concave and never
    rewards more load, which keeps the heuristic's bound valid and the MILP linear.
    """

    @property
    def name(self) -> str:
        """A short name, used in explanations."""
        ...

    def penalties(self, person: Person) -> tuple[tuple[float, float], ...]:
        """The ``(threshold hours, penalty per hour above it)`` pairs for ``person``."""
        ...


@attrs.frozen
class MinimumLevel:
    """A primary needs the task's required level in its domain; a back-up one level less.

    >>> MinimumLevel().name
    'level'
    """

    backup_slack: int = attrs.field(default=1, validator=_checks.in_range(0, 3))

    @property
    def name(self) -> str:
        """The rule's name."""
        return "level"

    def needed(self, instance: TaskInstance, duty: Duty) -> int:
        """The level ``duty`` on ``instance`` needs."""
        slack = self.backup_slack if duty is Duty.BACKUP else 0
        return instance.task.required_level - slack

    def allows(self, person: Person, instance: TaskInstance, duty: Duty) -> bool:
        """Whether the person's level in the task's domain is high enough."""
        return person.level(instance.task.domain) >= self.needed(instance, duty)

    def describe(self, person: Person, instance: TaskInstance, duty: Duty) -> Reason:
        """Why the person is refused: the level needed, theirs, and the domain."""
        domain = instance.task.domain
        params = {"needed": self.needed(instance, duty), "has": person.level(domain)}
        return Reason(ReasonKind.BELOW_LEVEL, params | {"domain": domain.value})


@attrs.frozen
class Motivated:
    """Nobody gets a task of a cluster they are not willing to do (motivation 0)."""

    minimum: int = attrs.field(default=1, validator=_checks.in_range(0, 3))

    @property
    def name(self) -> str:
        """The rule's name."""
        return "motivation"

    def allows(self, person: Person, instance: TaskInstance, duty: Duty) -> bool:
        """Whether the person's motivation for the task's cluster is high enough."""
        return person.motivation_for(instance.task.cluster) >= self.minimum

    def describe(self, person: Person, instance: TaskInstance, duty: Duty) -> Reason:
        """Why the person is refused: the motivation needed, theirs, and the cluster."""
        cluster = instance.task.cluster
        params = {"needed": self.minimum, "has": person.motivation_for(cluster)}
        return Reason(ReasonKind.NOT_MOTIVATED, params | {"cluster": cluster.value})


@attrs.frozen
class BackupOnStrategic:
    """Back-ups are only for strategic tasks (kerntaken): they must not stop when one is away."""

    @property
    def name(self) -> str:
        """The rule's name."""
        return "backup on strategic tasks only"

    def allows(self, person: Person, instance: TaskInstance, duty: Duty) -> bool:
        """Whether a back-up is possible on the instance at all."""
        return duty is Duty.PRIMARY or instance.task.strategic

    def describe(self, person: Person, instance: TaskInstance, duty: Duty) -> Reason:
        """Why the person is refused: only strategic tasks get a back-up."""
        return Reason(ReasonKind.BACKUP_NOT_STRATEGIC)


@attrs.frozen
class ExpertiseAndMotivation:
    """The default objective: hours × (10 + level + motivation); back-ups without the 10.

    The constant ``base`` makes covering hours come first; level and motivation then
    decide who covers them. A back-up is valued for the hours it takes, the rule set's
    :attr:`~RuleSet.backup_share` of the task's hours (a tenth by default), and without
    ``base``: a back-up covers nothing on its own.

    >>> from ict_competence.catalog import Cluster, Domain, Task
    >>> from ict_competence.text import LocalizedText, Provenance
    >>> task = Task(
    ...     code="T-1",
    ...     cluster=Cluster.TECHNICAL,
    ...     description=LocalizedText("Netwerk"),
    ...     hours_per_year=10,
    ...     provenance=Provenance("example"),
    ... )
    >>> person = Person(
    ...     id="a", hours=40, levels={Domain.TECHNICAL: 3}, motivation={Cluster.TECHNICAL: 2}
    ... )
    >>> instance = TaskInstance(key="T-1", task=task, hours=10)
    >>> term = ExpertiseAndMotivation()
    >>> term.score(person, instance, Duty.PRIMARY), term.score(person, instance, Duty.BACKUP)
    (150.0, 5.0)
    """

    base: float = attrs.field(default=10.0, validator=_checks.finite)

    @property
    def name(self) -> str:
        """The term's name."""
        return "expertise and motivation"

    def score(self, person: Person, instance: TaskInstance, duty: Duty) -> float:
        """The value of the assignment, a back-up taking the default share of the hours."""
        return self.score_with_share(person, instance, duty, DEFAULT_BACKUP_SHARE)

    def score_with_share(
        self, person: Person, instance: TaskInstance, duty: Duty, backup_share: float
    ) -> float:
        """The value of the assignment, a back-up taking ``backup_share`` of the hours."""
        fit = person.level(instance.task.domain) + person.motivation_for(instance.task.cluster)
        if duty is Duty.PRIMARY:
            return float(instance.hours * (self.base + fit))
        return float(backup_share * instance.hours * fit)


_ids = _checks.mapping_of(str, _checks.non_blank)


@attrs.frozen
class KeepHolders:
    """Continuity: a bonus for giving a task to whoever holds it now (as primary or back-up).

    ``primary`` and ``backup`` map an instance key or a task code to a person id. The
    bonus is ``per_hour`` for each hour the holder takes: the task's hours for a primary,
    the rule set's :attr:`~RuleSet.backup_share` of them for a back-up.
    Build it from a previous allocation with :meth:`from_assignments` or from the
    responsible and back-up columns of an overview with :meth:`from_overview`.
    """

    primary: Mapping[str, str] = attrs.field(converter=frozen_map, validator=_ids, hash=False)
    backup: Mapping[str, str] = attrs.field(
        factory=dict, converter=frozen_map, validator=_ids, hash=False
    )
    per_hour: float = attrs.field(default=4.0, validator=_checks.finite_non_negative)

    @property
    def name(self) -> str:
        """The term's name."""
        return "continuity"

    @classmethod
    def from_assignments(
        cls, assignments: Mapping[str, Assignment], *, per_hour: float = 4.0
    ) -> KeepHolders:
        """Keep the holders of a previous allocation (pass its ``assignments``)."""
        given: object = assignments  # checked although typed: a user's mistake shows here
        if not isinstance(given, Mapping) or not all(
            isinstance(k, str) and isinstance(a, Assignment) for k, a in given.items()
        ):
            raise FieldError("assignments", f"expected Assignments by key, found {assignments!r}")
        return cls(
            {key: a.primary for key, a in assignments.items()},
            {key: a.backup for key, a in assignments.items() if a.backup is not None},
            per_hour,
        )

    @classmethod
    def from_overview(cls, overview: TaskOverview, *, per_hour: float = 4.0) -> KeepHolders:
        """Keep the people the overview names as responsible and back-up (by person id)."""
        _checks.argument("overview", overview, TaskOverview)
        return cls(
            {c.code: c.responsible.strip() for c in overview.choices if c.responsible.strip()},
            {c.code: c.backup.strip() for c in overview.choices if c.backup.strip()},
            per_hour,
        )

    def _holder(self, holders: Mapping[str, str], instance: TaskInstance) -> str | None:
        holder = holders.get(instance.key)
        return holder if holder is not None else holders.get(instance.code)

    def score(self, person: Person, instance: TaskInstance, duty: Duty) -> float:
        """The bonus for keeping the current holder, a back-up taking the default share."""
        return self.score_with_share(person, instance, duty, DEFAULT_BACKUP_SHARE)

    def score_with_share(
        self, person: Person, instance: TaskInstance, duty: Duty, backup_share: float
    ) -> float:
        """The bonus for keeping the current holder, else 0; a back-up takes ``backup_share``."""
        if duty is Duty.PRIMARY:
            held = self._holder(self.primary, instance) == person.id
            return self.per_hour * instance.hours if held else 0.0
        held = self._holder(self.backup, instance) == person.id
        return backup_share * self.per_hour * instance.hours if held else 0.0


@attrs.frozen
class EvenLoad:
    """Spread the load: each hour above a share of a person's hours costs ``weight``.

    With the default thresholds an hour above half of someone's hours costs ``weight``,
    an hour above three quarters twice that, so the same work is better spread over
    several people than piled on one.
    """

    weight: float = attrs.field(default=2.0, validator=_checks.finite_non_negative)
    thresholds: tuple[float, ...] = attrs.field(
        default=(0.5, 0.75),
        validator=[_checks.instance_of(tuple), _checks.each(_checks.finite_non_negative)],
    )

    @property
    def name(self) -> str:
        """The term's name."""
        return "even load"

    def penalties(self, person: Person) -> tuple[tuple[float, float], ...]:
        """One ``(share × hours, weight)`` pair per threshold."""
        return tuple((share * person.hours, self.weight) for share in self.thresholds)


@attrs.frozen(kw_only=True)
class RuleSet:
    """The rules an allocation follows: hard filters, score terms, load terms, back-up cost.

    Attributes:
        name: a short name for the set, shown in results.
        eligibility: hard rules; a person takes an instance only if every rule allows it.
        scores: the terms whose sum over all assignments is maximised.
        load: terms on each person's total load (penalties), possibly none.
        backup_share: the share of a task's hours a back-up costs (0.1 by default); score
            terms with a ``score_with_share`` method value a back-up by it too.

    >>> rules = default_rules()
    >>> [rule.name for rule in rules.eligibility]
    ['level', 'motivation', 'backup on strategic tasks only']
    >>> even_load_rules().load[0].name
    'even load'
    """

    name: str = attrs.field(validator=_checks.non_blank)
    eligibility: tuple[EligibilityRule, ...] = attrs.field(
        converter=_checks.as_tuple, validator=_checks.items_with("allows", "an eligibility rule")
    )
    scores: tuple[ScoreTerm, ...] = attrs.field(
        converter=_checks.as_tuple, validator=_checks.items_with("score", "a score term")
    )
    load: tuple[LoadTerm, ...] = attrs.field(
        default=(),
        converter=_checks.as_tuple,
        validator=_checks.items_with("penalties", "a load term"),
    )
    backup_share: float = attrs.field(default=DEFAULT_BACKUP_SHARE)

    @backup_share.validator
    def _share(self, attribute: attrs.Attribute[float], value: object) -> None:
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            raise FieldError(attribute.name, f"expected a number from 0 to 1, found {value!r}")

    def extend(
        self,
        *,
        name: str | None = None,
        eligibility: Iterable[EligibilityRule] = (),
        scores: Iterable[ScoreTerm] = (),
        load: Iterable[LoadTerm] = (),
    ) -> RuleSet:
        """A new rule set with more rules and terms added to these."""
        return RuleSet(
            name=name if name is not None else self.name,
            eligibility=_checks.more_items("eligibility", self.eligibility, eligibility),
            scores=_checks.more_items("scores", self.scores, scores),
            load=_checks.more_items("load", self.load, load),
            backup_share=self.backup_share,
        )

    def blocking(
        self, person: Person, instance: TaskInstance, duty: Duty
    ) -> EligibilityRule | None:
        """The first eligibility rule that refuses ``person`` on ``instance``, or ``None``."""
        for rule in self.eligibility:
            if not rule.allows(person, instance, duty):
                return rule
        return None

    def score(self, person: Person, instance: TaskInstance, duty: Duty) -> float:
        """The sum of the score terms for one assignment, under this set's back-up share."""
        return sum((self._term_score(term, person, instance, duty) for term in self.scores), 0.0)

    def _term_score(
        self, term: ScoreTerm, person: Person, instance: TaskInstance, duty: Duty
    ) -> float:
        # Looked up like EligibilityRule.describe: a user's term with only ``score`` still works.
        with_share = getattr(term, "score_with_share", None)
        if with_share is None:
            return term.score(person, instance, duty)
        value: float = with_share(person, instance, duty, self.backup_share)
        return value


_ADVICE = (
    "register its class with ict_competence.allocation.register_rule(kind, cls) "
    "before writing or reading a rule set that holds it"
)
# One registry per protocol, so a rule set's JSON names only kinds that fit each field.
_FAMILIES = (
    ("allows", register_kinds(EligibilityRule, label="eligibility rule", advice=_ADVICE)),
    ("score", register_kinds(ScoreTerm, label="score term", advice=_ADVICE)),
    ("penalties", register_kinds(LoadTerm, label="load term", advice=_ADVICE)),
)


def register_rule(kind: str, cls: type) -> None:
    """Let rule sets holding ``cls`` rules be written to JSON and read back as the same rules.

    A rule is written as ``{"kind": kind, ...its fields}``. ``cls`` is an attrs class (its
    fields are what is written) and is registered for each protocol whose method it has:
    ``allows`` (:class:`EligibilityRule`), ``score`` (:class:`ScoreTerm`), ``penalties``
    (:class:`LoadTerm`). Registering the same kind and class again changes nothing.

    Raises:
        IctCompetenceError: ``cls`` implements none of the protocols, is not an attrs
            class, or ``kind`` or ``cls`` is registered already with another partner.

    >>> from ict_competence.serialize import from_json, to_json
    >>> @attrs.frozen
    ... class NotTheIntern:
    ...     name: str = "not the intern"
    ...
    ...     def allows(self, person: Person, instance: TaskInstance, duty: Duty) -> bool:
    ...         return person.id != "intern"
    >>> register_rule("not_the_intern_example", NotTheIntern)
    >>> rules = default_rules().extend(eligibility=[NotTheIntern()])
    >>> to_json(rules.eligibility[-1], indent=None)  # alone, a rule is a plain object
    '{"schema_version": 2, "name": "not the intern"}'
    >>> from_json(RuleSet, to_json(rules)) == rules
    True
    """
    _checks.argument("kind", kind, str)
    families = [kinds for method, kinds in _FAMILIES if callable(getattr(cls, method, None))]
    if not families:
        raise IctCompetenceError(
            f"{cls!r} is no rule: it has none of the methods allows (eligibility rule), "
            "score (score term) or penalties (load term)"
        )
    # A kind names one class in a whole rule set, whichever field it stands in.
    for _, kinds in _FAMILIES:
        owner = kinds.class_of(kind)
        if owner is not None and owner is not cls:
            raise IctCompetenceError(f"the rule kind {kind!r} is taken by {owner.__qualname__}")
    for _, kinds in _FAMILIES:
        known = kinds.kind_of(cls)
        if known is not None and known != kind:
            raise IctCompetenceError(f"{cls.__qualname__} is registered as {known!r} already")
    for kinds in families:
        kinds.register(kind, cls)


for _kind, _cls in (
    ("minimum_level", MinimumLevel),
    ("motivated", Motivated),
    ("backup_on_strategic", BackupOnStrategic),
    ("expertise_and_motivation", ExpertiseAndMotivation),
    ("keep_holders", KeepHolders),
    ("even_load", EvenLoad),
):
    register_rule(_kind, _cls)


def default_rules() -> RuleSet:
    """The default rules (DESIGN.md, "The allocation model").

    Primary: level in the task's domain >= its required level, motivation >= 1.
    Back-up, only on strategic tasks: level >= required - 1, motivation >= 1; it costs a
    tenth of the task's hours. Objective: hours × (10 + level + motivation) per primary
    plus 0.1 × hours × (level + motivation) per back-up.
    """
    return RuleSet(
        name="default",
        eligibility=(MinimumLevel(), Motivated(), BackupOnStrategic()),
        scores=(ExpertiseAndMotivation(),),
    )


def continuity_rules(holders: KeepHolders) -> RuleSet:
    """The default rules plus a bonus for keeping current holders (see :class:`KeepHolders`)."""
    _checks.argument("holders", holders, KeepHolders)
    return default_rules().extend(name="continuity", scores=(holders,))


def even_load_rules(*, weight: float = 2.0, thresholds: tuple[float, ...] = (0.5, 0.75)) -> RuleSet:
    """The default rules plus a penalty on load above shares of each person's hours."""
    return default_rules().extend(
        name="even load", load=(EvenLoad(weight=weight, thresholds=thresholds),)
    )
