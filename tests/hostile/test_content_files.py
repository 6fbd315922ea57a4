"""Content files built to hurt, fed to load_catalog(path) and load_dialogue(path).

A school's own content file is read as strictly as a plan: through the one strict JSON
reader, with TOML nested too deep refused, and a file from a newer version refused; each
refusal is a ContentError naming the file.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from ict_competence.catalog import load_catalog
from ict_competence.dialogue import load_dialogue
from ict_competence.errors import ContentError
from ict_competence.serialize import SCHEMA_VERSION
from tests.hostile.record import refused

#: Each loader, with the list its files hold and one entry that fits it.
LOADERS: dict[str, tuple[Callable[[Path], object], str, dict[str, object]]] = {
    "catalog": (
        load_catalog,
        "task",
        {
            "code": "EIGEN-01",
            "cluster": "policy",
            "description": {"nl": "Beleid"},
            "hours_per_year": 3,
        },
    ),
    "dialogue": (
        load_dialogue,
        "question_set",
        {
            "key_figure": "bestuurder",
            "main_questions": [
                {"number": 1, "theme": "omgeving", "title": {"nl": "Vraag?"}, "topics": []}
            ],
        },
    ),
}
#: Deeper than any parser's stack: a bare RecursionError unless the reader catches it.
DEEP = 100_000


def _toml(data: dict[str, object]) -> str:
    """``data`` as TOML: inline tables and arrays are JSON's, but for ``key = value``."""
    return "\n".join(f"{key} = {_inline(value)}" for key, value in data.items())


def _inline(value: object) -> str:
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_inline(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(_inline(item) for item in value) + "]"
    return json.dumps(value)


def _refused(tmp_path: Path, loader: str, name: str, text: str, match: str) -> ContentError:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    load = LOADERS[loader][0]
    error = refused(lambda: load(path), ContentError, match)
    assert str(error).startswith(f"{path}: ")
    return error


@pytest.mark.parametrize("loader", LOADERS)
@pytest.mark.parametrize("suffix", [".json", ".toml"])
def test_a_file_from_a_newer_version_is_refused(tmp_path, loader, suffix):
    _load, field, entry = LOADERS[loader]
    data = {"schema_version": 99, field: [entry]}
    text = json.dumps(data) if suffix == ".json" else _toml(data)

    _refused(
        tmp_path,
        loader,
        f"ours{suffix}",
        text,
        rf"\$\.schema_version: this version of ict_competence reads up to {SCHEMA_VERSION}, "
        r"found 99; upgrade",
    )


@pytest.mark.parametrize("loader", LOADERS)
@pytest.mark.parametrize("version", ["1", True, 0, 1.0, [1]])
def test_a_schema_version_that_is_no_whole_number_is_refused(tmp_path, loader, version):
    _load, field, entry = LOADERS[loader]
    text = json.dumps({"schema_version": version, field: [entry]})

    _refused(
        tmp_path, loader, "ours.json", text, r"\$\.schema_version: expected a whole number >= 1"
    )


@pytest.mark.parametrize("loader", LOADERS)
@pytest.mark.parametrize("suffix", [".json", ".toml"])
def test_a_file_of_this_version_is_read(tmp_path, loader, suffix):
    load, field, entry = LOADERS[loader]
    data = {"schema_version": SCHEMA_VERSION, field: [entry]}
    path = tmp_path / f"ours{suffix}"
    path.write_text(json.dumps(data) if suffix == ".json" else _toml(data), encoding="utf-8")

    assert load(path) is not None


@pytest.mark.parametrize("loader", LOADERS)
def test_a_repeated_list_in_json_is_refused_not_half_read(tmp_path, loader):
    _load, field, entry = LOADERS[loader]
    text = f'{{"{field}": [{json.dumps(entry)}], "{field}": []}}'

    _refused(
        tmp_path,
        loader,
        "ours.json",
        text,
        rf"cannot be read as JSON: \$\.{field}: the key occurs more than once",
    )


@pytest.mark.parametrize("loader", LOADERS)
def test_a_repeated_key_in_toml_is_refused(tmp_path, loader):
    _load, field, entry = LOADERS[loader]
    text = f"{field} = [{_inline(entry)}]\n{field} = []\n"

    _refused(tmp_path, loader, "ours.toml", text, "cannot be read as TOML")


@pytest.mark.parametrize("loader", LOADERS)
def test_nan_in_json_is_refused(tmp_path, loader):
    _refused(tmp_path, loader, "ours.json", '{"x": NaN}', "cannot be read as JSON: .*NaN")


@pytest.mark.parametrize("loader", LOADERS)
@pytest.mark.parametrize("nest", ["[", "{"])
def test_json_nested_past_the_limit_is_refused(tmp_path, loader, nest):
    close = "]" if nest == "[" else "}"
    inner = '{"a": ' * DEEP + "1" + "}" * DEEP if nest == "{" else nest * DEEP + close * DEEP
    field = LOADERS[loader][1]

    _refused(
        tmp_path, loader, "ours.json", f'{{"{field}": {inner}}}', "cannot be read as JSON: .*deep"
    )


@pytest.mark.parametrize("loader", LOADERS)
@pytest.mark.parametrize("nest", ["array", "table"])
def test_toml_nested_too_deep_for_its_parser_is_refused(tmp_path, loader, nest):
    field = LOADERS[loader][1]
    inner = "[" * DEEP + "]" * DEEP if nest == "array" else "{ a = " * DEEP + "1" + " }" * DEEP

    _refused(
        tmp_path,
        loader,
        "ours.toml",
        f"{field} = {inner}\n",
        "cannot be read as TOML: nested too deeply",
    )
