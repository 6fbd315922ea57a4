"""The seed texts the content tests check quotations against."""

from pathlib import Path

SEEDS = Path(__file__).parent


def seed_lines(name: str) -> list[str]:
    """The lines of one seed file, numbered from 1 at index 0."""
    return (SEEDS / name).read_text(encoding="utf-8").splitlines()
