"""The one JSON converter: every domain class to and from JSON, strictly, with a schema version.

It knows attrs classes, enums, mappings and the value types in :mod:`ict_competence.text`,
and nothing of the domain packages, which sit above it. A domain package whose fields
hold an open family of classes (a ``Protocol``, such as the allocation rules) registers
them here by kind with :func:`register_kinds`.
"""

from __future__ import annotations

import difflib
import enum
import json
import types
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from datetime import datetime
from typing import Any, TypeVar, Union, get_args, get_origin

import attrs
import cattrs
from cattrs.cols import homogenous_tuple_structure_factory
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn

from ict_competence import _checks
from ict_competence._checks import argument, is_finite_number, whole_argument, with_fields
from ict_competence._json import SCHEMA_VERSION, json_kind, non_finite, parse
from ict_competence.errors import FieldError, IctCompetenceError, SerializationError

__all__ = [
    "SCHEMA_VERSION",
    "Kinds",
    "from_json",
    "register_kinds",
    "register_migration",
    "structure",
    "to_json",
    "unstructure",
]

T = TypeVar("T")
Migration = Callable[[dict[str, Any]], dict[str, Any]]
_MIGRATIONS: dict[tuple[type, int], Migration] = {}
# The schema version of the document being read, so that nested objects migrate too.
_DOCUMENT_VERSION: ContextVar[int] = ContextVar("document_version", default=SCHEMA_VERSION)


def _strict_int(value: object, _type: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected a whole number, found {value!r}")
    return value


def _strict_float(value: object, _type: object) -> float:
    if is_finite_number(value):
        return float(value)
    if isinstance(value, float):
        raise ValueError(f"expected a finite number, found {value!r}")
    raise TypeError(f"expected a number, found {value!r}")


def _strict_str(value: object, _type: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, found {value!r}")
    return value


def _strict_bool(value: object, _type: object) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, found {value!r}")
    return value


def _datetime(value: object, _type: object) -> datetime:
    # TOML gives a datetime; JSON gives ISO 8601 text (as _iso_text writes it).
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            pass
    elif isinstance(value, datetime):
        return value
    raise ValueError(f"expected an ISO 8601 date and time, found {value!r}")


def _iso_text(moment: datetime) -> str:
    return moment.isoformat()


def _enum_hook(cls: type[enum.Enum]) -> Callable[[object, object], enum.Enum]:
    allowed = ", ".join(repr(member.value) for member in cls)

    def structure_enum(value: object, _type: object) -> enum.Enum:
        try:
            return cls(value)
        except ValueError:
            raise ValueError(f"expected one of {allowed}, found {value!r}") from None

    return structure_enum


def is_scalar_union(type_: object) -> bool:
    """Whether ``type_`` is a union of text and numbers only (``str | int | float``)."""
    union = get_origin(type_) in (Union, types.UnionType)
    return union and all(arg in (str, int, float) for arg in get_args(type_))


def _scalar_union_hook(type_: object) -> Callable[[object, object], object]:
    members = get_args(type_)

    def structure_scalar(value: object, _type: object) -> object:
        if isinstance(value, str) and str in members:
            return value
        if is_finite_number(value) and (float in members or isinstance(value, int)):
            return value if type(value) in members else float(value)
        raise TypeError(f"expected text or a number, found {json_kind(value)}")

    return structure_scalar


def _is_homogeneous_tuple(type_: object) -> bool:
    args = get_args(type_)
    return get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis


def _tuple_hook(type_: type, converter: cattrs.Converter) -> Callable[[object, object], object]:
    # cattrs would iterate any iterable: a string into its characters, a dict into its keys.
    items = homogenous_tuple_structure_factory(type_, converter)

    def structure_tuple(value: object, _type: object) -> object:
        if not isinstance(value, list | tuple):
            raise TypeError(f"expected a list, found {value!r}")
        return items(value, _type)

    return structure_tuple


def _attrs_hook(cls: type, converter: cattrs.Converter) -> Callable[[object, object], object]:
    fields: Callable[[Any, Any], object] = make_dict_structure_fn(cls, converter)

    def structure_attrs(value: object, _type: object) -> object:
        if not isinstance(value, dict):
            # cattrs would index a list or text by field name and fail with a bare TypeError.
            raise TypeError(f"expected an object with fields, found {json_kind(value)}")
        version = _DOCUMENT_VERSION.get()
        if version < SCHEMA_VERSION:
            value = _migrated(cls, value, version)
        return fields(value, _type)

    return structure_attrs


def _migrated(cls: type, data: dict[str, Any], version: int) -> dict[str, Any]:
    for step in range(version, SCHEMA_VERSION):
        migrate = _MIGRATIONS.get((cls, step))
        if migrate is not None:
            data = migrate(dict(data))
    return data


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    converter.register_structure_hook_factory(attrs.has, lambda cls: _attrs_hook(cls, converter))
    converter.register_structure_hook_factory(
        _is_homogeneous_tuple, lambda type_: _tuple_hook(type_, converter)
    )
    converter.register_structure_hook_factory(is_scalar_union, _scalar_union_hook)
    converter.register_structure_hook(int, _strict_int)
    converter.register_structure_hook(float, _strict_float)
    converter.register_structure_hook(str, _strict_str)
    converter.register_structure_hook(bool, _strict_bool)
    converter.register_structure_hook(datetime, _datetime)
    converter.register_unstructure_hook(datetime, _iso_text)
    converter.register_structure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _enum_hook
    )
    converter.register_unstructure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), lambda _t: _enum_value
    )
    return converter


def _enum_value(member: enum.Enum) -> object:
    return member.value


_CONVERTER = _make_converter()


def _unexpected(exc: ForbiddenExtraKeysError) -> str:
    """The unexpected fields, each with the field it is probably a misspelling of."""
    names = [field.name for field in attrs.fields(exc.cl)] if attrs.has(exc.cl) else []
    described = []
    for extra in sorted(exc.extra_fields):
        close = difflib.get_close_matches(extra, names, n=1)
        described.append(f"{extra} (did you mean {close[0]}?)" if close else extra)
    return f"unexpected field(s) {', '.join(described)}"


def _describe(exc: BaseException) -> str:
    if isinstance(exc, KeyError):
        return "required field missing"
    if isinstance(exc, ForbiddenExtraKeysError):
        return _unexpected(exc)
    if isinstance(exc, AttributeError) and "items" in str(exc):
        return "expected a mapping"
    if isinstance(exc, TypeError) and str(exc).endswith("object is not iterable"):
        return "expected a list"
    return str(exc) or type(exc).__name__


def _problems(exc: BaseException, path: str) -> list[str]:
    """Turn a structuring failure into ``$.path: message`` lines.

    Like :func:`cattrs.transform_error`, but a :class:`FieldError` raised by a validator
    while an object was built adds its field to the path, so the line points at the value.
    """
    if isinstance(exc, ClassValidationError | IterableValidationError):
        with_notes, without = exc.group_exceptions()
        problems = []
        for inner, note in with_notes:
            if isinstance(note, IterableValidationNote):
                step = f"[{note.index!r}]"
            else:
                step = f".{note.name}"
            problems.extend(_problems(inner, path + step))
        for inner in without:
            problems.extend(_problems(inner, path))
        return problems
    if isinstance(exc, FieldError):
        return [f"{path}.{exc.field}: {exc.message}"]
    return [f"{path}: {_describe(exc)}"]


def unstructure(obj: object) -> Any:  # noqa: ANN401 - plain JSON data has no narrower type
    """Turn a domain object into plain JSON-ready data (dicts, lists, strings, numbers)."""
    if not isinstance(obj, Mapping | list | tuple | str | int | float | enum.Enum | None):
        with_fields("obj", obj)  # plain data passes through; anything else needs fields
    return _CONVERTER.unstructure(obj)


def structure(data: object, cls: type[T], *, root: str = "$", source: str | None = None) -> T:
    """Build a ``cls`` from plain data, or raise :class:`SerializationError` naming each path.

    Args:
        data: plain data as ``json.loads`` or ``tomllib.loads`` returns it.
        cls: the class to build.
        root: the path prefix used in error messages.
        source: a file name to put in front of the error message.

    """
    with_fields("cls", cls, of_class=True)
    argument("root", root, str)
    argument("source", source, str, type(None))
    try:
        return _CONVERTER.structure(data, cls)
    except (ClassValidationError, IterableValidationError, ValueError, TypeError) as exc:
        raise SerializationError(_problems(exc, root), source=source) from None


def to_json(obj: object, *, indent: int | None = 2) -> str:
    """Write a domain object as one JSON object with ``schema_version`` at its top.

    Raises:
        FieldError: ``obj`` is no object of the library's or mapping, or ``indent`` < 0.
        SerializationError: it holds NaN or an infinity, which JSON cannot write; the
            error names the ``$.path``.

    >>> from ict_competence.text import LocalizedText
    >>> print(to_json(LocalizedText("Inventaris", "Inventory"), indent=None))
    {"schema_version": 2, "nl": "Inventaris", "en": "Inventory"}
    """
    if indent is not None:
        whole_argument("indent", indent, 0)
    if not isinstance(obj, Mapping):
        with_fields("obj", obj)
    document = {"schema_version": SCHEMA_VERSION, **unstructure(obj)}
    try:
        # NaN and Infinity are not JSON: from_json, and most other readers, refuse them.
        return json.dumps(document, ensure_ascii=False, indent=indent, allow_nan=False)
    except TypeError as exc:  # a mapping holding what JSON has no form for
        raise SerializationError([f"$: cannot be written as JSON: {exc}"]) from None
    except ValueError as exc:
        found = non_finite(document, "$")
        problem = f"{found[0]}: expected a finite number, found {found[1]!r}" if found else exc
        raise SerializationError([str(problem)]) from None


def from_json(cls: type[T], text: str | bytes, *, source: str | None = None) -> T:
    """Read a ``cls`` back from :func:`to_json` output, migrating older schema versions.

    The text is parsed strictly: NaN and Infinity, a key given twice in one object, and
    nesting deeper than ``MAX_DEPTH`` (200) levels are refused, as is a whole number written as
    a fraction, text or ``true`` (no silent 4.7 → 4, "2" → 2, true → 1).

    Raises:
        SerializationError: the text is not JSON, is from a newer version of this
            library, or does not describe a ``cls``; each problem names its ``$.path``.
        FieldError: ``cls`` is no class of the library's, or ``text`` no str or bytes.

    >>> from ict_competence.text import LocalizedText
    >>> from_json(LocalizedText, '{"schema_version": 1, "nl": "Inventaris", "en": "Inventory"}')
    LocalizedText(nl='Inventaris', en='Inventory')
    >>> from_json(LocalizedText, '{"schema_version": 1, "nl": 7}')
    Traceback (most recent call last):
    ...
    ict_competence.errors.SerializationError: $.nl: expected text, found 7
    """
    with_fields("cls", cls, of_class=True)
    argument("text", text, str, bytes, bytearray)
    argument("source", source, str, type(None))
    try:
        data = parse(text)
    except SerializationError as exc:
        raise SerializationError(list(exc.problems), source=source) from None
    if not isinstance(data, dict):
        raise SerializationError(
            [f"$: expected a JSON object, found {json_kind(data)}"], source=source
        )
    version = data.pop("schema_version", None)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise SerializationError(
            [f"$.schema_version: expected a whole number >= 1, found {version!r}"], source=source
        )
    if version > SCHEMA_VERSION:
        raise SerializationError(
            [
                f"$.schema_version: this version of ict_competence reads up to "
                f"{SCHEMA_VERSION}, found {version}; upgrade ict_competence to read it"
            ],
            source=source,
        )
    token = _DOCUMENT_VERSION.set(version)
    try:
        return structure(data, cls, source=source)
    finally:
        _DOCUMENT_VERSION.reset(token)


class Kinds:
    """The classes that may stand where a field is typed ``base``, each under a kind.

    Such a value is written as ``{"kind": <kind>, ...its fields}`` and read back as the
    class registered for that kind. Build one with :func:`register_kinds`.

    Attributes:
        base: the field type (usually a ``Protocol``) the classes stand in for.
        label: what one of them is called in messages (``"score term"``).
        advice: what to tell a user whose class is not registered: how to register it.
    """

    def __init__(self, base: type, *, label: str, advice: str) -> None:
        argument("base", base, type)
        _checks.text_argument("label", label)
        _checks.text_argument("advice", advice)
        self.base = base
        self.label = label
        self.advice = advice
        self._classes: dict[str, type] = {}
        self._kinds: dict[type, str] = {}

    def __repr__(self) -> str:
        return f"<Kinds of {self.label}: {', '.join(self.kinds)}>"

    @property
    def kinds(self) -> tuple[str, ...]:
        """The registered kinds, in the order they were registered."""
        return tuple(self._classes)

    def class_of(self, kind: str) -> type | None:
        """The class registered as ``kind``, or ``None``."""
        argument("kind", kind, str)
        return self._classes.get(kind)

    def kind_of(self, cls: type) -> str | None:
        """The kind ``cls`` is registered as, or ``None``."""
        argument("cls", cls, type)
        return self._kinds.get(cls)

    def register(self, kind: str, cls: type) -> None:
        """Write and read ``cls`` as ``kind``; registering the same pair again changes nothing.

        Raises:
            IctCompetenceError: ``kind`` is not a name, is taken by another class, ``cls``
                has another kind already, is not an attrs class or has a field ``kind``.
        """
        # Checked although typed: registration is where a user's mistake shows first.
        given: object = cls
        name: object = kind
        if not (isinstance(name, str) and name.isidentifier()):
            raise IctCompetenceError(f"a {self.label} kind is a name like 'my_rule', not {kind!r}")
        if not (isinstance(given, type) and attrs.has(given)):
            raise IctCompetenceError(
                f"a {self.label} written to JSON is an attrs class (its fields are written), "
                f"not {cls!r}"
            )
        if any(field.name == "kind" for field in attrs.fields(cls)):
            raise IctCompetenceError(
                f"{cls.__qualname__} has a field 'kind', which JSON uses for its kind"
            )
        if self._classes.get(kind, cls) is not cls:
            raise IctCompetenceError(
                f"the {self.label} kind {kind!r} is taken by {self._classes[kind].__qualname__}"
            )
        if self._kinds.get(cls, kind) != kind:
            raise IctCompetenceError(
                f"{cls.__qualname__} is registered as {self._kinds[cls]!r} already"
            )
        self._classes[kind] = cls
        self._kinds[cls] = kind

    def structure(self, value: object, _type: object) -> object:
        """Build the object ``value`` describes, by its kind (a converter hook)."""
        if not isinstance(value, dict):
            raise TypeError(f"expected a mapping with a kind, found {value!r}")
        kind = value.get("kind")
        cls = self._classes.get(kind) if isinstance(kind, str) else None
        if cls is None:
            found = "nothing" if "kind" not in value else repr(kind)
            raise FieldError("kind", f"expected one of {', '.join(self.kinds)}; found {found}")
        fields = {name: item for name, item in value.items() if name != "kind"}
        return _CONVERTER.structure(fields, cls)

    def unstructure(self, obj: object) -> dict[str, Any]:
        """Plain data for ``obj`` with its kind first (a converter hook).

        Raises:
            SerializationError: ``obj``'s class is not registered; the message says how.
        """
        kind = self._kinds.get(type(obj))
        if kind is None:
            name = type(obj).__qualname__
            raise SerializationError(
                [f"{name} is not a registered {self.label}, so it cannot be written; {self.advice}"]
            )
        return {"kind": kind, **_CONVERTER.unstructure(obj, type(obj))}


def register_kinds(base: type, *, label: str, advice: str) -> Kinds:
    """Write and read every field typed ``base`` (or a tuple of them) by kind.

    Args:
        base: the field type, usually a ``Protocol`` many classes implement.
        label: what one such object is called in messages.
        advice: how a user registers a class of their own, for the error that meets them.

    Returns:
        The (empty) registry: add classes with :meth:`Kinds.register`. It is read each time
        a value is written or read, so classes registered later are known too.

    >>> import attrs
    >>> from typing import Protocol
    >>> class Shape(Protocol): ...
    >>> @attrs.frozen
    ... class Square:
    ...     side: float
    >>> Drawing = attrs.make_class("Drawing", {"shapes": attrs.field(type=tuple[Shape, ...])})
    >>> shapes = register_kinds(Shape, label="shape", advice="register it")
    >>> shapes.register("square", Square)
    >>> print(to_json(Drawing((Square(2.0),)), indent=None))
    {"schema_version": 2, "shapes": [{"kind": "square", "side": 2.0}]}
    >>> try:
    ...     from_json(Drawing, '{"schema_version": 1, "shapes": [{"kind": "circle"}]}')
    ... except SerializationError as error:
    ...     print(error)
    $.shapes[0].kind: expected one of square; found 'circle'
    """
    kinds = Kinds(base, label=label, advice=advice)
    # Predicates, not classes: singledispatch would ask issubclass() of a Protocol.
    _CONVERTER.register_structure_hook_func(lambda type_: type_ is base, kinds.structure)
    _CONVERTER.register_unstructure_hook_func(lambda type_: type_ is base, kinds.unstructure)
    return kinds


def register_migration(cls: type, from_version: int) -> Callable[[Migration], Migration]:
    """Register a function that lifts ``cls`` data from ``from_version`` to the next version.

    It applies wherever a ``cls`` occurs in a document being read, also nested inside
    another object (a ``Task`` inside a ``TaskOverview``).

    Raises:
        FieldError: ``cls`` is no class of the library's, or ``from_version`` no version
            before this library's (1 to ``SCHEMA_VERSION - 1``).
    """
    with_fields("cls", cls, of_class=True)
    whole_argument("from_version", from_version, 1, SCHEMA_VERSION - 1)

    def register(migration: Migration) -> Migration:
        argument("migration", migration, types.FunctionType, types.MethodType)
        _MIGRATIONS[(cls, from_version)] = migration
        return migration

    return register
