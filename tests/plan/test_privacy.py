"""Personal data in a plan: pseudonymise it, hand it over (right of access), erase it."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ict_competence import available_formats, render
from ict_competence.allocation import (
    Allocation,
    KeepHolders,
    Reason,
    ReasonKind,
    Team,
    default_rules,
)
from ict_competence.dialogue import Action, DialogueRecord
from ict_competence.errors import IctCompetenceError, UnknownCodeError
from ict_competence.flow import EvidenceKind, RoadmapSession
from ict_competence.plan import (
    ErasureReport,
    SchoolPlan,
    erase_person,
    export_person,
    pseudonymize,
)
from ict_competence.serialize import from_json, to_json
from tests.allocation.strategies import overviews, teams
from tests.plan.strategies import NAMES, records, small_school, up_to_step_five, with_follow_up
from tests.renderers.workbooks import workbook_text

#: Ids no text of the library contains (as NAMES for names), so a leak is found by search.
IDS = ("qxajw", "qxbjw", "qxcjw", "qxdjw", "qxejw")
#: Short names, which occur inside the other words of :func:`_inside_words` too.
SHORT_NAMES = ("Zq", "Zv", "Zx", "Zk", "Zj")


def _inside_words(name: str) -> str:
    """Text holding ``name`` only inside other words: no mention of the person."""
    return f"Pla{name.lower()}ning met {name}emie en ba{name}"


_SLOW = settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)


def _session(name: str) -> RoadmapSession:
    """Steps 1–4 answered yes, one with a note naming someone: at step 5."""
    session = RoadmapSession.start().answer(True, note=f"Gesprek met {name} gepland")
    return session.answer(True).answer(True).answer(True)


@st.composite
def named_plans(draw: st.DrawFn) -> SchoolPlan:
    """A plan whose people have names and findable ids, who are named in notes and columns.

    It may have last cycle's allocation as baseline, this cycle's allocation (maybe stale),
    and a continuity rule keeping the baseline's holders.
    """
    team = draw(teams(max_people=4))
    names = draw(st.sampled_from((NAMES, SHORT_NAMES)))
    people = tuple(attrs.evolve(p, id=IDS[i], name=names[i]) for i, p in enumerate(team.people))
    team = Team(people, team.schools)
    which = draw(st.integers(0, len(people) - 1))
    named_id, named_name = IDS[which], names[which]
    overview = draw(overviews(max_tasks=5))
    first = overview.choices[0].code
    overview = overview.choose(first, responsible=named_id, notes=f"vraag {named_name.upper()}")
    record = draw(records((*team.ids, "directie")))
    record = record.note("1.1", f"{named_name.lower()} en {named_id} nemen dit op")
    record = record.note("1.2", " ".join(_inside_words(p.name or "") for p in people))
    plan = SchoolPlan(
        name="De Linde", overview=overview, team=team, roadmap=_session(named_name), dialogue=record
    )
    if draw(st.booleans()):  # a rule set named after someone: the evidence of step 6 repeats it
        named_rules = default_rules().extend(name=f"regels van {named_name} ({named_id})")
        plan = attrs.evolve(plan, rules=named_rules)
    if draw(st.booleans()):
        plan = plan.allocate().advance()
        if plan.roadmap.current.number == plan.roadmap.roadmap.evaluation.number:
            plan = plan.next_cycle()
            assert plan.baseline is not None
            keep = KeepHolders.from_assignments(plan.baseline.assignments)
            plan = attrs.evolve(plan, rules=default_rules().extend(scores=[keep]))
    if draw(st.booleans()):
        plan = plan.allocate().advance()
        if draw(st.booleans()):
            edited = attrs.evolve(people[0], hours=people[0].hours + 5)
            plan = attrs.evolve(plan, team=Team((edited, *people[1:]), team.schools))
    return plan


def _views(plan: SchoolPlan) -> Iterator[object]:
    """The plan and everything it renders from: what a school may print or show."""
    yield plan
    yield plan.team
    yield plan.roadmap
    yield plan.action_plan()
    for part in (plan.allocation, plan.baseline, plan.dialogue):
        if part is not None:
            yield part
    if plan.allocation is not None:
        yield plan.evaluate()


def _renderings(plan: SchoolPlan) -> Iterator[tuple[str, str]]:
    """Every rendering of the plan's views in every format that renders them, as text.

    Each is rendered as is, and with people's names where the format offers them; a
    workbook (xlsx) as the text of every cell and sheet title.
    """
    for view in _views(plan):
        for fmt in available_formats():
            for options in ({}, {"names": True}):
                try:
                    rendered = render(view, fmt, **options)
                except IctCompetenceError:
                    continue  # the format does not render this object, or has no names
                yield fmt, rendered if isinstance(rendered, str) else workbook_text(rendered)


def _leaks(text: str, plan: SchoolPlan, person_id: str) -> list[str]:
    """The person's id (anywhere) and name (as a word of its own, in any case) in ``text``."""
    names = [p.name for p in plan.team.people if p.id == person_id and p.name]
    found = [person_id] if person_id in text else []
    word = r"(?<!\w){}(?!\w)"
    return found + [n for n in names if re.search(word.format(re.escape(n)), text, re.IGNORECASE)]


def _words_kept(text: str, plan: SchoolPlan) -> bool:
    """Whether ``text`` still holds every name inside other words as it was written."""
    return all(_inside_words(p.name) in text for p in plan.team.people if p.name)


def _allocation(plan: SchoolPlan) -> Allocation:
    assert plan.allocation is not None
    return plan.allocation


def _record(plan: SchoolPlan) -> DialogueRecord:
    assert plan.dialogue is not None
    return plan.dialogue


def _pid(plan: SchoolPlan, data: st.DataObject) -> str:
    known = plan.team.ids
    return data.draw(st.sampled_from(known))


# -- erasing ----------------------------------------------------------------------------------


@_SLOW
@given(plan=named_plans(), data=st.data())
def test_after_erasing_a_person_neither_their_name_nor_their_id_occurs_in_the_json_or_any_rendering(
    plan, data
):
    person_id = _pid(plan, data)
    assert _leaks(to_json(plan), plan, person_id)  # the search finds what is there
    shown = "".join(text for _, text in _renderings(plan))
    assert _leaks(shown, plan, person_id)  # and so it does in the renderings

    erased, _report = erase_person(plan, person_id)

    assert _leaks(to_json(erased), plan, person_id) == []
    assert _words_kept(to_json(erased), plan)
    for fmt, text in _renderings(erased):
        assert _leaks(text, plan, person_id) == [], fmt


@_SLOW
@given(plan=named_plans(), data=st.data())
def test_an_erased_plan_keeps_everyone_else_and_saves_and_loads_back(plan, data):
    person_id = _pid(plan, data)

    erased, report = erase_person(plan, person_id)

    assert erased.team.ids == tuple(i for i in plan.team.ids if i != person_id)
    assert list(erased.team.people) == [p for p in plan.team.people if p.id != person_id]
    assert from_json(SchoolPlan, to_json(erased)) == erased
    assert report.removed_from_team
    assert report.reallocate == (plan.allocation is not None)
    assert not erased.allocation_is_current


def test_what_the_erased_person_carried_becomes_a_decision_and_the_report_says_so():
    plan = small_school().allocate()
    carried = sorted(k for k, a in _allocation(plan).assignments.items() if a.primary == "p1")
    backed = sorted(k for k, a in _allocation(plan).assignments.items() if a.backup == "p1")

    erased, report = erase_person(plan, "p1")

    assert sorted(report.uncovered) == carried
    assert sorted(report.backups_dropped) == backed
    assert set(carried) <= set(_allocation(erased).decisions)
    assert "p1" not in _allocation(erased).capacity
    assert all(a.backup != "p1" for a in _allocation(erased).assignments.values())
    assert _allocation(erased).decisions[carried[0]].reason == Reason(ReasonKind.HOLDER_ERASED)
    assert "allocate again" in _allocation(erased).decisions[carried[0]].text
    assert erased.allocate().allocation_is_current


def test_the_follow_ups_the_erased_person_owned_go_to_the_directie():
    plan = with_follow_up(small_school(), "p1")

    erased, report = erase_person(plan, "p1")

    assert report.follow_ups_reassigned == ("1.2",)
    assert [action.owner for _, action in _record(erased).actions()] == ["directie"]


def test_a_name_in_a_note_is_replaced_whatever_its_case_and_the_report_counts_the_note():
    plan = small_school()
    record = _record(with_follow_up(plan, "p2")).note("1.2", f"{NAMES[0].upper()} helpt mee")

    erased, report = erase_person(attrs.evolve(plan, dialogue=record), "p1")

    assert _record(erased).entry("1.2").notes[-1] == "<erased> helpt mee"
    assert report.texts_changed == 1


def test_an_id_in_a_note_is_replaced_only_as_a_word_of_its_own():
    plan = small_school()
    record = _record(with_follow_up(plan, "p2")).note("1.2", "p1 neemt stap1 en p10 over")

    erased, _ = erase_person(attrs.evolve(plan, dialogue=record), "p1")

    assert _record(erased).entry("1.2").notes[-1] == "<erased> neemt stap1 en p10 over"


@pytest.mark.parametrize("name", ["An", "an", "AN"])
def test_a_short_name_is_erased_as_a_word_and_left_inside_other_words(name):
    plan = small_school()
    short = Team((attrs.evolve(plan.team.people[0], name=name), plan.team.people[1]))
    note = "Planning met Annemie, An en an: JAN en ANNA"
    record = _record(with_follow_up(plan, "p2")).note("1.2", note)

    erased, report = erase_person(attrs.evolve(plan, team=short, dialogue=record), "p1")

    expected = "Planning met Annemie, <erased> en <erased>: JAN en ANNA"
    assert _record(erased).entry("1.2").notes[-1] == expected
    assert report.texts_changed == 1


def test_a_short_name_is_pseudonymised_as_a_word_and_left_inside_other_words():
    plan = small_school()
    short = Team((attrs.evolve(plan.team.people[0], name="An"), plan.team.people[1]))
    record = _record(with_follow_up(plan, "p2")).note("1.2", "Planning: Annemie en An")

    pseudonymous, _ = pseudonymize(attrs.evolve(plan, team=short, dialogue=record))

    assert _record(pseudonymous).entry("1.2").notes[-1] == "Planning: Annemie en person-01"


def test_a_name_only_inside_other_words_is_no_mention_for_the_export():
    plan = small_school()
    short = Team((attrs.evolve(plan.team.people[0], name="An"), plan.team.people[1]))
    record = _record(with_follow_up(plan, "p2")).note("1.2", "Planning met Annemie")

    exported = export_person(attrs.evolve(plan, team=short, dialogue=record), "p1")

    assert exported["conversation_notes"] == []


def test_a_continuity_rule_no_longer_keeps_the_erased_person():
    plan = small_school().allocate()
    keep = KeepHolders.from_assignments(_allocation(plan).assignments)
    plan = attrs.evolve(plan, rules=default_rules().extend(scores=[keep]))
    held = sum(1 for holder in keep.primary.values() if holder == "p1")

    erased, report = erase_person(plan, "p1")

    assert report.continuity_removed == held > 0
    assert "p1" not in to_json(erased.rules)


def _with_named_rules(name: str) -> SchoolPlan:
    """The small school with a rule set named after someone, advanced to step 7."""
    plan = attrs.evolve(small_school(), roadmap=up_to_step_five())
    plan = attrs.evolve(plan, rules=default_rules().extend(name=f"regels van {name} (p1)"))
    return plan.advance()


def _rules_fact(plan: SchoolPlan) -> object:
    evidence = plan.roadmap.history[5].evidence
    assert evidence is not None
    assert evidence.kind is EvidenceKind.EXPERTISE_MISSING
    return evidence.facts["rules"]


def test_a_name_or_id_in_the_facts_of_the_evidence_is_erased_and_pseudonymised():
    plan = _with_named_rules(NAMES[0])
    assert _rules_fact(plan) == f"regels van {NAMES[0]} (p1)"

    erased, _ = erase_person(plan, "p1")
    pseudonymous, _ = pseudonymize(plan)

    assert _rules_fact(erased) == "regels van <erased> (<erased>)"
    assert _rules_fact(pseudonymous) == "regels van person-01 (person-01)"
    for text in (to_json(erased), render(erased, "html"), render(erased.roadmap, "markdown")):
        assert NAMES[0] not in text
        assert "(p1)" not in text


def test_an_export_holds_the_evidence_whose_facts_name_the_person():
    plan = _with_named_rules(NAMES[0])

    exported = export_person(plan, "p1")

    steps = {entry["step"]: entry for entry in exported["roadmap"]}
    assert steps[6]["facts"]["rules"] == f"regels van {NAMES[0]} (p1)"
    assert json.loads(json.dumps(exported)) == exported


def test_erasing_someone_the_plan_does_not_know_is_refused_listing_the_ids_it_knows():
    with pytest.raises(UnknownCodeError) as caught:
        erase_person(small_school(), "p9")

    assert caught.value.known == ("p1", "p2")
    assert NAMES[0] not in str(caught.value)


def test_a_catalog_role_is_no_person_to_erase():
    plan = with_follow_up(small_school(), "directie")

    with pytest.raises(UnknownCodeError):
        erase_person(plan, "directie")


def test_an_erasure_report_holds_counts_and_keys_only():
    plan = with_follow_up(small_school().allocate(), "p1")

    _, report = erase_person(plan, "p1")

    for text in (repr(report), str(report), json.dumps(attrs.asdict(report))):
        assert "p1" not in text
        assert NAMES[0] not in text
    assert isinstance(report, ErasureReport)


# -- pseudonymising ---------------------------------------------------------------------------


def _back(
    allocation: Allocation | None, ids: dict[str, str], original: Allocation | None
) -> Allocation | None:
    """The allocation with every pseudonym turned back into the id it stands for.

    The name of its rule set is the original's: a name or id in it was scrubbed, as free
    text is, and cannot be turned back.
    """
    if allocation is None or original is None:
        return allocation
    instances = tuple(
        attrs.evolve(
            info,
            candidates=tuple(attrs.evolve(c, person=ids[c.person]) for c in info.candidates),
        )
        for info in allocation.instances
    )
    assignments = {
        key: attrs.evolve(a, primary=ids[a.primary], backup=a.backup and ids[a.backup])
        for key, a in allocation.assignments.items()
    }
    capacity = {ids[person]: hours for person, hours in allocation.capacity.items()}
    return attrs.evolve(
        allocation,
        instances=instances,
        assignments=assignments,
        capacity=capacity,
        rules=original.rules,
    )


@_SLOW
@given(plan=named_plans())
def test_after_pseudonymizing_no_name_or_id_remains_and_the_allocations_are_the_same_up_to_renaming(
    plan,
):
    pseudonymous, key = pseudonymize(plan)

    text = to_json(pseudonymous)
    for person_id in plan.team.ids:
        assert _leaks(text, plan, person_id) == []
    assert _words_kept(text, plan)
    ids = {pseudonym: entry.id for pseudonym, entry in key.items()}
    assert _back(pseudonymous.allocation, ids, plan.allocation) == plan.allocation
    assert _back(pseudonymous.baseline, ids, plan.baseline) == plan.baseline
    assert pseudonymous.allocation_is_current == plan.allocation_is_current
    assert from_json(SchoolPlan, text) == pseudonymous
    for fmt, rendered in _renderings(pseudonymous):
        for person_id in plan.team.ids:
            assert _leaks(rendered, plan, person_id) == [], fmt


@_SLOW
@given(plan=named_plans())
def test_pseudonymizing_a_pseudonymous_plan_changes_nothing(plan):
    once, _ = pseudonymize(plan)

    twice, key = pseudonymize(once)

    assert twice == once
    assert all(pseudonym == entry.id for pseudonym, entry in key.items())


def test_pseudonyms_are_numbered_in_team_order_and_the_key_leads_back_to_id_and_name():
    plan = small_school()

    pseudonymous, key = pseudonymize(plan)

    assert pseudonymous.team.ids == ("person-01", "person-02")
    assert [(key[p].id, key[p].name) for p in pseudonymous.team.ids] == [
        ("p1", NAMES[0]),
        ("p2", NAMES[1]),
    ]
    assert all(person.name is None for person in pseudonymous.team.people)
    assert NAMES[0] not in repr(key)
    assert "p1" not in repr(key)


def test_someone_who_left_but_holds_tasks_in_the_baseline_gets_the_next_pseudonym():
    plan = attrs.evolve(small_school().allocate().advance(), roadmap=RoadmapSession.start())
    plan = attrs.evolve(plan, baseline=plan.allocation, allocation=None)
    plan = attrs.evolve(plan, team=Team(plan.team.people[1:]))

    pseudonymous, key = pseudonymize(plan)

    assert pseudonymous.team.ids == ("person-01",)
    assert key["person-02"].id == "p1"
    assert key["person-02"].name is None  # the team no longer holds it
    assert "p1" not in to_json(pseudonymous)


def test_follow_ups_keep_their_owner_under_a_pseudonym_and_roles_stay_roles():
    plan = with_follow_up(small_school(), "p2")
    record = _record(plan).add_action("1.2", Action(description="Budget", owner="directie"))

    pseudonymous, _ = pseudonymize(attrs.evolve(plan, dialogue=record))

    assert [a.owner for _, a in _record(pseudonymous).actions()] == ["person-02", "directie"]


# -- the right of access ----------------------------------------------------------------------


@_SLOW
@given(plan=named_plans(), data=st.data())
def test_an_export_holds_the_persons_name_and_every_instance_they_appear_in(plan, data):
    person_id = _pid(plan, data)

    exported = export_person(plan, person_id)

    text = json.dumps(exported, ensure_ascii=False)
    assert json.loads(text) == exported
    assert exported["team"]["name"] == plan.team.person(person_id).name
    for part, allocation in (("allocation", plan.allocation), ("baseline", plan.baseline)):
        if allocation is None:
            assert exported[part] is None
            continue
        held = {
            key for key, a in allocation.assignments.items() if person_id in (a.primary, a.backup)
        }
        shown = exported[part] or {"primary": [], "backup": []}
        assert {t["key"] for t in (*shown["primary"], *shown["backup"])} == held


def test_an_export_holds_the_notes_and_follow_ups_that_name_the_person():
    plan = with_follow_up(small_school(), "p1")
    plan = attrs.evolve(plan, dialogue=_record(plan).note("1.2", f"{NAMES[0]} is er vrijdag"))

    exported = export_person(plan, "p1")

    assert [f["description"] for f in exported["follow_ups"]] == ["Uitleenpool opzetten"]
    assert exported["conversation_notes"] == [{"topic": "1.2", "note": f"{NAMES[0]} is er vrijdag"}]
    assert exported["allocation"] is None


def test_an_export_holds_a_follow_up_whose_criterion_alone_names_the_person():
    plan = with_follow_up(small_school(), "p2")
    criterion = f"{NAMES[0]} bevestigt dat elke klas laptops heeft"
    record = _record(plan).add_action(
        "1.2", Action(description="Laptops tellen", owner="p2", success_criterion=criterion)
    )
    plan = attrs.evolve(plan, dialogue=record)

    exported = export_person(plan, "p1")
    erased, _ = erase_person(plan, "p1")

    assert [f["success_criterion"] for f in exported["follow_ups"]] == [criterion]
    assert NAMES[0] not in to_json(erased)


def test_exporting_someone_the_plan_does_not_know_is_refused():
    with pytest.raises(UnknownCodeError):
        export_person(small_school(), "nobody")


def test_ids_that_look_like_pseudonyms_of_others_are_renamed_consistently():
    plan = small_school()
    swapped = tuple(
        attrs.evolve(p, id=new)
        for p, new in zip(plan.team.people, ("person-02", "person-01"), strict=True)
    )
    plan = with_follow_up(attrs.evolve(plan, team=Team(swapped)), "person-01").allocate()
    record = _record(plan).note("1.2", "person-01 helpt person-02")

    pseudonymous, key = pseudonymize(attrs.evolve(plan, dialogue=record))

    assert [key[p].id for p in pseudonymous.team.ids] == ["person-02", "person-01"]
    assert _record(pseudonymous).entry("1.2").notes[-1] == "person-02 helpt person-01"
    assert [a.owner for _, a in _record(pseudonymous).actions()] == ["person-02"]
    ids = {p: e.id for p, e in key.items()}
    assert _back(pseudonymous.allocation, ids, plan.allocation) == plan.allocation
