"""Model-written theme labels: used when distinct, never two themes with one name."""

from __future__ import annotations

from communia.feedback.model import Theme
from communia.feedback.themes import _label


def _themes() -> list[Theme]:
    return [Theme("t1", "rent · landlords · deposit", ["rent", "landlords", "deposit"]),
            Theme("t2", "council · homes · build", ["council", "homes", "build"]),
            Theme("t3", "wage · tips · owners", ["wage", "tips", "owners"])]


def test_a_label_the_model_already_gave_keeps_the_keyword_label() -> None:
    answers = iter(["Affordable housing", "affordable housing ", "Minimum wage"])
    themes = _themes()
    _label(themes, lambda keywords, quotes: next(answers), lambda step, share: None)
    assert [t.label for t in themes] == ["Affordable housing", "council · homes · build",
                                         "Minimum wage"]


def test_no_answer_keeps_the_keyword_label() -> None:
    themes = _themes()
    _label(themes, lambda keywords, quotes: None, lambda step, share: None)
    assert [t.label for t in themes] == [t.label for t in _themes()]
