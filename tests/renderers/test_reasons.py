"""Reasons worded in the page's language: no English on a Dutch page, no Dutch on an English one."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from itertools import cycle
from pathlib import Path

import attrs
import pytest
from hypothesis import given

from ict_competence.allocation import Decision, DecisionKind, Reason, ReasonKind
from ict_competence.allocation import _reasons as domain_words
from ict_competence.catalog import Cluster, Domain, load_catalog
from ict_competence.plan import SchoolPlan
from ict_competence.renderers import render
from ict_competence.renderers._reasons import (
    word_decision,
    word_explanation,
    word_reason,
    word_rule,
)
from ict_competence.renderers._words import words
from tests.allocation.strategies import reasons
from tests.renderers.samples import HOSTILE, sample_plan

PLAN_V1 = Path(__file__).parents[1] / "plan" / "data" / "plan-schema-1.json"
_PLACE = re.compile(r"\{(\w+)\}")
#: The word table's keys for what the reasons and explanations say.
_REASON_KEYS = ("reason_", "decision_why_", "decision_reason", "explain_", "rule_")


def _kept_out() -> Reason:
    rules = [
        Reason(ReasonKind.KEPT_OUT_BY_RULE, {"rule": rule, "people": n})
        for rule, n in (("level", 2), ("motivation", 1), ("exclusion", 1), ("no interns", 1))
    ]
    return Reason(ReasonKind.KEPT_OUT, {"school": "noord"}, tuple(rules))


#: One reason of each kind a decision has, the plugin's words hostile.
DECISION_REASONS = (
    Reason(ReasonKind.NO_ROOM, {"people": 1}),
    Reason(ReasonKind.NO_ROOM, {"people": 3, "school": "zuid"}),
    Reason(ReasonKind.NO_ROOM_UNDER_PINS, {"people": 2}),
    Reason(ReasonKind.NO_ROOM_UNDER_PINS, {"people": 1, "school": "noord"}),
    _kept_out(),
    Reason(ReasonKind.NOBODY_THERE, {"school": "zuid"}),
    Reason(ReasonKind.NOBODY_THERE),
    Reason(ReasonKind.HOLDER_ERASED),
    Reason.custom(HOSTILE),
)


@pytest.fixture(scope="module")
def plan(tmp_path_factory) -> SchoolPlan:
    """The sample plan, its decisions given every kind of reason in turn."""
    made = sample_plan(tmp_path_factory.mktemp("plan"))
    assert made.allocation is not None
    decisions = {
        key: attrs.evolve(decision, reason=reason)
        for (key, decision), reason in zip(
            made.allocation.decisions.items(), cycle(DECISION_REASONS), strict=False
        )
    }
    assert len(decisions) >= len(DECISION_REASONS)
    return attrs.evolve(made, allocation=attrs.evolve(made.allocation, decisions=decisions))


def _fragments(template: str) -> list[str]:
    """The fixed words of a template: its text between the places, if long enough to tell."""
    return [part.strip(" .;:,()") for part in _PLACE.split(template)[::2] if len(part) >= 9]


def _page_words(language: str) -> set[str]:
    """The fixed words of every reason and explanation template in ``language`` alone."""
    other = "nl" if language == "en" else "en"
    found = set()
    for key, text in words().items():
        if key.startswith(_REASON_KEYS):
            mine, theirs = text.get(language), text.get(other)  # type: ignore[arg-type]
            found |= set(_fragments(mine)) - set(_fragments(theirs))
    return {fragment for fragment in found if fragment}


def _english_of_the_domain() -> set[str]:
    """The fixed words of ``Reason.text`` and ``Decision.text``, the English for the prompt."""
    templates = [
        *domain_words._ENGLISH.values(),
        *domain_words._ONE.values(),
        *domain_words._WHY.values(),
        *domain_words._AGAIN.values(),
    ]
    return {fragment for template in templates for fragment in _fragments(template) if fragment}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.lang: list[str | None] = []
        self._style = False

    def handle_starttag(self, tag, attrs):
        self._style = tag == "style"
        self.lang.append(dict(attrs).get("lang"))

    def handle_endtag(self, tag):
        self._style = False

    def handle_data(self, data):
        if not self._style:
            self.text.append(data)


def _text(page: str, format_: str) -> str:
    if format_ == "markdown":
        return page.replace("\\", "")
    parser = _Text()
    parser.feed(page)
    assert [lang for lang in parser.lang[1:] if lang] == []  # only <html lang> sets a language
    return " ".join(" ".join(parser.text).split())


@pytest.mark.parametrize("format_", ["html", "markdown"])
@pytest.mark.parametrize("what", ["Allocation", "SchoolPlan"])
def test_a_dutch_page_words_every_reason_in_dutch_and_has_no_english_part(plan, what, format_):
    shown = plan if what == "SchoolPlan" else plan.allocation

    page = render(shown, format_)

    text = _text(page, format_)
    assert 'lang="en"' not in page
    english = _page_words("en") | _english_of_the_domain()
    assert sorted(fragment for fragment in english if fragment in text) == []
    for decision in plan.allocation.decisions.values():
        if decision.reason.kind is not ReasonKind.CUSTOM:
            assert decision.text not in text
            assert word_decision(decision, "nl") in text
    assert "De enige persoon in het team die de taak mag opnemen" in text
    assert "uitgesloten door niveau (2), motivatie (1), uitsluiting door het team (1)" in text
    assert "no interns (1)" in text  # a plugin rule's name as it is


@pytest.mark.parametrize("format_", ["html", "markdown"])
@pytest.mark.parametrize("what", ["Allocation", "SchoolPlan"])
def test_an_english_page_has_no_dutch_reason_words(plan, what, format_):
    shown = plan if what == "SchoolPlan" else plan.allocation

    text = _text(render(shown, format_, language="en"), format_)

    dutch = _page_words("nl")
    assert sorted(fragment for fragment in dutch if fragment in text) == []
    assert "The only person in the team who may take it has no hours left for it" in text
    assert "kept out by level (2), motivation (1), exclusion by the team (1)" in text


def test_a_custom_reason_is_shown_as_it_is_and_as_text_on_an_html_page(plan):
    page = render(plan.allocation, "html")

    assert HOSTILE not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert word_reason(Reason.custom(HOSTILE)) == HOSTILE
    assert word_reason("plain words", "en") == "plain words"


@pytest.mark.parametrize("format_", ["html", "markdown"])
def test_pages_show_roles_by_their_catalog_label_and_tasks_with_their_description(plan, format_):
    catalog = load_catalog()
    allocation_page = _text(render(plan.allocation, format_), format_)
    plan_page = _text(render(plan, format_), format_)

    vacancies = {code for row in plan.allocation.raci() for code in row.responsible}
    roles = {role.code: role.name.nl for role in catalog.roles}
    known_tasks = {task.code for task in catalog.tasks}
    assert vacancies & set(roles)
    for code in vacancies & set(roles):
        assert roles[code] in allocation_page
        assert roles[code] in plan_page
    for key in plan.allocation.decisions:
        description = plan.overview.choice(key).task.description.nl[:30]
        assert description in plan_page
        if key in known_tasks:  # a page of the allocation alone knows the catalog's tasks only
            assert description in allocation_page
    uncovered = plan.evaluate().uncovered[0]
    described = plan.overview.choice(uncovered).task.description.nl[:20]
    opening = "(" if format_ == "markdown" else ""
    assert f"{uncovered} {opening}{described}" in plan_page


def test_every_kind_of_reason_has_dutch_and_english_words():
    table = words()

    for reason in ReasonKind:
        assert f"reason_{reason.value}" in table, reason
    for decision in DecisionKind:
        assert f"decision_why_{decision.value}" in table, decision


def test_each_word_has_the_same_places_in_dutch_and_in_english():
    for key, text in words().items():
        assert set(_PLACE.findall(text.nl)) == set(_PLACE.findall(text.en)), key


@given(reasons)
def test_every_reason_is_worded_in_both_languages_with_its_parameters(reason):
    for language in ("nl", "en"):
        text = word_reason(reason, language)

        for name, value in reason.params.items():
            if name == "domain":
                assert Domain(value).label.get(language) in text
            elif name == "cluster":
                assert Cluster(value).label.get(language) in text
            elif name == "rule":
                assert word_rule(str(value), language) in text
            elif not (name == "people" and value == 1):
                assert str(value) in text, name
        if reason.kind is not ReasonKind.CUSTOM:
            assert text.strip()


def test_rules_are_worded_by_the_table_and_a_plugins_rule_by_its_name():
    assert word_rule("backup on strategic tasks only") == "back-up alleen bij kerntaken"
    assert word_rule("motivation", "en") == "motivation"
    assert word_rule("no interns", "nl") == "no interns"


def test_a_plan_saved_in_version_1_gets_a_dutch_page_without_english_reasons():
    plan = SchoolPlan.load(PLAN_V1)
    assert plan.allocation is not None

    text = _text(render(plan.allocation, "markdown"), "markdown")

    assert "in noord die de taak mag opnemen, heeft er geen uren meer voor" in text
    assert sorted(fragment for fragment in _english_of_the_domain() if fragment in text) == []


def test_an_explanation_is_worded_with_its_head_in_the_pages_language(plan):
    allocation = plan.allocation
    assigned = next(iter(allocation.assignments))
    decided = next(iter(allocation.decisions))

    taken = word_explanation(allocation.explain(assigned), "nl")
    left = word_explanation(allocation.explain(decided), "en", str.upper)

    primary = allocation.assignments[assigned].primary
    assert taken.startswith(f"{primary} neemt de taak op (")
    assert "Niveau " in taken
    assert left.startswith(f"{decided}: {allocation.decisions[decided].kind.value}. ")
    assert "Also eligible: P1" in left or "Kept out as primary by rule" in left


def test_a_decision_is_worded_with_what_roadmap_step_6_says():
    decision = Decision(DecisionKind.RECRUIT, Reason(ReasonKind.HOLDER_ERASED))

    assert word_decision(decision) == (
        "Wie de taak had, is uit het plan gewist (verdeel opnieuw); het is een kerntaak: "
        "werf de expertise aan (stap 6 van het stappenplan)."
    )
