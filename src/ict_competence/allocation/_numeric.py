"""The allocation's tolerances, in one place: every float comparison the solvers make.

Hours are sums of floats (a back-up costs a tenth of a task's hours, which binary floats
do not hold exactly) and objectives are sums of many such products, so equal values may
differ in their last bits; each constant says how much difference still counts as none.
"""

from __future__ import annotations

__all__ = [
    "BLOCK_PROGRESS",
    "EPS",
    "FIXING_MARGIN",
    "GAIN",
    "GAP_FLOOR",
    "GAP_TOLERANCE",
    "KNAPSACK_SLACK",
    "LOAD_CHANGE",
    "NEAR_INTEGER",
    "OBJECTIVE_AGREEMENT",
    "PRICE_CONVERGED",
    "PROOF_MARGIN",
    "RESOLUTION_NOISE",
    "SCHOOL_ALLOWANCE_SHARE",
    "SCHOOL_GAP",
    "STEP_FLOOR",
    "WHOLE_STEPS",
]

#: Hours within this of a capacity still fit: far above the noise of summing a few
#: hundred hours, far below the quarter hour a school plans in.
EPS = 1e-6
#: An objective must rise by more than this (absolute) to count as a strict improvement:
#: below a thousandth of the smallest score step (0.1 × hours × 1), above float noise.
GAIN = 1e-9
#: Relative slack when the knapsack prunes: sums of the same items in another order
#: may differ in the last bits, and a state must never be lost to that.
KNAPSACK_SLACK = 1e-9
#: Relative distance to a whole number that still counts as whole when hours are scaled
#: to knapsack units: hours come from spreadsheets with two decimals at most.
NEAR_INTEGER = 1e-6
#: Relative distance under which every score counts as a whole multiple of a step (a
#: bound may then be rounded down to a step): scores are products of two-decimal hours.
WHOLE_STEPS = 1e-7
#: Steps of noise allowed when a bound is rounded down to a whole step, so that a bound
#: a hair under a step is not rounded a full step too low.
RESOLUTION_NOISE = 1e-6
#: Relative margin by which a bound may exceed an allocation and still prove it optimal
#: (without a resolution): the float noise of the bound's own sums.
PROOF_MARGIN = 1e-9
#: Relative margin under an allocation's value before variable fixing drops a choice:
#: looser than the proof, as a wrongly dropped choice could hide the optimum.
FIXING_MARGIN = 1e-7
#: The smallest subgradient step, relative to the bound, when the best allocation
#: reaches the relaxation's value: the multipliers must still move.
STEP_FLOOR = 1e-6
#: A school's gap must shrink by more than this share to count as progress.
BLOCK_PROGRESS = 1e-9
#: The smallest denominator of a relative gap: a bound of zero has no relative gap.
GAP_FLOOR = 1e-9
#: The relative gap under which an allocation counts as proven optimal (HiGHS' default).
GAP_TOLERANCE = 1e-4
#: A person's load moved by less than this is float noise, not a change.
LOAD_CHANGE = 1e-9
#: Relative difference under which HiGHS' reported objective agrees with the one summed
#: from its solution: its feasibility tolerance (1e-7) times the costs, with room.
OBJECTIVE_AGREEMENT = 1e-6
#: The relative gap a school's MILP in the decomposition is solved to: the schools' slack
#: adds up in the group's bound, so it must sit far below ``GAP_TOLERANCE``.
SCHOOL_GAP = 1e-7
#: The share of the group's proof tolerance that the gaps of the schools' stopped solves
#: may use up together; the rest is for the schools' and the master's own gaps
#: (``SCHOOL_GAP``) and what the price rounds leave for the master to close.
SCHOOL_ALLOWANCE_SHARE = 0.75
#: The price rounds of the decomposition stop once the model of the bound promises less
#: than this share of it: then the gap is the master's to close.
PRICE_CONVERGED = 1e-6
