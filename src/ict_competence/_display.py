"""Notebook display: the hook through which domain objects get their ``_repr_html_``.

The domain cannot import the renderers (they sit above it), yet a notebook user expects
a table or a chart when a catalog, team or allocation is the last value of a cell. So a
domain class's ``_repr_html_`` asks :func:`html_fragment`, which imports
``ict_competence.renderers`` by name the first time (the renderers register a fragment
builder per type with :func:`register_fragment` when they are imported) and calls the
builder registered for the object's type or its nearest base class.

A fragment is a compact piece of HTML (a table or an inline SVG): no ``<script>``, no
``on*`` attribute, every user text escaped. It is for display; :func:`ict_competence.render`
makes whole pages.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

__all__ = ["html_fragment", "register_fragment"]

#: The package whose import registers the fragment builders.
_BUILDERS = "ict_competence.renderers"

_fragments: dict[type[Any], Callable[[Any], str]] = {}


def register_fragment(cls: type[Any], build: Callable[[Any], str]) -> None:
    """Make ``build(obj)`` the notebook fragment of every ``cls`` (and subclass) instance."""
    _fragments[cls] = build


def html_fragment(obj: object) -> str:
    """The notebook fragment of ``obj``: an HTML table or inline SVG.

    Raises:
        TypeError: nothing is registered for ``obj``'s type (a bug, not bad input).
    """
    importlib.import_module(_BUILDERS)
    for cls in type(obj).__mro__:
        build = _fragments.get(cls)
        if build is not None:
            return build(obj)
    raise TypeError(f"no notebook fragment is registered for {type(obj).__name__}")
