"""Bilingual text and provenance: the two value types every piece of content carries."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Literal, NoReturn, TypeVar, get_args

import attrs

from ict_competence._checks import instance_of, non_blank
from ict_competence.errors import FieldError

__all__ = ["Labelled", "Language", "LocalizedText", "Provenance"]

Language = Literal["nl", "en"]


def checked_language(language: object) -> Language:
    """``language``, once it is one the library's texts are written in (not public).

    >>> checked_language("fr")
    Traceback (most recent call last):
    ...
    ict_competence.errors.FieldError: language: expected one of 'nl', 'en', found 'fr'
    """
    accepted: tuple[Language, ...] = get_args(Language)
    if language not in accepted:
        shown = ", ".join(repr(known) for known in accepted)
        raise FieldError("language", f"expected one of {shown}, found {language!r}")
    return language


@attrs.frozen
class LocalizedText:
    """A text in Dutch, the language of the sources, with an English rendering.

    The Dutch text of built-in content is verbatim from the seed it cites; the
    English is the library's own translation. ``en`` may be empty in a user's own
    content, in which case :meth:`get` falls back to Dutch.

    >>> text = LocalizedText("Inventaris", "Inventory")
    >>> text.get("en"), str(text)
    ('Inventory', 'Inventaris')
    >>> LocalizedText("Inventaris").get("en")
    'Inventaris'
    """

    nl: str = attrs.field(validator=non_blank)
    en: str = attrs.field(default="", validator=instance_of(str))

    def get(self, language: Language) -> str:
        """The text in ``language``, falling back to Dutch when no English is given.

        Raises:
            FieldError: ``language`` is not ``"nl"`` or ``"en"``.
        """
        if checked_language(language) == "en" and self.en:
            return self.en
        return self.nl

    def __str__(self) -> str:
        return self.nl


@attrs.frozen
class Provenance:
    """Where a piece of content comes from: a source file and a place in it.

    >>> Provenance("003_4249efdcb30d87f9.txt", "line 101")
    Provenance(source='003_4249efdcb30d87f9.txt', locator='line 101')
    """

    source: str = attrs.field(validator=non_blank)
    locator: str = attrs.field(default="", validator=instance_of(str))

    def __str__(self) -> str:
        return f"{self.source}, {self.locator}" if self.locator else self.source


class Coded(enum.Enum):
    """An enum of codes: built from an unknown code, it says which codes there are.

    The library's public enums derive from it, so ``Domain("technicl")`` is refused like
    any other bad value, with a :class:`~ict_competence.errors.FieldError` (not public: a
    base class of those enums).

    >>> from ict_competence.catalog import Domain
    >>> Domain("technicl")
    Traceback (most recent call last):
    ...
    ict_competence.errors.FieldError: Domain: expected one of 'technical', 'pedagogical', \
'policy', 'administrative', found 'technicl'
    """

    @classmethod
    def _missing_(cls, value: object) -> NoReturn:
        known = ", ".join(repr(member.value) for member in cls)
        raise FieldError(cls.__name__, f"expected one of {known}, found {value!r}")


class Labelled(Coded):
    """An enum whose members carry a bilingual label, read once per class from the package's data.

    >>> from ict_competence.catalog import Cluster
    >>> Cluster.POLICY.label
    LocalizedText(nl='Beleid & visie', en='Policy & vision')
    """

    @property
    def label(self) -> LocalizedText:
        """The member's name in Dutch, as the sources write it, with an English label."""
        return _LABELS[self]


_LABELS: dict[enum.Enum, LocalizedText] = {}
_E = TypeVar("_E", bound=Labelled)


def set_labels(cls: type[_E], labels: Mapping[_E, LocalizedText]) -> None:
    """Give every member of ``cls`` its label; a member left out is a programming error."""
    missing = [member.name for member in cls if member not in labels]
    if missing:
        raise TypeError(f"{cls.__name__} has no label for {', '.join(missing)}")
    for member, text in labels.items():
        _LABELS[member] = text


# -- words for a repr (not public: the packages' reprs share them) ----------------------------


def summary(head: str, *parts: str) -> str:
    """A ``repr`` that sums an object up, free of personal data: ``<head part, part, …>``.

    >>> summary("Session", "at step 2", "paused", "cycle 1")
    '<Session at step 2, paused, cycle 1>'
    """
    return f"<{head} {', '.join(parts)}>"


def count(number: int, word: str, words: str | None = None) -> str:
    """``number`` and the word for one or for several (``word + "s"`` unless ``words``).

    >>> count(1, "person", "people"), count(3, "person", "people"), count(0, "school")
    ('1 person', '3 people', '0 schools')
    """
    return f"{number} {word if number == 1 else (words or word + 's')}"
