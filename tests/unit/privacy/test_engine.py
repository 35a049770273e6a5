"""Dropping the unused shared tok2vec changes nothing the entity recogniser finds."""

from __future__ import annotations

import pytest
import spacy

from communia.governance.privacy.engine import SPACY_EXCLUDE, SPACY_MODELS, get_engine

TEXTS = {
    "fr": (
        "Claire Moreau a appelé la mairie de Rennes hier. Elle a rencontré Jean-Pierre "
        "Dubois, adjoint chargé de la voirie, au sujet du dépôt rue des Lilas. "
        "Le Secours populaire et la société Travaux Morvan étaient présents."
    ),
    "en": (
        "Sarah Thompson called the Leeds office on Monday. She met David O'Connor from "
        "the housing team about the flat on Mill Road; Shelter UK was also there."
    ),
}


@pytest.mark.parametrize("language", sorted(SPACY_MODELS))
def test_only_the_entity_recogniser_runs_and_finds_what_it_found_with_tok2vec(
    language: str,
) -> None:
    trimmed = get_engine(language).nlp_engine.nlp[language]  # type: ignore[index]
    with_tok2vec = spacy.load(SPACY_MODELS[language], exclude=SPACY_EXCLUDE)
    assert "tok2vec" in with_tok2vec.pipe_names
    assert trimmed.pipe_names == ["ner"]
    text = TEXTS[language]
    expected = [(e.start_char, e.end_char, e.label_) for e in with_tok2vec(text).ents]
    assert expected, "the sample must contain entities"
    assert [(e.start_char, e.end_char, e.label_) for e in trimmed(text).ents] == expected
