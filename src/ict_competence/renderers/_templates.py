"""The jinja2 environments of the template renderers, and the filters their templates share.

A user's template folder is searched before the packaged templates (a ``ChoiceLoader``),
and then every template runs in jinja2's sandbox: a template from a folder is code the
library did not write. Names a template does not receive are errors (``StrictUndefined``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
import jinja2.sandbox

from ict_competence.renderers._words import number
from ict_competence.text import Language, LocalizedText, Provenance

if TYPE_CHECKING:
    from ict_competence.dialogue import Reference

__all__ = ["environment", "escape_markdown"]

# Characters that start markup anywhere in a line.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
# What starts a heading, a list, a rule or a blockquote at the start of a line (user text
# does begin lines: a note in a blockquote, a description under a heading): ``#``, ``-``,
# ``+``, ``=``, ``>`` (escaped above), and a number followed by ``.`` or ``)``.
_LINE_START = re.compile(r"^([#+=-]|\d+(?=[.)]))")


def _line_start(match: re.Match[str]) -> str:
    found = match.group(1)
    return found + "\\" if found[0].isdigit() else "\\" + found


def escape_markdown(text: object) -> str:
    r"""Make user text inert in Markdown: no markup, no HTML, one line (fits a table cell).

    >>> escape_markdown("<b>| =1")
    '\\<b\\>\\| =1'
    >>> escape_markdown("# Kop"), escape_markdown("2. punt"), escape_markdown("---")
    ('\\# Kop', '2\\. punt', '\\---')
    """
    flat = " ".join(str(text).split())
    escaped = _SPECIAL.sub(r"\\\1", flat.replace("&", "&amp;"))
    return _LINE_START.sub(_line_start, escaped)


def _cite(provenance: Provenance, common: str | None = None) -> str:
    """A provenance in a few words: only its locator when the table names the source once.

    >>> where = Provenance("003.txt", "line 101")
    >>> _cite(where), _cite(where, common="003.txt"), _cite(where, common="004.txt")
    ('003.txt, line 101', 'line 101', '003.txt, line 101')
    """
    if common is not None and provenance.source == common and provenance.locator:
        return provenance.locator
    return str(provenance)


def _common_source(provenances: Iterable[object]) -> str | None:
    """The one source file every given provenance cites, or ``None`` when they differ."""
    sources = {p.source for p in provenances if isinstance(p, Provenance)}
    return sources.pop() if len(sources) == 1 else None


def _localized(text: LocalizedText, language: Language) -> str:
    return text.get(language)


def _tip_groups(tips: Iterable[Reference]) -> list[tuple[LocalizedText | None, list[Reference]]]:
    """Reading tips in runs that share one sentence, so the sentence is shown once."""
    return [(sentence, list(run)) for sentence, run in groupby(tips, key=lambda tip: tip.tip)]


@jinja2.pass_context
def _party(context: jinja2.runtime.Context, code: str) -> str:
    """``party`` as a filter (``codes | map("party")``): the page's naming of a code."""
    name: str = context["party"](code)
    return name


@lru_cache(maxsize=16)
def environment(template_dir: Path | None, *, html: bool) -> jinja2.Environment:
    """The environment for HTML (autoescaped) or Markdown pages, a user's folder first."""
    loaders: list[jinja2.BaseLoader] = []
    if template_dir is not None:
        loaders.append(jinja2.FileSystemLoader(template_dir))
    loaders.append(jinja2.PackageLoader("ict_competence.renderers", "templates"))
    # The packaged templates alone are the library's own code and run unsandboxed (faster);
    # with a user's folder every template runs in the sandbox.
    kind = jinja2.Environment if template_dir is None else jinja2.sandbox.SandboxedEnvironment
    made = kind(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        # HTML: on for every template, a user's own too, whatever its file name. Markdown is
        # no HTML: there every user text goes through the md filter instead.
        autoescape=html,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=not html,
    )
    made.filters["cite"] = _cite
    made.filters["localized"] = _localized
    made.filters["number"] = number
    made.filters["tip_groups"] = _tip_groups
    made.filters["md"] = escape_markdown
    made.filters["party"] = _party
    made.globals["common_source"] = _common_source
    return made
