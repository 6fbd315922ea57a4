"""Hypothesis strategies for the flow package: valid roadmaps, notes, evidence."""

from __future__ import annotations

from hypothesis import strategies as st

from ict_competence.flow import (
    Actor,
    ActorAdvice,
    Answer,
    Branch,
    Evidence,
    EvidenceKind,
    Phase,
    Roadmap,
    Step,
    StepKind,
    StepText,
    Variant,
)
from ict_competence.flow._evidence import FACTS
from ict_competence.text import LocalizedText, Provenance

# Characters that mean something in Mermaid, DOT, JSON or HTML, so labels exercise escaping.
_AWKWARD = [*'"\\#&<>`%{}[]()|;:\n\t\r', "\\N", "\\n", "#35;", "<br>", "-->", "];"]

texts = (
    st.lists(
        st.one_of(st.sampled_from(_AWKWARD), st.characters(codec="utf-8")), min_size=1, max_size=8
    )
    .map("".join)
    .filter(lambda text: text.strip() != "")
)

localized = st.builds(LocalizedText, texts, st.one_of(st.just(""), texts))

notes = st.one_of(st.none(), st.text(max_size=20))

_counts = st.integers(0, 500)
_shares = st.floats(0, 1)
#: A value for each fact of the plan's evidence kinds, by the name of the fact.
_FACT_VALUES: dict[str, st.SearchStrategy[str | int | float]] = {
    "changed": _counts,
    "tasks": _counts,
    "school_type": st.sampled_from(["primary", "secondary_technical", "own_kind"]),
    "instances": _counts,
    "rules": texts,
    "without_primary": _counts,
    "recruit": _counts,
    "outsource": _counts,
    "coverage": _shares,
    "carriers": _counts,
    "uncovered": _counts,
    "single_points_of_failure": _counts,
    "overloaded": _counts,
    "strategic_share": _shares,
    "allocation": st.sampled_from(["current", "stale"]),
}


@st.composite
def _facts(draw: st.DrawFn, kind: EvidenceKind) -> dict[str, str | int | float]:
    """The facts of a kind of evidence; an optional one (a school type) now and then."""
    facts = {name: draw(_FACT_VALUES[name]) for name in FACTS[kind]}
    if kind is EvidenceKind.TAILORED and draw(st.booleans()):
        del facts["school_type"]
    return facts


_items = st.lists(texts, max_size=3).map(tuple)
#: Evidence as an assessor of one's own gives it (words alone) or as the plan does (facts).
evidences = st.one_of(
    st.builds(Evidence, source=texts, basis=texts, items=_items),
    st.sampled_from(EvidenceKind).flatmap(
        lambda kind: st.builds(
            Evidence,
            source=texts,
            basis=texts,
            items=_items,
            kind=st.just(kind),
            facts=_facts(kind),
        )
    ),
)

_advice = st.lists(
    st.builds(ActorAdvice, actor=st.sampled_from([None, *Actor]), text=localized),
    max_size=2,
    unique_by=lambda advice: advice.actor,
).map(tuple)

_PROVENANCE = Provenance("own-roadmap.toml", "generated")


@st.composite
def roadmaps(draw: st.DrawFn, max_steps: int = 6) -> Roadmap:
    """A valid roadmap: numbered steps in a forward chain, with pauses and detours."""
    count = draw(st.integers(2, max_steps))
    numbers = sorted(
        draw(st.lists(st.integers(1, 99), min_size=count, max_size=count, unique=True))
    )
    steps = []
    for index, number in enumerate(numbers[:-1]):
        following = numbers[index + 1]
        anywhere_later = st.sampled_from(numbers[index + 1 :])
        if draw(st.booleans()):
            # One branch keeps the chain so every step stays reachable; the other may jump
            # ahead, and a no may pause here.
            if draw(st.booleans()):
                yes_next, no_next = following, draw(st.one_of(st.just(number), anywhere_later))
            else:
                yes_next, no_next = draw(anywhere_later), following
            variants = draw(st.sampled_from([(None, None), tuple(Variant)]))
            branches: tuple[Branch, ...] = (
                Branch(answer=Answer.YES, next=yes_next, advice=draw(_advice), variant=variants[0]),
                Branch(answer=Answer.NO, next=no_next, advice=draw(_advice), variant=variants[1]),
            )
            kind = StepKind.CHECK
        else:
            branches = (Branch(answer=Answer.DONE, next=following, advice=draw(_advice)),)
            kind = StepKind.ACTION
        steps.append(
            Step(
                number=number,
                kind=kind,
                phase=draw(st.sampled_from(Phase)),
                title=draw(localized),
                question=draw(st.one_of(st.none(), localized)),
                branches=branches,
                start=index == 0,
                provenance=_PROVENANCE,
            )
        )
    steps.append(
        Step(
            number=numbers[-1],
            kind=StepKind.EVALUATION,
            phase=Phase.EXECUTION_AND_EVALUATION,
            title=draw(localized),
            texts=draw(st.lists(st.builds(StepText, text=localized), max_size=1).map(tuple)),
            branches=(Branch(answer=Answer.DONE),),
            provenance=_PROVENANCE,
        )
    )
    return Roadmap(
        title=draw(localized), steps=tuple(draw(st.permutations(steps))), provenance=None
    )
