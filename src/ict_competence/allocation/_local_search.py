"""The local search's state: one feasible allocation, changed by logged, undoable moves.

A state keeps its value, each person's load and what they hold up to date as instances
change hands; the moves are filling gaps greedily and re-packing one person's tasks
exactly (a knapsack). :mod:`._heuristic` decides which moves to make.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ict_competence.allocation._knapsack import Option, pack
from ict_competence.allocation._numeric import EPS, GAIN
from ict_competence.allocation._outcome import NOBODY, Slot, backup_item, item_slot
from ict_competence.allocation._problem import Problem, penalty

__all__ = ["SearchState"]

#: One logged change: which slot of which instance, and who held it before.
_Change = tuple[Slot, int, int]


class SearchState:
    """One feasible allocation under construction, with its value kept up to date.

    Every change of a primary or back-up is logged; :meth:`undo` takes the changes back
    to a mark, which lets a move be tried and dropped if it does not pay.
    """

    def __init__(self, problem: Problem, primary_units: list[int], backup_units: list[int]) -> None:
        self.problem = problem
        n_people, n_instances = len(problem.people), len(problem.instances)
        #: Each instance's hours in knapsack units, as primary and as back-up (rounded up).
        self.primary_units = primary_units
        self.backup_units = backup_units
        # Each back-up slot's knapsack identifier, looked up rather than made in the hot loop.
        self.backup_ids = [backup_item(t, n_instances) for t in range(n_instances)]
        self.primary = [NOBODY] * n_instances
        self.backup = [NOBODY] * n_instances
        self.load = [0.0] * n_people
        self.held: list[set[int]] = [set() for _ in range(n_people)]
        self.backing: list[set[int]] = [set() for _ in range(n_people)]
        #: Whose options changed since they were last re-packed.
        self.dirty = [True] * n_people
        self.value = 0.0
        #: The load terms' total (never positive).
        self.load_terms = 0.0
        self.log: list[_Change] = []
        # Per duty: who holds each instance, what each person holds, hours and values.
        self._slots = (
            (self.primary, self.held, problem.hours, problem.primary_value),
            (self.backup, self.backing, problem.backup_hours, problem.backup_value),
        )
        for t, p in problem.pinned_primary.items():
            self.set_primary(t, p)
        for t, p in problem.pinned_backup.items():
            self.set_backup(t, p)
        self.log.clear()

    # -- primitive changes, logged so that a move can be undone --------------------------------

    def _add_load(self, p: int, hours: float) -> None:
        kinks = self.problem.kinks[p]
        if kinks:
            self.load_terms += penalty(kinks, self.load[p] + hours) - penalty(kinks, self.load[p])
        self.load[p] += hours

    def _opened(self, candidates: list[int]) -> None:
        # Something became free: only then can someone else's re-packing improve.
        dirty = self.dirty
        for p in candidates:
            dirty[p] = True

    def _hand_over(self, slot: Slot, t: int, p: int, logged: bool) -> int | None:
        """Give slot ``slot`` of ``t`` to ``p``; the old holder, or ``None`` if ``p`` held it.

        The change common to both duties: what each holds, their loads and the value
        follow it, both people's options have changed, and it is logged for :meth:`undo`.
        """
        holders, holding, hours, values = self._slots[slot]
        old = holders[t]
        if old == p:
            return None
        if logged:
            self.log.append((slot, t, old))
        if old != NOBODY:
            holding[old].discard(t)
            self._add_load(old, -hours[t])
            self.value -= values[old][t]
            self.dirty[old] = True
        if p != NOBODY:
            holding[p].add(t)
            self._add_load(p, hours[t])
            self.value += values[p][t]
            self.dirty[p] = True
        holders[t] = p
        return old

    def set_primary(self, t: int, p: int, *, logged: bool = True) -> None:
        """Make ``p`` (or :data:`NOBODY`) the primary of ``t``; ``logged`` for :meth:`undo`."""
        old = self._hand_over(Slot.PRIMARY, t, p, logged)
        if old is None:
            return
        if p == NOBODY:
            self._opened(self.problem.primary_candidates[t])
        elif old == NOBODY:  # covered now, so it can have a back-up
            self._opened(self.problem.backup_candidates[t])

    def set_backup(self, t: int, p: int, *, logged: bool = True) -> None:
        """Make ``p`` (or :data:`NOBODY`) the back-up of ``t``; ``logged`` for :meth:`undo`."""
        if self._hand_over(Slot.BACKUP, t, p, logged) is None:
            return
        if p == NOBODY:
            self._opened(self.problem.backup_candidates[t])
        if self.primary[t] != NOBODY:  # its re-packing values the instance with its back-up
            self.dirty[self.primary[t]] = True

    def drop_primary(self, t: int) -> None:
        """Leave ``t`` without primary, and so without back-up."""
        self.set_backup(t, NOBODY)
        self.set_primary(t, NOBODY)

    def undo(self, mark: int) -> None:
        """Take back every change logged after ``mark``, last first, without logging them."""
        log = self.log
        while len(log) > mark:
            slot, t, old = log.pop()
            # Putting the old holder back is itself a change, but not one to undo later.
            if slot is Slot.PRIMARY:
                self.set_primary(t, old, logged=False)
            else:
                self.set_backup(t, old, logged=False)

    def objective(self) -> float:
        """The allocation's value, kept up to date (see ``exact_objective`` for a fresh sum)."""
        return self.value + self.load_terms

    def fits(self, p: int, hours: float) -> bool:
        """Whether ``p`` has room for ``hours`` more."""
        return self.load[p] + hours <= self.problem.capacity[p] + EPS

    def gain(self, p: int, hours: float, value: float) -> float:
        """What ``value`` for ``hours`` more adds for ``p``, their load terms included."""
        kinks = self.problem.kinks[p]
        if not kinks:
            return value
        load = self.load[p]
        return value + penalty(kinks, load + hours) - penalty(kinks, load)

    # -- construction ---------------------------------------------------------------------------

    def fill(self, order: Iterable[int]) -> None:
        """Give each unassigned instance to its best eligible person with room."""
        problem = self.problem
        for t in order:
            if self.primary[t] != NOBODY:
                continue
            hours = problem.hours[t]
            for p in problem.primary_candidates[t]:
                if self.fits(p, hours) and self.gain(p, hours, problem.primary_value[p][t]) > 0:
                    self.set_primary(t, p)
                    break

    def fill_backups(self, order: Iterable[int]) -> None:
        """Give each covered instance without a back-up its best eligible back-up with room."""
        problem = self.problem
        for t in order:
            holder = self.primary[t]
            if holder == NOBODY or self.backup[t] != NOBODY:
                continue
            hours = problem.backup_hours[t]
            for p in problem.backup_candidates[t]:
                if (
                    p != holder
                    and self.fits(p, hours)
                    and self.gain(p, hours, problem.backup_value[p][t]) > 0
                ):
                    self.set_backup(t, p)
                    break

    # -- exact re-packing of one person ---------------------------------------------------------

    def repack(self, p: int, capacity: int, forced: int = NOBODY) -> list[int]:
        """Re-solve person ``p``'s tasks exactly; return the primaries they dropped.

        Only instances nobody else holds are open to ``p``: unassigned ones as primary,
        back-up slots of others' instances. ``forced`` is an instance ``p`` must keep;
        without one, nothing changes unless the objective improves.
        """
        problem = self.problem
        groups, current = self._menu(p, forced)
        self.dirty[p] = False
        base = problem.pinned_load[p]
        if forced != NOBODY:
            capacity -= self.primary_units[forced]
            base += problem.hours[forced]
        chosen = self._pack(p, groups, max(capacity, 0), base=base, forced=forced, current=current)
        if chosen is None:
            return []
        before = self.objective()
        mark = len(self.log)
        dropped = self._take(p, chosen, forced)
        if forced == NOBODY and self.objective() <= before + GAIN:
            # Only when weights were rounded can the exact value disagree; keep what was.
            self.undo(mark)
            self.dirty[p] = False
            return []
        self.dirty[p] = False
        return dropped

    def _pack(
        self,
        p: int,
        groups: list[tuple[Option]],
        capacity: int,
        *,
        base: float,
        forced: int,
        current: float,
    ) -> list[int] | None:
        """The best packing of ``groups`` for ``p``; ``None`` if it cannot beat ``current``."""
        problem = self.problem
        kinks = problem.kinks[p]
        scaled: Callable[[int], float] | None = None
        if kinks:
            scale = problem.scale

            def scaled(units: int) -> float:
                return penalty(kinks, base + units / scale)

        if forced != NOBODY:
            return pack(groups, capacity, scaled)[1]
        # Only a strictly better packing matters, so the search may drop the rest.
        held = current + problem.penalty(p, self.load[p]) + GAIN
        total, chosen = pack(groups, capacity, scaled, at_least=held)
        return None if total <= held else chosen

    def _menu(self, p: int, forced: int) -> tuple[list[tuple[Option]], float]:
        """Person ``p``'s items for re-packing, and the value of what they hold now."""
        problem = self.problem
        backup_ids = self.backup_ids
        primary, backup = self.primary, self.backup
        pinned_primary, pinned_backup = problem.pinned_primary, problem.pinned_backup
        primary_units, backup_units = self.primary_units, self.backup_units
        groups: list[tuple[Option]] = []
        current = 0.0
        for t, value in problem.primary_value[p].items():
            if t == forced or t in pinned_primary:
                continue
            holder = primary[t]
            if holder == p:
                # Dropping an instance loses its back-up too, so keeping it is worth both.
                b = backup[t]
                kept = value + (problem.backup_value[b][t] if b != NOBODY else 0.0)
                current += kept
                groups.append(((primary_units[t], kept, t),))
            elif holder == NOBODY and value > 0:
                groups.append(((primary_units[t], value, t),))
        for t, value in problem.backup_value[p].items():
            holder = primary[t]
            if holder in (NOBODY, p) or t in pinned_backup:
                continue
            b = backup[t]
            if b == p:
                current += value
                groups.append(((backup_units[t], value, backup_ids[t]),))
            elif b == NOBODY and value > 0:
                groups.append(((backup_units[t], value, backup_ids[t]),))
        return groups, current

    def _take(self, p: int, chosen: list[int], forced: int) -> list[int]:
        """Make ``chosen`` (plus pins and ``forced``) exactly what ``p`` holds."""
        problem = self.problem
        n_instances = len(problem.instances)
        keep = set(chosen)
        dropped = []
        for t in [t for t in self.held[p] if t not in keep and t != forced]:
            if t not in problem.pinned_primary:
                self.drop_primary(t)
                dropped.append(t)
        for t in [t for t in self.backing[p] if self.backup_ids[t] not in keep]:
            if t not in problem.pinned_backup:
                self.set_backup(t, NOBODY)
        for ident in chosen:
            slot, t = item_slot(ident, n_instances)
            if slot is Slot.PRIMARY:
                self.set_primary(t, p)
            else:
                self.set_backup(t, p)
        return dropped
