"""ZIP handling with bomb guards: for uploaded archives and for DOCX/ODT containers.

Declared sizes are checked first (member count, total, compression ratio), then every
member is read in bounded chunks, so an archive that lies about its sizes is still
stopped at the limit. Member names are only labels here (nothing is written to
disk), yet absolute and ``..`` names are refused so they never reach a path.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from communia.documents import messages
from communia.documents.messages import said
from communia.documents.model import MIB, ExtractionError, Limits

CHUNK = 64 * 1024
RATIO_FLOOR = 1 * MIB  # small members may compress well; ratios count above this size
SYSTEM_FILES = frozenset({".ds_store", "thumbs.db", "desktop.ini"})


@dataclass
class Expansion:
    """Files read from an archive, members refused, and system files left aside."""

    files: list[tuple[str, bytes]] = field(default_factory=list)
    errors: list[ExtractionError] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def open_zip(name: str, data: bytes) -> zipfile.ZipFile:
    """Open ZIP bytes or raise an ExtractionError naming the file."""
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ExtractionError(name, *messages.ARCHIVE_DAMAGED, code="corrupt") from error


def check_container(
    name: str, archive: zipfile.ZipFile, limits: Limits, *, whole: bool = True
) -> None:
    """Refuse a ZIP (or a DOCX/ODT, which are ZIPs) whose declared sizes exceed the limits.

    With ``whole`` (DOCX, ODT) one over-compressed member refuses the file; for an
    uploaded archive members are judged one by one in ``expand``.
    """
    members = [info for info in archive.infolist() if not info.is_dir()]
    if len(members) > limits.max_zip_members:
        raise ExtractionError(
            name,
            *said(messages.TOO_MANY_MEMBERS, count=len(members), limit=limits.max_zip_members),
            code="too_many_members",
        )
    total = sum(info.file_size for info in members)
    if total > limits.max_zip_total_bytes:
        raise ExtractionError(
            name,
            *said(messages.ARCHIVE_TOO_LARGE, size=total / MIB,
                  limit=limits.max_zip_total_bytes / MIB),
            code="zip_bomb",
        )
    for info in members if whole else []:
        _check_ratio(f"{name}/{info.filename}", info, limits)


def _check_ratio(label: str, info: zipfile.ZipInfo, limits: Limits) -> None:
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > RATIO_FLOOR and ratio > limits.max_zip_ratio:
        raise ExtractionError(
            label,
            *said(messages.OVER_COMPRESSED, ratio=ratio, limit=limits.max_zip_ratio),
            code="zip_bomb",
        )


def expand(name: str, archive: zipfile.ZipFile, limits: Limits) -> Expansion:
    """Read every member of an uploaded archive within the limits; never raise per member."""
    check_container(name, archive, limits, whole=False)
    result = Expansion()
    budget = limits.max_zip_total_bytes
    for info in archive.infolist():
        if info.is_dir():
            continue
        label = f"{name}/{info.filename}"
        if _is_system_file(info.filename):
            result.skipped.append(label)
            continue
        try:
            _check_member(label, info, limits)
            data = _read_bounded(label, archive, info, min(limits.max_bytes, budget))
        except ExtractionError as error:
            result.errors.append(error)
            continue
        budget -= len(data)
        result.files.append((label, data))
    return result


def _is_system_file(member: str) -> bool:
    path = PurePosixPath(member)
    return "__MACOSX" in path.parts or path.name.lower() in SYSTEM_FILES


def _check_member(label: str, info: zipfile.ZipInfo, limits: Limits) -> None:
    member = info.filename.replace("\\", "/")
    parts = PurePosixPath(member).parts
    if member.startswith("/") or ".." in parts or (len(member) > 1 and member[1] == ":"):
        raise ExtractionError(label, *messages.UNSAFE_PATH, code="unsafe_path")
    if info.flag_bits & 0x1:
        raise ExtractionError(label, *messages.MEMBER_PASSWORD, code="encrypted")
    if info.file_size > limits.max_bytes:
        raise ExtractionError(
            label,
            *said(messages.MEMBER_TOO_LARGE, size=info.file_size / MIB,
                  limit=limits.max_bytes / MIB),
            code="too_large",
        )
    _check_ratio(label, info, limits)


def _read_bounded(label: str, archive: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> bytes:
    """Read a member in chunks and stop as soon as it passes ``cap`` bytes."""
    buffer = bytearray()
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(CHUNK):
                buffer += chunk
                if len(buffer) > cap:
                    raise ExtractionError(
                        label, *messages.MEMBER_UNPACKS_TOO_MUCH, code="zip_bomb"
                    )
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, ValueError) as error:
        raise ExtractionError(label, *messages.MEMBER_DAMAGED, code="corrupt") from error
    return bytes(buffer)
