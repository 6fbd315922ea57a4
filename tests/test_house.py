"""The house's size limits (docs/architecture.md), measured by benchmarks/house.py."""

import importlib.util
from pathlib import Path

_SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "house.py"


def _house():
    spec = importlib.util.spec_from_file_location("house", _SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_no_module_is_over_five_hundred_lines():
    assert _house().long_modules() == []


def test_no_function_is_over_sixty_lines():
    assert _house().long_functions() == []


def test_the_measures_see_every_module_of_the_package():
    house = _house()

    names = {path.name for path in house.modules()}

    assert {"__init__.py", "errors.py", "serialize.py", "_model.py"} <= names
