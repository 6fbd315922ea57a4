"""The house's measures (issue 11): module and function sizes, and repeated code, in ``src/``.

    python benchmarks/house.py

Prints every module over ``MAX_MODULE_LINES`` lines and every function over
``MAX_FUNCTION_LINES``, then the pairs of repeated code the ``duplicates`` tool lists in
``src/`` where that tool is installed. The size limits are also held by the test gate
(``tests/test_house.py``); the count of repeated pairs is reported, not gated, as the tool
is not on every machine.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "ict_competence"
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 60


def modules() -> Iterator[Path]:
    """Every Python module of the package."""
    yield from sorted(SRC.rglob("*.py"))


def long_modules() -> list[tuple[str, int]]:
    """``(module, lines)`` for each module over the limit."""
    found = []
    for path in modules():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_MODULE_LINES:
            found.append((str(path.relative_to(SRC)), lines))
    return found


def long_functions() -> list[tuple[str, int]]:
    """``(module:function, lines)`` for each function or method over the limit.

    A function's lines run from its ``def`` (decorators aside) to its last line, docstring
    included: what a reader has to hold in view.
    """
    found = []
    for path in modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    found.append((f"{path.relative_to(SRC)}:{node.name}", lines))
    return found


def duplicate_pairs() -> str | None:
    """The ``duplicates`` tool's report on ``src/``, or ``None`` where it is not installed."""
    tool = shutil.which("duplicates")
    if tool is None:
        return None
    run = subprocess.run(
        [tool, "--repo", str(SRC.parent), "--most", "40", "--seconds", "60"],
        capture_output=True,
        text=True,
        check=False,
    )
    return run.stdout.strip()


def main() -> int:
    """Print the measures; exit 1 when a size limit is broken."""
    modules_over, functions_over = long_modules(), long_functions()
    print(f"modules over {MAX_MODULE_LINES} lines: {len(modules_over)}")
    for name, lines in modules_over:
        print(f"  {name}: {lines}")
    print(f"functions over {MAX_FUNCTION_LINES} lines: {len(functions_over)}")
    for name, lines in functions_over:
        print(f"  {name}: {lines}")
    report = duplicate_pairs()
    if report is None:
        print("repeated code: the duplicates tool is not installed here")
    else:
        print("repeated code in src/ (duplicates):")
        print("  " + report.replace("\n", "\n  "))
    return 1 if modules_over or functions_over else 0


if __name__ == "__main__":
    sys.exit(main())
