"""Rewriting the person ids and names a school plan holds: the machinery behind _privacy.

A :class:`Rewrite` says what becomes of each person id (a new id, or erased) and how free
text is scrubbed; the functions here apply it to each part of a plan, and count what
they changed so that the caller can report it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

import attrs

from ict_competence.allocation import (
    Allocation,
    Assignment,
    Decision,
    DecisionKind,
    KeepHolders,
    Reason,
    ReasonKind,
    RuleSet,
)
from ict_competence.catalog import TaskOverview
from ict_competence.dialogue import DialogueRecord
from ict_competence.flow import Evidence, RoadmapSession
from ict_competence.plan._actions import DIRECTIE

__all__ = ["ERASED", "FOLLOW_UP_TEXTS", "Rewrite", "TextScrubber", "Uncovered"]

#: What stands where an erased person's id or name was: in evidence, notes and overview.
ERASED = "<erased>"
#: The free-text fields of a conversation's follow-up (an ``Action``): what erasure scrubs
#: and what the right of access searches for the person, alike.
FOLLOW_UP_TEXTS = ("description", "timeframe", "resources", "success_criterion")


class TextScrubber:
    """Replaces names (in any case) and ids (exactly), each as a word of its own, in free text.

    It counts the texts it changed. A name is found only as it is written in the team:
    a nickname or a misspelling cannot be recognised, and a name inside another word
    ("An" in "Annemie") is no mention of it.

    >>> scrub = TextScrubber({"Jan Peeters": "person-01", "An": "person-02"}, {"jp": "person-01"})
    >>> scrub("JAN PEETERS (jp) belt jpeg terug"), scrub.changed
    ('person-01 (person-01) belt jpeg terug', 1)
    >>> scrub("Planning met Annemie en An")
    'Planning met Annemie en person-02'
    """

    def __init__(self, names: Mapping[str, str], ids: Mapping[str, str]) -> None:
        self.changed = 0
        # Longest first, so "Jan Peeters" is replaced whole before "Jan" could match in it.
        found = sorted(
            [(name.strip(), new, False) for name, new in names.items() if name.strip()]
            + [(person, new, True) for person, new in ids.items()],
            key=lambda entry: len(entry[0]),
            reverse=True,
        )
        self._replacements = [new for _text, new, _is_id in found]
        parts = [
            # Both are words of their own ("p1" in "p1 neemt het op", not in "step1"; "An"
            # in "en An", not in "Planning"), and ids are exact: case-sensitive, unlike names.
            rf"(?P<i{n}>(?-i:(?<!\w){re.escape(text)}(?!\w)))"
            if is_id
            else rf"(?P<n{n}>(?<!\w){re.escape(text)}(?!\w))"
            for n, (text, _new, is_id) in enumerate(found)
        ]
        self._pattern = re.compile("|".join(parts), re.IGNORECASE) if parts else None

    def _replacement(self, match: re.Match[str]) -> str:
        # Every alternative is a named group, ``n<index>`` or ``i<index>``.
        return self._replacements[int(str(match.lastgroup)[1:])]

    def __call__(self, text: str) -> str:
        """``text`` with every name and id replaced; counted when anything changed."""
        if self._pattern is None or not text:
            return text
        new = self._pattern.sub(self._replacement, text)
        if new != text:
            self.changed += 1
        return new

    def mentions(self, text: str) -> bool:
        """Whether ``text`` holds one of the names or ids (nothing is counted)."""
        return self._pattern is not None and self._pattern.search(text) is not None


@attrs.frozen
class Uncovered:
    """The instance keys an erased person held in one allocation, as primary or back-up."""

    primary: tuple[str, ...] = ()
    backup: tuple[str, ...] = ()


@attrs.define
class Rewrite:
    """What becomes of each person id (a new id, or ``None``: erased) and of free text.

    Attributes:
        ids: old id -> new id, or ``None`` for an erased person.
        scrub: replaces names and ids in free text.
        evidence_changed: how many evidence items were replaced (counted as it goes).
        owners_changed: the topic codes of the follow-ups whose owner was erased.
    """

    ids: Mapping[str, str | None]
    scrub: TextScrubber
    evidence_changed: int = 0
    owners_changed: list[str] = attrs.field(factory=list)

    def person(self, person_id: str) -> str | None:
        """The new id of ``person_id``: itself when not rewritten, ``None`` when erased."""
        return self.ids.get(person_id, person_id)

    # -- the overview, roadmap and conversation --------------------------------------------

    def overview(self, overview: TaskOverview) -> TaskOverview:
        """The overview with its responsible, back-up and notes columns scrubbed."""
        choices = tuple(
            attrs.evolve(
                choice,
                responsible=self._holder(choice.responsible),
                backup=self._holder(choice.backup),
                notes=self.scrub(choice.notes),
            )
            for choice in overview.choices
        )
        return attrs.evolve(overview, choices=choices)

    def _holder(self, text: str) -> str:
        # The column holds an id (KeepHolders.from_overview reads it so) or a name.
        if text.strip() in self.ids:
            self.scrub.changed += 1
            return self.person(text.strip()) or ERASED
        return self.scrub(text)

    def session(self, session: RoadmapSession) -> RoadmapSession:
        """The session with its notes and evidence rewritten."""
        moves = tuple(
            attrs.evolve(
                move,
                note=None if move.note is None else self.scrub(move.note),
                evidence=None if move.evidence is None else self._evidence(move.evidence),
            )
            for move in session.history
        )
        return attrs.evolve(session, history=moves)

    def _evidence(self, evidence: Evidence) -> Evidence:
        items = []
        for item in evidence.items:
            if item in self.ids:
                self.evidence_changed += 1
                items.append(self.person(item) or ERASED)
            else:
                items.append(item)
        # The basis and the facts that are a school's own text (a rule set's name).
        return attrs.evolve(evidence.replace_text(self.scrub), items=tuple(items))

    def record(self, record: DialogueRecord) -> DialogueRecord:
        """The record with its notes and follow-ups rewritten; erased owners become the directie."""
        entries = []
        for entry in record.entries:
            actions = []
            for action in entry.actions:
                owner = self.person(action.owner)
                if owner is None:
                    self.owners_changed.append(entry.topic)
                    owner = DIRECTIE
                changes = {field: self.scrub(getattr(action, field)) for field in FOLLOW_UP_TEXTS}
                actions.append(attrs.evolve(action, owner=owner, **changes))
            notes = tuple(self.scrub(note) for note in entry.notes)
            entries.append(attrs.evolve(entry, notes=notes, actions=tuple(actions)))
        return attrs.evolve(record, entries=tuple(entries))

    # -- rules and allocations ---------------------------------------------------------------

    def rules(self, rules: RuleSet) -> RuleSet:
        """The rule set with its name scrubbed and the holders of its continuity terms rewritten.

        Only :class:`~ict_competence.allocation.KeepHolders` is known to hold person ids; a
        rule of one's own that holds them is left as it is. The name is a school's own
        text, and the roadmap's evidence repeats it.
        """

        def holders(mapping: Mapping[str, str]) -> dict[str, str]:
            renamed = {key: self.person(person) for key, person in mapping.items()}
            return {key: person for key, person in renamed.items() if person is not None}

        def term(rule: object) -> object:
            if isinstance(rule, KeepHolders):
                return attrs.evolve(
                    rule, primary=holders(rule.primary), backup=holders(rule.backup)
                )
            return rule

        return attrs.evolve(
            rules,
            name=self.scrub(rules.name),
            eligibility=tuple(term(rule) for rule in rules.eligibility),
            scores=tuple(term(rule) for rule in rules.scores),
            load=tuple(term(rule) for rule in rules.load),
        )

    def allocation(self, allocation: Allocation) -> tuple[Allocation, Uncovered]:
        """The allocation with ids renamed; an erased person's instances are uncovered.

        What an erased person carried as primary becomes a decision (strategic → recruit,
        otherwise → outsource, as ``allocate`` decides) whose reason says to allocate
        again, and their back-up duties are left empty. The objective and bound stay those
        of the allocation as it was made.
        """
        assignments: dict[str, Assignment] = {}
        decisions: dict[str, Decision] = dict(allocation.decisions)
        primary, backup = [], []
        for info in allocation.instances:
            held = allocation.assignments.get(info.key)
            if held is None:
                continue
            first, second = self.person(held.primary), None
            if held.backup is not None:
                second = self.person(held.backup)
                if second is None:
                    backup.append(info.key)
            if first is None:
                primary.append(info.key)
                decisions[info.key] = _redecided(info.strategic)
            else:
                assignments[info.key] = Assignment(first, second)
        decisions = {
            k: attrs.evolve(d, reason=d.reason.replace_text(self.scrub))
            for k, d in decisions.items()
        }
        capacity = {
            new: hours for old, hours in allocation.capacity.items() if (new := self.person(old))
        }
        instances = tuple(
            attrs.evolve(
                info,
                candidates=tuple(
                    attrs.evolve(candidate, person=new)
                    for candidate in info.candidates
                    if (new := self.person(candidate.person)) is not None
                ),
            )
            for info in allocation.instances
        )
        instances = tuple(
            attrs.evolve(new, eligible=old.eligible - (len(old.candidates) - len(new.candidates)))
            for old, new in zip(allocation.instances, instances, strict=True)
        )
        result = attrs.evolve(
            allocation,
            assignments=assignments,
            decisions=decisions,
            capacity=capacity,
            instances=instances,
            rules=self.scrub(allocation.rules),  # the rule set's name, a school's own text
        )
        return result, Uncovered(primary=tuple(primary), backup=tuple(backup))


def _redecided(strategic: bool) -> Decision:
    kind = DecisionKind.for_task(strategic=strategic)
    return Decision(kind, Reason(ReasonKind.HOLDER_ERASED))


def ids_in(allocations: Iterable[Allocation | None]) -> tuple[str, ...]:
    """The person ids the allocations hold, each once, in order of first appearance."""
    found: dict[str, None] = {}
    for allocation in allocations:
        if allocation is None:
            continue
        found.update(dict.fromkeys(allocation.capacity))
        for assignment in allocation.assignments.values():
            found.update(dict.fromkeys(p for p in (assignment.primary, assignment.backup) if p))
    return tuple(found)


def keep_holders(rules: RuleSet | None) -> tuple[KeepHolders, ...]:
    """The continuity terms of a rule set: the rules known to hold person ids."""
    if rules is None:
        return ()
    every: tuple[object, ...] = (*rules.eligibility, *rules.scores, *rules.load)
    return tuple(rule for rule in every if isinstance(rule, KeepHolders))
