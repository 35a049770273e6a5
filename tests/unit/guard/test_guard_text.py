"""Normalisation and the guard package's public surface."""

from __future__ import annotations

import communia.governance.guard as guard
from communia.governance.guard.text import correct, detect_language, normalise, sentences


def test_normalise_folds_case_accents_apostrophes_and_repeated_letters() -> None:
    assert normalise("Dis-moi qui je VIIIRE ! L’agent « sanctionné »") == (
        "dis moi qui je vire ! l agent sanctione")


def test_normalise_keeps_title_abbreviations_inside_the_sentence() -> None:
    assert sentences(normalise("M. Dupont et Mme. Roux. Fin.")) == [
        "m dupont et m roux .", "fin ."]


def test_one_typo_on_a_long_key_word_is_corrected() -> None:
    assert correct("licensier") == "licencier"
    assert correct("embaucjer") == "embaucher"


def test_real_words_near_key_words_are_not_corrected() -> None:
    assert correct("licence") == "licence"
    assert correct("revenu") == "revenu"
    assert correct("maison") == "maison"


def test_language_detection_prefers_french_on_ties() -> None:
    assert detect_language(normalise("Should we fire him?")) == "en"
    assert detect_language(normalise("Faut-il le virer ?")) == "fr"
    assert detect_language("") == "fr"


def test_public_surface_is_exactly_all() -> None:
    public = {name for name in dir(guard) if not name.startswith("_")}
    assert set(guard.__all__) <= public
    assert set(guard.__all__) == {"CATEGORIES", "GuardVerdict", "judge_output", "judge_request"}
