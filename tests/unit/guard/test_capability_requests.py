"""The requests Communia's own capabilities send pass the decision guard.

The gateway judges each call's ``request``; a capability whose fixed request the guard
refuses never gets a model answer and silently falls back every time (theme labels
did, with "Name this theme of field reports.", read as a hiring request).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from communia.drafting import prose, templates
from communia.drafting.model import canonical_kind, parse_facts
from communia.feedback.labels import REQUEST as LABEL_REQUEST
from communia.governance.guard import judge_request
from communia.recruitment.service import SUMMARY_REQUEST

FACTS = sorted((Path(__file__).parents[3] / "benchmarks" / "data" / "drafting").glob("*.yaml"))


@pytest.mark.parametrize("request_text", [LABEL_REQUEST, SUMMARY_REQUEST])
def test_fixed_capability_requests_pass(request_text: str) -> None:
    verdict = judge_request(request_text)
    assert not verdict.decision_request, verdict.rule


@pytest.mark.parametrize("path", FACTS, ids=lambda p: p.stem)
def test_every_drafting_prose_request_passes(path: Path) -> None:
    kind = canonical_kind(path.stem.rsplit("_", 1)[0])
    document = templates.build(kind, parse_facts(kind, yaml.safe_load(path.read_text("utf-8"))))
    keys = prose.prose_keys(document)
    verdict = judge_request(prose.request_for(kind, keys))
    assert not verdict.decision_request, (keys, verdict.rule)

