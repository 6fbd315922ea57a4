"""A CASE 1.0 package (CFPackage) being built: nodes, their stable identifiers and links.

Nothing here knows the catalog: :mod:`ict_competence.renderers._case` maps the catalog's
entries onto the items and associations this module collects.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence

import attrs

from ict_competence.errors import IctCompetenceError
from ict_competence.text import LocalizedText

__all__ = ["NAMESPACE", "TITLE", "Json", "Node", "Package", "case_identifier", "checked"]

#: The namespace of every identifier in an export,
#: ``uuid5(NAMESPACE_URL, "urn:ict-competence:case")``.
#: Never change it: receiving systems recognise tasks, roles and competences by these ids.
NAMESPACE = uuid.UUID("3acfa282-1577-5bd3-8d34-7a08e708eb78")

TITLE = "Takenoverzicht ICT-coördinatie"

# (typeCode, title, description, hierarchyCode) of the CFItemTypes used.
_ITEM_TYPES = (
    ("cluster", "Takencluster", "A cluster of ICT-coordination tasks.", "1"),
    ("task", "Taak", "An ICT-coordination task of the task overview.", "1.1"),
    ("competence_group", "Competentiegroep", "A group of competences.", "2"),
    ("competence", "Competentie", "A competence asked of who takes tasks or roles.", "2.1"),
    ("role_group", "Rollengroep", "The roles of team-based ICT coordination.", "3"),
    ("role", "Rol", "A role in team-based ICT coordination.", "3.1"),
)
# (code, title, description) of the CFAssociationGroupings used.
_GROUPINGS = (
    ("candidates", "Wie kan het opnemen?", "Task to a role that can take it (seed 003)."),
    ("task_domain", "Vereist competentiedomein", "Task to the competence domain it needs."),
    ("role_clusters", "Takenclusters van de rol", "Role to a task cluster it covers."),
    ("role_competences", "Competenties van de rol", "Role to a competence it leans on."),
)
Json = dict[str, object]


def case_identifier(kind: str, code: str) -> str:
    """The stable CASE identifier of a catalog entry: a ``uuid5`` of its kind and code.

    Args:
        kind: ``"task"``, ``"role"``, ``"competence"``, ``"cluster"`` (code: the cluster's
            value), ``"document"`` (code: ``"catalog"``), ...
        code: the entry's code.

    >>> case_identifier("task", "TECH-01") == case_identifier("task", "TECH-01")
    True
    >>> case_identifier("task", "TECH-01") == str(uuid.uuid5(NAMESPACE, "task:TECH-01"))
    True
    """
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{code}"))


@attrs.frozen
class Node:
    """A package node others link to: its identifier, uri and a title for the link."""

    identifier: str
    uri: str
    title: str

    def link(self) -> Json:
        return {"title": self.title, "identifier": self.identifier, "uri": self.uri}


def checked(text: str, where: str) -> str:
    """``text``, if UTF-8 can hold it; else an error naming ``where``."""
    # Python strings may hold lone surrogates, which UTF-8 (and so a CASE file) cannot.
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise IctCompetenceError(f"{where}: the text is not valid Unicode: {text!r}") from None
    return text


class Package:
    """Collects the nodes of one CFPackage in order, with their links to the document."""

    def __init__(self, base_uri: str | None, stamp: str) -> None:
        self._base_uri = base_uri
        self._stamp = stamp
        self.document = self.node("document", "catalog", TITLE)
        self.items: list[Json] = []
        self.associations: list[Json] = []
        self.item_types = {
            type_code: self.node("item_type", type_code, title)
            for type_code, title, _description, _hierarchy in _ITEM_TYPES
        }
        self.groupings = {
            code: self.node("grouping", code, title) for code, title, _description in _GROUPINGS
        }

    def node(self, kind: str, code: str, title: str) -> Node:
        identifier = case_identifier(kind, code)
        uri = f"{self._base_uri}{identifier}" if self._base_uri else f"urn:uuid:{identifier}"
        return Node(identifier, uri, title)

    def definitions(self) -> Json:
        return {
            "CFItemTypes": [
                {
                    "identifier": self.item_types[code].identifier,
                    "uri": self.item_types[code].uri,
                    "title": title,
                    "description": description,
                    "hierarchyCode": hierarchy,
                    "typeCode": code,
                    "lastChangeDateTime": self._stamp,
                }
                for code, title, description, hierarchy in _ITEM_TYPES
            ],
            "CFAssociationGroupings": [
                {
                    "identifier": self.groupings[code].identifier,
                    "uri": self.groupings[code].uri,
                    "title": title,
                    "description": description,
                    "lastChangeDateTime": self._stamp,
                }
                for code, title, description in _GROUPINGS
            ],
        }

    def entry(
        self,
        kind: str,
        code: str,
        statement: LocalizedText,
        position: int,
        *,
        keywords: Sequence[str] = (),
        notes: str = "",
    ) -> Node:
        """An item of a catalog list (a task, competence, role): its code is its coding."""
        return self.item(
            kind,
            code,
            item_type=kind,
            statement=statement,
            coding=code,
            enumeration=position,
            keywords=keywords,
            notes=notes,
        )

    def item(
        self,
        kind: str,
        code: str,
        *,
        item_type: str,
        statement: LocalizedText,
        coding: str | None = None,
        abbreviated: str | None = None,
        enumeration: int | None = None,
        keywords: Sequence[str] = (),
        notes: str = "",
    ) -> Node:
        where = f"{kind} {code}"
        node = self.node(kind, code, coding or checked(statement.nl, where))
        item: Json = {
            "identifier": node.identifier,
            "uri": node.uri,
            "CFDocumentURI": self.document.link(),
            "fullStatement": checked(statement.nl, where),
        }
        if statement.en:
            item["alternativeLabel"] = checked(statement.en, where)
        if abbreviated:
            item["abbreviatedStatement"] = checked(abbreviated, where)
        if coding:
            item["humanCodingScheme"] = coding
        if enumeration is not None:
            item["listEnumeration"] = str(enumeration)
        if keywords:
            item["conceptKeywords"] = [checked(keyword, where) for keyword in keywords]
        if notes:
            item["notes"] = checked(notes, where)
        item_type_node = self.item_types[item_type]
        item["CFItemType"] = item_type_node.title
        item["CFItemTypeURI"] = item_type_node.link()
        item["language"] = "nl"
        item["lastChangeDateTime"] = self._stamp
        self.items.append(item)
        return node

    def associate(
        self,
        association_type: str,
        origin: Node,
        destination: Node,
        *,
        sequence: int | None = None,
        grouping: str | None = None,
    ) -> None:
        node = self.node(
            "association", f"{association_type}:{origin.identifier}:{destination.identifier}", ""
        )
        association: Json = {
            "identifier": node.identifier,
            "uri": node.uri,
            "CFDocumentURI": self.document.link(),
            "associationType": association_type,
            "originNodeURI": origin.link(),
            "destinationNodeURI": destination.link(),
        }
        if sequence is not None:
            association["sequenceNumber"] = sequence
        if grouping is not None:
            association["CFAssociationGroupingURI"] = self.groupings[grouping].link()
        association["lastChangeDateTime"] = self._stamp
        self.associations.append(association)

    def children(self, parent: Node, children: Iterable[Node]) -> None:
        for number, child in enumerate(children, start=1):
            self.associate("isChildOf", child, parent, sequence=number)
