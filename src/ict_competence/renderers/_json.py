"""The JSON renderer: the same text as :func:`ict_competence.to_json`."""

from __future__ import annotations

from ict_competence.errors import FieldError
from ict_competence.renderers._options import INDENT, parse_options
from ict_competence.renderers._pages import RENDERS, find_page
from ict_competence.renderers._registry import unsupported
from ict_competence.serialize import to_json


class JsonRenderer:
    """Renders every type of the pages' table, and any other value ``to_json`` writes.

    >>> from ict_competence import load_catalog
    >>> from ict_competence import to_json
    >>> overview = load_catalog().overview()
    >>> JsonRenderer().render(overview, indent=None) == to_json(overview, indent=None)
    True
    """

    name = "json"
    media_type = "application/json"
    renders = RENDERS

    def render(self, obj: object, **options: object) -> str:
        """The object's JSON; ``indent`` (an int, or ``None`` for one line) is the one option.

        Raises:
            RenderError: an unknown option or indent, or an object ``to_json`` cannot write
                (the error lists the pairs that exist).
            SerializationError: the object holds NaN or an infinity (JSON has no such
                numbers); the error names the ``$.path``.
        """
        indent = parse_options(self.name, (INDENT,), options)["indent"]
        assert indent is None or isinstance(indent, int)  # noqa: S101 - the parser checked
        if find_page(obj) is not None:
            # A type of the table always writes: an error here is a bug, and must show.
            return to_json(obj, indent=indent)
        try:
            return to_json(obj, indent=indent)
        except FieldError:  # no object with fields (the indent the parser checked)
            raise unsupported(self.name, obj) from None
