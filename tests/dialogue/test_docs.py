"""The docs page on the conversation guide: its code runs and its example file is the tested one."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

DOCS = Path(__file__).parents[2] / "docs"
PAGE = DOCS / "dialogue.md"
EXAMPLE = Path(__file__).parent / "data" / "icoach_questions.toml"


def python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", PAGE.read_text(encoding="utf-8"), re.DOTALL)


def test_the_page_includes_the_example_file_the_tests_load() -> None:
    included = re.findall(r"```\{literalinclude\} (\S+)", PAGE.read_text(encoding="utf-8"))

    assert [(DOCS / path).resolve() for path in included] == [EXAMPLE.resolve()]


def test_the_code_on_the_page_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(EXAMPLE, tmp_path / "icoach_questions.toml")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {}
    blocks = python_blocks()

    for block in blocks:
        exec(compile(block, str(PAGE), "exec"), namespace)  # noqa: S102 - our own docs

    assert len(blocks) >= 6
    assert (tmp_path / "gesprek.json").is_file()
    assert namespace["again"] == namespace["record"]
