"""Notebook display: the hook through which domain objects get their ``_repr_html_``.

The domain cannot import the renderers (they sit above it), yet a notebook user expects
a table or a chart when a catalog, team or allocation is the last value of a cell. So a
domain class's ``_repr_html_`` asks :func:`html_fragment`, which imports
``ict_competence.renderers`` by name the first time (the renderers register a fragment
builder per type with :func:`register_fragment` when they are imported) and calls the
builder registered for the object's type or its nearest base class.

A builder is registered for a class, or for a class named ``"package:Name"``: the renderers
name the domain's classes rather than import them, so that importing the renderers loads
neither the roadmap, the dialogue, the allocation nor the plan. A named class is looked up
once its package has been imported, which it has by the time one of its objects is shown.

A fragment is a compact piece of HTML (a table or an inline SVG): no ``<script>``, no
``on*`` attribute, every user text escaped. It is for display; :func:`ict_competence.render`
makes whole pages.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from typing import Any

__all__ = ["html_fragment", "register_fragment"]

#: The package whose import registers the fragment builders.
_BUILDERS = "ict_competence.renderers"

_fragments: dict[type[Any], Callable[[Any], str]] = {}
#: Builders of classes named ``"package:Name"`` whose package was not imported yet.
_named: dict[str, Callable[[Any], str]] = {}


def register_fragment(cls: type[Any] | str, build: Callable[[Any], str]) -> None:
    """Make ``build(obj)`` the notebook fragment of every ``cls`` (and subclass) instance.

    ``cls`` is a class, or its name as ``"package:Name"`` (``"ict_competence.plan:SchoolPlan"``),
    which registers it without importing the package.
    """
    if isinstance(cls, str):
        _named[cls] = build
    else:
        _fragments[cls] = build


def _resolve_named() -> None:
    """Turn each named class whose package is imported into the class itself."""
    for name in list(_named):
        package, _, type_name = name.partition(":")
        module = sys.modules.get(package)
        found = getattr(module, type_name, None) if module is not None else None
        if isinstance(found, type):
            _fragments[found] = _named.pop(name)


def html_fragment(obj: object) -> str:
    """The notebook fragment of ``obj``: an HTML table or inline SVG.

    Raises:
        TypeError: nothing is registered for ``obj``'s type (a bug, not bad input).
    """
    importlib.import_module(_BUILDERS)
    if _named:
        _resolve_named()
    for cls in type(obj).__mro__:
        build = _fragments.get(cls)
        if build is not None:
            return build(obj)
    raise TypeError(f"no notebook fragment is registered for {type(obj).__name__}")
