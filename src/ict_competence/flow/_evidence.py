"""Answering roadmap steps from data: the evidence an answer rests on and the Assessor protocol."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

import attrs

from ict_competence._checks import hidden, instance_of, non_blank, tuple_of
from ict_competence.flow._enums import Answer
from ict_competence.flow._model import step_number

if TYPE_CHECKING:
    from ict_competence.flow._session import RoadmapSession

__all__ = ["Assessment", "Assessor", "Evidence"]


@attrs.frozen(kw_only=True)
class Evidence:
    """What an answer was based on, when data rather than a person gave it.

    Attributes:
        source: who or what answered, for example ``"plan.team"``.
        basis: the reasoning in words, for the school to read back later (may name
            people: the ``repr`` hides it).
        items: the codes or ids the answer rests on (task codes, pseudonymous person ids).

    >>> Evidence(source="plan.team", basis="no one can take TECH-04", items=("TECH-04",))
    Evidence(source='plan.team', basis=<basis>, items=('TECH-04',))
    """

    source: str = attrs.field(validator=non_blank)
    basis: str = attrs.field(
        validator=[instance_of(str, private=True), non_blank], repr=hidden("basis")
    )
    items: tuple[str, ...] = attrs.field(default=(), validator=tuple_of(str))


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
