"""The optional extras: a module imported only when a feature that needs it is used.

``import ict_competence`` stays fast and works without them; the first call that needs
one imports it here, or raises :class:`~ict_competence.errors.MissingExtraError` saying
which extra to install.

The records of the data tools live here too: each ``to_records()`` gives plain rows
(:data:`Record`) and each ``to_dataframe()`` makes a ``pandas.DataFrame`` of them through
:func:`dataframe`, the one place that imports pandas.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from types import ModuleType
from typing import Any

from ict_competence.errors import MissingExtraError

__all__ = ["Record", "dataframe", "optional_module"]

#: One row of a ``to_records()`` list: English snake_case keys in a fixed order, each value
#: a str, int, float, bool or ``None``, so that ``json.dumps`` writes it as it is.
Record = dict[str, str | int | float | bool | None]


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


def dataframe(records: Sequence[Record], columns: Sequence[str], *, feature: str) -> Any:  # noqa: ANN401
    """A ``pandas.DataFrame`` of ``records``, with ``columns`` in order (even with no rows).

    The type is ``Any`` because pandas has no type information for mypy (it ships no
    ``py.typed``); the value is a ``pandas.DataFrame``.

    Raises:
        MissingExtraError: pandas is not installed; the message names ``feature`` and the
            ``pip install 'ict-competence[pandas]'`` line.
    """
    pandas = optional_module("pandas", extra="pandas", feature=feature)
    return pandas.DataFrame.from_records(list(records), columns=list(columns))
