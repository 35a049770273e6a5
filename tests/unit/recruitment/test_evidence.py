"""Evidence per criterion: equivalents, partial mentions, durations from dates, quotes."""

from __future__ import annotations

from communia.recruitment.evidence import Reader, SourceText, term_pattern
from communia.recruitment.model import fold
from tests.unit.recruitment.factories import CV_FR, TODAY, profile


def read(text: str) -> dict[str, object]:
    results = Reader(profile(), TODAY).read([SourceText("cv.txt", text)])
    return {r.criterion_id: r for r in results}


def test_quotes_are_verbatim_slices_with_offsets() -> None:
    for result in read(CV_FR).values():
        for item in result.evidence:  # type: ignore[attr-defined]
            assert CV_FR[item.start:item.end] == item.quote


def test_equivalent_diploma_meets_the_qualification() -> None:
    results = read("Diplômes\nCPJEPS animateur d'activités et de vie quotidienne (2022)")
    assert results["qualification"].status == "met"  # type: ignore[attr-defined]


def test_in_progress_mention_is_partial_not_met() -> None:
    results = read(CV_FR)
    assert results["driving_licence"].status == "partial"  # type: ignore[attr-defined]
    assert read("BAFA en cours (stage pratique)")["qualification"].status == "partial"  # type: ignore[attr-defined]  # noqa: E501


def test_duration_is_computed_from_dates() -> None:
    result = read(CV_FR)["experience_children"]
    assert result.status == "met"  # type: ignore[attr-defined]
    assert result.years == 2.8  # type: ignore[attr-defined]  # Sept 2021 – June 2024


def test_short_experience_is_partial_with_the_years_found() -> None:
    text = "Animateur périscolaire (école élémentaire)\nJanvier 2024 - juin 2024"
    result = read(text)["experience_children"]
    assert result.status == "partial"  # type: ignore[attr-defined]
    assert result.years == 0.5  # type: ignore[attr-defined]


def test_teenager_experience_does_not_count_for_children() -> None:
    text = "2015 - 2023\nAnimateur ados (11-17 ans), maison des jeunes"
    assert read(text)["experience_children"].status == "not_found"  # type: ignore[attr-defined]


def test_age_of_the_children_is_not_a_duration() -> None:
    text = "Encadrement d'enfants de 6 à 12 ans dans un centre de loisirs"
    result = read(text)["experience_children"]
    assert result.years == 0.0  # type: ignore[attr-defined]


def test_dotted_acronyms_and_spaced_codes_match() -> None:
    assert term_pattern("bafa").search(fold("B.A.F.A.").replace(".", "")) is not None
    assert read("Titulaire du B.A.F.A. et du PSC 1")["first_aid"].status == "met"  # type: ignore[attr-defined]  # noqa: E501


def test_nothing_relevant_is_not_found() -> None:
    results = read("Comptable, maîtrise d'Excel et de SAP.")
    assert {r.status for r in results.values()} == {"not_found"}  # type: ignore[attr-defined]
