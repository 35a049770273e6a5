"""Read a text file or standard input as UTF-8, in pieces, refusing binary data."""

from __future__ import annotations

import codecs
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from .model import PrivacyError

BLOCK_BYTES = 64 * 1024
DEFAULT_MAX_BYTES = 50 * 1024 * 1024


class UnreadableInputError(PrivacyError):
    """The input is missing, too large, binary or not UTF-8 text."""


def _blocks(stream: BinaryIO) -> Iterator[bytes]:
    """Yield fixed-size blocks of a binary stream."""
    while block := stream.read(BLOCK_BYTES):
        yield block


def _decode(stream: BinaryIO, name: str) -> Iterator[str]:
    """Yield decoded text from ``stream``; raise on NUL bytes or invalid UTF-8."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")("strict")
    position = 0
    for block in _blocks(stream):
        if b"\x00" in block:
            raise UnreadableInputError(
                f"{name} looks binary (it contains NUL bytes at byte {position + block.index(0)}): "
                "give a plain-text file, e.g. extract the text of a PDF or DOCX first."
            )
        try:
            yield decoder.decode(block)
        except UnicodeDecodeError as error:
            raise UnreadableInputError(
                f"{name} is not UTF-8 text (invalid byte at offset {position + error.start}): "
                "convert it, e.g. `iconv -f latin1 -t utf-8 FILE`."
            ) from error
        position += len(block)
    try:
        yield decoder.decode(b"", final=True)
    except UnicodeDecodeError as error:
        raise UnreadableInputError(f"{name} ends in the middle of a UTF-8 character.") from error


class TextSource:
    """A validated UTF-8 text input that can be read in pieces more than once."""

    def __init__(self, path: Path, name: str, temporary: bool = False) -> None:
        self.path = path
        self.name = name
        self.temporary = temporary

    def close(self) -> None:
        """Delete the spooled copy of standard input, if any."""
        if self.temporary:
            self.path.unlink(missing_ok=True)

    def pieces(self) -> Iterator[str]:
        """Yield the text in pieces of about ``BLOCK_BYTES``."""
        with self.path.open("rb") as stream:
            yield from _decode(stream, self.name)

    def is_empty(self) -> bool:
        """Return True when the input holds no characters."""
        return not any(piece for piece in self.pieces())


def open_source(file: str, max_bytes: int = DEFAULT_MAX_BYTES) -> TextSource:
    """Check ``file`` (or "-" for standard input) and return it as a ``TextSource``."""
    if file == "-":
        spool = tempfile.NamedTemporaryFile(prefix="communia-pii-", delete=False)
        with spool:
            shutil.copyfileobj(sys.stdin.buffer, spool, BLOCK_BYTES)
        path, name, temporary = Path(spool.name), "standard input", True
    else:
        path, name, temporary = Path(file), file, False
    if not path.is_file():
        raise UnreadableInputError(f"{name}: no such file. Check the path, or use - for stdin.")
    size = path.stat().st_size
    if size > max_bytes:
        if temporary:
            path.unlink(missing_ok=True)
        raise UnreadableInputError(
            f"{name} is {size / 1e6:.1f} MB, above the {max_bytes / 1e6:.0f} MB limit: "
            "split it, or raise the limit with --max-mb."
        )
    source = TextSource(path, name, temporary)
    try:
        for _ in source.pieces():
            pass
    except UnreadableInputError:
        source.close()
        raise
    return source
