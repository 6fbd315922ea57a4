"""The default solver, in pure Python, with a certified bound.

Greedy construction, exact re-packing of one person's tasks, ejection moves, and a
Lagrangian relaxation whose value is a valid upper bound on the optimum. Iteration
counts, not the clock, decide when it stops, so the same input gives the same allocation;
a time limit only cuts the work short.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable

import attrs

from ict_competence.allocation._knapsack import Option, pack
from ict_competence.allocation._problem import EPS, Problem, ceil_units, floor_units, penalty

__all__ = ["Outcome", "solve_heuristic"]

_GAIN = 1e-9
#: Alternatives tried per instance in an ejection pass.
_EJECT_CANDIDATES = 6
_EJECT_PASSES = 3
_REPACK_PASSES = 20
#: Subgradient steps go on while the bound fell by more than this fraction over the last
#: window of steps, at least the window and at most the cap; they stop sooner once the bound
#: is within ``_GAP`` (0.2 %) of the best allocation, where further steps cost more time
#: than they take off the bound. Counts, not the clock, so runs repeat exactly.
_LAGRANGE_MAX = 100
_CONVERGE_WINDOW = 10
_CONVERGE_GAIN = 3e-4
_GAP = 2e-3
#: Subgradient steps between repairs of the relaxation into an allocation; in a school
#: group more often, as each repair may be best for some school (see ``combine``).
_REPAIR_EVERY = 10
_REPAIR_EVERY_GROUP = 3
#: The bound's work in knapsacks solved: a large school group stops here, well before
#: the cap on steps (100 schools after some 45 steps), where the last steps gain least.
_BOUND_SOLVES = 60_000
#: Subgradient steps: Polyak's rule with this factor, halved after this many without progress.
_THETA = 2.0
_STALL = 6
#: Ejection passes before the bound; its repairs give new starting points, and the best
#: allocation gets the full passes afterwards.
_FIRST_EJECT_PASSES = 1
#: The bound's knapsacks count in half hours at the finest (weights rounded down,
#: capacities up): a little looser than the local search's units, still valid, much faster.
_BOUND_UNITS_PER_HOUR = 2

#: An allocation as person numbers per instance (-1: none): primaries, back-ups.
_Allocation = tuple[list[int], list[int]]


@attrs.frozen
class Outcome:
    """What a solver found: person numbers per instance (-1: none), the value and its bound."""

    primary: tuple[int, ...]
    backup: tuple[int, ...]
    objective: float
    bound: float | None
    proven: bool
    solver: str
    stopped_early: bool = False
    #: The multipliers of the best bound (per instance, for primaries and back-ups), for
    #: the exact solver to leave out what cannot beat the allocation.
    prices: tuple[tuple[float, ...], tuple[float, ...]] | None = attrs.field(
        default=None, eq=False, repr=False
    )


class _Clock:
    """A deadline that also counts as 'never' when there is no time limit."""

    def __init__(self, time_limit: float | None) -> None:
        self.deadline = None if time_limit is None else time.monotonic() + time_limit

    def up(self) -> bool:
        return self.deadline is not None and time.monotonic() >= self.deadline


class _State:
    """One feasible allocation under construction, with its value kept up to date."""

    def __init__(self, problem: Problem, weights: list[int], backup_weights: list[int]) -> None:
        self.pr = problem
        n_people, n_instances = len(problem.people), len(problem.instances)
        self.w_primary = weights
        self.w_backup = backup_weights
        self.primary = [-1] * n_instances
        self.backup = [-1] * n_instances
        self.load = [0.0] * n_people
        self.held: list[set[int]] = [set() for _ in range(n_people)]
        self.backing: list[set[int]] = [set() for _ in range(n_people)]
        self.dirty = [True] * n_people
        self.value = 0.0
        self.pen = 0.0
        self.log: list[tuple[int, int, int]] = []
        for t, p in problem.pinned_primary.items():
            self.set_primary(t, p)
        for t, p in problem.pinned_backup.items():
            self.set_backup(t, p)
        self.log.clear()

    # -- primitive changes, logged so that a move can be undone --------------------------------

    def _add_load(self, p: int, hours: float) -> None:
        kinks = self.pr.kinks[p]
        if kinks:
            self.pen += penalty(kinks, self.load[p] + hours) - penalty(kinks, self.load[p])
        self.load[p] += hours

    def _opened(self, candidates: list[int]) -> None:
        # Something became free: only then can someone else's re-packing improve.
        dirty = self.dirty
        for p in candidates:
            dirty[p] = True

    def set_primary(self, t: int, p: int) -> None:
        old = self.primary[t]
        if old == p:
            return
        self.log.append((0, t, old))
        pr = self.pr
        if old >= 0:
            self.held[old].discard(t)
            self._add_load(old, -pr.hours[t])
            self.value -= pr.primary_value[old][t]
        if p >= 0:
            self.held[p].add(t)
            self._add_load(p, pr.hours[t])
            self.value += pr.primary_value[p][t]
        self.primary[t] = p
        dirty = self.dirty
        if old >= 0:
            dirty[old] = True
        if p >= 0:
            dirty[p] = True
            if old < 0:
                self._opened(pr.backup_candidates[t])
        else:
            self._opened(pr.primary_candidates[t])

    def set_backup(self, t: int, p: int) -> None:
        old = self.backup[t]
        if old == p:
            return
        self.log.append((1, t, old))
        pr = self.pr
        if old >= 0:
            self.backing[old].discard(t)
            self._add_load(old, -pr.backup_hours[t])
            self.value -= pr.backup_value[old][t]
        if p >= 0:
            self.backing[p].add(t)
            self._add_load(p, pr.backup_hours[t])
            self.value += pr.backup_value[p][t]
        self.backup[t] = p
        dirty = self.dirty
        if old >= 0:
            dirty[old] = True
        if p >= 0:
            dirty[p] = True
        else:
            self._opened(pr.backup_candidates[t])
        if self.primary[t] >= 0:
            dirty[self.primary[t]] = True

    def drop_primary(self, t: int) -> None:
        self.set_backup(t, -1)
        self.set_primary(t, -1)

    def undo(self, mark: int) -> None:
        log = self.log
        while len(log) > mark:
            kind, t, old = log.pop()
            if kind == 0:
                self.set_primary(t, old)
            else:
                self.set_backup(t, old)
            log.pop()

    def objective(self) -> float:
        return self.value + self.pen

    def fits(self, p: int, hours: float) -> bool:
        return self.load[p] + hours <= self.pr.capacity[p] + EPS

    def gain(self, p: int, hours: float, value: float) -> float:
        kinks = self.pr.kinks[p]
        if not kinks:
            return value
        load = self.load[p]
        return value + penalty(kinks, load + hours) - penalty(kinks, load)

    # -- construction ---------------------------------------------------------------------------

    def fill(self, order: Iterable[int]) -> None:
        """Give each unassigned instance to its best eligible person with room."""
        pr = self.pr
        for t in order:
            if self.primary[t] >= 0:
                continue
            hours = pr.hours[t]
            for p in pr.primary_candidates[t]:
                if self.fits(p, hours) and self.gain(p, hours, pr.primary_value[p][t]) > 0:
                    self.set_primary(t, p)
                    break

    def fill_backups(self, order: Iterable[int]) -> None:
        """Give each covered instance without a back-up its best eligible back-up with room."""
        pr = self.pr
        for t in order:
            holder = self.primary[t]
            if holder < 0 or self.backup[t] >= 0:
                continue
            hours = pr.backup_hours[t]
            for p in pr.backup_candidates[t]:
                if (
                    p != holder
                    and self.fits(p, hours)
                    and self.gain(p, hours, pr.backup_value[p][t]) > 0
                ):
                    self.set_backup(t, p)
                    break

    # -- exact re-packing of one person ---------------------------------------------------------

    def repack(self, p: int, capacity: int, forced: int = -1) -> list[int]:
        """Re-solve person ``p``'s tasks exactly; return the primaries they dropped.

        Only instances nobody else holds are open to ``p``: unassigned ones as primary,
        back-up slots of others' instances. ``forced`` is an instance ``p`` must keep;
        without one, nothing changes unless the objective improves.
        """
        pr = self.pr
        groups, current = self._menu(p, forced)
        self.dirty[p] = False
        base = pr.pinned_load[p]
        if forced >= 0:
            capacity -= self.w_primary[forced]
            base += pr.hours[forced]
        kinks = pr.kinks[p]
        scaled: Callable[[int], float] | None = None
        if kinks:
            scale = pr.scale

            def scaled(units: int) -> float:
                return penalty(kinks, base + units / scale)

        if forced < 0:
            # Only a strictly better packing matters, so the search may drop the rest.
            held = current + pr.penalty(p, self.load[p]) + _GAIN
            total, chosen = pack(groups, max(capacity, 0), scaled, at_least=held)
            if total <= held:
                return []
        else:
            total, chosen = pack(groups, max(capacity, 0), scaled)
        before = self.objective()
        mark = len(self.log)
        dropped = self._take(p, chosen, forced)
        if forced < 0 and self.objective() <= before + _GAIN:
            # Only when weights were rounded can the exact value disagree; keep what was.
            self.undo(mark)
            self.dirty[p] = False
            return []
        self.dirty[p] = False
        return dropped

    def _menu(self, p: int, forced: int) -> tuple[list[tuple[Option]], float]:
        """Person ``p``'s items for re-packing, and the value of what they hold now."""
        pr = self.pr
        n_instances = len(pr.instances)
        primary, backup = self.primary, self.backup
        pinned_primary, pinned_backup = pr.pinned_primary, pr.pinned_backup
        w_primary, w_backup = self.w_primary, self.w_backup
        groups: list[tuple[Option]] = []
        current = 0.0
        for t, value in pr.primary_value[p].items():
            if t == forced or t in pinned_primary:
                continue
            holder = primary[t]
            if holder == p:
                # Dropping an instance loses its back-up too, so keeping it is worth both.
                b = backup[t]
                kept = value + (pr.backup_value[b][t] if b >= 0 else 0.0)
                current += kept
                groups.append(((w_primary[t], kept, t),))
            elif holder < 0 and value > 0:
                groups.append(((w_primary[t], value, t),))
        for t, value in pr.backup_value[p].items():
            holder = primary[t]
            if holder < 0 or holder == p or t in pinned_backup:
                continue
            b = backup[t]
            if b == p:
                current += value
                groups.append(((w_backup[t], value, n_instances + t),))
            elif b < 0 and value > 0:
                groups.append(((w_backup[t], value, n_instances + t),))
        return groups, current

    def _take(self, p: int, chosen: list[int], forced: int) -> list[int]:
        """Make ``chosen`` (plus pins and ``forced``) exactly what ``p`` holds."""
        pr = self.pr
        n_instances = len(pr.instances)
        keep = set(chosen)
        dropped = []
        for t in [t for t in self.held[p] if t not in keep and t != forced]:
            if t not in pr.pinned_primary:
                self.drop_primary(t)
                dropped.append(t)
        for t in [t for t in self.backing[p] if n_instances + t not in keep]:
            if t not in pr.pinned_backup:
                self.set_backup(t, -1)
        for ident in chosen:
            if ident < n_instances:
                self.set_primary(ident, p)
            else:
                self.set_backup(ident - n_instances, p)
        return dropped


@attrs.define
class _Best:
    primary: list[int]
    backup: list[int]
    objective: float


class _Heuristic:
    """The search: construction, local search, and the Lagrangian bound with repairs."""

    def __init__(self, problem: Problem, clock: _Clock) -> None:
        self.pr = problem
        self.clock = clock
        self.stopped_early = False
        n_people = len(problem.people)
        units = problem.units
        self.w_up = [units(hours, up=True) for hours in problem.hours]
        self.wb_up = [units(hours, up=True) for hours in problem.backup_hours]
        self.bound_scale = min(problem.scale, _BOUND_UNITS_PER_HOUR)
        self.w_down = [floor_units(hours * self.bound_scale) for hours in problem.hours]
        self.wb_down = [floor_units(hours * self.bound_scale) for hours in problem.backup_hours]
        free = [max(0.0, problem.capacity[p] - problem.pinned_load[p]) for p in range(n_people)]
        self.cap_down = [units(hours, up=False) for hours in free]
        self.cap_up = [ceil_units(hours * self.bound_scale) for hours in free]
        n_instances = len(problem.instances)
        pinned = problem.pinned_primary
        self.order = sorted(
            (t for t in range(n_instances) if t not in pinned),
            key=lambda t: (len(problem.primary_candidates[t]), -problem.hours[t], t),
        )
        self.backup_order = [
            t
            for t in range(n_instances)
            if problem.backup_candidates[t] and t not in problem.pinned_backup
        ]
        self.best: _Best | None = None
        # In a school group: each school's instances and people, and every allocation seen,
        # to take each school's part from whichever allocation did best there.
        self.blocks = _school_blocks(problem)
        self.pool: list[_Allocation] = []
        #: Subgradient steps the last bound took (for tests and tuning).
        self.iterations = 0
        self.prices: tuple[tuple[float, ...], tuple[float, ...]] | None = None

    # -- local search ---------------------------------------------------------------------------

    def new_state(self) -> _State:
        return _State(self.pr, self.w_up, self.wb_up)

    def settle(self, state: _State) -> None:
        """Re-pack every person whose options changed until nobody can improve alone."""
        people = range(len(self.pr.people))
        for _ in range(_REPACK_PASSES):
            if self.clock.up():
                self.stopped_early = True
                return
            changed = False
            for p in people:
                if state.dirty[p] and state.repack(p, self.cap_down[p]):
                    changed = True
            if not changed:
                return

    def construct(self) -> _State:
        state = self.new_state()
        state.fill(self.order)
        state.fill_backups(self.backup_order)
        self.settle(state)
        return state

    def try_move(self, state: _State, t: int, q: int) -> bool:
        """Give instance ``t`` to ``q``, let ``q`` and the old holder re-pack; keep if better."""
        before = state.objective()
        mark = len(state.log)
        p = state.primary[t]
        if state.backup[t] == q:
            state.set_backup(t, -1)
        state.set_primary(t, q)
        dropped = state.repack(q, self.cap_down[q], forced=t)
        if p >= 0:
            dropped += state.repack(p, self.cap_down[p])
        if dropped:
            state.fill(dropped)
            state.fill_backups(dropped)
        state.fill_backups((t,))
        if state.objective() > before + _GAIN:
            del state.log[mark:]
            return True
        state.undo(mark)
        return False

    def eject(self, state: _State, passes: int = _EJECT_PASSES) -> None:
        """Ejection moves over every instance until a pass finds nothing better."""
        pr = self.pr
        room = [self.cap_down[p] for p in range(len(pr.people))]
        for _ in range(passes):
            improved = False
            for t in self.order:
                if self.clock.up():
                    self.stopped_early = True
                    return
                holder = state.primary[t]
                tried = 0
                for q in pr.primary_candidates[t]:
                    if q == holder or self.w_up[t] > room[q]:
                        continue
                    tried += 1
                    if self.try_move(state, t, q):
                        improved = True
                        break
                    if tried >= _EJECT_CANDIDATES:
                        break
            self.settle(state)
            if not improved:
                return

    def keep_if_better(self, state: _State) -> _Best:
        """Remember ``state`` if it beats the best so far; return the best."""
        objective = exact_objective(self.pr, state.primary, state.backup)
        if self.blocks:
            self.pool.append((list(state.primary), list(state.backup)))
        if self.best is None or objective > self.best.objective + _GAIN:
            self.best = _Best(list(state.primary), list(state.backup), objective)
        return self.best

    # -- Lagrangian relaxation ------------------------------------------------------------------

    def lagrange(self, limit: int = _LAGRANGE_MAX) -> float | None:
        """Subgradient steps on the relaxation; returns the best (lowest) valid bound found.

        Every few steps the relaxation's choices are repaired into an allocation, which
        may beat the best one so far. The steps stop at ``limit``, once the bound is within
        ``_GAP`` of the best allocation, or once it has converged: fallen by no more than
        ``_CONVERGE_GAIN`` of itself over the last ``_CONVERGE_WINDOW`` steps.
        """
        dual = _Dual(self)
        resolution = _resolution(self.pr)
        best_bound = math.inf
        history: list[float] = []
        theta = _THETA
        stall = 0
        every = _REPAIR_EVERY_GROUP if self.blocks else _REPAIR_EVERY
        self.iterations = 0
        for iteration in range(limit):
            if self.clock.up():
                self.stopped_early = True
                break
            self.iterations = iteration + 1
            total = dual.evaluate()
            if resolution is not None:
                total = math.floor(total / resolution + 1e-6) * resolution
            if total < best_bound - _GAIN:
                best_bound = total
                self.prices = (tuple(dual.lam), tuple(dual.mu))
                stall = 0
            else:
                stall += 1
                if stall >= _STALL:
                    theta /= 2
                    stall = 0
            history.append(best_bound)
            lower = self.best.objective if self.best is not None else 0.0
            last = iteration == limit - 1 or _converged(history) or dual.solves >= _BOUND_SOLVES
            if last or iteration % every == every - 1:
                self.repair(*dual.choices())
                lower = self.best.objective if self.best is not None else 0.0
            gap = best_bound - lower
            if gap <= _proof_margin(best_bound, resolution) or gap <= _GAP * abs(best_bound):
                break
            size = theta * max(total - lower, 1e-6 * max(1.0, abs(total)))
            if last or not dual.step(size, dual.block_steps(self.best)):
                break
        return best_bound if math.isfinite(best_bound) else None

    def repair(
        self,
        chosen_primary: list[tuple[float, int, int]],
        chosen_backup: list[tuple[float, int, int]],
    ) -> None:
        """Turn the relaxation's choices into a feasible allocation and polish it."""
        pr = self.pr
        state = self.new_state()
        for value, t, p in sorted(chosen_primary, key=lambda c: (-c[0], c[1], c[2])):
            if state.primary[t] < 0 and state.fits(p, pr.hours[t]) and value > 0:
                state.set_primary(t, p)
        for value, t, p in sorted(chosen_backup, key=lambda c: (-c[0], c[1], c[2])):
            if (
                state.primary[t] >= 0
                and state.primary[t] != p
                and state.backup[t] < 0
                and state.fits(p, pr.backup_hours[t])
                and value > 0
            ):
                state.set_backup(t, p)
        state.fill(self.order)
        state.fill_backups(self.backup_order)
        self.settle(state)
        self.keep_if_better(state)

    def run(self) -> Outcome:
        state = self.construct()
        self.eject(state, passes=_FIRST_EJECT_PASSES)
        best = self.keep_if_better(state)
        bound = self.lagrange(_LAGRANGE_MAX)
        best = self.best or best
        polished = self.combine(best) or self.state_of(best.primary, best.backup)
        self.eject(polished)
        best = self.keep_if_better(polished)
        resolution = _resolution(self.pr)
        if bound is not None and best.objective - 1e-9 * max(1.0, abs(bound)) <= bound:
            # Float sums can put a bound that proves optimality a hair under the optimum.
            bound = max(bound, best.objective)
        proven = bound is not None and bound - best.objective <= _proof_margin(bound, resolution)
        return Outcome(
            tuple(best.primary),
            tuple(best.backup),
            best.objective,
            bound,
            proven,
            "heuristic",
            self.stopped_early,
            self.prices,
        )

    def combine(self, best: _Best) -> _State | None:
        """``best`` with each school's part from the allocation seen that did best there.

        A school's instances are open to its own people only, so its part can be swapped
        for another allocation's as long as its people keep room for what they carry of
        the group's own instances in ``best``. ``None`` when nothing beats ``best``.
        """
        if len(self.pool) < 2:
            return None
        pr = self.pr
        primary, backup = list(best.primary), list(best.backup)
        elsewhere = [0.0] * len(pr.people)
        for t in self.blocks[-1][0]:
            if primary[t] >= 0:
                elsewhere[primary[t]] += pr.hours[t]
            if backup[t] >= 0:
                elsewhere[backup[t]] += pr.backup_hours[t]
        for block in self.blocks[:-1]:
            instances = block[0]
            top = _part_value(pr, instances, (primary, backup))
            chosen = None
            for candidate in self.pool:
                value = _part_value(pr, instances, candidate)
                if value > top + _GAIN and _part_fits(pr, block, elsewhere, candidate):
                    top, chosen = value, candidate
            if chosen is not None:
                for t in instances:
                    primary[t], backup[t] = chosen[0][t], chosen[1][t]
        if exact_objective(pr, primary, backup) <= best.objective + _GAIN:
            return None
        return self.state_of(primary, backup)

    def state_of(self, primary: list[int], backup: list[int]) -> _State:
        """A state holding this allocation, to search on from."""
        state = self.new_state()
        for t, p in enumerate(primary):
            state.set_primary(t, p)
        for t, p in enumerate(backup):
            state.set_backup(t, p)
        state.log.clear()
        return state


class _Dual:
    """The Lagrangian relaxation, where every person solves their own knapsack.

    "One primary per instance" and "back-ups only where a primary is" are moved into
    the objective with multipliers. A person's knapsack is solved again only when a
    multiplier on their menu moved.
    """

    def __init__(self, search: _Heuristic) -> None:
        pr = self.pr = search.pr
        n_people, n_instances = len(pr.people), len(pr.instances)
        self.n = n_instances
        pinned_primary, pinned_backup = pr.pinned_primary, pr.pinned_backup
        self.free = free = [t not in pinned_primary for t in range(n_instances)]
        self.backable = backable = [
            bool(pr.backup_candidates[t]) and t not in pinned_backup for t in range(n_instances)
        ]
        self.constant = sum(pr.primary_value[p][t] for t, p in pinned_primary.items()) + sum(
            pr.backup_value[p][t] for t, p in pinned_backup.items()
        )
        # Per person: (instance, primary weight, value or None, back-up weight, value or None).
        self.menus: list[list[tuple[int, int, float | None, int, float | None]]] = []
        self.people_of: list[list[int]] = [[] for _ in range(n_instances)]
        for p in range(n_people):
            entries: dict[int, list[float | None]] = {}
            for t, value in pr.primary_value[p].items():
                if free[t]:
                    entries[t] = [value, None]
            for t, value in pr.backup_value[p].items():
                if backable[t] and pinned_primary.get(t) != p:
                    entries.setdefault(t, [None, None])[1] = value
            for t in entries:
                self.people_of[t].append(p)
            self.menus.append(
                [
                    (t, search.w_down[t], values[0], search.wb_down[t], values[1])
                    for t, values in sorted(entries.items())
                ]
            )
        self.capacity = search.cap_up
        self.scale = search.bound_scale
        self.lam = [0.0] * n_instances
        self.mu = [0.0] * n_instances
        self.value: list[float | None] = [None] * n_people
        self.picks: list[list[int]] = [[] for _ in range(n_people)]
        self.x_count = [0] * n_instances
        self.y_count = [0] * n_instances
        #: Knapsacks solved so far: the work the bound has done.
        self.solves = 0
        # In a school group each school is a block of its own, tied to the others only by
        # the group's instances: a block's multipliers step by its own share of the gap,
        # with its own Polyak factor, so that one school's progress does not set another's
        # pace. The group's instances (block -1) take the global step.
        schools = search.blocks[:-1]
        self.block_of = [-1] * n_instances
        self.people_block = [-1] * n_people
        for b, (instances, members) in enumerate(schools):
            for t in instances:
                self.block_of[t] = b
            for p in members:
                self.people_block[p] = b
        self.n_blocks = len(schools)
        self.theta = [_THETA] * self.n_blocks
        self.block_best = [math.inf] * self.n_blocks
        self.block_stall = [0] * self.n_blocks

    def _groups(self, p: int, skip: int = -1) -> tuple[list[list[Option]], dict[int, Option]]:
        """Person ``p``'s knapsack at the current prices (without instance ``skip``)."""
        lam, mu, n = self.lam, self.mu, self.n
        groups: list[list[Option]] = []
        offered: dict[int, Option] = {}
        for t, w_p, v_p, w_b, v_b in self.menus[p]:
            if t == skip:
                continue
            options: list[Option] = []
            if v_p is not None:
                reduced = v_p - lam[t] + mu[t]
                if reduced > 0:
                    options.append((w_p, reduced, t))
            if v_b is not None:
                reduced = v_b - mu[t]
                if reduced > 0:
                    options.append((w_b, reduced, n + t))
            if options:
                groups.append(options)
                for option in options:
                    offered[option[2]] = option
        return groups, offered

    def _penalty(self, p: int, base: float) -> Callable[[int], float] | None:
        """Person ``p``'s load terms by units of the bound, above ``base`` hours."""
        kinks = self.pr.kinks[p]
        if not kinks:
            return None
        scale = self.scale

        def scaled(units: int) -> float:
            return penalty(kinks, base + units / scale)

        return scaled

    def _solve(self, p: int) -> tuple[float, list[int]]:
        groups, offered = self._groups(p)
        # The last choices, at the new prices, are still feasible: a value to beat.
        kept = [offered[ident] for ident in self.picks[p] if ident in offered]
        weight = sum(option[0] for option in kept)
        value = sum(option[1] for option in kept)
        scaled = self._penalty(p, self.pr.pinned_load[p])
        if scaled is not None:
            value += scaled(weight)
        total, chosen = pack(groups, self.capacity[p], scaled, at_least=value)
        if total < value:
            return value, [option[2] for option in kept]
        return total, chosen

    def evaluate(self) -> float:
        """The relaxation's value at the current multipliers: an upper bound on the optimum."""
        n = self.n
        total = self.constant
        for t in range(n):
            if self.free[t]:
                total += self.lam[t]
            elif self.backable[t]:
                total += self.mu[t]
        x_count, y_count = self.x_count, self.y_count
        for p, cached in enumerate(self.value):
            if cached is None:
                for ident in self.picks[p]:
                    if ident < n:
                        x_count[ident] -= 1
                    else:
                        y_count[ident - n] -= 1
                value, picks = self._solve(p)
                self.solves += 1
                self.value[p], self.picks[p] = value, picks
                for ident in picks:
                    if ident < n:
                        x_count[ident] += 1
                    else:
                        y_count[ident - n] += 1
            else:
                value = cached
            total += value
        return total

    def choices(self) -> tuple[list[tuple[float, int, int]], list[tuple[float, int, int]]]:
        """The current relaxed choices, ``(value, instance, person)``, primaries and back-ups."""
        pr, n = self.pr, self.n
        primaries, backups = [], []
        for p, picks in enumerate(self.picks):
            for ident in picks:
                if ident < n:
                    primaries.append((pr.primary_value[p][ident], ident, p))
                else:
                    backups.append((pr.backup_value[p][ident - n], ident - n, p))
        return primaries, backups

    def block_gaps(self, best: _Best) -> list[float]:
        """Per school, how far its people's knapsacks are above the best allocation.

        Each person's relaxed value is compared with what their part of the best
        allocation is worth at the current prices, which their knapsack could have chosen:
        the differences are not negative, and over everyone they add up to the bound
        minus the best allocation's Lagrangian value.
        """
        pr, lam, mu = self.pr, self.lam, self.mu
        gaps = [0.0] * self.n_blocks
        for p, menu in enumerate(self.menus):
            b, value = self.people_block[p], self.value[p]
            if b < 0 or value is None:
                continue
            worth, load = 0.0, pr.pinned_load[p]
            for t, _, v_p, _, v_b in menu:
                if v_p is not None and best.primary[t] == p:
                    worth += v_p - lam[t] + mu[t]
                    load += pr.hours[t]
                elif v_b is not None and best.backup[t] == p:
                    worth += v_b - mu[t]
                    load += pr.backup_hours[t]
            gaps[b] += max(0.0, value - worth - pr.penalty(p, load))
        return gaps

    def block_steps(self, best: _Best | None) -> list[float] | None:
        """Per school, the step's size (factor × gap); ``None`` for one school."""
        if self.n_blocks < 2 or best is None:
            return None
        gaps = self.block_gaps(best)
        for b, gap in enumerate(gaps):
            if gap < self.block_best[b] * (1 - 1e-9):
                self.block_best[b] = gap
                self.block_stall[b] = 0
            else:
                self.block_stall[b] += 1
                if self.block_stall[b] >= _STALL:
                    self.theta[b] /= 2
                    self.block_stall[b] = 0
        return [theta * gap for theta, gap in zip(self.theta, gaps, strict=True)]

    def step(self, size: float, blocks: list[float] | None = None) -> bool:
        """Move the multipliers along the subgradient; ``False`` when it is zero (optimal).

        ``size`` is the step's size over the whole subgradient; ``blocks``, per school,
        the size for that school's own instances.
        """
        n, free, backable = self.n, self.free, self.backable
        x_count, y_count = self.x_count, self.y_count
        g_lam = [(1 - x_count[t]) if free[t] else 0 for t in range(n)]
        g_mu = [
            (x_count[t] + (0 if free[t] else 1) - y_count[t]) if backable[t] else 0
            for t in range(n)
        ]
        norm = sum(g * g for g in g_lam) + sum(g * g for g in g_mu)
        if norm == 0:
            return False
        steps = [size / norm] * n
        if blocks is not None:
            norms = [0.0] * self.n_blocks
            for t, b in enumerate(self.block_of):
                if b >= 0:
                    norms[b] += g_lam[t] * g_lam[t] + g_mu[t] * g_mu[t]
            for t, b in enumerate(self.block_of):
                if b >= 0:
                    steps[t] = blocks[b] / norms[b] if norms[b] else 0.0
        lam, mu, value, people_of = self.lam, self.mu, self.value, self.people_of
        for t in range(n):
            step = steps[t]
            new_lam = max(0.0, lam[t] - step * g_lam[t])
            new_mu = max(0.0, mu[t] - step * g_mu[t])
            if new_lam != lam[t] or new_mu != mu[t]:
                lam[t], mu[t] = new_lam, new_mu
                for p in people_of[t]:
                    value[p] = None
        return True

    def reaches(self, p: int, t: int, backup: bool, need: float) -> bool:
        """Whether the knapsack of ``p`` with ``t`` (back-up if ``backup``) reaches ``need``."""
        for u, w_p, v_p, w_b, v_b in self.menus[p]:
            if u == t:
                weight, value = (w_b, v_b) if backup else (w_p, v_p)
                break
        else:
            return False
        if value is None or weight > self.capacity[p]:
            return False
        value += -self.mu[t] if backup else self.mu[t] - self.lam[t]
        groups, _ = self._groups(p, skip=t)
        scaled = self._penalty(p, self.pr.pinned_load[p] + weight / self.scale)
        empty = scaled(0) if scaled is not None else 0.0
        if value + sum(max(o[1] for o in g) for g in groups) + empty < need:
            return False
        total, _ = pack(groups, self.capacity[p] - weight, scaled, at_least=need - value)
        return value + total >= need


def hopeless(
    problem: Problem, outcome: Outcome, time_limit: float | None = None
) -> set[tuple[int, int, int]]:
    """The columns ``(0 primary | 1 back-up, person, instance)`` no better allocation uses.

    At the multipliers of the best bound, forcing a person to take an instance bounds every
    allocation in which they do: the bound minus their knapsack plus their knapsack with
    that instance forced in. Where that falls short of ``outcome``'s value, no allocation
    with that choice can beat it, and the exact solver may leave the choice out (Lagrangian
    variable fixing). The optimum is then the better of ``outcome`` and what remains.
    Within ``time_limit`` seconds: what is found by then is left out, which is as valid.
    """
    if outcome.prices is None:
        return set()
    clock = _Clock(time_limit)
    search = _Heuristic(problem, clock)
    dual = _Dual(search)
    dual.lam, dual.mu = list(outcome.prices[0]), list(outcome.prices[1])
    bound = dual.evaluate()
    n = dual.n
    # Float sums differ in their last bits: leave out only what falls clearly short.
    lower = outcome.objective - 1e-7 * max(1.0, abs(outcome.objective))
    left_out: set[tuple[int, int, int]] = set()
    for p, menu in enumerate(dual.menus):
        if clock.up():
            break
        need = lower - (bound - (dual.value[p] or 0.0))  # evaluate() solved everyone
        picked = set(dual.picks[p])
        for t, _, v_p, _, v_b in menu:
            if v_p is not None and t not in picked and not dual.reaches(p, t, False, need):
                left_out.add((0, p, t))
            if v_b is not None and n + t not in picked and not dual.reaches(p, t, True, need):
                left_out.add((1, p, t))
    # The allocation itself must stay possible (it always does, up to rounding).
    for t, p in enumerate(outcome.primary):
        left_out.discard((0, p, t))
    for t, p in enumerate(outcome.backup):
        left_out.discard((1, p, t))
    return left_out


def _school_blocks(problem: Problem) -> list[tuple[list[int], list[int]]]:
    """Per school of a group: its instances and its people; last, the group's own instances.

    Empty for one school, where there is nothing to combine.
    """
    schools: dict[str, tuple[list[int], list[int]]] = {}
    group: list[int] = []
    for t, instance in enumerate(problem.instances):
        if instance.school is None:
            group.append(t)
        else:
            schools.setdefault(instance.school, ([], []))[0].append(t)
    if len(schools) < 2:
        return []
    for p, person in enumerate(problem.people):
        if person.school in schools:
            schools[person.school][1].append(p)
    return [*schools.values(), (group, [])]


def _part_value(problem: Problem, instances: list[int], allocation: _Allocation) -> float:
    """What an allocation's choices on ``instances`` are worth (load terms aside)."""
    primary, backup = allocation
    value = 0.0
    for t in instances:
        if primary[t] >= 0:
            value += problem.primary_value[primary[t]][t]
        if backup[t] >= 0:
            value += problem.backup_value[backup[t]][t]
    return value


def _part_fits(
    problem: Problem,
    block: tuple[list[int], list[int]],
    elsewhere: list[float],
    allocation: _Allocation,
) -> bool:
    """Whether an allocation's part in a block leaves its people room for ``elsewhere``."""
    instances, people = block
    primary, backup = allocation
    load = {p: elsewhere[p] for p in people}
    for t in instances:
        if primary[t] >= 0:
            load[primary[t]] += problem.hours[t]
        if backup[t] >= 0:
            load[backup[t]] += problem.backup_hours[t]
    return all(load[p] <= problem.capacity[p] + EPS for p in people)


def _resolution(problem: Problem) -> float | None:
    """A step every objective value is a whole multiple of, if there is one (and no load terms).

    Then no allocation is worth anything between two steps, so a bound can be rounded
    down to a step, which lets the heuristic prove optimality without a solver.
    """
    if any(problem.kinks):
        return None
    for step in (1.0, 0.1, 0.01):
        if all(
            abs(v / step - round(v / step)) <= 1e-7 * max(1.0, abs(v / step))
            for values in (*problem.primary_value, *problem.backup_value)
            for v in values.values()
        ):
            return step
    return None


def _converged(history: list[float]) -> bool:
    """Whether the best bound fell by at most ``_CONVERGE_GAIN`` over the last window.

    Not before it fell below the first bound at all: the first steps may overshoot (the
    bound rises while the step size settles), which says nothing about convergence.
    """
    if len(history) <= _CONVERGE_WINDOW or history[-1] >= history[0]:
        return False
    earlier, now = history[-1 - _CONVERGE_WINDOW], history[-1]
    return earlier - now <= _CONVERGE_GAIN * abs(now)


def _proof_margin(bound: float, resolution: float | None) -> float:
    if resolution is not None:
        return resolution / 2
    return 1e-9 * max(1.0, abs(bound))


def exact_objective(problem: Problem, primary: list[int], backup: list[int]) -> float:
    """The objective of an allocation, summed afresh (no drift from incremental updates)."""
    value = 0.0
    load = [0.0] * len(problem.people)
    for t, p in enumerate(primary):
        if p >= 0:
            value += problem.primary_value[p][t]
            load[p] += problem.hours[t]
    for t, p in enumerate(backup):
        if p >= 0:
            value += problem.backup_value[p][t]
            load[p] += problem.backup_hours[t]
    return value + sum(problem.penalty(p, hours) for p, hours in enumerate(load))


def solve_heuristic(problem: Problem, time_limit: float | None = None) -> Outcome:
    """Run the heuristic on a compiled problem."""
    return _Heuristic(problem, _Clock(time_limit)).run()
