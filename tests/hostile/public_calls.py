"""The table of the public API's functions and methods: how to call each, and what is wrong.

``test_public_api.py`` calls each entry with its valid arguments, then with each wrong value
in place of one argument, and holds every refusal to the library's rules.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Protocol

import attrs

import ict_competence as ic
from tests.hostile.public_world import NAME, NOTE, World


class _Opaque:
    """An object of no type the library knows."""

    def __repr__(self) -> str:
        return "<an object>"


_OBJECT = _Opaque()
NAN, INF = math.nan, math.inf
#: Wrong for a text argument.
NOT_TEXT: tuple[object, ...] = (None, 7, 2.5, True, {"k": 1}, _OBJECT)
#: Wrong for a text argument that may be left out (``None`` is its default).
NOT_OPTIONAL_TEXT: tuple[object, ...] = NOT_TEXT[1:]
#: Wrong for a number of any kind.
NOT_NUMBER: tuple[object, ...] = (None, "7", True, {"k": 1}, _OBJECT, NAN, INF)
#: Wrong for a whole number.
NOT_WHOLE: tuple[object, ...] = (*NOT_NUMBER, 2.5)
#: Wrong for a bool.
NOT_BOOL: tuple[object, ...] = (None, "yes", 1, 0, {"k": 1}, _OBJECT)
#: Wrong for an object argument (a value of a library class).
NOT_OBJECT: tuple[object, ...] = (None, "text", 7, True, {"k": 1}, _OBJECT)
#: Wrong for an object argument that may be left out.
NOT_OPTIONAL_OBJECT: tuple[object, ...] = NOT_OBJECT[1:]
#: Wrong for a file path.
NOT_PATH: tuple[object, ...] = (None, 7, True, {"k": 1}, _OBJECT, "")
#: Wrong for a code or id looked up: wrong types and codes nobody has.
NOT_CODE: tuple[object, ...] = (None, 7, True, {"k": 1}, _OBJECT, "", "NOPE-99")
#: The packaged roadmap, as a file a school could pass to load_roadmap.
ROADMAP_FILE = Path(ic.__file__).parent / "flow" / "data" / "roadmap.toml"


@attrs.frozen
class Entry:
    """How to call one public function or method, and what to call it with.

    Attributes:
        call: calls it with keyword arguments (a lambda where it takes positional ones).
        valid: arguments it accepts; each case changes one of them.
        wrong: per argument, the values it must refuse.
        place: per argument, a pattern the message must contain instead of the argument's
            name (for a lookup: the kind of thing looked up).
    """

    call: Callable[..., object]
    valid: Mapping[str, object]
    wrong: Mapping[str, tuple[object, ...]]
    place: Mapping[str, str] = attrs.field(factory=dict)


def calls(w: World) -> dict[str, Entry]:
    """Every function and method of the public API that takes values, by its dotted name."""
    return (
        _records_calls(w)
        | _catalog_calls(w)
        | _dialogue_calls(w)
        | _flow_calls(w)
        | _allocation_calls(w)
        | _plan_calls(w)
        | _file_calls(w)
        | _registry_calls(w)
    )


def _records_calls(w: World) -> dict[str, Entry]:
    """The plain records and data frames of what a notebook shows."""
    actions, raci = w.plan.action_plan(), w.allocation.raci()
    reason = ic.Reason.custom("eigen reden")
    evidence = ic.Evidence(source="test", basis=NOTE)
    language = {"language": (*NOT_TEXT, "fr")}
    names_and_language = {"names": NOT_BOOL, "language": (*NOT_TEXT, "fr")}
    function = {"function": (None, 7, "text", _OBJECT)}
    return {
        "ActionPlan.to_records": Entry(actions.to_records, {"language": "en"}, language),
        "ActionPlan.to_dataframe": Entry(actions.to_dataframe, {"language": "en"}, language),
        "Allocation.to_records": Entry(w.allocation.to_records, {}, {}),
        "Allocation.to_dataframe": Entry(w.allocation.to_dataframe, {}, {}),
        "TaskOverview.to_records": Entry(
            w.overview.to_records, {"names": True, "language": "en"}, names_and_language
        ),
        "TaskOverview.to_dataframe": Entry(
            w.overview.to_dataframe, {"names": True, "language": "en"}, names_and_language
        ),
        "Team.to_records": Entry(w.team.to_records, {"names": True}, {"names": NOT_BOOL}),
        "Team.to_dataframe": Entry(w.team.to_dataframe, {"names": True}, {"names": NOT_BOOL}),
        "RaciMatrix": Entry(
            lambda rows: ic.RaciMatrix(rows),  # noqa: PLW0108 - its argument is positional only
            {"rows": raci},
            {"rows": (None, 7, _OBJECT, [None], [_OBJECT], ["T-00"])},
        ),
        "RaciMatrix.to_records": Entry(raci.to_records, {}, {}),
        "RaciMatrix.to_dataframe": Entry(raci.to_dataframe, {}, {}),
        "Reason.custom": Entry(ic.Reason.custom, {"text": "eigen reden"}, {"text": NOT_TEXT}),
        "Reason.replace_text": Entry(reason.replace_text, {"function": str.upper}, function),
        "Evidence.replace_text": Entry(evidence.replace_text, {"function": str.upper}, function),
    }


def _catalog_calls(w: World) -> dict[str, Entry]:
    catalog, overview = w.catalog, w.overview
    choice = ic.TaskChoice(task=w.catalog.task("TECH-01"), hours_per_year=3)
    return {
        "Catalog.task": Entry(
            catalog.task, {"code": "TECH-01"}, {"code": NOT_CODE}, {"code": "task"}
        ),
        "Catalog.role": Entry(catalog.role, {"code": "tict"}, {"code": NOT_CODE}, {"code": "role"}),
        "Catalog.competence": Entry(
            catalog.competence,
            {"code": catalog.competences[0].code},
            {"code": NOT_CODE},
            {"code": "competence"},
        ),
        "Catalog.cluster": Entry(
            catalog.cluster,
            {"cluster": ic.Cluster.TECHNICAL},
            {"cluster": (*NOT_OBJECT, "technical")},
        ),
        "Catalog.tasks_in": Entry(
            catalog.tasks_in,
            {"cluster": ic.Cluster.TECHNICAL},
            {"cluster": (*NOT_OBJECT, "technical")},
        ),
        "Catalog.overview": Entry(
            catalog.overview,
            {"school_type": None},
            {"school_type": (*NOT_OPTIONAL_OBJECT, "primary")},
        ),
        "Catalog.extend": Entry(
            catalog.extend,
            {"path": w.folder / "empty.toml"},
            {"path": (*NOT_PATH, w.folder / "missing.toml", w.folder / "notes.txt")},
            {"path": "path|missing|notes"},
        ),
        "CompetenceGroup.holds": Entry(
            ic.load_catalog_info().competence_groups[0].holds,
            {"competence": catalog.competences[0]},
            {"competence": NOT_OBJECT},
        ),
        "Task.applies_in": Entry(
            catalog.task("TECH-01").applies_in,
            {"school_type": None},
            {"school_type": (*NOT_OPTIONAL_OBJECT, "primary")},
        ),
        "Task.moved_to": Entry(
            catalog.task("TECH-01").moved_to,
            {"cluster": ic.Cluster.POLICY},
            {"cluster": (*NOT_OBJECT, "policy")},
        ),
        "TaskOverview.choice": Entry(
            overview.choice, {"code": "T-00"}, {"code": NOT_CODE}, {"code": "task"}
        ),
        "TaskOverview.choose": Entry(
            overview.choose,
            {"code": "T-00", "hours_per_year": 4},
            {
                "code": NOT_CODE,
                "hours_per_year": (*NOT_NUMBER, -1),
                "applies": NOT_BOOL,
                "horizon": (*NOT_OBJECT, "short_term"),
                "notes": NOT_TEXT,
                "task": (*NOT_OBJECT, catalog.task("TECH-01")),
            },
            {"code": "task"},
        ),
        "TaskOverview.add": Entry(
            overview.add, {"choice": choice}, {"choice": (*NOT_OBJECT, overview.choices[0])}
        ),
        "TaskOverview.active": Entry(overview.active, {}, {}),
        "TaskOverview.summary": Entry(
            overview.summary, {"capacity": 1600}, {"capacity": (*NOT_NUMBER, 0, -1)}
        ),
    }


def _dialogue_calls(w: World) -> dict[str, Entry]:
    dialogue, guide, record = w.dialogue, w.guide, w.record
    leader = dialogue.key_figure("schoolleider")
    action = ic.Action(description="Uitleenpool", owner="p1")
    return {
        "Dialogue.key_figure": Entry(
            dialogue.key_figure,
            {"code": "schoolleider"},
            {"code": NOT_CODE},
            {"code": "key figure"},
        ),
        "Dialogue.theme": Entry(
            dialogue.theme, {"code": "omgeving"}, {"code": NOT_CODE}, {"code": "theme"}
        ),
        "Dialogue.policy_theme": Entry(
            dialogue.policy_theme, {"code": "avg"}, {"code": NOT_CODE}, {"code": "policy theme"}
        ),
        "Dialogue.extend": Entry(
            dialogue.extend,
            {"path": w.folder / "empty.toml"},
            {"path": (*NOT_PATH, w.folder / "missing.toml", w.folder / "notes.txt")},
            {"path": "path|missing|notes"},
        ),
        "KeyFigure.topic": Entry(
            leader.topic, {"code": "1.2"}, {"code": NOT_CODE}, {"code": "topic"}
        ),
        "KeyFigure.main_question": Entry(
            leader.main_question,
            {"number": 1},
            {"number": (*NOT_WHOLE, 0, 99, "1")},
            {"number": "number|main question"},
        ),
        "ConversationGuide.topic": Entry(
            guide.topic, {"code": "1.2"}, {"code": NOT_CODE}, {"code": "topic"}
        ),
        "ConversationGuide.theme": Entry(
            guide.theme, {"code": guide.themes[0].code}, {"code": NOT_CODE}, {"code": "theme"}
        ),
        "ConversationGuide.sections": Entry(guide.sections, {}, {}),
        "ConversationGuide.record": Entry(guide.record, {}, {}),
        "conversation_guide": Entry(
            ic.conversation_guide,
            {"key_figure": "schoolleider", "topics": ["1.2"]},
            {
                "key_figure": (*NOT_CODE, "bestuurder"),
                "themes": (7, True, _OBJECT, [None], [7], ["nope"]),
                "policy_themes": (7, True, _OBJECT, [None], ["nope"]),
                "topics": (7, True, _OBJECT, [None], ["9.9"], [guide.themes[0]]),
                "dialogue": NOT_OPTIONAL_OBJECT,
            },
            {
                "key_figure": "key.figure",
                "themes": "theme",
                "policy_themes": "policy.theme",
                "topics": "topic",
            },
        ),
        "DialogueRecord.for_guide": Entry(
            ic.DialogueRecord.for_guide, {"guide": guide}, {"guide": (*NOT_OBJECT, dialogue)}
        ),
        "DialogueRecord.entry": Entry(record.entry, {"topic": "1.2"}, {"topic": NOT_CODE}),
        "DialogueRecord.note": Entry(
            record.note,
            {"topic": "1.2", "text": NOTE},
            {"topic": NOT_CODE, "text": (*NOT_TEXT, "", "  ", [NAME])},
            {"text": "note"},
        ),
        "DialogueRecord.mark": Entry(
            record.mark,
            {"topic": "1.2", "status": ic.TopicStatus.FOLLOW_UP_AGREED},
            {"topic": NOT_CODE, "status": (*NOT_OBJECT, "done", ic.TopicStatus.OPEN)},
        ),
        "DialogueRecord.add_action": Entry(
            record.add_action,
            {"topic": "1.2", "action": action},
            {"topic": NOT_CODE, "action": (*NOT_OBJECT, NAME)},
        ),
        "DialogueRecord.actions": Entry(record.actions, {}, {}),
        "DialogueRecord.check": Entry(
            record.check, {"dialogue": None}, {"dialogue": NOT_OPTIONAL_OBJECT}
        ),
        "DialogueRecord.guide": Entry(
            record.guide, {"dialogue": None}, {"dialogue": NOT_OPTIONAL_OBJECT}
        ),
    }


def _flow_calls(w: World) -> dict[str, Entry]:
    roadmap, start, action, evaluation = (
        w.roadmap,
        ic.RoadmapSession.start(),
        w.session,
        w.evaluation_session,
    )
    step = roadmap.step(1)
    evidence = ic.Evidence(source="test", basis=NOTE)
    assessment = ic.Assessment(step=5, answer=ic.Answer.DONE, evidence=evidence)
    wrong_note = (*NOT_OPTIONAL_TEXT, [NOTE])
    diagram = {"subject": (*NOT_OBJECT, step), "language": (*NOT_TEXT, "fr")}
    return {
        "LocalizedText.get": Entry(
            ic.LocalizedText("Inventaris", "Inventory").get,
            {"language": "en"},
            {"language": (*NOT_TEXT, "fr", "NL", "")},
        ),
        "Roadmap.step": Entry(
            roadmap.step,
            {"number": 1},
            {"number": (*NOT_WHOLE, 0, 99, "1")},
            {"number": "number|step"},
        ),
        "Step.branch": Entry(
            step.branch,
            {"answer": ic.Answer.YES},
            {"answer": (*NOT_OBJECT, "yes", ic.Answer.DONE)},
            {"answer": "answer|branch"},
        ),
        "Step.text": Entry(
            step.text, {"variant": None}, {"variant": (*NOT_OPTIONAL_OBJECT, "school")}
        ),
        "Step.pauses": Entry(step.pauses, {"branch": step.branches[0]}, {"branch": NOT_OBJECT}),
        "RoadmapSession.start": Entry(
            ic.RoadmapSession.start,
            {"roadmap": None},
            {"roadmap": NOT_OPTIONAL_OBJECT},
            {"roadmap": "definition|roadmap"},
        ),
        "RoadmapSession.answer": Entry(
            start.answer,
            {"yes": True, "note": NOTE},
            {"yes": NOT_BOOL, "note": wrong_note, "evidence": NOT_OPTIONAL_OBJECT},
        ),
        "RoadmapSession.complete": Entry(
            action.complete,
            {"note": NOTE},
            {"note": wrong_note, "evidence": NOT_OPTIONAL_OBJECT},
        ),
        "RoadmapSession.revisit": Entry(
            evaluation.revisit,
            {"step": 5, "note": NOTE},
            {"step": (*NOT_WHOLE, 0, 8, 99, "5"), "note": wrong_note},
        ),
        "RoadmapSession.undo": Entry(action.undo, {}, {}),
        "RoadmapSession.apply": Entry(
            action.apply,
            {"assessment": assessment, "note": NOTE},
            {"assessment": (*NOT_OBJECT, evidence), "note": wrong_note},
        ),
        "RoadmapSession.assess": Entry(
            lambda assessors, note=None: action.assess(*assessors, note=note),
            {"assessors": (w.plan,), "note": NOTE},
            {
                "assessors": ((None,), ("text",), (_OBJECT,), (evidence,)),
                "note": wrong_note,
            },
        ),
        "to_mermaid": Entry(ic.to_mermaid, {"subject": start, "language": "en"}, diagram),
        "to_dot": Entry(ic.to_dot, {"subject": start, "language": "en"}, diagram),
    }


def _allocation_calls(w: World) -> dict[str, Entry]:
    allocation, team, person, overview = w.allocation, w.team, w.person, w.overview
    rules_of_another_kind = (None, 7, "text", _OBJECT, (None,), ("text",))
    return {
        "allocate": Entry(
            ic.allocate,
            {"overview": overview, "team": team},
            {
                "overview": (*NOT_OBJECT, team),
                "team": (*NOT_OBJECT, overview, (person,)),
                "rules": (*NOT_OPTIONAL_OBJECT, "default"),
                "solver": (*NOT_TEXT, "fast", ""),
                "time_limit": (*NOT_NUMBER[1:], -1, 0),
                "pins": (
                    None,
                    7,
                    "T-00",
                    _OBJECT,
                    (None,),
                    (ic.Pin("T-00", "nobody"),),
                    (ic.Pin("NOPE-01", "p1"),),
                ),
                "exclusions": (None, 7, "T-00", _OBJECT, (None,), (ic.Exclusion("T-00", "x"),)),
                "workers": (*NOT_WHOLE[1:], 0, -1),
                "executor": ("text", 7, _OBJECT),
                "progress": ("text", 7, _OBJECT),
            },
            {"pins": "pin|nobody|NOPE", "exclusions": "exclusion|'x'"},
        ),
        "allocate_many": Entry(
            ic.allocate_many,
            {"jobs": [ic.AllocationJob(overview, team)], "executor": None},
            {
                "jobs": (None, 7, "text", _OBJECT, [None], [overview], (ic.AllocationJob,)),
                "executor": ("text", 7, _OBJECT),
            },
            {"jobs": "job", "executor": "executor|job"},
        ),
        "AllocationJob.run": Entry(
            ic.AllocationJob(overview, team).run,
            {"workers": None},
            {"workers": (*NOT_WHOLE[1:], 0, -1)},
        ),
        "task_instances": Entry(
            ic.task_instances,
            {"overview": overview, "team": team},
            {"overview": (*NOT_OBJECT, team), "team": (*NOT_OBJECT, overview)},
        ),
        "default_rules": Entry(ic.default_rules, {}, {}),
        "even_load_rules": Entry(
            ic.even_load_rules,
            {"weight": 2.0, "thresholds": (0.5, 0.75)},
            {
                "weight": (*NOT_NUMBER, -1),
                "thresholds": (None, 0.5, "0.5", {"k": 1}, (NAN,), (-0.5,), ("0.5",), (True,)),
            },
        ),
        "continuity_rules": Entry(
            ic.continuity_rules,
            {"holders": ic.KeepHolders.from_overview(overview)},
            {"holders": (*NOT_OBJECT, ic.even_load_rules())},
        ),
        "register_rule": Entry(
            ic.register_rule,
            {"kind": "even_load", "cls": ic.EvenLoad},
            {
                "kind": (*NOT_TEXT, "", "two words", "motivated"),
                "cls": (*NOT_OBJECT, object, ic.Person, ic.Motivated),
            },
            {"kind": "kind|even_load|motivated", "cls": "cls|rule|Motivated|even_load"},
        ),
        "Allocation.instance": Entry(
            allocation.instance, {"key": "T-00"}, {"key": NOT_CODE}, {"key": "instance"}
        ),
        "Allocation.explain": Entry(
            allocation.explain, {"key": "T-00"}, {"key": NOT_CODE}, {"key": "instance"}
        ),
        "Allocation.raci": Entry(
            allocation.raci,
            {"accountable": "directie", "group_accountable": None},
            {
                "accountable": (*NOT_TEXT, "", "  "),
                "group_accountable": (*NOT_OPTIONAL_TEXT, ""),
            },
        ),
        "Allocation.profiles": Entry(allocation.profiles, {}, {}),
        "Allocation.diff": Entry(
            allocation.diff, {"other": allocation}, {"other": (*NOT_OBJECT, team)}
        ),
        "KeepHolders.from_assignments": Entry(
            ic.KeepHolders.from_assignments,
            {"assignments": allocation.assignments, "per_hour": 4.0},
            {
                "assignments": (None, 7, "T-00", _OBJECT, {"T-00": "p1"}, {7: ic.Assignment("p1")}),
                "per_hour": (*NOT_NUMBER, -1),
            },
        ),
        "KeepHolders.from_overview": Entry(
            ic.KeepHolders.from_overview,
            {"overview": overview, "per_hour": 4.0},
            {"overview": (*NOT_OBJECT, team), "per_hour": (*NOT_NUMBER, -1)},
        ),
        "RuleSet.extend": Entry(
            w.rules.extend,
            {"name": "mine"},
            {
                "name": (*NOT_OPTIONAL_TEXT, "", "  "),
                "eligibility": (*rules_of_another_kind, (ic.EvenLoad(),)),
                "scores": (*rules_of_another_kind, (ic.Motivated(),)),
                "load": (*rules_of_another_kind, (ic.Motivated(),)),
            },
        ),
        "Person.level": Entry(
            person.level,
            {"domain": ic.Domain.TECHNICAL},
            {"domain": (*NOT_OBJECT, "technical", ic.Cluster.TECHNICAL)},
        ),
        "Person.motivation_for": Entry(
            person.motivation_for,
            {"cluster": ic.Cluster.TECHNICAL},
            {"cluster": (*NOT_OBJECT, "technical", ic.Domain.TECHNICAL)},
        ),
        "Team.person": Entry(
            team.person, {"person_id": "p1"}, {"person_id": NOT_CODE}, {"person_id": "person"}
        ),
        "TaskInstance.open_to": Entry(
            w.instance.open_to, {"person": person}, {"person": (*NOT_OBJECT, "p1")}
        ),
        "DecisionKind.for_task": Entry(
            ic.DecisionKind.for_task, {"strategic": True}, {"strategic": NOT_BOOL}
        ),
    }


def _plan_calls(w: World) -> dict[str, Entry]:
    plan = w.plan
    at_evaluation = attrs.evolve(plan, roadmap=w.evaluation_session)
    return {
        "SchoolPlan.allocate": Entry(
            plan.allocate,
            {},
            {
                "rules": (*NOT_OPTIONAL_OBJECT, "default"),
                "solver": (*NOT_TEXT, "fast"),
                "time_limit": (*NOT_NUMBER[1:], -1),
                "progress": ("text", 7, _OBJECT),
            },
        ),
        "SchoolPlan.assess": Entry(
            lambda session: plan.assess(session),  # noqa: PLW0108 - positional only
            {"session": w.session},
            {"session": (*NOT_OBJECT, plan)},
        ),
        "SchoolPlan.advance": Entry(plan.advance, {}, {}),
        "SchoolPlan.evaluate": Entry(plan.evaluate, {}, {}),
        "SchoolPlan.action_plan": Entry(plan.action_plan, {}, {}),
        "SchoolPlan.next_cycle": Entry(
            at_evaluation.next_cycle,
            {"from_step": 5, "note": NOTE},
            {
                "from_step": (*NOT_WHOLE, 0, 8, 99, "5"),
                "note": (*NOT_OPTIONAL_TEXT, [NOTE]),
            },
            {"from_step": "step"},
        ),
        "SchoolPlan.save": Entry(
            plan.save,
            {"path": w.folder / "saved.json"},
            {"path": (*NOT_PATH, w.folder / "missing" / "plan.json")},
            {"path": "path|missing"},
        ),
        "SchoolPlan.load": Entry(
            ic.SchoolPlan.load,
            {"path": w.folder / "plan.json"},
            {
                "path": (
                    *NOT_PATH,
                    w.folder / "missing.json",
                    w.folder / "notes.txt",
                    w.folder / "team.xlsx",
                )
            },
            {"path": "path|missing|notes|team"},
        ),
        "pseudonymize": Entry(ic.pseudonymize, {"plan": plan}, {"plan": (*NOT_OBJECT, w.team)}),
        "erase_person": Entry(
            ic.erase_person,
            {"plan": plan, "person_id": "p1"},
            {"plan": (*NOT_OBJECT, w.team), "person_id": NOT_CODE},
            {"person_id": "person"},
        ),
        "export_person": Entry(
            ic.export_person,
            {"plan": plan, "person_id": "p1"},
            {"plan": (*NOT_OBJECT, w.team), "person_id": NOT_CODE},
            {"person_id": "person"},
        ),
        "ActionPlan.by_source": Entry(
            plan.action_plan().by_source,
            {"source": ic.ActionSource.ADVICE},
            {"source": (*NOT_OBJECT, "advice")},
        ),
    }


def _file_calls(w: World) -> dict[str, Entry]:
    folder = w.folder
    unreadable = (folder / "missing.toml", folder / "notes.txt", folder / "team.xlsx")
    not_a_workbook = (folder / "missing.xlsx", folder / "notes.txt", folder / "plan.json")
    content = {"path": "path|missing|notes|team|empty"}
    return {
        "load_catalog": Entry(
            ic.load_catalog,
            {"path": folder / "empty.toml"},
            {"path": (*NOT_PATH[1:], *unreadable)},
            content,
        ),
        "load_dialogue": Entry(
            ic.load_dialogue,
            {"path": folder / "empty.toml"},
            {"path": (*NOT_PATH[1:], *unreadable)},
            content,
        ),
        "load_roadmap": Entry(
            ic.load_roadmap,
            {"path": ROADMAP_FILE},
            {"path": (*NOT_PATH[1:], *unreadable, folder / "empty.toml")},
            content,
        ),
        "load_catalog_info": Entry(ic.load_catalog_info, {}, {}),
        "read_overview": Entry(
            ic.read_overview,
            {"path": folder / "overview.xlsx", "catalog": None},
            {
                "path": (*NOT_PATH, *not_a_workbook, folder / "team.xlsx"),
                "catalog": NOT_OPTIONAL_OBJECT,
            },
            {"path": "path|missing|notes|plan|team"},
        ),
        "read_team": Entry(
            ic.read_team,
            {"path": folder / "team.xlsx"},
            {"path": (*NOT_PATH, *not_a_workbook, folder / "overview.xlsx")},
            {"path": "path|missing|notes|plan|overview"},
        ),
        "write_overview": Entry(
            ic.write_overview,
            {"overview": w.overview, "path": folder / "written-overview.xlsx", "catalog": None},
            {
                "overview": (*NOT_OBJECT, w.team),
                "path": (*NOT_PATH, folder / "missing" / "o.xlsx"),
                "catalog": NOT_OPTIONAL_OBJECT,
            },
            {"path": "path|missing"},
        ),
        "write_team": Entry(
            ic.write_team,
            {"team": w.team, "path": folder / "written-team.xlsx"},
            {
                "team": (*NOT_OBJECT, w.overview),
                "path": (*NOT_PATH, folder / "missing" / "t.xlsx"),
            },
            {"path": "path|missing"},
        ),
    }


class _Shape(Protocol):
    """A kind of value of the tests' own, to register kinds for."""


@attrs.frozen
class _Square:
    """A shape of the tests' own."""

    side: float = 1.0


def _registry_calls(w: World) -> dict[str, Entry]:
    kinds = ic.register_kinds(_Shape, label="shape", advice="register it")
    return {
        "render": Entry(
            ic.render,
            {"obj": w.catalog, "format": "markdown"},
            {
                "obj": (None, 7, "text", {"k": 1}, _OBJECT),
                "format": (*NOT_CODE, "MARKDOWN"),
                "names": NOT_BOOL,
                "colour": (True,),
            },
            {"obj": "render", "format": "format|renderer", "colour": "colour"},
        ),
        "get_renderer": Entry(
            ic.get_renderer,
            {"name": "json"},
            {"name": NOT_CODE},
            {"name": "name|format|renderer"},
        ),
        "available_formats": Entry(ic.available_formats, {}, {}),
        "register_renderer": Entry(
            ic.register_renderer,
            {"renderer": ic.get_renderer("json"), "replace": True},
            {"renderer": NOT_OBJECT, "replace": (None, "yes", 1, _OBJECT)},
            {"renderer": "renderer"},
        ),
        "from_json": Entry(
            ic.from_json,
            {"cls": ic.Team, "text": ic.to_json(w.team), "source": "team.json"},
            {
                "cls": (None, "Team", 7, int, _OBJECT),
                "text": (None, 7, {"k": 1}, _OBJECT, "", "no json", "[]", '{"schema_version": 2}'),
                "source": (7, True, _OBJECT, {"k": 1}),
            },
            {"text": r"\$|text"},
        ),
        "to_json": Entry(
            ic.to_json,
            {"obj": w.team, "indent": 2},
            {
                "obj": (None, 7, "text", [1], _OBJECT, {"k": _OBJECT}),
                "indent": ("2", True, 2.5, -1, {"k": 1}),
            },
            {"obj": "obj|JSON"},
        ),
        "structure": Entry(
            ic.structure,
            {"data": ic.unstructure(w.team), "cls": ic.Team},
            {
                "data": (None, 7, "text", [], {"people": 7}),
                "cls": (None, "Team", 7, _OBJECT),
                "root": (None, 7, _OBJECT),
                "source": (7, True, _OBJECT),
            },
            {"data": r"\$"},
        ),
        "unstructure": Entry(
            ic.unstructure, {"obj": w.team}, {"obj": (_OBJECT,)}, {"obj": "obj|unstructure"}
        ),
        "register_kinds": Entry(
            ic.register_kinds,
            {"base": _Shape, "label": "shape", "advice": "register it"},
            {
                "base": (None, "text", 7, _OBJECT),
                "label": (*NOT_TEXT, "", "  "),
                "advice": (*NOT_TEXT, ""),
            },
        ),
        "register_migration": Entry(
            ic.register_migration,
            {"cls": ic.Team, "from_version": 1},
            {
                "cls": (None, "Team", 7, _OBJECT, int),
                "from_version": (*NOT_WHOLE, 0, -1, ic.SCHEMA_VERSION, 99),
            },
        ),
        "json_schema": Entry(
            ic.json_schema,
            {"cls": ic.Team},
            {"cls": (None, "Team", 7, int, _OBJECT)},
            {"cls": "cls|json_schema"},
        ),
        "Kinds": Entry(
            ic.Kinds,
            {"base": _Shape, "label": "shape", "advice": "register it"},
            {
                "base": (None, "text", 7, _OBJECT),
                "label": (*NOT_TEXT, "", "  "),
                "advice": (*NOT_TEXT, ""),
            },
        ),
        "Kinds.register": Entry(
            kinds.register,
            {"kind": "square", "cls": _Square},
            {"kind": (*NOT_TEXT, "", "two words"), "cls": (*NOT_OBJECT, object, int)},
            {"kind": "kind", "cls": "cls|attrs"},
        ),
        "Kinds.class_of": Entry(kinds.class_of, {"kind": "square"}, {"kind": NOT_TEXT}),
        "Kinds.kind_of": Entry(
            kinds.kind_of, {"cls": _Square}, {"cls": (None, "text", 7, _OBJECT)}
        ),
    }
