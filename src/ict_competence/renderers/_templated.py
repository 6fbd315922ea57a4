"""The HTML and Markdown renderers: one page per object, from jinja2 templates.

Both read the one table of pages (:data:`~ict_competence.renderers._pages.PAGES`), the one
table of words (``data/words.toml``) and the one option parser. In HTML autoescaping is
always on, so every text a school typed (names, notes, its own tasks) reaches the page as
text and never as markup; in Markdown it goes through
:func:`~ict_competence.renderers._templates.escape_markdown`.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import ClassVar

from ict_competence.renderers._options import LANGUAGE, NAMES, TEMPLATE_DIR, Option, parse_options
from ict_competence.renderers._pages import RENDERS, find_page
from ict_competence.renderers._registry import RenderError, unsupported
from ict_competence.renderers._words import label
from ict_competence.text import Language

__all__ = ["RENDERS", "HtmlRenderer", "MarkdownRenderer"]


def _template_line(exc: BaseException) -> tuple[str, int] | None:
    """The file and line of the innermost template frame of ``exc``'s traceback, if any.

    jinja2 rewrites the traceback of an error in a template so that the template's frames
    carry its file name and line (and ``__jinja_exception__`` among their globals).
    """
    found = None
    tb = exc.__traceback__
    while tb is not None:
        if "__jinja_exception__" in tb.tb_frame.f_globals:
            found = (tb.tb_frame.f_code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def _template_error(name: str, exc: Exception, format_name: str) -> RenderError:
    import jinja2  # noqa: PLC0415 - loaded by the rendering that failed

    if isinstance(exc, jinja2.TemplateSyntaxError):
        where = f"{exc.name or name!r}, line {exc.lineno}"
        return RenderError(f"{format_name} template {where}: {exc.message}")
    where = repr(name)
    frame = _template_line(exc)
    if frame is not None:
        filename, line = frame
        where = f"{Path(filename).name!r}, line {line}"
    return RenderError(f"{format_name} template {where}: {type(exc).__name__}: {exc}")


class _TemplateRenderer:
    """A renderer of the types of :data:`PAGES` through ``<template>.<suffix>.j2`` templates."""

    name: str
    media_type: str
    suffix: ClassVar[str]
    renders: ClassVar[tuple[str, ...]] = RENDERS
    options: ClassVar[tuple[Option, ...]] = (LANGUAGE, TEMPLATE_DIR, NAMES)

    def render(self, obj: object, **options: object) -> str:
        """Render ``obj``.

        Options: ``language`` (``"nl"``, the default, or ``"en"``), ``template_dir`` (a
        folder of templates searched before the built-in ones), ``names`` (``True`` to show
        people by name where the page shows people; by default only their ids, because
        pages get shared and a name is personal data).

        Raises:
            RenderError: an unknown option or value, an object it does not render (the
                error lists the pairs that exist), or a user's template that fails (its
                name and line are given).
        """
        parsed = parse_options(self.name, self.options, options)
        page = find_page(obj)
        if page is None:
            raise unsupported(self.name, obj)
        language: Language = "en" if parsed["language"] == "en" else "nl"
        folder = parsed["template_dir"]
        template_dir = folder if isinstance(folder, Path) else None
        names = parsed["names"] is True
        context = page.context(obj, language, names)
        words = context["naming"]
        name = f"{page.template}.{self.suffix}.j2"
        # jinja2 loads on the first page, not when the registry lists the formats.
        from ict_competence.renderers._templates import environment  # noqa: PLC0415

        try:
            template = environment(template_dir, html=self.suffix == "html").get_template(name)
            return template.render(
                obj=obj,
                language=language,
                names=names,
                label=partial(label, language=language),
                party=words.party,
                task=words.task,
                **{key: value for key, value in context.items() if key != "naming"},
            )
        except Exception as exc:  # a user's template may fail in any way
            raise _template_error(name, exc, self.name) from None


class HtmlRenderer(_TemplateRenderer):
    """Renders every type of the table as one self-contained, printable HTML5 page.

    Each page has its CSS inline (with a print stylesheet), needs no JavaScript and loads
    nothing from elsewhere. Words are Dutch unless ``language="en"``.

    >>> from ict_competence import load_catalog
    >>> page = HtmlRenderer().render(load_catalog(), language="en")
    >>> page.startswith("<!doctype html>"), '<html lang="en">' in page
    (True, True)
    """

    name = "html"
    media_type = "text/html"
    suffix = "html"


class MarkdownRenderer(_TemplateRenderer):
    """Renders every type of the table as a Markdown document (CommonMark with tables).

    >>> from ict_competence import load_catalog
    >>> MarkdownRenderer().render(load_catalog(), language="en").splitlines()[0]
    '# ICT coordination task overview'
    """

    name = "markdown"
    media_type = "text/markdown"
    suffix = "md"
