"""Every public attrs class of the library survives JSON: written, read back, equal."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import attrs
import pytest

import ict_competence as ic
from tests.plan.strategies import small_school, up_to_step_five, with_follow_up

#: Public attrs classes with no JSON round trip, each with why.
_NOT_JSON: Mapping[str, str] = {}


def _public_attrs_classes() -> list[type]:
    names = sorted(ic.__all__)
    return [
        cls
        for name in names
        if isinstance(cls := getattr(ic, name), type) and attrs.has(cls) and cls.__name__ == name
    ]


def _roots() -> Iterator[object]:
    """Values built as a school builds them, whose fields hold one of each public class."""
    catalog = ic.load_catalog()
    yield catalog
    yield ic.load_catalog_info()
    yield catalog.overview().summary()
    dialogue = ic.load_dialogue()
    yield dialogue
    yield ic.conversation_guide(dialogue.key_figures[0].code)
    yield ic.load_roadmap()
    plan = small_school()
    plan = attrs.evolve(plan, roadmap=up_to_step_five())
    plan = with_follow_up(plan, "p1").allocate()
    yield plan
    allocation = plan.allocation
    assert allocation is not None
    yield from (allocation.explain(info.key) for info in allocation.instances)
    yield from allocation.raci()
    yield from allocation.profiles().values()
    smaller = ic.Team(plan.team.people[:1])
    yield allocation.diff(ic.allocate(plan.overview, smaller))
    yield plan.evaluate()
    yield plan.action_plan()
    yield plan.advance().roadmap if hasattr(plan, "advance") else plan.roadmap.assess(plan)
    yield from ic.task_instances(plan.overview, plan.team)
    yield from ic.pseudonymize(plan)[1].values()
    yield ic.erase_person(plan, "p1")[1]
    yield ic.even_load_rules()
    keep = ic.continuity_rules(ic.KeepHolders.from_assignments(allocation.assignments))
    yield keep
    yield ic.AllocationJob(plan.overview, plan.team, rules=keep, pins=(ic.Pin("T-00", "p1"),))
    yield from _made_by_hand()


def _made_by_hand() -> Iterator[object]:
    """Values a school passes in, or the small school does not reach: pins, advice, evidence."""
    yield ic.Pin("T-00", "p1", ic.Duty.PRIMARY)
    yield ic.Exclusion("T-03", "p2")
    yield ic.Advice(step=2, actor=next(iter(ic.Actor)), text=ic.LocalizedText("Doe dit", "Do this"))
    yield ic.Progress(elapsed=1.5, objective=120.0, bound=130.0, solves=3)
    evidence = ic.Evidence(source="plan", basis="the overview", items=("T-00",))
    yield ic.Assessment(step=5, answer=next(iter(ic.Answer)), evidence=evidence)


def _harvest() -> dict[type, object]:
    """The first instance of each attrs class reachable from the roots, found without recursion."""
    found: dict[type, object] = {}
    stack: list[object] = list(_roots())
    seen: set[int] = set()
    while stack:
        value = stack.pop()
        if id(value) in seen:
            continue
        seen.add(id(value))
        if attrs.has(type(value)):
            found.setdefault(type(value), value)
            stack.extend(attrs.asdict(value, recurse=False).values())  # type: ignore[arg-type]
        elif isinstance(value, Mapping):
            stack.extend(value.values())
        elif isinstance(value, tuple | list | frozenset | set):
            stack.extend(value)
    return found


_FOUND = _harvest()


@pytest.mark.parametrize("cls", _public_attrs_classes(), ids=lambda cls: cls.__name__)
def test_every_public_type_survives_json(cls):
    if cls.__name__ in _NOT_JSON:
        pytest.skip(_NOT_JSON[cls.__name__])
    assert cls in _FOUND, f"no {cls.__name__} built: add a root or a factory for it"
    value = _FOUND[cls]

    read = ic.from_json(cls, ic.to_json(value))

    assert read == value
    assert type(read) is cls
