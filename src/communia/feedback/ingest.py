"""Read field reports from CSV, XLSX, JSON or plain text, streaming and within bounds.

The person picks the text, date, place and source columns; a wrong name gets the list
of available ones. Bytes are decoded line by line (UTF-8, else Windows-1252), so a
file with mixed encodings is read whole and the fallback is reported. Every data row
keeps its 0-based number, even when it has no text, so that nothing is lost.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from itertools import islice
from pathlib import PurePath
from typing import IO, Any

from communia.errors import InvalidInput, TooLarge
from communia.feedback import messages as msg
from communia.feedback.model import MAX_REPORT_CHARS, MAX_REPORTS, Report

FORMATS = ("csv", "tsv", "xlsx", "json", "txt")
TEXT_COLUMN_OF_PLAIN_TEXT = "text"
Progress = Callable[[int], None]


class EmptyInput(InvalidInput):
    """The file has no header or no data row."""


class ColumnNotFound(InvalidInput):
    """A chosen column is not in the file; the message lists the available ones."""


class UnreadableInput(InvalidInput):
    """The file cannot be parsed in the format its name announces."""


class TooManyReports(TooLarge):
    """More rows than one synthesis accepts."""


@dataclass(frozen=True)
class ColumnChoice:
    """Which columns hold the text and, optionally, the date, the place and the source."""

    text: str
    date: str = ""
    place: str = ""
    source: str = ""


@dataclass
class Ingested:
    """The reports read, how many rows, and what the person should know about them."""

    reports: list[Report]
    rows: int
    notices: list[str] = field(default_factory=list)


# How much of the start of a text file is searched for binary data at upload.
BINARY_PROBE_BYTES = 64 * 1024


def format_of(name: str) -> str:
    """The input format from the file name; plain text for unknown extensions."""
    suffix = PurePath(name).suffix.lower().lstrip(".")
    if suffix in ("csv", "tsv", "xlsx", "json"):
        return suffix
    if suffix in ("xls", "ods"):
        raise UnreadableInput(msg.UNREAD_SUFFIX.format(name=name, suffix=suffix))
    return "txt"


@dataclass(frozen=True)
class Preview:
    """A file's column names and its first data rows, for the column picker."""

    columns: list[str]
    rows: list[list[Any]]


# How many data rows the column picker looks at to suggest the columns.
PREVIEW_ROWS = 200


def preview(name: str, stream: IO[bytes], limit: int = PREVIEW_ROWS) -> Preview:
    """The column names of a file (``text`` for plain text) and up to ``limit`` data rows.

    A file that is binary (an image renamed .csv) or holds no report is refused here, at
    upload, rather than after the column step.
    """
    fmt = format_of(name)
    if fmt != "xlsx":
        start = stream.read(BINARY_PROBE_BYTES)
        stream.seek(0)
        if b"\x00" in start:
            raise UnreadableInput(msg.BINARY_FILE.format(name=name))
    if fmt == "txt":
        lines = (row for row in _lines_as_rows(stream) if row[0].strip())
        sample = list(islice(lines, max(limit, 1)))
        if not sample:
            raise EmptyInput(msg.EMPTY_TEXT_FILE.format(name=name))
        return Preview([TEXT_COLUMN_OF_PLAIN_TEXT], sample)
    header, rows = _table(name, fmt, stream)
    sample = list(islice(iter(rows), max(limit, 1)))
    if not sample:
        raise EmptyInput(msg.NO_DATA_ROW.format(name=name))
    return Preview(header, sample)


def read_columns(name: str, stream: IO[bytes]) -> list[str]:
    """The column names of a file (``text`` for plain text); see ``preview``."""
    return preview(name, stream, 1).columns


def count_rows(name: str, stream: IO[bytes]) -> int:
    """How many data rows ``read_reports`` would read from the file (each a report)."""
    fmt = format_of(name)
    rows = _lines_as_rows(stream) if fmt == "txt" else _table(name, fmt, stream)[1]
    return sum(1 for _ in rows)


def read_reports(name: str, stream: IO[bytes], choice: ColumnChoice,
                 progress: Progress | None = None, *, max_reports: int = MAX_REPORTS,
                 max_report_chars: int = MAX_REPORT_CHARS) -> Ingested:
    """Every data row of the file as a report (empty text kept), with notices.

    More than ``max_reports`` data rows are refused; texts longer than
    ``max_report_chars`` are truncated (settings ``feedback_max_reports`` and
    ``feedback_max_report_chars``).
    """
    fmt = format_of(name)
    if fmt == "txt":
        header, rows = [TEXT_COLUMN_OF_PLAIN_TEXT], _lines_as_rows(stream)
    else:
        header, rows = _table(name, fmt, stream)
    index = _column_indexes(name, header, choice)
    counters = {"empty": 0, "truncated": 0, "bad_dates": 0}
    reports: list[Report] = []
    for number, values in enumerate(rows):
        if number >= max_reports:
            raise TooManyReports(msg.TOO_MANY_ROWS.format(name=name, limit=f"{max_reports:,}"))
        reports.append(_report(number, values, index, counters, max_report_chars))
        if progress and number % 5000 == 0:
            progress(number)
    if not reports:
        raise EmptyInput(msg.NO_DATA_ROW.format(name=name))
    return Ingested(reports, len(reports),
                    _notices(name, choice, counters, rows, max_report_chars))


def _report(number: int, values: list[Any], index: dict[str, int],
            counters: dict[str, int], max_chars: int) -> Report:
    text = _cell(values, index["text"]).strip()
    truncated = len(text) > max_chars
    if truncated:
        counters["truncated"] += 1
        text = text[:max_chars]
    if not text:
        counters["empty"] += 1
    day = None
    if "date" in index:
        raw = values[index["date"]] if index["date"] < len(values) else None
        day = parse_day(raw)
        if day is None and raw not in (None, ""):
            counters["bad_dates"] += 1
    place = _cell(values, index["place"]).strip()[:120] if "place" in index else ""
    source = _cell(values, index["source"]).strip()[:120] if "source" in index else ""
    return Report(number, text, day, place, source, truncated)


def _notices(name: str, choice: ColumnChoice, counters: dict[str, int],
             rows: Any, max_chars: int) -> list[str]:
    notes = []
    if counters["empty"]:
        notes.append(msg.NO_TEXT_ROWS.format(n=counters["empty"], column=choice.text))
    if counters["truncated"]:
        notes.append(msg.TRUNCATED.format(n=counters["truncated"], limit=f"{max_chars:,}"))
    if counters["bad_dates"]:
        notes.append(msg.BAD_DATES.format(n=counters["bad_dates"], column=choice.date))
    fallback = getattr(rows, "fallback_lines", 0)
    if fallback:
        notes.append(msg.MIXED_ENCODING.format(name=name, n=fallback))
    return notes


def _cell(values: list[Any], position: int) -> str:
    if position >= len(values) or values[position] is None:
        return ""
    return str(values[position])


def _column_indexes(name: str, header: list[str], choice: ColumnChoice) -> dict[str, int]:
    wanted = {"text": choice.text, "date": choice.date, "place": choice.place,
              "source": choice.source}
    folded = {_fold(h): i for i, h in enumerate(header)}
    index = {}
    for role, column in wanted.items():
        if not column:
            continue
        position = folded.get(_fold(column))
        if position is None:
            available = ", ".join(f"'{h}'" for h in header) or "(none)"
            raise ColumnNotFound(msg.NO_COLUMN.format(name=name, column=column, role=role,
                                                      available=available))
        index[role] = position
    if "text" not in index:
        raise ColumnNotFound(msg.NO_TEXT_COLUMN.format(name=name))
    return index


def has_column(header: list[str], column: str) -> bool:
    """Whether ``column`` names one of ``header`` (as the reading matches it)."""
    return bool(column) and _fold(column) in {_fold(h) for h in header}


def _fold(value: str) -> str:
    return unicodedata.normalize("NFKC", value).strip().casefold()


class _DecodedLines:
    """Lines of a byte stream decoded one by one (UTF-8, else Windows-1252)."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.fallback_lines = 0
        self.first = True

    def __iter__(self) -> Iterator[str]:
        for raw in self.stream:
            if self.first:
                raw = raw.removeprefix(b"\xef\xbb\xbf")
                self.first = False
            if b"\x00" in raw:
                raise UnreadableInput(msg.NUL_BYTES)
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError:
                self.fallback_lines += 1
                yield raw.decode("cp1252", errors="replace")


class _LineRows:
    """Plain text: each line is one row with one value."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.lines = _DecodedLines(stream)

    @property
    def fallback_lines(self) -> int:
        return self.lines.fallback_lines

    def __iter__(self) -> Iterator[list[Any]]:
        for line in self.lines:
            yield [line.rstrip("\r\n")]


def _lines_as_rows(stream: IO[bytes]) -> _LineRows:
    return _LineRows(stream)


class _CsvRows:
    """Rows after the header of a delimited file, decoded line by line."""

    def __init__(self, reader: Iterator[list[str]], lines: _DecodedLines) -> None:
        self.reader = reader
        self.lines = lines

    @property
    def fallback_lines(self) -> int:
        return self.lines.fallback_lines

    def __iter__(self) -> Iterator[list[Any]]:
        try:
            for values in self.reader:
                if any(v.strip() for v in values):
                    yield list(values)
        except csv.Error as exc:
            raise UnreadableInput(msg.MALFORMED_CSV.format(detail=exc)) from None


def _table(name: str, fmt: str, stream: IO[bytes]) -> tuple[list[str], Any]:
    if fmt in ("csv", "tsv"):
        return _delimited(name, fmt, stream)
    if fmt == "xlsx":
        return _workbook(name, stream)
    return _json(name, stream)


def _delimited(name: str, fmt: str, stream: IO[bytes]) -> tuple[list[str], Any]:
    lines = _DecodedLines(stream)
    iterator = iter(lines)
    first = next((line for line in iterator if line.strip()), None)
    if first is None:
        raise EmptyInput(msg.EMPTY_TABLE.format(name=name))
    delimiter = "\t" if fmt == "tsv" else max(",;\t", key=first.count)
    header = next(csv.reader([first], delimiter=delimiter))
    header = [h.strip() for h in header]
    reader = csv.reader(iterator, delimiter=delimiter)
    return header, _CsvRows(reader, lines)


def _workbook(name: str, stream: IO[bytes]) -> tuple[list[str], Any]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(stream, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many types for a damaged or foreign file
        raise UnreadableInput(msg.BAD_XLSX.format(name=name)) from None
    rows = book.worksheets[0].iter_rows(values_only=True)
    first = next(rows, None)
    if first is None or not any(v is not None for v in first):
        raise EmptyInput(msg.EMPTY_SHEET.format(name=name))
    header = [str(v).strip() if v is not None else "" for v in first]

    def data() -> Iterator[list[Any]]:
        for values in rows:
            if any(v not in (None, "") for v in values):
                yield list(values)

    return header, data()


def _json(name: str, stream: IO[bytes]) -> tuple[list[str], Any]:
    raw = stream.read()
    if not raw.strip():
        raise EmptyInput(msg.EMPTY_FILE.format(name=name))
    try:
        data = json.loads(raw.decode("utf-8-sig", errors="replace"))
    except json.JSONDecodeError as exc:
        raise UnreadableInput(msg.BAD_JSON.format(name=name, line=exc.lineno)) from None
    if isinstance(data, dict):
        data = next((v for v in data.values() if isinstance(v, list)), [])
    if not isinstance(data, list) or not data:
        raise EmptyInput(msg.NO_JSON_LIST.format(name=name))
    if all(isinstance(item, str) for item in data):
        return [TEXT_COLUMN_OF_PLAIN_TEXT], ([item] for item in data)
    header: list[str] = []
    for item in data:
        if isinstance(item, dict):
            header.extend(k for k in item if k not in header)
    rows = ([item.get(h) if isinstance(item, dict) else None for h in header] for item in data)
    return header, rows


_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_FRENCH = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_YEAR = re.compile(r"\b(19|20)\d{2}\b")
_MONTHS = {m: i + 1 for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"))}
_MONTHS.update({"fév": 2, "avr": 4, "mai": 5, "juin": 6, "juil": 7, "aoû": 8, "déc": 12})


def parse_day(value: Any) -> date | None:
    """A day from a cell: date, ISO or French date, epoch (s or ms), or ``Thu Jul 06 ... 2017``."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) or re.fullmatch(r"\d{9,13}(\.\d+)?", str(value).strip()):
        return _epoch(float(value))
    text = str(value).strip()
    for pattern, order in ((_ISO, (1, 2, 3)), (_FRENCH, (3, 2, 1))):
        match = pattern.match(text)
        if match:
            parts = [int(match.group(i)) for i in order]
            try:
                return date(parts[0], parts[1], parts[2])
            except ValueError:
                return None
    return _spelled(text)


def _epoch(number: float) -> date | None:
    seconds = number / 1000 if number > 1e11 else number
    try:
        return datetime.fromtimestamp(seconds, UTC).date()
    except (OverflowError, OSError, ValueError):
        return None


def _spelled(text: str) -> date | None:
    words = re.findall(r"[^\W\d_]+|\d+", text.casefold())
    month = next((_MONTHS[w[:4]] if w[:4] in _MONTHS else _MONTHS.get(w[:3])
                  for w in words if w[:3] in _MONTHS or w[:4] in _MONTHS), None)
    year = _YEAR.search(text)
    day = next((int(w) for w in words if w.isdigit() and 1 <= int(w) <= 31 and len(w) <= 2),
               None)
    if month is None or year is None or day is None:
        return None
    try:
        return date(int(year.group(0)), month, day)
    except ValueError:
        return None


def open_bytes(data: bytes) -> IO[bytes]:
    """A binary stream over bytes already in memory (web uploads)."""
    return io.BytesIO(data)
