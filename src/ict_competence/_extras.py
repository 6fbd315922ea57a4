"""The optional extras: a module imported only when a feature that needs it is used.

``import ict_competence`` stays fast and works without them; the first call that needs
one imports it here, or raises :class:`~ict_competence.errors.MissingExtraError` saying
which extra to install.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from ict_competence.errors import MissingExtraError

__all__ = ["optional_module"]


def optional_module(module: str, *, extra: str, feature: str) -> ModuleType:
    """The module ``module`` of the optional extra ``extra``, imported on first use.

    Raises:
        MissingExtraError: the module is not installed; the message names ``feature`` and
            the ``pip install`` line that adds it.

    >>> optional_module("json", extra="none", feature="this example").__name__
    'json'
    >>> try:
    ...     optional_module("no_such_module_here", extra="demo", feature="f()")
    ... except MissingExtraError as error:
    ...     print(error)
    f() needs the optional extra 'demo': pip install 'ict-competence[demo]'
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtraError(extra, feature) from None
