"""Fuzzing: mutated workbooks and arbitrary JSON raise nothing but the library's errors.

Each example is counted (``tests/hostile/record.py``); the terminal summary reports how
many ran. Under the ``ci`` profile each test runs 150 examples.
"""

from __future__ import annotations

import contextlib
import io
import json
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

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


@_fuzz
@given(cls=st.sampled_from(CLASSES), value=JSON_VALUES, versioned=st.booleans())
def test_from_json_raises_only_library_errors_for_any_json(cls, value, versioned):
    if versioned and isinstance(value, dict):
        value = {"schema_version": 1, **value}

    _from_json(cls, json.dumps(value))


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
