"""A rule's hint only skips scans that could find nothing: results are the same without it."""

from __future__ import annotations

import dataclasses
import re

import pytest
from benchmarks.generators import generate_documents

from communia.governance.privacy import phones
from communia.governance.privacy.engine import RULES
from communia.governance.privacy.normalise import normalise
from communia.governance.privacy.rules import apply_rule

EDGE_CASES = [
    "Écrire à jean.dupont @ mairie-rennes.fr ou à info@ville.fr.",
    "Profil : linkedin.com/in/claire-moreau ; site https://ville.fr/users/cmoreau",
    "Claire, née le 3 mars 1980 à Rennes ; b. 12/04/1975 ; DOB: 1975-04-12; born March 3, 1980",
    "n\u00e9e le 1er janvier 1990, date de naissance : 02.03.1988, anniversaire 4 mai 1970",
    "Tél. 06 45 12 78 90, +33 (0)1 23 45 67 89, 0033 6 12 34 56 78, poste 1234",
    "Call +44 20 7946 0532 ext. 1234 or 020 7946 0958; (555) 123-4567 extension 89",
    "Réf. 2017-79738, dossier 12, salle 3, le 4 mai : rien à masquer ici.",
]


def _texts() -> list[str]:
    generated = [doc.text for doc in generate_documents(60, seed=11)]
    return [normalise(text).text for text in [*EDGE_CASES, *generated]]


def test_the_generated_texts_exercise_the_hinted_rules() -> None:
    hinted = [rule for rules in RULES.values() for rule in rules if rule.hint is not None]
    assert len(hinted) >= 5
    fired = {id(rule) for rule in hinted for text in _texts() if apply_rule(text, rule)}
    assert fired == {id(rule) for rule in hinted}, "every hinted rule finds something"


@pytest.mark.parametrize("label", sorted(RULES))
def test_hints_change_no_result(label: str) -> None:
    for rule in RULES[label]:
        unhinted = dataclasses.replace(rule, hint=None)
        for text in _texts():
            assert apply_rule(text, rule) == apply_rule(text, unhinted), text[:80]


def test_the_phone_digit_run_skips_no_number(monkeypatch: pytest.MonkeyPatch) -> None:
    cases = [(text, lang) for text in _texts() for lang in ("fr", "en")]
    hinted = [phones.find_phones(text, lang) for text, lang in cases]
    monkeypatch.setattr(phones, "_DIGIT_RUN", re.compile(""))  # every text goes to the matcher
    assert [phones.find_phones(text, lang) for text, lang in cases] == hinted
    assert sum(bool(found) for found in hinted) >= 10


def test_a_text_without_digit_runs_skips_the_phone_matcher() -> None:
    assert phones._DIGIT_RUN.search("le 3 mars, salle 12, [TELEPHONE_1] et [EMAIL_2]") is None
    assert phones._DIGIT_RUN.search("06 45 12 78 90") is not None
