"""Sphinx configuration for the ict_competence documentation."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import ict_competence

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

project = "ict_competence"
author = "The ict_competence developers"
copyright = "2026, the ict_competence developers"
release = ict_competence.__version__
version = release

extensions = [
    "myst_nb",  # MyST (it includes myst-parser) and the notebooks in examples/
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
]
# A .md page is plain MyST unless its front matter names a kernel (a text notebook).
source_suffix = {".md": "myst-nb", ".rst": "restructuredtext"}
myst_enable_extensions = ["colon_fence", "deflist"]
myst_fence_as_directive = ["mermaid"]
exclude_patterns = ["_build"]

# Notebooks run in every build, each in an empty temporary folder, and a cell that fails
# fails the build (``sphinx-build -T`` prints the cell and its error).
nb_execution_mode = "force"
nb_execution_in_temp = True
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_execution_timeout = 120  # seconds per cell
# nbclient says at INFO level that it starts a kernel; a quiet build stays quiet.
logging.getLogger("traitlets").setLevel(logging.WARNING)

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": False}
napoleon_google_docstring = True
napoleon_numpy_docstring = False
nitpicky = False


html_theme = "furo"
html_title = "ict_competence"


def _examples_always_run(
    _app: Sphinx, env: BuildEnvironment, _added: set[str], _changed: set[str], _removed: set[str]
) -> list[str]:
    """Read the notebooks again in every build, so an incremental build runs them too.

    Sphinx reads only the pages that changed; a notebook whose text did not change can
    still break when the library does.
    """
    return sorted(name for name in env.found_docs if name.startswith("examples/"))


def setup(app: Sphinx) -> None:
    """Hook the notebooks' re-reading into the build."""
    app.connect("env-get-outdated", _examples_always_run)
