"""What planning tells people reads in French in the browser, with the form's labels."""

from __future__ import annotations

import io
import re

import pytest

from communia.errors import InvalidInput
from communia.planning import texts
from communia.planning.forecast import (
    ForecastOptions,
    check_history,
    check_options,
    forecast,
    option_problems,
)
from communia.planning.ingest import ImportOptions, read_events
from communia.planning.model import EventCounts, HistoryTooShort
from communia.web.i18n import gettext_for
from tests.planning_support import synthetic_csv

FRENCH = gettext_for("fr")
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def french(sentence: str) -> texts.Said:
    return texts.say(sentence, FRENCH, french=True)


@pytest.mark.parametrize("text", texts.every(), ids=lambda t: t.wording[:40])
def test_every_sentence_has_a_french_wording_with_the_same_values(text: texts.Text) -> None:
    translated = FRENCH(text.wording)
    assert translated != text.wording
    assert set(PLACEHOLDER.findall(translated)) == set(PLACEHOLDER.findall(text.wording))
    assert "--" not in text.wording  # the browser names fields, never CLI flags


def _log(**columns: str) -> EventCounts:
    """Two weeks of events with a name column and a place column found by its name."""
    rows = synthetic_csv(2).decode().splitlines()
    lines = [rows[0] + ";nom"] + [f"{row};Jean Martin" for row in rows[1:]]
    lines.insert(3, "pas une date;Centre;appel usager;Paul Durand")
    return read_events("log.csv", io.BytesIO("\n".join(lines).encode()),
                       ImportOptions("horodatage", **columns))


def test_what_an_import_and_a_forecast_say_reads_in_french() -> None:
    counts = _log()
    result = forecast(counts, ForecastOptions(horizon_weeks=1))
    sentences = [counts.zone_rule, *counts.notices, *result.notices]
    assert len(sentences) >= 5

    shown = [french(sentence).message for sentence in sentences]

    assert shown[0] == "chaque valeur de la colonne du lieu est une zone (3)"
    assert ("Le lieu a été lu dans la colonne « lieu » (reconnue à son nom ; pour en utiliser "
            "une autre, importez à nouveau le journal en remplissant « Colonne du lieu »)."
            ) in shown
    assert ("1 enregistrement(s) avaient un horodatage illisible et ont été écartés "
            "(enregistrements 4 ; l'en-tête est l'enregistrement 1).") in shown
    assert any(s.startswith("Les colonnes nom ressemblent à des données personnelles")
               for s in shown)
    assert ("Seulement 2,0 semaines d'historique : la prévision est peu fiable ; il faut 4 "
            "semaines ou plus pour une évaluation rétrospective significative.") in shown
    assert all(texts.parse(sentence) is not None for sentence in sentences), sentences


def test_a_sentence_inside_a_sentence_and_the_longer_reading_win() -> None:
    rule = texts.RULE_GRID(low=48.81234, high=48.9, middle=2.35)
    unlocated = french(texts.UNLOCATED(count=4, rule=rule)).message
    more = french(texts.SKIPPED_RECORDS_MORE(count=40, rows="2, 3")).message

    assert unlocated == ("4 événement(s) n'avaient pas de lieu utilisable et ont été écartés "
                         "(coordonnées sur une grille de 3 × 2 cases égales : latitude coupée à "
                         "48,8123 et 48,9000, longitude à 2,3500).")
    assert "(enregistrements 2, 3 et d'autres ;" in more


def test_why_no_plan_fits_names_the_rules_in_french() -> None:
    reason = texts.RULE_MAKES_INFEASIBLE_OR(
        rule="evening shifts worked in pairs",
        others="'mediators' availability', 'maximum hours per week'")

    assert french(reason).message.startswith(
        "Aucun planning ne respecte toutes les règles, mais il en existe un sans la règle "
        "« créneaux du soir en binôme » (lever plutôt « disponibilités des médiateurs », "
        "« durée maximale par semaine » conviendrait aussi) :")


def test_a_refusal_names_the_form_field_it_is_about() -> None:
    said = french(texts.NO_PLACE_COLUMN(name="log.csv", wanted="quartier",
                                        columns="quand, lieu"))
    assert said.field == "place_column"
    assert said.message == ("log.csv n'a pas de colonne « quartier ». Dans « Colonne du lieu », "
                            "saisissez l'une de ses colonnes (quand, lieu), ou laissez-la vide.")
    assert french("A sentence from elsewhere.") == texts.Said("A sentence from elsewhere.")


def test_forecast_settings_are_checked_all_at_once_with_the_cli_flags() -> None:
    problems = option_problems(ForecastOptions(horizon_weeks=9, holidays="XX", school_zone="D"))

    assert problems == [
        "--horizon-weeks must be between 1 and 8; got 9.",
        "--holidays: no public-holiday calendar for the country code 'XX'; use a code such as "
        "FR, or an empty value for none.",
        "--school-zone must be A, B or C (or empty); got 'D'."]
    assert [french(p).field for p in problems] == ["horizon_weeks", "holidays", "school_zone"]
    assert option_problems(ForecastOptions(horizon_weeks=8, holidays="", school_zone="B")) == []
    with pytest.raises(InvalidInput, match="--school-zone"):
        check_options(ForecastOptions(school_zone="Z"))


def test_a_log_of_less_than_a_week_is_refused_naming_the_file() -> None:
    counts = read_events("court.csv", io.BytesIO(
        b"q;lieu\n17/03/2025 10:00;A\n18/03/2025 10:00;A\n19/03/2025 22:00;B\n"),
        ImportOptions("q", "lieu"))
    with pytest.raises(HistoryTooShort) as caught:
        check_history(counts, "court.csv")
    assert str(caught.value).startswith("court.csv: only 3 day(s) of events;")
    check_history(_log(place_column="lieu"), "log.csv")  # two weeks: accepted
