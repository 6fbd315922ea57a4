"""``roadmap``: asked in a terminal, or answered by a script."""

from __future__ import annotations

import io
import sys

import pytest

from ict_competence.cli import main
from ict_competence.flow import RoadmapSession
from ict_competence.serialize import from_json
from tests.cli.helpers import Terminal, refused


def _session(path) -> RoadmapSession:
    return from_json(RoadmapSession, path.read_bytes())


def test_answers_for_a_script_are_saved_as_the_session(tmp_path, capsys):
    out = tmp_path / "s.json"

    assert main(["roadmap", "--answers", "yes,no", "--out", str(out), "--language", "en"]) == 0

    session = _session(out)
    assert session == RoadmapSession.start().answer(True).answer(False)
    assert out.stat().st_mode & 0o777 == 0o600
    printed = capsys.readouterr().out
    assert "advice (step 2) for School leadership: " in printed
    assert "Roadmap: at step 2 (paused), cycle 1, 2 moves, 2 pieces of advice." in printed


def test_answers_from_a_file(tmp_path):
    answers, out = tmp_path / "answers.txt", tmp_path / "s.json"
    answers.write_text("# steps 1-4\nja, ja\nja ja\n\nklaar  # step 5\n")

    assert main(["roadmap", "--answers-file", str(answers), "--out", str(out)]) == 0

    session = _session(out)
    assert session.current.number == 6
    assert [move.answer.value for move in session.history if move.answer] == ["yes"] * 4 + ["done"]


def test_a_wrong_answer_names_the_step_and_saves_nothing(tmp_path, capsys):
    out = tmp_path / "s.json"

    status = main(["roadmap", "--answers", "yes,yes,yes,yes,yes", "--out", str(out)])

    assert refused(status, capsys) == (
        "ict-competence: error: --answers, answer 5: step 5 is an action: expected done, "
        "found 'yes'"
    )
    assert not out.exists()


def test_an_answer_after_the_cycle_is_refused(capsys):
    status = main(["roadmap", "--answers", "yes,yes,yes,yes,done,yes,done,done,done"])

    assert "answer 9: step 8: the cycle is complete" in refused(status, capsys)


def test_a_session_goes_on_where_it_stopped(tmp_path):
    out = tmp_path / "s.json"
    main(["roadmap", "--answers", "yes,yes", "--out", str(out)])

    assert (
        main(["roadmap", "--resume", str(out), "--answers", "yes", "--out", str(out), "--force"])
        == 0
    )

    assert _session(out) == RoadmapSession.start().answer(True).answer(True).answer(True)


def test_the_session_file_is_kept_without_force(tmp_path, capsys):
    out = tmp_path / "s.json"
    out.write_text("mine")

    refused(main(["roadmap", "--answers", "yes", "--out", str(out)]), capsys)

    assert out.read_text() == "mine"


def test_in_a_terminal_each_step_is_asked_until_stop(tmp_path, monkeypatch, capsys):
    out = tmp_path / "s.json"
    monkeypatch.setattr(sys, "stdin", Terminal("yes\nmaybe\nno\nyes\nstop\n"))

    assert main(["roadmap", "--language", "en", "--out", str(out)]) == 0

    session = _session(out)
    assert session == RoadmapSession.start().answer(True).answer(False).answer(True)
    printed = capsys.readouterr().out
    assert "Step 1: Check: awareness that the move to team-based ICT work" in printed
    assert "[yes/no/stop] > " in printed
    assert "  'maybe' does not answer step 2: type yes, no or stop.\n" in printed
    assert "Paused at step 2: answer again once it is met." in printed
    assert "Step 3: Check: an ICT policy plan?" in printed


def test_in_a_terminal_the_questions_are_in_dutch_by_default(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", Terminal("ja\n"))

    assert main(["roadmap"]) == 0

    printed = capsys.readouterr().out
    assert "Stap 2: Check: gedragen pedagogische visie?" in printed
    assert "[ja/nee/stop] > " in printed
    assert "Roadmap: at step 2 (in_progress), cycle 1, 1 move, 0 pieces of advice." in printed


def test_in_a_terminal_an_action_asks_for_done(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", Terminal("ja\nja\nja\nja\nklaar\n"))

    assert main(["roadmap"]) == 0

    printed = capsys.readouterr().out
    assert "[klaar/stop] > " in printed
    assert "at step 6" in printed


def test_without_a_terminal_the_answers_must_be_given(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO("yes\n"))

    line = refused(main(["roadmap"]), capsys)

    assert "stdin is not a terminal: give the answers with --answers or --answers-file" in line


@pytest.mark.parametrize(
    "content", ["[]", '{"schema_version": 1, "history": [{"step": 4, "answer": "yes"}]}']
)
def test_a_bad_session_to_resume_is_refused_in_one_line(content, tmp_path, capsys):
    path = tmp_path / "s.json"
    path.write_text(content)

    line = refused(main(["roadmap", "--resume", str(path), "--answers", "yes"]), capsys)

    assert str(path) in line


def test_in_a_terminal_ctrl_d_stops_and_keeps_the_answers(tmp_path, monkeypatch, capsys):
    out = tmp_path / "s.json"
    monkeypatch.setattr(sys, "stdin", Terminal("ja\nja\n"))

    assert main(["roadmap", "--out", str(out)]) == 0

    assert _session(out) == RoadmapSession.start().answer(True).answer(True)
    assert capsys.readouterr().out.endswith(f"2 moves, 0 pieces of advice.\nWrote {out}\n")


def test_an_answers_file_that_is_no_utf8_text_is_refused_in_one_line(tmp_path, capsys):
    answers = tmp_path / "answers.txt"
    answers.write_bytes("ja, nee, café".encode("latin-1"))

    line = refused(main(["roadmap", "--answers-file", str(answers)]), capsys)

    assert line == (
        f"ict-competence: error: {answers}: not UTF-8 text (byte 13 is 0xe9); "
        "save the answers as UTF-8"
    )


def test_an_answers_file_may_start_with_a_byte_order_mark(tmp_path, capsys):
    answers = tmp_path / "answers.txt"
    answers.write_bytes("\ufeffja, ja".encode())

    assert main(["roadmap", "--answers-file", str(answers)]) == 0

    assert "at step 3" in capsys.readouterr().out


def test_in_a_terminal_a_question_its_title_asks_is_not_asked_twice(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", Terminal("yes\nyes\nyes\nstop\n"))

    assert main(["roadmap", "--language", "en"]) == 0

    printed = capsys.readouterr().out
    # Step 1 and 3: the title asks the question. Step 2 and 4: the question says more.
    assert printed.count("awareness that the move to team-based ICT work") == 1
    assert printed.count("an ICT policy plan?") == 1
    assert "Step 2: Check: a shared pedagogical vision?\na pedagogical vision that is widely" in (
        printed
    )
    assert "Step 4: Check the available means\nwillingness to cooperate" in printed


def test_in_a_terminal_an_answer_without_advice_adds_no_empty_line(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", Terminal("ja\nja\nstop\n"))

    assert main(["roadmap"]) == 0

    printed = capsys.readouterr().out
    assert "\n\n\n" not in printed
    assert "[ja/nee/stop] > \nStap 2" in printed


def test_in_a_dutch_terminal_a_wrong_answer_is_told_in_dutch(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", Terminal("misschien\nnee\nstop\n"))

    assert main(["roadmap"]) == 0

    printed = capsys.readouterr().out
    assert "  'misschien' beantwoordt stap 1 niet: typ ja, nee of stop.\n" in printed
    assert "expected" not in printed
    assert "  advies (stap 1) voor " in printed
    assert "  Gepauzeerd bij stap 1: " in printed
    assert printed.startswith("Beantwoord elke stap; 'stop' of Ctrl-D stopt")
