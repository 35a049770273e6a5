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


def status(text: str, criterion: str) -> str:
    return str(read(text)[criterion].status)  # type: ignore[attr-defined]


def test_alternatives_in_a_term_match_any_one_of_them() -> None:
    pattern = term_pattern("{anime|mis en place} * {activites|ateliers}")
    assert pattern.search(fold("j'ai mis en place des ateliers sportifs"))
    assert pattern.search(fold("Animé les activités du mercredi"))
    assert not pattern.search(fold("mis en place un logiciel"))


def test_activities_stated_in_a_sentence_are_evidence() -> None:
    for text in ("Je conçois des activités autour des sciences et de la nature.",
                 "Animation de jeux coopératifs pour les 6-9 ans.",
                 "Led hikes, campfire games and arts and crafts.",
                 "Ran the daily programme for 30 children."):
        assert status(text, "activity_project") == "met", text
    for text in ("Gestion de projets informatiques, organisation de réunions.",
                 "Préparé des repas pour les résidents."):
        assert status(text, "activity_project") == "not_found", text


def test_feminine_forms_and_other_titles_of_the_2007_order_are_equivalents() -> None:
    for text in ("Éducatrice spécialisée diplômée (2015)", "Professeure des écoles",
                 "Monitrice éducatrice", "Erzieherin (Germany)"):
        assert status(text, "qualification") == "met", text


def test_a_section_below_a_job_does_not_describe_its_public() -> None:
    text = ("Je travaille depuis 2015 comme agent d'animation dans une école primaire.\n"
            "Diplômes : CAP Petite Enfance (2014).")
    assert status(text, "experience_children") == "met"
    same_entry = ("Depuis 2015 : animateur.\n"
                  "Public : enfants de la crèche municipale.")
    assert status(same_entry, "experience_children") == "not_found"


def test_a_wish_to_work_with_children_is_not_experience() -> None:
    text = ("Secrétaire médicale de 2008 à 2023.\n"
            "Reconversion : je souhaite travailler avec des enfants.")
    assert status(text, "experience_children") == "not_found"


def test_a_negated_mention_is_not_evidence() -> None:
    assert status("Pas de BAFA pour l'instant, je compte le passer.", "qualification") == \
        "not_found"
    assert status("* No first aid certificate yet", "first_aid") == "not_found"
    assert status("Je n'ai pas encore le permis B.", "driving_licence") == "not_found"
    assert status("BAFA obtenu en 2019, sans difficulté.", "qualification") == "met"
    assert status("Not a teacher; BAFA since 2019.", "qualification") == "met"
