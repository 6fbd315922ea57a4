"""The ``ict-competence`` command: the library's tasks from a shell (see docs/cli.md)."""

from ict_competence.cli._main import main

__all__ = ["main"]
