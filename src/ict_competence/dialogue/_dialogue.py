"""The dialogue: every key figure, theme and policy theme, checked for integrity when built."""

from __future__ import annotations

from pathlib import Path

import attrs

from ict_competence._checks import duplicates, path_argument, tuple_of
from ict_competence._content import Content, read_packaged_entries, read_user_entries
from ict_competence.dialogue._files import CITED, Entries
from ict_competence.dialogue._model import KeyFigure, PolicyTheme, Theme
from ict_competence.errors import ContentError
from ict_competence.serialize import structure
from ict_competence.text import count, summary

__all__ = ["PACKAGED_FILES", "Dialogue", "merged"]

#: The packaged content files, in the order they are merged (themes before the questions).
PACKAGED_FILES = ("themes.toml", "key_figures.toml", "schoolleider.toml")


def _missing(kind: str, code: str, known: set[str]) -> str:
    return f"{kind} {code!r} does not exist; known: {', '.join(sorted(known)) or '(none)'}"


def _error(source: str, problems: list[str]) -> ContentError:
    if len(problems) == 1:
        return ContentError(f"{source}: {problems[0]}")
    return ContentError(f"{source}: {len(problems)} problems:\n  " + "\n  ".join(problems))


@attrs.frozen(kw_only=True)
class Dialogue(Content):
    """The content of the handreiking: key figures with their questions, themes, policy themes.

    Built by :func:`load_dialogue` from the packaged data. Every dialogue is checked
    when built: codes are unique, and every theme, policy theme and key figure that
    a main question or topic names exists. :meth:`extend` adds a user's own question
    sets, key figures and themes from a TOML or JSON file.

    >>> from ict_competence.dialogue import load_dialogue
    >>> dialogue = load_dialogue()
    >>> [figure.code for figure in dialogue.key_figures]
    ['schoolleider', 'leraar', 'i-coach', 'bestuurder', 'stafmedewerker']
    >>> [theme.code for theme in dialogue.policy_themes]
    ['gelijke_kansen', 'veiligheid', 'avg']
    """

    _name = "dialogue"
    _coded = (
        ("key figure", "key_figures"),
        ("theme", "themes"),
        ("policy theme", "policy_themes"),
    )

    key_figures: tuple[KeyFigure, ...] = attrs.field(default=(), validator=tuple_of(KeyFigure))
    themes: tuple[Theme, ...] = attrs.field(default=(), validator=tuple_of(Theme))
    policy_themes: tuple[PolicyTheme, ...] = attrs.field(
        default=(), validator=tuple_of(PolicyTheme)
    )

    def __repr__(self) -> str:
        return summary(
            "Dialogue",
            count(len(self.key_figures), "key figure"),
            count(len(self.themes), "theme"),
        )

    @classmethod
    def _packaged(cls) -> Dialogue:
        dialogue = cls()
        for name in PACKAGED_FILES:
            entries = read_packaged_entries("ict_competence.dialogue", name, Entries, structure)
            dialogue = merged(dialogue, entries, f"dialogue/data/{name}")
        return dialogue

    def _reference_problems(self) -> list[str]:
        problems: list[str] = []
        figures = {figure.code for figure in self.key_figures}
        themes = {theme.code for theme in self.themes}
        policy_themes = {theme.code for theme in self.policy_themes}
        for figure in self.key_figures:
            where = f"key figure {figure.code!r}"
            if figure.starting_point is not None and figure.starting_point not in figures:
                problems.append(
                    f"{where} ({figure.provenance}): "
                    + _missing("starting point key figure", figure.starting_point, figures)
                )
            for question in figure.main_questions:
                if question.theme not in themes:
                    problems.append(
                        f"{where}, main question {question.number} ({question.provenance}): "
                        + _missing("theme", question.theme, themes)
                    )
                for topic in question.topics:
                    problems += [
                        f"{where}, topic {topic.code} ({topic.provenance}): "
                        + _missing("policy theme", code, policy_themes)
                        for code in topic.policy_themes
                        if code not in policy_themes
                    ]
                    problems += [
                        f"{where}, topic {topic.code} ({topic.provenance}): "
                        + _missing("key figure", code, figures)
                        for code in topic.see_also
                        if code not in figures
                    ]
        return problems

    def key_figure(self, code: str) -> KeyFigure:
        """The key figure with this code, such as ``schoolleider``."""
        return self._find("key figure", self.key_figures, code)

    def theme(self, code: str) -> Theme:
        """The theme with this code, such as ``omgeving``."""
        return self._find("theme", self.themes, code)

    def policy_theme(self, code: str) -> PolicyTheme:
        """The policy theme with this code, such as ``gelijke_kansen``."""
        return self._find("policy theme", self.policy_themes, code)

    def extend(self, path: str | Path) -> Dialogue:
        """A new dialogue with a user's own content from a TOML or JSON file.

        The file may hold lists named ``theme``, ``policy_theme``, ``key_figure`` and
        ``question_set`` (main questions for a key figure that exists already, or is
        defined in the same file), with the fields of the packaged data;
        ``provenance`` may be left out everywhere (the file and the entry's place in
        it are cited). Extending never overrides: a code or main question number
        that exists already is an error naming the file and the code.

        Raises:
            ContentError: the file cannot be read, clashes with what exists, or names
                a theme, policy theme or key figure that does not exist.
            SerializationError: an entry lacks a field or has one of the wrong kind;
                the message names the file and the entry's path.
        """
        path = path_argument(path)
        return merged(self, read_user_entries(path, Entries, structure, cited=CITED), str(path))


def merged(dialogue: Dialogue, entries: Entries, source: str) -> Dialogue:
    """A new dialogue with the entries of one content file added; ``source`` names the file."""
    problems = []
    for kind, new, existing in (
        ("key figure", entries.key_figure, dialogue.key_figures),
        ("theme", entries.theme, dialogue.themes),
        ("policy theme", entries.policy_theme, dialogue.policy_themes),
    ):
        known = {entry.code for entry in existing}
        problems += [
            f"{kind} {entry.code!r} is already in the dialogue"
            for entry in new
            if entry.code in known
        ]
        problems += [
            f"{kind} {code!r} occurs more than once"
            for code in duplicates([entry.code for entry in new])
        ]
    figures = {figure.code: figure for figure in dialogue.key_figures + entries.key_figure}
    for question_set in entries.question_set:
        figure = figures.get(question_set.key_figure)
        if figure is None:
            problems.append(
                "question set: " + _missing("key figure", question_set.key_figure, set(figures))
            )
            continue
        numbers = {question.number for question in figure.main_questions}
        clashes = [q.number for q in question_set.main_questions if q.number in numbers]
        problems += [
            f"key figure {figure.code!r} already has main question {number}" for number in clashes
        ]
        if not clashes:
            figures[figure.code] = attrs.evolve(
                figure,
                main_questions=tuple(
                    sorted(
                        figure.main_questions + question_set.main_questions,
                        key=lambda question: question.number,
                    )
                ),
            )
    if problems:
        raise _error(source, problems)
    try:
        return Dialogue(
            key_figures=tuple(figures.values()),
            themes=dialogue.themes + entries.theme,
            policy_themes=dialogue.policy_themes + entries.policy_theme,
        )
    except ContentError as exc:
        raise ContentError(f"{source}: {exc}") from None
