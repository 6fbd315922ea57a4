"""The notebook display hook: builders registered by class or by name, found by the type."""

from __future__ import annotations

import sys
import types

import pytest

from ict_competence import _display
from ict_competence._display import html_fragment, register_fragment


@pytest.fixture(autouse=True)
def _registry_restored(monkeypatch):
    """Each test registers on copies: the library's own builders stay as they are."""
    monkeypatch.setattr(_display, "_fragments", dict(_display._fragments))
    monkeypatch.setattr(_display, "_named", dict(_display._named))


class Shown:
    pass


class Special(Shown):
    pass


def test_an_object_of_a_type_nobody_registered_is_a_type_error():
    with pytest.raises(TypeError, match="no notebook fragment is registered for Shown"):
        html_fragment(Shown())


def test_a_builder_serves_its_class_and_every_subclass():
    register_fragment(Shown, lambda obj: f"<p>{type(obj).__name__}</p>")

    assert html_fragment(Shown()) == "<p>Shown</p>"
    assert html_fragment(Special()) == "<p>Special</p>"


def test_a_class_named_before_its_package_is_imported_is_found_once_it_is(monkeypatch):
    register_fragment("notebook_example_package:Thing", lambda obj: "<p>thing</p>")
    package = types.ModuleType("notebook_example_package")

    class Thing:
        pass

    package.Thing = Thing  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        html_fragment(Thing())  # its package is not imported: the name is not resolved
    assert "notebook_example_package:Thing" in _display._named

    monkeypatch.setitem(sys.modules, "notebook_example_package", package)

    assert html_fragment(Thing()) == "<p>thing</p>"
    assert _display._named.get("notebook_example_package:Thing") is None
