"""The default solver, in pure Python, with a certified bound: the search's orchestration.

Greedy construction, exact re-packing of one person's tasks and ejection moves (on a
:class:`~._local_search.SearchState`), and a Lagrangian relaxation
(:class:`~._lagrange.Relaxation`) whose value is a valid upper bound on the optimum and
whose choices are repaired into new allocations. Iteration counts, not the clock, decide
when it stops, so the same input gives the same allocation; a time limit only cuts the
work short. How much work each phase does is a :class:`~._settings.HeuristicSettings`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from ict_competence.allocation._lagrange import (
    Choice,
    Relaxation,
    converged,
    proof_margin,
    resolution,
)
from ict_competence.allocation._local_search import SearchState
from ict_competence.allocation._numeric import (
    EPS,
    GAIN,
    PROOF_MARGIN,
    RESOLUTION_NOISE,
    STEP_FLOOR,
)
from ict_competence.allocation._outcome import (
    NOBODY,
    Best,
    Clock,
    Outcome,
    exact_objective,
    loads,
)
from ict_competence.allocation._problem import Block, Problem
from ict_competence.allocation._settings import HeuristicSettings

__all__ = ["Heuristic", "solve_heuristic"]

#: An allocation as person numbers per instance: primaries, back-ups.
_Allocation = tuple[list[int], list[int]]


class Heuristic:
    """The search: construction, local search, and the Lagrangian bound with repairs."""

    def __init__(
        self, problem: Problem, clock: Clock, settings: HeuristicSettings | None = None
    ) -> None:
        self.problem = problem
        self.clock = clock
        self.settings = settings = settings if settings is not None else HeuristicSettings()
        self.stopped_early = False
        units = problem.units
        self.primary_units = [units(hours, up=True) for hours in problem.hours]
        self.backup_units = [units(hours, up=True) for hours in problem.backup_hours]
        self.capacity = [
            units(max(0.0, problem.capacity[p] - problem.pinned_load[p]), up=False)
            for p in range(len(problem.people))
        ]
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
        self.best: Best | None = None
        # In a school group: each school's instances and people, and every allocation seen,
        # to take each school's part from whichever allocation did best there.
        self.blocks = problem.school_blocks()
        self.pool: list[_Allocation] = []
        #: Subgradient steps the last bound took (for tests and tuning).
        self.iterations = 0
        self.prices: tuple[tuple[float, ...], tuple[float, ...]] | None = None

    # -- local search ---------------------------------------------------------------------------

    def new_state(self) -> SearchState:
        """An empty allocation (pins aside) to search from."""
        return SearchState(self.problem, self.primary_units, self.backup_units)

    def settle(self, state: SearchState) -> None:
        """Re-pack every person whose options changed until nobody can improve alone."""
        people = range(len(self.problem.people))
        for _ in range(self.settings.repack_passes):
            if self.clock.up():
                self.stopped_early = True
                return
            changed = False
            for p in people:
                if state.dirty[p] and state.repack(p, self.capacity[p]):
                    changed = True
            if not changed:
                return

    def construct(self) -> SearchState:
        """A first allocation: greedy, then settled."""
        state = self.new_state()
        state.fill(self.order)
        state.fill_backups(self.backup_order)
        self.settle(state)
        return state

    def try_move(self, state: SearchState, t: int, q: int) -> bool:
        """Give instance ``t`` to ``q``, let ``q`` and the old holder re-pack; keep if better."""
        before = state.objective()
        mark = len(state.log)
        p = state.primary[t]
        if state.backup[t] == q:
            state.set_backup(t, NOBODY)
        state.set_primary(t, q)
        dropped = state.repack(q, self.capacity[q], forced=t)
        if p != NOBODY:
            dropped += state.repack(p, self.capacity[p])
        if dropped:
            state.fill(dropped)
            state.fill_backups(dropped)
        state.fill_backups((t,))
        if state.objective() > before + GAIN:
            del state.log[mark:]
            return True
        state.undo(mark)
        return False

    def eject(self, state: SearchState, passes: int | None = None) -> None:
        """Ejection moves over every instance until a pass finds nothing better."""
        problem, settings = self.problem, self.settings
        for _ in range(settings.eject_passes if passes is None else passes):
            improved = False
            for t in self.order:
                if self.clock.up():
                    self.stopped_early = True
                    return
                holder = state.primary[t]
                tried = 0
                for q in problem.primary_candidates[t]:
                    if q == holder or self.primary_units[t] > self.capacity[q]:
                        continue
                    tried += 1
                    if self.try_move(state, t, q):
                        improved = True
                        break
                    if tried >= settings.eject_candidates:
                        break
            self.settle(state)
            if not improved:
                return

    def keep_if_better(self, state: SearchState) -> Best:
        """Remember ``state`` if it beats the best so far; return the best."""
        objective = exact_objective(self.problem, state.primary, state.backup)
        if self.blocks:
            self.pool.append((list(state.primary), list(state.backup)))
        if self.best is None or self.best.beaten_by(objective):
            self.best = Best(list(state.primary), list(state.backup), objective)
        return self.best

    # -- Lagrangian relaxation ------------------------------------------------------------------

    def lagrange(self, limit: int | None = None) -> float | None:
        """Subgradient steps on the relaxation; returns the best (lowest) valid bound found.

        Every few steps the relaxation's choices are repaired into an allocation, which
        may beat the best one so far. The steps stop at ``limit`` (``lagrange_max``), once
        the bound is within ``gap`` of the best allocation, or once it has converged.
        """
        settings = self.settings
        limit = settings.lagrange_max if limit is None else limit
        relaxation = Relaxation(self.problem, settings, self.blocks)
        step_of = resolution(self.problem)
        best_bound = math.inf
        history: list[float] = []
        theta = settings.theta
        stall = 0
        every = settings.repair_every_group if self.blocks else settings.repair_every
        self.iterations = 0
        for iteration in range(limit):
            if self.clock.up():
                self.stopped_early = True
                break
            self.iterations = iteration + 1
            total = relaxation.evaluate()
            if step_of is not None:
                total = math.floor(total / step_of + RESOLUTION_NOISE) * step_of
            if total < best_bound - GAIN:
                best_bound = total
                self.prices = (tuple(relaxation.lam), tuple(relaxation.mu))
                stall = 0
            else:
                stall += 1
                if stall >= settings.stall:
                    theta /= 2
                    stall = 0
            history.append(best_bound)
            last = (
                iteration == limit - 1
                or converged(history, settings)
                or relaxation.solves >= settings.bound_solves
            )
            if last or iteration % every == every - 1:
                self.repair(*relaxation.choices())
            lower = self.best.objective if self.best is not None else 0.0
            gap = best_bound - lower
            if gap <= proof_margin(best_bound, step_of) or gap <= settings.gap * abs(best_bound):
                break
            size = theta * max(total - lower, STEP_FLOOR * max(1.0, abs(total)))
            if last or not relaxation.step(size, relaxation.block_steps(self.best)):
                break
        return best_bound if math.isfinite(best_bound) else None

    def repair(self, chosen_primary: list[Choice], chosen_backup: list[Choice]) -> None:
        """Turn the relaxation's choices into a feasible allocation and polish it."""
        problem = self.problem
        state = self.new_state()
        for value, t, p in sorted(chosen_primary, key=lambda c: (-c[0], c[1], c[2])):
            if state.primary[t] == NOBODY and state.fits(p, problem.hours[t]) and value > 0:
                state.set_primary(t, p)
        for value, t, p in sorted(chosen_backup, key=lambda c: (-c[0], c[1], c[2])):
            if (
                state.primary[t] != NOBODY
                and state.primary[t] != p
                and state.backup[t] == NOBODY
                and state.fits(p, problem.backup_hours[t])
                and value > 0
            ):
                state.set_backup(t, p)
        state.fill(self.order)
        state.fill_backups(self.backup_order)
        self.settle(state)
        self.keep_if_better(state)

    def run(self) -> Outcome:
        """Construct, bound and repair, combine and polish: the best allocation and its bound."""
        state = self.construct()
        self.eject(state, passes=self.settings.first_eject_passes)
        best = self.keep_if_better(state)
        bound = self.lagrange()
        best = self.best or best
        polished = self.combine(best) or self.state_of(best.primary, best.backup)
        self.eject(polished)
        best = self.keep_if_better(polished)
        if bound is not None and best.objective - PROOF_MARGIN * max(1.0, abs(bound)) <= bound:
            # Float sums can put a bound that proves optimality a hair under the optimum.
            bound = max(bound, best.objective)
        step_of = resolution(self.problem)
        proven = bound is not None and bound - best.objective <= proof_margin(bound, step_of)
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

    def combine(self, best: Best) -> SearchState | None:
        """``best`` with each school's part from the allocation seen that did best there.

        A school's instances are open to its own people only, so its part can be swapped
        for another allocation's as long as its people keep room for what they carry of
        the group's own instances in ``best``. ``None`` when nothing beats ``best``.
        """
        if len(self.pool) < 2:
            return None
        problem = self.problem
        primary, backup = list(best.primary), list(best.backup)
        elsewhere = loads(problem, primary, backup, instances=self.blocks[-1][0])
        for block in self.blocks[:-1]:
            instances = block[0]
            top = _part_value(problem, instances, (primary, backup))
            chosen = None
            for candidate in self.pool:
                value = _part_value(problem, instances, candidate)
                if value > top + GAIN and _part_fits(problem, block, elsewhere, candidate):
                    top, chosen = value, candidate
            if chosen is not None:
                for t in instances:
                    primary[t], backup[t] = chosen[0][t], chosen[1][t]
        if not best.beaten_by(exact_objective(problem, primary, backup)):
            return None
        return self.state_of(primary, backup)

    def state_of(self, primary: list[int], backup: list[int]) -> SearchState:
        """A state holding this allocation, to search on from."""
        state = self.new_state()
        for t, p in enumerate(primary):
            state.set_primary(t, p)
        for t, p in enumerate(backup):
            state.set_backup(t, p)
        state.log.clear()
        return state


def _part_value(problem: Problem, instances: list[int], allocation: _Allocation) -> float:
    """What an allocation's choices on ``instances`` are worth (load terms aside)."""
    primary, backup = allocation
    value = 0.0
    for t in instances:
        if primary[t] != NOBODY:
            value += problem.primary_value[primary[t]][t]
        if backup[t] != NOBODY:
            value += problem.backup_value[backup[t]][t]
    return value


def _part_fits(
    problem: Problem, block: Block, elsewhere: Sequence[float], allocation: _Allocation
) -> bool:
    """Whether an allocation's part in a block leaves its people room for ``elsewhere``."""
    instances, people = block
    load = loads(problem, *allocation, instances=instances, start=elsewhere)
    return all(load[p] <= problem.capacity[p] + EPS for p in people)


def solve_heuristic(
    problem: Problem, time_limit: float | None = None, settings: HeuristicSettings | None = None
) -> Outcome:
    """Run the heuristic on a compiled problem."""
    return Heuristic(problem, Clock(time_limit), settings).run()
