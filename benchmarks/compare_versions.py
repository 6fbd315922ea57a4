"""The allocation heuristic of this tree against an earlier commit's, side by side in one run.

A shared machine's speed drifts between runs, so the two versions are timed alternately,
instance by instance, each in a fresh subprocess that imports its own copy of the
package (extracted with ``git archive``: the new one from ``--new``, HEAD by default,
so that uncommitted edits elsewhere in the tree do not get in the way; ``--new
worktree`` takes ``src/`` as it is); which version goes first alternates from seed to
seed. Reports, per size, how often the assignments are identical, the objective ratio
(new / old) and the median time ratio (new / old).

    python benchmarks/compare_versions.py aa590db school "large school" "12 schools" --seeds 5
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def worker(src: str, size: str, seed: int, light: bool) -> None:
    """Solve one instance with the package under ``src``; print the result as JSON."""
    sys.path.insert(0, src)
    sys.path.insert(1, str(ROOT / "benchmarks"))
    import ict_competence  # noqa: PLC0415 - only after the path points at the version to time
    from allocation import SIZES, make_instance  # noqa: PLC0415
    from ict_competence.allocation import allocate  # noqa: PLC0415

    assert Path(ict_competence.__file__).is_relative_to(src), ict_competence.__file__
    schools, per_school = SIZES[size]
    overview, team = make_instance(1000 * schools + seed, schools, per_school, light=light)
    allocate(overview, team)  # warm up imports and caches, as a long-running tool would
    spent = []
    for _ in range(3 if schools < 12 else 1):
        started = time.perf_counter()
        result = allocate(overview, team)
        spent.append(time.perf_counter() - started)
    assignments = {key: [a.primary, a.backup] for key, a in result.assignments.items()}
    print(
        json.dumps(
            {
                "objective": result.objective,
                "bound": result.bound,
                "seconds": min(spent),
                "assignments": assignments,
            }
        )
    )


def _run(src: Path, size: str, seed: int, light: bool) -> dict[str, object]:
    command = [sys.executable, __file__, "--worker", str(src), size, str(seed)]
    if light:
        command.append("--light")
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    result: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return result


def compare(old: Path, new: Path, sizes: Sequence[str], seeds: int, light: bool) -> None:
    """Print one line per size: identical results, objective and median time ratios."""
    for size in sizes:
        same, ratios, times = 0, [], []
        for seed in range(seeds):
            order = [(old, "old"), (new, "new")]
            if seed % 2:
                order.reverse()
            found = {name: _run(src, size, seed, light) for src, name in order}
            same += found["old"]["assignments"] == found["new"]["assignments"]
            ratios.append(float(found["new"]["objective"]) / float(found["old"]["objective"]))  # type: ignore[arg-type]
            times.append(float(found["new"]["seconds"]) / float(found["old"]["seconds"]))  # type: ignore[arg-type]
        print(
            f"| {size} | {seeds} | {same}/{seeds} | {min(ratios):.6f} / {max(ratios):.6f} | "
            f"{statistics.median(times):.3f} ({min(times):.2f}–{max(times):.2f}) |",
            flush=True,
        )


def _extract(commit: str, into: Path) -> Path:
    """The package's sources at ``commit``, extracted under ``into``; returns their src/."""
    into.mkdir(parents=True)
    # git and tar from the PATH, as a developer runs them, with our own arguments.
    git = ["git", "-C", str(ROOT), "archive", commit, "src/ict_competence"]
    archive = subprocess.run(git, capture_output=True, check=True)
    tar = ["tar", "-x", "-C", str(into)]
    subprocess.run(tar, input=archive.stdout, check=True)
    return into / "src"


def main(argv: Sequence[str] | None = None) -> int:
    """Extract the earlier version and compare, or be a worker."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("base", help="the earlier commit (or, with --worker, a src path)")
    parser.add_argument("sizes", nargs="*", default=["school", "large school", "12 schools"])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--light", action="store_true", help="the light regime")
    parser.add_argument("--new", default="HEAD", help="the newer commit, or 'worktree'")
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.base, args.sizes[0], int(args.sizes[1]), args.light)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        old = _extract(args.base, Path(tmp) / "old")
        new = ROOT / "src" if args.new == "worktree" else _extract(args.new, Path(tmp) / "new")
        regime = "light" if args.light else "overloaded"
        print(f"# {args.new} against {args.base}, {regime} regime\n")
        print(
            "| size | seeds | identical | objective new/old: min / max "
            "| time new/old: median (range) |"
        )
        print("|---|---|---|---|---|")
        compare(old, new, args.sizes, args.seeds, args.light)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
