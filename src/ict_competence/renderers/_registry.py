"""The renderer protocol and registry; third-party renderers arrive through entry points."""

from __future__ import annotations

import warnings
from functools import cache
from typing import Literal, Protocol, overload, runtime_checkable

from ict_competence.errors import RenderError

__all__ = [
    "ENTRY_POINT_GROUP",
    "TEXT_FORMATS",
    "RenderError",
    "Renderer",
    "available_formats",
    "get",
    "pairs",
    "register",
    "render",
    "unsupported",
]

ENTRY_POINT_GROUP = "ict_competence.renderers"
#: The built-in formats whose renderings are text; ``xlsx`` gives bytes (a workbook).
TEXT_FORMATS = ("html", "markdown", "json", "case")
TextFormat = Literal["html", "markdown", "json", "case"]
_BYTES_FORMATS = ("xlsx",)


@runtime_checkable
class Renderer(Protocol):
    """Something that turns a domain object into one format: text, or bytes for a file.

    Attributes:
        name: the format's name, as passed to :func:`render` (``"markdown"``).
        media_type: its media type (``"text/markdown"``).

    A renderer may also have ``renders``, the names of the types it renders, which the
    error for a type no format renders lists.
    """

    name: str
    media_type: str

    def render(self, obj: object, **options: object) -> str | bytes:
        """Render ``obj`` as text (``str``), or as the bytes of a file such as a workbook.

        Raise :class:`IctCompetenceError` for objects it cannot render.
        """
        ...


_REGISTRY: dict[str, Renderer] = {}


def _problem(candidate: object) -> str | None:
    """What keeps ``candidate`` from being a renderer, or ``None`` when it is one."""
    name = getattr(candidate, "name", None)
    media_type = getattr(candidate, "media_type", None)
    if not isinstance(name, str) or not name.strip():
        return f"a name (the format, a non-empty str), found {name!r}"
    if not isinstance(media_type, str) or "/" not in media_type:
        return f"a media_type (such as 'text/csv'), found {media_type!r}"
    if not callable(getattr(candidate, "render", None)):
        return "a method render(obj, **options) returning the text or bytes"
    return None


def register(renderer: Renderer, *, replace: bool = False) -> Renderer:
    """Make ``renderer`` available under its name; refuse to shadow one unless ``replace``.

    Raises:
        RenderError: ``renderer`` is no renderer (it needs a ``name``, a ``media_type``
            and a ``render`` method), or its name is taken and ``replace`` is false.
    """
    if not isinstance(replace, bool):
        raise RenderError(f"replace: expected True or False, found {replace!r}")
    problem = _problem(renderer)
    if problem is not None:
        raise RenderError(
            f"{type(renderer).__name__} is no renderer: a renderer needs a name, a media_type "
            f"and a method render(obj, **options); it lacks {problem}"
        )
    _load_builtin_and_plugins()
    if not replace and renderer.name in _REGISTRY:
        raise RenderError(f"a renderer named {renderer.name!r} is already registered")
    _REGISTRY[renderer.name] = renderer
    return renderer


@cache
def _load_builtin_and_plugins() -> None:
    from importlib.metadata import entry_points  # noqa: PLC0415 - slow; only when rendering

    # jinja2 and openpyxl load on the first page or workbook, not with the registry.
    from ict_competence.renderers import _case, _json, _templated, _xlsx  # noqa: PLC0415

    builtin: tuple[Renderer, ...] = (
        _templated.MarkdownRenderer(),
        _json.JsonRenderer(),
        _templated.HtmlRenderer(),
        _case.CaseRenderer(),
        _xlsx.XlsxRenderer(),
    )
    for renderer in builtin:
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
        if _problem(candidate) is not None:
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
    ('case', 'html', 'json', 'markdown', 'xlsx')
    """
    _load_builtin_and_plugins()
    return tuple(sorted(_REGISTRY))


def pairs() -> dict[str, tuple[str, ...]]:
    """Per format, the names of the types it renders (for those that say), sorted.

    >>> pairs()["case"]
    ('Catalog',)
    """
    _load_builtin_and_plugins()
    return {
        name: tuple(sorted(renders))
        for name, renderer in sorted(_REGISTRY.items())
        if isinstance(renders := getattr(renderer, "renders", None), tuple)
    }


def unsupported(format_name: str, obj: object) -> RenderError:
    """The error for an object the format does not render: it lists the pairs there are."""
    listed = "; ".join(f"{name}: {', '.join(types)}" for name, types in pairs().items())
    return RenderError(
        f"the {format_name} renderer does not render {type(obj).__name__}; "
        f"the pairs that exist are {listed}"
    )


def get(name: str) -> Renderer:
    """The renderer for format ``name``; an unknown name lists the known ones."""
    _load_builtin_and_plugins()
    try:
        return _REGISTRY[name]
    except (KeyError, TypeError):  # a name of no hashable type is no name either
        known = ", ".join(sorted(_REGISTRY))
        raise RenderError(f"no renderer for format {name!r}; known: {known}") from None


@overload
def render(obj: object, format: Literal["xlsx"], **options: object) -> bytes: ...
@overload
def render(obj: object, format: TextFormat, **options: object) -> str: ...
@overload
def render(obj: object, format: str, **options: object) -> str | bytes: ...
def render(obj: object, format: str, **options: object) -> str | bytes:
    """Render ``obj`` in ``format`` (see :func:`available_formats`).

    The text formats (``html``, ``markdown``, ``json``, ``case``) give a ``str``; ``xlsx``
    gives the ``bytes`` of a workbook, to write to a file. A format of your own gives
    what its renderer returns.

    A page shows people by their id. A ``Team`` or ``SchoolPlan`` page shows their names,
    and a ``TaskOverview`` page who is responsible and the back-up, only when ``names=True``
    is passed, as pages get shared and a name is personal data.

    Raises:
        RenderError: an unknown format, a type the format does not render (the error
            lists the pairs that exist), or an option it does not take; or a renderer
            that replaced a built-in format returns text where the format gives bytes, or
            the other way round.

    >>> from ict_competence import load_catalog
    >>> print(render(load_catalog(), "markdown").splitlines()[0])
    # Takenoverzicht ICT-coördinatie
    """
    rendered = get(format).render(obj, **options)
    if format in TEXT_FORMATS and not isinstance(rendered, str):
        raise RenderError(f"the {format} renderer returned {type(rendered).__name__}, not text")
    if format in _BYTES_FORMATS and not isinstance(rendered, bytes):
        raise RenderError(f"the {format} renderer returned {type(rendered).__name__}, not bytes")
    return rendered
