"""Where renderers find their jinja2 templates: a user's folder first, then the packaged ones."""

from __future__ import annotations

from pathlib import Path

import jinja2

__all__ = ["template_loader"]


def template_loader(template_dir: Path | None) -> jinja2.BaseLoader:
    """Templates from ``template_dir`` (if given) override the packaged ones of the same name."""
    loaders: list[jinja2.BaseLoader] = []
    if template_dir is not None:
        loaders.append(jinja2.FileSystemLoader(template_dir))
    loaders.append(jinja2.PackageLoader("ict_competence.renderers", "templates"))
    return jinja2.ChoiceLoader(loaders)
