"""Journal console: filtered reading, JSON lines and syslog (RFC 5424) exports.

Entries hold metadata and digests only, so exports are safe to ship to the IT
department's log collector.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from communia.errors import InvalidInput
from communia.governance.console.model import real_date
from communia.store.tables import JournalEntryRow

FORMATS = ("jsonl", "syslog")
FACILITY_LOG_AUDIT = 13
SD_ID = "communia@32473"
"""Structured-data id; 32473 is the private enterprise number reserved for examples."""
WARNING_KINDS = ("model.refused", "model.failed", "auth.denied")


@dataclass(frozen=True)
class JournalFilter:
    """What to select: kind, actor, use case, a date range (ISO, inclusive), a sequence floor."""

    kind: str = ""
    actor: str = ""
    use_case: str = ""
    since: str = ""
    until: str = ""
    after_seq: int = 0


def _query(filters: JournalFilter) -> Select[Any]:
    query = select(JournalEntryRow).where(JournalEntryRow.seq > filters.after_seq)
    if filters.kind:
        query = query.where(JournalEntryRow.kind == filters.kind)
    if filters.actor:
        query = query.where(JournalEntryRow.actor == filters.actor)
    if filters.use_case:
        query = query.where(JournalEntryRow.use_case == filters.use_case)
    if filters.since:
        query = query.where(JournalEntryRow.at >= _day(filters.since, "since"))
    if filters.until:
        query = query.where(JournalEntryRow.at < _day(filters.until, "until") + "\uffff")
    return query.order_by(JournalEntryRow.seq)


def _day(value: str, name: str) -> str:
    day = real_date(value)
    if day is None:
        raise InvalidInput(f"Filter '{name}': '{value.strip()[:20]}' is not a date of the "
                           "calendar; expected YYYY-MM-DD, e.g. 2026-02-28.")
    return day.isoformat()


def check_filters(filters: JournalFilter) -> dict[str, str]:
    """What is wrong with the filters' dates, by filter name (empty when they are right):
    a date that is not on the calendar (2026-02-30), or a range that ends before it starts."""
    problems = {}
    for name in ("since", "until"):
        value = getattr(filters, name)
        if value and real_date(value) is None:
            problems[name] = "not_a_date"
    if not problems and filters.since and filters.until and filters.since > filters.until:
        problems["until"] = "before_since"
    return problems


def entries(session: Session, filters: JournalFilter, limit: int = 200,
            newest_first: bool = True) -> list[JournalEntryRow]:
    """Matching entries (at most ``limit``), newest first for the console."""
    query = _query(filters)
    if newest_first:
        query = query.order_by(None).order_by(JournalEntryRow.seq.desc())
    return list(session.scalars(query.limit(limit)))


def iter_matching(session: Session, filters: JournalFilter, batch: int = 1000
                  ) -> Iterator[JournalEntryRow]:
    """Every matching entry in sequence order, read in bounded batches (for exports)."""
    last = filters.after_seq
    while True:
        rows = session.scalars(_query(JournalFilter(**{**filters.__dict__, "after_seq": last}))
                               .limit(batch)).all()
        if not rows:
            return
        yield from rows
        last = rows[-1].seq


def kinds(session: Session) -> list[str]:
    return sorted(session.scalars(select(JournalEntryRow.kind).distinct()))


def as_dict(row: JournalEntryRow) -> dict[str, Any]:
    return {"seq": row.seq, "at": row.at, "kind": row.kind, "actor": row.actor,
            "use_case": row.use_case, "payload": row.payload, "prev_hash": row.prev_hash,
            "entry_hash": row.entry_hash}


def to_jsonl(row: JournalEntryRow) -> str:
    """One entry as one JSON line (keys sorted, UTF-8 kept)."""
    return json.dumps(as_dict(row), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def to_syslog(row: JournalEntryRow, hostname: str = "-", app_name: str = "communia") -> str:
    """One entry as an RFC 5424 line: PRI, version, timestamp, host, app, msgid, SD, message."""
    severity = 4 if row.kind in WARNING_KINDS else 6
    pri = FACILITY_LOG_AUDIT * 8 + severity
    params = {"seq": str(row.seq), "actor": row.actor, "use_case": row.use_case,
              "hash": row.entry_hash, "prev": row.prev_hash}
    sd = "[" + SD_ID + "".join(f' {k}="{_sd_escape(v)}"' for k, v in params.items()) + "]"
    msgid = _printable(row.kind)[:32] or "-"
    message = json.dumps(row.payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (f"<{pri}>1 {_timestamp(row.at)} {_printable(hostname)[:255] or '-'} "
            f"{_printable(app_name)[:48]} - {msgid} {sd} {message}")


def _timestamp(at: str) -> str:
    """The entry time as RFC 3339 with a 'Z' or numeric offset (RFC 5424 §6.2.3)."""
    return at.replace("+00:00", "Z") if at.endswith("+00:00") else at


def _sd_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("]", "\\]")


def _printable(value: str) -> str:
    return "".join(ch for ch in value if 33 <= ord(ch) <= 126)


def export_lines(session: Session, filters: JournalFilter, fmt: str,
                 hostname: str = "-") -> Iterator[str]:
    """Lines of an export in ``fmt`` (jsonl or syslog), without trailing newlines."""
    if fmt not in FORMATS:
        raise InvalidInput(f"Unknown export format '{fmt}'; expected jsonl or syslog.")
    for row in iter_matching(session, filters):
        yield to_jsonl(row) if fmt == "jsonl" else to_syslog(row, hostname)
