import re
from pathlib import Path

import pytest
from hypothesis import example, given
from markdown_it import MarkdownIt

from ict_competence import renderers
from ict_competence.allocation import DecisionKind
from ict_competence.catalog import load_catalog
from ict_competence.dialogue import conversation_guide
from ict_competence.errors import IctCompetenceError
from ict_competence.renderers import available_formats, get_renderer, register_renderer, render
from ict_competence.renderers._words import words
from tests import strategies


def test_the_catalog_renders_every_task_under_its_cluster():
    catalog = load_catalog()

    text = render(catalog, "markdown")

    assert text.startswith("# Takenoverzicht ICT-coördinatie")
    assert "## Beleid & visie" in text
    for task in catalog.tasks:
        assert f"| {task.code} |" in text
    assert text.count("\n| TECH-") == 26


def test_english_labels_are_used_when_asked():
    text = render(load_catalog(), "markdown", language="en")

    assert text.startswith("# ICT coordination task overview")
    assert "## Policy & vision" in text


def test_user_text_in_an_overview_cannot_inject_markup():
    overview = load_catalog().overview().choose("TECH-01", notes="<script>x</script> | *b* [l](j)")

    text = render(overview, "markdown", names=True)  # notes are shown with names only

    assert "<script>" not in text
    assert r"\<script\>x\</script\> \| \*b\* \[l\](j)" in text
    assert r"\<script\>x" not in render(overview, "markdown")


def test_the_overview_lists_its_warnings():
    text = render(load_catalog().overview(), "markdown")

    assert "> De taken die van toepassing zijn vragen" in text


def test_a_template_folder_of_the_users_own_is_searched_first(tmp_path):
    (tmp_path / "catalog.md.j2").write_text("{{ obj.tasks | length }} taken\n")

    assert render(load_catalog(), "markdown", template_dir=tmp_path) == "42 taken\n"


@pytest.mark.parametrize(
    ("obj", "options", "message"),
    [
        (42, {}, "the markdown renderer does not render int; the pairs that exist are"),
        (load_catalog(), {"language": "fr"}, "language must be 'nl' or 'en'"),
        (load_catalog(), {"colour": "red"}, "unknown markdown option"),
        (
            load_catalog(),
            {"template_dir": 3},
            "template_dir must be the path of an existing folder",
        ),
        (
            load_catalog(),
            {"template_dir": "no-such-folder"},
            "the markdown option template_dir must be the path of an existing folder "
            r"\(str or os.PathLike\), found 'no-such-folder'",
        ),
    ],
)
def test_the_markdown_renderer_refuses_what_it_cannot_do(obj, options, message):
    with pytest.raises(IctCompetenceError, match=message):
        render(obj, "markdown", **options)


def test_json_renders_the_same_as_to_json():
    from ict_competence import to_json

    overview = load_catalog().overview()

    assert render(overview, "json") == to_json(overview)
    assert render(overview, "json", indent=None) == to_json(overview, indent=None)
    with pytest.raises(IctCompetenceError, match="json renderer does not render list"):
        render([1], "json")
    with pytest.raises(IctCompetenceError, match="json renderer takes indent"):
        render(overview, "json", colour=1)


def test_an_unknown_format_lists_the_known_ones():
    with pytest.raises(
        IctCompetenceError, match="no renderer for format 'pdf'; known: case, html, json, markdown"
    ):
        render(load_catalog(), "pdf")


def test_a_renderer_can_be_registered_but_not_shadow_one_by_accident(monkeypatch):
    from ict_competence.renderers import _registry

    monkeypatch.setattr(_registry, "_REGISTRY", dict(_registry._REGISTRY))

    class Shout:
        name = "shout"
        media_type = "text/plain"

        def render(self, obj, **options):
            return str(len(obj.tasks)).upper()

    register_renderer(Shout())

    assert "shout" in available_formats()
    assert render(load_catalog(), "shout") == "42"
    with pytest.raises(IctCompetenceError, match="already registered"):
        register_renderer(Shout())
    assert register_renderer(Shout(), replace=True).name == "shout"
    assert get_renderer("shout").media_type == "text/plain"


def test_register_refuses_to_shadow_a_builtin_even_before_first_use(monkeypatch):
    from ict_competence.renderers import _registry

    class Fake:
        name = "markdown"
        media_type = "text/plain"

        def render(self, obj, **options):
            return "FAKE"

    monkeypatch.setattr(_registry, "_REGISTRY", {})
    _registry._load_builtin_and_plugins.cache_clear()
    try:
        with pytest.raises(IctCompetenceError, match="already registered"):
            register_renderer(Fake())
    finally:
        _registry._load_builtin_and_plugins.cache_clear()


def test_a_broken_plugin_is_skipped_with_a_warning_and_the_rest_still_renders(monkeypatch):
    from importlib.metadata import EntryPoint

    from ict_competence.renderers import _registry

    broken = EntryPoint("pdf", "no_such_module_here:Renderer", _registry.ENTRY_POINT_GROUP)
    wrong = EntryPoint("odd", "builtins:len", _registry.ENTRY_POINT_GROUP)
    monkeypatch.setattr(_registry, "_REGISTRY", {})
    monkeypatch.setattr("importlib.metadata.entry_points", lambda group: [broken, wrong])
    _registry._load_builtin_and_plugins.cache_clear()
    try:
        with pytest.warns(RuntimeWarning) as caught:
            formats = available_formats()
    finally:
        _registry._load_builtin_and_plugins.cache_clear()

    assert formats == ("case", "html", "json", "markdown", "xlsx")
    messages = [str(w.message) for w in caught]
    assert any("'pdf' could not be loaded" in m for m in messages)
    assert any("'odd'" in m and "not a Renderer" in m for m in messages)


@given(strategies.user_text)
def test_any_user_text_stays_plain_text_in_one_table_cell(notes):
    overview = load_catalog().overview().choose("TECH-01", notes=notes)
    parser = MarkdownIt("commonmark").enable("table")

    tokens = parser.parse(render(overview, "markdown", names=True))

    cells_per_row = []
    for token in tokens:
        if token.type == "tr_open":
            cells_per_row.append(0)
        elif token.type in ("td_open", "th_open"):
            cells_per_row[-1] += 1
    assert cells_per_row == [9] * (len(overview) + 1)
    inline = [child.type for t in tokens if t.type == "inline" for child in t.children or []]
    assert not {"html_inline", "link_open", "em_open", "strong_open", "code_inline", "image"} & set(
        inline
    )


_BLOCKS = ("heading_open", "bullet_list_open", "ordered_list_open", "hr", "blockquote_open")


def _blocks(page: str) -> list[str]:
    tokens = MarkdownIt("commonmark").enable("table").parse(page)
    return [token.type for token in tokens if token.type in _BLOCKS]


@given(strategies.user_text.filter(str.strip))
@example("# Kop")
@example("- lijst")
@example("+ lijst")
@example("---")
@example("===")
@example("> citaat")
@example("1. eerste")
@example("2) tweede")
def test_user_text_that_begins_a_line_makes_no_heading_list_rule_or_blockquote(note):
    record = conversation_guide("schoolleider", topics=["1.2"]).record()
    plain = _blocks(render(record.note("1.2", "x"), "markdown"))

    page = render(record.note("1.2", note), "markdown")

    # A note begins a line (in the page's own blockquote): it adds no block of its own.
    assert _blocks(page) == plain


def test_a_note_that_looks_like_markup_stays_text():
    record = conversation_guide("schoolleider", topics=["1.2"]).record()

    page = render(record.note("1.2", "# Kop"), "markdown")

    assert "> \\# Kop" in page


def test_every_word_of_the_table_is_used_by_a_template_or_module():
    folder = Path(renderers.__file__).parent
    sources = [*folder.glob("*.py"), *folder.glob("templates/**/*.j2")]
    quoted = {
        found
        for path in sources
        for found in re.findall(r"[\"']([a-z_]+)[\"']", path.read_text(encoding="utf-8"))
    }
    # Keys a template makes: label(decision.kind.value), label("solver_" ~ allocation.solver).
    made = {kind.value for kind in DecisionKind}

    unused = [
        key
        for key in words()
        if key not in quoted | made
        and not any(part.endswith("_") and key.startswith(part) for part in quoted)
    ]

    assert unused == []
