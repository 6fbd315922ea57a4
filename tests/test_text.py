import pytest

from ict_competence import _content
from ict_competence.errors import ContentError, FieldError
from ict_competence.text import Labelled, LocalizedText, Provenance


def test_english_falls_back_to_dutch_when_missing():
    text = LocalizedText("Inventaris")

    assert text.get("en") == "Inventaris"
    assert text.get("nl") == "Inventaris"


def test_english_is_used_when_given():
    assert LocalizedText("Inventaris", "Inventory").get("en") == "Inventory"


def test_blank_dutch_text_is_refused_naming_the_field():
    with pytest.raises(FieldError, match=r"^nl: expected non-empty text"):
        LocalizedText("  ")


def test_provenance_reads_as_file_and_place():
    assert str(Provenance("003.txt", "line 4")) == "003.txt, line 4"
    assert str(Provenance("003.txt")) == "003.txt"


def test_an_enum_must_label_every_member():
    from ict_competence.text import Labelled, set_labels

    class Colour(Labelled):
        RED = "red"
        BLUE = "blue"

    with pytest.raises(TypeError, match="Colour has no label for BLUE"):
        set_labels(Colour, {Colour.RED: LocalizedText("rood", "red")})
    set_labels(Colour, {Colour.RED: LocalizedText("rood"), Colour.BLUE: LocalizedText("blauw")})

    assert Colour.BLUE.label.nl == "blauw"


class _Colour(Labelled):
    RED = "red"
    GREEN = "green"


def _labels_file(monkeypatch, table):
    monkeypatch.setattr(_content, "read_packaged", lambda package, name: table)


def test_labels_read_from_a_package_file_go_to_each_member(monkeypatch):
    _labels_file(
        monkeypatch,
        {"_Colour": {"red": {"nl": "rood", "en": "red"}, "green": {"nl": "groen"}}},
    )

    _content.read_labels("tests", _Colour)

    assert _Colour.GREEN.label == LocalizedText("groen")


def test_a_labels_file_with_a_value_no_member_has_names_the_file_and_the_enum(monkeypatch):
    _labels_file(monkeypatch, {"_Colour": {"red": {"nl": "rood"}, "blue": {"nl": "blauw"}}})

    with pytest.raises(ContentError, match=r"tests/data/labels.toml: \[_Colour\].*blue"):
        _content.read_labels("tests", _Colour)


def test_a_labels_file_leaving_a_member_out_is_a_programming_error(monkeypatch):
    _labels_file(monkeypatch, {"_Colour": {"red": {"nl": "rood"}}})

    with pytest.raises(TypeError, match="GREEN"):
        _content.read_labels("tests", _Colour)
