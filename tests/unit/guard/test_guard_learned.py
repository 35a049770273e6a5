"""The guard's learned component: shipped artefact, features, and how it joins the rules."""

from __future__ import annotations

from communia.governance.guard import judge_request, learned
from communia.governance.guard.request import find_decision_request
from communia.governance.guard.text import normalise


def test_the_shipped_artefact_loads_with_both_models_and_a_threshold() -> None:
    models = learned.load()
    assert 0.3 <= models.threshold <= 0.9
    assert models.decision.labels == ("decision",)
    assert set(models.category.labels) == {"sanction", "award", "evaluation", "hiring",
                                           "refusal"}
    assert len(models.decision.idf) > 1000


def test_features_are_words_bigrams_and_character_ngrams() -> None:
    counts = learned.ngrams("qui je vire ?")
    assert counts["w vire"] == 1 and counts["b je vire"] == 1 and counts["c vir"] == 1
    assert counts["c  vi"] == 1  # the word is padded with spaces


def test_the_classifier_catches_a_wording_the_rules_miss() -> None:
    text = "Franchement, pour Loïc qui est arrivé bourré au dépôt, on passe l'éponge ou pas ?"
    assert find_decision_request(normalise(text)) is None
    verdict = judge_request(text)
    assert verdict.decision_request and verdict.rule == "learned"


def test_a_mitigating_frame_keeps_the_classifier_silent() -> None:
    text = "Rédige le courrier : on passe l'éponge ou pas, c'est le maire qui a décidé."
    assert not judge_request(text).decision_request


def test_text_without_known_features_has_zero_probability() -> None:
    assert learned.decision_probability(normalise(" ?! … ")) == 0.0
    assert learned.decision_probability(normalise("qui je vire ?")) > 0.5


def test_probability_and_category_are_deterministic_and_bounded() -> None:
    text = normalise("Which bakery wins the contract for the school canteen bread?")
    first = learned.decision_probability(text)
    assert first == learned.decision_probability(text) and 0.0 <= first <= 1.0
    category, probability = learned.likely_category(text)
    assert category in learned.load().category.labels and 0.2 <= probability <= 1.0


def test_a_long_document_is_left_to_the_rules() -> None:
    letter = ("Objet : demande de place en crèche. Madame, Monsieur, je vous écris pour "
              "demander une place en crèche pour ma fille à la rentrée de septembre. " * 3)
    assert len(letter.split()) > learned.MAX_WORDS
    assert not judge_request(letter).decision_request
