import ast
import importlib
import importlib.util
import inspect
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

import ict_competence
from tests.repo_scripts import load


def _surface_script():
    return load("scripts/public_surface.py")


_SURFACE = _surface_script()
#: The modules whose ``__all__`` together make the top level's public names.
SOURCES = _SURFACE.SOURCES


def union_of_the_sources() -> dict[str, object]:
    """Every name of the sources' ``__all__`` -> its object; a name meaning two things fails."""
    found: dict[str, object] = {}
    for source in SOURCES:
        module = importlib.import_module(f"ict_competence.{source}")
        assert list(module.__all__) == sorted(module.__all__, key=_SURFACE.ruff_order), source
        for name in module.__all__:
            value = getattr(module, name)
            assert found.get(name, value) is value, f"{name!r} means two things; {source} clashes"
            found[name] = value
    return found


def type_checking_imports() -> dict[str, str]:
    """Name -> module of the imports in the top level's ``if TYPE_CHECKING:`` block."""
    tree = ast.parse(inspect.getsource(ict_competence))
    blocks = [
        node
        for node in tree.body
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"
    ]
    assert len(blocks) == 1
    imports: dict[str, str] = {}
    for node in blocks[0].body:
        assert isinstance(node, ast.ImportFrom)
        for alias in node.names:
            assert alias.asname in (None, alias.name), "a public name is not renamed"
            assert alias.name not in imports, f"{alias.name!r} is imported twice"
            imports[alias.name] = str(node.module).removeprefix("ict_competence.")
    return imports


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


def test_the_top_level_exports_exactly_the_union_of_the_packages_public_names():
    union = union_of_the_sources()

    exported = set(ict_competence.__all__) - {"__version__"}

    assert exported == set(union)
    assert all(getattr(ict_competence, name) is value for name, value in union.items())


def test_the_export_table_and_the_type_checking_imports_list_the_same_names_and_modules():
    union = union_of_the_sources()
    table = ict_competence._EXPORTS

    assert set(table) == set(union)
    assert type_checking_imports() == table
    for name, source in table.items():
        assert name in importlib.import_module(f"ict_competence.{source}").__all__


def test_the_generated_surface_is_current():
    script = _surface_script()

    text = script.INIT.read_text(encoding="utf-8")

    assert script.updated(text) == text, "run: python scripts/public_surface.py"


def test_every_package_face_only_imports_and_declares_a_sorted_all():
    for package in ("catalog", "flow", "dialogue", "allocation", "xlsx", "plan", "renderers"):
        tree = ast.parse(inspect.getsource(importlib.import_module(f"ict_competence.{package}")))

        kinds = {type(node).__name__ for node in tree.body[1:]}

        assert ast.get_docstring(tree), package
        assert kinds <= {"ImportFrom", "Import", "Assign"}, (package, kinds)
        last = [node for node in tree.body if isinstance(node, ast.Assign)][-1]
        assert ast.unparse(last.targets[0]) == "__all__", package


def test_lazy_names_resolve_to_their_subpackages_objects():
    from ict_competence import dialogue, flow

    renderers = importlib.import_module("ict_competence.renderers")

    assert ict_competence.load_roadmap is flow.load_roadmap
    assert ict_competence.DialogueRecord is dialogue.DialogueRecord
    assert ict_competence.render is renderers.render
    assert "RoadmapSession" in dir(ict_competence)


def test_the_renderers_subpackage_is_not_hidden_by_the_render_function():
    import ict_competence.renderers

    assert callable(ict_competence.render)
    assert ict_competence.renderers.register_renderer is ict_competence.register_renderer
    assert ict_competence.renderers.render is ict_competence.render


def test_an_unknown_attribute_is_an_attribute_error():
    with pytest.raises(AttributeError, match="has no attribute 'nothing_here'"):
        _ = ict_competence.nothing_here


def test_the_package_is_typed():
    from importlib.resources import files

    assert files("ict_competence").joinpath("py.typed").is_file()


def test_every_repr_is_short_and_shows_no_level_or_motivation():
    from ict_competence.plan import SchoolPlan

    plan = SchoolPlan.load(Path(__file__).parent / "plan" / "data" / "plan-schema-1.json")
    named = [attrs.evolve(person, name=f"Naam {person.id}") for person in plan.team.people]
    plan = attrs.evolve(plan, team=attrs.evolve(plan.team, people=tuple(named)))
    assert plan.allocation is not None
    guide = ict_competence.conversation_guide("schoolleider")
    held = (
        ict_competence.load_catalog(),
        ict_competence.load_dialogue(),
        ict_competence.load_roadmap(),
        guide,
        ict_competence.DialogueRecord.for_guide(guide),
        plan,
        plan.overview,
        plan.team,
        *plan.team.people,
        plan.allocation,
        plan.roadmap,
        plan.evaluate(),
        plan.action_plan(),
        plan.allocation.raci(),
        ict_competence.AllocationJob(plan.overview, plan.team),
        *plan.allocation.instances,
        *plan.allocation.profiles().values(),
    )
    explanations = [plan.allocation.explain(info.key) for info in plan.allocation.instances]
    most = max(explanations, key=lambda explanation: len(explanation.alternatives))
    assert most.alternatives
    chosen = [explanation.chosen for explanation in explanations if explanation.chosen]
    held += (*explanations, *most.alternatives, *chosen)

    for value in held:
        text = repr(value)
        assert len(text) < 300, type(value).__name__
        assert "levels" not in text
        assert "motivation" not in text
        assert "level=" not in text
        assert "Naam " not in text
