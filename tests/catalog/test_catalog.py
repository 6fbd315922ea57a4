import json
from typing import Any, cast

import attrs
import pytest

from ict_competence.catalog import Catalog, Cluster, Domain, Task, load_catalog
from ict_competence.errors import ContentError, FieldError, SerializationError, UnknownCodeError
from ict_competence.text import LocalizedText, Provenance

OWN_TASKS = """
[[task]]
code = "EIGEN-01"
cluster = "administrative"
description = { nl = "Beheer van de leerlingentablets", en = "Managing pupils' tablets" }
hours_per_year = 30

[[role]]
code = "tablet_manager"
name = { nl = "Tabletbeheerder" }
description = { nl = "Beheert de tablets" }
clusters = ["technical"]
profile = { technical = 2 }
"""


def test_lookups_by_code_and_cluster():
    catalog = load_catalog()

    assert catalog.task("POL-02").cluster is Cluster.POLICY
    assert catalog.role("pict").code == "pict"
    assert all(
        task.cluster is Cluster.ADMINISTRATIVE for task in catalog.tasks_in(Cluster.ADMINISTRATIVE)
    )
    assert catalog.cluster(Cluster.TECHNICAL).contents[0].nl == "Hardware"
    assert catalog.competence(catalog.competences[0].code) is catalog.competences[0]


@pytest.mark.parametrize(
    ("lookup", "kind"), [("task", "task"), ("role", "role"), ("competence", "competence")]
)
def test_an_unknown_code_names_its_kind(lookup, kind):
    with pytest.raises(UnknownCodeError, match=f"no {kind} with code 'nope'"):
        getattr(load_catalog(), lookup)("nope")


def test_a_task_needs_its_clusters_domain_unless_told_otherwise():
    task = Task(
        code="X-01",
        cluster=Cluster.POLICY,
        description=LocalizedText("x"),
        hours_per_year=1,
        provenance=Provenance("test"),
    )

    assert task.domain is Domain.POLICY


def test_a_criterion_on_a_task_that_is_not_strategic_is_refused():
    task = load_catalog().task("TECH-01")

    with pytest.raises(FieldError, match=r"^criterion:"):
        attrs.evolve(task, strategic=False)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"required_level": 4}, "required_level"),
        ({"hours_per_year": -1.0}, "hours_per_year"),
        ({"hours_per_year": float("nan")}, "hours_per_year"),
        ({"code": "has space"}, "code"),
    ],
)
def test_task_fields_are_validated_by_name(changes, field):
    with pytest.raises(FieldError, match=f"^{field}:"):
        attrs.evolve(load_catalog().task("TECH-02"), **changes)


def test_a_catalog_with_a_repeated_code_is_refused():
    catalog = load_catalog()

    with pytest.raises(ContentError, match="task code 'TECH-01' occurs more than once"):
        Catalog(
            catalog.clusters, (*catalog.tasks, catalog.tasks[0]), catalog.roles, catalog.competences
        )


def test_a_catalog_must_describe_each_cluster_once():
    catalog = load_catalog()

    with pytest.raises(ContentError, match="each of the four clusters"):
        Catalog(catalog.clusters[:3], catalog.tasks, catalog.roles, catalog.competences)


def test_extend_adds_a_schools_own_tasks_and_roles(tmp_path):
    path = tmp_path / "eigen.toml"
    path.write_text(OWN_TASKS, encoding="utf-8")

    extended = load_catalog().extend(path)

    task = extended.task("EIGEN-01")
    assert task.domain is Domain.ADMINISTRATIVE
    assert task.provenance == Provenance("eigen.toml", "task[0]")
    assert extended.role("tablet_manager").profile[Domain.TECHNICAL] == 2
    assert len(extended.tasks) == len(load_catalog().tasks) + 1
    assert "EIGEN-01" in extended.overview()


def test_loading_a_file_adds_its_entries_to_the_built_in_catalog_as_extend_does(tmp_path):
    path = tmp_path / "eigen.toml"
    path.write_text(OWN_TASKS, encoding="utf-8")

    loaded = load_catalog(path)

    assert loaded == load_catalog().extend(path)
    assert load_catalog(str(path)).task("EIGEN-01") == loaded.task("EIGEN-01")
    assert "EIGEN-01" not in load_catalog().overview()


def test_extend_reads_json_too(tmp_path):
    path = tmp_path / "eigen.json"
    path.write_text(
        json.dumps(
            {
                "task": [
                    {
                        "code": "EIGEN-02",
                        "cluster": "policy",
                        "description": {"nl": "Beleid"},
                        "hours_per_year": 3,
                    }
                ]
            }
        ),
        encoding="utf-8",
    )

    assert load_catalog().extend(path).task("EIGEN-02").cluster is Cluster.POLICY


def test_extend_refuses_a_code_that_exists(tmp_path):
    path = tmp_path / "clash.toml"
    path.write_text(OWN_TASKS.replace("EIGEN-01", "TECH-01"), encoding="utf-8")

    with pytest.raises(ContentError, match=r"clash\.toml: already in the catalog: task TECH-01"):
        load_catalog().extend(path)


def test_extend_refuses_a_candidate_role_that_does_not_exist(tmp_path):
    path = tmp_path / "eigen.toml"
    path.write_text(
        OWN_TASKS.replace("hours_per_year = 30", 'hours_per_year = 30\ncandidates = ["ghost"]')
    )

    with pytest.raises(
        ContentError,
        match=r"eigen\.toml: catalog integrity:\n  task EIGEN-01: candidate role 'ghost'",
    ):
        load_catalog().extend(path)


def test_extend_names_the_file_and_path_of_a_bad_value(tmp_path):
    path = tmp_path / "eigen.toml"
    path.write_text(OWN_TASKS.replace("hours_per_year = 30", 'hours_per_year = "30"'))

    with pytest.raises(SerializationError, match=r"eigen\.toml: \$\.task\[0\]\.hours_per_year"):
        load_catalog().extend(path)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("eigen.yaml", "", "expected a .toml or .json file"),
        ("eigen.toml", "[[task]\n", "cannot be read as TOML"),
        ("eigen.json", "[1]", "expected an object"),
        ("eigen.json", "{", "cannot be read as JSON"),
    ],
)
def test_extend_refuses_files_it_cannot_read(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_text(content)

    with pytest.raises(ContentError, match=expected):
        load_catalog().extend(path)


def test_extend_reports_a_missing_file(tmp_path):
    with pytest.raises(ContentError, match="cannot be read"):
        load_catalog().extend(tmp_path / "missing.toml")


def test_a_role_profile_names_only_competence_domains():
    role = load_catalog().role("tict")

    with pytest.raises(
        FieldError, match=r"^profile: expected keys from Domain \(technical, .*found 'bogus'"
    ):
        attrs.evolve(role, profile={Domain.TECHNICAL: 3, "bogus": 2})
    with pytest.raises(FieldError, match=r"^profile\.technical: expected a whole number 0–3"):
        attrs.evolve(role, profile={Domain.TECHNICAL: 7})


def test_a_task_refuses_a_cluster_given_as_text():
    with pytest.raises(
        FieldError,
        match=r"^cluster: expected Cluster, found the text 'policy'; use Cluster\.POLICY",
    ):
        attrs.evolve(load_catalog().task("POL-01"), cluster=cast(Any, "policy"))


def test_extend_refuses_clusters_a_school_cannot_redefine(tmp_path):
    path = tmp_path / "eigen.toml"
    path.write_text('[[cluster]]\ncluster = "technical"\n', encoding="utf-8")

    with pytest.raises(SerializationError, match=r"eigen\.toml: \$: unexpected field\(s\) cluster"):
        load_catalog().extend(path)
