"""Every object a user holds renders in html, markdown and json; other pairs are refused."""

import json
import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt

import ict_competence as ic
from ict_competence.renderers import RenderError, render
from ict_competence.renderers._pages import RENDERS
from ict_competence.renderers._registry import pairs
from tests.renderers.samples import HOSTILE, every_object, sample_plan

FORMATS = ("html", "markdown", "json")
TYPES = (
    "Catalog",
    "TaskOverview",
    "Roadmap",
    "RoadmapSession",
    "ConversationGuide",
    "DialogueRecord",
    "Team",
    "Allocation",
    "Evaluation",
    "ActionPlan",
    "SchoolPlan",
)


@pytest.fixture(scope="module")
def objects(tmp_path_factory):
    return every_object(sample_plan(tmp_path_factory.mktemp("plan")))


class _Elements(HTMLParser):
    """Every start tag with its attributes, and the text outside style."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if not self._in_style:
            self.text.append(data)


def elements(page: str) -> _Elements:
    parser = _Elements()
    parser.feed(page)
    parser.close()
    return parser


def test_the_table_of_pages_names_every_type_a_user_holds():
    assert RENDERS == TYPES
    assert {name: set(types) for name, types in pairs().items()} == {
        "case": {"Catalog"},
        "html": set(TYPES),
        "json": set(TYPES),
        "markdown": set(TYPES),
        "xlsx": {"TaskOverview", "Team", "Allocation", "SchoolPlan"},
    }


@pytest.mark.parametrize("format_", FORMATS)
@pytest.mark.parametrize("kind", TYPES)
def test_every_type_renders_in_every_format_in_both_languages(objects, kind, format_):
    obj = objects[kind]

    pages = (
        [render(obj, format_, language=lang) for lang in ("nl", "en")]
        if format_ != "json"
        else [render(obj, format_)]
    )

    for page in pages:
        assert page.strip()
        if format_ == "json":
            assert json.loads(page)["schema_version"] >= 1
        elif format_ == "html":
            found = elements(page)
            assert found.elements[0][0] == "html"
            assert not [
                tag for tag, _ in found.elements if tag in ("script", "iframe", "link", "img")
            ]
            assert not [
                name for _, attrs in found.elements for name in attrs if name.startswith("on")
            ]


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("kind", TYPES)
def test_a_page_marks_no_part_of_it_as_in_another_language(objects, kind, language):
    page = render(objects[kind], "html", language=language, names=True)

    found = elements(page)
    assert found.elements[0] == ("html", {"lang": language})
    assert [attrs["lang"] for _, attrs in found.elements[1:] if "lang" in attrs] == []


@pytest.mark.parametrize("kind", TYPES)
def test_user_text_with_a_script_tag_stays_text_in_html(objects, kind):
    page = render(objects[kind], "html", names=True)

    found = elements(page)
    assert "script" not in {tag for tag, _ in found.elements}
    assert "<script" not in page.split("</style>", 1)[1]


def test_a_schools_own_words_reach_the_plan_page_as_text(objects):
    page = render(objects["SchoolPlan"], "html", names=True)

    text = "".join(elements(page).text)
    assert f"De Linde {HOSTILE}" in text  # the plan's name
    assert f"Ann {HOSTILE} (p1)" in text  # a person's name, asked for
    assert "<script>alert(2)</script> eigen taak" in text  # a school's own task
    assert HOSTILE in text  # the follow-up agreed in the conversation


@pytest.mark.parametrize("format_", ["html", "markdown"])
@pytest.mark.parametrize("kind", ["Team", "SchoolPlan", "TaskOverview"])
def test_people_are_shown_by_id_unless_names_are_asked_for(objects, kind, format_):
    obj = objects[kind]
    if kind == "TaskOverview":  # who takes a task and who backs up are names, typed freely
        obj = obj.choose("TECH-02", responsible="Ann", backup="Bram (p2)")

    hidden = render(obj, format_)
    shown = render(obj, format_, names=True)

    assert "Bram" not in hidden
    assert "Ann" not in hidden
    assert "Bram (p2)" in shown


@pytest.mark.parametrize("kind", TYPES)
def test_markdown_pages_hold_no_html_no_link_and_no_heading_from_user_text(objects, kind):
    page = render(objects[kind], "markdown", names=True)
    tokens = MarkdownIt("commonmark").enable("table").parse(page)

    inline = [child for t in tokens if t.type == "inline" for child in t.children or []]
    assert not [child for child in inline if child.type == "html_inline"]
    assert not [t for t in tokens if t.type == "html_block"]
    # The pages link nowhere of their own, so any link or image would be a user's.
    assert not [child for child in inline if child.type in ("link_open", "image")]
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert not [heading for heading in headings if "Zelfgetypte" in heading]


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"}


class _DutchText(HTMLParser):
    """The text of a page outside style and outside elements marked ``lang="en"``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self._open: list[bool] = []  # per open element: whether it is English or style

    def handle_starttag(self, tag, attrs):
        if tag not in _VOID:
            self._open.append(tag == "style" or dict(attrs).get("lang") == "en")

    def handle_endtag(self, tag):
        if tag not in _VOID and self._open:
            self._open.pop()

    def handle_data(self, data):
        if not any(self._open):
            self.text.append(data)


# Words the renderer itself writes on an English page; a Dutch page must not hold them
# (SVG text is the renderer's too). Whole words, so that "Allocation" is not in "Allocations".
ENGLISH = ("heuristic", "exact optimum", "Allocation", "coverage", "Coverage", "Hours", "Method")


@pytest.mark.parametrize("kind", TYPES)
def test_a_dutch_page_has_no_english_part_of_the_renderers_own_words(objects, kind):
    page = render(objects[kind], "html")

    parser = _DutchText()
    parser.feed(page)
    text = " ".join(parser.text)
    assert not [word for word in ENGLISH if re.search(rf"\b{word}\b", text)]
    english = [attrs for tag, attrs in elements(page).elements if attrs.get("lang") == "en"]
    # Only the session's evidence, which the assessor words in English; reasons are worded.
    assert english == [] or kind == "RoadmapSession"


def test_a_dutch_raci_matrix_names_roles_by_their_catalog_label_and_tasks_by_description(objects):
    page = render(objects["Allocation"], "html")

    raci = page.split('<table class="raci">', 1)[1].split("</table>", 1)[0]
    assert "Directie" in raci
    assert ">directie<" not in raci
    assert "Onderhouden van hardware" in raci
    assert "Maintaining hardware" in render(objects["Allocation"], "html", language="en")


def test_an_object_no_format_renders_is_refused_with_the_pairs_that_exist():
    with pytest.raises(RenderError) as caught:
        render(42, "html")

    message = str(caught.value)
    assert message.startswith("the html renderer does not render int; the pairs that exist are")
    for kind in TYPES:
        assert kind in message
    assert "case: Catalog;" in message
    assert isinstance(caught.value, ic.IctCompetenceError)


@pytest.mark.parametrize(
    ("format_", "options", "message"),
    [
        (
            "html",
            {"colour": "red"},
            "unknown html option.s.: colour; the html renderer takes language, template_dir, names",
        ),
        (
            "markdown",
            {"language": "fr"},
            "the markdown option language must be 'nl' or 'en', found 'fr'",
        ),
        ("html", {"names": 1}, "the html option names must be True or False, found 1"),
        ("json", {"indent": "2"}, "the json option indent must be an int of 0 or more"),
        (
            "json",
            {"language": "nl"},
            "unknown json option.s.: language; the json renderer takes indent",
        ),
    ],
)
def test_every_option_is_checked_by_one_parser_naming_the_accepted_values(
    format_, options, message
):
    with pytest.raises(RenderError, match=message):
        render(ic.load_catalog(), format_, **options)


@pytest.mark.parametrize("candidate", [object(), type("NoMedia", (), {"name": "x"})()])
def test_registering_what_is_no_renderer_says_what_a_renderer_needs(candidate):
    with pytest.raises(
        RenderError, match="a renderer needs a name, a media_type and a method render"
    ):
        ic.register_renderer(candidate)


def test_a_users_template_runs_in_the_sandbox(tmp_path):
    (tmp_path / "team.md.j2").write_text("{{ team.__class__.__mro__ }}")

    with pytest.raises(RenderError, match=re.escape("markdown template 'team.md.j2'")):
        render(ic.Team(()), "markdown", template_dir=tmp_path)


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("a\n{{ 1/0 }}", "markdown template 'team.md.j2', line 2: ZeroDivisionError: division by"),
        ("a\n\n{{ 1 + 'a' }}", "markdown template 'team.md.j2', line 3: TypeError: unsupported"),
        ('a\n{% include "team.md.j2" %}', "markdown template 'team.md.j2', line 2: RecursionError"),
        ("a\n{{ nobody }}", "markdown template 'team.md.j2', line 2: UndefinedError: 'nobody' is"),
        ("a\n{{ team.__class__ }}", "markdown template 'team.md.j2', line 2: SecurityError"),
        ("a\n{% if %}", "markdown template 'team.md.j2', line 2: Expected an expression"),
    ],
)
def test_an_error_in_a_users_template_is_a_render_error_naming_the_template_and_line(
    tmp_path, source, message
):
    (tmp_path / "team.md.j2").write_text(source)

    with pytest.raises(RenderError, match=re.escape(message)):
        render(ic.Team(()), "markdown", template_dir=tmp_path)


def test_json_is_never_written_with_nan_or_infinity():
    with pytest.raises(ic.SerializationError, match=r"\$\.a: expected a finite number, found inf"):
        render({"a": float("inf")}, "json")


def test_a_type_error_while_writing_a_page_type_as_json_is_not_called_unrendered(monkeypatch):
    def broken(obj, *, indent):
        raise TypeError("a bug in a converter")

    monkeypatch.setattr("ict_competence.renderers._json.to_json", broken)

    with pytest.raises(TypeError, match="a bug in a converter"):
        render(ic.load_catalog(), "json")


def test_listing_the_formats_and_writing_json_load_no_jinja2():
    code = (
        "import sys, ict_competence as ic\n"
        "ic.available_formats()\n"
        "loaded = ['jinja2' in sys.modules]\n"
        "ic.render(ic.load_catalog().overview(), 'json')\n"
        "loaded.append('jinja2' in sys.modules)\n"
        "ic.render(ic.load_catalog(), 'markdown')\n"
        "loaded.append('jinja2' in sys.modules)\n"
        "print(loaded)\n"
    )

    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )

    assert result.stdout.strip() == "[False, False, True]"
