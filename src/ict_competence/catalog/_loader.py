"""Loading the catalog: the built-in one from its packaged TOML files (once), plus a user's file."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ict_competence._content import read_packaged
from ict_competence.catalog._catalog import Catalog
from ict_competence.catalog._model import CatalogInfo
from ict_competence.serialize import structure

__all__ = ["load_catalog", "load_catalog_info"]


def load_catalog(path: str | Path | None = None) -> Catalog:
    """The built-in catalog, with a school's own tasks, roles and competences added from ``path``.

    Without ``path``: the built-in catalog, read from the packaged data once and checked
    for integrity. With ``path``: the built-in catalog extended with the file's entries,
    exactly as ``load_catalog().extend(path)`` (see :meth:`Catalog.extend`); add more
    files with further calls of :meth:`Catalog.extend`.

    Raises:
        ContentError: the file cannot be read, or an entry clashes with the catalog.
        SerializationError: an entry of the file does not fit; the error names its path.

    >>> catalog = load_catalog()
    >>> [task.code for task in catalog.tasks][:3], len(catalog.tasks)
    (['TECH-01', 'TECH-02', 'TECH-03'], 42)
    >>> load_catalog() is catalog
    True
    """
    return Catalog._load(path)


@cache
def load_catalog_info() -> CatalogInfo:
    """The built-in content's version, last change and competence headings (``catalog.toml``)."""
    data = read_packaged("ict_competence.catalog", "catalog.toml")
    return structure(data, CatalogInfo, source="catalog/data/catalog.toml")
