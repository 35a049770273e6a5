"""The trimmed spaCy pipeline and lean Presidio set-up find what the stock ones find:
dropping the unused shared tok2vec, multiplying matrices with numpy, skipping Presidio's
lemma context step."""

from __future__ import annotations

import numpy
import pytest
import spacy
from thinc.api import NumpyOps

from communia.governance.privacy.engine import (
    SPACY_EXCLUDE,
    SPACY_MODELS,
    MatmulOps,
    get_engine,
)

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
def test_the_trimmed_pipeline_finds_what_the_stock_one_finds(
    language: str,
) -> None:
    trimmed = get_engine(language).nlp_engine.nlp[language]  # type: ignore[index]
    with_tok2vec = spacy.load(SPACY_MODELS[language], exclude=SPACY_EXCLUDE)
    assert "tok2vec" in with_tok2vec.pipe_names
    assert trimmed.pipe_names == ["ner"]
    assert all(isinstance(node.ops, MatmulOps) for node in trimmed.get_pipe("ner").model.walk())
    assert not isinstance(with_tok2vec.get_pipe("ner").model.ops, MatmulOps)
    text = TEXTS[language]
    expected = [(e.start_char, e.end_char, e.label_) for e in with_tok2vec(text).ents]
    assert expected, "the sample must contain entities"
    assert [(e.start_char, e.end_char, e.label_) for e in trimmed(text).ents] == expected


@pytest.mark.parametrize(("trans1", "trans2"), [(False, False), (True, False), (False, True)])
def test_numpy_matrix_products_equal_thincs(trans1: bool, trans2: bool) -> None:
    rng = numpy.random.default_rng(7)
    x = rng.standard_normal((45, 28)).astype("f")
    y = rng.standard_normal((28, 28)).astype("f")
    left = x.T.copy() if trans1 else x
    right = y.T.copy() if trans2 else y
    expected = NumpyOps().gemm(left, right, trans1=trans1, trans2=trans2)
    numpy.testing.assert_allclose(MatmulOps().gemm(left, right, trans1=trans1, trans2=trans2),
                                  expected, rtol=1e-5, atol=1e-5)
    out = numpy.zeros_like(expected)
    assert MatmulOps().gemm(left, right, out=out, trans1=trans1, trans2=trans2) is out
    numpy.testing.assert_allclose(out, expected, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("language", sorted(SPACY_MODELS))
def test_no_recognizer_relies_on_presidios_context_words(language: str) -> None:
    """Presidio's lemma context step is skipped: exact only while no recognizer
    declares context words for it (each weighs its own context)."""
    engine = get_engine(language)
    recognizers = engine.registry.get_recognizers(language=language, all_fields=True)
    assert recognizers
    assert all(not recognizer.context for recognizer in recognizers)


def test_the_recogniser_runs_without_cythons_profiling_hooks() -> None:
    """spaCy's wheels for Pythons before 3.12 are compiled with Cython's profiling hooks,
    which take the interpreter lock at each step of the entity recogniser's transition
    loop and double its time (ADR 0011). Built without them, its compiled code reports
    no calls to a profiler."""
    import sys
    from types import FrameType
    from typing import Any

    nlp = get_engine("fr").nlp_engine.nlp["fr"]  # type: ignore[index]
    compiled: list[str] = []

    def profiler(frame: FrameType, event: str, arg: Any) -> None:
        if frame.f_code.co_filename.endswith(".pyx"):
            compiled.append(frame.f_code.co_filename)

    sys.setprofile(profiler)
    try:
        doc = nlp(TEXTS["fr"])
    finally:
        sys.setprofile(None)
    assert doc.ents, "the recogniser must have run"
    assert compiled == []
