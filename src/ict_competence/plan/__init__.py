"""The school plan: a school's year in one saved value, roadmap steps 5–8 answered from its data."""

from ict_competence.errors import PlanError
from ict_competence.plan._actions import ActionPlan, PlanAction
from ict_competence.plan._enums import ActionSource
from ict_competence.plan._evaluation import Evaluation, PersonLoad
from ict_competence.plan._plan import SchoolPlan
from ict_competence.plan._privacy import (
    ErasureReport,
    Pseudonym,
    erase_person,
    export_person,
    pseudonymize,
)

__all__ = [
    "ActionPlan",
    "ActionSource",
    "ErasureReport",
    "Evaluation",
    "PersonLoad",
    "PlanAction",
    "PlanError",
    "Pseudonym",
    "SchoolPlan",
    "erase_person",
    "export_person",
    "pseudonymize",
]
