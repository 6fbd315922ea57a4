"""Write the JSON Schemas of the files the library exchanges to ``docs/schemas``.

    python scripts/json_schemas.py          # rewrite docs/schemas/<Class>.schema.json
    python scripts/json_schemas.py --check  # exit 1 if one is missing or not current

Run in a process of its own, so that only the built-in rule kinds are in the schemas;
``tests/test_schema.py`` runs ``--check``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ict_competence import (
    Allocation,
    DialogueRecord,
    RoadmapSession,
    SchoolPlan,
    TaskOverview,
    Team,
    json_schema,
)

FOLDER = Path(__file__).resolve().parent.parent / "docs" / "schemas"

#: Every type a file holds: what ``to_json`` writes and ``from_json`` reads for other systems.
TYPES: tuple[type, ...] = (
    SchoolPlan,
    TaskOverview,
    Team,
    Allocation,
    RoadmapSession,
    DialogueRecord,
)


def text_of(cls: type) -> str:
    """The schema file's text: the schema as indented JSON, in the key order it is built in."""
    return json.dumps(json_schema(cls), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write every schema, or with ``--check`` only say which are not current."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when one is not current")
    args = parser.parse_args(argv)
    stale = []
    for cls in TYPES:
        path = FOLDER / f"{cls.__name__}.schema.json"
        text = text_of(cls)
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if args.check:
            if current != text:
                stale.append(path.name)
        elif current != text:
            FOLDER.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    if stale:
        print(f"not current in {FOLDER}: {', '.join(stale)}; run python scripts/json_schemas.py")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
