"""Reasons in words: the allocation's decisions, refusals and explanations in a page's language.

The allocation says why with a :class:`~ict_competence.allocation.Reason` (a kind and its
parameters); here it is worded from the word table (``data/words.toml``: ``reason_<kind>``,
and ``reason_<kind>_one`` where one person reads differently from several). A domain or a
cluster is shown by its label, a rule by its words where the table has them
(``rule_<name>``, for the built-in rules) and by its name otherwise, and a reason of kind
``custom`` (words a third-party rule gave) as it is. Every page and sheet that shows a
reason words it through :func:`word_reason` or :func:`word_decision`, never with the
English of ``Reason.text``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from ict_competence.catalog import Cluster, Domain
from ict_competence.renderers._words import label, number, words
from ict_competence.text import Language

if TYPE_CHECKING:
    from ict_competence.allocation import Decision, Explanation, Reason

__all__ = ["word_decision", "word_explanation", "word_reason", "word_rule"]

_ENUMS = {"domain": Domain, "cluster": Cluster}
# The prefixes of the word table's keys for reasons, decisions and rules: a kind's value,
# a decision kind's value or a rule's name follows.
_REASON, _WHY, _RULE = "reason_", "decision_why_", "rule_"


def _say(word: str, language: Language, /, **values: object) -> str:
    """The table's word ``word`` with ``values`` put in its places (``{count}``)."""
    return label(word, language).format_map(values)


def word_rule(name: str, language: Language = "nl") -> str:
    """A rule's name as a page shows it: the table's words for a built-in rule, else the name.

    >>> word_rule("level"), word_rule("level", "en"), word_rule("no interns")
    ('niveau', 'level', 'no interns')
    """
    key = _RULE + re.sub(r"\W+", "_", name.strip().lower())
    return label(key, language) if key in words() else name


def _param(name: str, value: object, language: Language) -> str:
    known = _ENUMS.get(name)
    if known is not None:
        return known(value).label.get(language)
    if name == "rule":
        return word_rule(str(value), language)
    if isinstance(value, float):
        return number(value, language)
    return str(value)


def word_reason(reason: Reason | str, language: Language = "nl") -> str:
    """A reason in the page's language; a plain ``str`` (or a ``custom`` reason) as it is.

    >>> from ict_competence.allocation import Reason, ReasonKind
    >>> below = Reason(ReasonKind.BELOW_LEVEL, {"needed": 3, "has": 1, "domain": "technical"})
    >>> word_reason(below), word_reason(below, "en")
    ('heeft niveau 1 in Technisch, nodig is 3', 'has level 1 in Technical, needs 3')
    >>> word_reason(Reason(ReasonKind.NO_ROOM, {"people": 1, "school": "noord"}))
    'De enige persoon in noord die de taak mag opnemen, heeft er geen uren meer voor'
    """
    if isinstance(reason, str):
        return reason
    kind = reason.kind.value
    if kind == "custom":
        return str(reason.params["text"])
    values = {name: _param(name, value, language) for name, value in reason.params.items()}
    school = reason.params.get("school")
    values["where"] = (
        _say("reason_where_team", language)
        if school is None
        else _say("reason_where_school", language, school=school)
    )
    values["parts"] = ", ".join(word_reason(part, language) for part in reason.parts)
    key = _REASON + kind
    if reason.params.get("people") == 1 and f"{key}_one" in words():
        key = f"{key}_one"
    return _say(key, language, **values)


def word_decision(decision: Decision, language: Language = "nl") -> str:
    """Why a task is to be recruited or outsourced, and what roadmap step 6 says to do.

    A ``custom`` reason (a rule's own words, or a sentence of an older file that could not
    be read back into a kind) is shown as it is, alone.

    >>> from ict_competence.allocation import Decision, DecisionKind, Reason, ReasonKind
    >>> word_decision(Decision(DecisionKind.OUTSOURCE, Reason(ReasonKind.NOBODY_THERE)), "en")
    'Nobody in the team could take it: there is no one there; it is not a strategic task: outsource it (roadmap step 6).'
    """  # noqa: E501 - a doctest's output is one line
    reason = word_reason(decision.reason, language)
    if decision.reason.kind.value == "custom":
        return reason
    why = label(_WHY + decision.kind.value, language)
    return _say("decision_reason", language, reason=reason, why=why)


def word_explanation(
    explanation: Explanation,
    language: Language = "nl",
    party: Callable[[str], str] = str,
    *,
    head: bool = True,
) -> str:
    """An explanation of :meth:`Allocation.explain` in the page's language.

    Args:
        explanation: what ``explain(key)`` returned.
        language: the page's language.
        party: how the page names a person (by id unless the page shows names).
        head: whether to start with who takes the task (or the decision) and the back-up;
            a table that has columns for those leaves them out.
    """
    info = explanation.instance
    chosen, decision = explanation.chosen, explanation.decision
    lines = []
    if head:
        lines.extend(_head(explanation, language, party))
    if explanation.primary is not None and chosen is not None:
        lines.append(
            _say(
                "explain_fit",
                language,
                level=chosen.level,
                domain=info.domain.label.get(language),
                needed=info.required_level,
                motivation=chosen.motivation,
                cluster=info.cluster.label.get(language),
                score=number(chosen.score, language),
            )
        )
    if head and explanation.primary is not None:
        if explanation.backup is not None:
            lines.append(_say("explain_backup", language, person=party(explanation.backup)))
        elif info.strategic:
            lines.append(label("explain_no_backup", language))
    lines.extend(_others(explanation, language, party))
    kept_out = decision is not None and decision.reason.kind.value == "kept_out"
    if explanation.refused and not kept_out:
        rules = ", ".join(
            _say("explain_rule_count", language, rule=word_rule(rule, language), people=count)
            for rule, count in sorted(explanation.refused.items())
        )
        lines.append(_say("explain_kept_out", language, rules=rules))
    return " ".join(lines)


def _head(explanation: Explanation, language: Language, party: Callable[[str], str]) -> list[str]:
    info, decision = explanation.instance, explanation.decision
    if explanation.primary is not None:
        hours = number(info.hours, language)
        return [_say("explain_takes", language, person=party(explanation.primary), hours=hours)]
    if decision is not None:
        what = label(decision.kind.value, language)
        reason = word_decision(decision, language)
        return [_say("explain_decision", language, key=info.key, decision=what, reason=reason)]
    return []


def _others(explanation: Explanation, language: Language, party: Callable[[str], str]) -> list[str]:
    """Who else was eligible, and what switching to each would cost."""
    info = explanation.instance
    if not explanation.alternatives:
        return [label("explain_nobody_else", language)] if explanation.primary else []
    people = []
    for alt in explanation.alternatives:
        if alt.change_cost is None:
            hours = number(alt.spare_hours, language)
            people.append(_say("explain_no_room", language, person=party(alt.person), hours=hours))
        else:
            cost = number(alt.change_cost, language)
            people.append(_say("explain_switch", language, person=party(alt.person), cost=cost))
    listed = "; ".join(people)
    more = info.eligible - len(info.candidates)
    if more > 0:
        listed += _say("explain_and_more", language, count=more)
    return [_say("explain_also", language, people=listed)]
