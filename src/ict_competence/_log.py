"""The library's loggers: ``ict_competence.<package>``, silent until an application listens.

The library logs through :mod:`logging` only, at DEBUG, and never prints. A
:class:`logging.NullHandler` on the ``ict_competence`` logger keeps Python's last-resort
handler from writing anything to stderr when the application configured no logging
(the practice the logging HOWTO recommends for libraries). Every module that logs gets
its logger here, so the handler is in place before the first record.

What is logged are counts, codes, timings, paths and sizes, never a person's name, note,
levels or motivation: see ``docs/privacy.md``.
"""

from __future__ import annotations

import logging

__all__ = ["ROOT", "get_logger"]

#: The name of the library's logger; every other one is ``ict_competence.<package>``.
ROOT = "ict_competence"

logging.getLogger(ROOT).addHandler(logging.NullHandler())


def get_logger(package: str) -> logging.Logger:
    """The logger of one of the library's packages, ``ict_competence.<package>``.

    >>> get_logger("plan").name
    'ict_competence.plan'
    """
    return logging.getLogger(f"{ROOT}.{package}")
