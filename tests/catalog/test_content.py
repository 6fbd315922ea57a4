"""The built-in catalog content: complete, in seed order, verbatim where it claims to be."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import attrs
import pytest

from ict_competence import from_json, load_catalog, to_json
from ict_competence.catalog import (
    FULL_TIME_HOURS,
    Catalog,
    Cluster,
    ClusterProfile,
    Competence,
    CompetenceKind,
    CoreCriterion,
    Domain,
    Role,
    SchoolType,
    Scope,
    Task,
)
from ict_competence.catalog._loader import load_catalog_info
from ict_competence.catalog._model import CatalogInfo, CompetenceGroup
from ict_competence.errors import ContentError, FieldError
from ict_competence.text import LocalizedText, Provenance
from tests.seeds import SEEDS

SEED_001 = "001_db6a4bf52d34418c.txt"
SEED_002 = "002_1f66f74f620fe81a.txt"
SEED_003 = "003_4249efdcb30d87f9.txt"
DOCS_PAGE = Path(__file__).parents[2] / "docs" / "catalog.md"

CATALOG = load_catalog()
INFO = load_catalog_info()

EXPECTED_CODES = (
    [f"TECH-{n:02d}" for n in range(1, 27)]
    + [f"PED-{n:02d}" for n in range(1, 9)]
    + [f"ADM-{n:02d}" for n in range(1, 5)]
    + [f"POL-{n:02d}" for n in range(1, 5)]
)

# Roles whose Dutch description is the seed's own sentence about the role; the others
# carry a short Dutch line of the library's (their names are verbatim all the same).
VERBATIM_DESCRIPTIONS = (
    "tict",
    "pict",
    "digicoach",
    "speedboat_teacher",
    "ict_coach",
    "contact_person",
    "verbinder",
)

_LOCATOR = re.compile(r"line (\d+)|lines (\d+)-(\d+)")


def cited_text(provenance: Provenance) -> str:
    """The seed text a provenance points at; a range of lines is joined with single spaces."""
    match = _LOCATOR.fullmatch(provenance.locator)
    assert match, f"locator {provenance.locator!r} is not 'line N' or 'lines N-M'"
    first = int(match[1] or match[2])
    last = int(match[1] or match[3])
    lines = (SEEDS / provenance.source).read_text(encoding="utf-8").splitlines()
    assert first <= last <= len(lines), f"{provenance} is outside the file"
    if first == last:
        return lines[first - 1]
    return " ".join(line.strip() for line in lines[first - 1 : last])


def english_texts(catalog: Catalog) -> list[tuple[str, LocalizedText]]:
    texts: list[tuple[str, LocalizedText]] = []
    for profile in catalog.clusters:
        texts += [
            (f"cluster {profile.cluster.value}", t) for t in (profile.title, *profile.contents)
        ]
    for task in catalog.tasks:
        texts.append((f"task {task.code}", task.description))
    for role in catalog.roles:
        texts += [
            (f"role {role.code}", t)
            for t in (role.name, role.description, *role.risks, *role.needs)
        ]
    texts += [(f"competence {c.code}", c.name) for c in catalog.competences]
    return texts


def test_the_seed_folder_sits_beside_the_repository() -> None:
    assert SEEDS.is_dir(), f"the seeds are expected in {SEEDS}"

    assert (SEEDS / SEED_003).is_file()


def test_a_locator_that_is_not_a_line_fails_the_check() -> None:
    with pytest.raises(AssertionError, match="not 'line N'"):
        cited_text(Provenance(SEED_003, "slide 4"))


# --- tasks ------------------------------------------------------------------------------


def test_the_catalog_holds_the_42_tasks_with_their_codes_in_seed_order() -> None:
    codes = [task.code for task in CATALOG.tasks]

    assert len(codes) == 42
    assert codes == EXPECTED_CODES


@pytest.mark.parametrize(
    ("cluster", "prefix", "count"),
    [
        (Cluster.TECHNICAL, "TECH", 26),
        (Cluster.PEDAGOGICAL, "PED", 8),
        (Cluster.ADMINISTRATIVE, "ADM", 4),
        (Cluster.POLICY, "POL", 4),
    ],
)
def test_each_cluster_holds_its_number_of_tasks_under_its_own_prefix(
    cluster: Cluster, prefix: str, count: int
) -> None:
    tasks = CATALOG.tasks_in(cluster)

    assert CATALOG.cluster(cluster).code_prefix == prefix
    assert len(tasks) == count
    assert all(task.code.startswith(f"{prefix}-") for task in tasks)


@pytest.mark.parametrize("task", CATALOG.tasks, ids=lambda task: task.code)
def test_every_task_description_is_verbatim_at_its_cited_line(task: Task) -> None:
    cited = cited_text(task.provenance)

    assert task.provenance.source == SEED_003
    assert task.description.nl in cited


@pytest.mark.parametrize(
    ("cluster", "label", "first_line"),
    [(Cluster.TECHNICAL, "Technisch", 101), (Cluster.PEDAGOGICAL, "Ped.-didac.", 127)],
)
def test_table_tasks_are_whole_rows_of_the_task_table_in_order(
    cluster: Cluster, label: str, first_line: int
) -> None:
    tasks = CATALOG.tasks_in(cluster)

    for offset, task in enumerate(tasks):
        assert task.provenance.locator == f"line {first_line + offset}"
        assert cited_text(task.provenance) == f"{label}\t{task.description.nl}"


@pytest.mark.parametrize("cluster", [Cluster.ADMINISTRATIVE, Cluster.POLICY])
def test_administrative_and_policy_tasks_are_the_items_of_the_clusters_slide(
    cluster: Cluster,
) -> None:
    tasks = CATALOG.tasks_in(cluster)

    slide = CATALOG.cluster(cluster).contents
    assert [task.description for task in tasks] == list(slide)


def test_the_slide_item_broken_over_two_lines_is_joined_with_one_space() -> None:
    task = CATALOG.task("ADM-04")

    assert task.description.nl == "Opvolging bestellingen en herstellingen"
    assert task.provenance.locator == "lines 161-162"


def test_tasks_take_their_clusters_domain() -> None:
    mismatched = [task.code for task in CATALOG.tasks if task.domain is not task.cluster.domain]

    assert mismatched == []


def test_every_strategic_task_names_its_criterion_and_a_coordinator_first() -> None:
    strategic = [task for task in CATALOG.tasks if task.strategic]

    assert all(task.criterion is not None for task in strategic)
    assert all(task.candidates[:1] in (("tict",), ("pict",)) for task in strategic)


def test_tasks_that_are_not_strategic_have_no_criterion() -> None:
    others = [task for task in CATALOG.tasks if not task.strategic]

    assert all(task.criterion is None for task in others)


def test_strategic_tasks_are_a_third_to_half_of_the_catalog() -> None:
    strategic = sum(task.strategic for task in CATALOG.tasks)

    assert len(CATALOG.tasks) / 3 <= strategic <= len(CATALOG.tasks) / 2


@pytest.mark.parametrize(
    ("code", "criterion"),
    [
        ("TECH-01", CoreCriterion.DAILY_INFRASTRUCTURE),  # herstellen van servers en netwerk
        ("TECH-03", CoreCriterion.DAILY_INFRASTRUCTURE),  # helpdesk
        ("ADM-01", CoreCriterion.CORE_ADMINISTRATION),  # gebruikersbeheer
        ("TECH-13", CoreCriterion.CORE_ADMINISTRATION),  # elektronische leeromgevingen
        ("PED-01", CoreCriterion.PEDAGOGICAL_VISION),  # ICT-integratie in de klas
    ],
)
def test_the_seeds_examples_of_core_tasks_meet_the_criterion_it_gives(
    code: str, criterion: CoreCriterion
) -> None:
    task = CATALOG.task(code)

    assert task.strategic
    assert task.criterion is criterion


def test_every_core_task_criterion_is_used() -> None:
    used = {task.criterion for task in CATALOG.tasks}

    assert used >= set(CoreCriterion)


def test_tech_12_applies_only_in_technical_and_vocational_secondary_education() -> None:
    task = CATALOG.task("TECH-12")

    assert set(task.applies_to) == {SchoolType.SECONDARY_TECHNICAL, SchoolType.SECONDARY_VOCATIONAL}
    assert not task.applies_in(SchoolType.PRIMARY)
    assert task.applies_in(SchoolType.SECONDARY_VOCATIONAL)


def test_no_other_task_is_limited_to_kinds_of_school() -> None:
    limited = [task.code for task in CATALOG.tasks if task.applies_to]

    assert limited == ["TECH-12"]


@pytest.mark.parametrize(
    ("code", "scope"),
    [
        ("TECH-05", Scope.SCHOOL_GROUP),  # plannen van netwerk- en serverinfrastructuur
        ("TECH-09", Scope.SCHOOL_GROUP),  # back-up strategie
        ("TECH-10", Scope.SCHOOL_GROUP),  # disaster recovery plan
        ("TECH-04", Scope.SCHOOL),  # eerstelijns hulp: laagdrempelig aanspreekpunt
        ("PED-01", Scope.SCHOOL),  # ondersteunen in de klas
    ],
)
def test_group_and_school_tasks_have_the_scope_the_seed_suggests(code: str, scope: Scope) -> None:
    task = CATALOG.task(code)

    assert task.scope is scope


def test_every_candidate_role_of_every_task_exists() -> None:
    roles = {role.code for role in CATALOG.roles}

    missing = [(task.code, c) for task in CATALOG.tasks for c in task.candidates if c not in roles]

    assert missing == []


def test_every_task_has_at_least_one_candidate_and_every_role_can_take_a_task() -> None:
    named = {code for task in CATALOG.tasks for code in task.candidates}

    assert all(task.candidates for task in CATALOG.tasks)
    assert named == {role.code for role in CATALOG.roles}


def test_the_school_website_can_go_to_the_communication_officer() -> None:
    tasks = [CATALOG.task("ADM-03"), CATALOG.task("TECH-20")]

    assert all("communication_officer" in task.candidates for task in tasks)


def test_the_hours_add_up_to_more_than_one_full_time_person() -> None:
    total = sum(task.hours_per_year for task in CATALOG.tasks)

    assert total > FULL_TIME_HOURS
    assert 1800 <= total <= 2400
    assert all(task.hours_per_year > 0 for task in CATALOG.tasks)


def test_the_default_overview_warns_that_one_person_cannot_carry_it() -> None:
    summary = CATALOG.overview(school_type=SchoolType.PRIMARY).summary()

    assert summary.total_hours > FULL_TIME_HOURS
    assert summary.warnings


# --- a catalog that breaks a reference is refused -------------------------------------


def test_a_task_naming_a_role_that_does_not_exist_is_refused() -> None:
    broken = attrs.evolve(CATALOG.task("TECH-01"), candidates=("tict", "nobody"))

    with pytest.raises(ContentError, match=r"task TECH-01: candidate role 'nobody' does not exist"):
        Catalog(CATALOG.clusters, (*CATALOG.tasks[1:], broken), CATALOG.roles, CATALOG.competences)


def test_a_role_naming_a_competence_that_does_not_exist_is_refused() -> None:
    broken = attrs.evolve(CATALOG.role("tict"), competences=("generic.telepathic",))
    roles = (broken, *CATALOG.roles[1:])

    with pytest.raises(ContentError, match=r"role tict: competence 'generic.telepathic'"):
        Catalog(CATALOG.clusters, CATALOG.tasks, roles, CATALOG.competences)


def test_a_role_naming_a_domain_competence_is_refused() -> None:
    broken = attrs.evolve(CATALOG.role("tict"), competences=("technical.knowledge",))
    roles = (broken, *CATALOG.roles[1:])

    with pytest.raises(ContentError, match=r"'technical.knowledge' is a domain competence"):
        Catalog(CATALOG.clusters, CATALOG.tasks, roles, CATALOG.competences)


def test_a_task_code_used_twice_is_refused() -> None:
    tasks = (*CATALOG.tasks, CATALOG.task("PED-01"))

    with pytest.raises(ContentError, match=r"task code 'PED-01' occurs more than once"):
        Catalog(CATALOG.clusters, tasks, CATALOG.roles, CATALOG.competences)


# --- roles --------------------------------------------------------------------------------


def test_the_catalog_holds_the_fourteen_roles_of_the_seeds() -> None:
    codes = {role.code for role in CATALOG.roles}

    assert codes == {
        "tict",
        "pict",
        "digicoach",
        "speedboat_teacher",
        "ict_coach",
        "contact_person",
        "external_firm",
        "directie",
        "administrative_staff",
        "communication_officer",
        "infrastructure_manager",
        "verbinder",
        "ict_policy_team",
        "teacher",
    }


@pytest.mark.parametrize("role", CATALOG.roles, ids=lambda role: role.code)
def test_every_role_name_is_verbatim_at_its_cited_line(role: Role) -> None:
    cited = cited_text(role.provenance)

    assert role.name.nl in cited


@pytest.mark.parametrize("code", VERBATIM_DESCRIPTIONS)
def test_role_descriptions_taken_from_the_seeds_are_verbatim_at_the_cited_line(code: str) -> None:
    role = CATALOG.role(code)

    assert role.description.nl in cited_text(role.provenance)


@pytest.mark.parametrize(
    ("code", "source"),
    [
        ("tict", SEED_003),
        ("pict", SEED_003),
        ("ict_coach", SEED_002),
        ("contact_person", SEED_002),
        ("verbinder", SEED_001),
        ("ict_policy_team", SEED_003),
    ],
)
def test_roles_cite_the_seed_that_describes_them(code: str, source: str) -> None:
    role = CATALOG.role(code)

    assert role.provenance.source == source


def test_the_external_firm_lists_the_three_risks_and_needs_an_sla() -> None:
    firm = CATALOG.role("external_firm")

    assert [risk.nl for risk in firm.risks] == [
        "kost",
        "afhankelijkheid",
        "verlies van interne know-how",
    ]
    assert all(risk.nl in cited_text(firm.provenance) for risk in firm.risks)
    (sla,) = firm.needs
    assert "'service level agreement' (SLA)" in sla.nl
    assert sla.nl in cited_text(Provenance(SEED_002, "line 23"))
    assert "SLA" in sla.en


def test_only_the_external_firm_carries_risks_and_needs() -> None:
    with_risks = [role.code for role in CATALOG.roles if role.risks or role.needs]

    assert with_risks == ["external_firm"]


def test_the_two_coordinators_are_experts_in_their_own_domain() -> None:
    tict, pict = CATALOG.role("tict"), CATALOG.role("pict")

    assert tict.profile[Domain.TECHNICAL] == 3
    assert pict.profile[Domain.PEDAGOGICAL] == 3
    assert pict.profile[Domain.TECHNICAL] >= 2  # "met een sterke technische basis"


@pytest.mark.parametrize("role", CATALOG.roles, ids=lambda role: role.code)
def test_every_role_states_a_level_for_each_domain_and_covers_a_cluster(role: Role) -> None:
    levels = dict(role.profile)

    assert set(levels) == set(Domain)
    assert role.clusters


def test_leaders_lean_on_the_leadership_competences_of_seed_001() -> None:
    leaders = [CATALOG.role("directie"), CATALOG.role("ict_policy_team")]

    assert all("leadership.transformational" in role.competences for role in leaders)
    assert "leadership.inquiring" in CATALOG.role("verbinder").competences


# --- competences ------------------------------------------------------------------------


@pytest.mark.parametrize("competence", CATALOG.competences, ids=lambda c: c.code)
def test_every_competence_name_is_verbatim_at_its_cited_line(competence: Competence) -> None:
    cited = cited_text(competence.provenance)

    assert competence.name.nl in cited


def test_domain_and_generic_competences_are_whole_list_items() -> None:
    listed = [c for c in CATALOG.competences if c.kind is not CompetenceKind.LEADERSHIP]

    assert all(cited_text(c.provenance) == f"- {c.name.nl}" for c in listed)


def test_there_are_13_generic_competences_in_seed_order() -> None:
    generic = [c for c in CATALOG.competences if c.kind is CompetenceKind.GENERIC]

    assert len(generic) == 13
    assert [c.provenance.locator for c in generic] == [f"line {n}" for n in range(229, 242)]
    assert all(c.code.startswith("generic.") for c in generic)


@pytest.mark.parametrize(
    ("domain", "count"),
    [
        (Domain.TECHNICAL, 4),
        (Domain.PEDAGOGICAL, 2),
        (Domain.POLICY, 3),
        (Domain.ADMINISTRATIVE, 1),
    ],
)
def test_each_domain_has_the_descriptors_of_vereiste_competenties(
    domain: Domain, count: int
) -> None:
    descriptors = [c for c in CATALOG.competences if c.domain is domain]

    assert len(descriptors) == count
    assert all(c.kind is CompetenceKind.DOMAIN for c in descriptors)
    assert all(c.code.startswith(f"{domain.value}.") for c in descriptors)


def test_specialisation_keeps_the_seeds_exclamation_mark() -> None:
    competence = CATALOG.competence("technical.specialisation")

    assert competence.name.nl == "Specialisatie!"


def test_the_leadership_competences_quote_seed_001() -> None:
    transformational = CATALOG.competence("leadership.transformational")
    inquiring = CATALOG.competence("leadership.inquiring")

    assert transformational.name.nl == "transformationeel leiderschap"
    assert inquiring.name.nl == (
        "Een onderzoekende houding ten aanzien van ict en evidence-informed werken"
    )
    assert {transformational.provenance.source, inquiring.provenance.source} == {SEED_001}


# --- clusters and English ----------------------------------------------------------------


@pytest.mark.parametrize("profile", CATALOG.clusters, ids=lambda p: p.cluster.value)
def test_every_cluster_slide_text_is_verbatim_in_its_cited_lines(profile: ClusterProfile) -> None:
    cited = cited_text(profile.provenance)

    assert all(text.nl in cited for text in (profile.title, *profile.contents))


def test_every_built_in_text_has_an_english_rendering() -> None:
    texts = english_texts(CATALOG)

    blank = [where for where, text in texts if not text.en.strip()]

    assert len(texts) > 100
    assert blank == []


def test_every_provenance_cites_a_seed_file_that_exists() -> None:
    provenances = [
        *(profile.provenance for profile in CATALOG.clusters),
        *(task.provenance for task in CATALOG.tasks),
        *(role.provenance for role in CATALOG.roles),
        *(competence.provenance for competence in CATALOG.competences),
    ]

    sources = {provenance.source for provenance in provenances}

    assert sources == {SEED_001, SEED_002, SEED_003}
    assert all((SEEDS / source).is_file() for source in sources)


# --- the catalog as a whole (catalog.toml) ---------------------------------------------


@pytest.mark.parametrize("group", INFO.competence_groups, ids=lambda group: group.code)
def test_every_competence_heading_is_verbatim_at_its_cited_line(group: CompetenceGroup) -> None:
    cited = cited_text(group.provenance)

    assert group.title.nl in cited
    assert group.title.en.strip()


def test_every_competence_falls_under_exactly_one_innermost_heading() -> None:
    innermost = [
        group
        for group in INFO.competence_groups
        if group.domain is not None or group.kind is not CompetenceKind.DOMAIN
    ]

    for competence in CATALOG.competences:
        assert len([group for group in innermost if group.holds(competence)]) == 1
    assert {group.domain for group in innermost} - {None} == set(Domain)


def test_the_content_is_dated_and_versioned_by_that_date() -> None:
    changed = INFO.last_changed

    assert changed.utcoffset() is not None
    assert INFO.version == changed.strftime("%Y.%m.%d")


def test_a_competence_group_with_a_domain_holds_only_domain_competences() -> None:
    with pytest.raises(FieldError, match="domain: only a group of domain competences"):
        CompetenceGroup(
            code="x",
            kind=CompetenceKind.GENERIC,
            domain=Domain.POLICY,
            title=LocalizedText("x"),
            provenance=Provenance("tests"),
        )


def test_catalog_info_is_refused_without_a_time_zone_and_survives_json() -> None:
    with pytest.raises(FieldError, match="last_changed: expected a date and time with a zone"):
        attrs.evolve(INFO, last_changed=datetime(2026, 1, 1))

    assert from_json(CatalogInfo, to_json(INFO)) == INFO


# --- the docs page's examples ----------------------------------------------------------


def _fenced(language: str, text: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", text, flags=re.DOTALL | re.MULTILINE)


def test_the_catalog_docs_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = DOCS_PAGE.read_text(encoding="utf-8")
    (toml_example,) = _fenced("toml", page)
    (tmp_path / "our-school.toml").write_text(toml_example, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {}

    for block in _fenced("python", page):
        exec(compile(block, str(DOCS_PAGE), "exec"), namespace)  # noqa: S102 - our own docs

    ours = namespace["ours"]
    assert isinstance(ours, Catalog)
    assert ours.task("OWN-01").candidates == ("pict", "ipad_coach")
    assert len(load_catalog().tasks) == 42
