"""What the document readers say about a file they cannot read, as English templates.

An ``ExtractionError`` reads ``"{name}: {problem}. {hint}"``: the CLI prints it as is; a
web page shows it without the file's name and in the reader's language through the
catalog fallback (``web.templating.translated``, docs/adr/0010-messages-in-the-readers-
language.md), which finds the template ``"{problem}. {hint}"`` of ``ERRORS`` again and
puts the values back. Each message is a (problem, hint) pair; ``said`` fills it. No I/O.
"""

from __future__ import annotations

Said = tuple[str, str]

SUPPORTED = "PDF, DOCX, ODT, TXT, MD or ZIP"

# Any file (``extract``); ``{size}``/``{limit}`` in MiB, ``{kind}`` the format read
# (``PDF``, ``DOCX``...), ``{what}`` one of ``UNSUPPORTED_KINDS``, ``{error}`` the name of
# the exception a reader library raised.
EMPTY: Said = ("the file is empty (0 bytes)", "Send the file again.")
TOO_LARGE: Said = (
    "the file is {size:,.1f} MiB, more than the limit of {limit:,.0f} MiB",
    "Send a lighter version (compressed images, fewer pages), or raise max_bytes.")
DAMAGED: Said = (
    "the {kind} file is damaged and cannot be read",
    "Open it, save it again (or export it as PDF) and send the new copy.")
UNSUPPORTED: Said = (
    "this is {what}, which is not supported", f"Save it as {SUPPORTED} and send it again.")
UNSUPPORTED_KINDS = (
    "an old Word 97-2003 (.doc) or Office file", "an RTF file", "a file in an unknown format",
    "an OpenDocument file other than text (ODS, ODP...)",
    "an Office file other than Word (XLSX, PPTX...)")
NOT_A_DOCUMENT: Said = (
    "this is a ZIP archive, not a single document",
    "Upload it with the batch upload, which unpacks archives.")
NESTED_ARCHIVE: Said = (
    "this archive is nested more than one level deep inside another archive",
    "Unpack the inner archives and send the files in a single ZIP.")
UNEXPECTED: Said = (
    "the file could not be read ({error})",
    "Send it in another format; if this keeps happening, report it with the file.")

# PDF (``pdf_reader``).
PDF_DAMAGED: Said = (
    "the PDF is damaged and its text cannot be read",
    "Open it and export it again as PDF, or send it as DOCX.")
PDF_PASSWORD: Said = (
    "the PDF is protected by a password",
    "Ask the sender for a copy without password, or print it to a new PDF.")
NOT_A_PDF: Said = (
    "the file is damaged or is not really a PDF",
    "Open it in a PDF reader; if it opens, export it again as PDF.")
TOO_MANY_PAGES: Said = (
    "the PDF has {count} pages, more than the limit of {limit}",
    "Send only the relevant pages, or raise the max_pages limit.")

# Text (``text_reader``); ``{position}`` the offset of the first bad byte.
BINARY: Said = ("the file is binary, not text", "Send a PDF, DOCX, ODT, TXT or MD file.")
BAD_ENCODING: Said = (
    "the text claims to be {encoding} but is damaged at byte {position}",
    "Open it in a text editor and save it again as UTF-8.")

# Archives, and DOCX/ODT which are archives (``archive``).
ARCHIVE_DAMAGED: Said = (
    "the archive is damaged or incomplete", "Create the ZIP again or send the files one by one.")
TOO_MANY_MEMBERS: Said = (
    "the archive holds {count} files, more than the limit of {limit}",
    "Split it into smaller archives, or raise the max_zip_members limit.")
ARCHIVE_TOO_LARGE: Said = (
    "the archive unpacks to {size:,.0f} MiB, more than the limit of {limit:,.0f} MiB "
    "(possible ZIP bomb)",
    "Split it into smaller archives, or send the files one by one.")
OVER_COMPRESSED: Said = (
    "compressed {ratio:,.0f} to 1, above the limit of {limit} to 1 (possible ZIP bomb)",
    "Send the original file uncompressed, or raise the max_zip_ratio limit.")
UNSAFE_PATH: Said = (
    "the file name points outside the archive (path traversal)",
    "Create the archive again from the folder of applications.")
MEMBER_PASSWORD: Said = (
    "the file is protected by a password inside the archive",
    "Create the archive again without a password.")
MEMBER_TOO_LARGE: Said = (
    "the file is {size:,.1f} MiB, more than the limit of {limit:,.0f} MiB",
    "Send a lighter version (compressed images, fewer pages).")
MEMBER_UNPACKS_TOO_MUCH: Said = (
    "the file unpacks to more than its size or archive limit (possible ZIP bomb)",
    "Send the file on its own, uncompressed.")
MEMBER_DAMAGED: Said = (
    "the file is damaged inside the archive",
    "Create the archive again or send the file on its own.")

SAID: tuple[Said, ...] = (
    EMPTY, TOO_LARGE, DAMAGED, UNSUPPORTED, NOT_A_DOCUMENT, NESTED_ARCHIVE, UNEXPECTED,
    PDF_DAMAGED, PDF_PASSWORD, NOT_A_PDF, TOO_MANY_PAGES, BINARY, BAD_ENCODING,
    ARCHIVE_DAMAGED, TOO_MANY_MEMBERS, ARCHIVE_TOO_LARGE, OVER_COMPRESSED, UNSAFE_PATH,
    MEMBER_PASSWORD, MEMBER_TOO_LARGE, MEMBER_UNPACKS_TOO_MUCH, MEMBER_DAMAGED)
# An error as a page shows it, the file's name taken off (``str(error)`` less "name: ").
ERRORS = tuple(f"{problem}. {hint}" for problem, hint in SAID)


def said(message: Said, **values: object) -> Said:
    """The (problem, hint) of ``message`` with its ``values`` put in."""
    problem, hint = message
    return problem.format(**values), hint.format(**values)
