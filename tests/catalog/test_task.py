"""A task on its own: where it applies, and what moving it to another cluster does."""

from __future__ import annotations

import attrs

from ict_competence.catalog import Cluster, Domain, Task
from ict_competence.text import LocalizedText, Provenance


def make_task(cluster: Cluster, domain: Domain | None = None) -> Task:
    task = Task(
        code="EIGEN-01",
        cluster=cluster,
        description=LocalizedText("Beheer van tablets"),
        hours_per_year=10,
        provenance=Provenance("tests"),
    )
    return task if domain is None else attrs.evolve(task, domain=domain)


def test_a_task_moved_to_another_cluster_takes_that_clusters_domain():
    task = make_task(Cluster.TECHNICAL)

    moved = task.moved_to(Cluster.POLICY)

    assert moved.cluster is Cluster.POLICY
    assert moved.domain is Domain.POLICY
    assert moved.code == task.code
    assert moved.description == task.description


def test_a_task_with_a_domain_of_its_own_keeps_it_when_moved():
    task = make_task(Cluster.POLICY, domain=Domain.TECHNICAL)

    moved = task.moved_to(Cluster.ADMINISTRATIVE)

    assert moved.cluster is Cluster.ADMINISTRATIVE
    assert moved.domain is Domain.TECHNICAL


def test_a_task_moved_to_its_own_cluster_is_the_same_task():
    task = make_task(Cluster.PEDAGOGICAL, domain=Domain.POLICY)

    assert task.moved_to(Cluster.PEDAGOGICAL) is task


def test_a_task_moved_back_has_its_old_domain_again():
    task = make_task(Cluster.TECHNICAL)

    assert task.moved_to(Cluster.POLICY).moved_to(Cluster.TECHNICAL) == task
