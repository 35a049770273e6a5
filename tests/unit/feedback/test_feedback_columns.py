"""The column picker pre-selects the columns a person would pick, from names and contents."""

from __future__ import annotations

import io
import json
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from communia.feedback import ingest
from communia.feedback.columns import suggest
from communia.feedback.ingest import ColumnChoice

POLIS = Path("/work/shared/data/feedback-polis")
DEV = Path(__file__).parents[3] / "benchmarks" / "data" / "feedback" / "dev.csv"


def suggested(name: str, data: bytes) -> ColumnChoice:
    return suggest(ingest.preview(name, io.BytesIO(data)))


@pytest.mark.skipif(not POLIS.is_dir(), reason=f"Polis comments not present at {POLIS}")
@pytest.mark.parametrize("conversation",
                         sorted(p.parent.name for p in POLIS.glob("*/comments.csv")))
def test_real_polis_exports_get_the_comment_body_and_its_date(conversation: str) -> None:
    # timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body:
    # "comment-id" also says "comment" but holds numbers, so the body is the text.
    data = (POLIS / conversation / "comments.csv").read_bytes()
    assert suggested("comments.csv", data) == ColumnChoice("comment-body", "datetime")


def test_the_benchmark_file_gets_its_text_and_epoch_timestamp() -> None:
    data = DEV.read_bytes()  # conversation,comment_id,timestamp,text,theme
    assert suggested("dev.csv", data) == ColumnChoice("text", "timestamp")


def test_french_names_with_accents_case_and_plurals_are_recognised() -> None:
    data = ("N° fiche;DATE DE LA REMONTÉE;Quartiers;Commentaire de l'agent;Canal\n"
            "101;15/03/2024;Gare;Éclairage en panne rue Victor Hugo depuis une semaine;Appel\n"
            "102;16/03/2024;Nord;Dépôt sauvage devant l'école, les parents se plaignent;Mail\n"
            ).encode()
    assert suggested("r.csv", data) == ColumnChoice(
        "Commentaire de l'agent", "DATE DE LA REMONTÉE", "Quartiers", "Canal")


@pytest.mark.parametrize(("header", "role"), [
    ("texte", "text"), ("Text", "text"), ("commentaire", "text"), ("COMMENT", "text"),
    ("Description", "text"), ("message", "text"), ("Remontée", "text"),
    ("date", "date"), ("created", "date"), ("createdAt", "date"),
    ("zone", "place"), ("Quartier", "place"), ("lieu", "place"), ("Location", "place"),
    ("source", "source"),
])
def test_each_usual_name_is_picked_for_its_role(header: str, role: str) -> None:
    value = {"text": "Les poubelles débordent encore près du marché couvert",
             "date": "2024-03-15", "place": "Centre-ville", "source": "Téléphone"}[role]
    other = "Bruit tard le soir, les voisins ne dorment plus" if role != "text" else "Nord"
    other_name = "Observation" if role != "text" else "Secteur"
    data = f"{header},{other_name}\n{value},{other}\n{value},{other}\n".encode()
    chosen = suggested("r.csv", data)
    assert getattr(chosen, role) == header


def test_without_a_telling_name_the_text_is_the_column_with_the_longest_texts() -> None:
    data = ("id,col_a,col_b,col_c\n"
            "1,Nord,Le lampadaire de la place est cassé depuis dix jours,oui\n"
            "2,Sud,Des jeunes se plaignent du manque de terrains de sport,non\n").encode()
    assert suggested("r.csv", data) == ColumnChoice("col_b")


def test_a_named_column_whose_values_do_not_fit_is_not_suggested() -> None:
    # "Jour" holds weekdays, not dates; "Lieu" holds long sentences, not places.
    long = "x " * 60
    data = (f"Jour,Lieu,Texte\nlundi,{long},Bruit\nmardi,{long},Odeurs\n").encode()
    chosen = suggested("r.csv", data)
    assert chosen.text == "Texte" and chosen.date == "" and chosen.place == ""


def test_xlsx_dates_and_json_keys_are_suggested_too() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Lieu", "Horodatage", "Message"])
    sheet.append(["Gare", datetime(2024, 3, 15, 9, 30), "Un banc est cassé près du quai"])
    buffer = io.BytesIO()
    book.save(buffer)
    assert suggested("r.xlsx", buffer.getvalue()) == ColumnChoice(
        "Message", "Horodatage", "Lieu")
    data = json.dumps([{"created_at": 1499326236943, "body": "Trop de trottinettes sur le "
                        "trottoir", "location": "Centre"}]).encode()
    assert suggested("r.json", data) == ColumnChoice("body", "created_at", "location")


def test_plain_text_has_one_column_which_is_the_text() -> None:
    assert suggested("r.txt", b"\nfirst report\nsecond\n") == ColumnChoice("text")
