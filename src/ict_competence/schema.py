"""JSON Schemas (draft 2020-12) for the files :func:`~ict_competence.serialize.to_json` writes.

A schema is made from the same attrs classes and the same converter that write and read
the files, so a system in any language can check a document before it hands it over. It
knows nothing of the domain packages: a class is passed in, and what it holds is found by
walking its fields.
"""

from __future__ import annotations

import enum
import inspect
import math
import types
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, Literal, Union, get_args, get_origin

import attrs
from cattrs.errors import StructureHandlerNotFoundError

from ict_competence.errors import IctCompetenceError
from ict_competence.serialize import _CONVERTER, SCHEMA_VERSION, Kinds, is_scalar_union

__all__ = ["json_schema"]

#: The dialect every schema declares.
DIALECT = "https://json-schema.org/draft/2020-12/schema"
#: The ``$id`` of a class's schema: the schema version, then the class's name. The host is
#: reserved (``.invalid``): an id names a schema, nothing is served there.
ID_TEMPLATE = "https://ict-competence.invalid/schemas/v{version}/{name}.schema.json"

# Types without parameters. The converter reads the values exactly (serialize._strict_*):
# a bool is no number, a number no text; JSON Schema's types draw the same lines.
_PLAIN: dict[object, dict[str, Any]] = {
    bool: {"type": "boolean"},
    int: {"type": "integer"},
    float: {"type": "number"},
    str: {"type": "string"},
    type(None): {"type": "null"},
    Any: {},
    # Bare containers: their items are read as they are.
    tuple: {"type": "array"},
    list: {"type": "array"},
    Sequence: {"type": "array"},
    dict: {"type": "object"},
    Mapping: {"type": "object"},
}
# Written with isoformat(), read with datetime.fromisoformat (serialize._datetime).
_DATE_TIME = {"type": "string", "format": "date-time"}
# Sets are left out: the converter writes them as sets, which json.dumps refuses.
_ARRAYS = frozenset({list})
_ARRAY_NAMES = frozenset({"Sequence", "MutableSequence"})


def json_schema(cls: type) -> dict[str, Any]:
    """The JSON Schema of the document ``to_json`` writes for a ``cls``.

    Fields without a default are required, no other key is allowed, nested classes are
    ``$defs`` reached by ``$ref``, and ``schema_version`` is the version this library
    writes. Rule sets' rules are one of the kinds registered when this is called.

    Raises:
        IctCompetenceError: ``cls`` is not an attrs class, or a field has a type the
            converter does not write as JSON; the message names the field.

    >>> from ict_competence.text import LocalizedText
    >>> schema = json_schema(LocalizedText)
    >>> schema["$id"]
    'https://ict-competence.invalid/schemas/v2/LocalizedText.schema.json'
    >>> schema["required"], schema["properties"]["en"]
    (['schema_version', 'nl'], {'type': 'string', 'default': ''})
    """
    given: object = cls
    if not (isinstance(given, type) and attrs.has(given)):
        raise IctCompetenceError(
            f"json_schema describes an attrs class (what to_json writes), not {cls!r}"
        )
    builder = _Builder()
    body = builder.object_schema(cls)
    version = {
        "description": "The version of the file format; this schema describes this one.",
        "type": "integer",
        "const": SCHEMA_VERSION,
    }
    schema: dict[str, Any] = {
        "$schema": DIALECT,
        "$id": ID_TEMPLATE.format(version=SCHEMA_VERSION, name=cls.__name__),
        **body,
        "properties": {"schema_version": version, **body["properties"]},
        "required": ["schema_version", *body["required"]],
    }
    if builder.defs:
        schema["$defs"] = dict(sorted(builder.defs.items()))
    return schema


def _summary(obj: object) -> dict[str, str]:
    doc = inspect.getdoc(obj)
    lines = doc.strip().splitlines() if doc else []
    return {"description": lines[0]} if lines else {}


def _kinds_for(type_: object) -> Kinds | None:
    """The registry the converter reads ``type_`` through, if it is read by kind."""
    if not isinstance(type_, type):
        return None
    try:
        hook = _CONVERTER.get_structure_hook(type_)
    except StructureHandlerNotFoundError:
        return None
    # register_kinds installs the registry's bound method as the structure hook.
    owner = getattr(hook, "__self__", None)
    return owner if isinstance(owner, Kinds) else None


def _json_value(value: object, where: str) -> object:
    if isinstance(value, float) and not math.isfinite(value):
        pass  # json.dumps would write NaN or Infinity, which is not JSON
    elif isinstance(value, str | int | float | bool) or value is None:
        return value
    raise IctCompetenceError(f"{where}: {value!r} is not a JSON value, so it has no schema")


class _Builder:
    """Walks the fields of classes as the converter does, collecting their ``$defs``."""

    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}
        self._names: dict[object, str] = {}

    def _name(self, owner: object, short: str) -> tuple[str, bool]:
        """The ``$defs`` name of ``owner`` and whether it is new; a name taken gets a module."""
        if owner in self._names:
            return self._names[owner], False
        taken = set(self._names.values())
        name = short
        if name in taken:
            # The public path: ict_competence.dialogue._record.Action is dialogue.Action.
            module = getattr(owner, "__module__", "").removeprefix("ict_competence.")
            public = [part for part in module.split(".") if not part.startswith("_")]
            name = ".".join([*public, short])
        base, number = name, 2
        while name in taken:
            name, number = f"{base}{number}", number + 1
        self._names[owner] = name
        return name, True

    def object_schema(self, cls: type) -> dict[str, Any]:
        """The schema of an attrs class's fields: the ones ``__init__`` takes."""
        try:
            attrs.resolve_types(cls)
        except NameError as exc:
            message = f"{cls.__qualname__}: a field's type is unknown ({exc})"
            raise IctCompetenceError(message) from None
        properties: dict[str, Any] = {}
        required: list[str] = []
        for field in attrs.fields(cls):
            if not field.init:  # cattrs neither writes nor reads these
                continue
            where = f"{cls.__qualname__}.{field.name}"
            # An attribute without a type is read as it is, like Any.
            schema = self.schema(Any if field.type is None else field.type, where)
            if field.default is attrs.NOTHING:
                required.append(field.name)
            elif not isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
                schema = {**schema, "default": self._default(field.default, where)}
            properties[field.name] = schema
        return {
            "title": cls.__name__,
            **_summary(cls),
            "type": "object",
            "properties": properties,
            "required": required,
            "additionalProperties": False,  # the converter forbids extra keys
        }

    def _default(self, value: object, where: str) -> object:
        data = _CONVERTER.unstructure(value)
        if isinstance(data, list | tuple):
            return [_json_value(item, where) for item in data]
        return _json_value(data, where)

    def schema(self, type_: Any, where: str) -> dict[str, Any]:  # noqa: ANN401 - any annotation
        """The schema of a value of ``type_`` as the converter reads it."""
        origin = get_origin(type_)
        if origin is None:
            return self._plain(type_, where)
        if origin is Literal:
            return {"enum": [_json_value(value, where) for value in get_args(type_)]}
        if origin is Union or origin is types.UnionType:
            return self._union(type_, where)
        if origin is tuple:
            return self._tuple(get_args(type_), where)
        if _is_array(origin):
            (item,) = get_args(type_)
            return {"type": "array", "items": self.schema(item, f"{where}[*]")}
        if isinstance(origin, type) and issubclass(origin, Mapping):
            return self._mapping(get_args(type_), where)
        raise IctCompetenceError(f"{where}: json_schema cannot describe {type_!r}")

    def _plain(self, type_: object, where: str) -> dict[str, Any]:
        """The schema of a type without parameters: a class, an enum, a value, a protocol."""
        if type_ in _PLAIN:
            return dict(_PLAIN[type_])
        if isinstance(type_, type) and attrs.has(type_):
            return {"$ref": f"#/$defs/{self._define(type_)}"}
        if isinstance(type_, type) and issubclass(type_, enum.Enum):
            return {"$ref": f"#/$defs/{self._define_enum(type_, where)}"}
        if isinstance(type_, type) and issubclass(type_, datetime):
            return dict(_DATE_TIME)
        kinds = _kinds_for(type_)
        if kinds is not None:
            return {"$ref": f"#/$defs/{self._define_kinds(kinds, where)}"}
        raise IctCompetenceError(f"{where}: json_schema cannot describe {type_!r}")

    def _define(self, cls: type) -> str:
        name, new = self._name(cls, cls.__name__)
        if new:
            self.defs[name] = {}  # taken before the walk, so a class may hold itself
            self.defs[name] = self.object_schema(cls)
        return name

    def _define_enum(self, cls: type[enum.Enum], where: str) -> str:
        name, new = self._name(cls, cls.__name__)
        if new:
            values = [_json_value(member.value, where) for member in cls]
            self.defs[name] = {"title": cls.__name__, **_summary(cls), "enum": values}
        return name

    def _define_kinds(self, kinds: Kinds, where: str) -> str:
        base = kinds.base
        name, new = self._name(base, base.__name__)
        if new:
            self.defs[name] = {}
            variants = [self._variant(kind, kinds, where) for kind in kinds.kinds]
            self.defs[name] = {
                "title": base.__name__,
                "description": f"One {kinds.label}, written with its kind as 'kind'.",
                # An empty oneOf is not a schema; with no kind registered nothing is read.
                **({"oneOf": variants} if variants else {"not": {}}),
            }
        return name

    def _variant(self, kind: str, kinds: Kinds, where: str) -> dict[str, Any]:
        cls = kinds.class_of(kind)
        assert cls is not None  # noqa: S101 - a kind listed by the registry has a class
        body = self.object_schema(cls)
        return {
            **body,
            "properties": {"kind": {"const": kind}, **body["properties"]},
            "required": ["kind", *body["required"]],
        }

    def _union(self, type_: Any, where: str) -> dict[str, Any]:  # noqa: ANN401 - a union
        members = get_args(type_)
        if is_scalar_union(type_):  # text or numbers, read as JSON gives them
            return {"type": [_PLAIN[member]["type"] for member in members]}
        present = [member for member in members if member is not type(None)]
        nullable = len(present) < len(members)
        if len(present) > 1 and not all(isinstance(m, type) and attrs.has(m) for m in present):
            # The converter is not configured for unions of plain values: it cannot read them.
            raise IctCompetenceError(f"{where}: json_schema cannot describe a union of {members}")
        schemas = [self.schema(member, where) for member in present]
        if nullable and len(schemas) == 1 and set(schemas[0]) == {"type"}:
            return {"type": [schemas[0]["type"], "null"]}
        if nullable:
            schemas.append({"type": "null"})
        return schemas[0] if len(schemas) == 1 else {"anyOf": schemas}

    def _tuple(self, args: tuple[Any, ...], where: str) -> dict[str, Any]:
        if not args or (len(args) == 2 and args[1] is Ellipsis):
            item = args[0] if args else Any
            return {"type": "array", "items": self.schema(item, f"{where}[*]")}
        if args == ((),):
            return {"type": "array", "maxItems": 0}
        # A fixed tuple is read item by item and refused when its length differs.
        return {
            "type": "array",
            "prefixItems": [self.schema(arg, f"{where}[{i}]") for i, arg in enumerate(args)],
            "minItems": len(args),
            "maxItems": len(args),
            "items": False,
        }

    def _mapping(self, args: tuple[Any, ...], where: str) -> dict[str, Any]:
        key, value = args
        schema: dict[str, Any] = {
            "type": "object",
            "additionalProperties": self.schema(value, f"{where}[*]"),
        }
        if key in (str, Any):
            return schema
        # A JSON key is text; the converter reads it as the key type, so only text works.
        text_enum = isinstance(key, type) and issubclass(key, enum.Enum)
        if not (text_enum and all(isinstance(member.value, str) for member in key)):
            raise IctCompetenceError(
                f"{where}: keys of {key!r} cannot be read back from JSON, whose keys are text"
            )
        return {**schema, "propertyNames": self.schema(key, f"{where} (keys)")}


def _is_array(origin: object) -> bool:
    if origin in _ARRAYS:
        return True
    return getattr(origin, "__module__", "") == "collections.abc" and (
        getattr(origin, "__name__", "") in _ARRAY_NAMES
    )
