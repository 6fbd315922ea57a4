"""What every rendering command does, in one order: check, make, render, write.

``catalog``, ``guide``, ``plan evaluate --format`` and ``render`` all check ``--out``
before any work, check that the format renders the object and takes the options given,
refuse to print personal data without ``--names``, render, and write the result where it
goes (with the mode the object's kind asks for).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from ict_competence.cli._common import refuse_existing, write_output
from ict_competence.cli._files import kind_name
from ict_competence.cli._personal import output_mode, refuse_printing
from ict_competence.errors import IctCompetenceError, RenderError

__all__ = ["emit"]


def _declared(renderer: object) -> frozenset[str] | None:
    """The names of the options a renderer declares (``options``), or ``None`` if it does not."""
    options = getattr(renderer, "options", None)
    if not isinstance(options, tuple):
        return None
    return frozenset(str(getattr(option, "name", option)) for option in options)


def _options(renderer: object, fmt: str, args: argparse.Namespace) -> dict[str, object]:
    """The renderer's options from ``--language`` and ``--names``.

    ``--names`` is passed to a format that shows people by name on request; to any other
    (``json`` writes the file as it is) it only allows the printing of personal data.

    Raises:
        IctCompetenceError: the format declares its options and ``language`` is not one.
    """
    takes = _declared(renderer)
    options: dict[str, object] = {}
    if args.language is not None:
        if takes is not None and "language" not in takes:
            raise IctCompetenceError(f"--language does not apply to --format {fmt}")
        options["language"] = args.language
    if getattr(args, "names", False) and takes is not None and "names" in takes:
        options["names"] = True
    return options


def _check_renders(renderer: object, fmt: str, obj: object) -> None:
    """Refuse an object the format says it does not render, naming the formats that do."""
    from ict_competence.renderers import available_formats, get_renderer  # noqa: PLC0415

    name = type(obj).__name__
    renders = getattr(renderer, "renders", None)
    if not isinstance(renders, tuple) or name in renders:
        return
    able = [f for f in available_formats() if name in (getattr(get_renderer(f), "renders", ()))]
    raise IctCompetenceError(
        f"--format {fmt} cannot render {kind_name(obj)}; the formats that can: {', '.join(able)}"
    )


def _render(obj: object, fmt: str, options: dict[str, object]) -> str | bytes:
    """``render(obj, fmt, **options)``; a format that takes no ``--language`` is said so."""
    from ict_competence.renderers import render  # noqa: PLC0415 - jinja2 only when rendering

    try:
        return render(obj, fmt, **options)
    except RenderError:
        if "language" not in options:
            raise
        # A format that does not declare its options (json, a plugin's) refused one: if it
        # renders without --language, that was what it refused.
        try:
            render(obj, fmt, **{k: v for k, v in options.items() if k != "language"})
        except IctCompetenceError:
            pass
        else:
            raise IctCompetenceError(f"--language does not apply to --format {fmt}") from None
        raise


def emit(args: argparse.Namespace, make: Callable[[], object], *, fmt: str, what: str) -> int:
    """Render what ``make`` gives in ``fmt``, to stdout or to ``args.out``; return status 0.

    Args:
        args: the command's arguments: ``out``, ``force``, ``language`` and, where the
            command has it, ``names``.
        make: reads or builds the object, once the format and ``--out`` are checked.
        fmt: the format's name.
        what: the object's name for messages: the file it was read from, or
            ``the catalog``.

    Raises:
        IctCompetenceError: ``--out`` exists without ``--force``, the format is unknown or
            does not render the object or take ``--language``, the object holds personal
            data and neither ``--names`` nor ``--out`` was given, or the renderer refuses.
    """
    from ict_competence.renderers import get_renderer  # noqa: PLC0415 - loads the registry

    if args.out is not None:
        refuse_existing(args.out, args.force)
    renderer = get_renderer(fmt)
    options = _options(renderer, fmt, args)
    obj = make()
    _check_renders(renderer, fmt, obj)
    names = bool(getattr(args, "names", False))
    if args.out is None:
        refuse_printing(type(obj), what, names)
    result = _render(obj, fmt, options)
    write_output(result, args.out, what=f"{what} as {fmt}", mode=output_mode(type(obj), names))
    return 0
