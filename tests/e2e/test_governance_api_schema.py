"""Schemathesis against /api/openapi.json: no server error, no schema violation on /api/v1."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path
from typing import Any

import schemathesis
from hypothesis import HealthCheck, settings

from communia.bootstrap import Runtime, bootstrap
from communia.governance.console import api_tokens
from tests.support import approve_all, make_settings


def _api_runtime() -> tuple[Runtime, str]:
    """A runtime in a temporary directory with an admin token (schemas load at collection)."""
    from communia.accounts import service

    folder = Path(tempfile.mkdtemp(prefix="communia-api-"))
    atexit.register(shutil.rmtree, folder, True)
    runtime = bootstrap(make_settings(folder))
    approve_all(runtime)
    with runtime.db.session() as session:
        service.add_user(session, "root", "Root", "admin", None)
        secret = api_tokens.create(session, "fuzz", "root", "admin", "root").secret
    return runtime, secret


def _schema() -> Any:
    from communia.governance import privacy
    from communia.web.app import create_app

    runtime, secret = _api_runtime()
    # load both language models once, as a long-running server has (the first French text
    # otherwise takes ~30 s on these machines, longer than the client's timeout)
    privacy.detect("Warm-up: load the English model once.", lang="en")
    privacy.detect("Préchargement : chargez le modèle français une fois.", lang="fr")
    _HEADERS["Authorization"] = f"Bearer {secret}"
    return schemathesis.openapi.from_asgi("/api/openapi.json", create_app(runtime)).include(
        path_regex="^/api/v1/")


_HEADERS: dict[str, str] = {}
schema = _schema()


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_answers_within_its_schema(case: Any) -> None:
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import (
        response_schema_conformance,
        status_code_conformance,
    )

    case.call_and_validate(headers=dict(_HEADERS),
                           checks=[not_a_server_error, response_schema_conformance,
                                   status_code_conformance])
