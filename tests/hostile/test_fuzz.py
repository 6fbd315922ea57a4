"""Fuzzing: mutated workbooks and arbitrary JSON raise nothing but the library's errors.

Each example is counted (``tests/hostile/record.py``); the terminal summary reports how
many ran. Under the ``ci`` profile each test runs 150 examples.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any, get_args, get_type_hints
from xml.sax.saxutils import escape

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ict_competence as ic
from ict_competence.errors import IctCompetenceError
from ict_competence.plan import SchoolPlan
from tests.hostile.books import team
from tests.hostile.record import count_example
from tests.plan.strategies import small_school

_FOLDER = Path(tempfile.mkdtemp(prefix="fuzz-"))


def _small_overview() -> ic.TaskOverview:
    overview = ic.load_catalog().overview()
    return ic.TaskOverview(overview.choices[:3])


OVERVIEW_BYTES = ic.write_overview(_small_overview(), _FOLDER / "o.xlsx").read_bytes()
TEAM_BYTES = ic.write_team(team(), _FOLDER / "t.xlsx").read_bytes()
READERS: dict[str, tuple[bytes, Callable[[Path], object]]] = {
    "read_overview": (OVERVIEW_BYTES, ic.read_overview),
    "read_team": (TEAM_BYTES, ic.read_team),
}
_fuzz = settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)


# -- mutations ------------------------------------------------------------------------------


@st.composite
def mutated(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` with a few bytes flipped, inserted or deleted."""
    result = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, max(len(result) - 1, 0)))
        action = draw(st.sampled_from(["flip", "insert", "delete", "cut"]))
        if action == "flip" and result:
            result[at] ^= draw(st.integers(1, 255))
        elif action == "insert":
            result[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif action == "delete":
            del result[at : at + draw(st.integers(1, 64))]
        else:
            del result[at:]
    return bytes(result)


_XML_PIECES = st.sampled_from(
    [
        b"<",
        b">",
        b"&",
        b'"',
        b"<!DOCTYPE x>",
        b'<c r="XFD1048576"><v>1</v></c>',
        b'<c r="A2" t="s"><v>999</v></c>',
        b'<c r="J2"><f>1/0</f></c>',
        b'<c r="J3" t="str"><v>NaN</v></c>',
        b'<c r="J2"><f>10*2</f><v>abc</v></c>',  # a damaged computed value
        b'<c r="J2" t="s"><f>1</f><v>99999</v></c>',
        b'<c r="J2" t="b"><f>1</f><v>ja</v></c>',
        b'<c r="J2" t="d"><f>1</f><v>gisteren</v></c>',
        b'<c r="J2" t="e"><f>1/0</f><v>#DIV/0!</v></c>',
        b'<c r="J2" s="1"><f>1</f><v>1e999</v></c>',
        b'<row r="4000000">',
        b"</row>",
        b'<dimension ref="A1:XFD1048576"/>',
        b'<mergeCell ref="A1:K9"/>',
        b"\xff\xfe",
        b"&#7;",
        b"-1",
        b"1e309",
    ]
)


@st.composite
def mutated_parts(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` unzipped, one XML part spliced with XML pieces or cut, zipped again."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = {item.filename: package.read(item.filename) for item in package.infolist()}
    name = draw(st.sampled_from(sorted(parts)))
    part = bytearray(parts[name])
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(part)))
        if draw(st.booleans()):
            part[at:at] = draw(_XML_PIECES)
        else:
            del part[at : at + draw(st.integers(1, 200))]
    parts[name] = bytes(part)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for part_name, content in parts.items():
            package.writestr(part_name, content)
    return buffer.getvalue()


def _read_bytes(target: str, data: bytes) -> None:
    count_example(target)
    _original, read = READERS[target]
    with tempfile.TemporaryDirectory(dir=_FOLDER) as folder:
        path = Path(folder) / "fuzz.xlsx"
        path.write_bytes(data)
        with contextlib.suppress(IctCompetenceError):
            read(path)


@_fuzz
@given(data=mutated(OVERVIEW_BYTES))
def test_read_overview_raises_only_library_errors_for_mutated_bytes(data):
    _read_bytes("read_overview", data)


@_fuzz
@given(data=mutated(TEAM_BYTES))
def test_read_team_raises_only_library_errors_for_mutated_bytes(data):
    _read_bytes("read_team", data)


@_fuzz
@given(data=mutated_parts(OVERVIEW_BYTES))
def test_read_overview_raises_only_library_errors_for_mutated_xml(data):
    _read_bytes("read_overview", data)


@_fuzz
@given(data=mutated_parts(TEAM_BYTES))
def test_read_team_raises_only_library_errors_for_mutated_xml(data):
    _read_bytes("read_team", data)


#: Cell types a computed value may be stored as (``t="…"``; None: a number).
_CELL_TYPES = st.sampled_from([None, "n", "s", "b", "str", "e", "d", "inlineStr", "x"])
_CACHED = st.text(max_size=12) | st.sampled_from(["1e999", "-0", "99999", "NaN", "1", "TRUE"])


def _cached_formula(data: bytes, kind: str | None, cached: str) -> bytes:
    """``data`` (a workbook) with its overview's J2 a formula computed as ``cached``."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = {item.filename: package.read(item.filename) for item in package.infolist()}
    typed = f' t="{kind}"' if kind else ""
    value = escape(cached).encode("ascii", "xmlcharrefreplace")
    cell = f'<c r="J2"{typed}><f>10*2</f><v>'.encode() + value + b"</v></c>"
    sheet = parts["xl/worksheets/sheet1.xml"]
    parts["xl/worksheets/sheet1.xml"] = re.sub(rb'<c r="J2"[^>]*>.*?</c>', lambda _m: cell, sheet)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for part_name, content in parts.items():
            package.writestr(part_name, content)
    return buffer.getvalue()


@_fuzz
@given(kind=_CELL_TYPES, cached=_CACHED)
def test_read_overview_raises_only_library_errors_for_any_computed_value(kind, cached):
    _read_bytes("read_overview", _cached_formula(OVERVIEW_BYTES, kind, cached))


# -- JSON -----------------------------------------------------------------------------------

_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
)
JSON_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
CLASSES = (ic.LocalizedText, ic.Person, ic.Team, ic.TaskOverview, ic.RuleSet, ic.Allocation)
PLAN = json.loads(ic.to_json(small_school().allocate()))


@st.composite
def spliced(draw: st.DrawFn, document: Any) -> Any:
    """``document`` with one value somewhere inside replaced by an arbitrary JSON value."""
    copy = json.loads(json.dumps(document))
    holder: Any = copy
    for _ in range(draw(st.integers(0, 6))):
        keys = list(holder) if isinstance(holder, dict) else list(range(len(holder)))
        if not keys:
            break
        key = draw(st.sampled_from(keys))
        if not isinstance(holder[key], dict | list):
            break
        holder = holder[key]
    keys = list(holder) if isinstance(holder, dict) else list(range(len(holder)))
    if keys:
        holder[draw(st.sampled_from(keys))] = draw(JSON_VALUES)
    return copy


def _from_json(cls: type, text: str) -> None:
    count_example(f"from_json({cls.__name__})")
    with contextlib.suppress(IctCompetenceError):
        ic.from_json(cls, text)


def _types_in(hint: object) -> Iterator[object]:
    yield hint
    for argument in get_args(hint):
        yield from _types_in(argument)


@cache
def field_names(cls: type) -> tuple[str, ...]:
    """The field names of ``cls`` and of the attrs classes its fields hold, at any depth."""
    names: dict[str, None] = {}
    todo, seen = [cls], set()
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        hints = get_type_hints(current)
        for field in attrs.fields(current):
            names[field.name] = None
            todo += [
                t for t in _types_in(hints[field.name]) if isinstance(t, type) and attrs.has(t)
            ]
    return tuple(names)


#: True nine times in ten (``st.integers`` would favour its bounds).
_NINE_IN_TEN = st.sampled_from((False, *[True] * 9))


@cache
def _objects(cls: type) -> st.SearchStrategy[dict[str, Any]]:
    """JSON objects keyed by the names of ``cls``'s fields (at any depth) and random text.

    Made once per class: Hypothesis draws far faster from a strategy it has seen before.
    """
    keys = st.sampled_from(field_names(cls)) | st.text(max_size=8)
    values = st.recursive(
        _SCALARS,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
        max_leaves=20,
    )
    return st.dictionaries(keys, values, max_size=6)


@st.composite
def documents(draw: st.DrawFn, cls: type) -> Any:
    """JSON for ``cls``: mostly objects keyed by its fields' names, nine in ten of them
    with a ``schema_version``, so that most examples reach the converter.
    """
    if not draw(_NINE_IN_TEN):
        return draw(JSON_VALUES)  # now and then anything at all
    document = draw(_objects(cls))
    if draw(_NINE_IN_TEN):
        document = {"schema_version": 1, **document}
    return document


@_fuzz
@given(data=st.data(), cls=st.sampled_from(CLASSES))
def test_from_json_raises_only_library_errors_for_any_json(data, cls):
    _from_json(cls, json.dumps(data.draw(documents(cls))))


@_fuzz
@given(document=spliced(PLAN))
def test_from_json_raises_only_library_errors_for_a_spliced_plan(document):
    _from_json(SchoolPlan, json.dumps(document))


@_fuzz
@given(document=spliced(PLAN) | JSON_VALUES)
def test_school_plan_load_raises_only_library_errors(document):
    count_example("SchoolPlan.load")
    with tempfile.TemporaryDirectory(dir=_FOLDER) as folder:
        path = Path(folder) / "plan.json"
        path.write_text(json.dumps(document), "utf-8")
        with contextlib.suppress(IctCompetenceError):
            SchoolPlan.load(path)


def test_the_spliced_plan_starts_from_a_plan_that_loads():
    assert attrs.has(type(ic.from_json(SchoolPlan, json.dumps(PLAN))))
