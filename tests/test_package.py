import importlib
import subprocess
import sys

import pytest

import ict_competence


def test_importing_the_package_loads_no_heavy_dependency_and_no_lazy_subpackage():
    lazy = (
        "openpyxl",
        "jinja2",
        "highspy",
        "ict_competence.flow",
        "ict_competence.dialogue",
        "ict_competence.allocation",
    )
    code = f"import sys, ict_competence; print(sorted(m for m in {lazy!r} if m in sys.modules))"

    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )

    assert result.stdout.strip() == "[]"


def test_the_public_names_are_sorted_and_all_exist():
    names = ict_competence.__all__

    assert list(names) == sorted(names)
    assert all(hasattr(ict_competence, name) for name in names)


def test_lazy_names_resolve_to_their_subpackages_objects():
    from ict_competence import dialogue, flow

    renderers = importlib.import_module("ict_competence.render")

    assert ict_competence.load_roadmap is flow.load_roadmap
    assert ict_competence.DialogueRecord is dialogue.DialogueRecord
    assert ict_competence.render is renderers.render
    assert "RoadmapSession" in dir(ict_competence)


def test_an_unknown_attribute_is_an_attribute_error():
    with pytest.raises(AttributeError, match="has no attribute 'nothing_here'"):
        _ = ict_competence.nothing_here


def test_the_package_is_typed():
    from importlib.resources import files

    assert files("ict_competence").joinpath("py.typed").is_file()
