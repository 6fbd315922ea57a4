import json
import subprocess
import sys
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft7Validator  # imported, not skipped: without it these tests fail

from ict_competence.catalog import Catalog, Task, load_catalog
from ict_competence.catalog._loader import load_catalog_info
from ict_competence.errors import IctCompetenceError
from ict_competence.renderers import Renderer, RenderError
from ict_competence.renderers._case import (
    NAMESPACE,
    CaseRenderer,
    case_identifier,
)
from ict_competence.text import LocalizedText
from tests import strategies
from tests.seeds import seed_lines

# A copy of shared/schemas/case-v1p0-cfpackage-schema.json (OpenSALT, MIT), so a clone
# without shared/ runs these tests too.
SCHEMA_PATH = Path(__file__).parent / "data" / "case-v1p0-cfpackage-schema.json"
OWN_ENTRIES = r"""
[[task]]
code = "EIGEN-01"
cluster = "administrative"
hours_per_year = 30
candidates = ["tablet_manager"]

[task.description]
nl = "Beheer van de \"leerlingentablets\"\nen laptops \\ C:\\"
en = "Managing pupils' tablets"

[[role]]
code = "tablet_manager"
name = { nl = "Tabletbeheerder" }
description = { nl = "Beheert de tablets" }
clusters = ["technical"]
profile = { technical = 2 }
competences = ["generic.flexible", "eigen.patience"]

[[competence]]
code = "eigen.patience"
kind = "generic"
name = { nl = "Geduldig", en = "Patient" }
"""


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    # The schema names no $schema; its "definitions" and type lists are Draft 7 (and 4).
    assert "$schema" not in schema
    Draft7Validator.check_schema(schema)
    return Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)


def export(catalog: object, **options: object) -> dict[str, Any]:
    package: dict[str, Any] = json.loads(CaseRenderer().render(catalog, **options))
    return package


def items_by_code(package: dict[str, Any]) -> dict[str, Any]:
    return {
        item.get("humanCodingScheme", item["fullStatement"]): item for item in package["CFItems"]
    }


def extended_catalog(tmp_path: Path) -> Catalog:
    path = tmp_path / "eigen.toml"
    path.write_text(OWN_ENTRIES, encoding="utf-8")
    return load_catalog().extend(path)


def small_catalog(task: Task) -> Catalog:
    """The clusters, one task and the two roles it may name: quick to validate."""
    catalog = load_catalog()
    roles = tuple(attrs.evolve(catalog.role(code), competences=()) for code in ("tict", "pict"))
    return Catalog(catalog.clusters, (task,), roles, ())


def test_the_shared_schema_and_the_copy_in_the_tests_are_the_same():
    shared = Path(__file__).parents[3] / "shared" / "schemas" / SCHEMA_PATH.name
    if not shared.exists():  # a clone without shared/ beside it has only the copy
        return

    assert shared.read_bytes() == SCHEMA_PATH.read_bytes()


def test_the_validator_really_checks_uris_and_date_times(validator):
    package = export(load_catalog())
    package["CFDocument"]["uri"] = "not a uri"
    package["CFItems"][0]["lastChangeDateTime"] = "yesterday"

    messages = sorted(error.message for error in validator.iter_errors(package))

    assert messages == ["'not a uri' is not a 'uri'", "'yesterday' is not a 'date-time'"]


@pytest.mark.parametrize("base_uri", [None, "https://example.org/case", "http://x.test/c/"])
def test_the_catalogs_export_is_a_valid_case_package(validator, base_uri):
    package = export(load_catalog(), base_uri=base_uri)

    validator.validate(package)
    assert package["CFDocument"]["title"] == "Takenoverzicht ICT-coördinatie"
    assert package["CFDocument"]["language"] == "nl"
    assert package["CFDocument"]["lastChangeDateTime"] == "2026-11-23T00:00:00+00:00"


def test_uris_use_the_base_uri_or_else_a_uuid_urn():
    plain = export(load_catalog())
    based = export(load_catalog(), base_uri="https://example.org/case")

    for node in [plain["CFDocument"], *plain["CFItems"], *plain["CFAssociations"]]:
        assert node["uri"] == f"urn:uuid:{node['identifier']}"
    for node in [based["CFDocument"], *based["CFItems"], *based["CFAssociations"]]:
        assert node["uri"] == f"https://example.org/case/{node['identifier']}"


def test_two_renders_are_byte_identical():
    first = CaseRenderer().render(load_catalog())

    second = CaseRenderer().render(load_catalog())

    assert first == second
    assert first.endswith("}\n")


def test_identifiers_are_the_same_in_another_process():
    code = (
        "import sys; from ict_competence import load_catalog; "
        "from ict_competence.renderers._case import CaseRenderer; "
        "sys.stdout.buffer.write(CaseRenderer().render(load_catalog()).encode())"
    )

    other = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, check=True, env={"PYTHONHASHSEED": "7"}
    ).stdout.decode()

    assert other == CaseRenderer().render(load_catalog())


def test_identifiers_are_uuid5_of_the_kind_and_code_in_a_fixed_namespace():
    package = export(load_catalog())

    task = items_by_code(package)["TECH-01"]

    assert task["identifier"] == str(uuid.uuid5(NAMESPACE, "task:TECH-01"))
    # Pinned: a changed namespace would make every receiving system see new items.
    assert case_identifier("task", "TECH-01") == "596afc49-7271-5cbc-9306-ba3dc565bee8"
    assert package["CFDocument"]["identifier"] == case_identifier("document", "catalog")


def test_every_identifier_is_a_canonical_uuid_and_unique():
    package = export(load_catalog())
    definitions = package["CFDefinitions"]
    nodes = [
        package["CFDocument"],
        *package["CFItems"],
        *package["CFAssociations"],
        *definitions["CFItemTypes"],
        *definitions["CFAssociationGroupings"],
    ]

    identifiers = [node["identifier"] for node in nodes]

    # The schema's UUID pattern is unanchored, so check the whole string here.
    assert all(str(uuid.UUID(identifier)) == identifier for identifier in identifiers)
    assert len(set(identifiers)) == len(identifiers)


def test_every_task_appears_once_with_its_code_and_dutch_text():
    catalog = load_catalog()

    package = export(catalog)

    codes = Counter(item.get("humanCodingScheme") for item in package["CFItems"])
    by_code = items_by_code(package)
    for task in catalog.tasks:
        item = by_code[task.code]
        assert codes[task.code] == 1
        assert item["fullStatement"] == task.description.nl
        assert item["alternativeLabel"] == task.description.en
        assert item["language"] == "nl"
        assert item["CFItemType"] == "Taak"
    assert sum(item["CFItemType"] == "Taak" for item in package["CFItems"]) == len(catalog.tasks)


def test_every_cluster_competence_and_role_is_an_item():
    catalog = load_catalog()

    by_code = items_by_code(export(catalog))

    assert by_code["TECH"]["fullStatement"] == "Technische taken"
    assert by_code["TECH"]["conceptKeywords"][0] == "Hardware"
    assert by_code["generic"]["fullStatement"] == "Generieke competenties"
    for competence in catalog.competences:
        assert by_code[competence.code]["fullStatement"] == competence.name.nl
        assert by_code[competence.code]["CFItemType"] == "Competentie"
    for role in catalog.roles:
        assert by_code[role.code]["fullStatement"] == role.name.nl
        assert role.description.nl in by_code[role.code]["notes"]
    firm = catalog.role("external_firm")
    assert f"risk: {firm.risks[0].nl} ({firm.risks[0].en})" in by_code["external_firm"]["notes"]
    assert "profile (0 none … 3 expert): technical 3, pedagogical 1" in by_code["tict"]["notes"]


def test_the_competence_group_headings_are_verbatim_at_the_lines_they_cite():
    groups = [
        item
        for item in export(load_catalog())["CFItems"]
        if item["CFItemType"] == "Competentiegroep"
    ]

    for item in groups:
        source, _, line = item["notes"].removeprefix("source: ").partition(", line ")
        assert item["fullStatement"] in seed_lines(source)[int(line) - 1]
    assert len(groups) == 7


def test_strategic_tasks_carry_the_keyword_and_their_criterion():
    by_code = items_by_code(export(load_catalog()))

    assert by_code["TECH-01"]["conceptKeywords"] == ["kerntaak"]
    assert "Cruciaal om dagelijks" in by_code["TECH-01"]["notes"]
    assert "conceptKeywords" not in by_code["TECH-02"]
    assert "applies to: secondary_technical" in by_code["TECH-12"]["notes"]
    assert "scope: scholengroep (school group)" in by_code["TECH-02"]["notes"]


def test_every_association_links_nodes_of_the_package():
    package = export(load_catalog())
    nodes = {node["identifier"]: node for node in [package["CFDocument"], *package["CFItems"]]}
    groupings = {g["identifier"] for g in package["CFDefinitions"]["CFAssociationGroupings"]}

    for association in package["CFAssociations"]:
        for end in ("originNodeURI", "destinationNodeURI"):
            link = association[end]
            assert link["identifier"] in nodes
            assert link["uri"] == nodes[link["identifier"]]["uri"]
        grouping = association.get("CFAssociationGroupingURI")
        assert grouping is None or grouping["identifier"] in groupings


def test_every_item_has_one_parent_and_its_type_is_defined():
    package = export(load_catalog())
    item_types = {t["identifier"]: t for t in package["CFDefinitions"]["CFItemTypes"]}

    parents = Counter(
        a["originNodeURI"]["identifier"]
        for a in package["CFAssociations"]
        if a["associationType"] == "isChildOf"
    )

    assert all(parents[item["identifier"]] == 1 for item in package["CFItems"])
    for item in package["CFItems"]:
        assert item_types[item["CFItemTypeURI"]["identifier"]]["title"] == item["CFItemType"]
        assert item["CFDocumentURI"]["identifier"] == package["CFDocument"]["identifier"]


def related(package: dict[str, Any], kind: str, origin: str) -> list[tuple[str, str]]:
    by_id = {item["identifier"]: item for item in package["CFItems"]}
    by_id[package["CFDocument"]["identifier"]] = {"humanCodingScheme": "document"}
    return [
        (
            by_id[a["destinationNodeURI"]["identifier"]]["humanCodingScheme"],
            a.get("CFAssociationGroupingURI", {}).get("title", ""),
        )
        for a in package["CFAssociations"]
        if a["associationType"] == kind and a["originNodeURI"]["title"] == origin
    ]


def test_tasks_hang_under_their_cluster_and_relate_to_roles_and_their_domain():
    catalog = load_catalog()
    package = export(catalog)

    task = catalog.task("TECH-01")

    assert related(package, "isChildOf", "TECH-01") == [("TECH", "")]
    assert related(package, "isChildOf", "TECH") == [("document", "")]
    assert sorted(related(package, "isRelatedTo", "TECH-01")) == sorted(
        [("technical", "Vereist competentiedomein")]
        + [(role, "Wie kan het opnemen?") for role in task.candidates]
    )


def test_roles_relate_to_their_clusters_and_competences():
    role = load_catalog().role("tict")

    links = related(export(load_catalog()), "isRelatedTo", "tict")

    assert links == [(code, "Takenclusters van de rol") for code in ("TECH", "ADM", "POL")] + [
        (code, "Competenties van de rol") for code in role.competences
    ]


def test_the_documents_children_are_numbered_in_order():
    package = export(load_catalog())

    children = [
        (a["sequenceNumber"], a["originNodeURI"]["title"])
        for a in package["CFAssociations"]
        if a["destinationNodeURI"]["identifier"] == package["CFDocument"]["identifier"]
    ]

    assert children == [
        (1, "TECH"),
        (2, "PED"),
        (3, "ADM"),
        (4, "POL"),
        (5, "Vereiste competenties"),
        (6, "generic"),
        (7, "leadership"),
        (8, "Rollen"),
    ]


def test_a_catalog_extended_with_a_schools_own_task_validates(validator, tmp_path):
    catalog = extended_catalog(tmp_path)

    text = CaseRenderer().render(catalog)

    package = json.loads(text)
    validator.validate(package)
    item = items_by_code(package)["EIGEN-01"]
    assert item["fullStatement"] == 'Beheer van de "leerlingentablets"\nen laptops \\ C:\\'
    assert item["identifier"] == case_identifier("task", "EIGEN-01")
    assert related(package, "isChildOf", "EIGEN-01") == [("ADM", "")]
    assert ("tablet_manager", "Wie kan het opnemen?") in related(package, "isRelatedTo", "EIGEN-01")
    assert ("eigen.patience", "Competenties van de rol") in related(
        package, "isRelatedTo", "tablet_manager"
    )
    assert "eigen.toml" in package["CFDocument"]["notes"]
    assert "alternativeLabel" not in items_by_code(package)["tablet_manager"]


@given(strategies.tasks(code=st.just("EIGEN-99")))
def test_any_task_text_stays_valid_json_and_a_valid_package(validator, task):
    catalog = small_catalog(task)

    package = json.loads(CaseRenderer().render(catalog))

    validator.validate(package)
    item = items_by_code(package)["EIGEN-99"]
    assert item["fullStatement"] == task.description.nl
    assert item.get("alternativeLabel", "") == task.description.en


def test_a_lone_surrogate_is_refused_naming_the_entry():
    task = attrs.evolve(
        load_catalog().task("TECH-01"), description=LocalizedText("bad \ud800"), candidates=()
    )

    with pytest.raises(IctCompetenceError, match="task TECH-01: the text is not valid Unicode"):
        CaseRenderer().render(small_catalog(task))


@pytest.mark.parametrize(
    ("last_change", "stamp"),
    [
        (datetime(2027, 3, 1, 8, 30, 15, 999, tzinfo=UTC), "2027-03-01T08:30:15+00:00"),
        (
            datetime(2027, 3, 1, 10, tzinfo=timezone(timedelta(hours=2))),
            "2027-03-01T08:00:00+00:00",
        ),
        ("2027-03-01T10:00:00+01:00", "2027-03-01T09:00:00+00:00"),
        (load_catalog_info().last_changed, "2026-11-23T00:00:00+00:00"),
    ],
)
def test_last_change_stamps_every_node_in_utc(validator, last_change, stamp):
    package = export(load_catalog(), last_change=last_change)

    validator.validate(package)
    stamps = {
        node["lastChangeDateTime"]
        for node in [
            package["CFDocument"],
            *package["CFItems"],
            *package["CFAssociations"],
            *package["CFDefinitions"]["CFItemTypes"],
            *package["CFDefinitions"]["CFAssociationGroupings"],
        ]
    }
    assert stamps == {stamp}


@pytest.mark.parametrize(
    ("obj", "options", "message"),
    [
        (42, {}, "the case renderer does not render int; the pairs that exist are case: Catalog;"),
        (load_catalog().overview(), {}, "does not render TaskOverview; .* case: Catalog;"),
        (load_catalog(), {"language": "en"}, "unknown case option.s.: language; the case"),
        (
            load_catalog(),
            {"last_change": "2027-03-01"},
            "the case option last_change must be a datetime or ISO 8601 text with a time zone, "
            "such as '2026-01-31T12:00:00.00:00', found '2027-03-01'",
        ),
        (load_catalog(), {"last_change": "soon"}, "last_change must be a datetime"),
        (load_catalog(), {"last_change": 20270301}, "last_change must be a datetime"),
        (
            load_catalog(),
            {"base_uri": 3},
            "the case option base_uri must be an absolute http.s. URI without query or "
            "fragment, such as 'https://example.org/case/', found 3",
        ),
        (load_catalog(), {"base_uri": "ftp://example.org/"}, "base_uri must be an absolute"),
        (load_catalog(), {"base_uri": "https:///case/"}, "base_uri must be an absolute"),
        (load_catalog(), {"base_uri": "https://x.org/?q=1"}, "base_uri must be an absolute"),
        (load_catalog(), {"base_uri": "https://x.org/#top"}, "base_uri must be an absolute"),
        (load_catalog(), {"base_uri": "https://x.org:http/"}, "base_uri must be an absolute"),
        (load_catalog(), {"base_uri": "https://x.org:0/"}, "base_uri must be an absolute"),
        (load_catalog(), {"base_uri": "https://x.org/a b/"}, "base_uri must be an absolute"),
        (load_catalog(), {"base_uri": 'https://x.org/"/'}, "base_uri must be an absolute"),
    ],
)
def test_the_case_renderer_refuses_what_it_cannot_do(obj, options, message):
    with pytest.raises(RenderError, match=message):
        CaseRenderer().render(obj, **options)


def test_the_case_renderer_is_a_renderer_of_json():
    renderer = CaseRenderer()

    assert isinstance(renderer, Renderer)
    assert (renderer.name, renderer.media_type) == ("case", "application/json")


def test_the_package_declares_only_schema_fields_and_the_document_links(validator):
    schema = validator.schema["definitions"]
    package = export(load_catalog())

    item_keys = {key for item in package["CFItems"] for key in item}
    association_keys = {key for a in package["CFAssociations"] for key in a}

    # The schema lets these objects take any extra field; stick to CASE's own.
    assert item_keys <= set(schema["CFPackageItem"]["properties"]) | {"CFDocumentURI"}
    assert association_keys <= set(schema["CFPackageAssociation"]["properties"]) | {"CFDocumentURI"}
    assert set(package["CFDocument"]) <= set(schema["CFPackageDocument"]["properties"])


def test_the_cluster_codes_version_and_date_come_from_the_catalogs_data():
    info = load_catalog_info()
    catalog = load_catalog()
    renamed = attrs.evolve(catalog.clusters[0], code_prefix="TEC")
    changed = Catalog(
        (renamed, *catalog.clusters[1:]), catalog.tasks, catalog.roles, catalog.competences
    )

    package = export(changed)

    assert package["CFDocument"]["version"] == info.version
    assert package["CFDocument"]["lastChangeDateTime"] == "2026-11-23T00:00:00+00:00"
    assert items_by_code(package)["TEC"]["fullStatement"] == renamed.title.nl
    assert "TECH" not in items_by_code(package)


def test_the_competence_groups_follow_the_headings_of_the_catalogs_data():
    groups = load_catalog_info().competence_groups

    by_code = items_by_code(export(load_catalog()))

    for group in groups:
        item = by_code.get(group.code, by_code.get(group.title.nl))
        assert item is not None
        assert item["fullStatement"] == group.title.nl
        assert item["identifier"] == case_identifier("group", group.code)
        assert item["notes"] == f"source: {group.provenance}"


def test_a_competence_under_no_heading_is_refused_not_dropped(monkeypatch):
    info = load_catalog_info()
    without_generic = attrs.evolve(
        info, competence_groups=tuple(g for g in info.competence_groups if g.code != "generic")
    )
    case_module = sys.modules[CaseRenderer.__module__]
    monkeypatch.setattr(case_module, "load_catalog_info", lambda: without_generic)

    with pytest.raises(IctCompetenceError, match=r"generic\.\w+.* fit none of the catalog's"):
        export(load_catalog())
