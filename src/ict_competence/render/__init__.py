"""Renderers: domain objects as Markdown, HTML, JSON or CASE, through an extensible registry."""

from ict_competence.render._registry import (
    Renderer,
    available_formats,
    get,
    register,
    render,
)

__all__ = ["Renderer", "available_formats", "get", "register", "render"]
