"""The closed vocabularies of the roadmap: kinds of step, phases, actors, answers, variants."""

from __future__ import annotations

from ict_competence._content import read_labels
from ict_competence.text import Labelled

__all__ = ["Actor", "Answer", "Phase", "SessionStatus", "StepKind", "Variant"]


class StepKind(Labelled):
    """What a step asks of the school.

    A ``CHECK`` is a yes/no question, an ``ACTION`` something to do (steps 5 and 7),
    the ``EVALUATION`` the closing step (8) from which steps are revisited.

    >>> StepKind("check").accepts
    'answer(yes=True) or answer(yes=False)'
    """

    CHECK = "check"
    ACTION = "action"
    EVALUATION = "evaluation"

    @property
    def accepts(self) -> str:
        """The session moves a step of this kind accepts, in the words of the error messages."""
        if self is StepKind.CHECK:
            return "answer(yes=True) or answer(yes=False)"
        if self is StepKind.ACTION:
            return "complete()"
        return "complete() or revisit(step)"


class Phase(Labelled):
    """The three stages of the roadmap: steps 1–3, 4–6 and 7–8."""

    PRECONDITIONS = "preconditions"
    PEOPLE_AND_MEANS = "people_and_means"
    EXECUTION_AND_EVALUATION = "execution_and_evaluation"


class Actor(Labelled):
    """Who an advice is for: the school's leadership (directie) or the ICT coordinator.

    >>> Actor.ICT_COORDINATOR.label.nl
    'ICT-coördinator'
    """

    DIRECTIE = "directie"
    ICT_COORDINATOR = "ict_coordinator"


class Answer(Labelled):
    """Which branch of a step is taken: ``YES`` or ``NO`` on a check, ``DONE`` otherwise.

    >>> Answer.NO.label.nl
    'Nee'
    """

    YES = "yes"
    NO = "no"
    DONE = "done"


class Variant(Labelled):
    """The form of step 5 that step 4 chose: one school on its own, or the school group."""

    SINGLE_SCHOOL = "single_school"
    SCHOOL_GROUP = "school_group"


class SessionStatus(Labelled):
    """Where a roadmap session stands.

    ``PAUSED``: a precondition (steps 1–3) was answered "no"; the school works on it
    and answers the same step again. ``CYCLE_COMPLETE``: the evaluation is done;
    only a revisit starts a new cycle.
    """

    IN_PROGRESS = "in_progress"
    PAUSED = "paused"
    CYCLE_COMPLETE = "cycle_complete"


# The labels are content: Dutch from the sources, in data/labels.toml.
read_labels("ict_competence.flow", StepKind, Phase, Actor, Answer, Variant, SessionStatus)
