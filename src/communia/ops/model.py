"""Backup manifests and the rules of a restore (no I/O)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from communia.errors import Conflict, InvalidInput, Unavailable

MANIFEST = "manifest.json"
FORMAT_VERSION = 1
SQLITE_FILE, PGDUMP_FILE, LOGICAL_FILE = "store.sqlite", "store.pgdump", "store.jsonl.gz"
DATA_DIR = "data"
# Not copied from the data directory: the live SQLite files (backed up through the
# online backup API instead) and the packaged model (reinstalled by 'communia model install').
SKIPPED_IN_DATA = frozenset({"communia.db", "communia.db-wal", "communia.db-shm", "models"})


class BackupInvalid(InvalidInput):
    """The backup folder is incomplete or was altered; the message names the file."""


class RestoreRefused(Conflict):
    """The target already holds data, or the backup does not fit this version."""


class BackupToolMissing(Unavailable):
    """A tool the backup needs (pg_dump, pg_restore) is missing or failed."""


@dataclass
class Manifest:
    """What a backup folder holds: store format, schema heads, journal head, file digests."""

    created_at: str
    store_format: str  # sqlite | pgdump | logical
    store_dialect: str
    schema_heads: list[str]
    journal_entries: int
    journal_head_sha256: str
    journal_verified: bool
    files: dict[str, str] = field(default_factory=dict)  # relative path -> sha256
    format_version: int = FORMAT_VERSION

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Manifest:
        try:
            return cls(**data)
        except TypeError as exc:
            raise BackupInvalid(f"{MANIFEST} is not a Communia backup manifest ({exc}).") from None


@dataclass(frozen=True)
class RestoreReport:
    """What a restore did, and whether the restored journal verifies."""

    store_format: str
    tables: int
    rows: int
    files: int
    journal_entries: int
    journal_ok: bool
    journal_problem: str = ""


def store_file_for(store_format: str) -> str:
    files = {"sqlite": SQLITE_FILE, "pgdump": PGDUMP_FILE, "logical": LOGICAL_FILE}
    if store_format not in files:
        raise BackupInvalid(f"Unknown store format '{store_format}' in {MANIFEST}.")
    return files[store_format]


def check_heads(backup_heads: list[str], current_heads: list[str], store_format: str) -> None:
    """A logical dump loads only into the schema it was taken from."""
    if store_format == "logical" and sorted(backup_heads) != sorted(current_heads):
        raise RestoreRefused(
            "This backup was taken at schema " + ", ".join(sorted(backup_heads)) + " but this "
            "version of Communia is at " + ", ".join(sorted(current_heads)) + ". Restore it with "
            "the version that made it, then upgrade (communia init).")


def pg_major(version_text: str) -> int:
    """The major version in ``pg_dump (PostgreSQL) 15.20`` or a server version string."""
    for token in version_text.replace("(", " ").replace(")", " ").split():
        head = token.split(".")[0]
        if head.isdigit() and "." in token:
            return int(head)
        if head.isdigit() and int(head) >= 9:
            return int(head)
    return 0
