"""The files the library writes, told apart by their content: JSON by keys, a workbook by sheets.

The kind of a JSON file is told from its top-level keys, which the JSON Schema of each
kind lists (the schema is made from the same classes that write the files); a workbook
(.xlsx, or .ods and .xls where the reader takes them) is a task overview or a team by
its sheets. ``render`` reads any of them; the ``plan`` commands say what a file is when
it is no plan.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ict_competence._json import parse
from ict_competence.errors import IctCompetenceError, SerializationError, WorkbookError
from ict_competence.plan import SchoolPlan

__all__ = ["file_kinds", "file_type", "kind_name", "load_plan", "read_file"]

#: What a JSON value that is no object is, in JSON's words.
_KINDS = {
    list: "an array",
    str: "a string",
    int: "a number",
    float: "a number",
    bool: "true or false",
}


@cache
def file_kinds() -> tuple[tuple[type, str], ...]:
    """Each type a file of the library holds, with its name for people."""
    # The domain, loaded when a file is read.
    from ict_competence.allocation import Allocation, Team  # noqa: PLC0415
    from ict_competence.catalog import Catalog, TaskOverview  # noqa: PLC0415
    from ict_competence.dialogue import ConversationGuide, DialogueRecord  # noqa: PLC0415
    from ict_competence.flow import RoadmapSession  # noqa: PLC0415
    from ict_competence.plan import ActionPlan, Evaluation, SchoolPlan  # noqa: PLC0415

    return (
        (SchoolPlan, "plan"),
        (TaskOverview, "task overview"),
        (Team, "team"),
        (Allocation, "allocation"),
        (RoadmapSession, "roadmap session"),
        (DialogueRecord, "conversation record"),
        (ConversationGuide, "conversation guide"),
        (ActionPlan, "action plan"),
        (Evaluation, "evaluation"),
        (Catalog, "catalog"),
    )


@cache
def _keys(cls: type) -> tuple[frozenset[str], frozenset[str]]:
    """The top-level keys a file of ``cls`` must have, and those it may have."""
    from ict_competence.schema import json_schema  # noqa: PLC0415

    schema = json_schema(cls)
    return frozenset(schema["required"]), frozenset(schema["properties"])


def file_type(path: Path, data: dict[str, object]) -> type:
    """The type whose files have the top-level keys of ``data``.

    A file that has every key of one type and no other is that type's; else the one type
    whose required keys it has and whose keys it keeps to.

    Raises:
        IctCompetenceError: no type, or more than one, fits the keys.
    """
    keys = frozenset(data)
    fitting = [(cls, name) for cls, name in file_kinds() if _keys(cls)[0] <= keys <= _keys(cls)[1]]
    exact = [(cls, name) for cls, name in fitting if _keys(cls)[1] == keys]
    chosen = exact if len(exact) == 1 else fitting
    if len(chosen) == 1:
        return chosen[0][0]
    if not chosen:
        kinds = ", ".join(name for _, name in file_kinds())
        raise IctCompetenceError(
            f"{path}: not a file this library writes: its top-level keys fit none of: {kinds}"
        )
    names = ", ".join(name for _, name in chosen)
    raise IctCompetenceError(f"{path}: its top-level keys fit more than one kind of file: {names}")


def _read_workbook(path: Path) -> object:
    """A task overview or a team, by the sheet the workbook has."""
    from ict_competence.xlsx import read_overview, read_team  # noqa: PLC0415 - openpyxl when used

    for read in (read_overview, read_team):
        try:
            return read(path)
        except WorkbookError as error:
            if error.missing_sheet is None:  # the workbook has the sheet, and it is refused
                raise
    raise WorkbookError(
        "neither a task-overview workbook nor a team workbook: it has neither's sheet",
        path=str(path),
    )


def _is_json(path: Path, head: bytes) -> bool:
    """Whether a file is JSON: named so, or starting with an object or array (no workbook does)."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return path.suffix.lower() == ".json" or start in (b"{", b"[")


def read_file(path: Path) -> object:
    """What a file the library wrote holds: JSON of any of :func:`file_kinds`, or a workbook.

    A file is JSON when its name ends in ``.json`` or its content starts with an object
    or an array; anything else is taken for a workbook (an overview's or a team's), whose
    reader tells its kind from its first bytes.

    Raises:
        IctCompetenceError: the file is not JSON, not one of the kinds, or does not
            describe what its keys say; the message names the file.
        OSError: the file cannot be read.
    """
    from ict_competence.serialize import from_json  # noqa: PLC0415

    text = path.read_bytes()
    if not _is_json(path, text[:64]):
        return _read_workbook(path)
    try:
        data = parse(text)
    except SerializationError as error:
        raise SerializationError(list(error.problems), source=str(path)) from None
    if not isinstance(data, dict):
        raise IctCompetenceError(
            f"{path}: expected a JSON object (a file this library writes), "
            f"found {_KINDS.get(type(data), 'another value')}"
        )
    return from_json(file_type(path, data), text, source=str(path))


def kind_name(obj: object) -> str:
    """What ``obj`` is, in words, with its article.

    >>> from ict_competence import Team, load_catalog
    >>> kind_name(Team(())), kind_name(load_catalog().overview())
    ('a team', 'a task overview')
    """
    name = next((name for cls, name in file_kinds() if isinstance(obj, cls)), type(obj).__name__)
    return f"{'an' if name[:1].lower() in 'aeiou' else 'a'} {name}"


def _what_else(path: Path) -> str | None:
    """What the file is when it is another file of the library's than a plan, else ``None``."""
    try:
        obj = read_file(path)
        head = path.read_bytes()[:64]
    except (IctCompetenceError, OSError):
        return None
    if isinstance(obj, SchoolPlan):
        return None
    return f"{kind_name(obj)} {'file' if _is_json(path, head) else 'workbook'}"


def load_plan(path: Path) -> SchoolPlan:
    """The plan saved in ``path``; a file of another kind is named as what it is.

    Raises:
        IctCompetenceError: the file cannot be read, is no plan (``team.json is a team
            file, not a plan``), or is a plan with problems (each named by its ``$.path``).
    """
    try:
        return SchoolPlan.load(path)
    except SerializationError:
        other = _what_else(path)
        if other is None:
            raise
        raise IctCompetenceError(
            f"{path} is {other}, not a plan: give the plan file that plan new wrote"
        ) from None
