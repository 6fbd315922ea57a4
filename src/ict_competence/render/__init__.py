"""Renderers: turn catalog objects into Markdown or JSON, through a registry others can extend."""

from ict_competence.render._registry import (
    Renderer,
    available_formats,
    get,
    register,
    render,
)

__all__ = ["Renderer", "available_formats", "get", "register", "render"]
