import subprocess
import sys

import ict_competence


def test_importing_the_package_loads_neither_openpyxl_nor_jinja2():
    code = (
        "import sys, ict_competence; "
        "print(sorted(m for m in ('openpyxl', 'jinja2', 'highspy') if m in sys.modules))"
    )

    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )

    assert result.stdout.strip() == "[]"


def test_the_public_names_are_sorted_and_all_exist():
    names = ict_competence.__all__

    assert list(names) == sorted(names)
    assert all(hasattr(ict_competence, name) for name in names)


def test_the_package_is_typed():
    from importlib.resources import files

    assert files("ict_competence").joinpath("py.typed").is_file()
