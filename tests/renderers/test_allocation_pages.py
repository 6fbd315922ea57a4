"""The allocation as a Markdown and an HTML page."""

from html.parser import HTMLParser

import pytest

from ict_competence.allocation import Person, Team, allocate
from ict_competence.catalog import Cluster, Domain, load_catalog
from ict_competence.renderers import render


@pytest.fixture(scope="module")
def allocation():
    overview = load_catalog().overview()
    team = Team(
        [
            Person(
                id="p-tech",
                hours=300,
                levels={Domain.TECHNICAL: 3, Domain.ADMINISTRATIVE: 2},
                motivation={Cluster.TECHNICAL: 3, Cluster.ADMINISTRATIVE: 1},
            ),
            Person(
                id="p-ped",
                hours=100,
                levels={Domain.PEDAGOGICAL: 3, Domain.TECHNICAL: 1},
                motivation={Cluster.PEDAGOGICAL: 3},
            ),
        ]
    )
    return allocate(overview, team)


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)


@pytest.mark.parametrize("format_", ["markdown", "html"])
def test_every_assignment_and_decision_is_on_the_page(allocation, format_):
    page = render(allocation, format_)

    for key, assignment in allocation.assignments.items():
        assert key in page
        assert assignment.primary in page
    for key in allocation.decisions:
        assert key in page
    assert allocation.decisions  # the team is too small for all tasks: there is something to decide


def test_the_html_page_is_in_english_when_asked_and_has_no_script(allocation):
    parser = _Tags()

    page = render(allocation, "html", language="en")
    parser.feed(page)

    assert "Division of the ICT tasks" in page
    assert "recruit" in page
    assert "script" not in parser.tags


def test_the_markdown_page_lists_each_person_with_a_suggested_role(allocation):
    page = render(allocation, "markdown")

    assert "| p-tech |" in page
    assert "| p-ped |" in page
    assert "Te rekruteren of uit te besteden" in page
