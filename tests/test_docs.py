"""The documentation's examples run, and print what the pages say they print.

Each page is run like a notebook: its ``python`` blocks in order, in one namespace, in an
empty directory. A ``toml`` or ``json`` block whose first line is a comment naming a file
(``# our-school.toml: ...``) is written to that file first, and so is a file a page
includes (``{literalinclude}``). A ``text`` block right after a ``python`` block, with no
words between, is its output: what it prints, then the value of a last bare expression,
or, when the block raises, ``Type: message``; a block that raises must show that.
"""

from __future__ import annotations

import ast
import contextlib
import io
import re
from pathlib import Path

import pytest

DOCS = Path(__file__).parents[1] / "docs"
PAGES = sorted(page for page in DOCS.glob("*.md") if "```python" in page.read_text("utf-8"))
_BLOCK = re.compile(r"^```(\{literalinclude\} +\S+|\w+)\n(.*?)^```", re.S | re.M)
_FILE = re.compile(r"^(?:#|//)\s*([\w.-]+\.(?:toml|json))\b")


def _run(source: str, namespace: dict[str, object], where: str) -> tuple[str, bool]:
    """Run one block: what it printed and its last bare expression's value; whether it raised."""
    tree = ast.parse(source, where)
    last = tree.body[-1] if tree.body else None
    if isinstance(last, ast.Expr):
        tree.body.pop()
    else:
        last = None
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        try:
            exec(compile(tree, where, "exec"), namespace)  # noqa: S102 - our own docs
            if last is not None:
                value = eval(compile(ast.Expression(last.value), where, "eval"), namespace)  # noqa: S307
                if value is not None:
                    print(repr(value))
        except Exception as error:  # the page may show the error
            print(f"{type(error).__name__}: {error}")
            return out.getvalue(), True
    return out.getvalue(), False


@pytest.fixture(autouse=True)
def _renderers_restored(monkeypatch):
    """A page may register a renderer of its own; the other tests must not see it."""
    from ict_competence.renderers import _registry

    _registry._load_builtin_and_plugins()
    monkeypatch.setattr(_registry, "_REGISTRY", dict(_registry._REGISTRY))


@pytest.mark.parametrize("page", PAGES, ids=[page.stem for page in PAGES])
def test_the_examples_on_the_page_print_what_it_shows(page, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": f"docs_{page.stem}"}
    text = page.read_text("utf-8")
    output: str | None = None
    raised = False
    end = 0
    for number, block in enumerate(_BLOCK.finditer(text)):
        language, body = block.groups()
        where = f"{page.name}, block {number}"
        right_after = not text[end : block.start()].strip()
        end = block.end()
        if language == "text" and output is not None and right_after:
            assert output.strip() == body.strip(), where
            output, raised = None, False
            continue
        assert not raised, f"{page.name}, block {number - 1} raised: {output}"
        output = None
        if language == "python":
            output, raised = _run(body, namespace, where)
        elif language.startswith("{literalinclude}"):
            included = DOCS / language.split()[1]
            Path(included.name).write_bytes(included.read_bytes())
        elif language in ("toml", "json") and (named := _FILE.match(body)):
            Path(named.group(1)).write_text(body, encoding="utf-8")
    assert not raised, f"the last block of {page.name} raised: {output}"
