"""Run every benchmark in this folder, one after the other."""

from __future__ import annotations

import runpy
from pathlib import Path

if __name__ == "__main__":
    for script in sorted(Path(__file__).parent.glob("*.py")):
        if script.name != "run.py":
            print(f"== {script.name}")
            runpy.run_path(str(script), run_name="__main__")
