"""The guard's learned component: shipped artefact, features, and how it joins the rules."""

from __future__ import annotations

import pytest

from communia.governance.guard import judge_output, judge_request, learned
from communia.governance.guard.output import find_stated_decision
from communia.governance.guard.request import find_decision_request
from communia.governance.guard.text import normalise, sentences


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


def test_the_output_models_ship_with_their_threshold() -> None:
    models = learned.load()
    assert 0.5 <= models.output_threshold <= 0.95
    assert models.output_decision.labels == ("decision",)
    assert set(models.output_category.labels) == set(models.category.labels)


def test_the_output_model_catches_a_decision_the_rules_miss() -> None:
    text = ("Mon avis : on prend Mme Nora Belkacem pour le poste de gardienne, elle coche "
            "toutes les cases.")
    assert find_stated_decision(normalise(text)) is None
    verdict = judge_output(text)
    assert verdict.decision_request and verdict.rule == "learned"
    assert verdict.category == "hiring"


def test_the_output_model_stays_silent_on_a_decision_a_named_authority_took() -> None:
    text = ("Le jury a retenu Mme Nora Belkacem pour le poste de gardienne : elle coche "
            "toutes les cases.")
    assert learned.stated_decision(normalise(text)) is not None  # the model alone would block
    assert not judge_output(text).decision_request


def test_an_ordinary_account_of_a_named_person_passes() -> None:
    for text in ("Signalement : M. Karim Benali (karim.benali@gmail.com) a appelé au sujet "
                 "du dossier.",
                 "Mme Claire Moreau a signalé un dépôt sauvage rue des Lilas le 3 mars.",
                 "Ms. Helen Marsh has five years as a teaching assistant and a first aid "
                 "certificate (extract 2)."):
        assert not judge_output(text).decision_request, text


def test_a_long_output_is_read_in_windows_of_bounded_size() -> None:
    sentence = "Le service a reçu quatorze candidatures pour le poste d'agent d'accueil. "
    text = normalise(sentence * 12)
    found = learned.windows(text)
    assert len(found) > 1
    assert all(learned.OUTPUT_WINDOW_MIN <= len(w.split()) <= learned.OUTPUT_WINDOW_WORDS
               for w in found)
    assert learned.windows(normalise(sentence)) == [normalise(sentence)]


def test_window_scores_are_those_of_each_window_read_alone() -> None:
    text = normalise("Le jury se réunit le 12 mars. " * 6 + "Il faut recruter M. Léo Martin, "
                     "le meilleur profil. " + "Les entretiens durent trente minutes. " * 6)
    models = learned.load()
    parts = sentences(text)
    spans = learned._spans(text, parts, learned.OUTPUT_WINDOW_WORDS, learned.OUTPUT_WINDOW_MIN)
    together = learned._window_probabilities(models.output_decision, parts, spans)
    alone = [learned._probability(models.output_decision, " ".join(parts[a:b]))
             for a, b in spans]
    assert together == pytest.approx(alone, abs=1e-9)


def test_a_decision_inside_a_long_neutral_output_is_blocked() -> None:
    neutral = ("Le service des ressources humaines a reçu quatorze candidatures pour le poste "
               "d'agent d'accueil de la mairie annexe. Les entretiens se tiendront les 12 et "
               "13 mars en salle du conseil. ")
    decision = ("Mon avis : on prend Mme Nora Belkacem pour le poste de gardienne, elle coche "
                "toutes les cases. ")
    text = neutral * 2 + decision + neutral * 2
    assert len(text.split()) > 2 * learned.OUTPUT_WINDOW_WORDS
    assert judge_output(text).decision_request
    assert not judge_output(neutral * 4).decision_request
