"""The whole public API refuses wrong values with the library's own error, naming where.

The public surface is found by walking ``ict_competence.__all__`` (``tests/hostile/surface.py``):
every function, constructor, method and property. Each is either covered here or exempt
with a reason, and a new public name fails :func:`test_every_public_callable_is_covered_or_exempt`
until it is one or the other.

- **Constructors** of the frozen attrs classes are covered field by field, without a table:
  every field gets values that do not fit its type annotation (nothing, a bool, text,
  numbers, a dict, an object, NaN and infinity, a tuple or mapping holding an object), and
  :data:`FIELD_VALUES` adds the values of the right type that a field still refuses
  (negative hours, level 4, an empty id).
- **Functions and methods** are in :data:`CALLS`: valid arguments and, per argument, the
  wrong values (wrong types, out-of-range numbers, unknown codes and ids, empty text).

Each wrong value must be refused with an :class:`~ict_competence.errors.IctCompetenceError`
whose message names the field or argument (or, for a lookup, the kind of thing looked up),
within a second, and without the name or the note of the person in the data
("Geheime Naam", "geheim").
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from typing import Any

import attrs
import pytest

import ict_competence as ic
from ict_competence.errors import FieldError, IctCompetenceError
from tests.hostile import record
from tests.hostile.public_calls import calls
from tests.hostile.public_world import NAME, NOTE, samples, world
from tests.hostile.surface import describe, field_type, public_callables, wrong_values

#: A refusal is a check of what was given, never work on it: a second is ample (a guard
#: against a hang or a search, not a speed target; the times are in the terminal summary).
REFUSAL_SECONDS = 1.0
#: The line of the terminal summary that shows the slowest refusal of this file.
_SUMMARY = "test_public_api.py: the slowest refusal of any public call"

W = world()

# -- constructors: every field of every public attrs class -------------------------------------

#: Values of a field's own type that it still refuses, by ``Class.field``.
FIELD_VALUES: Mapping[str, tuple[object, ...]] = {
    # people: hours, levels 0-3, ids; a name or note of the wrong type is never shown
    "Person.id": ("", " p1 ", [NAME]),
    "Person.hours": (-1, -0.5),
    "Person.levels": (
        {ic.Domain.TECHNICAL: 4},
        {ic.Domain.TECHNICAL: -1},
        {ic.Domain.TECHNICAL: 2.5},
        {"technical": 3},
    ),
    "Person.motivation": ({ic.Cluster.POLICY: 4}, {ic.Cluster.POLICY: -1}, {"policy": 1}),
    "Person.school": ("", "noord:zuid"),
    "Person.name": ([NAME],),
    "Team.people": ((W.person, W.person),),
    "Pseudonym.id": ("", [NAME]),
    "Pseudonym.name": ([NAME],),
    "PersonLoad.available": (-1,),
    "PersonLoad.used": (-1,),
    # tasks and the overview
    "Task.code": ("", "TECH 01"),
    "Task.hours_per_year": (-1,),
    "Task.required_level": (0, 4, -1),
    "Role.profile": ({ic.Domain.TECHNICAL: 4},),
    "TaskChoice.hours_per_year": (-3,),
    "TaskChoice.responsible": ([NAME],),
    "TaskChoice.backup": ([NAME],),
    "TaskChoice.notes": ([NOTE],),
    "TaskInstance.key": ("",),
    "TaskInstance.hours": (-1,),
    "OverviewSummary.total_hours": (-1,),
    "LocalizedText.nl": ("", "  "),
    "Provenance.source": ("",),
    # the allocation and its rules
    "Pin.person": ("",),
    "Exclusion.person": ("",),
    "Candidate.level": (4, -1),
    "Candidate.motivation": (4, -1),
    "InstanceInfo.hours": (-1,),
    "InstanceInfo.required_level": (0, 4),
    "InstanceInfo.eligible": (-1,),
    "Allocation.capacity": ({"p1": -1.0},),
    "RuleSet.name": ("", "  "),
    "RuleSet.backup_share": (-0.1, 1.5),
    "EvenLoad.weight": (-1,),
    "EvenLoad.thresholds": ((-0.5,),),
    "KeepHolders.per_hour": (-1,),
    "MinimumLevel.backup_slack": (-1, 4),
    "Motivated.minimum": (-1, 4),
    # the roadmap, the conversation and the plan
    "Move.step": (0, 100),
    "Move.note": ([NOTE],),
    "Evidence.basis": ("", [NOTE]),
    "Action.description": ("", [NOTE]),
    "TopicEntry.notes": (("",), (NOTE, [NOTE])),
    "MainQuestion.number": (0, 1000),
    "SchoolPlan.name": ("",),
    "PlanAction.hours": (-1,),
    "Evaluation.coverage": (-0.1,),
    "ErasureReport.texts_changed": (-1,),
}

#: Values of the wrong type a field accepts on purpose, by ``Class.field``, with why.
FIELD_ACCEPTS: Mapping[str, tuple[tuple[object, ...], str]] = {
    "Decision.reason": (("text",), "text is a reason in words of its own (Reason.custom)"),
}


def _attrs_classes() -> dict[str, type]:
    return {
        name: cls
        for name in ic.__all__
        if isinstance(cls := getattr(ic, name), type) and attrs.has(cls) and cls.__name__ == name
    }


ATTRS_CLASSES = _attrs_classes()
SAMPLES = samples(W)
FIELDS = [
    (name, field.name)
    for name, cls in ATTRS_CLASSES.items()
    for field in attrs.fields(cls)
    if field.init
]


def _field_values(cls: type, field: attrs.Attribute[Any]) -> list[object]:
    dotted = f"{cls.__name__}.{field.name}"
    accepted = FIELD_ACCEPTS.get(dotted, ((), ""))[0]
    wrong = [value for value in wrong_values(field_type(cls, field.name)) if value not in accepted]
    return wrong + list(FIELD_VALUES.get(dotted, ()))


@pytest.mark.parametrize(("name", "field"), FIELDS, ids=[f"{n}.{f}" for n, f in FIELDS])
def test_a_constructor_refuses_a_wrong_value_of_each_field_naming_the_field(name, field):
    cls = ATTRS_CLASSES[name]
    assert cls in SAMPLES, f"no sample {name}: add one to tests/hostile/public_world.py"
    sample: Any = SAMPLES[cls]
    attribute = attrs.fields_dict(cls)[field]
    alias: str = attribute.alias or field  # the name __init__ takes (no leading underscore)

    failures = _failures(
        (
            (value, partial(attrs.evolve, sample, **{alias: value}))
            for value in _field_values(cls, attribute)
        ),
        re.escape(field),
    )

    assert not failures, f"{name}({field}=…):\n  " + "\n  ".join(
        f"{describe(value)}: {why}" for value, why in failures
    )


# -- functions and methods -----------------------------------------------------------------------


CALLS = calls(W)

_PROTOCOL_METHOD = (
    "a method of a Protocol: the interface a class of the user's implements; the library "
    "checks what it is given where it takes one (RoadmapSession.assess, RuleSet, "
    "register_renderer) and what it answers"
)
_RULE_HOOK = (
    "a rule's hook for the solvers: the allocation compiles it once per person, task "
    "instance and duty from a team and overview that allocate has checked; a check here "
    "would run in that inner loop of every allocation"
)
_CONVERTER_HOOK = (
    "a hook of the JSON converter, which calls it with a JSON value and turns what it "
    "raises into a SerializationError naming the $.path (tests/test_serialize.py)"
)

#: Public names not in the tables, each with why.
EXEMPT: Mapping[str, str] = {
    "Assessor.assess": _PROTOCOL_METHOD,
    "EligibilityRule.allows": _PROTOCOL_METHOD,
    "LoadTerm.penalties": _PROTOCOL_METHOD,
    "Renderer.render": _PROTOCOL_METHOD,
    "ScoreTerm.score": _PROTOCOL_METHOD,
    "BackupOnStrategic.allows": _RULE_HOOK,
    "BackupOnStrategic.describe": _RULE_HOOK,
    "EvenLoad.penalties": _RULE_HOOK,
    "ExpertiseAndMotivation.score": _RULE_HOOK,
    "ExpertiseAndMotivation.score_with_share": _RULE_HOOK,
    "KeepHolders.score": _RULE_HOOK,
    "KeepHolders.score_with_share": _RULE_HOOK,
    "MinimumLevel.allows": _RULE_HOOK,
    "MinimumLevel.describe": _RULE_HOOK,
    "MinimumLevel.needed": _RULE_HOOK,
    "Motivated.allows": _RULE_HOOK,
    "Motivated.describe": _RULE_HOOK,
    "RuleSet.blocking": _RULE_HOOK,
    "RuleSet.score": _RULE_HOOK,
    "Labelled": "the base class of the labelled enums: it has no members to build",
    "Kinds.structure": _CONVERTER_HOOK,
    "Kinds.unstructure": _CONVERTER_HOOK,
}

#: Whole kinds of public name that take no values from a caller, with why.
EXEMPT_KINDS: Mapping[str, str] = {
    "exception": "an exception class: the library raises it; a caller does not build one",
    "property": "a property takes no argument, so there is nothing to give wrong",
    "alias": "a type alias (typing.Literal), not something to call",
    "protocol": "a typing.Protocol: an interface to implement, not a class to build",
}


#: The public enums with members (``Labelled`` is the base of the labelled ones, memberless).
ENUMS = sorted(
    name
    for name, kind in public_callables().items()
    if kind == "enum" and len(getattr(ic, name)) > 0
)


@pytest.mark.parametrize("name", ENUMS)
def test_an_enum_built_from_a_code_it_lacks_names_itself_and_its_codes(name):
    enum_class = getattr(ic, name)
    codes = [member.value for member in enum_class]

    for wrong in ("no such code", 7, None):
        with pytest.raises(FieldError) as caught:
            enum_class(wrong)
        message = str(caught.value)
        assert message.startswith(f"{name}: expected one of ")
        assert all(repr(code) in message for code in codes)


def test_every_public_callable_is_covered_or_exempt():
    surface = public_callables()
    covered = set(CALLS) | set(ATTRS_CLASSES) | set(ENUMS)
    exempt = set(EXEMPT) | {name for name, kind in surface.items() if kind in EXEMPT_KINDS}

    uncovered = sorted(set(surface) - covered - exempt)
    stale = sorted((set(CALLS) | set(EXEMPT)) - set(surface))

    assert not uncovered, "public names neither in CALLS nor in EXEMPT: " + ", ".join(uncovered)
    assert not stale, "CALLS or EXEMPT name what is not public (any more): " + ", ".join(stale)
    assert all(reason.strip() for reason in EXEMPT.values())


CASES = [(name, argument) for name, entry in CALLS.items() for argument in entry.wrong]


@pytest.mark.parametrize(("name", "argument"), CASES, ids=[f"{n}-{a}" for n, a in CASES])
def test_a_public_call_refuses_a_wrong_argument_naming_it(name, argument):
    entry = CALLS[name]
    place = entry.place.get(argument, re.escape(argument))

    failures = _failures(
        (
            (value, partial(entry.call, **(dict(entry.valid) | {argument: value})))
            for value in entry.wrong[argument]
        ),
        place,
    )

    assert not failures, f"{name}({argument}=…):\n  " + "\n  ".join(
        f"{describe(value)}: {why}" for value, why in failures
    )


@pytest.mark.parametrize("name", list(CALLS))
def test_the_valid_arguments_of_each_call_are_accepted(name):
    entry = CALLS[name]

    entry.call(**entry.valid)


# -- checking one refusal ------------------------------------------------------------------------


def _failures(
    attempts: Iterable[tuple[object, Callable[[], object]]], place: str
) -> list[tuple[object, str]]:
    """Each value whose call was not refused as it should be, with what went wrong."""
    found = ((value, _refusal_failure(call, place)) for value, call in attempts)
    return [(value, why) for value, why in found if why is not None]


def _refusal_failure(call: Callable[[], object], place: str) -> str | None:
    """``None`` when ``call`` is refused as it should be; otherwise what went wrong."""
    started = time.perf_counter()
    try:
        call()
    except IctCompetenceError as error:
        return _judge(error, place, time.perf_counter() - started)
    except Exception as error:
        return f"bare {type(error).__name__}: {error}"
    return "accepted without a word"


def _judge(error: IctCompetenceError, place: str, elapsed: float) -> str | None:
    # One line in the terminal summary for the hundreds of refusals here: the slowest.
    record.TIMES[_SUMMARY] = max(record.TIMES.get(_SUMMARY, 0.0), elapsed)
    message = str(error)
    if not re.search(place, message):
        return f"{type(error).__name__} without {place!r}: {message}"
    if NAME.lower() in message.lower() or NOTE in message.lower():
        return f"{type(error).__name__} with personal data: {message}"
    if elapsed >= REFUSAL_SECONDS:
        return f"refused after {elapsed:.2f} s"
    return None
