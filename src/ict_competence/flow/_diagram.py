"""Diagrams of a roadmap or a session as plain text: Mermaid flowcharts and Graphviz DOT."""

from __future__ import annotations

import json
import textwrap

import attrs

from ict_competence._checks import argument
from ict_competence.flow._enums import Answer, StepKind
from ict_competence.flow._model import Roadmap, Step
from ict_competence.flow._session import RoadmapSession
from ict_competence.text import Language, checked_language

__all__ = ["to_dot", "to_mermaid"]

_CURRENT_FILL = "#ffe082"
_CURRENT_STROKE = "#e65100"
_VISITED_FILL = "#e3f2fd"
_VISITED_STROKE = "#1565c0"
_STEP_WORD = {"nl": "Stap", "en": "Step"}


@attrs.frozen
class _View:
    """What a diagram shows: the roadmap and, for a session, where it is and how it got there."""

    roadmap: Roadmap
    current: int | None = None
    visited: frozenset[int] = frozenset()
    taken: frozenset[tuple[int, Answer]] = frozenset()


def _view(subject: Roadmap | RoadmapSession) -> _View:
    argument("subject", subject, Roadmap, RoadmapSession)
    if isinstance(subject, Roadmap):
        return _View(subject)
    path = [move for move in subject.path if move.answer is not None]
    return _View(
        subject.roadmap,
        current=subject.current.number,
        visited=frozenset(move.step for move in path),
        taken=frozenset((move.step, move.answer) for move in path if move.answer is not None),
    )


def _edges(roadmap: Roadmap) -> list[tuple[Step, Answer, int]]:
    return [
        (step, branch.answer, branch.next)
        for step in roadmap.steps
        for branch in step.branches
        if branch.next is not None
    ]


def _edge_label(answer: Answer, language: Language) -> str:
    return "" if answer is Answer.DONE else answer.label.get(language).lower()


def _node_label(step: Step, language: Language) -> str:
    # "1. …" would read as a Markdown list to Mermaid, so the number gets a word.
    return f"{_STEP_WORD[language]} {step.number} · {step.title.get(language)}"


def _mermaid_text(text: str) -> str:
    """Text for inside a quoted Mermaid label: entity codes for whatever the syntax reads."""
    out = []
    for char in text:
        if char == "\n":
            out.append("<br>")
        elif char in '"#&<>`%' or not char.isprintable():
            out.append(f"#{ord(char)};")
        else:
            out.append(char)
    return "".join(out)


def _yaml_string(text: str) -> str:
    """A double-quoted YAML scalar for Mermaid's front matter, on one line, printable only."""
    quoted = json.dumps(text, ensure_ascii=False)  # JSON strings are YAML double-quoted scalars
    return "".join(char if char.isprintable() else f"\\U{ord(char):08x}" for char in quoted)


_MERMAID_SHAPES = {
    StepKind.CHECK: ('{{"', '"}}'),
    StepKind.ACTION: ('["', '"]'),
    StepKind.EVALUATION: ('(["', '"])'),
}


def to_mermaid(subject: Roadmap | RoadmapSession, *, language: Language = "nl") -> str:
    """A Mermaid flowchart of every step and branch (ja / nee), for a session with its path.

    Checks are hexagons, actions rectangles, the evaluation a stadium. For a session the
    current step and the steps and branches taken in the current cycle are highlighted.
    Labels are escaped with Mermaid's entity codes, so any title is safe to show.

    >>> from ict_competence.flow import load_roadmap
    >>> print(to_mermaid(load_roadmap()).splitlines()[4])
        s1{{"Stap 1 · Check: bewustzijn dat transitie naar teamgerichte ...?"}}

    Raises:
        FieldError: ``language`` is not ``"nl"`` or ``"en"``.
    """
    language = checked_language(language)
    view = _view(subject)
    lines = [
        "---",
        f"title: {_yaml_string(view.roadmap.title.get(language))}",
        "---",
        "flowchart TD",
    ]
    for step in view.roadmap.steps:
        opening, closing = _MERMAID_SHAPES[step.kind]
        lines.append(
            f"    s{step.number}{opening}{_mermaid_text(_node_label(step, language))}{closing}"
        )
    highlighted = []
    for index, (step, answer, target) in enumerate(_edges(view.roadmap)):
        label = _edge_label(answer, language)
        arrow = f"-->|{label}|" if label else "-->"
        lines.append(f"    s{step.number} {arrow} s{target}")
        if (step.number, answer) in view.taken:
            highlighted.append(str(index))
    if view.current is not None:
        lines += [
            f"    classDef current fill:{_CURRENT_FILL},stroke:{_CURRENT_STROKE},stroke-width:3px",
            f"    classDef visited fill:{_VISITED_FILL},stroke:{_VISITED_STROKE}",
        ]
        visited = sorted(view.visited - {view.current})
        if visited:
            lines.append("    class " + ",".join(f"s{n}" for n in visited) + " visited")
        lines.append(f"    class s{view.current} current")
        if highlighted:
            lines.append(
                f"    linkStyle {','.join(highlighted)} stroke:{_CURRENT_STROKE},stroke-width:3px"
            )
    return "\n".join(lines) + "\n"


def _dot_text(text: str) -> str:
    r"""Text for inside a quoted DOT string: backslashes and quotes escaped, lines as ``\n``.

    Graphviz also reads HTML entities (``&amp;``) in every label, so ``&`` is escaped too.
    """
    text = text.replace("&", "&amp;").replace("\\", "\\\\").replace('"', '\\"')
    text = "".join(char if ord(char) >= 32 else "\n" for char in text.replace("\r\n", "\n"))
    return text.replace("\n", "\\n")


def _wrapped(text: str, width: int = 40) -> str:
    return "\n".join(
        textwrap.fill(line, width, break_long_words=False) if line else ""
        for line in text.splitlines()
    )


_DOT_SHAPES = {
    StepKind.CHECK: "hexagon",
    StepKind.ACTION: "box",
    StepKind.EVALUATION: "box",
}


def to_dot(subject: Roadmap | RoadmapSession, *, language: Language = "nl") -> str:
    """A Graphviz DOT digraph of every step and branch (ja / nee), for a session with its path.

    The text is produced without Graphviz; render it with ``dot -Tsvg``. Labels are
    escaped for DOT's quoted strings, so any title is safe to show.

    >>> from ict_competence.flow import RoadmapSession
    >>> dot = to_dot(RoadmapSession.start().answer(True))
    >>> 's1 -> s2 [label="ja", color="#e65100", penwidth=2.5];' in dot
    True

    Raises:
        FieldError: ``language`` is not ``"nl"`` or ``"en"``.
    """
    language = checked_language(language)
    view = _view(subject)
    title = _dot_text(_wrapped(view.roadmap.title.get(language), 60))
    lines = [
        "digraph roadmap {",
        f'    graph [label="{title}", labelloc=t, fontname="Helvetica"];',
        '    node [shape=box, style="rounded", fontname="Helvetica", fontsize=11];',
        '    edge [fontname="Helvetica", fontsize=10];',
    ]
    for step in view.roadmap.steps:
        label = f"{_STEP_WORD[language]} {step.number}\n{_wrapped(step.title.get(language))}"
        attributes = [f'label="{_dot_text(label)}"', f"shape={_DOT_SHAPES[step.kind]}"]
        if step.kind is StepKind.EVALUATION:
            attributes.append("peripheries=2")
        if step.number == view.current:
            attributes += [
                'style="rounded,filled,bold"',
                f'fillcolor="{_CURRENT_FILL}"',
                f'color="{_CURRENT_STROKE}"',
                "penwidth=2.5",
            ]
        elif step.number in view.visited:
            attributes += [
                'style="rounded,filled"',
                f'fillcolor="{_VISITED_FILL}"',
                f'color="{_VISITED_STROKE}"',
            ]
        lines.append(f"    s{step.number} [{', '.join(attributes)}];")
    for step, answer, target in _edges(view.roadmap):
        attributes = []
        label = _edge_label(answer, language)
        if label:
            attributes.append(f'label="{label}"')
        if (step.number, answer) in view.taken:
            attributes += [f'color="{_CURRENT_STROKE}"', "penwidth=2.5"]
        suffix = f" [{', '.join(attributes)}]" if attributes else ""
        lines.append(f"    s{step.number} -> s{target}{suffix};")
    lines.append("}")
    return "\n".join(lines) + "\n"
