"""Read an event log (CSV or XLSX) in chunks and keep only counts per zone × hour.

Memory stays bounded whatever the file size: rows are read ``CHUNK_ROWS`` at a time
and only ``(zone, hour) -> count`` survives. Timestamps are read in one format chosen
on the first rows, localised to the time zone (daylight-saving gaps and repeats are
resolved and reported), and unreadable ones are reported by record number.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO

import numpy as np
import pandas as pd

from communia.planning import texts
from communia.planning.model import (
    CHUNK_ROWS,
    DEFAULT_TIMEZONE,
    MAX_REPORTED_ROWS,
    EventCounts,
    EventsUnreadable,
    PersonalDataRefused,
    personal_column,
    team_observation,
    values_look_personal,
)
from communia.planning.timeparse import TimeReader, check_timezone
from communia.planning.zones import ZoneMapper, build_mapper

Progress = Callable[[int], None]
ZONE_STRIDE = 1 << 16  # one key per (hour, zone): hour * stride + zone
_PLACE_HINTS = ("zone", "secteur", "quartier", "district", "beat", "lieu", "place", "location",
                "adresse", "address", "block_location", "blkaddr")
_SOURCE_HINTS = ("source", "origine", "canal", "channel", "signalement")


@dataclass(frozen=True)
class ImportOptions:
    """Which columns hold the time, the place and the source, and the local time zone.

    ``time_column`` may name two columns joined by ``+`` (a date and a time of day).
    """

    time_column: str
    place_column: str | None = None
    source_column: str | None = None
    timezone: str = DEFAULT_TIMEZONE


def read_events(name: str, handle: IO[bytes], options: ImportOptions,
                on_progress: Progress | None = None) -> EventCounts:
    """Count events per zone × UTC hour from a CSV or XLSX stream; notices say what was dropped.

    ``on_progress`` receives the bytes read so far (CSV) or rows read (XLSX).
    """
    check_timezone(options.timezone)
    chunks = _chunks(name, handle, on_progress)
    first = next(chunks, None)
    if first is None or first.empty:  # no line, or a header line alone
        raise EventsUnreadable(texts.EMPTY_FILE(name=name))
    state = _prepare(name, first, options)
    _count(state, first, 0)
    offset = len(first)
    for chunk in chunks:
        _count(state, chunk, offset)
        offset += len(chunk)
    return _finish(name, state)


@dataclass
class _State:
    counts: EventCounts
    times: TimeReader
    mapper: ZoneMapper
    place: str | None
    source: str | None
    unlocated: int = 0


def _prepare(name: str, first: pd.DataFrame, options: ImportOptions) -> _State:
    columns = list(first.columns)
    time_cols = [_resolve(name, columns, part.strip(), texts.NO_TIME_COLUMN)
                 for part in options.time_column.split("+")]
    place = (_resolve(name, columns, options.place_column, texts.NO_PLACE_COLUMN)
             if options.place_column else _guess(columns, _PLACE_HINTS, exclude=time_cols))
    source = (_resolve(name, columns, options.source_column, texts.NO_SOURCE_COLUMN)
              if options.source_column else _guess(columns, _SOURCE_HINTS, exclude=time_cols))
    notices = _personal_notices(first, [*time_cols, place, source])
    if place is not None:
        _refuse_people(name, place, first[place])
    times = TimeReader.from_sample(name, first, time_cols, options.timezone)
    mapper = build_mapper(first[place] if place else None)
    counts = EventCounts(zones=[], timezone=options.timezone, notices=notices,
                         zone_rule=mapper.rule)
    if place is not None and not options.place_column:
        counts.notices.append(texts.PLACE_GUESSED(column=place))
    if place is None:
        counts.notices.append(texts.NO_PLACE())
    counts.notices.extend(times.notices)
    return _State(counts, times, mapper, place, source)


def _count(state: _State, chunk: pd.DataFrame, offset: int) -> None:
    hours, bad = state.times.hours(chunk)
    counts = state.counts
    if bad.size:
        counts.skipped += int(bad.size)
        room = MAX_REPORTED_ROWS - len(counts.skipped_rows)
        counts.skipped_rows.extend(int(offset + i + 2) for i in bad[:max(room, 0)])
    ok = np.ones(len(chunk), dtype=bool)
    ok[bad] = False
    zones = state.mapper.zone_indices(chunk[state.place] if state.place else None,
                                        len(chunk))
    located = ok & (zones >= 0)
    state.unlocated += int((ok & (zones < 0)).sum())
    if state.source is not None:
        sources = chunk[state.source].astype(str)[located].value_counts()
        counts.team_observed += int(sum(n for s, n in sources.items() if team_observation(str(s))))
    _accumulate(counts, zones[located], hours[located])


def _accumulate(counts: EventCounts, zones: np.ndarray, hours: np.ndarray) -> None:
    if not zones.size:
        return
    keys, tally = np.unique(hours * ZONE_STRIDE + zones, return_counts=True)
    cells = counts.cells
    for key, n in zip(keys.tolist(), tally.tolist(), strict=True):
        cell = (key % ZONE_STRIDE, key // ZONE_STRIDE)
        cells[cell] = cells.get(cell, 0) + n
    low, high = int(hours.min()), int(hours.max())
    if counts.events == 0:
        counts.first_hour, counts.last_hour = low, high
    else:
        counts.first_hour = min(counts.first_hour, low)
        counts.last_hour = max(counts.last_hour, high)
    counts.events += int(zones.size)


def _finish(name: str, state: _State) -> EventCounts:
    counts = state.counts
    counts.zones = state.mapper.zones()
    counts.notices.extend(state.times.dst_notices())
    if counts.skipped:
        shown = ", ".join(str(r) for r in counts.skipped_rows)
        skipped = (texts.SKIPPED_RECORDS_MORE if counts.skipped > len(counts.skipped_rows)
                   else texts.SKIPPED_RECORDS)
        counts.notices.append(skipped(count=counts.skipped, rows=shown))
    if state.unlocated:
        counts.notices.append(texts.UNLOCATED(count=state.unlocated, rule=state.mapper.rule))
    if counts.events == 0:
        raise EventsUnreadable(texts.NO_EVENT(name=name))
    return counts


def _resolve(name: str, columns: list[str], wanted: str, missing: texts.Text) -> str:
    by_key = {c.strip().lower(): c for c in columns}
    found = by_key.get(wanted.strip().lower())
    if found is None:
        raise EventsUnreadable(missing(name=name, wanted=wanted, columns=", ".join(columns)))
    return found


def _guess(columns: list[str], hints: tuple[str, ...], exclude: list[str]) -> str | None:
    for hint in hints:
        for column in columns:
            if column not in exclude and column.strip().lower() == hint:
                return column
    for hint in hints:
        for column in columns:
            if column not in exclude and hint in column.strip().lower():
                return column
    return None


def _personal_notices(first: pd.DataFrame, used: list[str | None]) -> list[str]:
    flagged = []
    for column in first.columns:
        if column in used:
            continue
        sample = first[column].astype(str).head(200).tolist()
        if personal_column(str(column)) or values_look_personal(sample):
            flagged.append(str(column))
    if not flagged:
        return []
    return [texts.PERSONAL_COLUMNS_DROPPED(columns=", ".join(flagged))]


def _refuse_people(name: str, place: str, values: pd.Series) -> None:
    distinct = values.astype(str).drop_duplicates().head(500).tolist()
    if personal_column(place) or values_look_personal(distinct):
        raise PersonalDataRefused(texts.PEOPLE_REFUSED(name=name, place=place))


def _chunks(name: str, handle: IO[bytes], on_progress: Progress | None) -> Iterator[pd.DataFrame]:
    head = handle.read(8)
    handle.seek(0)
    if head.startswith(b"PK\x03\x04") or name.lower().endswith((".xlsx", ".xlsm")):
        yield from _xlsx_chunks(name, handle, on_progress)
    else:
        yield from _csv_chunks(name, handle, on_progress)


def _csv_chunks(name: str, handle: IO[bytes], on_progress: Progress | None
                ) -> Iterator[pd.DataFrame]:
    sample = handle.read(256 * 1024)
    handle.seek(0)
    if b"\x00" in sample[:4096]:
        raise EventsUnreadable(texts.BINARY_FILE(name=name))
    encoding = _encoding(sample)
    text = sample.decode(encoding, errors="replace")
    if not text.strip():
        raise EventsUnreadable(texts.EMPTY_FILE(name=name))
    try:
        delimiter = csv.Sniffer().sniff(text[:20000], delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = ","
    try:  # pandas reads the header line as soon as the reader is made
        reader = pd.read_csv(handle, sep=delimiter, dtype=str, keep_default_na=False,
                             chunksize=CHUNK_ROWS, encoding=encoding, encoding_errors="replace",
                             on_bad_lines="skip", engine="c")
        for chunk in reader:
            if on_progress is not None:
                on_progress(handle.tell())
            yield chunk
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise EventsUnreadable(texts.CSV_UNREADABLE(name=name, detail=exc)) from None


def _encoding(sample: bytes) -> str:
    try:
        sample.decode("utf-8")
        return "utf-8-sig"
    except UnicodeDecodeError as exc:
        if exc.start > len(sample) - 4:  # a character cut by the sample's end
            return "utf-8-sig"
        return "cp1252"


def _xlsx_chunks(name: str, handle: IO[bytes], on_progress: Progress | None
                 ) -> Iterator[pd.DataFrame]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(handle.read()), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many types for a damaged or encrypted workbook
        raise EventsUnreadable(texts.XLSX_UNREADABLE(name=name)) from None
    rows = book.worksheets[0].iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        raise EventsUnreadable(texts.XLSX_EMPTY(name=name))
    columns = [str(c) if c is not None else f"column {i + 1}" for i, c in enumerate(header)]
    batch: list[list[str]] = []
    done = 0
    for row in rows:
        values = [_cell(v) for v in row[:len(columns)]]
        batch.append(values + [""] * (len(columns) - len(values)))
        if len(batch) == CHUNK_ROWS:
            done += len(batch)
            yield pd.DataFrame(batch, columns=columns)
            batch = []
            if on_progress is not None:
                on_progress(done)
    if batch:
        yield pd.DataFrame(batch, columns=columns)
    book.close()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return str(value.isoformat(sep=" ") if hasattr(value, "hour") else value.isoformat())
    return str(value)
