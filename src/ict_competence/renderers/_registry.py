"""The renderer protocol and registry; third-party renderers arrive through entry points."""

from __future__ import annotations

import warnings
from functools import cache
from typing import Protocol, runtime_checkable

from ict_competence.errors import IctCompetenceError

__all__ = ["Renderer", "available_formats", "get", "register", "render"]

ENTRY_POINT_GROUP = "ict_competence.renderers"


@runtime_checkable
class Renderer(Protocol):
    """Something that turns a domain object into text of one format.

    Attributes:
        name: the format's name, as passed to :func:`render` (``"markdown"``).
        media_type: its media type (``"text/markdown"``).
    """

    name: str
    media_type: str

    def render(self, obj: object, **options: object) -> str:
        """Render ``obj``; raise :class:`IctCompetenceError` for objects it cannot render."""
        ...


_REGISTRY: dict[str, Renderer] = {}


def register(renderer: Renderer, *, replace: bool = False) -> Renderer:
    """Make ``renderer`` available under its name; refuse to shadow one unless ``replace``."""
    _load_builtin_and_plugins()
    if not replace and renderer.name in _REGISTRY:
        raise IctCompetenceError(f"a renderer named {renderer.name!r} is already registered")
    _REGISTRY[renderer.name] = renderer
    return renderer


@cache
def _load_builtin_and_plugins() -> None:
    from importlib.metadata import entry_points  # noqa: PLC0415 - slow; only when rendering

    from ict_competence.renderers import _case, _html, _json, _markdown  # noqa: PLC0415 - jinja2 only when used

    for renderer in (
        _markdown.MarkdownRenderer(),
        _json.JsonRenderer(),
        _html.HtmlRenderer(),
        _case.CaseRenderer(),
    ):
        _REGISTRY.setdefault(renderer.name, renderer)
    for point in entry_points(group=ENTRY_POINT_GROUP):
        # One broken plugin must not take the built-in formats down with it.
        try:
            plugin = point.load()
            candidate = plugin() if isinstance(plugin, type) else plugin
        except Exception as exc:  # a plugin may fail in any way
            warnings.warn(
                f"renderer plugin {point.name!r} could not be loaded: {exc}",
                RuntimeWarning,
                stacklevel=2,
            )
            continue
        if not isinstance(candidate, Renderer):
            warnings.warn(
                f"entry point {point.name!r} in {ENTRY_POINT_GROUP} is not a Renderer; skipped",
                RuntimeWarning,
                stacklevel=2,
            )
            continue
        _REGISTRY.setdefault(candidate.name, candidate)


def available_formats() -> tuple[str, ...]:
    """The names of every registered format, sorted.

    >>> available_formats()
    ('case', 'html', 'json', 'markdown')
    """
    _load_builtin_and_plugins()
    return tuple(sorted(_REGISTRY))


def get(name: str) -> Renderer:
    """The renderer for format ``name``; an unknown name lists the known ones."""
    _load_builtin_and_plugins()
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY))
        raise IctCompetenceError(f"no renderer for format {name!r}; known: {known}") from None


def render(obj: object, format: str, **options: object) -> str:
    """Render ``obj`` in ``format`` (see :func:`available_formats`).

    >>> from ict_competence import load_catalog
    >>> print(render(load_catalog(), "markdown").splitlines()[0])
    # Takenoverzicht ICT-coördinatie
    """
    return get(format).render(obj, **options)
