"""The plan page: one standalone, accessible HTML page with the roadmap and loads drawn inline."""

import struct
import zlib
from xml.etree import ElementTree

import pytest

from ict_competence.renderers import render
from tests.renderers.browser import screenshot
from tests.renderers.test_html import parse

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def page(plan):
    return render(plan, "html")


def svgs(page: str) -> list[ElementTree.Element]:
    """Each inline SVG drawing, parsed as XML: it must be well-formed on its own."""
    drawings = ["<svg " + part.split("</svg>", 1)[0] + "</svg>" for part in page.split("<svg ")[1:]]
    # Our own page, made in the test: no untrusted XML here.
    return [ElementTree.fromstring(drawing) for drawing in drawings]  # noqa: S314


def test_the_plan_page_is_one_standalone_page_in_the_plans_language(page):
    tree = parse(page)

    assert tree.root.one("html").attrs["lang"] == "nl"
    assert "@media print" in tree.root.one("style").text
    assert not {"script", "link", "iframe", "img", "object", "embed"} & set(tree.tags())
    assert "http://" not in page.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in page
    assert 'lang="en"' not in page


def test_the_plan_page_has_headings_and_table_headers_for_screen_readers(page):
    tree = parse(page)

    headings = [h.text for h in tree.root.one("main").all("h2")]
    assert headings[1:] == [
        "Samenvatting",
        "Het stappenplan",
        "Evaluatie van de ronde",
        "RACI-matrix",
        "Actieplan",
        "Het ICT-team",
    ]
    for cell in tree.root.all("th"):
        assert cell.attrs.get("scope") in ("col", "row", "colgroup"), cell.text
    for table in tree.root.all("table"):
        assert table.all("thead") or table.all("th")


def test_the_roadmap_is_drawn_with_the_current_step_highlighted(plan, page):
    flow, _load = svgs(page)

    assert flow.get("role") == "img"
    title = flow.find(f"{SVG}title")
    assert title is not None
    assert title.text == plan.roadmap.roadmap.title.nl
    shapes = [shape for shape in flow if shape.tag in (f"{SVG}polygon", f"{SVG}rect")]
    assert len(shapes) == len(plan.roadmap.roadmap.steps) + 1  # and the end of the cycle
    current = [shape for shape in shapes if shape.get("fill") == "#ffe082"]
    assert len(current) == 1
    assert plan.roadmap.current.number == 8
    labels = ["".join(text.itertext()) for text in flow.iter(f"{SVG}text")]
    assert any(label.startswith("Stap 8 · Evalueer") for label in labels)
    assert any(label.startswith("Stap 1 · Check") for label in labels)  # wrapped, yet whole


def test_the_workload_chart_has_a_bar_for_each_person_against_their_hours(plan, page):
    _flow, load = svgs(page)

    bars = list(load.iter(f"{SVG}rect"))
    assert len(bars) == 2 * len(plan.team.people)  # a frame for the hours, a bar for the use
    labels = ["".join(text.itertext()) for text in load.iter(f"{SVG}text")]
    assert labels[:2] == ["p1", "300 / 300"]


def test_the_raci_matrix_shows_roles_by_their_catalog_label(page):
    tree = parse(page)

    table = tree.root.one("section", id="raci").one("table", class_="raci")
    first = table.one("tbody").all("tr")[0]
    cells = [cell.text for cell in first.children if not isinstance(cell, str)]
    assert cells[0] == "TECH-01"
    assert cells[1].startswith("Onderhouden van hardware")
    assert cells[3] == "Directie"


def test_the_evaluation_shows_what_changed_since_the_previous_cycle(plan, page):
    tree = parse(page)

    diff = tree.root.one("section", id="diff")
    assert plan.evaluate().diff is not None
    assert diff.all("table") or diff.all("dl")
    assert "Er is geen vorige ronde" not in diff.text


def test_the_action_plan_lists_each_action_with_its_owner(plan, page):
    tree = parse(page)

    rows = [
        row
        for table in tree.root.one("section", id="actions").all("table")
        for row in table.one("tbody").all("tr")
    ]
    assert len(rows) == len(plan.action_plan())
    assert "ICT-beleidsteam" in tree.root.one("section", id="actions").text


def test_an_english_plan_page_is_english(plan):
    tree = parse(render(plan, "html", language="en"))

    assert tree.root.one("html").attrs["lang"] == "en"
    assert [h.text for h in tree.root.one("main").all("h2")][2] == "The roadmap"


def _not_blank(png: bytes) -> bool:
    """Whether the picture holds more than one colour: its pixel rows are not all alike."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    data, at = b"", 8
    while at < len(png):
        (length,) = struct.unpack(">I", png[at : at + 4])
        kind = png[at + 4 : at + 8]
        if kind == b"IDAT":
            data += png[at + 8 : at + 8 + length]
        at += 12 + length
    return len(set(zlib.decompress(data))) > 64


def test_the_plan_page_renders_in_a_real_browser(plan, tmp_path):
    page = tmp_path / "plan.html"
    page.write_text(render(plan, "html"), encoding="utf-8")

    shot = screenshot(page, height=3000)

    assert _not_blank(shot.read_bytes())
