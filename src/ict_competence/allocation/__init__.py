"""Who does what: people, teams, rules, solvers, and the resulting allocation (roadmap step 7).

>>> from ict_competence.allocation import Person, Team, allocate
>>> from ict_competence.catalog import Cluster, Domain, load_catalog
>>> ann = Person(
...     id="ann",
...     hours=300,
...     levels={d: 3 for d in Domain},
...     motivation={c: 2 for c in Cluster},
... )
>>> result = allocate(load_catalog().overview(), Team((ann,)))
>>> sorted({a.primary for a in result.assignments.values()})
['ann']
"""

from ict_competence.allocation._allocate import SOLVERS, allocate
from ict_competence.allocation._decompose import Progress
from ict_competence.allocation._many import AllocationJob, allocate_many
from ict_competence.allocation._model import (
    Assignment,
    Decision,
    DecisionKind,
    Duty,
    Exclusion,
    Person,
    Pin,
    TaskInstance,
    Team,
    task_instances,
)
from ict_competence.allocation._readings import (
    AllocationDiff,
    PersonChange,
    ProfileSuggestion,
    RaciMatrix,
    RaciRow,
)
from ict_competence.allocation._reasons import Reason, ReasonKind
from ict_competence.allocation._result import (
    Allocation,
    Alternative,
    Candidate,
    Explanation,
    InstanceInfo,
)
from ict_competence.allocation._rules import (
    DEFAULT_BACKUP_SHARE,
    BackupOnStrategic,
    EligibilityRule,
    EvenLoad,
    ExpertiseAndMotivation,
    KeepHolders,
    LoadTerm,
    MinimumLevel,
    Motivated,
    RuleSet,
    ScoreTerm,
    continuity_rules,
    default_rules,
    even_load_rules,
    register_rule,
)
from ict_competence.errors import AllocationError

__all__ = [
    "DEFAULT_BACKUP_SHARE",
    "SOLVERS",
    "Allocation",
    "AllocationDiff",
    "AllocationError",
    "AllocationJob",
    "Alternative",
    "Assignment",
    "BackupOnStrategic",
    "Candidate",
    "Decision",
    "DecisionKind",
    "Duty",
    "EligibilityRule",
    "EvenLoad",
    "Exclusion",
    "ExpertiseAndMotivation",
    "Explanation",
    "InstanceInfo",
    "KeepHolders",
    "LoadTerm",
    "MinimumLevel",
    "Motivated",
    "Person",
    "PersonChange",
    "Pin",
    "ProfileSuggestion",
    "Progress",
    "RaciMatrix",
    "RaciRow",
    "Reason",
    "ReasonKind",
    "RuleSet",
    "ScoreTerm",
    "TaskInstance",
    "Team",
    "allocate",
    "allocate_many",
    "continuity_rules",
    "default_rules",
    "even_load_rules",
    "register_rule",
    "task_instances",
]
