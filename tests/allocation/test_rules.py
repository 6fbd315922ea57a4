"""The rules: eligibility filters, score terms and load terms, alone and in allocations."""

from __future__ import annotations

import attrs
import pytest

from ict_competence.allocation import (
    AllocationError,
    Assignment,
    BackupOnStrategic,
    Duty,
    EligibilityRule,
    EvenLoad,
    ExpertiseAndMotivation,
    KeepHolders,
    LoadTerm,
    MinimumLevel,
    Motivated,
    Person,
    Pin,
    Reason,
    ReasonKind,
    RuleSet,
    ScoreTerm,
    TaskInstance,
    Team,
    allocate,
    continuity_rules,
    default_rules,
    even_load_rules,
)
from ict_competence.catalog import Cluster, Domain
from ict_competence.errors import FieldError
from tests.allocation.strategies import make_overview, make_person, make_task


def instance_of(**task_fields) -> TaskInstance:
    task = make_task("T-01", **task_fields)
    return TaskInstance(key="T-01", task=task, hours=task.hours_per_year)


def test_the_level_rule_asks_the_required_level_of_a_primary_and_one_less_of_a_backup():
    rule = MinimumLevel()
    instance = instance_of(required_level=3)
    person = make_person("a", level=2)

    assert not rule.allows(person, instance, Duty.PRIMARY)
    assert rule.allows(person, instance, Duty.BACKUP)
    reason = rule.describe(person, instance, Duty.PRIMARY)
    assert reason == Reason(ReasonKind.BELOW_LEVEL, {"needed": 3, "has": 2, "domain": "technical"})
    assert reason.text == "needs level 3 in technical, has 2"


def test_the_level_rule_reads_the_tasks_domain_not_its_cluster():
    instance = instance_of(domain=Domain.POLICY)
    person = make_person("a", levels={Domain.TECHNICAL: 3, Domain.POLICY: 1})

    allowed = MinimumLevel().allows(person, instance, Duty.PRIMARY)

    assert not allowed


def test_the_motivation_rule_keeps_out_whoever_is_not_willing():
    rule = Motivated()
    instance = instance_of()

    assert not rule.allows(make_person("a", motivation=0), instance, Duty.PRIMARY)
    assert rule.allows(make_person("b", motivation=1), instance, Duty.BACKUP)
    reason = rule.describe(make_person("a", motivation=0), instance, Duty.PRIMARY)
    assert reason == Reason(
        ReasonKind.NOT_MOTIVATED, {"needed": 1, "has": 0, "cluster": "technical"}
    )
    assert reason.text == "needs motivation 1 for technical, has 0"


def test_backups_are_only_for_strategic_tasks():
    rule = BackupOnStrategic()
    person = make_person("a")

    assert rule.allows(person, instance_of(), Duty.PRIMARY)
    assert not rule.allows(person, instance_of(), Duty.BACKUP)
    assert rule.allows(person, instance_of(strategic=True), Duty.BACKUP)
    reason = rule.describe(person, instance_of(), Duty.BACKUP)
    assert reason == Reason(ReasonKind.BACKUP_NOT_STRATEGIC)
    assert reason.text == "only strategic tasks get a back-up"


def test_the_default_score_rewards_hours_level_and_motivation():
    term = ExpertiseAndMotivation()
    instance = instance_of(hours=20.0)
    person = make_person("a", level=3, motivation=1)

    assert term.score(person, instance, Duty.PRIMARY) == 20 * (10 + 3 + 1)
    assert term.score(person, instance, Duty.BACKUP) == pytest.approx(0.1 * 20 * 4)


def test_a_held_backup_is_worth_the_rule_sets_share_of_the_hours_at_the_bonus_per_hour():
    instance = instance_of(hours=20.0, strategic=True)
    person = make_person("b")
    holders = KeepHolders({}, {"T-01": "b"}, per_hour=4.0)
    rules = attrs.evolve(
        RuleSet(name="continuity", eligibility=(), scores=(holders,)), backup_share=0.2
    )

    value = rules.score(person, instance, Duty.BACKUP)

    assert value == pytest.approx(0.2 * 4.0 * 20.0)
    assert holders.score(person, instance, Duty.BACKUP) == pytest.approx(0.1 * 4.0 * 20.0)


def test_the_default_score_values_a_backup_by_the_rule_sets_share_of_the_hours():
    instance = instance_of(hours=20.0, strategic=True)
    person = make_person("a", level=3, motivation=1)
    rules = attrs.evolve(default_rules(), backup_share=0.25)

    value = rules.score(person, instance, Duty.BACKUP)

    assert value == pytest.approx(0.25 * 20 * 4)
    assert rules.score(person, instance, Duty.PRIMARY) == 20 * (10 + 3 + 1)


def test_the_default_rule_set_scores_exactly_as_its_term_alone():
    instance = instance_of(hours=10 / 3, strategic=True)
    person = make_person("a", level=2, motivation=3)
    term = ExpertiseAndMotivation()

    for duty in Duty:
        assert default_rules().score(person, instance, duty) == 0.0 + term.score(
            person, instance, duty
        )
    assert term.score(person, instance, Duty.BACKUP) == 0.1 * (10 / 3) * 5


def test_a_users_score_term_without_a_share_is_scored_as_it_says():
    @attrs.frozen
    class Flat:
        name: str = "flat"

        def score(self, person: Person, instance: TaskInstance, duty: Duty) -> float:
            return 1.0

    rules = attrs.evolve(RuleSet(name="x", eligibility=(), scores=(Flat(),)), backup_share=0.5)

    assert rules.score(make_person("a"), instance_of(), Duty.BACKUP) == 1.0


def test_the_built_in_rules_satisfy_their_protocols():
    for rule in default_rules().eligibility:
        assert isinstance(rule, EligibilityRule)
    assert isinstance(ExpertiseAndMotivation(), ScoreTerm)
    assert isinstance(KeepHolders({}), ScoreTerm)
    assert isinstance(EvenLoad(), LoadTerm)


def test_the_best_fitting_person_gets_the_task_under_the_default_rules():
    overview = make_overview(make_task("T-01", hours=10))
    team = Team((make_person("a", level=2, motivation=1), make_person("b", level=3, motivation=3)))

    result = allocate(overview, team)

    assert result.assignments["T-01"].primary == "b"


def test_continuity_keeps_the_current_holder_against_a_slightly_better_newcomer():
    overview = make_overview(make_task("T-01", hours=10))
    team = Team(
        (make_person("old", level=2, motivation=2), make_person("new", level=3, motivation=2))
    )
    holders = KeepHolders.from_assignments({"T-01": Assignment("old")})

    default = allocate(overview, team)
    continuing = allocate(overview, team, rules=continuity_rules(holders))

    assert default.assignments["T-01"].primary == "new"
    assert continuing.assignments["T-01"].primary == "old"
    assert continuing.rules == "continuity"


def test_continuity_reads_the_responsible_and_backup_columns_of_an_overview():
    overview = make_overview(make_task("T-01", hours=10, strategic=True))
    overview = overview.choose("T-01", responsible=" old ", backup="second")
    team = Team(
        (
            make_person("old", level=2, motivation=2),
            make_person("new", level=3, motivation=3),
            make_person("second", level=2, motivation=2),
        )
    )

    holders = KeepHolders.from_overview(overview)
    result = allocate(overview, team, rules=continuity_rules(holders))

    assert holders.primary == {"T-01": "old"}
    assert result.assignments["T-01"] == Assignment("old", "second")


def test_continuity_matches_a_task_code_for_every_schools_instance():
    overview = make_overview(make_task("T-01", hours=10))
    team = Team(
        (
            make_person("n1", level=2, school="north"),
            make_person("n2", level=3, school="north"),
            make_person("s1", level=2, school="south"),
        ),
        ("north", "south"),
    )

    result = allocate(overview, team, rules=continuity_rules(KeepHolders({"T-01": "n1"})))

    assert result.assignments["north:T-01"].primary == "n1"
    assert result.assignments["south:T-01"].primary == "s1"


def test_even_load_spreads_work_the_default_would_pile_on_the_best_person():
    overview = make_overview(make_task("T-01", hours=20), make_task("T-02", hours=20))
    team = Team((make_person("star", 40, level=3, motivation=3), make_person("also", 40, level=2)))

    piled = allocate(overview, team)
    spread = allocate(overview, team, rules=even_load_rules(weight=4.0))

    assert {a.primary for a in piled.assignments.values()} == {"star"}
    assert {a.primary for a in spread.assignments.values()} == {"star", "also"}
    assert spread.objective == pytest.approx(20 * 16 + 20 * 14)


def test_a_rule_set_can_be_extended_with_a_users_own_rule():
    @attrs.frozen
    class NotOnTuesdays:
        name: str = "not the intern"

        def allows(self, person: Person, instance: TaskInstance, duty: Duty) -> bool:
            return person.id != "intern"

    overview = make_overview(make_task("T-01", hours=10))
    team = Team((make_person("intern", level=3, motivation=3), make_person("b")))

    result = allocate(overview, team, rules=default_rules().extend(eligibility=[NotOnTuesdays()]))

    assert result.assignments["T-01"].primary == "b"
    assert result.explain("T-01").refused == {"not the intern": 1}
    assert "not the intern: 1" in str(result.explain("T-01"))


def test_a_rule_set_refuses_a_backup_share_outside_zero_to_one():
    with pytest.raises(FieldError, match="backup_share"):
        RuleSet(name="x", eligibility=(), scores=(), backup_share=1.5)


def test_a_score_term_that_gives_no_finite_number_is_an_error_naming_it():
    @attrs.frozen
    class Broken:
        name: str = "broken"

        def score(self, person: Person, instance: TaskInstance, duty: Duty) -> float:
            return float("nan")

    rules = default_rules().extend(scores=[Broken()])

    with pytest.raises(AllocationError, match="expected a finite number"):
        allocate(make_overview(make_task("T-01")), Team((make_person("a"),)), rules=rules)


def test_a_load_term_with_a_negative_cost_is_an_error_naming_rule_and_person():
    @attrs.frozen
    class Rewarding:
        name: str = "reward load"

        def penalties(self, person: Person) -> tuple[tuple[float, float], ...]:
            return ((0.5 * person.hours, -1.0),)

    rules = default_rules().extend(load=[Rewarding()])

    with pytest.raises(AllocationError, match=r"'reward load'.*person 'a'") as caught:
        allocate(make_overview(make_task("T-01")), Team((make_person("a"),)), rules=rules)

    assert (caught.value.rule, caught.value.person) == ("reward load", "a")


def test_the_built_in_load_term_refuses_a_negative_weight_when_made():
    with pytest.raises(FieldError, match=r"^weight: expected a finite number >= 0"):
        EvenLoad(weight=-1.0)


def test_rules_without_words_are_named_in_refusals():
    @attrs.frozen
    class Silent:
        name: str = "silent"

        def allows(self, person: Person, instance: TaskInstance, duty: Duty) -> bool:
            return False

    rules = default_rules().extend(eligibility=[Silent()])

    with pytest.raises(AllocationError, match="refused by rule 'silent'"):
        allocate(
            make_overview(make_task("T-01")),
            Team((make_person("a"),)),
            rules=rules,
            pins=[Pin("T-01", "a")],
        )


def test_people_without_motivation_for_a_cluster_never_get_its_tasks():
    overview = make_overview(make_task("P-01", Cluster.PEDAGOGICAL, hours=5))
    keen = make_person("keen", motivations={Cluster.PEDAGOGICAL: 1}, level=3)
    unwilling = make_person("no", motivations={Cluster.PEDAGOGICAL: 0}, level=3)

    result = allocate(overview, Team((unwilling, keen)))

    assert result.assignments["P-01"].primary == "keen"
