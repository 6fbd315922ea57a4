"""The house's size limits (docs/architecture.md), measured by benchmarks/house.py."""

from tests.repo_scripts import load


def _house():
    return load("benchmarks/house.py")


def test_no_module_is_over_five_hundred_lines():
    assert _house().long_modules() == []


def test_no_function_is_over_sixty_lines():
    assert _house().long_functions() == []


def test_the_measures_see_every_module_of_the_package():
    house = _house()

    names = {path.name for path in house.modules()}

    assert {"__init__.py", "errors.py", "serialize.py", "_model.py"} <= names
