"""Recruitment use cases shared by the CLI and the web: propose, load, screen, summarise.

Campaign lifecycle (store, decisions, reveal, fairness, purge) is in ``campaigns``.
The only model calls go through ``runtime.gateway`` (use case ``recruitment``); the
model writes summary prose only; evidence, statuses and scores are deterministic.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import yaml

from communia.ai.backends import BackendFailed, BackendUnavailable
from communia.ai.gateway import DecisionRefused, Task
from communia.bootstrap import Runtime
from communia.documents import ExtractionError, Limits, extract
from communia.errors import InvalidInput, NotFound, TooLarge
from communia.governance import journal
from communia.governance.events import ActionRecorded
from communia.governance.vault import sha256_text
from communia.recruitment import messages
from communia.recruitment.catalogue import propose_profile
from communia.recruitment.evidence import Embedder
from communia.recruitment.model import (
    JobProfile,
    ProfileInvalid,
    profile_from_dict,
    profile_to_dict,
)
from communia.recruitment.protected import check_profile
from communia.recruitment.report import report_docx, report_html
from communia.recruitment.screening import Screening, Summariser, screen_files
from communia.recruitment.summary import (
    SummaryLine,
    summary_prompt,
    summary_schema,
    verified_lines,
)

__all__ = ["USE_CASE", "freeze_profile", "limits_for", "load_job", "make_summariser",
           "propose_from_file", "read_directory", "screen_directory", "write_job"]

USE_CASE = "recruitment"
# What the decision guard reads for a summary call (tested to pass it).
SUMMARY_REQUEST = "Summarise this application."
# Five sentences of about 30 tokens each, with their JSON: room enough, and a cap on
# the slowest part of an embedded call (generation, about 12 tokens/s on two cores).
SUMMARY_MAX_TOKENS = 280
JOB_HEADER = (
    "# Job profile proposed by Communia from the ad. Edit it before screening:\n"
    "# requirement (required|desirable), weight (0-10), terms (synonyms and equivalents),\n"
    "# partial_terms, and for experience min_years with context/exclude words.\n"
    "# Criteria on protected grounds (Code du travail L1132-1) are refused.\n"
)


def limits_for(runtime: Runtime) -> Limits:
    """Document limits from the settings (upload size), other bounds at their defaults."""
    return Limits(max_bytes=runtime.settings.max_upload_bytes)


def propose_from_file(runtime: Runtime, path: Path, actor: str = "cli") -> JobProfile:
    """Propose a profile from a job ad (text, PDF, DOCX, ODT); journaled."""
    if not path.is_file():
        raise NotFound(messages.NO_JOB_AD.format(path=path))
    try:
        document = extract(path.name, path.read_bytes(), limits_for(runtime))
    except ExtractionError as exc:
        raise InvalidInput(str(exc)) from None
    if not document.text.strip():
        raise InvalidInput(messages.NO_TEXT_IN_AD.format(name=path.name))
    profile = propose_profile(document.text)
    with runtime.db.session() as session:
        journal.record(session, ActionRecorded(
            actor=actor, use_case=USE_CASE, action="job.proposed",
            detail={"ad_sha256": sha256_text(document.text),
                    "criteria": len(profile.criteria)}))
    return profile


def write_job(profile: JobProfile, out: Path) -> None:
    """Write the profile as commented YAML."""
    out.parent.mkdir(parents=True, exist_ok=True)
    body = yaml.safe_dump(profile_to_dict(profile), allow_unicode=True, sort_keys=False,
                          width=100)
    out.write_text(JOB_HEADER + body, encoding="utf-8")


def load_job(path: Path) -> JobProfile:
    """Read a YAML or JSON job file; ``ProfileInvalid`` names the problem."""
    if not path.is_file():
        raise NotFound(messages.NO_JOB_FILE.format(path=path))
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ProfileInvalid(messages.JOB_NOT_YAML.format(
            path=path, error=type(exc).__name__)) from None
    return profile_from_dict(data)


def freeze_profile(profile: JobProfile) -> tuple[JobProfile, list[str]]:
    """Validate, refuse protected criteria, freeze; return the proxy flags as text."""
    flags = [messages.proxy_flag(cid, f.words, f.ground, profile.lang)
             for cid, f in check_profile(profile)]
    return profile.freeze(), flags


def read_directory(directory: Path, max_files: int) -> list[tuple[str, bytes]]:
    """Every file under ``directory`` as (relative path, bytes), in path order."""
    if not directory.is_dir():
        raise NotFound(messages.NO_FOLDER.format(path=directory))
    paths = sorted(p for p in directory.rglob("*") if p.is_file() and not p.name.startswith("."))
    if not paths:
        raise InvalidInput(messages.EMPTY_FOLDER.format(path=directory))
    if len(paths) > max_files:
        raise TooLarge(messages.TOO_MANY_IN_FOLDER.format(path=directory, count=len(paths),
                                                          limit=max_files))
    return [(p.relative_to(directory).as_posix(), p.read_bytes()) for p in paths]


def make_summariser(runtime: Runtime, actor: str) -> Summariser | None:
    """Model-written summaries through the gateway, or None without a generative model."""
    if not runtime.gateway.generative:
        return None

    def summarise(profile: JobProfile, masked: list[str], extracts: list[str]
                  ) -> tuple[list[SummaryLine], str]:
        if not extracts:
            return [], ""
        system, prompt = summary_prompt(profile, extracts)
        task = Task(use_case=USE_CASE, actor=actor, template="recruitment/summary/v2",
                    system=system, prompt=prompt, request=SUMMARY_REQUEST,
                    schema=summary_schema(len(extracts)), sources=tuple(masked),
                    kind="recruitment.summary",
                    title=messages.SUMMARY_TITLE.format(title=profile.title),
                    max_tokens=SUMMARY_MAX_TOKENS)
        try:
            result = runtime.gateway.run(task)
        except (BackendUnavailable, BackendFailed):
            return [], messages.MODEL_UNAVAILABLE
        except DecisionRefused as exc:
            return [], messages.SUMMARY_REFUSED.format(reason=exc)
        lines = verified_lines(result.data, extracts)
        if len(lines) < 3:
            return [], messages.TOO_FEW_SENTENCES
        return lines, ""

    return summarise


def embedder(runtime: Runtime) -> Embedder | None:
    """The packaged sentence encoder, or None unless COMMUNIA_RECRUITMENT_EMBEDDINGS is on.

    Off by default: on the benchmark it recovered almost nothing the rules missed, at a
    cost of minutes per batch on a loaded two-core machine (docs/recruitment.md).
    """
    if not runtime.settings.recruitment_embeddings:
        return None
    from communia.ai.embeddings import encode

    return encode


def screen_directory(
    runtime: Runtime, profile: JobProfile, directory: Path, out: Path, *,
    actor: str = "cli", progress: Callable[[str, int, int], None] | None = None,
    today: date | None = None,
) -> Screening:
    """Screen every file of ``directory``; write screening.json, report.html, report.docx."""
    frozen, proxy_flags = freeze_profile(profile)
    files = read_directory(directory, runtime.settings.max_batch_files)
    screening = screen_files(frozen, files, today=today, embed=embedder(runtime),
                             summarise=make_summariser(runtime, actor), progress=progress,
                             limits=limits_for(runtime))
    screening.notices.extend(messages.PROXY_FLAGGED.format(flag=f) for f in proxy_flags)
    out.mkdir(parents=True, exist_ok=True)
    (out / "screening.json").write_text(
        json.dumps(screening.to_json(), ensure_ascii=False, indent=2), encoding="utf-8")
    (out / "report.html").write_text(report_html(screening), encoding="utf-8")
    letterhead = (runtime.settings.authority_name, runtime.settings.authority_address)
    (out / "report.docx").write_bytes(report_docx(screening, letterhead))
    with runtime.db.session() as session:
        journal.record(session, ActionRecorded(
            actor=actor, use_case=USE_CASE, action="screening.run",
            detail={"profile_sha256": sha256_text(json.dumps(profile_to_dict(frozen))),
                    "files": len(files), "candidates": len(screening.candidates),
                    "errors": sum(len(c.errors) for c in screening.candidates)}))
    return screening
