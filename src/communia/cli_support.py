"""What every CLI command shares: settings, the runtime, input reading and clean failures."""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path

import typer

from communia.bootstrap import Runtime, bootstrap
from communia.config import Settings, SettingsError, load_settings
from communia.errors import CommuniaError


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print ``message`` on stderr and return the Exit to raise (no traceback)."""
    typer.echo(message, err=True)
    return typer.Exit(code)


@lru_cache(maxsize=1)
def settings() -> Settings:
    try:
        return load_settings()
    except SettingsError as exc:
        raise fail(str(exc), 2) from None


@lru_cache(maxsize=1)
def runtime() -> Runtime:
    """The bootstrapped runtime (store migrated, register seeded), built once per command."""
    try:
        return bootstrap(settings())
    except CommuniaError as exc:
        raise fail(str(exc)) from None


def read_text_input(source: str, max_bytes: int | None = None) -> str:
    """Read ``source`` (a path, or ``-`` for standard input) as text; clean errors."""
    limit = max_bytes or settings().max_upload_bytes
    if source == "-":
        data = sys.stdin.buffer.read(limit + 1)
        name = "standard input"
    else:
        path = Path(source)
        if not path.is_file():
            raise fail(f"{source}: no such file.", 2)
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
        name = source
    if len(data) > limit:
        raise fail(f"{name}: larger than the {limit:,}-byte limit (COMMUNIA_MAX_UPLOAD_BYTES).", 2)
    if b"\x00" in data[:8192]:
        raise fail(f"{name}: looks like a binary file, not text.", 2)
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")
