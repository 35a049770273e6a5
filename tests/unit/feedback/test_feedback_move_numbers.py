"""Reports are moved by the numbers the pages show: 1 is the first report under the header."""

from __future__ import annotations

import pytest

from communia.errors import InvalidInput
from communia.feedback.loop import rows_from_numbers


def test_numbers_shown_from_one_become_rows_from_zero() -> None:
    assert rows_from_numbers("1, 3", [], 10) == [0, 2]
    assert rows_from_numbers("10", [], 10) == [9]


def test_ticked_and_typed_numbers_ranges_and_separators_are_combined() -> None:
    assert rows_from_numbers("3; 7 9, 12-14", ["1", "3"], 20) == [0, 2, 6, 8, 11, 12, 13]
    assert rows_from_numbers("4 – 6", [], 20) == [3, 4, 5]  # an en dash, as word processors type


def test_numbers_outside_the_synthesis_are_all_named_with_the_range() -> None:
    with pytest.raises(InvalidInput) as caught:
        rows_from_numbers("0, 5, 11", [], 10)
    assert str(caught.value) == ("No report has the number(s) 0, 11: the reports of this "
                                 "synthesis are numbered 1 to 10.")
    with pytest.raises(InvalidInput, match=r"number\(s\) 12: .* 1 to 10"):
        rows_from_numbers("8-12", [], 10)


def test_a_value_that_is_not_a_number_is_quoted_back() -> None:
    with pytest.raises(InvalidInput, match="^'3a' is not a report number"):
        rows_from_numbers("1, 3a", [], 10)
    with pytest.raises(InvalidInput, match="^'x' is not a report number"):
        rows_from_numbers("", ["x"], 10)


def test_a_backwards_range_and_an_empty_choice_say_what_to_do() -> None:
    with pytest.raises(InvalidInput, match="^The range '9-4' goes backwards"):
        rows_from_numbers("9-4", [], 10)
    with pytest.raises(InvalidInput, match="^Tick the reports to move"):
        rows_from_numbers(" , ", [], 10)
