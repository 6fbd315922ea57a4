"""The roadmap's errors: a definition that does not hold together, and a move that does not fit."""

from __future__ import annotations

from collections.abc import Iterable

from ict_competence.errors import ContentError, IctCompetenceError

__all__ = ["MoveError", "RoadmapError"]


class RoadmapError(ContentError):
    """A roadmap definition that breaks a rule of the flow; each problem names its steps.

    Attributes:
        problems: one line per problem, each starting with the step(s) it is about.
        steps: the numbers of every step named in a problem, sorted.
        source: the file the roadmap was read from, put in front of the message; ``None``
            for a roadmap built in code.

    >>> print(RoadmapError(["step 3: a trap"], [3], source="eigen.toml"))
    eigen.toml: roadmap:
      step 3: a trap
    """

    def __init__(
        self, problems: Iterable[str], steps: Iterable[int], *, source: str | None = None
    ) -> None:
        self.problems = tuple(problems)
        self.steps = tuple(sorted(set(steps)))
        self.source = source
        head = f"{source}: " if source else ""
        super().__init__(head + "roadmap:\n  " + "\n  ".join(self.problems))


class MoveError(IctCompetenceError, ValueError):
    """A session move that does not fit the step the session is at.

    Attributes:
        step: the number of the step the session is at.
        accepts: the moves that step does accept, in words.

    >>> str(MoveError(5, "an action is completed, not answered", "complete()"))
    'step 5: an action is completed, not answered; it accepts complete()'
    """

    def __init__(self, step: int, message: str, accepts: str) -> None:
        super().__init__(f"step {step}: {message}; it accepts {accepts}")
        self.step = step
        self.accepts = accepts
