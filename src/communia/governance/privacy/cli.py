"""`communia pii`: detect or pseudonymise personal data in a text file or stdin."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum

import typer

from .detection import detect_stream
from .model import PrivacyError
from .pseudonymise import Pseudonymiser
from .reading import DEFAULT_MAX_BYTES, TextSource, open_source

app = typer.Typer(
    help="Find and pseudonymise personal data in French and English text.",
    no_args_is_help=True,
    add_completion=False,
)

FILE_HELP = "Text file (UTF-8) to read, or - for standard input."
LANG_HELP = "Language of the text: fr, en, or auto (chosen per paragraph group)."
MAX_HELP = "Refuse inputs larger than this many megabytes."


class Lang(StrEnum):
    """Languages accepted on the command line."""

    fr = "fr"
    en = "en"
    auto = "auto"


def _fail(message: str) -> typer.Exit:
    """Print ``message`` on stderr and return the exit to raise."""
    typer.echo(f"Error: {message}", err=True)
    return typer.Exit(code=2)


def _open(file: str, max_mb: float) -> TextSource:
    """Open the input or exit with a clear message."""
    try:
        return open_source(file, int(max_mb * 1024 * 1024))
    except PrivacyError as error:
        raise _fail(str(error)) from None
    except OSError as error:
        raise _fail(
            f"cannot read {file}: {error.strerror}. Check the path and permissions."
        ) from None


def _write_entities(source: TextSource, lang: str) -> None:
    """Stream the JSON entity list to stdout, one entity at a time."""
    out = sys.stdout
    out.write('{"entities": [')
    first = True
    for _, entities in detect_stream(source.pieces(), lang):
        for entity in entities:
            item = {
                "start": entity.start,
                "end": entity.end,
                "label": entity.label,
                "text": entity.text,
                "score": entity.score,
            }
            out.write(("" if first else ", ") + json.dumps(item, ensure_ascii=False))
            first = False
    out.write("]}\n")


@contextmanager
def _clean_failure(source: TextSource, what: str) -> Iterator[None]:
    """Turn any failure into one clear line (never a traceback) and close the source."""
    try:
        yield
    except PrivacyError as error:
        raise _fail(str(error)) from None
    except Exception:  # noqa: BLE001 - never show a traceback to the user
        raise _fail(
            f"{what} failed on {source.name}; rerun with a smaller file "
            "and report the problem if it persists."
        ) from None
    finally:
        source.close()


@app.command("detect")
def detect_command(
    file: str = typer.Argument(..., help=FILE_HELP),
    lang: Lang = typer.Option(Lang.auto, "--lang", help=LANG_HELP),
    max_mb: float = typer.Option(DEFAULT_MAX_BYTES / 1024 / 1024, "--max-mb", help=MAX_HELP),
) -> None:
    """Print the personal data found, as JSON with offsets into the original text."""
    source = _open(file, max_mb)
    with _clean_failure(source, "detection"):
        _write_entities(source, lang.value)


@app.command("redact")
def redact_command(
    file: str = typer.Argument(..., help=FILE_HELP),
    lang: Lang = typer.Option(Lang.auto, "--lang", help=LANG_HELP),
    max_mb: float = typer.Option(DEFAULT_MAX_BYTES / 1024 / 1024, "--max-mb", help=MAX_HELP),
) -> None:
    """Print the text with personal data replaced by placeholders such as [PERSONNE_1]."""
    source = _open(file, max_mb)
    with _clean_failure(source, "redaction"):
        for piece in Pseudonymiser().pseudonymise_stream(source.pieces(), lang.value):
            sys.stdout.write(piece)
