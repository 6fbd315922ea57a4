"""Answering roadmap steps from data: the evidence an answer rests on and the Assessor protocol.

An answer worked out from data carries its :class:`Evidence`: who answered (``source``),
the reasoning in free words (``basis``) and the codes or ids it rests on (``items``). The
library's own answers (the school plan's, for steps 5–8) say what they found as data too:
an :class:`EvidenceKind` and its ``facts`` (counts, shares, the rules' name), which a page
words in its own language, as the allocation's reasons are. Evidence without a kind (an
assessor of one's own) is shown as its basis.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Protocol

import attrs

from ict_competence._checks import hidden, instance_of, non_blank, optional_of, tuple_of
from ict_competence._frozen import frozen_map
from ict_competence.errors import FieldError
from ict_competence.flow._enums import Answer
from ict_competence.flow._model import step_number
from ict_competence.text import Coded

if TYPE_CHECKING:
    from ict_competence.flow._session import RoadmapSession

__all__ = ["Assessment", "Assessor", "Evidence", "EvidenceKind"]

#: A fact's value: text, or a number (a count, a share).
Fact = str | int | float


class EvidenceKind(Coded):
    """What evidence found, each kind with its facts (``Evidence.facts``) and its words.

    - ``TAILORED`` (step 5, ``plan.overview``): ``changed`` of the overview's ``tasks``
      task choices differ from the catalog's default (for ``school_type``, when the plan
      has one); the items are the codes of the changed tasks.
    - ``EXPERTISE_PRESENT`` (step 6 yes, ``plan.team``): each of the ``instances`` active
      task instances has someone who may be its primary under the ``rules`` (the rule
      set's name); the items are the ids of those who may.
    - ``EXPERTISE_MISSING`` (step 6 no, ``plan.team``): ``without_primary`` of the
      ``instances`` have nobody who may be their primary under the ``rules``; allocating
      recruits for ``recruit`` of them and outsources ``outsource``; the items are their keys.
    - ``DIVIDED`` (step 7, ``plan.allocation``): the allocation covers the share
      ``coverage`` of the task hours, the items (``carriers`` people) carry tasks, and
      ``recruit`` and ``outsource`` instances are left to be recruited or outsourced.
    - ``EVALUATED`` (step 8, ``plan.evaluation``): the evaluation's ``coverage``, the
      number of ``uncovered`` instances, of ``single_points_of_failure`` and of
      ``overloaded`` people, the ``strategic_share`` one person holds, and whether the
      ``allocation`` was ``"current"`` or ``"stale"``; the items are those keys and ids.
    """

    TAILORED = "tailored"
    EXPERTISE_PRESENT = "expertise_present"
    EXPERTISE_MISSING = "expertise_missing"
    DIVIDED = "divided"
    EVALUATED = "evaluated"


# What a fact may hold: a count, a share (0 to 1), free text (a school's own words, which
# the privacy functions scrub), a code (a school type's value), or one of a few texts.
_COUNT, _SHARE = "a whole number, not negative", "a share from 0 to 1"
_TEXT, _CODE = "text", "a code"
_ALLOCATION = ("current", "stale")
_Wanted = str | tuple[str, ...]
#: Per kind: its facts and what each holds. ``school_type`` of ``TAILORED`` is optional.
FACTS: Mapping[EvidenceKind, Mapping[str, _Wanted]] = {
    EvidenceKind.TAILORED: {"changed": _COUNT, "tasks": _COUNT, "school_type": _CODE},
    EvidenceKind.EXPERTISE_PRESENT: {"instances": _COUNT, "rules": _TEXT},
    EvidenceKind.EXPERTISE_MISSING: {
        "without_primary": _COUNT,
        "instances": _COUNT,
        "rules": _TEXT,
        "recruit": _COUNT,
        "outsource": _COUNT,
    },
    EvidenceKind.DIVIDED: {
        "coverage": _SHARE,
        "carriers": _COUNT,
        "recruit": _COUNT,
        "outsource": _COUNT,
    },
    EvidenceKind.EVALUATED: {
        "coverage": _SHARE,
        "uncovered": _COUNT,
        "single_points_of_failure": _COUNT,
        "overloaded": _COUNT,
        "strategic_share": _SHARE,
        "allocation": _ALLOCATION,
    },
}
_OPTIONAL = frozenset({(EvidenceKind.TAILORED, "school_type")})


def _fits(value: object, wanted: _Wanted) -> bool:
    if isinstance(value, bool):
        return False
    if wanted == _COUNT:
        return isinstance(value, int) and value >= 0
    if wanted == _SHARE:
        return isinstance(value, int | float) and math.isfinite(value) and 0 <= value <= 1
    if wanted in (_TEXT, _CODE):
        return isinstance(value, str) and bool(value.strip())
    return value in wanted


def _facts_repr(facts: Mapping[str, Fact]) -> str:
    # A free text (the rules' name) is a school's own: kept out of reprs as notes are.
    shown = ", ".join(
        f"{name!r}: {'<text>' if isinstance(value, str) else repr(value)}"
        for name, value in facts.items()
    )
    return "{" + shown + "}"


def _refusal(fact: object, wanted: _Wanted) -> str:
    """What a refused fact's message says; a text is shown only where a few are allowed."""
    if isinstance(wanted, tuple):
        return f"expected one of {', '.join(map(repr, wanted))}, found {fact!r}"
    if isinstance(fact, str):
        return f"expected {wanted}, found {'text' if fact.strip() else 'blank text'}"
    return f"expected {wanted}, found {fact!r}"


@attrs.frozen(kw_only=True)
class Evidence:
    """What an answer was based on, when data rather than a person gave it.

    Attributes:
        source: who or what answered, for example ``"plan.team"``.
        basis: the reasoning in words, for the school to read back later (may name
            people: the ``repr`` hides it). The library writes it in English, for the REPL;
            its pages word the ``kind`` and ``facts`` instead.
        items: the codes or ids the answer rests on (task codes, pseudonymous person ids).
        kind: what was found, when the answer's facts are given as data; ``None`` for
            evidence in words alone, which every page shows as its basis.
        facts: the values the kind's words need (:class:`EvidenceKind` lists them): counts,
            shares from 0 to 1, and texts; empty without a kind.

    >>> Evidence(source="plan.team", basis="no one can take TECH-04", items=("TECH-04",))
    Evidence(source='plan.team', basis=<basis>, items=('TECH-04',), kind=None, facts={})
    >>> Evidence(
    ...     source="plan.team",
    ...     basis="all covered",
    ...     kind=EvidenceKind.EXPERTISE_PRESENT,
    ...     facts={"instances": 3},
    ... )
    Traceback (most recent call last):
    ...
    ict_competence.errors.FieldError: facts: expertise_present evidence needs rules
    """

    source: str = attrs.field(validator=non_blank)
    basis: str = attrs.field(
        validator=[instance_of(str, private=True), non_blank], repr=hidden("basis")
    )
    items: tuple[str, ...] = attrs.field(default=(), validator=tuple_of(str))
    kind: EvidenceKind | None = attrs.field(default=None, validator=optional_of(EvidenceKind))
    facts: Mapping[str, Fact] = attrs.field(
        factory=dict, converter=frozen_map, hash=False, repr=_facts_repr
    )

    @facts.validator
    def _facts_fit(self, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, Mapping):
            raise FieldError(attribute.name, f"expected a mapping, found {type(value).__name__}")
        if self.kind is None:
            if value:
                raise FieldError(attribute.name, "facts need a kind: give kind= as well")
            return
        wanted = FACTS[self.kind]
        missing = [
            name for name in wanted if name not in value and (self.kind, name) not in _OPTIONAL
        ]
        if missing:
            raise FieldError(
                attribute.name, f"{self.kind.value} evidence needs {', '.join(missing)}"
            )
        for name, fact in value.items():
            where = f"{attribute.name}.{name}"
            if name not in wanted:
                raise FieldError(where, f"{self.kind.value} evidence has no fact {name!r}")
            if not _fits(fact, wanted[name]):
                raise FieldError(where, _refusal(fact, wanted[name]))

    def replace_text(self, function: Callable[[str], str]) -> Evidence:
        """This evidence with its free text rewritten: the basis and the facts that are text.

        The privacy functions use it to scrub names and ids; a fact that holds one of a
        few fixed texts (a school type) is left as it is.

        Raises:
            FieldError: ``function`` is not callable.
        """
        if not callable(function):
            raise FieldError("function", f"expected a function of a str, found {function!r}")
        wanted = FACTS.get(self.kind, {}) if self.kind is not None else {}
        facts = {
            name: function(fact) if wanted.get(name) == _TEXT and isinstance(fact, str) else fact
            for name, fact in self.facts.items()
        }
        return attrs.evolve(self, basis=function(self.basis), facts=facts)


@attrs.frozen(kw_only=True)
class Assessment:
    """An answer to one step worked out from data, with the evidence for it.

    Attributes:
        step: the step the answer is for; a session refuses it at any other step.
        answer: ``YES`` or ``NO`` for a check, ``DONE`` for an action or the evaluation.
        evidence: what the answer rests on.
    """

    step: int = attrs.field(validator=step_number)
    answer: Answer = attrs.field(validator=instance_of(Answer))
    evidence: Evidence = attrs.field(validator=instance_of(Evidence))


class Assessor(Protocol):
    """Anything that can answer a roadmap step from its own data.

    Other packages implement it: the school plan answers step 6 (is the expertise
    present?) from the team, and completes step 5 from the tailored task overview.
    An assessor looks at ``session.current`` (and ``session.variant``) and returns an
    :class:`Assessment` for that step, or ``None`` when it has nothing to say there;
    :meth:`RoadmapSession.assess` then records the answer with its evidence.

    >>> from ict_competence.flow import Answer, RoadmapSession
    >>> class AlwaysReady:
    ...     def assess(self, session: RoadmapSession) -> Assessment | None:
    ...         if session.current.number != 1:
    ...             return None
    ...         evidence = Evidence(source="survey", basis="the staff survey says yes")
    ...         return Assessment(step=1, answer=Answer.YES, evidence=evidence)
    >>> RoadmapSession.start().assess(AlwaysReady()).current.number
    2
    """

    def assess(self, session: RoadmapSession, /) -> Assessment | None:
        """An answer for the session's current step, or ``None`` to leave it to someone else."""
        ...  # pragma: no cover - a protocol has no behaviour of its own
