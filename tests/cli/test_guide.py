"""``guide``: the conversation guide for a key figure, as a page or JSON."""

from __future__ import annotations

from ict_competence.cli import main
from ict_competence.dialogue import ConversationGuide, conversation_guide
from ict_competence.renderers import render
from ict_competence.serialize import from_json
from tests.cli.helpers import refused


def test_the_guide_of_a_key_figure_in_markdown(capsys):
    assert main(["guide", "schoolleider"]) == 0

    out = capsys.readouterr().out
    assert out.rstrip("\n") == render(conversation_guide("schoolleider"), "markdown").rstrip("\n")


def test_a_selection_narrows_the_guide(tmp_path, capsys):
    out = tmp_path / "guide.json"

    argv = ["guide", "schoolleider", "--themes", "omgeving,onderwijsleerproces"]
    assert (
        main([*argv, "--policy-themes", "gelijke_kansen", "--format", "json", "--out", str(out)])
        == 0
    )

    guide = from_json(ConversationGuide, out.read_text())
    assert guide == conversation_guide(
        "schoolleider", themes=["omgeving", "onderwijsleerproces"], policy_themes=["gelijke_kansen"]
    )
    assert [topic.code for topic in guide.topics] == ["1.2"]


def test_topics_and_language(capsys):
    assert (
        main(["guide", "schoolleider", "--topics", "2.3", "--format", "html", "--language", "en"])
        == 0
    )

    page = capsys.readouterr().out
    assert page.rstrip("\n") == render(
        conversation_guide("schoolleider", topics=["2.3"]), "html", language="en"
    ).rstrip("\n")


def test_an_unknown_key_figure_lists_the_known_ones(capsys):
    line = refused(main(["guide", "rector"]), capsys)

    assert line.startswith("ict-competence: error: no key figure with code 'rector'; known codes: ")
    assert "schoolleider" in line


def test_an_unknown_theme_lists_the_known_ones(capsys):
    line = refused(main(["guide", "schoolleider", "--themes", "sport"]), capsys)

    assert "no theme with code 'sport'; known codes: onderwijsleerproces" in line


def test_the_guide_file_is_kept_without_force(tmp_path, capsys):
    out = tmp_path / "guide.html"
    out.write_text("mine")

    refused(main(["guide", "schoolleider", "--format", "html", "--out", str(out)]), capsys)

    assert out.read_text() == "mine"
    assert main(["guide", "schoolleider", "--format", "html", "--out", str(out), "--force"]) == 0
    assert out.read_text().startswith("<!doctype html>")
