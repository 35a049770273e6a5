"""Reading event logs: formats, bad rows reported by number, DST, personal data, zones."""

from __future__ import annotations

import io

import pytest

from communia.planning.ingest import ImportOptions, read_events
from communia.planning.model import EventsUnreadable, PersonalDataRefused
from tests.planning_support import synthetic_csv


def _read(text: str, **kw: object) -> object:
    options = ImportOptions(**{"time_column": "quand", **kw})  # type: ignore[arg-type]
    return read_events("log.csv", io.BytesIO(text.encode("utf-8")), options)


def test_unparseable_timestamps_are_reported_by_record_number() -> None:
    text = ("quand;lieu\n17/03/2025 14:05;Centre\npas une date;Gare\n18/03/2025 09:00;Gare\n"
            "31/02/2025 10:00;Centre\n")
    counts = _read(text)
    assert counts.events == 2  # type: ignore[attr-defined]
    assert counts.skipped_rows == [3, 5]  # type: ignore[attr-defined]
    assert any("records 3, 5" in n for n in counts.notices)  # type: ignore[attr-defined]


def test_day_first_dates_are_read_as_in_france() -> None:
    counts = _read("quand,lieu\n05/03/2025 10:00,Centre\n")
    hour = next(iter(counts.cells))[1]  # type: ignore[attr-defined]
    # 5 March 2025 10:00 in Paris is 09:00 UTC.
    assert hour == (1741165200 // 3600)


def test_daylight_saving_gaps_and_repeats_are_resolved_and_reported() -> None:
    text = ("quand;lieu\n30/03/2025 02:30;Centre\n26/10/2025 02:30;Centre\n"
            "26/10/2025 12:00;Centre\n")
    counts = _read(text)
    assert counts.events == 3  # type: ignore[attr-defined]
    notices = " ".join(counts.notices)  # type: ignore[attr-defined]
    assert "skipped when clocks go forward" in notices
    assert "repeated when clocks go back" in notices


def test_offsets_in_timestamps_are_honoured() -> None:
    counts = _read("quand,lieu\n2025-03-05T10:00:00+00:00,Centre\n")
    assert next(iter(counts.cells))[1] == 1741168800 // 3600  # type: ignore[attr-defined]


def test_personal_columns_are_dropped_with_a_notice() -> None:
    text = ("quand;lieu;nom;telephone\n17/03/2025 14:05;Centre;Jean Martin;06 12 34 56 78\n"
            "17/03/2025 15:05;Gare;Claire Dubois;06 98 76 54 32\n")
    counts = _read(text)
    notice = counts.notices[0]  # type: ignore[attr-defined]
    assert "nom" in notice and "telephone" in notice and "dropped" in notice
    assert "Jean" not in repr(counts.to_json())  # type: ignore[attr-defined]


def test_a_place_column_holding_people_is_refused() -> None:
    rows = "".join(f"17/03/2025 1{i}:00;{name}\n" for i, name in enumerate(
        ["Jean Martin", "Claire Dubois", "Paul Durand", "Anne Leroy"]))
    with pytest.raises(PersonalDataRefused) as caught:
        _read("quand;qui\n" + rows, place_column="qui")
    assert "never individuals" in str(caught.value)


def test_a_missing_column_names_the_available_ones() -> None:
    with pytest.raises(EventsUnreadable) as caught:
        _read("date;lieu\n17/03/2025 14:05;Centre\n")
    assert "'quand'" in str(caught.value) and "date, lieu" in str(caught.value)


def test_a_binary_file_is_refused_clearly() -> None:
    with pytest.raises(EventsUnreadable):
        read_events("log.csv", io.BytesIO(b"\x00\x01\x02" * 100), ImportOptions("quand"))


def test_coordinates_become_a_grid_and_addresses_become_streets() -> None:
    grid = _read('quand,loc\n17/03/2025 14:05,"(37.85, -122.30)"\n'
                 '17/03/2025 15:05,"(37.90, -122.23)"\n17/03/2025 16:05,""\n', place_column="loc")
    assert grid.zones[0] == "Nord-Ouest" and "grid" in grid.zone_rule  # type: ignore[attr-defined]
    assert grid.events == 2  # type: ignore[attr-defined]
    rows = "".join(f"17/03/2025 10:{i:02d},{100 * i} RUE NUMERO {i}\n" for i in range(40))
    streets = _read("quand,adresse\n" + rows, place_column="adresse")
    assert "street" in streets.zone_rule  # type: ignore[attr-defined]
    assert streets.zones[-1] == "Autres lieux"  # type: ignore[attr-defined]


def test_a_date_column_and_a_time_column_are_joined() -> None:
    counts = _read("jour,heure,lieu\n03/17/2018 12:00:00 AM,22:17,Centre\n"
                   "03/18/2018 12:00:00 AM,08:05,Centre\n", time_column="jour")
    assert any("time of day was read from 'heure'" in n for n in counts.notices)  # type: ignore[attr-defined]
    hours = sorted(h for _, h in counts.cells)  # type: ignore[attr-defined]
    assert hours[1] - hours[0] == 10  # 22:17 → 08:05 the next day


def test_team_observation_share_is_counted_from_the_source_column() -> None:
    counts = read_events("log.csv", io.BytesIO(synthetic_csv(2, team_share=0.5)),
                         ImportOptions("horodatage", "lieu"))
    assert counts.feedback_loop_risk
    assert 0.35 < counts.team_observation_share < 0.65


def test_xlsx_logs_are_read(tmp_path: object) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["quand", "lieu"])
    sheet.append(["17/03/2025 14:05", "Centre"])
    sheet.append(["pas une date", "Gare"])
    buffer = io.BytesIO()
    book.save(buffer)
    counts = read_events("log.xlsx", io.BytesIO(buffer.getvalue()), ImportOptions("quand", "lieu"))
    assert counts.events == 1 and counts.skipped_rows == [3]
