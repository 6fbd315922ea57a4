"""Inline SVG drawings for the pages: the roadmap as a flowchart, and the hours per person.

Written here, from the data, so a page needs no script and no network to show them; every
text is escaped, and each drawing has a title and a description for screen readers.
"""

from __future__ import annotations

import hashlib
import textwrap
from collections.abc import Iterable, Sequence

import attrs
from markupsafe import Markup, escape

from ict_competence.renderers._words import label, number
from ict_competence.text import Language

__all__ = ["Bar", "Box", "flowchart", "workload"]

_FONT = 'font-family="Segoe UI, Helvetica Neue, Arial, Liberation Sans, sans-serif"'
# Flowchart geometry in px: boxes in one column, lanes for jumps on the left, loops right.
_LEFT, _BOX_WIDTH, _RIGHT = 96, 400, 130
_GAP, _LINE, _PAD, _WRAP = 46, 17, 12, 50
# Workload chart geometry in px.
_NAME_WIDTH, _BAR_WIDTH, _NUMBER_WIDTH, _ROW = 170, 380, 130, 22
_COLOURS = {
    "current": ("#ffe082", "#e65100", 3),
    "visited": ("#e3f2fd", "#1565c0", 1.5),
    "": ("#ffffff", "#5b6573", 1),
}


@attrs.frozen
class Box:
    """One node of the flowchart.

    Attributes:
        key: the node's id: a step number, or ``None`` for the end of the cycle.
        text: its words.
        shape: ``"hexagon"`` (a check), ``"box"`` (an action) or ``"stadium"``.
        state: ``"current"``, ``"visited"`` or ``""``.
        edges: (target key, label) per branch.
    """

    key: int | None
    text: str
    shape: str
    state: str = ""
    edges: tuple[tuple[int | None, str], ...] = ()


def _outline(shape: str, x: float, y: float, width: float, height: float) -> str:
    right, bottom = x + width, y + height
    if shape == "hexagon":
        points = [
            (x + 16, y), (right - 16, y), (right, y + height / 2),
            (right - 16, bottom), (x + 16, bottom), (x, y + height / 2),
        ]  # fmt: skip
        return '<polygon points="{}"'.format(" ".join(f"{a:g},{b:g}" for a, b in points))
    radius = height / 2 if shape == "stadium" else 6
    return f'<rect x="{x:g}" y="{y:g}" width="{width:g}" height="{height:g}" rx="{radius:g}"'


def _text(lines: Sequence[str], x: float, y: float, **attributes: str) -> str:
    extra = "".join(f' {key.replace("_", "-")}="{value}"' for key, value in attributes.items())
    spans = "".join(
        f'<tspan x="{x:g}" dy="{0 if i == 0 else _LINE}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f'<text x="{x:g}" y="{y:g}"{extra}>{spans}</text>'


def _group_edges(boxes: Sequence[Box]) -> list[tuple[int, int, str]]:
    """Edges as (from index, to index, label); branches to one target share one arrow."""
    index = {box.key: i for i, box in enumerate(boxes)}
    merged: dict[tuple[int, int], list[str]] = {}
    for i, box in enumerate(boxes):
        for target, words in box.edges:
            if target in index:
                merged.setdefault((i, index[target]), []).append(words)
    return [(a, b, " / ".join(w for w in words if w)) for (a, b), words in merged.items()]


def _suffix(*texts: object) -> str:
    """A short id suffix made from a chart's content.

    Two different charts on one page, or in one notebook, never share the ids their
    ``aria-labelledby`` and arrow markers point to.
    """
    digest = hashlib.blake2s(repr(texts).encode("utf-8"), digest_size=4)
    return digest.hexdigest()


def flowchart(boxes: Sequence[Box], *, title: str, description: str) -> Markup:
    """The boxes top to bottom, each branch an arrow, as one inline SVG drawing.

    A branch to the next box is an arrow down; to its own box, a loop on the right; to
    any other box, a line through a lane on the left. Branches to one box share an arrow.
    """
    wrapped = [textwrap.wrap(box.text, _WRAP) or [""] for box in boxes]
    tops, y = [], 10.0
    for lines in wrapped:
        tops.append(y)
        y += 2 * _PAD + _LINE * len(lines) + _GAP
    heights = [2 * _PAD + _LINE * len(lines) for lines in wrapped]
    width, height = _LEFT + _BOX_WIDTH + _RIGHT, y - _GAP + 10
    centre, right = _LEFT + _BOX_WIDTH / 2, _LEFT + _BOX_WIDTH
    uid = _suffix(title, description, boxes)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart flowchart" role="img" '
        f'aria-labelledby="flow-title-{uid} flow-desc-{uid}" viewBox="0 0 {width:g} {height:g}" '
        f'width="{width:g}" height="{height:g}" {_FONT} font-size="13">',
        f'<title id="flow-title-{uid}">{escape(title)}</title><desc id="flow-desc-{uid}">'
        f"{escape(description)}</desc>",
        f'<defs><marker id="flow-arrow-{uid}" viewBox="0 0 10 10" refX="9" refY="5" '
        'markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        'fill="#5b6573"/></marker></defs>',
    ]
    line = f'fill="none" stroke="#5b6573" stroke-width="1.5" marker-end="url(#flow-arrow-{uid})"'
    lanes = 0
    for a, b, words in _group_edges(boxes):
        if b == a + 1:
            start, end = tops[a] + heights[a], tops[b]
            parts.append(f'<path d="M{centre:g},{start:g} V{end - 1:g}" {line}/>')
            if words:
                parts.append(_text([words], centre + 8, (start + end) / 2 + 4, fill="#5b6573"))
        elif b == a:
            top, bottom = tops[a] + heights[a] * 0.3, tops[a] + heights[a] * 0.7
            parts.append(
                f'<path d="M{right:g},{top:g} C{right + 46:g},{top:g} {right + 46:g},{bottom:g} '
                f'{right + 2:g},{bottom:g}" {line}/>'
            )
            parts.append(_text([words], right + 50, (top + bottom) / 2 + 4, fill="#5b6573"))
        else:
            lanes += 1
            lane = _LEFT - 14 - 16 * lanes
            start, end = tops[a] + heights[a] / 2, tops[b] + heights[b] / 2
            parts.append(
                f'<path d="M{_LEFT:g},{start:g} H{lane:g} V{end:g} H{_LEFT - 1:g}" {line}/>'
            )
            if words:
                parts.append(_text([words], lane - 4, (start + end) / 2, text_anchor="end"))
    for box, lines, top, box_height in zip(boxes, wrapped, tops, heights, strict=True):
        fill, stroke, stroke_width = _COLOURS[box.state]
        parts.append(
            f'{_outline(box.shape, _LEFT, top, _BOX_WIDTH, box_height)} fill="{fill}" '
            f'stroke="{stroke}" stroke-width="{stroke_width:g}"/>'
        )
        weight = {"font_weight": "bold"} if box.state == "current" else {}
        parts.append(_text(lines, centre, top + _PAD + 12, text_anchor="middle", **weight))
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every text above went through escape()


@attrs.frozen
class Bar:
    """One person in the workload chart: what they are called there, hours used and had."""

    who: str
    used: float
    available: float
    overloaded: bool


def workload(bars: Iterable[Bar], language: Language) -> Markup:
    """Per person a frame for the hours available and a bar for the hours used (red: over)."""
    rows = list(bars)
    scale = max([1.0, *(max(bar.used, bar.available) for bar in rows)])
    width = _NAME_WIDTH + _BAR_WIDTH + _NUMBER_WIDTH
    height = _ROW * len(rows) + 8
    uid = _suffix(language, rows)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart workload" role="img" '
        f'aria-labelledby="load-title-{uid} load-desc-{uid}" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" {_FONT} font-size="12">',
        f'<title id="load-title-{uid}">{escape(label("workload", language))}</title>'
        f'<desc id="load-desc-{uid}">{escape(label("workload_intro", language))}</desc>',
    ]
    for i, bar in enumerate(rows):
        y = 4 + i * _ROW
        frame = _BAR_WIDTH * bar.available / scale
        used = _BAR_WIDTH * bar.used / scale
        colour = "#c62828" if bar.overloaded else "#1f4e79"
        parts += [
            _text([bar.who[:26]], _NAME_WIDTH - 8, y + 14, text_anchor="end"),
            f'<rect x="{_NAME_WIDTH}" y="{y + 3}" width="{frame:.1f}" height="{_ROW - 6}" '
            'fill="#eef2f6" stroke="#8a96a3"/>',
            f'<rect x="{_NAME_WIDTH}" y="{y + 6}" width="{used:.1f}" height="{_ROW - 12}" '
            f'fill="{colour}"/>',
            _text(
                [f"{number(bar.used, language)} / {number(bar.available, language)}"],
                _NAME_WIDTH + _BAR_WIDTH + 8,
                y + 14,
                fill="#c62828" if bar.overloaded else "#1d2530",
            ),
        ]
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every text above went through escape()
