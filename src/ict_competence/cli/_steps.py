"""Where a plan's roadmap stands, what moves it on, and which steps take no typed answer.

The plan's data answers roadmap steps 5–7 (``SchoolPlan.advance``) and ``plan next-cycle``
completes the evaluation: an answer typed for one of those steps would overrule the data
(``done`` at step 7 without an allocation leaves the plan stuck), so the command refuses
it and says what to run instead. Every other step is the school's own judgement.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ict_competence.allocation import Allocation
from ict_competence.cli._answers import accepted
from ict_competence.cli._common import PROG
from ict_competence.flow import Move, RoadmapSession, SessionStatus, StepKind
from ict_competence.plan import SchoolPlan

# The steps the plan's data answers, with their kinds: the library's own table.
from ict_competence.plan._assessor import DATA_STEPS

__all__ = ["data_step", "move_line", "quality", "typed_refusal", "where"]


def data_step(session: RoadmapSession) -> int | None:
    """The number of the current step if the plan answers it (5–7, or the evaluation)."""
    step = session.current
    if step.kind is StepKind.EVALUATION or DATA_STEPS.get(step.number) is step.kind:
        return step.number
    return None


def _todo(plan: SchoolPlan, path: Path) -> str:
    """What moves the plan on from where its roadmap is, as the commands to run."""
    session, step = plan.roadmap, plan.roadmap.current
    if session.status is SessionStatus.CYCLE_COMPLETE or step.kind is StepKind.EVALUATION:
        return (
            f"evaluate with {PROG} plan evaluate {path}, then start the next cycle with "
            f"{PROG} plan next-cycle {path}"
        )
    if data_step(session) == 5:
        return (
            f"tailor the overview (write it with {PROG} overview write X.xlsx --plan {path}) "
            f"and bring it in with {PROG} plan update {path} --overview X.xlsx"
        )
    if data_step(session) == 6:
        return f"{PROG} plan advance {path} answers it from the team"
    if data_step(session) == 7:
        if plan.allocation is not None and plan.allocation_is_current:
            return f"{PROG} plan advance {path} completes it from the allocation"
        return f"allocate with {PROG} plan allocate {path}; then {PROG} plan advance completes it"
    return f"answer it with --answer {' or '.join(accepted(step))}"


def where(plan: SchoolPlan, path: Path) -> str:
    """Where the plan's roadmap is, and what moves it on."""
    session, step = plan.roadmap, plan.roadmap.current
    paused = ", paused" if session.status is SessionStatus.PAUSED else ""
    return (
        f"Roadmap: step {step.number} ({step.kind.value}), cycle {session.cycle}{paused}; "
        f"{_todo(plan, path)}"
    )


def typed_refusal(plan: SchoolPlan, path: Path) -> Callable[[RoadmapSession], str | None]:
    """Why the current step of ``plan`` (saved in ``path``) takes no typed answer, if so."""

    def refusal(session: RoadmapSession) -> str | None:
        number = data_step(session)
        if number is None:
            return None
        if session.current.kind is StepKind.EVALUATION:
            run = f"run {PROG} plan evaluate {path}, then {PROG} plan next-cycle {path}"
        elif number == 5:
            run = f"tailor the overview and run {PROG} plan update {path} --overview X.xlsx"
        elif number == 6 or (plan.allocation is not None and plan.allocation_is_current):
            run = f"run {PROG} plan advance {path} without --answer"
        else:
            run = f"run {PROG} plan allocate {path} first"
        return f"step {number} is answered by the plan's data: {run}"

    return refusal


def move_line(move: Move) -> str:
    """A move of the roadmap in words: the answer, and who gave it (you, or the plan's data)."""
    from ict_competence.renderers._evidence import word_evidence, word_source  # noqa: PLC0415

    if move.answer is None:
        return f"step {move.step}: back to step {move.revisit}"
    if move.evidence is None:
        return f"step {move.step}: {move.answer.value} (your answer)"
    source = word_source(move.evidence.source, "en")
    found = word_evidence(move.evidence, "en")
    return f"step {move.step}: {move.answer.value}, from {source[:1].lower()}{source[1:]}: {found}"


def quality(allocation: Allocation) -> str:
    """How close to the best the allocation is known to be, in words.

    Proven optimal, within a gap of the optimum, or, when the solver gives no bound (the
    heuristic may not), that it is not known.
    """
    if allocation.proven:
        return "proven optimal"
    if allocation.gap is not None:
        return f"within {allocation.gap:.2%} of the optimum"
    return "with no bound on how far from the optimum it is"
