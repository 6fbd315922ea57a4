import re
from pathlib import Path

README = Path(__file__).parents[1] / "README.md"


def test_the_readme_example_runs(tmp_path, monkeypatch, capsys):
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    monkeypatch.chdir(tmp_path)

    for block in blocks:
        exec(compile(block, str(README), "exec"), {})  # noqa: S102 - our own README

    assert (tmp_path / "takenoverzicht.xlsx").is_file()
    assert (tmp_path / "schoolplan.json").is_file()
    assert "<!doctype html>" in capsys.readouterr().out
    assert blocks
