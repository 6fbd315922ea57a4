"""The tailored task overview (takenoverzicht op maat): one choice per task, made in step 5."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from ict_competence._checks import (
    argument,
    finite_non_negative,
    hidden,
    instance_of,
    is_finite_number,
    items_of,
    mapping_of,
    tuple_of,
    unique,
)
from ict_competence._display import html_fragment
from ict_competence._extras import Record
from ict_competence._frozen import FrozenMap, frozen_map
from ict_competence._lookup import Keyed
from ict_competence.catalog import _records
from ict_competence.catalog._enums import Cluster, Horizon, Scope
from ict_competence.catalog._model import Task
from ict_competence.errors import FieldError
from ict_competence.text import Language, LocalizedText, count, summary

__all__ = ["FULL_TIME_HOURS", "OverviewSummary", "TaskChoice", "TaskOverview"]

#: Working hours of one full-time person in a school year, the yardstick of the summary.
FULL_TIME_HOURS = 1600.0


def _tailored_scope(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value not in (Scope.SCHOOL, Scope.SCHOOL_GROUP):
        raise FieldError(attribute.name, f"expected school or school_group, found {value!r}")


@attrs.frozen(kw_only=True)
class TaskChoice:
    """What a school decided about one task: whether it applies, when, where, how many hours.

    Attributes:
        task: the task the choice is about.
        applies: whether the task applies to the school (van toepassing).
        horizon: short term, long term, or dropped (termijn).
        scope: done in each school or once for the school group (niveau).
        hours_per_year: the hours the school budgets for it.
        responsible: who is responsible (verantwoordelijke), as the school writes it.
        backup: who backs them up, as the school writes it.
        notes: free notes (opmerkingen).
    """

    task: Task = attrs.field(validator=instance_of(Task))
    applies: bool = attrs.field(default=True, validator=instance_of(bool))
    horizon: Horizon = attrs.field(default=Horizon.SHORT_TERM, validator=instance_of(Horizon))
    scope: Scope = attrs.field(default=Scope.SCHOOL, validator=_tailored_scope)
    hours_per_year: float = attrs.field(validator=finite_non_negative)
    # Names and notes are personal data: kept out of reprs, and so out of logs and tracebacks.
    responsible: str = attrs.field(
        default="", validator=instance_of(str, private=True), repr=hidden("name")
    )
    backup: str = attrs.field(
        default="", validator=instance_of(str, private=True), repr=hidden("name")
    )
    notes: str = attrs.field(
        default="", validator=instance_of(str, private=True), repr=hidden("notes")
    )

    @property
    def code(self) -> str:
        """The task's code."""
        return self.task.code

    @property
    def active(self) -> bool:
        """Applies and is not dropped: the task is to be done by someone."""
        return self.applies and self.horizon is not Horizon.DROPPED


@attrs.frozen
class OverviewSummary:
    """Hours per cluster and horizon of the tasks that apply, with warnings in words.

    Attributes:
        hours_by_cluster: hours of active tasks per cluster.
        hours_by_horizon: hours of applying tasks per horizon (dropped included).
        total_hours: hours of all active tasks.
        warnings: plain-language warnings in Dutch and English, such as more work than one
            person can carry.
    """

    hours_by_cluster: Mapping[Cluster, float] = attrs.field(
        converter=frozen_map, validator=mapping_of(Cluster, finite_non_negative), hash=False
    )
    hours_by_horizon: Mapping[Horizon, float] = attrs.field(
        converter=frozen_map, validator=mapping_of(Horizon, finite_non_negative), hash=False
    )
    total_hours: float = attrs.field(validator=finite_non_negative)
    warnings: tuple[LocalizedText, ...] = attrs.field(validator=tuple_of(LocalizedText))


@attrs.frozen
class TaskOverview(Keyed[str, TaskChoice]):
    """A school's tailored task overview (takenoverzicht op maat): one choice per task.

    Made by :meth:`Catalog.overview`, tailored with :meth:`choose`, exchanged as a
    workbook (:func:`ict_competence.xlsx.write_overview`) or as JSON.

    >>> from ict_competence import load_catalog
    >>> overview = load_catalog().overview()
    >>> tailored = overview.choose("TECH-12", applies=False)
    >>> overview.choice("TECH-12").applies, tailored.choice("TECH-12").applies
    (True, False)
    >>> overview.choose("NOPE-01", applies=False)
    Traceback (most recent call last):
    ...
    ict_competence.errors.UnknownCodeError: no task with code 'NOPE-01'; known codes: ...
    """

    choices: tuple[TaskChoice, ...] = attrs.field(
        validator=[items_of(TaskChoice), unique(lambda choice: choice.code)]
    )
    #: What reading the overview from a file noticed and decided (a catalog task whose row
    #: was deleted is read as not applying); :meth:`summary` lists them first.
    warnings: tuple[LocalizedText, ...] = attrs.field(default=(), validator=items_of(LocalizedText))

    _entries_field = "choices"
    _key_field = "code"
    _kind = "task"

    def __repr__(self) -> str:
        active = self.active()
        hours = sum(choice.hours_per_year for choice in active)
        return summary(
            "TaskOverview", count(len(self), "task"), f"{len(active)} active", f"{hours:g} h/year"
        )

    def _repr_html_(self) -> str:
        return html_fragment(self)

    @property
    def codes(self) -> tuple[str, ...]:
        """The task codes, in order."""
        return tuple(choice.code for choice in self.choices)

    def choice(self, code: str) -> TaskChoice:
        """The choice made for the task with this code.

        Raises:
            UnknownCodeError: the overview has no such task; the error lists its codes.
        """
        return self._get(code)

    def choose(self, code: str, **changes: object) -> TaskOverview:
        """A new overview with the choice for ``code`` changed (fields of :class:`TaskChoice`)."""
        position = self._position(code)
        fields = [field.name for field in attrs.fields(TaskChoice)]
        unknown = set(changes) - set(fields)
        if unknown:
            raise FieldError(
                ", ".join(sorted(unknown)),
                f"a task choice has no such field; it has {', '.join(fields)}",
            )
        task = changes.get("task")
        if isinstance(task, Task) and task.code != code:
            raise FieldError("task", f"a choice for {code} cannot hold task {task.code}")
        choices = list(self.choices)
        choices[position] = attrs.evolve(choices[position], **changes)  # type: ignore[arg-type]
        return attrs.evolve(self, choices=tuple(choices))

    def add(self, choice: TaskChoice) -> TaskOverview:
        """A new overview with a choice for a school's own task added at the end."""
        argument("choice", choice, TaskChoice)
        if choice.code in self:
            raise FieldError("choices", f"task {choice.code} is already in the overview")
        return attrs.evolve(self, choices=(*self.choices, choice))

    def active(self) -> tuple[TaskChoice, ...]:
        """The choices that apply and are not dropped, in order."""
        return tuple(choice for choice in self.choices if choice.active)

    def summary(self, *, capacity: float = FULL_TIME_HOURS) -> OverviewSummary:
        """Hours by cluster and horizon, warning when the work exceeds one person's ``capacity``.

        >>> from ict_competence import load_catalog
        >>> summary = load_catalog().overview().summary()
        >>> summary.total_hours > FULL_TIME_HOURS, len(summary.warnings) >= 1
        (True, True)
        """
        if not is_finite_number(capacity) or capacity <= 0:
            raise FieldError(
                "capacity", f"expected a finite number of hours > 0, found {capacity!r}"
            )
        by_cluster = dict.fromkeys(Cluster, 0.0)
        by_horizon = dict.fromkeys(Horizon, 0.0)
        for choice in self.choices:
            if not choice.applies:
                continue
            by_horizon[choice.horizon] += choice.hours_per_year
            if choice.active:
                by_cluster[choice.task.cluster] += choice.hours_per_year
        total = sum(by_cluster.values())
        warnings = list(self.warnings)
        if total > capacity:
            times = f"{total / capacity:.1f}"
            warnings.append(
                LocalizedText(
                    f"De taken die van toepassing zijn vragen {total:.0f} uur per jaar, "
                    f"{times.replace('.', ',')} keer wat één persoon heeft ({capacity:.0f} uur): "
                    "verdeel ze over een team (stap 7 van het stappenplan).",
                    f"The tasks that apply take {total:.0f} hours a year, "
                    f"{times} times what one person has ({capacity:.0f} hours): "
                    "divide them over a team (roadmap step 7).",
                )
            )
        short = by_horizon[Horizon.SHORT_TERM]
        if short > capacity:
            warnings.append(
                LocalizedText(
                    f"De taken op korte termijn alleen vragen al {short:.0f} uur per jaar, meer "
                    f"dan de {capacity:.0f} uur van één persoon: schuif er enkele naar de lange "
                    "termijn of deel ze.",
                    f"The short-term tasks alone take {short:.0f} hours a year, more than one "
                    f"person's {capacity:.0f}: move some to the long term or share them.",
                )
            )
        return OverviewSummary(FrozenMap(by_cluster), FrozenMap(by_horizon), total, tuple(warnings))

    # -- data tools ---------------------------------------------------------------------------

    def to_records(self, *, names: bool = False, language: Language = "nl") -> list[Record]:
        """One plain, JSON-safe row per task choice, in the overview's order.

        Keys: ``code``, ``description`` (in ``language``, Dutch by default as the pages),
        ``cluster``, ``domain``, ``strategic``, ``required_level``, ``applies``, ``active``,
        ``horizon``, ``scope`` and ``hours``; then ``responsible``, ``backup`` and
        ``notes`` only with ``names=True``: the school writes names there, and notes
        about people.

        >>> from ict_competence import load_catalog
        >>> first = load_catalog().overview().to_records()[0]
        >>> first["code"], first["cluster"], first["applies"], "notes" in first
        ('TECH-01', 'technical', True, False)
        """
        return _records.overview_records(self, names=names, language=language)

    def to_dataframe(self, *, names: bool = False, language: Language = "nl") -> Any:  # noqa: ANN401
        """The records of :meth:`to_records` as a ``pandas.DataFrame`` (pandas has no types).

        Raises:
            MissingExtraError: pandas is not installed (``pip install 'ict-competence[pandas]'``).
        """
        return _records.overview_dataframe(self, names=names, language=language)
