"""The plan's closed vocabularies: where an action of the action plan comes from."""

from __future__ import annotations

from ict_competence.text import Labelled, LocalizedText, set_labels

__all__ = ["ActionSource"]


class ActionSource(Labelled):
    """What an action of the action plan comes from.

    ``ADVICE``: the roadmap's advice gathered this cycle. ``DECISION``: the allocation's
    decision to recruit or outsource a task nobody in the team takes. ``FOLLOW_UP``: a
    follow-up the team agreed on in a conversation. ``FINDING``: the evaluation's finding
    of a single point of failure or an overloaded person.

    >>> ActionSource.FOLLOW_UP.label.nl
    'Afspraak uit het gesprek'
    """

    ADVICE = "advice"
    DECISION = "decision"
    FOLLOW_UP = "follow_up"
    FINDING = "finding"


set_labels(
    ActionSource,
    {
        ActionSource.ADVICE: LocalizedText("Advies van het stappenplan", "Roadmap advice"),
        ActionSource.DECISION: LocalizedText(
            "Beslissing van de taakverdeling", "Allocation decision"
        ),
        ActionSource.FOLLOW_UP: LocalizedText("Afspraak uit het gesprek", "Agreed follow-up"),
        ActionSource.FINDING: LocalizedText("Bevinding van de evaluatie", "Evaluation finding"),
    },
)
