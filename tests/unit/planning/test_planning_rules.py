"""Person-like checks, team.yaml validation and the JSON shapes of forecasts and plans."""

from __future__ import annotations

import pytest

from communia.planning.model import (
    Backtest,
    EventCounts,
    ForecastResult,
    ForecastRow,
    person_like,
    personal_column,
    values_look_personal,
)
from communia.planning.team import TeamInvalid, parse_team


@pytest.mark.parametrize("value", ["M. Dupont", "Jean Martin", "06 12 34 56 78",
                                   "+33 6 12 34 56 78", "jean.martin@example.org",
                                   "Madame Claire Dubois"])
def test_person_like_values_are_recognised(value: str) -> None:
    assert person_like(value)


@pytest.mark.parametrize("value", ["Centre", "Quartier Nord", "2200 SHATTUCK AVE",
                                   "Rue des Tilleuls", "Saint Michel", "Les Tilleuls",
                                   "18022300", "09/06/2018 03:30:12 AM", "Zone 3"])
def test_places_and_ids_are_not_person_like(value: str) -> None:
    assert not person_like(value)


def test_a_column_of_names_looks_personal_but_a_column_of_districts_does_not() -> None:
    assert values_look_personal(["Jean Martin", "Claire Dubois", "Ali Ben Salah", "Centre"])
    assert not values_look_personal(["Centre", "Gare", "Quartier Nord", "Les Tilleuls"])


@pytest.mark.parametrize("name", ["Nom", "telephone", "Description", "nom_victime", "E-mail"])
def test_personal_column_names_are_flagged(name: str) -> None:
    assert personal_column(name)


@pytest.mark.parametrize("name", ["horodatage", "lieu", "zone", "CVLEGEND", "source"])
def test_ordinary_column_names_are_not_flagged(name: str) -> None:
    assert not personal_column(name)


def test_team_groups_expand_into_labelled_mediators() -> None:
    team = parse_team({"mediators": [{"id": "N", "count": 3, "team": "Nord",
                                      "available_days": ["lun", "tue"]}]})
    assert [m.id for m in team.mediators] == ["N01", "N02", "N03"]
    assert team.mediators[0].available_weekdays == frozenset({0, 1})
    assert [s.name for s in team.shifts] == ["morning", "afternoon", "evening"]
    assert team.shifts[2].evening and not team.shifts[0].evening


@pytest.mark.parametrize("data, fragment", [
    ({}, "mediators"),
    ({"mediators": [{"count": 2}]}, "entry 1 needs an 'id'"),
    ({"mediators": [{"id": "A", "contract_hours": "lots"}]}, "contract_hours"),
    ({"mediators": [{"id": "A", "available_days": ["someday"]}]}, "someday"),
    ({"mediators": [{"id": "A"}], "shifts": [{"name": "x", "start": "8h", "end": "12:00"}]},
     "shifts entry 1 start"),
    ({"mediators": [{"id": "A"}], "rules": {"max_hours_month": 3}}, "max_hours_month"),
    ({"mediators": [{"id": "A"}, {"id": "A"}]}, "unique"),
])
def test_team_mistakes_are_named(data: dict[str, object], fragment: str) -> None:
    with pytest.raises(TeamInvalid) as caught:
        parse_team(data)
    assert fragment in str(caught.value)


def test_counts_and_forecast_survive_a_json_round_trip() -> None:
    counts = EventCounts(["A", "B"], "Europe/Paris", {(0, 10): 2, (1, 11): 1}, 3, 10, 11,
                         [5], 1, ["n"], 1, "rule")
    assert EventCounts.from_json(counts.to_json()) == counts
    result = ForecastResult(["A"], "poisson-glm", Backtest(0.8, 0.95, 4, 336),
                            [ForecastRow("A", "2025-01-06T00:00:00+01:00", 0.5, 0.0, 2.0)],
                            "Europe/Paris", 10.0, True, ["n"])
    data = result.to_json()
    assert set(data) >= {"zones", "model", "backtest", "forecast"}
    assert set(data["backtest"]) >= {"mase_model", "mase_baseline"}
    assert set(data["forecast"][0]) == {"zone", "start", "mean", "low", "high"}
    again = ForecastResult.from_json(data)
    assert again.rows == result.rows and again.backtest.mase_model == 0.8
