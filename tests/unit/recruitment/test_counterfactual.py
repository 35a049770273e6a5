"""Counterfactual swaps (name, sex, age, address) leave every score unchanged."""

from __future__ import annotations

from functools import lru_cache

import pytest
from benchmarks.generators.applications import generate_applications

from communia.recruitment.fairness import SWAPS, counterfactual, selection_rates, swap
from tests.unit.recruitment.factories import CV_FR, score_of


@lru_cache(maxsize=1)
def _generated() -> list:  # type: ignore[type-arg]
    return generate_applications(12, seed=11)


def test_swaps_change_the_text() -> None:
    names, places = ["Inès Marchand"], ["12 rue des Acacias, 69003 Lyon"]
    for kind in SWAPS:
        assert swap(kind, CV_FR, names, places) != CV_FR, kind


def test_swaps_leave_the_score_of_a_rich_cv_unchanged() -> None:
    check = counterfactual("C1", [CV_FR], score_of, ["Inès Marchand"],
                           ["12 rue des Acacias, 69003 Lyon"])
    assert check.score > 0
    assert check.max_change == 0


@pytest.mark.parametrize("index", range(12))
def test_swaps_leave_generated_applications_unchanged(index: int) -> None:
    app = _generated()[index]
    name = app.texts[0].splitlines()[0]
    address = app.texts[0].splitlines()[3]
    check = counterfactual(app.key, app.texts, score_of, [name], [address])
    assert check.max_change == 0, check.swapped


def test_selection_rates_apply_four_fifths_and_hide_small_groups() -> None:
    rows = [("A", True)] * 6 + [("A", False)] * 4 + [("B", True)] * 2 + [("B", False)] * 6 \
        + [("C", True)] * 3
    rates = {r.group: r for r in selection_rates(rows, minimum=5)}
    assert rates["A"].rate == 0.6 and rates["A"].impact_ratio == 1.0
    assert rates["B"].below_four_fifths and rates["B"].impact_ratio == pytest.approx(0.417, 0.01)
    assert not rates["C"].reported and rates["C"].rate is None
