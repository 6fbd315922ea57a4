"""Run every benchmark in this folder, one after the other."""

from __future__ import annotations

import runpy
from pathlib import Path

if __name__ == "__main__":
    for script in sorted(Path(__file__).parent.glob("*.py")):
        if script.name not in ("run.py", "tune.py"):  # tune.py compares settings on demand
            print(f"== {script.name}")
            runpy.run_path(str(script), run_name="__main__")
