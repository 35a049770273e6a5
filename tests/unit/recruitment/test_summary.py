"""What the model is given for a summary, and what is kept of its answer."""

from __future__ import annotations

import json

from communia.recruitment.evidence import Reader, SourceText
from communia.recruitment.summary import (
    MAX_EXTRACT_CHARS,
    summary_extracts,
    summary_schema,
    verified_lines,
)
from tests.unit.recruitment.factories import CV_FR, TODAY, profile


def extracts_of(text: str) -> list[str]:
    results = Reader(profile(), TODAY).read([SourceText("cv.txt", text)])
    return summary_extracts(profile(), results, [text], lambda quote: quote)


def test_extracts_are_the_evidence_quotes_heaviest_criteria_first() -> None:
    extracts = extracts_of(CV_FR)
    assert extracts[0] == "BAFA (2020)"  # qualification weighs most
    assert "Permis B en cours" in extracts
    assert len(extracts) == len(set(extracts))
    assert all(len(e) <= MAX_EXTRACT_CHARS for e in extracts)
    assert not any("Vendeuse" in e for e in extracts)  # neither evidence nor needed


def test_opening_lines_fill_in_only_when_evidence_is_short() -> None:
    text = ("Je souhaite rejoindre votre équipe municipale après dix années de commerce.\n"
            "Titulaire du BAFA depuis 2019.")
    extracts = extracts_of(text)
    assert extracts[0] == "Titulaire du BAFA depuis 2019."
    assert extracts[1].startswith("Je souhaite rejoindre")


def test_only_sentences_citing_a_given_extract_are_kept() -> None:
    answer = json.dumps({"sentences": [{"text": "A.", "extract": 2},
                                       {"text": "B.", "extract": 3},
                                       {"text": "C.", "extract": "1"},
                                       {"text": " ", "extract": 1}]})
    lines = verified_lines(answer, ["first", "second"])
    assert [(line.text, line.quote) for line in lines] == [("A.", "second")]


def test_the_schema_bounds_the_extract_numbers() -> None:
    item = summary_schema(4)["properties"]["sentences"]["items"]  # type: ignore[index]
    assert item["properties"]["extract"] == {"type": "integer", "minimum": 1, "maximum": 4}
