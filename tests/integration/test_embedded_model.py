"""Smoke test of the packaged local model: a schema-constrained answer is valid JSON."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from communia.ai.backends import Backend
from communia.ai.gateway import Task
from communia.bootstrap import Runtime

pytestmark = pytest.mark.model

SCHEMA = {
    "type": "object",
    "properties": {"objet": {"type": "string"}, "points": {"type": "array",
                                                           "items": {"type": "string"}}},
    "required": ["objet", "points"],
}


def test_embedded_model_answers_valid_json_for_a_schema(
    make_runtime: Callable[..., Runtime], embedded_backend: Backend
) -> None:
    rt = make_runtime(backend=embedded_backend)
    result = rt.gateway.run(Task(
        use_case="drafting", actor="agent-1", template="smoke/v1",
        system="Tu réponds en JSON.",
        prompt="Donne l'objet et deux points clés d'un courrier annonçant la fermeture "
               "de la piscine municipale le 3 juin pour travaux.",
        schema=SCHEMA, max_tokens=160,
    ))
    data = json.loads(result.text)
    assert isinstance(data["objet"], str) and data["objet"]
    assert isinstance(data["points"], list)
    assert result.provenance["backend"] == "embedded"
