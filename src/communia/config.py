"""One settings object for the whole product: environment, `.env` and an optional TOML file.

Every setting has a default and a help string (``Field(description=...)``); the
test suite fails if one is missing from ``docs/settings.md``. No other module reads
``os.environ``: settings are built once at start-up and passed in.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from communia.drafting.model import MAX_FACTS_CHARS
from communia.drafting.sources import MAX_SOURCE_CHARS
from communia.feedback.model import (
    EMBEDDING_THREADS,
    MAX_REPORT_CHARS,
    MAX_REPORTS,
    MIN_GROUP_SIZE,
    NEAR_DUPLICATE_MAX_REPORTS,
    PSEUDONYMISE_ALL_MAX,
)
from communia.planning.model import FEASIBILITY_SECONDS, MAX_SCHEDULE_SECONDS, SCHEDULE_SECONDS
from communia.recruitment.fairness import MIN_GROUP
from communia.recruitment.model import RETENTION_DAYS

BackendName = Literal["none", "embedded", "openai-compatible", "echo"]


class SettingsError(Exception):
    """A setting has a wrong value; the message names it and the expected form."""


class Settings(BaseSettings):
    """Communia's configuration. Environment variables use the ``COMMUNIA_`` prefix."""

    model_config = SettingsConfigDict(
        env_prefix="COMMUNIA_", env_file=".env", env_file_encoding="utf-8", extra="forbid"
    )

    database_url: str = Field(
        "", description="SQLAlchemy URL of the store; empty means SQLite in the data directory."
    )
    data_dir: Path = Field(
        Path("var"), description="Directory for the SQLite store, uploads, exports and models."
    )
    secret_key: SecretStr = Field(
        SecretStr(""),
        description="Key signing session cookies and CSRF tokens; generated into the data "
        "directory on first run when empty.",
    )
    encryption_key: SecretStr = Field(
        SecretStr(""),
        description="Fernet key encrypting personal data at rest (pseudonym mappings); "
        "generated into the data directory on first run when empty.",
    )
    default_language: Literal["fr", "en"] = Field(
        "fr", description="Interface language when the browser expresses no preference."
    )
    backend: BackendName = Field(
        "embedded",
        description="Generative backend: none, embedded (local llama.cpp model), "
        "openai-compatible (vLLM, Ollama, OpenGateLLM/Albert) or echo (diagnostics).",
    )
    model_path: Path | None = Field(
        None,
        description="GGUF file for the embedded backend; empty means the packaged model "
        "assembled into the data directory.",
    )
    model_threads: int = Field(2, ge=1, le=256, description="CPU threads for the embedded model.")
    model_context: int = Field(4096, ge=512, le=131072, description="Context window in tokens.")
    openai_base_url: str = Field(
        "", description="Base URL of the OpenAI-compatible server, e.g. http://127.0.0.1:8001/v1."
    )
    openai_model: str = Field("", description="Model name served by the OpenAI-compatible server.")
    openai_api_key: SecretStr = Field(
        SecretStr(""), description="API key for the OpenAI-compatible server, if it needs one."
    )
    openai_trusted_for_personal_data: bool = Field(
        False,
        description="Declare the OpenAI-compatible server trusted with personal data "
        "(self-hosted on the authority's premises). When false, text is pseudonymised first.",
    )
    openai_timeout_seconds: float = Field(
        120.0, gt=0, description="Timeout of one call to the OpenAI-compatible server."
    )
    openai_max_concurrency: int = Field(
        4, ge=1, description="Concurrent calls allowed to the OpenAI-compatible server."
    )
    openai_retries: int = Field(2, ge=0, le=10, description="Retries with backoff on failure.")
    max_upload_bytes: int = Field(
        20 * 1024 * 1024, gt=0, description="Largest accepted upload, in bytes."
    )
    max_batch_files: int = Field(500, gt=0, description="Most files accepted in one batch.")
    max_input_chars: int = Field(
        200_000, gt=0, description="Longest text accepted by the gateway for one call."
    )
    review_max_edit_chars: int = Field(
        50_000,
        ge=1_000,
        le=1_000_000,
        description="Longest text a reviewer may save when editing a draft in the review "
        "queue, in characters; a longer edit is refused with its size and the limit (a draft "
        "already longer may keep its length).",
    )
    metrics_token: SecretStr = Field(
        SecretStr(""),
        description="Bearer token a Prometheus scraper sends to read /metrics "
        "(Authorization: Bearer ...); at least 24 characters. Signed-in administrators can "
        "always read /metrics; when empty, only they can.",
    )
    session_max_age_seconds: int = Field(
        8 * 3600, gt=0, description="Lifetime of a login session."
    )
    secure_cookies: bool = Field(
        False, description="Send cookies only over HTTPS (set true behind TLS); also enables HSTS."
    )
    login_max_failures: int = Field(
        5, ge=1, description="Failed logins allowed per account and address before a pause."
    )
    login_lockout_seconds: int = Field(
        300, ge=1, description="Pause imposed after too many failed logins."
    )
    oidc_config_file: Path | None = Field(
        None,
        description="TOML file declaring the single sign-on (OpenID Connect) providers; "
        "empty means oidc.toml in the data directory (no single sign-on when it is absent).",
    )
    authority_name: str = Field(
        "Commune de Démonstration", description="Name of the authority on letterheads."
    )
    authority_address: str = Field(
        "1 place de la Mairie, 00000 Démoville", description="Address on letterheads."
    )
    authority_logo: Path | None = Field(None, description="PNG or SVG logo for letterheads.")
    jobs_backend: Literal["inprocess", "celery"] = Field(
        "inprocess", description="Where long work runs: in-process threads or Celery workers."
    )
    redis_url: str = Field(
        "redis://127.0.0.1:6379/0", description="Redis URL for Celery (broker and results)."
    )
    # Capability limits: each default is the capability's own constant (its single source).
    feedback_min_group_size: int = Field(
        MIN_GROUP_SIZE,
        ge=3,  # with 2, each of the two reporters could tell who the other one is
        le=1000,
        description="Minimum number of reports behind any theme, place or period figure, "
        "quote or trend shown in a field-feedback synthesis; smaller groups are hidden.",
    )
    feedback_max_reports: int = Field(
        MAX_REPORTS,
        ge=1,
        le=1_000_000,
        description="Most reports (data rows) in one field-feedback file; a larger file is "
        "refused with a message asking to split it.",
    )
    feedback_max_report_chars: int = Field(
        MAX_REPORT_CHARS,
        ge=100,
        le=1_000_000,
        description="Longest report analysed, in characters; longer reports are truncated "
        "for the analysis, with a notice.",
    )
    feedback_near_duplicate_max_reports: int = Field(
        NEAR_DUPLICATE_MAX_REPORTS,
        ge=0,
        le=200_000,
        description="Most distinct reports for which near duplicates are grouped (the cost "
        "grows with the square); above it, only exact duplicates are.",
    )
    feedback_pseudonymise_all_max: int = Field(
        PSEUDONYMISE_ALL_MAX,
        ge=0,
        le=1_000_000,
        description="Most reports pseudonymised in full before the analysis; above it, only "
        "what leaves the analysis (quotes, keywords, model prompts) is pseudonymised.",
    )
    feedback_embedding_threads: int = Field(
        EMBEDDING_THREADS,
        ge=1,
        le=256,
        description="CPU threads of the sentence encoder used by the field-feedback "
        "analysis (more than the free cores slows it down).",
    )
    drafting_max_facts_chars: int = Field(
        MAX_FACTS_CHARS,
        ge=1_000,
        le=1_000_000,
        description="Longest facts text (YAML file, standard input or web upload) accepted "
        "by a drafting request, in characters; longer facts are refused with a message.",
    )
    drafting_max_source_chars: int = Field(
        MAX_SOURCE_CHARS,
        ge=1_000,
        le=1_000_000,
        description="Characters of attached source documents used by one drafting request, "
        "all sources together; the rest is cut, with a note naming each source cut.",
    )
    planning_schedule_seconds: float = Field(
        SCHEDULE_SECONDS,
        ge=1,
        le=MAX_SCHEDULE_SECONDS,
        description="Seconds the solver searches for a mediation plan (web plans, and the "
        "CLI without --time-limit); it stops with the best plan found.",
    )
    recruitment_embeddings: bool = Field(
        False,
        description="Also look for skill evidence no rule found with the packaged sentence "
        "encoder (partial, 'close in meaning'); slower, off by default.",
    )
    recruitment_retention_days: int = Field(
        RETENTION_DAYS,
        ge=30,
        le=3650,
        description="Days a closed recruitment campaign's applications are kept after the "
        "last contact before the purge (a candidate's objection purges earlier).",
    )
    recruitment_min_group_size: int = Field(
        MIN_GROUP,
        ge=3,
        le=1000,
        description="Minimum number of candidates in a self-declared group before its "
        "selection rate and impact ratio are shown in the fairness report.",
    )
    planning_feasibility_seconds: float = Field(
        FEASIBILITY_SECONDS,
        ge=0.5,
        le=MAX_SCHEDULE_SECONDS,
        description="Seconds of each search when diagnosing an infeasible team (each rule "
        "is lifted alone, up to 7 searches); too short and no rule is named.",
    )

    @field_validator("database_url")
    @classmethod
    def _check_database_url(cls, value: str) -> str:
        if value and not value.startswith(("sqlite", "postgresql")):
            raise ValueError(
                "expected sqlite:///path/to/file.db or postgresql+psycopg://user@host/db"
            )
        return value

    @field_validator("metrics_token")
    @classmethod
    def _check_metrics_token(cls, value: SecretStr) -> SecretStr:
        secret = value.get_secret_value()
        if secret and (len(secret) < 24 or secret != secret.strip()):
            raise ValueError("expected at least 24 characters without surrounding spaces, "
                             "e.g. from: openssl rand -hex 32")
        return value

    @field_validator("openai_base_url")
    @classmethod
    def _check_base_url(cls, value: str) -> str:
        if value and not value.startswith(("http://", "https://")):
            raise ValueError("expected an http:// or https:// URL, e.g. http://127.0.0.1:8001/v1")
        return value.rstrip("/")

    @model_validator(mode="after")
    def _drafting_fits_one_call(self) -> Settings:
        # A drafting call sends the facts and the sources together through the gateway.
        needed = self.drafting_max_facts_chars + self.drafting_max_source_chars
        if needed > self.max_input_chars:
            raise ValueError(
                f"drafting_max_facts_chars + drafting_max_source_chars ({needed:,}) must not "
                f"exceed max_input_chars ({self.max_input_chars:,}), the longest text one "
                "model call accepts; lower the drafting limits or raise max_input_chars"
            )
        return self

    @property
    def store_url(self) -> str:
        """The database URL, defaulting to SQLite in the data directory."""
        return self.database_url or f"sqlite:///{self.data_dir / 'communia.db'}"


def load_settings(toml_path: Path | None = None, **overrides: Any) -> Settings:
    """Build the settings from the environment, `.env`, an optional TOML file and overrides.

    The TOML file is ``toml_path`` or ``$COMMUNIA_CONFIG``; its keys are setting names.
    Raises ``SettingsError`` naming each wrong setting with the expected form.
    """
    path = toml_path or _config_path_from_env()
    values: dict[str, Any] = {}
    if path is not None:
        try:
            values.update(tomllib.loads(path.read_text(encoding="utf-8")))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise SettingsError(f"Cannot read the settings file {path}: {exc}") from None
    values.update(overrides)
    try:
        return Settings(**values)
    except ValidationError as exc:
        raise SettingsError(_explain(exc)) from None


def _config_path_from_env() -> Path | None:
    raw = os.environ.get("COMMUNIA_CONFIG", "")
    return Path(raw) if raw else None


def _explain(exc: ValidationError) -> str:
    lines = ["Invalid settings:"]
    for err in exc.errors():
        if not err["loc"]:  # a check across several settings names them itself
            lines.append(f"- {err['msg'].removeprefix('Value error, ')}.")
            continue
        name = ".".join(str(part) for part in err["loc"])
        env = f"COMMUNIA_{name.upper()}"
        if err["type"] == "extra_forbidden":
            lines.append(f"- {name} ({env}): unknown setting; see docs/settings.md for the list.")
            continue
        given = err.get("input")
        shown = "(hidden)" if "key" in name or "token" in name else repr(given)
        lines.append(f"- {name} ({env}): {err['msg']}; got {shown}.")
    return "\n".join(lines)
