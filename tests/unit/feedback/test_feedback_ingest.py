"""Reading reports: formats, columns, encodings, limits."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from openpyxl import Workbook

from communia.feedback import ingest
from communia.feedback.ingest import ColumnChoice, ColumnNotFound, EmptyInput, TooManyReports
from communia.feedback.model import MAX_REPORT_CHARS


def read(name: str, data: bytes, **choice: str) -> ingest.Ingested:
    return ingest.read_reports(name, io.BytesIO(data), ColumnChoice(**choice))


def test_wrong_column_lists_the_available_ones() -> None:
    with pytest.raises(ColumnNotFound) as caught:
        read("r.csv", b"texte;lieu\nbonjour;Nord\n", text="comment")
    assert "'texte', 'lieu'" in str(caught.value) and "r.csv" in str(caught.value)


def test_empty_file_and_header_only_are_explained() -> None:
    with pytest.raises(EmptyInput, match="empty"):
        read("r.csv", b"", text="t")
    with pytest.raises(EmptyInput, match="no data row"):
        read("r.csv", b"t\n", text="t")


def test_semicolon_csv_with_mixed_encodings_keeps_every_row() -> None:
    data = "texte;date\nÉclairage en panne;15/03/2024\n".encode() + \
        "Trottoir abîmé;2024-03-16\n".encode("cp1252") + b"\n;\n"
    result = read("r.csv", data, text="Texte", date="date")
    assert [r.text for r in result.reports] == ["Éclairage en panne", "Trottoir abîmé"]
    assert result.reports[0].day == date(2024, 3, 15)
    assert any("Windows-1252" in n for n in result.notices)


def test_plain_text_is_one_report_per_line_and_blank_lines_keep_their_row() -> None:
    result = read("r.txt", b"first\n\nthird\n", text="text")
    assert [(r.row, r.text) for r in result.reports] == [(0, "first"), (1, ""), (2, "third")]
    assert any("no text" in n for n in result.notices)


def test_a_huge_report_is_truncated_with_a_notice_and_kept() -> None:
    result = read("r.txt", b"x" * 100_000 + b"\nshort\n", text="text")
    assert len(result.reports[0].text) == MAX_REPORT_CHARS and result.reports[0].truncated
    assert any("truncated" in n for n in result.notices)
    assert result.rows == 2


def test_json_and_xlsx_are_read_with_their_columns() -> None:
    data = json.dumps([{"msg": "a", "when": 1499326236943}, {"msg": "b", "where": "Sud"}])
    result = read("r.json", data.encode(), text="msg", date="when")
    assert result.reports[0].day == date(2017, 7, 6) and result.reports[1].text == "b"
    book = Workbook()
    sheet = book.active
    sheet.append(["Remontée", "Quartier"])
    sheet.append(["Bruit la nuit", "Gare"])
    buffer = io.BytesIO()
    book.save(buffer)
    assert ingest.read_columns("r.xlsx", io.BytesIO(buffer.getvalue())) == ["Remontée", "Quartier"]
    rows = read("r.xlsx", buffer.getvalue(), text="remontée", place="Quartier").reports
    assert rows[0].text == "Bruit la nuit" and rows[0].place == "Gare"


def test_too_many_rows_are_refused_with_what_to_do() -> None:
    data = b"line\n" * 11
    with pytest.raises(TooManyReports, match="split the file") as caught:
        ingest.read_reports("r.txt", io.BytesIO(data), ColumnChoice("text"), max_reports=10)
    assert "r.txt" in str(caught.value) and "more than 10 data rows" in str(caught.value)
    assert ingest.read_reports("r.txt", io.BytesIO(data), ColumnChoice("text"),
                               max_reports=11).rows == 11


def test_the_truncation_length_is_a_parameter() -> None:
    result = ingest.read_reports("r.txt", io.BytesIO(b"x" * 500 + b"\n"), ColumnChoice("text"),
                                 max_report_chars=120)
    assert len(result.reports[0].text) == 120 and result.reports[0].truncated
    assert any("longer than 120 characters" in n for n in result.notices)


def test_dates_in_the_forms_people_use() -> None:
    assert ingest.parse_day("Thu Jul 06 00:30:36 PDT 2017") == date(2017, 7, 6)
    assert ingest.parse_day("2024-02-30") is None
    assert ingest.parse_day("1er mars") is None
