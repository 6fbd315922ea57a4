import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from ict_competence.catalog import Cluster, Horizon, Scope, load_catalog
from ict_competence.dialogue import Action, conversation_guide
from ict_competence.errors import IctCompetenceError
from ict_competence.flow import (
    Answer,
    Assessment,
    Evidence,
    RoadmapSession,
    load_roadmap,
    to_mermaid,
)
from ict_competence.renderers import Renderer
from ict_competence.renderers._templated import HtmlRenderer
from ict_competence.renderers._words import label
from tests import strategies
from tests.renderers.browser import screenshot

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
HOSTILE = [
    "<script>alert(1)</script>",
    "\"'&amp;<b>x</b>",
    "</td></tr></tbody></table><img src=x onerror=alert(1)>",
    "<!-- -->{{ 7 * 7 }}{% raw %}",
    "a\nb\tc &lt; é ✓",
]


@dataclass
class Node:
    tag: str
    attrs: dict[str, str | None]
    children: list["Node | str"] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    def all(self, tag: str, **wanted: str) -> list["Node"]:
        found = []
        for child in self.children:
            if isinstance(child, Node):
                if child.tag == tag and all(
                    wanted[key] in (child.attrs.get(key.rstrip("_")) or "").split()
                    for key in wanted
                ):
                    found.append(child)
                found += child.all(tag, **wanted)
        return found

    def one(self, tag: str, **wanted: str) -> "Node":
        (found,) = self.all(tag, **wanted)
        return found


class Page(HTMLParser):
    """The page as a tree; an end tag that does not close the open element is recorded."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.doctype = ""
        self.root = Node("#document", {})
        self.stack = [self.root]
        self.mismatches: list[str] = []
        self.feed(html)
        self.close()
        if len(self.stack) != 1:
            self.mismatches.append(f"unclosed: {[n.tag for n in self.stack[1:]]}")

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        if self.stack[-1].tag != tag:
            self.mismatches.append(f"</{tag}> closes <{self.stack[-1].tag}>")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)

    def tags(self) -> list[str]:
        def walk(node: Node) -> list[str]:
            own = [node.tag]
            for child in node.children:
                if isinstance(child, Node):
                    own += walk(child)
            return own

        return walk(self.root)


def html(obj, **options):
    return HtmlRenderer().render(obj, **options)


def parse(text: str) -> Page:
    page = Page(text)
    assert page.mismatches == []
    return page


def sample_session() -> RoadmapSession:
    session = RoadmapSession.start().answer(False, note="Nog geen tijd vrijgemaakt.")
    session = session.answer(True).answer(True).answer(True).answer(True)
    return session.complete(note="Takenoverzicht op maat.").answer(False)


def sample_record():
    guide = conversation_guide("schoolleider", topics=["1.2", "2.3"])
    record = guide.record().note("1.2", "Niet elke leerling heeft thuis een laptop.")
    return record.add_action(
        "1.2",
        Action(
            description="Uitleenpool opzetten",
            owner="p-01",
            timeframe="voor de zomer",
            resources="20 laptops",
            success_criterion="elke leerling een toestel",
        ),
    )


OBJECTS: dict[str, Callable[[], object]] = {
    "catalog": load_catalog,
    "overview": lambda: load_catalog().overview(),
    "guide": lambda: conversation_guide("schoolleider"),
    "record": sample_record,
    "roadmap": load_roadmap,
    "session": sample_session,
}


def cell_texts(row: Node) -> list[str]:
    return [cell.text.strip() for cell in row.children if isinstance(cell, Node)]


def rows(table: Node) -> list[Node]:
    return table.one("tbody").all("tr")


@pytest.mark.parametrize("kind", list(OBJECTS))
def test_each_object_renders_as_one_self_contained_html5_document(kind):
    obj = OBJECTS[kind]()

    text = html(obj)

    page = parse(text)
    assert text.startswith("<!doctype html>\n")
    assert page.doctype == "doctype html"
    document = page.root.one("html")
    assert document.attrs["lang"] == "nl"
    assert page.root.one("meta", charset="utf-8").attrs == {"charset": "utf-8"}
    title = page.root.one("head").one("title").text.strip()
    assert title
    assert page.root.one("h1").text.strip() == title
    assert page.root.one("style").text.count("@media print") == 1
    assert not {"script", "link", "iframe", "img"} & set(page.tags())
    for cell in page.root.all("th"):
        assert cell.attrs.get("scope") in ("col", "row", "colgroup"), cell.text


def test_the_renderer_fits_the_renderer_protocol():
    renderer = HtmlRenderer()

    assert isinstance(renderer, Renderer)
    assert (renderer.name, renderer.media_type) == ("html", "text/html")


def test_the_catalog_lists_every_task_as_a_row_under_its_cluster():
    catalog = load_catalog()

    page = parse(html(catalog))

    sections = {s.attrs["id"]: s for s in page.root.all("section")}
    technical = sections["cluster-technical"]
    assert technical.one("h2").text == "Technisch"
    codes = [row.one("th").text for row in rows(technical.one("table"))]
    assert codes == [f"TECH-{n:02}" for n in range(1, 27)]
    assert [h.text for h in page.root.all("h2")][1:5] == [
        "Technisch",
        "Pedagogisch-didactisch",
        "Administratief",
        "Beleid & visie",
    ]
    all_codes = [row.one("th").text for t in page.root.all("table") for row in rows(t)]
    assert all_codes == [task.code for task in catalog.tasks]
    header = cell_texts(technical.one("thead").one("tr"))
    assert header == ["Code", "Taak", "Kerntaak", "Niveau", "Uren/jaar"]
    first = cell_texts(rows(technical.one("table"))[0])
    assert first[1].startswith("Onderhouden van hardware")
    assert first[2:] == [
        "ja",
        "school of scholengroep",
        "120",
    ]


def test_the_catalog_shows_each_role_with_its_risks_and_needs():
    catalog = load_catalog()

    page = parse(html(catalog))

    roles = page.root.one("section", id="roles").all("article")
    assert len(roles) == len(catalog.roles)
    with_risks = [role for role in catalog.roles if role.risks]
    assert with_risks
    article = next(a for a in roles if a.attrs["id"] == f"role-{with_risks[0].code}")
    assert "Risico's" in article.text
    assert with_risks[0].risks[0].nl in article.text
    with_needs = next(role for role in catalog.roles if role.needs)
    needs = page.root.one("article", id=f"role-{with_needs.code}")
    assert "Nodig" in needs.text
    assert with_needs.needs[0].nl in needs.text


def test_built_in_texts_cite_their_source_in_small_print():
    text = html(load_catalog())

    page = parse(text)

    technical = page.root.one("section", id="cluster-technical")
    assert "Bron: 003_4249efdcb30d87f9.txt" in technical.one("caption").text
    first = rows(technical.one("table"))[0]
    assert first.one("span", class_="source").text == "[line 101]"
    assert "003_4249efdcb30d87f9.txt" in page.root.one("footer").text


def test_the_overview_shows_the_summary_the_choices_and_what_the_school_typed():
    overview = (
        load_catalog()
        .overview()
        .choose("TECH-01", responsible="Els", backup="Jan", notes="Zie plan")
        .choose("TECH-21", horizon=Horizon.DROPPED)
        .choose("POL-01", scope=Scope.SCHOOL_GROUP, hours_per_year=12.5)
    )
    summary = overview.summary()

    page = parse(html(overview, names=True))

    captions = [c.text for c in page.root.all("caption")]
    assert captions[:2] == ["Uren per cluster", "Uren per termijn"]
    by_cluster = page.root.all("table")[0]
    technical_hours = summary.hours_by_cluster[Cluster.TECHNICAL]
    assert cell_texts(rows(by_cluster)[0]) == ["Technisch", f"{technical_hours:.0f}"]
    warnings = page.root.all("p", class_="warning")
    assert [w.text for w in warnings] == [warning.nl for warning in summary.warnings]
    technical = page.root.one("section", id="cluster-technical").one("table")
    assert cell_texts(rows(technical)[0])[6:] == ["Els", "Jan", "Zie plan"]
    without_names = parse(html(overview)).root.one("section", id="cluster-technical")
    assert cell_texts(rows(without_names.one("table"))[0])[6:] == []  # notes are personal too
    dropped = next(r for r in rows(technical) if r.one("th").text == "TECH-21")
    assert dropped.attrs["class"] == "inactive"
    policy = page.root.one("section", id="cluster-policy").one("table")
    assert cell_texts(rows(policy)[0])[3:6] == ["korte termijn", "scholengroep", "12,5"]


def test_an_overview_without_tasks_of_a_cluster_leaves_the_cluster_out():
    overview = load_catalog().overview()
    only_technical = attrs.evolve(
        overview, choices=tuple(c for c in overview if c.code.startswith("TECH"))
    )

    page = parse(html(only_technical))

    assert [s.attrs["id"] for s in page.root.all("section")] == ["summary", "cluster-technical"]


def test_the_guide_holds_every_main_question_with_its_topics_and_reading_tips():
    guide = conversation_guide("schoolleider")

    page = parse(html(guide))

    assert page.root.one("h1").text == "Gespreksleidraad: schoolleider"
    questions = [h.text for h in page.root.all("h2") if h.text.startswith("Hoofdvraag")]
    assert questions == [f"Hoofdvraag {q.number}: {q.title.nl}" for q, _ in guide.sections()]
    topics = page.root.all("article", class_="topic")
    assert [t.one("h3").text for t in topics] == [f"{t.code} {t.title.nl}" for t in guide.topics]
    equal_chances = next(t for t in topics if t.attrs["id"] == "topic-1.2")
    assert [b.text for b in equal_chances.all("p")[0].all("span", class_="badge")] == [
        "gelijke kansen"
    ]
    assert [dt.text for dt in equal_chances.all("dt")] == [
        a.title.nl for a in guide.topic("1.2").aspects
    ]
    tips = equal_chances.one("ul", class_="tips")
    titles = [c.text for c in tips.all("cite")]
    assert titles == [tip.title.nl for tip in guide.topic("1.2").tips]
    # Two tips that share one sentence show it once.
    assert len(tips.all("li")) < len(titles)
    assert "000_8770f3bdf145dfab.txt, lines 20-25" in equal_chances.text
    themes = page.root.one("section", id="themes")
    assert [dt.text for dt in themes.all("dt")][:4] == [t.name.nl for t in guide.themes]
    assert "Zie ook de vragen voor: stafmedewerker" in page.root.one("article", id="topic-2.6").text


def test_a_guide_narrowed_to_nothing_says_no_topic_was_chosen():
    guide = conversation_guide("schoolleider", topics=[])

    page = parse(html(guide, language="en"))

    assert "No topics chosen." in page.root.one("main").text
    assert not page.root.all("nav")


def test_a_dialogue_record_shows_each_topics_status_notes_and_actions():
    record = sample_record()

    page = parse(html(record))

    assert page.root.one("h1").text == "Gespreksverslag: schoolleider"
    boxes = page.root.all("div", class_="record")
    assert len(boxes) == 2
    first, second = boxes
    assert "Status: vervolg afgesproken" in first.one("h4").text
    assert [li.text for li in first.one("ul").all("li")] == [
        "Niet elke leerling heeft thuis een laptop."
    ]
    assert cell_texts(rows(first.one("table"))[0]) == [
        "Uitleenpool opzetten",
        "p-01",
        "voor de zomer",
        "20 laptops",
        "elke leerling een toestel",
    ]
    assert "Status: open" in second.one("h4").text
    assert not second.all("table")


def test_a_session_shows_where_the_school_is_and_the_advice_it_gathered():
    session = sample_session()

    page = parse(html(session))

    status = page.root.one("section", id="status")
    facts = dict(
        zip((dt.text for dt in status.all("dt")), (dd.text for dd in status.all("dd")), strict=True)
    )
    assert facts == {
        "Stap": "Stap 7 · Naar een teamgerichte ICT-coördinatie",
        "Status": "bezig",
        "Vorm van stap 5": "scholengroep/-gemeenschap",
        "Ronde": "1",
    }
    assert "breng betrokken personen samen" in status.one("table").text
    current = page.root.one("li", class_="current")
    assert current.text.startswith("Stap 7")
    assert len(page.root.all("li", class_="visited")) == 6
    advice = rows(page.root.one("section", id="advice").one("table"))
    assert [cell_texts(r)[:2] for r in advice] == [
        ["1", "Directie"],
        ["1", "ICT-coördinator"],
        ["6", "De school"],
    ]
    assert advice[0].one("span", class_="source").text == "[line 9]"
    history = rows(page.root.one("section", id="history").one("table"))
    assert len(history) == len(session.history)
    assert cell_texts(history[0])[1:4] == ["1", "Nee", "Nog geen tijd vrijgemaakt."]


def test_a_session_page_carries_the_mermaid_text_of_its_diagram():
    session = sample_session()

    page = parse(html(session, language="en"))

    block = page.root.one("pre", class_="mermaid")
    assert block.text == to_mermaid(session, language="en")


def test_a_new_session_has_no_advice_or_history_yet_and_shows_the_question():
    page = parse(html(RoadmapSession.start()))

    assert "Nog geen advies." in page.root.one("section", id="advice").text
    assert "Nog geen zetten." in page.root.one("section", id="history").text
    assert "Vraag: bewustzijn dat transitie" in page.root.one("section", id="status").text
    variant = page.root.one("section", id="status").all("dd")[2].text
    assert variant == "nog niet gekozen (stap 4)"


def test_a_session_shows_the_evidence_of_an_assessed_answer_and_a_revisit():
    session = RoadmapSession.start()
    for _ in range(4):
        session = session.answer(True)
    session = session.complete(note="klaar")
    evidence = Evidence(
        source="plan.team", basis="Els kan TECH-04 niet <opnemen>", items=("TECH-04",)
    )
    session = session.apply(Assessment(step=6, answer=Answer.NO, evidence=evidence))
    session = session.complete().complete().revisit(5, note="opnieuw")

    page = parse(html(session))

    history = rows(page.root.one("section", id="history").one("table"))
    assessed = history[5]
    assert "Els kan TECH-04 niet <opnemen>" in assessed.text  # the assessor's own words
    assert "Team van het plan: TECH-04 (Eerstelijns hulp bieden" in assessed.text
    assert cell_texts(history[-1])[2:4] == ["terug naar stap 5", "opnieuw"]
    facts = [dd.text for dd in page.root.one("section", id="status").all("dd")]
    assert facts[0].startswith("Stap 5")
    assert facts[3] == "2"
    body = page.root.one("section", id="status").one("p", class_="text")
    assert body.text.startswith("In welke mate zijn alle taken van toepassing")


def test_a_completed_cycle_says_so():
    session = RoadmapSession.start()
    for _ in range(4):
        session = session.answer(True)
    session = session.complete().answer(True).complete().complete()

    page = parse(html(session, language="en"))

    facts = [dd.text for dd in page.root.one("section", id="status").all("dd")]
    assert facts[1] == "cycle complete"


def test_the_roadmap_lists_every_step_with_its_branches_and_advice():
    stappenplan = load_roadmap()

    page = parse(html(stappenplan))

    steps = [s for s in page.root.all("section") if (s.attrs.get("id") or "").startswith("step-")]
    assert [s.one("h2").text for s in steps] == [
        f"Stap {s.number} · {s.title.nl}" for s in stappenplan.steps
    ]
    first = rows(steps[0].one("table"))
    assert [cell_texts(r)[:2] for r in first] == [["Ja", "Stap 2"], ["Nee", "pauze bij deze stap"]]
    assert "Directie: neem het op als mogelijk volgend strategisch project." in first[1].text
    four = rows(steps[3].one("table"))
    assert cell_texts(four[0])[1] == "Stap 5Vorm van stap 5: scholengroep/-gemeenschap"
    five = steps[4]
    assert [h.text for h in five.all("h3")] == [
        "Vorm van stap 5: één school",
        "Vorm van stap 5: scholengroep/-gemeenschap",
    ]
    assert cell_texts(rows(steps[-1].one("table"))[0])[1] == "einde van de ronde"
    assert page.root.one("pre", class_="mermaid").text == to_mermaid(stappenplan)


@pytest.mark.parametrize(
    ("kind", "dutch", "english"),
    [
        ("catalog", "Takenoverzicht ICT-coördinatie", "ICT coordination task overview"),
        ("overview", "Takenoverzicht op maat", "Tailored task overview"),
        ("guide", "Gespreksleidraad: schoolleider", "Conversation guide: school leader"),
        ("record", "Gespreksverslag: schoolleider", "Conversation record: school leader"),
        ("roadmap", "Naar teamgerichte ICT-coördinatie op school", None),
        ("session", "Voortgang in het stappenplan", "Progress on the roadmap"),
    ],
)
def test_labels_are_dutch_by_default_and_english_when_asked(kind, dutch, english):
    obj = OBJECTS[kind]()

    nl = parse(html(obj))
    en = parse(html(obj, language="en"))

    assert nl.root.one("html").attrs["lang"] == "nl"
    assert en.root.one("html").attrs["lang"] == "en"
    assert nl.root.one("h1").text == dutch
    assert en.root.one("h1").text == (english or load_roadmap().title.en)
    assert en.root.one("header").one("p", class_="kicker").text == "ICT coordination at school"


def test_english_pages_show_the_english_content():
    page = parse(html(load_catalog(), language="en"))

    technical = page.root.one("section", id="cluster-technical")
    assert cell_texts(technical.one("thead").one("tr"))[:3] == ["Code", "Task", "Core task"]
    assert cell_texts(rows(technical.one("table"))[0])[2] == "yes"
    assert technical.one("h2").text == "Technical"


def test_a_template_folder_of_the_users_own_is_searched_first(tmp_path):
    (tmp_path / "catalog.html.j2").write_text(
        "<p>{{ obj.tasks | length }} {{ label('tasks') }}</p>"
    )

    text = html(load_catalog(), template_dir=tmp_path)

    assert text == "<p>42 Taken</p>"


def test_a_users_base_template_dresses_every_built_in_page(tmp_path):
    (tmp_path / "base.html.j2").write_text(
        '<!doctype html><html lang="{{ language }}"><title>{% block title %}{% endblock %}'
        '</title><body class="school">{% block content %}{% endblock %}</body></html>'
    )

    page = parse(html(load_roadmap(), template_dir=str(tmp_path)))

    assert page.root.one("body").attrs["class"] == "school"
    assert len(page.root.all("section")) == 10  # eight steps, the flowchart, the diagram
    assert not page.root.all("style")


def test_user_templates_are_escaped_too(tmp_path):
    (tmp_path / "overview.html.j2").write_text("{{ obj.choice('TECH-01').notes }}")
    overview = load_catalog().overview().choose("TECH-01", notes="<b>vet</b>")

    assert html(overview, template_dir=tmp_path) == "&lt;b&gt;vet&lt;/b&gt;"


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("{% for %}", r"html template 'catalog.html.j2', line 1: Expected an expression"),
        (
            "{{ obj.nothing_here }}",
            r"html template 'catalog.html.j2', line 1: Undefined.*nothing_here",
        ),
    ],
)
def test_a_broken_user_template_names_itself(tmp_path, template, message):
    (tmp_path / "catalog.html.j2").write_text(template)

    with pytest.raises(IctCompetenceError, match=message):
        html(load_catalog(), template_dir=tmp_path)


@pytest.mark.parametrize(
    ("obj", "options", "message"),
    [
        (42, {}, "the html renderer does not render int; the pairs that exist are case: Catalog;"),
        (load_catalog(), {"language": "fr"}, "option language must be 'nl' or 'en', found 'fr'"),
        (
            load_catalog(),
            {"colour": "red"},
            "unknown html option.*colour; the html renderer takes language, template_dir, names",
        ),
        (
            load_catalog(),
            {"template_dir": 3},
            "option template_dir must be the path of an existing folder",
        ),
        (load_catalog(), {"names": "yes"}, "option names must be True or False, found 'yes'"),
    ],
)
def test_the_html_renderer_refuses_what_it_cannot_do(obj, options, message):
    with pytest.raises(IctCompetenceError, match=message):
        html(obj, **options)


def test_labels_come_in_both_languages():
    assert (label("roles"), label("roles", "en")) == ("Rollen", "Roles")


def test_importing_the_renderer_loads_neither_the_roadmap_nor_the_dialogue():
    code = (
        "import sys, ict_competence.renderers._templated; "
        "print(sorted(m for m in ('ict_competence.flow', 'ict_competence.dialogue') "
        "if m in sys.modules))"
    )

    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )

    assert result.stdout.strip() == "[]"


def test_text_from_a_schools_own_catalog_file_is_escaped(tmp_path):
    path = tmp_path / "eigen.toml"
    path.write_text(
        '[[task]]\ncode = "EIGEN-01"\ncluster = "policy"\n'
        'description = { nl = "<script>alert(1)</script> & \\"meer\\"" }\nhours_per_year = 3\n'
        '[[role]]\ncode = "eigen"\nname = { nl = "<i>Rol</i>" }\n'
        'description = { nl = "<b>x</b>" }\nclusters = ["policy"]\n'
        "profile = { technical = 1, pedagogical = 1, policy = 1, administrative = 1 }\n",
        encoding="utf-8",
    )
    catalog = load_catalog().extend(path)

    page = parse(html(catalog))

    assert not {"script", "i", "b"} & set(page.tags())
    policy = page.root.one("section", id="cluster-policy")
    own = next(r for r in rows(policy.one("table")) if r.one("th").text == "EIGEN-01")
    assert '<script>alert(1)</script> & "meer"' in own.text
    # Tasks from two files: each row names its whole source.
    assert own.one("span", class_="source").text == "[eigen.toml, task[0]]"
    assert "<i>Rol</i>" in page.root.one("article", id="role-eigen").one("h3").text


@cache
def plain_overview_page() -> Page:
    overview = load_catalog().overview()
    chosen = overview.choose("TECH-01", notes="x", responsible="y", backup="z")
    return parse(html(chosen, names=True))


@given(st.one_of(strategies.user_text, st.sampled_from(HOSTILE)))
@example("<script>alert('x')</script>")
@example("\"'&")
def test_any_text_a_school_types_in_an_overview_stays_text(typed):
    overview = load_catalog().overview()
    plain = plain_overview_page()

    text = html(
        overview.choose("TECH-01", notes=typed, responsible=typed, backup=typed), names=True
    )

    page = parse(text)
    assert page.tags() == plain.tags()
    row = rows(page.root.one("section", id="cluster-technical").one("table"))[0]
    cells = [c for c in row.children if isinstance(c, Node)]
    assert [c.text for c in cells[6:]] == [typed, typed, typed]
    assert "<script" not in text.split("</style>", 1)[1]


@given(st.one_of(strategies.user_text, st.sampled_from(HOSTILE)))
def test_any_note_on_a_session_or_a_record_stays_text(typed):
    session = RoadmapSession.start().answer(False, note=typed)
    record = conversation_guide("schoolleider", topics=["1.1"]).record()
    record = record.note("1.1", typed) if typed.strip() else record

    session_page = parse(html(session))
    record_page = parse(html(record))

    history = rows(session_page.root.one("section", id="history").one("table"))
    assert [c for c in history[0].children if isinstance(c, Node)][3].text == typed
    assert "script" not in session_page.tags()
    notes = record_page.root.one("div", class_="record").all("li")
    assert [n.text for n in notes] == ([typed] if typed.strip() else [])
    assert "script" not in record_page.tags()


def test_a_page_renders_in_a_real_browser(tmp_path):
    page = tmp_path / "takenoverzicht.html"
    page.write_text(html(load_catalog().overview()), encoding="utf-8")

    shot = screenshot(page, height=1600)

    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 50_000


def test_a_users_page_keeps_the_built_in_css_with_super(tmp_path):
    (tmp_path / "catalog.html.j2").write_text(
        '{% extends "base.html.j2" %}\n'
        "{% block title %}Onze ICT-taken{% endblock %}\n"
        "{% block style %}{{ super() }} h1 { color: #006400; }{% endblock %}\n"
        '{% block content %}<p>{{ obj.tasks | length }} {{ label("tasks") | lower }}</p>'
        "{% endblock %}\n"
    )

    page = parse(html(load_catalog(), template_dir=tmp_path))

    style = page.root.one("style").text
    assert "@media print" in style
    assert style.rstrip().endswith("h1 { color: #006400; }")
    assert page.root.one("h1").text == "Onze ICT-taken"
    assert page.root.one("main").one("p").text == "42 taken"
