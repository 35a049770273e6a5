"""Extracted documents, the flags raised while reading them, and the limits applied.

Plain dataclasses with no I/O, shared by every reader in this package.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MIB = 1024 * 1024

FLAG_KINDS: frozenset[str] = frozenset(
    {
        "hidden_text",  # invisible text: render mode 3, covered, hidden paragraph or comment
        "tiny_text",  # font too small to read
        "white_text",  # text drawn in the colour of its background
        "off_page",  # text placed outside the visible page
        "hidden_run",  # Word run or ODF span marked hidden
        "metadata",  # document properties that carry text
        "injection",  # phrase addressed to an AI or a screening tool
        "no_text_layer",  # scanned pages: OCR needed, nothing extracted
        "truncated",  # text cut at the character limit
        "encoding",  # text file not in UTF-8: which encoding was used
    }
)


@dataclass(frozen=True)
class Flag:
    """Something a person should know about a document before relying on its text."""

    kind: str
    detail: str

    def __post_init__(self) -> None:
        if self.kind not in FLAG_KINDS:
            raise ValueError(f"unknown flag kind {self.kind!r}; use one of {sorted(FLAG_KINDS)}")


@dataclass
class ExtractedDocument:
    """The text of one file, split into what a reader sees and what is hidden.

    Args:
        name: the file name as given (inside a ZIP: ``archive.zip/folder/file.pdf``).
        text: visible text only; the only text that analyses may use.
        hidden_text: text present in the file but invisible to a reader.
        flags: what was found (hidden text, injections, scanned pages...).
        pages: number of pages (1 for formats without pages).
        lang_hint: ``"fr"``, ``"en"`` or None when the text is too short to tell.
        metadata: document properties and facts such as ``format`` and ``encoding``.
    """

    name: str
    text: str
    hidden_text: str = ""
    flags: list[Flag] = field(default_factory=list)
    pages: int = 1
    lang_hint: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)

    def flag_kinds(self) -> set[str]:
        """Return the distinct kinds of flag raised on this document."""
        return {flag.kind for flag in self.flags}


class ExtractionError(Exception):
    """A file could not be read; the message names the file, the problem and the next step.

    Args:
        name: the file name as given.
        problem: what is wrong, in one sentence without a trailing full stop.
        hint: what the user can do about it.
        code: a stable identifier (``empty``, ``encrypted``...) for translation and tests.
    """

    def __init__(self, name: str, problem: str, hint: str, code: str = "unreadable") -> None:
        self.name = name
        self.problem = problem
        self.hint = hint
        self.code = code
        super().__init__(f"{name}: {problem}. {hint}")


@dataclass(frozen=True)
class Limits:
    """Bounds applied to every file and archive; all are configuration with safe defaults."""

    max_bytes: int = 20 * MIB
    max_pages: int = 200
    max_zip_members: int = 500
    max_zip_total_bytes: int = 200 * MIB
    max_zip_ratio: int = 100
    max_chars: int = 2_000_000


@dataclass
class BatchResult:
    """Outcome of a batch: every input is in ``documents``, ``errors`` or ``skipped``.

    ``skipped`` only ever holds system files found inside archives (``__MACOSX/``,
    ``.DS_Store``, ``Thumbs.db``), never a file a person put there on purpose.
    """

    documents: list[ExtractedDocument] = field(default_factory=list)
    errors: list[ExtractionError] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
