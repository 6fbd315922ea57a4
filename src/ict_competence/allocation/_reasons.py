"""Why: the reasons of decisions and refusals, as a kind and its parameters, never as a sentence.

The domain says *why* with a :class:`Reason`: a :class:`ReasonKind` and the values the
words need (a count, a level, a domain, a school). A renderer words it in the page's
language (``ict_competence.renderers`` has the Dutch and English words of every kind);
``Reason.text`` and ``Decision.text`` give it in English, for the REPL and for errors.

A third-party rule whose ``describe`` returns a plain ``str`` still works: the text becomes
a reason of kind :attr:`ReasonKind.CUSTOM`, which every page shows as it is.
"""

from __future__ import annotations

import enum
import math
import re
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from ict_competence._checks import argument, instance_of
from ict_competence._frozen import frozen_map
from ict_competence.catalog import Cluster, Domain
from ict_competence.errors import FieldError
from ict_competence.serialize import register_migration, unstructure
from ict_competence.text import Coded

__all__ = ["Decision", "DecisionKind", "Reason", "ReasonKind", "as_reason"]

#: A reason's parameter: text, or a number (a count, a level).
Param = str | int | float


class ReasonKind(Coded):
    """What a reason says; each kind has its parameters (``Reason.params``) and its words.

    Why nobody in the team takes a task (the reason of a :class:`Decision`):

    - ``NO_ROOM``: the ``people`` who may take it have no hours left for it (``school``
      where they work, if the task is a school's of a school group);
    - ``NO_ROOM_UNDER_PINS``: the same, with the team's pins in force;
    - ``KEPT_OUT``: the rules keep everyone out; its ``parts`` are ``KEPT_OUT_BY_RULE``
      reasons, one per ``rule`` with the number of ``people`` it kept out;
    - ``NOBODY_THERE``: there is no one (at ``school``) who could take it;
    - ``HOLDER_ERASED``: the person who held it was erased from the plan.

    Why a rule refuses a person (an eligibility rule's ``describe``):

    - ``BELOW_LEVEL``: the person ``has`` a level below the ``needed`` one in ``domain``;
    - ``NOT_MOTIVATED``: the person ``has`` a motivation below the ``needed`` one for
      ``cluster``;
    - ``BACKUP_NOT_STRATEGIC``: only strategic tasks get a back-up;
    - ``EXCLUDED``: the team excluded the person from the task;
    - ``REFUSED_BY_RULE``: a ``rule`` without words of its own refused them.

    And ``CUSTOM``: a ``text`` a third-party rule (or an older file) gave, shown as it is.
    """

    NO_ROOM = "no_room"
    NO_ROOM_UNDER_PINS = "no_room_under_pins"
    KEPT_OUT = "kept_out"
    KEPT_OUT_BY_RULE = "kept_out_by_rule"
    NOBODY_THERE = "nobody_there"
    HOLDER_ERASED = "holder_erased"
    BELOW_LEVEL = "below_level"
    NOT_MOTIVATED = "not_motivated"
    BACKUP_NOT_STRATEGIC = "backup_not_strategic"
    EXCLUDED = "excluded"
    REFUSED_BY_RULE = "refused_by_rule"
    CUSTOM = "custom"


_TEXT, _NUMBER = (str,), (int, float)
#: Per kind: its required parameters and their types; ``school`` is optional where listed.
_PARAMS: dict[ReasonKind, dict[str, tuple[type, ...]]] = {
    ReasonKind.NO_ROOM: {"people": (int,)},
    ReasonKind.NO_ROOM_UNDER_PINS: {"people": (int,)},
    ReasonKind.KEPT_OUT: {},
    ReasonKind.KEPT_OUT_BY_RULE: {"rule": _TEXT, "people": (int,)},
    ReasonKind.NOBODY_THERE: {},
    ReasonKind.HOLDER_ERASED: {},
    ReasonKind.BELOW_LEVEL: {"needed": _NUMBER, "has": _NUMBER, "domain": _TEXT},
    ReasonKind.NOT_MOTIVATED: {"needed": _NUMBER, "has": _NUMBER, "cluster": _TEXT},
    ReasonKind.BACKUP_NOT_STRATEGIC: {},
    ReasonKind.EXCLUDED: {},
    ReasonKind.REFUSED_BY_RULE: {"rule": _TEXT},
    ReasonKind.CUSTOM: {"text": _TEXT},
}
#: The kinds that say where (``school``, optional: without it, the whole team).
_WHERE = frozenset(
    {
        ReasonKind.NO_ROOM,
        ReasonKind.NO_ROOM_UNDER_PINS,
        ReasonKind.KEPT_OUT,
        ReasonKind.NOBODY_THERE,
    }
)
#: The enums whose values a parameter of this name holds.
_ENUM_PARAMS: dict[str, type[enum.Enum]] = {"domain": Domain, "cluster": Cluster}

#: English words per kind (``_ONE``: when ``people`` is 1), for ``Reason.text``. The pages'
#: words, Dutch and English, are in the renderers' word table.
_ENGLISH: dict[ReasonKind, str] = {
    ReasonKind.NO_ROOM: "The {people} people {where} who may take it have no hours left for it",
    ReasonKind.NO_ROOM_UNDER_PINS: (
        "The {people} people {where} who may take it have no hours left for it under the pins"
    ),
    ReasonKind.KEPT_OUT: "Nobody {where} may take it, kept out by {parts}",
    ReasonKind.KEPT_OUT_BY_RULE: "{rule} ({people})",
    ReasonKind.NOBODY_THERE: "Nobody {where} could take it: there is no one there",
    ReasonKind.HOLDER_ERASED: "The person who held it was erased from the plan",
    ReasonKind.BELOW_LEVEL: "needs level {needed} in {domain}, has {has}",
    ReasonKind.NOT_MOTIVATED: "needs motivation {needed} for {cluster}, has {has}",
    ReasonKind.BACKUP_NOT_STRATEGIC: "only strategic tasks get a back-up",
    ReasonKind.EXCLUDED: "excluded by the team",
    ReasonKind.REFUSED_BY_RULE: "refused by rule '{rule}'",
    ReasonKind.CUSTOM: "{text}",
}
#: The words of the reasons that hold a person's own value (``has``), without it.
_IMPERSONAL: dict[ReasonKind, str] = {
    ReasonKind.BELOW_LEVEL: "needs level {needed} in {domain}",
    ReasonKind.NOT_MOTIVATED: "needs motivation {needed} for {cluster}",
}
_ONE: dict[ReasonKind, str] = {
    ReasonKind.NO_ROOM: "The only person {where} who may take it has no hours left for it",
    ReasonKind.NO_ROOM_UNDER_PINS: (
        "The only person {where} who may take it has no hours left for it under the pins"
    ),
}


def _parts(value: object) -> tuple[object, ...]:
    return tuple(value) if isinstance(value, list | tuple) else (value,)


@attrs.frozen(repr=False)
class Reason:
    """Why, as a kind and its parameters: a renderer words it in the page's language.

    Attributes:
        kind: what the reason says (:class:`ReasonKind` lists each kind's parameters).
        params: the values its words need: text or numbers. ``domain`` and ``cluster``
            hold the value of a :class:`~ict_competence.catalog.Domain` or
            :class:`~ict_competence.catalog.Cluster` (a page shows its label); ``school``,
            where a kind takes it, is left out for the whole team.
        parts: the reasons it is made of (the rules of a ``KEPT_OUT`` reason).

    >>> reason = Reason(ReasonKind.BELOW_LEVEL, {"needed": 3, "has": 1, "domain": "technical"})
    >>> reason.text
    'needs level 3 in technical, has 1'
    >>> Reason(ReasonKind.BELOW_LEVEL, {"needed": 3})
    Traceback (most recent call last):
    ...
    ict_competence.errors.FieldError: params: a below_level reason needs has, domain
    """

    kind: ReasonKind = attrs.field(validator=instance_of(ReasonKind))
    params: Mapping[str, Param] = attrs.field(factory=dict, converter=frozen_map, hash=False)
    parts: tuple[Reason, ...] = attrs.field(default=(), converter=_parts)

    @params.validator
    def _params_fit(self, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, Mapping):
            raise FieldError(attribute.name, f"expected a mapping, found {value!r}")
        wanted = _PARAMS[self.kind]
        missing = [name for name in wanted if name not in value]
        if missing:
            raise FieldError(
                attribute.name, f"a {self.kind.value} reason needs {', '.join(missing)}"
            )
        allowed = set(wanted) | ({"school"} if self.kind in _WHERE else set())
        for name, param in value.items():
            if name not in allowed:
                raise FieldError(
                    f"{attribute.name}.{name}", f"a {self.kind.value} reason takes no {name!r}"
                )
            _check_param(f"{attribute.name}.{name}", param, wanted.get(name, _TEXT))

    @parts.validator
    def _parts_fit(self, attribute: attrs.Attribute[Any], value: tuple[object, ...]) -> None:
        expected = ReasonKind.KEPT_OUT_BY_RULE if self.kind is ReasonKind.KEPT_OUT else None
        for i, part in enumerate(value):
            if expected is None or not isinstance(part, Reason) or part.kind is not expected:
                what = f"{expected.value} reasons" if expected else "no parts"
                raise FieldError(f"{attribute.name}[{i}]", f"a {self.kind.value} reason has {what}")

    @classmethod
    def custom(cls, text: str) -> Reason:
        """A reason in words of its own (a third-party rule's): every page shows it as it is."""
        return cls(ReasonKind.CUSTOM, {"text": text})

    @property
    def text(self) -> str:
        """The reason in English, for the REPL; pages word it themselves.

        >>> rule = Reason(ReasonKind.KEPT_OUT_BY_RULE, {"rule": "level", "people": 2})
        >>> Reason(ReasonKind.KEPT_OUT, {"school": "noord"}, (rule,)).text
        'Nobody at noord may take it, kept out by level (2)'
        """
        return self._english(personal=True)

    @property
    def error_text(self) -> str:
        """The reason in English without a person's own level or motivation, for errors.

        An application may log an error's message, so it keeps out what the person has.

        >>> Reason(
        ...     ReasonKind.BELOW_LEVEL, {"needed": 3, "has": 1, "domain": "technical"}
        ... ).error_text
        'needs level 3 in technical'
        """
        return self._english(personal=False)

    def _english(self, *, personal: bool) -> str:
        values: dict[str, object] = dict(self.params)
        school = self.params.get("school")
        values["where"] = f"at {school}" if school is not None else "in the team"
        values["parts"] = ", ".join(part.text for part in self.parts)  # rules and counts
        one = self.params.get("people") == 1
        template = _ONE.get(self.kind) if one else None
        if not personal:
            template = _IMPERSONAL.get(self.kind, template)
        return (template or _ENGLISH[self.kind]).format_map(values)

    def replace_text(self, function: Callable[[str], str]) -> Reason:
        """This reason with its free text (a custom reason's, also among its parts) rewritten.

        The privacy functions use it to scrub names and ids from words a rule gave.

        Raises:
            FieldError: ``function`` is not callable.
        """
        if not callable(function):
            raise FieldError("function", f"expected a function of a str, found {function!r}")
        params = dict(self.params)
        if self.kind is ReasonKind.CUSTOM:
            params["text"] = function(str(params["text"]))
        parts = tuple(part.replace_text(function) for part in self.parts)
        return Reason(self.kind, params, parts)

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        # ``has`` is a person's own level or motivation: personal data, kept out of reprs.
        shown = ", ".join(
            f"{name}={value!r}" for name, value in self.params.items() if name != "has"
        )
        parts = f", {len(self.parts)} parts" if self.parts else ""
        return f"Reason({self.kind.value}{': ' if shown else ''}{shown}{parts})"


def _check_param(where: str, value: object, types: tuple[type, ...]) -> None:
    if isinstance(value, bool) or not isinstance(value, types):
        expected = "text" if types == _TEXT else "a number"
        raise FieldError(where, f"expected {expected}, found {value!r}")
    if isinstance(value, float) and not math.isfinite(value):
        raise FieldError(where, f"expected a finite number, found {value!r}")
    name = where.rpartition(".")[2]
    known = _ENUM_PARAMS.get(name)
    if known is not None and value not in {member.value for member in known}:
        allowed = ", ".join(repr(member.value) for member in known)
        raise FieldError(where, f"expected one of {allowed}, found {value!r}")


def as_reason(value: Reason | str) -> Reason:
    """``value`` as a reason: a plain ``str`` becomes a reason of kind ``CUSTOM``.

    >>> as_reason("nobody has the level").kind
    <ReasonKind.CUSTOM: 'custom'>
    """
    return Reason.custom(value) if isinstance(value, str) else value


class DecisionKind(Coded):
    """What to do with a task nobody in the team takes (roadmap step 6)."""

    RECRUIT = "recruit"
    OUTSOURCE = "outsource"

    @classmethod
    def for_task(cls, *, strategic: bool) -> DecisionKind:
        """The rule of roadmap step 6: recruit for a strategic task, otherwise outsource it.

        >>> DecisionKind.for_task(strategic=True), DecisionKind.for_task(strategic=False)
        (<DecisionKind.RECRUIT: 'recruit'>, <DecisionKind.OUTSOURCE: 'outsource'>)
        """
        argument("strategic", strategic, bool)
        return cls.RECRUIT if strategic else cls.OUTSOURCE


#: The English of roadmap step 6 per decision, after a reason and after an erased holder.
_WHY = {
    DecisionKind.RECRUIT: "it is a strategic task: recruit the expertise (roadmap step 6)",
    DecisionKind.OUTSOURCE: "it is not a strategic task: outsource it (roadmap step 6)",
}
_AGAIN = {
    DecisionKind.RECRUIT: "allocate again, or recruit (strategic task)",
    DecisionKind.OUTSOURCE: "allocate again, or outsource it",
}


@attrs.frozen
class Decision:
    """What happens to a task instance without a primary: recruit or outsource, and why.

    ``reason`` may be given as a plain ``str``: it becomes a reason of kind ``CUSTOM``.

    >>> decision = Decision(DecisionKind.OUTSOURCE, "nobody has the level")
    >>> decision.kind.value, decision.reason.kind.value, decision.text
    ('outsource', 'custom', 'nobody has the level')
    >>> Decision(DecisionKind.RECRUIT, Reason(ReasonKind.NOBODY_THERE)).text
    'Nobody in the team could take it: there is no one there; it is a strategic task: recruit the expertise (roadmap step 6).'
    """  # noqa: E501 - a doctest's output is one line

    kind: DecisionKind = attrs.field(validator=instance_of(DecisionKind))
    reason: Reason = attrs.field(converter=as_reason)

    @reason.validator
    def _is_reason(self, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, Reason):
            raise FieldError(attribute.name, f"expected a Reason or text, found {value!r}")

    @property
    def text(self) -> str:
        """The decision's reason in English, with what roadmap step 6 says to do.

        A custom reason is its text alone: it is what a rule (or an older file) said.
        """
        if self.reason.kind is ReasonKind.CUSTOM:
            return self.reason.text
        if self.reason.kind is ReasonKind.HOLDER_ERASED:
            return f"{self.reason.text}; {_AGAIN[self.kind]}."
        return f"{self.reason.text}; {_WHY[self.kind]}."


# -- files of schema version 1, whose reasons were English sentences --------------------------

_V1 = re.compile(
    r"(?:The only person|The \d+ people|Nobody) (?:in the team|at (?P<school>.+?))"
    r" (?:who may|may|could) take it"
)
_RULE_COUNTS = re.compile(r"(.+?) \((\d+)\)(?:, |$)")


def _v1_candidates(text: str) -> list[Reason]:
    """The reasons a version-1 sentence may have been made from; checked by the caller."""
    found = _V1.match(text)
    if found is None:
        return [Reason(ReasonKind.HOLDER_ERASED)]
    where = {} if found.group("school") is None else {"school": found.group("school")}
    people = re.match(r"The (\d+) people", text)
    count = {"people": int(people.group(1)) if people else 1}
    kept = re.search(r" may take it, kept out by (.+); it is ", text)
    rules = tuple(
        Reason(ReasonKind.KEPT_OUT_BY_RULE, {"rule": rule, "people": int(n)})
        for rule, n in _RULE_COUNTS.findall(kept.group(1) if kept else "")
    )
    return [
        Reason(ReasonKind.NO_ROOM, where | count),
        Reason(ReasonKind.NO_ROOM_UNDER_PINS, where | count),
        Reason(ReasonKind.KEPT_OUT, where, rules),
        Reason(ReasonKind.NOBODY_THERE, where),
    ]


def reason_of_v1(kind: DecisionKind, text: str) -> Reason:
    """The reason a version-1 decision's English sentence says, or a custom one.

    The sentences version 1 wrote are read back into their kind and parameters, so an
    older plan's page is worded in its language too; a sentence is taken only when the
    reason found words it exactly as it was written. Anything else (a sentence of another
    library, one edited by hand) becomes a ``CUSTOM`` reason with the sentence as it is.

    >>> reason_of_v1(
    ...     DecisionKind.OUTSOURCE,
    ...     "Nobody at zuid could take it: there is no "
    ...     "one there; it is not a strategic task: outsource it (roadmap step 6).",
    ... )
    Reason(nobody_there: school='zuid')
    """
    for candidate in _v1_candidates(text):
        try:
            if Decision(kind, candidate).text == text:
                return candidate
        except FieldError:  # a school or rule read out of a sentence it does not fit
            continue
    return Reason.custom(text)


@register_migration(Decision, 1)
def _decision_from_v1(data: dict[str, Any]) -> dict[str, Any]:
    """A version-1 decision's sentence as a reason; anything malformed is left to the reader."""
    reason, kind = data.get("reason"), data.get("kind")
    if isinstance(reason, str):
        known = kind in {member.value for member in DecisionKind}
        found = reason_of_v1(DecisionKind(kind), reason) if known else Reason.custom(reason)
        data["reason"] = unstructure(found)
    return data
