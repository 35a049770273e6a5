"""Protected grounds of L1132-1 are refused with the reason; proxies are flagged."""

from __future__ import annotations

import pytest

from communia.errors import Refused
from communia.recruitment.model import Criterion
from communia.recruitment.protected import ProtectedCriterion, check_criterion


def criterion(label: str) -> Criterion:
    return Criterion(id="c", label=label, terms=("x",))


@pytest.mark.parametrize(("label", "ground"), [
    ("Âge maximum 30 ans", "age"),
    ("Candidat de moins de 35 ans", "age"),
    ("Hommes uniquement pour l'encadrement", "sex"),
    ("Célibataire, disponible", "family"),
    ("Pas de projet de grossesse", "pregnancy"),
    ("Belle présentation exigée", "appearance"),
    ("Résider à Villeurbanne", "residence"),
    ("Bonne santé physique", "health"),
    ("Pas de handicap", "disability"),
    ("Non syndiqué", "union"),
    ("Religion catholique", "religion"),
    ("Origine française", "origin"),
    ("Opinions politiques compatibles", "political"),
    ("Nom de famille à consonance locale", "surname"),
    ("Sexual orientation: straight", "sexual_orientation"),
])
def test_protected_ground_is_refused_with_the_reason(label: str, ground: str) -> None:
    with pytest.raises(ProtectedCriterion) as caught:
        check_criterion(criterion(label))
    assert caught.value.finding.ground == ground
    assert "L1132-1" in str(caught.value)
    assert isinstance(caught.value, Refused)


@pytest.mark.parametrize(("label", "proxy"), [
    ("Jeune diplômé", "young"),
    ("Diplôme obtenu après 2018", "graduation_year"),
    ("Nationalité exigée", "nationality"),
    ("CV avec photo", "photo"),
    ("Native speaker of French", "mother_tongue"),
])
def test_proxy_is_flagged_not_refused(label: str, proxy: str) -> None:
    findings = check_criterion(criterion(label))
    assert [f.ground for f in findings] == [proxy]
    assert all(f.kind == "proxy" for f in findings)


@pytest.mark.parametrize("label", [
    "Expérience auprès d'enfants de 6 à 12 ans",
    "Expérience avec des jeunes de 11 à 17 ans",
    "Respect du principe de laïcité et de neutralité religieuse",
    "Relations avec les habitants du quartier",
    "Permis B",
    "BAFA ou équivalent",
])
def test_objective_criteria_pass(label: str) -> None:
    assert check_criterion(criterion(label)) == []


def test_a_criterion_naming_age_is_refused_even_worded_plainly() -> None:
    with pytest.raises(ProtectedCriterion) as caught:
        check_criterion(Criterion("age", "Âge inférieur à 30 ans", terms=("jeune",)))
    assert caught.value.finding.ground == "age"
    flags = check_criterion(Criterion("anim", "Animation", terms=("jeune",)))
    assert [f.ground for f in flags] == ["young"]  # a proxy stays a warning


def test_an_ad_flag_names_the_whole_word_with_the_french_colon() -> None:
    from communia.recruitment.catalogue import propose_profile

    profile = propose_profile("Animateur\nNationalité française exigée\nBAFA exigé")
    assert any(f.startswith("nationalite : critère indirect possible") for f in profile.flags)
    assert propose_profile("").criteria == ()
