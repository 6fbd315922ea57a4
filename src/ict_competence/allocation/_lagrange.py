"""The Lagrangian bound: a relaxation where every person solves their own knapsack.

"One primary per instance" and "back-ups only where a primary is" are moved into the
objective with multipliers (prices), so the relaxation's value is a valid upper bound
on the optimum at any prices. Here too is what the bound proves: when it is tight
(:func:`proof_margin`), and which choices cannot be part of a better allocation
(:func:`hopeless`, for the exact solver).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING

from ict_competence.allocation._knapsack import Option, pack
from ict_competence.allocation._numeric import (
    BLOCK_PROGRESS,
    FIXING_MARGIN,
    PROOF_MARGIN,
    WHOLE_STEPS,
)
from ict_competence.allocation._outcome import NOBODY, Clock, Slot, backup_item, item_slot
from ict_competence.allocation._problem import Block, Problem, ceil_units, floor_units, penalty
from ict_competence.allocation._settings import HeuristicSettings

if TYPE_CHECKING:
    from ict_competence.allocation._outcome import Best, Outcome

__all__ = ["Relaxation", "converged", "hopeless", "proof_margin", "resolution"]

#: A person's menu entry: (instance, primary units, primary value or None, back-up units,
#: back-up value or None); None where they may not take that slot.
MenuEntry = tuple[int, int, float | None, int, float | None]
#: A relaxed choice: (value, instance, person).
Choice = tuple[float, int, int]


class Relaxation:
    """The Lagrangian relaxation at prices ``lam`` (per instance's primary) and ``mu``.

    ``lam[t]`` prices the row "at most one primary on ``t``", ``mu[t]`` the row "no more
    back-ups than primaries on ``t``" (the usual names of Lagrange multipliers). A
    person's knapsack is solved again only when a price on their menu moved.
    """

    def __init__(self, problem: Problem, settings: HeuristicSettings, blocks: list[Block]) -> None:
        self.problem = problem
        n_people, n_instances = len(problem.people), len(problem.instances)
        self.n_instances = n_instances
        pinned_primary, pinned_backup = problem.pinned_primary, problem.pinned_backup
        self.free = [t not in pinned_primary for t in range(n_instances)]
        self.backable = [
            bool(problem.backup_candidates[t]) and t not in pinned_backup
            for t in range(n_instances)
        ]
        self.constant = sum(problem.primary_value[p][t] for t, p in pinned_primary.items()) + sum(
            problem.backup_value[p][t] for t, p in pinned_backup.items()
        )
        # Knapsacks count in coarse units: weights rounded down, capacities up, still valid.
        self.scale = min(problem.scale, settings.bound_units_per_hour)
        free_hours = [
            max(0.0, problem.capacity[p] - problem.pinned_load[p]) for p in range(n_people)
        ]
        self.capacity = [ceil_units(hours * self.scale) for hours in free_hours]
        self.menus, self.people_of = self._menus()
        # Each back-up slot's knapsack identifier, looked up rather than made in the hot loop.
        self.backup_ids = [backup_item(t, n_instances) for t in range(n_instances)]
        self.lam = [0.0] * n_instances
        self.mu = [0.0] * n_instances
        #: Per person: their knapsack's value at the current prices, None when stale.
        self.values: list[float | None] = [None] * n_people
        self.picks: list[list[int]] = [[] for _ in range(n_people)]
        #: Per instance: how many knapsacks chose it as primary, and as back-up.
        self.primary_takers = [0] * n_instances
        self.backup_takers = [0] * n_instances
        #: Knapsacks solved so far: the work the bound has done.
        self.solves = 0
        self._blocks(settings, blocks)

    def _menus(self) -> tuple[list[list[MenuEntry]], list[list[int]]]:
        """Per person, what they may take at a price; per instance, who may take it."""
        problem, scale = self.problem, self.scale
        primary_units = [floor_units(hours * scale) for hours in problem.hours]
        backup_units = [floor_units(hours * scale) for hours in problem.backup_hours]
        menus: list[list[MenuEntry]] = []
        people_of: list[list[int]] = [[] for _ in range(self.n_instances)]
        for p in range(len(problem.people)):
            entries: dict[int, list[float | None]] = {}
            for t, value in problem.primary_value[p].items():
                if self.free[t]:
                    entries[t] = [value, None]
            for t, value in problem.backup_value[p].items():
                if self.backable[t] and problem.pinned_primary.get(t) != p:
                    entries.setdefault(t, [None, None])[1] = value
            for t in entries:
                people_of[t].append(p)
            menus.append(
                [
                    (t, primary_units[t], values[0], backup_units[t], values[1])
                    for t, values in sorted(entries.items())
                ]
            )
        return menus, people_of

    def _blocks(self, settings: HeuristicSettings, blocks: list[Block]) -> None:
        # In a school group each school is a block of its own, tied to the others only by
        # the group's instances: a block's prices step by its own share of the gap, with
        # its own Polyak factor, so that one school's progress does not set another's
        # pace. The group's instances (no block) take the global step.
        schools = blocks[:-1]
        self.stall = settings.stall
        self.block_of = [NOBODY] * self.n_instances
        self.people_block = [NOBODY] * len(self.problem.people)
        for b, (instances, members) in enumerate(schools):
            for t in instances:
                self.block_of[t] = b
            for p in members:
                self.people_block[p] = b
        self.n_blocks = len(schools)
        self.theta = [settings.theta] * self.n_blocks
        self.block_best = [math.inf] * self.n_blocks
        self.block_stall = [0] * self.n_blocks

    def groups(self, p: int, skip: int = NOBODY) -> tuple[list[list[Option]], dict[int, Option]]:
        """Person ``p``'s knapsack at the current prices (without instance ``skip``)."""
        lam, mu, backup_ids = self.lam, self.mu, self.backup_ids
        groups: list[list[Option]] = []
        offered: dict[int, Option] = {}
        for t, primary_units, primary_value, backup_units, backup_value in self.menus[p]:
            if t == skip:
                continue
            options: list[Option] = []
            if primary_value is not None:
                reduced = primary_value - lam[t] + mu[t]
                if reduced > 0:
                    options.append((primary_units, reduced, t))
            if backup_value is not None:
                reduced = backup_value - mu[t]
                if reduced > 0:
                    options.append((backup_units, reduced, backup_ids[t]))
            if options:
                groups.append(options)
                for option in options:
                    offered[option[2]] = option
        return groups, offered

    def load_terms(self, p: int, base: float) -> Callable[[int], float] | None:
        """Person ``p``'s load terms by units of the bound, above ``base`` hours."""
        kinks = self.problem.kinks[p]
        if not kinks:
            return None
        scale = self.scale

        def scaled(units: int) -> float:
            return penalty(kinks, base + units / scale)

        return scaled

    def _solve(self, p: int) -> tuple[float, list[int]]:
        groups, offered = self.groups(p)
        # The last choices, at the new prices, are still feasible: a value to beat.
        kept = [offered[ident] for ident in self.picks[p] if ident in offered]
        weight = sum(option[0] for option in kept)
        value = sum(option[1] for option in kept)
        scaled = self.load_terms(p, self.problem.pinned_load[p])
        if scaled is not None:
            value += scaled(weight)
        total, chosen = pack(groups, self.capacity[p], scaled, at_least=value)
        if total < value:
            return value, [option[2] for option in kept]
        return total, chosen

    def _count(self, picks: list[int], change: int) -> None:
        n_instances = self.n_instances
        for ident in picks:
            slot, t = item_slot(ident, n_instances)
            if slot is Slot.PRIMARY:
                self.primary_takers[t] += change
            else:
                self.backup_takers[t] += change

    def evaluate(self) -> float:
        """The relaxation's value at the current prices: an upper bound on the optimum."""
        total = self.constant
        for t in range(self.n_instances):
            if self.free[t]:
                total += self.lam[t]
            elif self.backable[t]:
                total += self.mu[t]
        for p, cached in enumerate(self.values):
            if cached is None:
                self._count(self.picks[p], -1)
                value, picks = self._solve(p)
                self.solves += 1
                self.values[p], self.picks[p] = value, picks
                self._count(picks, +1)
            else:
                value = cached
            total += value
        return total

    def choices(self) -> tuple[list[Choice], list[Choice]]:
        """The current relaxed choices, ``(value, instance, person)``, primaries and back-ups."""
        problem, n_instances = self.problem, self.n_instances
        primaries, backups = [], []
        for p, picks in enumerate(self.picks):
            for ident in picks:
                slot, t = item_slot(ident, n_instances)
                if slot is Slot.PRIMARY:
                    primaries.append((problem.primary_value[p][t], t, p))
                else:
                    backups.append((problem.backup_value[p][t], t, p))
        return primaries, backups

    def block_gaps(self, best: Best) -> list[float]:
        """Per school, how far its people's knapsacks are above the best allocation.

        Each person's relaxed value is compared with what their part of the best
        allocation is worth at the current prices, which their knapsack could have chosen:
        the differences are not negative, and over everyone they add up to the bound
        minus the best allocation's Lagrangian value.
        """
        problem, lam, mu = self.problem, self.lam, self.mu
        gaps = [0.0] * self.n_blocks
        for p, menu in enumerate(self.menus):
            b, value = self.people_block[p], self.values[p]
            if b == NOBODY or value is None:
                continue
            worth, load = 0.0, problem.pinned_load[p]
            for t, _, primary_value, _, backup_value in menu:
                if primary_value is not None and best.primary[t] == p:
                    worth += primary_value - lam[t] + mu[t]
                    load += problem.hours[t]
                elif backup_value is not None and best.backup[t] == p:
                    worth += backup_value - mu[t]
                    load += problem.backup_hours[t]
            gaps[b] += max(0.0, value - worth - problem.penalty(p, load))
        return gaps

    def block_steps(self, best: Best | None) -> list[float] | None:
        """Per school, the step's size (factor × gap); ``None`` for one school."""
        if self.n_blocks < 2 or best is None:
            return None
        gaps = self.block_gaps(best)
        for b, gap in enumerate(gaps):
            if gap < self.block_best[b] * (1 - BLOCK_PROGRESS):
                self.block_best[b] = gap
                self.block_stall[b] = 0
            else:
                self.block_stall[b] += 1
                if self.block_stall[b] >= self.stall:
                    self.theta[b] /= 2
                    self.block_stall[b] = 0
        return [theta * gap for theta, gap in zip(self.theta, gaps, strict=True)]

    def step(self, size: float, blocks: list[float] | None = None) -> bool:
        """Move the prices along the subgradient; ``False`` when it is zero (optimal).

        ``size`` is the step's size over the whole subgradient; ``blocks``, per school,
        the size for that school's own instances.
        """
        n_instances, free, backable = self.n_instances, self.free, self.backable
        primary_takers, backup_takers = self.primary_takers, self.backup_takers
        g_lam = [(1 - primary_takers[t]) if free[t] else 0 for t in range(n_instances)]
        g_mu = [
            (primary_takers[t] + (0 if free[t] else 1) - backup_takers[t]) if backable[t] else 0
            for t in range(n_instances)
        ]
        norm = sum(g * g for g in g_lam) + sum(g * g for g in g_mu)
        if norm == 0:
            return False
        steps = [size / norm] * n_instances
        if blocks is not None:
            norms = [0.0] * self.n_blocks
            for t, b in enumerate(self.block_of):
                if b != NOBODY:
                    norms[b] += g_lam[t] * g_lam[t] + g_mu[t] * g_mu[t]
            for t, b in enumerate(self.block_of):
                if b != NOBODY:
                    steps[t] = blocks[b] / norms[b] if norms[b] else 0.0
        lam, mu, values, people_of = self.lam, self.mu, self.values, self.people_of
        for t in range(n_instances):
            step = steps[t]
            new_lam = max(0.0, lam[t] - step * g_lam[t])
            new_mu = max(0.0, mu[t] - step * g_mu[t])
            if new_lam != lam[t] or new_mu != mu[t]:
                lam[t], mu[t] = new_lam, new_mu
                for p in people_of[t]:
                    values[p] = None
        return True

    def reaches(self, p: int, t: int, slot: Slot, need: float) -> bool:
        """Whether the knapsack of ``p`` with ``t``'s ``slot`` forced in reaches ``need``."""
        for u, primary_units, primary_value, backup_units, backup_value in self.menus[p]:
            if u == t:
                if slot is Slot.BACKUP:
                    weight, value = backup_units, backup_value
                else:
                    weight, value = primary_units, primary_value
                break
        else:
            return False
        if value is None or weight > self.capacity[p]:
            return False
        value += -self.mu[t] if slot is Slot.BACKUP else self.mu[t] - self.lam[t]
        groups, _ = self.groups(p, skip=t)
        scaled = self.load_terms(p, self.problem.pinned_load[p] + weight / self.scale)
        empty = scaled(0) if scaled is not None else 0.0
        if value + sum(max(o[1] for o in g) for g in groups) + empty < need:
            return False
        total, _ = pack(groups, self.capacity[p] - weight, scaled, at_least=need - value)
        return value + total >= need


def hopeless(
    problem: Problem,
    outcome: Outcome,
    time_limit: float | None = None,
    settings: HeuristicSettings | None = None,
) -> set[tuple[Slot, int, int]]:
    """The choices ``(slot, person, instance)`` no better allocation uses.

    At the prices of the best bound, forcing a person to take an instance bounds every
    allocation in which they do: the bound minus their knapsack plus their knapsack with
    that instance forced in. Where that falls short of ``outcome``'s value, no allocation
    with that choice can beat it, and the exact solver may leave the choice out (Lagrangian
    variable fixing). The optimum is then the better of ``outcome`` and what remains.
    Within ``time_limit`` seconds: what is found by then is left out, which is as valid.
    """
    if outcome.prices is None:
        return set()
    clock = Clock(time_limit)
    settings = settings if settings is not None else HeuristicSettings()
    relaxation = Relaxation(problem, settings, problem.school_blocks())
    relaxation.lam, relaxation.mu = list(outcome.prices[0]), list(outcome.prices[1])
    bound = relaxation.evaluate()
    n_instances = relaxation.n_instances
    # Float sums differ in their last bits: leave out only what falls clearly short.
    lower = outcome.objective - FIXING_MARGIN * max(1.0, abs(outcome.objective))
    left_out: set[tuple[Slot, int, int]] = set()
    for p, menu in enumerate(relaxation.menus):
        if clock.up():
            break
        need = lower - (bound - (relaxation.values[p] or 0.0))  # evaluate() solved everyone
        picked = set(relaxation.picks[p])
        for t, _, primary_value, _, backup_value in menu:
            if (
                primary_value is not None
                and t not in picked
                and not relaxation.reaches(p, t, Slot.PRIMARY, need)
            ):
                left_out.add((Slot.PRIMARY, p, t))
            if (
                backup_value is not None
                and backup_item(t, n_instances) not in picked
                and not relaxation.reaches(p, t, Slot.BACKUP, need)
            ):
                left_out.add((Slot.BACKUP, p, t))
    # The allocation itself must stay possible (it always does, up to rounding).
    for t, p in enumerate(outcome.primary):
        left_out.discard((Slot.PRIMARY, p, t))
    for t, p in enumerate(outcome.backup):
        left_out.discard((Slot.BACKUP, p, t))
    return left_out


def resolution(problem: Problem) -> float | None:
    """A step every objective value is a whole multiple of, if there is one (and no load terms).

    Then no allocation is worth anything between two steps, so a bound can be rounded
    down to a step, which lets the heuristic prove optimality without a solver.
    """
    if any(problem.kinks):
        return None
    for step in (1.0, 0.1, 0.01):
        if all(
            abs(v / step - round(v / step)) <= WHOLE_STEPS * max(1.0, abs(v / step))
            for values in (*problem.primary_value, *problem.backup_value)
            for v in values.values()
        ):
            return step
    return None


def converged(history: list[float], settings: HeuristicSettings) -> bool:
    """Whether the best bound fell by at most ``converge_gain`` over the last window.

    Not before it fell below the first bound at all: the first steps may overshoot (the
    bound rises while the step size settles), which says nothing about convergence.
    """
    window = settings.converge_window
    if len(history) <= window or history[-1] >= history[0]:
        return False
    earlier, now = history[-1 - window], history[-1]
    return earlier - now <= settings.converge_gain * abs(now)


def proof_margin(bound: float, step: float | None) -> float:
    """How far ``bound`` may lie above an allocation that it still proves optimal.

    With a resolution ``step`` (see :func:`resolution`), anything under half a step;
    otherwise float noise.
    """
    if step is not None:
        return step / 2
    return PROOF_MARGIN * max(1.0, abs(bound))
