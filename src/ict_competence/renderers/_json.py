"""The JSON renderer: the same text as :func:`ict_competence.to_json`."""

from __future__ import annotations

from ict_competence.errors import IctCompetenceError
from ict_competence.serialize import to_json


class JsonRenderer:
    """Renders any domain object as versioned JSON."""

    name = "json"
    media_type = "application/json"

    def render(self, obj: object, **options: object) -> str:
        """The object's JSON; ``indent`` (int or None) is the one option."""
        indent = options.pop("indent", 2)
        if options or not (indent is None or isinstance(indent, int)):
            raise IctCompetenceError(f"the json renderer takes only indent, got {options!r}")
        try:
            return to_json(obj, indent=indent)
        except TypeError as exc:
            raise IctCompetenceError(str(exc)) from None
