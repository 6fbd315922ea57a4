"""Evidence in words: what an answer from data rests on, in a page's language.

The school plan answers roadmap steps 5–8 from its data and says what it found as an
:class:`~ict_competence.flow.EvidenceKind` and its facts; here they are worded from the
word table (``data/words.toml``: ``evidence_<kind>``), a rule set by its words where the
table has them (``rules_<name>``, for the built-in rule sets), a school type by its words
(``school_type_<value>``), and a share as a percentage. The English ``basis`` the plan
keeps beside the facts is for the REPL; no page shows it. Evidence without a kind (an
assessor of one's own) is shown as its basis, as it was written: its language is not
known, so a page marks no language on it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import attrs

from ict_competence.renderers._naming import Naming
from ict_competence.renderers._words import label, number, words
from ict_competence.text import Language

if TYPE_CHECKING:
    from ict_competence.flow import Evidence

__all__ = ["ShownEvidence", "show_evidence", "word_evidence", "word_rules", "word_source"]

#: How many of the items a page lists before it says how many more there are.
SHOWN_ITEMS = 12
# The facts that are shares from 0 to 1, shown as percentages.
_SHARES = frozenset({"coverage", "strategic_share"})
# The prefixes of the word table's keys: a kind's value, a source, a rule set's name or a
# school type's value follows.
_KIND, _SOURCE, _RULES, _SCHOOL_TYPE = "evidence_", "evidence_source_", "rules_", "school_type_"


def _say(word: str, language: Language, /, **values: object) -> str:
    return label(word, language).format_map(values)


def word_rules(name: str, language: Language = "nl") -> str:
    """A rule set's name as a page shows it in a sentence: a built-in one by its words.

    >>> word_rules("default"), word_rules("default", "en"), word_rules("ours", "en")
    ('de standaardregels', 'the default rules', 'the rules ‘ours’')
    """
    key = _RULES + re.sub(r"\W+", "_", name.strip().lower())
    if key in words() and key != "rules_named":
        return label(key, language)
    return _say("rules_named", language, name=name)


def word_source(source: str, language: Language = "nl") -> str:
    """Who answered: the plan's parts by their words, any other source as it is.

    >>> word_source("plan.team"), word_source("plan.team", "en"), word_source("survey")
    ('Team van het plan', "The plan's team", 'survey')
    """
    key = _SOURCE + source.replace(".", "_")
    return label(key, language) if key in words() else source


def _fact(name: str, value: str | int | float, language: Language) -> str:
    if name in _SHARES:
        return f"{number(float(value) * 100, language)} %"
    if name == "rules":
        return word_rules(str(value), language)
    if name == "school_type":
        key = f"{_SCHOOL_TYPE}{value}"
        return label(key, language) if key in words() else str(value)
    return str(value)


def word_evidence(evidence: Evidence, language: Language = "nl") -> str:
    """What the evidence found, in the page's language; evidence without a kind as its basis.

    >>> from ict_competence.flow import Evidence, EvidenceKind
    >>> found = Evidence(
    ...     source="plan.overview",
    ...     basis="2 of 40 task choices differ",
    ...     kind=EvidenceKind.TAILORED,
    ...     facts={"changed": 2, "tasks": 40, "school_type": "primary"},
    ... )
    >>> word_evidence(found)
    'Taakkeuzes die afwijken van het standaardoverzicht van de catalogus voor basisonderwijs: 2 (het overzicht telt 40 taken).'
    >>> word_evidence(Evidence(source="survey", basis="the staff survey says yes"))
    'the staff survey says yes'
    """  # noqa: E501 - a doctest's output is one line
    if evidence.kind is None:
        return evidence.basis
    facts = evidence.facts
    values = {name: _fact(name, value, language) for name, value in facts.items()}
    key = _KIND + evidence.kind.value
    if "school_type" in facts:
        key += "_for"
    text = _say(key, language, **values)
    if facts.get("allocation") == "stale":
        text += " " + label("evidence_evaluated_stale", language)
    return text


@attrs.frozen
class ShownEvidence:
    """Evidence as a page shows it.

    Attributes:
        text: what was found, in the page's language, or the basis of evidence without a
            kind as it was written.
        own: whether ``text`` is such a basis: an assessor's own words, in a language the
            page does not know.
        source: who answered, in the page's words where it is one of the plan's parts.
        items: the codes and ids the answer rests on, named as the page names them (tasks
            with their description, people by id unless the page shows names), at most
            :data:`SHOWN_ITEMS`, then how many more there are.
    """

    text: str
    own: bool
    source: str
    items: tuple[str, ...]


def _item(item: str, naming: Naming) -> str:
    if item in naming.people:
        return naming.party(item)
    description = naming.task(item)
    return f"{item} ({description})" if description else item


def show_evidence(evidence: Evidence, naming: Naming) -> ShownEvidence:
    """The evidence worded and named for a page of ``naming``'s language."""
    language = naming.language
    items = [_item(item, naming) for item in evidence.items[:SHOWN_ITEMS]]
    more = len(evidence.items) - SHOWN_ITEMS
    if more > 0:
        items.append(_say("and_more", language, count=more))
    return ShownEvidence(
        text=word_evidence(evidence, language),
        own=evidence.kind is None,
        source=word_source(evidence.source, language),
        items=tuple(items),
    )
