"""Loading the built-in catalog from its packaged TOML files, once."""

from __future__ import annotations

from functools import cache

from ict_competence.catalog._catalog import Catalog
from ict_competence.catalog._files import read_packaged_entries

__all__ = ["load_catalog"]


@cache
def load_catalog() -> Catalog:
    """The built-in catalog, read from the packaged data once and checked for integrity.

    >>> catalog = load_catalog()
    >>> [task.code for task in catalog.tasks][:3], len(catalog.tasks)
    (['TECH-01', 'TECH-02', 'TECH-03'], 42)
    >>> load_catalog() is catalog
    True
    """
    return Catalog(
        read_packaged_entries("clusters.toml").cluster,
        read_packaged_entries("tasks.toml").task,
        read_packaged_entries("roles.toml").role,
        read_packaged_entries("competences.toml").competence,
    )
