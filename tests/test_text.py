import pytest

from ict_competence.errors import FieldError
from ict_competence.text import LocalizedText, Provenance


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
