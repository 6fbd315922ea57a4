"""The Markdown renderer: jinja2 templates, a user's template folder searched first."""

from __future__ import annotations

import re
from pathlib import Path

import jinja2

from ict_competence.catalog import Catalog, Cluster, TaskOverview
from ict_competence.errors import IctCompetenceError
from ict_competence.renderers._templates import template_loader

_TEMPLATES = {Catalog: "catalog.md.j2", TaskOverview: "overview.md.j2"}
# Characters that start markup anywhere in a line; user text never begins a line here.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def escape_markdown(text: object) -> str:
    r"""Make user text inert in Markdown: no markup, no HTML, one line (fits a table cell).

    >>> escape_markdown("<b>| =1")
    '\\<b\\>\\| =1'
    """
    flat = " ".join(str(text).split())
    return _SPECIAL.sub(r"\\\1", flat.replace("&", "&amp;"))


def _environment(template_dir: Path | None) -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=template_loader(template_dir),
        undefined=jinja2.StrictUndefined,
        # Markdown, not HTML: every user text goes through the md filter instead.
        autoescape=False,  # noqa: S701
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["md"] = escape_markdown
    return environment


class MarkdownRenderer:
    """Renders the catalog or a task overview as a Markdown document."""

    name = "markdown"
    media_type = "text/markdown"

    def render(self, obj: object, **options: object) -> str:
        """Render ``obj``; options: ``language`` ("nl" or "en"), ``template_dir`` (a folder)."""
        language = options.pop("language", "nl")
        template_dir = options.pop("template_dir", None)
        if options:
            raise IctCompetenceError(f"unknown markdown option(s): {', '.join(sorted(options))}")
        if language not in ("nl", "en"):
            raise IctCompetenceError(f"language must be 'nl' or 'en', found {language!r}")
        if template_dir is not None and not isinstance(template_dir, str | Path):
            raise IctCompetenceError("template_dir must be a folder path")
        name = _TEMPLATES.get(type(obj))
        if name is None and type(obj).__name__ == "Allocation":
            # Looked up by name: the allocation package loads only when it is used.
            from ict_competence.allocation import Allocation  # noqa: PLC0415

            name = "allocation.md.j2" if isinstance(obj, Allocation) else None
        if name is None:
            kinds = ", ".join([*(kind.__name__ for kind in _TEMPLATES), "Allocation"])
            raise IctCompetenceError(
                f"the markdown renderer renders {kinds}, not {type(obj).__name__}"
            )
        environment = _environment(Path(template_dir) if template_dir else None)
        return environment.get_template(name).render(
            obj=obj, language=language, clusters=list(Cluster)
        )
