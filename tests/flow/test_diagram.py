import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml  # type: ignore[import-untyped]  # PyYAML comes with the docs tools
from hypothesis import given, settings

from ict_competence.flow import (
    Answer,
    Branch,
    Phase,
    Roadmap,
    RoadmapSession,
    Step,
    StepKind,
    load_roadmap,
    to_dot,
    to_mermaid,
)
from ict_competence.text import LocalizedText, Provenance

from .strategies import roadmaps

NASTY = 'Plan "A" \\N {x} [y] <b>&amp;</b> #35; 50% `code`\n"]; evil [label="boom'

MERMAID_NODE = re.compile(r'^    s(\d+)(?:\{\{"|\["|\(\[")(.*?)(?:"\}\}|"\]|"\]\))$')


def nasty_roadmap() -> Roadmap:
    here = Provenance("test")
    return Roadmap(
        title=LocalizedText(NASTY),
        steps=(
            Step(
                number=1,
                kind=StepKind.CHECK,
                phase=Phase.PRECONDITIONS,
                title=LocalizedText(NASTY),
                branches=(
                    Branch(answer=Answer.YES, next=2),
                    Branch(answer=Answer.NO, next=1),
                ),
                start=True,
                provenance=here,
            ),
            Step(
                number=2,
                kind=StepKind.EVALUATION,
                phase=Phase.EXECUTION_AND_EVALUATION,
                title=LocalizedText("end --> s1"),
                branches=(Branch(answer=Answer.DONE),),
                provenance=here,
            ),
        ),
    )


def mermaid_labels(text: str) -> dict[int, str]:
    """The node labels of a Mermaid flowchart, decoded as Mermaid reads them."""
    labels = {}
    for line in text.splitlines():
        found = MERMAID_NODE.match(line)
        if found:
            encoded = found[2]
            assert '"' not in encoded
            decoded = encoded.replace("<br>", "\n")
            labels[int(found[1])] = re.sub(r"#(\d+);", lambda m: chr(int(m[1])), decoded)
    return labels


def graphviz() -> str:
    found = shutil.which("dot")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("Graphviz `dot` is not installed, but CI must check the diagrams with it")
        pytest.skip("Graphviz `dot` is not installed")
    return found


def render_svg(dot_text: str) -> str:
    finished = subprocess.run(
        [graphviz(), "-Tsvg"], input=dot_text, capture_output=True, text=True, check=False
    )
    assert finished.returncode == 0, finished.stderr
    assert "Warning" not in finished.stderr, finished.stderr
    return finished.stdout


# --- Mermaid --------------------------------------------------------------------------------


def test_the_mermaid_diagram_shows_every_step_and_branch_labelled_ja_nee():
    text = to_mermaid(load_roadmap())

    assert text.startswith('---\ntitle: "Naar teamgerichte ICT-coördinatie op school"\n---\n')
    assert "flowchart TD" in text
    assert sorted(mermaid_labels(text)) == list(range(1, 9))
    assert mermaid_labels(text)[3] == "Stap 3 · Check: ICT-beleidsplan?"
    assert "    s1 -->|ja| s2" in text
    assert "    s1 -->|nee| s1" in text
    assert "    s4 -->|nee| s5" in text
    assert "    s5 --> s6" in text
    assert len(re.findall(r"^    s\d+ -->", text, flags=re.MULTILINE)) == 12
    assert "classDef" not in text


def test_the_mermaid_diagram_speaks_english_on_request():
    text = to_mermaid(load_roadmap(), language="en")

    assert "    s1 -->|yes| s2" in text
    assert mermaid_labels(text)[8] == "Step 8 · Evaluate the ICT teamwork regularly"


def test_the_mermaid_diagram_of_a_session_highlights_the_current_step_and_the_path():
    session = RoadmapSession.start().answer(True).answer(False).answer(True)

    text = to_mermaid(session)

    edges = re.findall(r"^    (s\d+ -->.*)$", text, flags=re.MULTILINE)
    styled = re.search(r"^    linkStyle ([\d,]+) ", text, flags=re.MULTILINE)
    assert styled is not None
    assert [edges[int(i)] for i in styled[1].split(",")] == [
        "s1 -->|ja| s2",
        "s2 -->|ja| s3",
        "s2 -->|nee| s2",
    ]
    assert "    class s1,s2 visited" in text
    assert "    class s3 current" in text


def test_a_fresh_session_highlights_only_the_start():
    text = to_mermaid(RoadmapSession.start())

    assert "    class s1 current" in text
    assert "visited\n" not in text.split("classDef visited")[1]
    assert "linkStyle" not in text


def test_mermaid_labels_escape_whatever_the_title_holds():
    text = to_mermaid(nasty_roadmap())

    labels = mermaid_labels(text)

    assert labels == {1: f"Stap 1 · {NASTY}", 2: "Stap 2 · end --> s1"}
    assert text.splitlines()[1] == f"title: {json.dumps(NASTY, ensure_ascii=False)}"
    assert [line for line in text.splitlines() if "evil" in line] == [
        text.splitlines()[1],
        next(line for line in text.splitlines() if line.startswith("    s1{{")),
    ]


@given(roadmaps())
def test_every_generated_title_survives_the_mermaid_escaping(own):
    text = to_mermaid(own)

    labels = mermaid_labels(text)

    assert labels == {step.number: f"Stap {step.number} · {step.title.nl}" for step in own}
    assert text.splitlines()[0] == text.splitlines()[2] == "---"
    assert yaml.safe_load(text.splitlines()[1]) == {"title": own.title.nl}


# --- Graphviz DOT ---------------------------------------------------------------------------


def test_the_dot_diagram_shows_every_step_and_branch_labelled_ja_nee():
    text = to_dot(load_roadmap())

    assert text.startswith("digraph roadmap {\n")
    assert re.findall(r"^    s(\d+) \[", text, flags=re.MULTILINE) == [str(n) for n in range(1, 9)]
    assert '    s1 -> s2 [label="ja"];' in text
    assert '    s3 -> s3 [label="nee"];' in text
    assert "    s7 -> s8;" in text
    assert "fillcolor" not in text


def test_the_dot_diagram_of_a_session_highlights_the_current_step_and_the_path():
    session = RoadmapSession.start().answer(True).answer(True).answer(True).answer(False)

    text = to_dot(session)

    assert '    s4 -> s5 [label="nee", color="#e65100", penwidth=2.5];' in text
    assert '    s4 -> s5 [label="ja"];' in text
    current = re.search(r"^    s5 \[(.*)\];$", text, flags=re.MULTILINE)
    visited = re.search(r"^    s4 \[(.*)\];$", text, flags=re.MULTILINE)
    untouched = re.search(r"^    s6 \[(.*)\];$", text, flags=re.MULTILINE)
    assert current is not None
    assert visited is not None
    assert untouched is not None
    assert 'fillcolor="#ffe082"' in current[1]
    assert 'fillcolor="#e3f2fd"' in visited[1]
    assert "fillcolor" not in untouched[1]


def test_the_built_in_roadmap_renders_with_graphviz():
    svg = render_svg(to_dot(load_roadmap()))

    assert svg.count('class="node"') == 8
    assert svg.count('class="edge"') == 12
    assert "Check: gedragen pedagogische visie?" in svg


def test_a_session_renders_with_graphviz():
    session = RoadmapSession.start().answer(True).answer(True).answer(True).answer(True)

    svg = render_svg(to_dot(session.complete().answer(False).complete().complete()))

    assert svg.count('class="node"') == 8
    assert "#ffe082" in svg


def test_dot_labels_escape_whatever_the_title_holds():
    svg = render_svg(to_dot(nasty_roadmap()))

    assert svg.count('class="node"') == 2
    assert "evil" in svg  # shown as text inside the label ...
    assert "<title>evil</title>" not in svg  # ... and never a node of its own
    assert "\\N {x}" in svg
    assert "&lt;b&gt;&amp;amp;&lt;/b&gt;" in svg


@settings(max_examples=10)
@given(roadmaps(max_steps=4))
def test_every_generated_roadmap_renders_with_graphviz(own):
    svg = render_svg(to_dot(RoadmapSession.start(own)))

    assert svg.count('class="node"') == len(own)


def test_the_diagram_in_the_docs_is_the_built_in_roadmap():
    page = Path(__file__).parents[2] / "docs" / "roadmap.md"

    shown = re.findall(r"```text\n(.*?)```", page.read_text(encoding="utf-8"), flags=re.DOTALL)

    assert shown == [to_mermaid(load_roadmap())]
