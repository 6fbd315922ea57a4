"""Personal data in a school plan (GDPR / AVG): pseudonymise it, hand it over, erase it.

A plan holds personal data in its team only (names, hours, levels, motivation, school)
and refers to people elsewhere by id: in the allocation and the baseline, the roadmap's
evidence, the conversation's follow-ups and the continuity rules. Free text a school
wrote (notes, the overview's responsible column) may name people too.
"""

from __future__ import annotations

from typing import Any

import attrs

from ict_competence._checks import (
    argument,
    at_least,
    hidden,
    instance_of,
    non_blank,
    optional_of,
    tuple_of,
)
from ict_competence._log import get_logger
from ict_competence.allocation import Allocation, Person, RuleSet, Team
from ict_competence.errors import UnknownCodeError
from ict_competence.plan import _scrub
from ict_competence.plan._actions import DIRECTIE
from ict_competence.plan._plan import SchoolPlan
from ict_competence.text import count

__all__ = ["ErasureReport", "Pseudonym", "erase_person", "export_person", "pseudonymize"]

#: What a pseudonym looks like: ``person-01``, numbered in team order.
PSEUDONYM_PREFIX = "person-"
# Counts only: the ids and names this module handles are exactly what must not be logged.
_log = get_logger("plan")


@attrs.frozen
class Pseudonym:
    """Who a pseudonym stands for: the person's former id and their name.

    This is the key back to the person: keep it apart from the pseudonymised plan (another
    place, other access rights), or the plan is not pseudonymous at all. The ``repr``
    shows neither field.

    Attributes:
        id: the person's id in the original plan (ids may be personal: ``"jan.peeters"``).
        name: their name, if the team held one.

    >>> Pseudonym("jan.peeters", "Jan Peeters")
    Pseudonym(id=<id>, name=<name>)
    """

    id: str = attrs.field(repr=hidden("id"), validator=[instance_of(str, private=True), non_blank])
    name: str | None = attrs.field(
        default=None, repr=hidden("name"), validator=optional_of(str, private=True)
    )


@attrs.frozen(kw_only=True)
class ErasureReport:
    """What :func:`erase_person` changed: counts and keys, never the person's name or id.

    Attributes:
        removed_from_team: whether the person was a team member (and no longer is).
        uncovered: instance keys the person carried as primary in the allocation; each
            is now a decision (recruit if strategic, otherwise outsource).
        backups_dropped: instance keys where the person was the back-up; now without one.
        baseline_uncovered: as ``uncovered``, in the previous cycle's allocation.
        baseline_backups_dropped: as ``backups_dropped``, in the previous cycle's allocation.
        follow_ups_reassigned: topic codes of the follow-ups the person owned; the
            directie owns them now.
        evidence_replaced: roadmap evidence items that were the person's id, now ``<erased>``.
        texts_changed: notes and other free texts in which the name or id was replaced.
        continuity_removed: entries of continuity rules (``KeepHolders``) naming the person.
        reallocate: the plan has an allocation, which no longer fits the team: allocate again.
    """

    removed_from_team: bool = attrs.field(validator=instance_of(bool))
    uncovered: tuple[str, ...] = attrs.field(default=(), validator=tuple_of(str))
    backups_dropped: tuple[str, ...] = attrs.field(default=(), validator=tuple_of(str))
    baseline_uncovered: tuple[str, ...] = attrs.field(default=(), validator=tuple_of(str))
    baseline_backups_dropped: tuple[str, ...] = attrs.field(default=(), validator=tuple_of(str))
    follow_ups_reassigned: tuple[str, ...] = attrs.field(default=(), validator=tuple_of(str))
    evidence_replaced: int = attrs.field(default=0, validator=at_least(0))
    texts_changed: int = attrs.field(default=0, validator=at_least(0))
    continuity_removed: int = attrs.field(default=0, validator=at_least(0))
    reallocate: bool = attrs.field(default=False, validator=instance_of(bool))

    def __str__(self) -> str:
        lines = [
            "removed from the team" if self.removed_from_team else "not in the team",
            f"{count(len(self.uncovered), 'task instance')} uncovered, "
            f"{len(self.backups_dropped)} without their back-up",
            f"baseline: {len(self.baseline_uncovered)} uncovered, "
            f"{len(self.baseline_backups_dropped)} without their back-up",
            f"{count(len(self.follow_ups_reassigned), 'follow-up')} now owned by {DIRECTIE}",
            f"{count(self.evidence_replaced, 'evidence item')} and "
            f"{count(self.texts_changed, 'text')} changed",
            f"{count(self.continuity_removed, 'continuity entry', 'continuity entries')} removed",
        ]
        if self.reallocate:
            lines.append("the allocation no longer fits the team: allocate again")
        return "\n".join(lines)


def _others(plan: SchoolPlan) -> tuple[str, ...]:
    """Ids the plan holds of people outside the team: someone who left still holds tasks."""
    found = list(_scrub.ids_in((plan.allocation, plan.baseline)))
    for rule in _scrub.keep_holders(plan.rules):
        found += [*rule.primary.values(), *rule.backup.values()]
    members = set(plan.team.ids)
    return tuple(dict.fromkeys(person for person in found if person not in members))


def _rewritten(
    plan: SchoolPlan, rewrite: _scrub.Rewrite, team: Team
) -> tuple[SchoolPlan, _scrub.Uncovered, _scrub.Uncovered]:
    """``plan`` with every part rewritten; its allocation, if any, marked as not current."""
    allocation, uncovered = _allocation(plan.allocation, rewrite)
    baseline, baseline_uncovered = _allocation(plan.baseline, rewrite)
    new = SchoolPlan(
        name=plan.name,
        overview=rewrite.overview(plan.overview),
        team=team,
        roadmap=rewrite.session(plan.roadmap),
        allocation=allocation,
        dialogue=None if plan.dialogue is None else rewrite.record(plan.dialogue),
        baseline=baseline,
        rules=None if plan.rules is None else rewrite.rules(plan.rules),
        school_type=plan.school_type,
        # No digest of the old team (which held the names) is kept; None is never current.
        allocated_from=None,
    )
    return new, uncovered, baseline_uncovered


def _allocation(
    allocation: Allocation | None, rewrite: _scrub.Rewrite
) -> tuple[Allocation | None, _scrub.Uncovered]:
    if allocation is None:
        return None, _scrub.Uncovered()
    return rewrite.allocation(allocation)


def pseudonymize(plan: SchoolPlan) -> tuple[SchoolPlan, dict[str, Pseudonym]]:
    """The plan without names, every person id replaced by a pseudonym, and the key back.

    Ids are replaced too, as they may be personal (``"jan.peeters"``): the team's people
    become ``person-01``, ``person-02``, … in team order, and anyone else the plan still
    refers to (someone who left but holds tasks in the allocation or the baseline, or is
    kept by a continuity rule) gets the next numbers. Every place an id occurs is
    renamed alike: the team, the allocation and the baseline (assignments, hours,
    candidates), the conversation's follow-ups, the roadmap's evidence and the
    continuity rules. Names are removed from the team, and wherever a name (as written in
    the team, in any case) or an id (as a word of its own) occurs in free text (notes,
    evidence, the overview's responsible and back-up columns), it is replaced by the
    pseudonym. A nickname or misspelt name in a note cannot be found: read the notes.

    An allocation that was current stays current; the divisions are the same up to the
    renaming.

    Returns:
        The new plan, and per pseudonym the :class:`Pseudonym` it stands for (the former id
        and the name): the key back to the people, to be kept apart from the plan.

    >>> from ict_competence.allocation import Person, Team
    >>> from ict_competence.catalog import load_catalog
    >>> ann = Person(id="ann.peeters", hours=300, levels={}, motivation={}, name="Ann Peeters")
    >>> plan = SchoolPlan(name="De Linde", overview=load_catalog().overview(), team=Team((ann,)))
    >>> new, key = pseudonymize(plan.allocate())
    >>> new.team.ids, key["person-01"].id, key["person-01"].name
    (('person-01',), 'ann.peeters', 'Ann Peeters')
    >>> new.allocation_is_current, new.team.people[0].name
    (True, None)
    """
    argument("plan", plan, SchoolPlan)
    ids = (*plan.team.ids, *_others(plan))
    width = max(2, len(str(len(ids))))
    new_ids = {old: f"{PSEUDONYM_PREFIX}{n:0{width}d}" for n, old in enumerate(ids, start=1)}
    names = {p.name: new_ids[p.id] for p in plan.team.people if p.name}
    rewrite = _scrub.Rewrite(ids=new_ids, scrub=_scrub.TextScrubber(names, new_ids))
    team = Team(
        tuple(attrs.evolve(p, id=new_ids[p.id], name=None) for p in plan.team.people),
        plan.team.schools,
    )
    new, _, _ = _rewritten(plan, rewrite, team)
    if plan.allocation_is_current:
        new = attrs.evolve(new, allocated_from=new._fingerprint)
    names_of = {p.id: p.name for p in plan.team.people}
    _log.debug("pseudonymised %d people (%d outside the team)", len(ids), len(ids) - len(team.ids))
    return new, {new_ids[old]: Pseudonym(old, names_of.get(old)) for old in ids}


def _known(plan: SchoolPlan, person_id: str) -> Person | None:
    """The team member ``person_id``, or ``None`` for someone the plan refers to otherwise.

    Raises:
        UnknownCodeError: the plan holds nothing about ``person_id``.
        FieldError: ``plan`` is no SchoolPlan.
    """
    argument("plan", plan, SchoolPlan)
    if person_id in plan.team.ids:
        return plan.team.person(person_id)
    # A follow-up's owner is a team member or a catalog role (the plan checks it), and a
    # role is no person: outside the team, only the allocations and rules hold people.
    others = _others(plan)
    if person_id in others:
        return None
    raise UnknownCodeError("person", str(person_id), (*plan.team.ids, *others))


def _erasing(person_id: str, person: Person | None) -> _scrub.TextScrubber:
    """A scrubber that puts ``<erased>`` where the person's id or (team) name stands."""
    names = {person.name: _scrub.ERASED} if person is not None and person.name else {}
    return _scrub.TextScrubber(names, {person_id: _scrub.ERASED})


def _continuity(rules: RuleSet | None) -> int:
    """How many holders the continuity rules of ``rules`` keep."""
    return sum(len(rule.primary) + len(rule.backup) for rule in _scrub.keep_holders(rules))


def erase_person(plan: SchoolPlan, person_id: str) -> tuple[SchoolPlan, ErasureReport]:
    """The plan with everything about one person erased, and a report of what changed.

    Afterwards neither their name nor their id occurs in the plan (its JSON, renderings
    and action plan): the team drops them; what they carried as primary, in the
    allocation and the baseline, becomes a decision (recruit if strategic, otherwise
    outsource) that says to allocate again, and their back-up duties are left empty, so
    the allocation is no longer current; their follow-ups go to the directie (a catalog
    role); evidence items that were their id, and their name (as the team writes it, in
    any case) or id (as a word of its own) in any free text, read ``<erased>``;
    continuity rules (``KeepHolders``) drop them. A nickname or misspelling in a note
    cannot be found: read the notes. The plan's own name is kept. See ``docs/privacy.md``.

    Raises:
        UnknownCodeError: the plan holds nothing about ``person_id``.

    >>> from ict_competence.allocation import Person, Team
    >>> from ict_competence.catalog import Cluster, Domain, load_catalog
    >>> ann = Person(
    ...     id="ann", hours=300, levels={Domain.TECHNICAL: 3}, motivation={Cluster.TECHNICAL: 2}
    ... )
    >>> plan = SchoolPlan(name="De Linde", overview=load_catalog().overview(), team=Team((ann,)))
    >>> plan = plan.allocate()
    >>> new, report = erase_person(plan, "ann")
    >>> sorted(plan.allocation.assignments)  # what Ann carries
    ['TECH-01', 'TECH-05', 'TECH-16']
    >>> new.team.ids, report.uncovered
    ((), ('TECH-01', 'TECH-05', 'TECH-16'))
    >>> report.reallocate, new.allocation_is_current
    (True, False)
    """
    person = _known(plan, person_id)
    rewrite = _scrub.Rewrite(ids={person_id: None}, scrub=_erasing(person_id, person))
    team = Team(tuple(p for p in plan.team.people if p.id != person_id), plan.team.schools)
    new, uncovered, baseline_uncovered = _rewritten(plan, rewrite, team)

    _log.debug(
        "erased a person: %d instances uncovered, %d texts changed",
        len(uncovered.primary) + len(baseline_uncovered.primary),
        rewrite.scrub.changed,
    )
    return new, ErasureReport(
        removed_from_team=person is not None,
        uncovered=uncovered.primary,
        backups_dropped=uncovered.backup,
        baseline_uncovered=baseline_uncovered.primary,
        baseline_backups_dropped=baseline_uncovered.backup,
        follow_ups_reassigned=tuple(rewrite.owners_changed),
        evidence_replaced=rewrite.evidence_changed,
        texts_changed=rewrite.scrub.changed,
        continuity_removed=_continuity(plan.rules) - _continuity(new.rules),
        reallocate=new.allocation is not None,
    )


# -- the right of access -------------------------------------------------------------------


def _holding(allocation: Allocation | None, person_id: str) -> dict[str, Any] | None:
    """What one allocation holds about a person: their duties, hours and candidacies."""
    if allocation is None or person_id not in _scrub.ids_in((allocation,)):
        return None
    primary, backup, candidate = [], [], []
    for info in allocation.instances:
        held = allocation.assignments.get(info.key)
        task = {"key": info.key, "code": info.code}
        if held is not None and held.primary == person_id:
            primary.append({**task, "hours": info.hours})
        if held is not None and held.backup == person_id:
            backup.append({**task, "hours": info.backup_hours})
        for found in info.candidates:
            if found.person == person_id:
                candidate.append(
                    {
                        **task,
                        "level": found.level,
                        "motivation": found.motivation,
                        "score": found.score,
                    }
                )
    return {
        "hours_available": allocation.capacity.get(person_id),
        "hours_used": allocation.load.get(person_id, 0.0),
        "primary": primary,
        "backup": backup,
        "candidate_for": candidate,
    }


def _team_entry(person: Person | None) -> dict[str, Any] | None:
    if person is None:
        return None
    return {
        "name": person.name,
        "school": person.school,
        "hours": person.hours,
        "levels": {domain.value: level for domain, level in person.levels.items()},
        "motivation": {cluster.value: m for cluster, m in person.motivation.items()},
    }


def _mentions(plan: SchoolPlan, person_id: str, scrub: _scrub.TextScrubber) -> dict[str, Any]:
    """The free texts and references of the plan outside its team that name the person."""
    overview = [
        {"code": c.code, "responsible": c.responsible, "backup": c.backup, "notes": c.notes}
        for c in plan.overview.choices
        if any(
            text.strip() == person_id or scrub.mentions(text)
            for text in (c.responsible, c.backup, c.notes)
        )
    ]
    roadmap = []
    for move in plan.roadmap.history:
        evidence = move.evidence
        written = [move.note or ""]
        if evidence is not None:
            written += [evidence.basis, *(f for f in evidence.facts.values() if isinstance(f, str))]
        named = person_id in (evidence.items if evidence is not None else ()) or any(
            scrub.mentions(text) for text in written
        )
        if named:
            roadmap.append(
                {
                    "step": move.step,
                    "note": move.note,
                    "source": None if evidence is None else evidence.source,
                    "basis": None if evidence is None else evidence.basis,
                    "items": [] if evidence is None else list(evidence.items),
                    "facts": {} if evidence is None else dict(evidence.facts),
                }
            )
    follow_ups, notes = [], []
    for entry in () if plan.dialogue is None else plan.dialogue.entries:
        notes += [{"topic": entry.topic, "note": n} for n in entry.notes if scrub.mentions(n)]
        for action in entry.actions:
            texts = (getattr(action, field) for field in _scrub.FOLLOW_UP_TEXTS)
            if action.owner == person_id or any(scrub.mentions(t) for t in texts):
                follow_ups.append({"topic": entry.topic} | attrs.asdict(action))
    return {
        "overview": overview,
        "roadmap": roadmap,
        "conversation_notes": notes,
        "follow_ups": follow_ups,
    }


def _actions(plan: SchoolPlan, person_id: str) -> list[dict[str, Any]]:
    """The actions of the plan's action plan the person owns or that are about them."""
    return [
        {
            "source": action.source.value,
            "reference": action.reference,
            "owner": action.owner,
            "description": action.description.en or action.description.nl,
            "hours": action.hours,
        }
        for action in plan.action_plan()
        if person_id in (action.owner, action.reference)
    ]


def _continuity_of(plan: SchoolPlan, person_id: str) -> list[dict[str, str]]:
    """The entries of the plan's continuity rules that keep the person on a task."""
    return [
        {"rule": rule.name, "key": key, "duty": duty}
        for rule in _scrub.keep_holders(plan.rules)
        for duty, holders in (("primary", rule.primary), ("backup", rule.backup))
        for key, holder in holders.items()
        if holder == person_id
    ]


def export_person(plan: SchoolPlan, person_id: str) -> dict[str, Any]:
    """Everything the plan holds about one person, as plain data (the right of access).

    The result is JSON-serialisable (``json.dumps`` takes it): their team entry (name,
    school, hours, levels, motivation), what the allocation and the baseline give them
    (primary and back-up instances with hours, the instances they were a candidate for
    with their level, motivation and score), their row of the evaluation, the actions of
    the action plan they own or that are about them, the continuity rules that keep them,
    and the free texts that name them (by their name as the team writes it, or their id).
    A nickname in a note cannot be found: read the notes as well.

    Raises:
        UnknownCodeError: the plan holds nothing about ``person_id``.

    >>> import json
    >>> from ict_competence.allocation import Person, Team
    >>> from ict_competence.catalog import Cluster, Domain, load_catalog
    >>> levels, motivation = {Domain.TECHNICAL: 3}, {Cluster.TECHNICAL: 2}
    >>> ann = Person(id="ann", hours=300, levels=levels, motivation=motivation, name="Ann Peeters")
    >>> plan = SchoolPlan(name="De Linde", overview=load_catalog().overview(), team=Team((ann,)))
    >>> data = export_person(plan.allocate(), "ann")
    >>> data["team"]["name"], data["allocation"]["primary"][0]
    ('Ann Peeters', {'key': 'TECH-01', 'code': 'TECH-01', 'hours': 120.0})
    >>> json.loads(json.dumps(data)) == data
    True
    """
    person = _known(plan, person_id)
    scrub = _erasing(person_id, person)
    evaluation = None
    if plan.allocation is not None:
        loads = [load for load in plan.evaluate().loads if load.person == person_id]
        evaluation = attrs.asdict(loads[0]) | {"share": loads[0].share} if loads else None
    return {
        "id": person_id,
        "team": _team_entry(person),
        "allocation": _holding(plan.allocation, person_id),
        "baseline": _holding(plan.baseline, person_id),
        "evaluation": evaluation,
        "actions": _actions(plan, person_id),
        "continuity": _continuity_of(plan, person_id),
        **_mentions(plan, person_id, scrub),
    }
