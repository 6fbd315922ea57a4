"""A solver's allocation checked against the model before anyone sees it.

The exact mode trusts HiGHS only as far as it can check it: every allocation it returns
is held against the compiled problem here (eligibility, back-up rules, pins, hours, the
objective recomputed, the bound not under it). A failure is a bug in a solver, never a
user's mistake, and says which rule broke where.
"""

from __future__ import annotations

from ict_competence.allocation._numeric import EPS, OBJECTIVE_AGREEMENT
from ict_competence.allocation._outcome import NOBODY, Outcome, exact_objective, loads
from ict_competence.allocation._problem import Problem
from ict_competence.errors import IctCompetenceError

__all__ = ["breaches", "check_outcome"]


def _slot_breaches(problem: Problem, outcome: Outcome) -> list[str]:
    found = []
    for t, key in enumerate(problem.keys):
        p, b = outcome.primary[t], outcome.backup[t]
        if p != NOBODY and t not in problem.primary_value[p]:
            found.append(f"{problem.people[p].id} may not be the primary of {key}")
        if b == NOBODY:
            continue
        if p == NOBODY:
            found.append(f"{key} has a back-up but no primary")
        elif b == p:
            found.append(f"{problem.people[b].id} is both primary and back-up of {key}")
        if t not in problem.backup_value[b]:
            found.append(f"{problem.people[b].id} may not be the back-up of {key}")
    for pinned, chosen, duty in (
        (problem.pinned_primary, outcome.primary, "primary"),
        (problem.pinned_backup, outcome.backup, "back-up"),
    ):
        for t, p in pinned.items():
            if chosen[t] != p:
                found.append(f"the pin of {problem.people[p].id} as {duty} of {problem.keys[t]}")
    return found


def breaches(problem: Problem, outcome: Outcome) -> list[str]:
    """What in ``outcome`` breaks the model: empty when it is a valid allocation."""
    n_instances = len(problem.instances)
    if len(outcome.primary) != n_instances or len(outcome.backup) != n_instances:
        return [f"{len(outcome.primary)} primaries for {n_instances} instances"]
    found = _slot_breaches(problem, outcome)
    if found:
        return found  # without eligible choices there is no objective to recompute
    for p, load in enumerate(loads(problem, outcome.primary, outcome.backup)):
        if load > problem.capacity[p] + EPS:
            found.append(
                f"{problem.people[p].id} carries {load:g} hours of {problem.capacity[p]:g}"
            )
    objective = exact_objective(problem, outcome.primary, outcome.backup)
    noise = OBJECTIVE_AGREEMENT * max(1.0, abs(objective))
    if abs(objective - outcome.objective) > noise:
        found.append(f"objective {outcome.objective!r}, recomputed {objective!r}")
    if outcome.bound is not None and outcome.bound < objective - noise:
        found.append(f"bound {outcome.bound!r} under the objective {objective!r}")
    return found


def check_outcome(problem: Problem, outcome: Outcome) -> Outcome:
    """``outcome`` itself, once it is checked against the model.

    Raises:
        IctCompetenceError: the allocation breaks the model (a solver's bug).
    """
    found = breaches(problem, outcome)
    if found:
        raise IctCompetenceError(
            f"internal error: the {outcome.solver} solver returned an allocation that breaks "
            f"the model ({'; '.join(found[:5])}); please report it"
        )
    return outcome
