"""``communia guard check FILE|-``: judge a request text exactly as the gateway does.

Prints one JSON object ``{"decision_request", "category", "explanation"}`` (a stable
contract for administrators and outside evaluations). Exit code 2, with a message on
standard error, when the input is empty or cannot be read.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from communia.governance.guard import judge_request

app = typer.Typer(no_args_is_help=True, pretty_exceptions_enable=False)
guard_app = typer.Typer(help="The decision guard: the AI never decides a sanction, an "
                             "award or an evaluation.", no_args_is_help=True,
                        pretty_exceptions_enable=False)
app.add_typer(guard_app, name="guard")


def _read(source: str) -> str:
    """Return the text of FILE, or of standard input for "-"; exit 2 when unusable."""
    if source == "-":
        stream = sys.stdin
        data = stream.buffer.read() if hasattr(stream, "buffer") else stream.read().encode()
        name = "standard input"
    else:
        path = Path(source)
        name = str(path)
        try:
            data = path.read_bytes()
        except (FileNotFoundError, IsADirectoryError, PermissionError, OSError) as exc:
            reason = exc.strerror or type(exc).__name__
            _stop(f"cannot read {name}: {reason}. Give a readable text file, or - for "
                  "standard input.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    if not text.strip():
        _stop(f"{name} is empty: give the request text to judge.")
    return text


def _stop(message: str) -> None:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(code=2)


@guard_app.command("check")
def check(
    source: str = typer.Argument(..., metavar="FILE|-",
                                 help="File holding the request text, or - for stdin."),
    lang: str = typer.Option("", help="Language of the explanation (fr or en); "
                                      "detected from the text when omitted."),
) -> None:
    """Judge a request text and print the verdict as JSON."""
    if lang not in ("", "fr", "en"):
        _stop(f"--lang must be fr or en, not {lang!r}.")
    verdict = judge_request(_read(source), lang or None)
    typer.echo(json.dumps({"decision_request": verdict.decision_request,
                           "category": verdict.category,
                           "explanation": verdict.explanation}, ensure_ascii=False))
