import re

import pytest

from ict_competence.errors import ContentError, SerializationError, UnknownCodeError
from ict_competence.flow import (
    Actor,
    Answer,
    Phase,
    RoadmapError,
    SessionStatus,
    StepKind,
    Variant,
    load_roadmap,
)
from tests.seeds import SEEDS

SEED = SEEDS / "004_72b33df2bf5166d2.txt"


def seed_text(locator: str) -> str:
    """The seed's lines at ``line N`` or ``lines N-M``, each without its indentation."""
    assert SEED.is_file(), f"seed 004 is missing at {SEED}; the verbatim tests need it"
    found = re.fullmatch(r"lines? (\d+)(?:-(\d+))?", locator)
    assert found, f"unexpected locator {locator!r}"
    first, last = int(found[1]), int(found[2] or found[1])
    lines = SEED.read_text(encoding="utf-8").splitlines()
    return "\n".join(line.strip() for line in lines[first - 1 : last])


# The restored order of seeds/README.md: which seed lines each branch advises, per actor.
EXPECTED_ADVICE = {
    (1, Answer.NO): {Actor.DIRECTIE: "line 9", Actor.ICT_COORDINATOR: "line 10"},
    (2, Answer.NO): {Actor.DIRECTIE: "lines 18-19", Actor.ICT_COORDINATOR: "line 20"},
    (3, Answer.NO): {Actor.DIRECTIE: "lines 38-39", Actor.ICT_COORDINATOR: "line 40"},
    (6, Answer.NO): {None: "lines 66-67"},
    (7, Answer.DONE): {Actor.DIRECTIE: "lines 48-54"},
}


def test_the_seed_is_where_the_tests_read_it():
    text = SEED.read_text(encoding="utf-8")

    assert "Naar teamgerichte ICT-coördinatie op school" in text


def test_the_built_in_roadmap_has_eight_steps_in_three_phases():
    steps = load_roadmap().steps

    assert [step.number for step in steps] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert [step.phase for step in steps] == [Phase.PRECONDITIONS] * 3 + [
        Phase.PEOPLE_AND_MEANS
    ] * 3 + [Phase.EXECUTION_AND_EVALUATION] * 2
    assert [step.kind for step in steps] == [StepKind.CHECK] * 4 + [
        StepKind.ACTION,
        StepKind.CHECK,
        StepKind.ACTION,
        StepKind.EVALUATION,
    ]


def test_the_built_in_roadmap_is_read_once():
    assert load_roadmap() is load_roadmap()


def test_the_branches_lead_where_the_flowchart_does():
    built_in = load_roadmap()

    nexts = {
        (step.number, branch.answer): branch.next for step in built_in for branch in step.branches
    }

    assert nexts == {
        (1, Answer.YES): 2,
        (1, Answer.NO): 1,
        (2, Answer.YES): 3,
        (2, Answer.NO): 2,
        (3, Answer.YES): 4,
        (3, Answer.NO): 3,
        (4, Answer.YES): 5,
        (4, Answer.NO): 5,
        (5, Answer.DONE): 6,
        (6, Answer.YES): 7,
        (6, Answer.NO): 7,
        (7, Answer.DONE): 8,
        (8, Answer.DONE): None,
    }


def test_each_branch_advises_the_seed_lines_of_the_restored_order():
    built_in = load_roadmap()

    found = {
        (step.number, branch.answer): {
            advice.actor: advice.provenance.locator if advice.provenance else None
            for advice in branch.advice
        }
        for step in built_in
        for branch in step.branches
        if branch.advice
    }

    assert found == EXPECTED_ADVICE


def test_each_branch_advice_is_the_seed_text_verbatim():
    for step in load_roadmap():
        for branch in step.branches:
            for advice in branch.advice:
                assert advice.provenance is not None
                assert advice.provenance.source == SEED.name
                named = f"{advice.actor.label.nl}: " if advice.actor else ""

                assert named + advice.text.nl == seed_text(advice.provenance.locator), (
                    step.number,
                    branch.answer,
                    advice.actor,
                )
                assert advice.text.en.strip()


def test_step_six_no_advises_recruiting_strategic_tasks_and_outsourcing_the_rest():
    advice = load_roadmap().step(6).branch(Answer.NO).advice

    (only,) = advice
    assert only.actor is None
    assert "rekruteren" in only.text.nl
    assert "uit te besteden" in only.text.nl


def test_every_step_title_and_question_is_copied_from_its_seed_line():
    for step in load_roadmap():
        line = seed_text(step.provenance.locator)

        assert step.provenance.source == SEED.name
        assert step.title.nl in line, step.number
        if step.question is not None:
            assert step.question.nl in line, step.number
        assert step.title.en.strip()


def test_every_check_asks_a_question():
    for step in load_roadmap():
        assert (step.question is not None) == (step.kind is StepKind.CHECK), step.number


def test_step_texts_are_the_seed_text_verbatim():
    for step in load_roadmap():
        for text in step.texts:
            assert text.provenance is not None

            assert text.text.nl == seed_text(text.provenance.locator), step.number
            assert text.text.en.strip()


def test_the_roadmap_title_is_the_seed_title():
    provenance = load_roadmap().provenance

    assert provenance is not None
    assert provenance.source == SEED.name
    assert load_roadmap().title.nl == seed_text(provenance.locator)


def test_step_four_chooses_the_variant_of_step_five():
    step_four = load_roadmap().step(4)

    assert step_four.branch(Answer.YES).variant is Variant.SCHOOL_GROUP
    assert step_four.branch(Answer.NO).variant is Variant.SINGLE_SCHOOL


def test_the_two_forms_of_step_five_are_the_seed_texts():
    step_five = load_roadmap().step(5)

    single = step_five.text(Variant.SINGLE_SCHOOL)
    group = step_five.text(Variant.SCHOOL_GROUP)

    assert single is not None
    assert group is not None
    assert single.nl == seed_text("lines 79-83")
    assert group.nl == seed_text("lines 89-95")
    assert step_five.text(None) is None


def test_a_text_for_every_variant_is_shown_whatever_the_variant():
    evaluation = load_roadmap().step(8)

    assert evaluation.text(None) == evaluation.text(Variant.SCHOOL_GROUP)
    assert evaluation.text(None) is not None
    assert load_roadmap().step(1).text(Variant.SINGLE_SCHOOL) is None


def test_asking_for_a_missing_step_or_branch_lists_what_exists():
    with pytest.raises(UnknownCodeError, match="'9'; known codes: 1, 2"):
        load_roadmap().step(9)
    with pytest.raises(
        UnknownCodeError, match="branch of step 5 with code 'yes'; known codes: done"
    ):
        load_roadmap().step(5).branch(Answer.YES)


def test_a_roadmap_iterates_counts_and_contains_its_steps():
    built_in = load_roadmap()

    assert len(built_in) == 8
    assert [step.number for step in built_in] == list(range(1, 9))
    assert 8 in built_in
    assert 9 not in built_in


# --- a school's own roadmap ------------------------------------------------------------------

OWN = """
title = { nl = "Ons stappenplan" }

[[steps]]
number = 1
kind = "check"
phase = "preconditions"
start = true
title = { nl = "Tijd?" }
question = { nl = "Is er tijd?" }

[[steps.branches]]
answer = "yes"
next = 2

[[steps.branches]]
answer = "no"
next = 1

[[steps.branches.advice]]
actor = "directie"
text = { nl = "Maak tijd." }

[[steps]]
number = 2
kind = "evaluation"
phase = "execution_and_evaluation"
title = { nl = "Evalueer" }

[[steps.branches]]
answer = "done"
"""


def test_a_schools_own_roadmap_is_read_from_toml(tmp_path):
    path = tmp_path / "eigen.toml"
    path.write_text(OWN, encoding="utf-8")

    own = load_roadmap(path)

    assert own.title.nl == "Ons stappenplan"
    assert own.step(1).branch(Answer.NO).advice[0].text.nl == "Maak tijd."
    assert str(own.step(2).provenance) == "eigen.toml, steps[1]"


def test_a_schools_own_roadmap_file_replaces_the_built_in_one_rather_than_adding_to_it(tmp_path):
    path = tmp_path / "eigen.toml"
    path.write_text(OWN, encoding="utf-8")

    own = load_roadmap(path)

    assert own.title.nl == "Ons stappenplan"
    assert len(own) != len(load_roadmap())
    assert load_roadmap(None) is load_roadmap()


def test_a_schools_own_roadmap_is_read_from_json(tmp_path):
    path = tmp_path / "eigen.json"
    path.write_text(
        '{"title": {"nl": "Kort"}, "steps": ['
        '{"number": 1, "kind": "evaluation", "phase": "preconditions", "start": true,'
        ' "title": {"nl": "Evalueer"}, "branches": [{"answer": "done"}],'
        ' "provenance": {"source": "elders.txt", "locator": "p. 3"}}]}',
        encoding="utf-8",
    )

    own = load_roadmap(str(path))

    assert own.start is own.evaluation
    assert str(own.start.provenance) == "elders.txt, p. 3"


def test_a_roadmap_file_of_another_type_is_refused(tmp_path):
    with pytest.raises(ContentError, match=r"expected a \.toml or \.json file"):
        load_roadmap(tmp_path / "roadmap.yaml")


def test_a_missing_roadmap_file_is_reported_by_name(tmp_path):
    with pytest.raises(ContentError, match=r"missing\.toml: cannot be read"):
        load_roadmap(tmp_path / "missing.toml")


def test_a_roadmap_file_that_is_not_toml_is_reported(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text("title = {", encoding="utf-8")

    with pytest.raises(ContentError, match=r"broken\.toml: cannot be read as TOML"):
        load_roadmap(path)


def test_a_json_roadmap_that_is_not_an_object_is_refused(tmp_path):
    path = tmp_path / "list.json"
    path.write_text("[1, 2]", encoding="utf-8")

    with pytest.raises(ContentError, match="expected an object with a title and a list of steps"):
        load_roadmap(path)


def test_a_bad_value_in_a_roadmap_file_names_its_path(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(OWN.replace('kind = "check"', 'kind = "question"'), encoding="utf-8")

    with pytest.raises(SerializationError, match=r"\$\.steps\[0\]\.kind: expected one of"):
        load_roadmap(path)


def test_a_roadmap_file_that_breaks_the_flow_names_the_step(tmp_path):
    path = tmp_path / "trap.toml"
    path.write_text(
        OWN.replace('answer = "yes"\nnext = 2', 'answer = "yes"\nnext = 5'), encoding="utf-8"
    )

    with pytest.raises(RoadmapError, match="step 1: a trap") as raised:
        load_roadmap(path)

    assert raised.value.steps == (1, 2)
    assert "step 2: cannot be reached from the start (step 1)" in str(raised.value)


def test_a_roadmap_file_with_a_branch_to_a_missing_step_names_the_file(tmp_path):
    path = tmp_path / "eigen.toml"
    path.write_text(
        OWN.replace('answer = "yes"\nnext = 2', 'answer = "yes"\nnext = 77'), encoding="utf-8"
    )

    with pytest.raises(RoadmapError) as raised:
        load_roadmap(path)

    assert str(raised.value).startswith(
        f"{path}: roadmap:\n  step 1: branch yes leads to step 77, which does not exist"
    )
    assert raised.value.source == str(path)
    assert raised.value.steps == (1, 2)
    assert raised.value.problems[0].startswith("step 1: branch yes leads to step 77")


def test_a_roadmap_error_without_a_file_names_no_source():
    error = RoadmapError(["step 3: a trap"], [3])

    assert str(error) == "roadmap:\n  step 3: a trap"
    assert error.source is None


def test_a_roadmap_file_whose_steps_are_no_list_names_the_path(tmp_path):
    path = tmp_path / "flat.toml"
    path.write_text('title = { nl = "Plat" }\nsteps = 3\n', encoding="utf-8")

    with pytest.raises(SerializationError, match=r"\$\.steps: expected a list"):
        load_roadmap(path)


def test_each_kind_of_step_says_which_moves_it_accepts():
    accepted = {kind: kind.accepts for kind in StepKind}

    assert accepted == {
        StepKind.CHECK: "answer(yes=True) or answer(yes=False)",
        StepKind.ACTION: "complete()",
        StepKind.EVALUATION: "complete() or revisit(step)",
    }


def test_actors_answers_and_variants_have_dutch_and_english_labels():
    labels = [member.label for member in (*Actor, *Answer, *Variant)]

    assert [label.nl for label in labels] == [
        "Directie",
        "ICT-coördinator",
        "Ja",
        "Nee",
        "Klaar",
        "één school",
        "scholengroep/-gemeenschap",
    ]
    assert all(label.en for label in labels)


def test_step_kinds_phases_and_statuses_have_dutch_and_english_labels():
    labels = {member: member.label for member in (*StepKind, *Phase, *SessionStatus)}

    assert labels[Phase.PRECONDITIONS].nl == "Randvoorwaarden"
    assert labels[StepKind.CHECK].en == "check (yes/no)"
    assert labels[SessionStatus.PAUSED].nl.startswith("gepauzeerd")
    assert all(label.nl and label.en for label in labels.values())
