"""Notebook fragments: every listed type shows a compact, inert piece of HTML in a notebook."""

import ast
import inspect
import subprocess
import sys
from html.parser import HTMLParser

import attrs
import pytest

from ict_competence._display import html_fragment
from ict_competence.catalog import Cluster, TaskChoice, TaskOverview, load_catalog
from ict_competence.dialogue import conversation_guide
from ict_competence.plan import PersonLoad, SchoolPlan
from ict_competence.renderers import _fragments
from ict_competence.renderers._options import LANGUAGE
from ict_competence.text import LocalizedText
from tests.allocation.strategies import large_instance, make_task
from tests.renderers.samples import HOSTILE
from tests.renderers.test_html import parse
from tests.renderers.test_plan_page import SVG, svgs

LISTED = (
    "Catalog",
    "TaskOverview",
    "RoadmapSession",
    "ConversationGuide",
    "Team",
    "Allocation",
    "Evaluation",
    "SchoolPlan",
)
#: What a fragment may contain as an address: the SVG namespace, which nothing loads.
SVG_NAMESPACE = "http://www.w3.org/2000/svg"
#: The most bytes a fragment of the 12-school plan may take (it is some 12 KB).
COMPACT = 16_000


def named_overview(plan: SchoolPlan) -> TaskOverview:
    """The plan's overview with the team's names written in as a school does: in every row."""
    ann, bram = (person.name for person in plan.team.people)
    overview = plan.overview
    for code in overview.codes[: _fragments.MAX_ROWS]:
        overview = overview.choose(code, responsible=ann, backup=bram, notes=f"{bram} helpt {ann}")
    return overview


def listed_objects(plan: SchoolPlan) -> dict[str, object]:
    assert plan.allocation is not None
    return {
        "Catalog": load_catalog(),
        "TaskOverview": named_overview(plan),
        "RoadmapSession": plan.roadmap,
        "ConversationGuide": conversation_guide("schoolleider"),
        "Team": plan.team,
        "Allocation": plan.allocation,
        "Evaluation": plan.evaluate(),
        "SchoolPlan": plan,
    }


@pytest.fixture(scope="module")
def fragments(plan):
    return {name: obj._repr_html_() for name, obj in listed_objects(plan).items()}  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def group_plan():
    overview, team = large_instance(12)
    return SchoolPlan(name="Scholengroep", overview=overview, team=team).allocate()


class Inventory(HTMLParser):
    """Every element and attribute of a fragment."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [(name, value or "") for name, value in attrs]

    handle_startendtag = handle_starttag


@pytest.mark.parametrize("name", LISTED)
def test_every_listed_type_shows_its_fragment_in_a_notebook(plan, fragments, name):
    obj = listed_objects(plan)[name]

    assert type(obj).__name__ == name
    assert fragments[name] == html_fragment(obj)
    tree = parse(fragments[name])
    (div,) = [node for node in tree.root.children if not isinstance(node, str)]
    assert div.tag == "div"
    assert div.attrs["lang"] == LANGUAGE.default
    assert div.one("p").text.strip()  # the summary line
    assert div.all("table") or div.all("svg")


@pytest.mark.parametrize("name", LISTED)
def test_a_fragment_runs_nothing_and_loads_nothing(fragments, name):
    found = Inventory(fragments[name])

    assert set(found.tags).isdisjoint(
        {"script", "style", "link", "iframe", "object", "embed", "img", "image", "use", "a"}
    )
    assert [attribute for attribute, _ in found.attributes if attribute.startswith("on")] == []
    for attribute, value in found.attributes:
        addresses = value.replace(SVG_NAMESPACE, "") if attribute == "xmlns" else value
        assert "//" not in addresses, (attribute, value)
        assert "url(" not in value.replace("url(#", ""), (attribute, value)
        assert attribute not in {"href", "src", "xlink:href", "srcset", "style"}


@pytest.mark.parametrize("name", LISTED)
def test_a_fragment_shows_people_by_id_and_never_their_name(plan, fragments, name):
    names = [person.name for person in plan.team.people]
    assert names == [f"Ann {HOSTILE}", "Bram"]

    assert "Ann" not in fragments[name]
    assert "Bram" not in fragments[name]


def test_the_overview_the_name_test_reads_has_names_and_notes_in_its_first_rows(plan):
    first = named_overview(plan).choices[0]

    assert (first.responsible, first.backup) == (f"Ann {HOSTILE}", "Bram")
    assert first.notes == f"Bram helpt Ann {HOSTILE}"


def test_an_overviews_fragment_leaves_out_the_notes_a_school_wrote(plan):
    overview = plan.overview.choose("TECH-01", notes="geheim: afwezig wegens ziekte")

    fragment = html_fragment(overview)

    assert "geheim" not in fragment
    assert "Opmerkingen" not in fragment


def test_the_people_are_shown_by_id_with_their_hours_but_not_their_levels(plan, fragments):
    tree = parse(fragments["Team"])

    rows = [
        [cell.text for cell in row.children if not isinstance(cell, str)]
        for row in tree.root.all("tr")
    ]
    assert rows == [["Persoon", "Uren/jaar"], ["p1", "300"], ["p2", "160"]]


def test_text_a_school_typed_is_escaped(plan, fragments):
    title = f"{HOSTILE} <b onclick=x>eigen taak</b>"
    own = attrs.evolve(make_task("EIGEN-01", Cluster.POLICY), description=LocalizedText(title))
    overview = TaskOverview((TaskChoice(task=own, hours_per_year=10),))
    text = overview._repr_html_()
    plan_text = fragments["SchoolPlan"]

    for fragment in (text, plan_text):
        assert "<script" not in fragment
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in fragment
    assert "<b " not in text
    assert "&lt;b onclick=x&gt;" in text
    assert [cell.text for cell in parse(text).root.all("td")] == [
        title,
        "ja",
        "korte termijn",
        "10",
    ]
    assert parse(plan_text).root.one("strong").text == f"Plan ICT-coördinatie: {plan.name}"
    assert plan.name == f"De Linde {HOSTILE}"


def test_a_long_table_shows_its_first_rows_and_counts_the_others():
    overview = load_catalog().overview()
    tree = parse(html_fragment(overview))

    body = tree.root.one("tbody")
    assert len(body.all("tr")) == _fragments.MAX_ROWS
    more = len(overview) - _fragments.MAX_ROWS
    assert tree.root.one("tfoot").text == f"… en nog {more}"


def test_the_plan_shows_the_roadmap_at_its_current_step_and_the_hours_per_person(plan, fragments):
    flow, load = svgs(fragments["SchoolPlan"])

    current = [shape for shape in flow if shape.get("fill") == "#ffe082"]
    assert len(current) == 1
    labels = ["".join(text.itertext()) for text in flow.iter(f"{SVG}text")]
    assert f"Stap {plan.roadmap.current.number} · Evalueer" in " ".join(labels)
    assert len(list(load.iter(f"{SVG}rect"))) == 2 * len(plan.team.people)


def test_the_allocation_shows_the_hours_per_person_and_its_first_assignments(plan, fragments):
    (load,) = svgs(fragments["Allocation"])
    tree = parse(fragments["Allocation"])

    people = ["".join(text.itertext()) for text in load.iter(f"{SVG}text")][::2]
    assert people == ["p1", "p2"]
    rows = tree.root.one("tbody").all("tr")
    assert plan.allocation is not None
    assert len(rows) == min(len(plan.allocation.assignments), _fragments.MAX_ROWS)
    first = next(key for key in plan.allocation.assignments)
    assert rows[0].one("th").text == first


def test_an_allocation_shows_overloaded_whom_the_plans_person_load_calls_overloaded(plan):
    assert plan.allocation is not None
    used = plan.allocation.load
    # Hours cut after allocating: p1 a hair over (within the tolerance), p2 clearly over.
    capacity = {"p1": used["p1"] - 1e-9, "p2": used["p2"] - 1}
    allocation = attrs.evolve(plan.allocation, capacity=capacity)
    expected = {
        person: PersonLoad(person=person, available=hours, used=used[person]).overloaded
        for person, hours in capacity.items()
    }

    (load,) = svgs(html_fragment(allocation))

    bars = list(load.iter(f"{SVG}rect"))[1::2]
    shown = {
        person: bar.get("fill") == "#c62828" for person, bar in zip(capacity, bars, strict=True)
    }
    assert shown == expected == {"p1": False, "p2": True}


def _private_reads(module: object) -> list[str]:
    """The private names ``module`` takes from another module than its own package's."""
    tree = ast.parse(inspect.getsource(module))  # type: ignore[arg-type]
    found = []
    modules = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            parts = node.module.split(".")
            if parts[:2] != ["ict_competence", "renderers"] and any(
                part.startswith("_") for part in parts[2:]
            ):
                found.append(node.module)
            if node.module == "ict_competence.renderers":
                modules |= {alias.asname or alias.name for alias in node.names}
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in modules
            and node.attr.startswith("_")
        ):
            found.append(f"{node.value.id}.{node.attr}")
    return found


def test_the_fragments_read_no_private_name_of_the_domain_or_of_another_renderer_module():
    from ict_competence.renderers import _charts, _pages

    for module in (_fragments, _pages, _charts):
        assert _private_reads(module) == [], module.__name__


def test_the_fragments_of_a_twelve_school_plan_stay_compact(group_plan):
    objects = {
        "SchoolPlan": group_plan,
        "Allocation": group_plan.allocation,
        "Evaluation": group_plan.evaluate(),
        "Team": group_plan.team,
        "TaskOverview": group_plan.overview,
    }
    assert len(group_plan.team.people) == 72

    sizes = {name: len(html_fragment(obj).encode()) for name, obj in objects.items()}

    assert max(sizes.values()) < COMPACT, sizes


def test_a_large_team_shows_its_most_loaded_people_and_counts_the_others(group_plan):
    fragment = html_fragment(group_plan.allocation)
    (load,) = svgs(fragment)

    assert len(list(load.iter(f"{SVG}rect"))) == 2 * _fragments.MAX_BARS
    left = len(group_plan.team.people) - _fragments.MAX_BARS
    assert f"De meest belaste mensen eerst. … en nog {left}" in fragment
    shown = ["".join(text.itertext()) for text in load.iter(f"{SVG}text")][::2]
    load_of = group_plan.allocation.load
    share = {p: load_of[p] / h for p, h in group_plan.allocation.capacity.items() if h}
    assert min(share[p] for p in shown) >= max(s for p, s in share.items() if p not in shown)


def test_a_fragment_speaks_the_language_render_uses_by_default(monkeypatch, plan):
    monkeypatch.setattr(_fragments, "LANGUAGE", attrs.evolve(LANGUAGE, default="en"))

    fragment = html_fragment(plan.team)

    assert '<div class="ict-competence" lang="en">' in fragment
    assert "<strong>The ICT team</strong>" in fragment


def test_importing_the_catalog_loads_no_jinja2_until_a_fragment_is_shown():
    code = (
        "import sys\n"
        "import ict_competence.catalog as catalog\n"
        "loaded = ['jinja2' in sys.modules]\n"
        "shown = catalog.load_catalog()\n"
        "loaded.append('jinja2' in sys.modules)\n"
        "html = shown._repr_html_()\n"
        "loaded.append('jinja2' in sys.modules)\n"
        "loaded.append('ict_competence.flow' in sys.modules)\n"
        "print(loaded, html.startswith('<div'))\n"
    )

    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )

    assert result.stdout.strip() == "[False, False, True, False] True"
