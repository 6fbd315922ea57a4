"""Renderers: domain objects as Markdown, HTML, JSON, CASE or xlsx, through a registry."""

from ict_competence.errors import RenderError

# Registers each domain type's notebook fragment (its _repr_html_), by name: nothing loads.
from ict_competence.renderers import _fragments  # noqa: F401
from ict_competence.renderers._registry import Renderer, available_formats, render
from ict_competence.renderers._registry import get as get_renderer
from ict_competence.renderers._registry import register as register_renderer

__all__ = [
    "RenderError",
    "Renderer",
    "available_formats",
    "get_renderer",
    "register_renderer",
    "render",
]
