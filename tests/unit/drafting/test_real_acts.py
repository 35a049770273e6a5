"""Validators on the real acts of ../shared/data/actes-templates: they pass; mutated copies fail."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from communia.drafting.validators import validate_text

ACTS = Path("/work/shared/data/actes-templates")
BAN = ACTS / "ban-doc-adresse"
ARRETES = sorted((ACTS / "arretes-ministeriels-envinorma").glob("*.txt")) + sorted(
    BAN.glob("exemple-darrete-*.md"))
DELIBERATION = BAN / "exemple-de-deliberation-de-denomination-de-voie-1.md"
LETTERS = sorted(BAN.glob("exemple-de-courrier-*.md"))
pytestmark = pytest.mark.skipif(not ACTS.is_dir(), reason=f"real acts not present at {ACTS}")

APPEAL = ("Le présent arrêté peut faire l'objet d'un recours contentieux devant le tribunal "
          "administratif dans un délai de deux mois à compter de sa publication.")
TALLY = "\nMembres en exercice : 15\nPrésents : 11\nReprésentés : 2\n"


def _errors(kind: str, text: str, profile: str = "published") -> set[str]:
    report = validate_text(kind, text, profile)
    return {i.code for i in report.issues if i.severity == "error"}


@pytest.mark.parametrize("path", ARRETES, ids=lambda p: p.name[:40])
def test_real_arretes_pass_the_published_profile(path: Path) -> None:
    assert _errors("arrete", path.read_text(encoding="utf-8")) == set()


def test_real_deliberation_and_letters_pass() -> None:
    assert _errors("deliberation", DELIBERATION.read_text(encoding="utf-8")) == set()
    for letter in LETTERS:
        assert _errors("courrier", letter.read_text(encoding="utf-8")) == set(), letter.name


def test_guidance_page_is_not_taken_for_a_deliberation() -> None:
    text = (BAN / "generalites-sur-la-deliberation.md").read_text(encoding="utf-8")
    assert "deliberation.decision" in _errors("deliberation", text)


@pytest.mark.parametrize("path", ARRETES, ids=lambda p: p.name[:40])
def test_arrete_without_visas_fails(path: Path) -> None:
    text = re.sub(r"(?im)^\W{0,6}vu\b.*$", "", path.read_text(encoding="utf-8"))
    assert "arrete.visas" in _errors("arrete", text)


@pytest.mark.parametrize("path", ARRETES, ids=lambda p: p.name[:40])
def test_arrete_with_repeated_article_number_fails(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    mutated = re.sub(r"(?im)^(\W{0,6}article\s+)2\b", r"\g<1>1", text, count=1)
    assert mutated != text
    assert "articles.order" in _errors("arrete", mutated)


@pytest.mark.parametrize("path", ARRETES, ids=lambda p: p.name[:40])
def test_appeal_mention_with_wrong_delay_fails(path: Path) -> None:
    text = path.read_text(encoding="utf-8") + "\n" + APPEAL
    assert "appeal.delay" not in _errors("arrete", text)
    assert "appeal.delay" in _errors("arrete", text.replace("deux mois", "un mois"))


@pytest.mark.parametrize("path", ARRETES, ids=lambda p: p.name[:40])
def test_missing_appeal_mention_fails_for_an_act_communia_would_issue(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert "appeal.missing" in _errors("arrete", text, profile="draft")
    assert "appeal.missing" not in _errors("arrete", text + "\n" + APPEAL, profile="draft")


def test_deliberation_with_impossible_tally_fails() -> None:
    text = DELIBERATION.read_text(encoding="utf-8")
    good = text + TALLY + "Pour : 12\nContre : 1\nAbstentions : 0\n"
    bad = text + TALLY + "Pour : 12\nContre : 2\nAbstentions : 1\n"
    assert "deliberation.tally" not in _errors("deliberation", good)
    assert "deliberation.tally" in _errors("deliberation", bad)


def test_deliberation_with_more_present_than_in_office_fails() -> None:
    text = DELIBERATION.read_text(encoding="utf-8")
    bad = text + "\nMembres en exercice : 15\nPrésents : 16\nPour : 16\n"
    assert "deliberation.tally" in _errors("deliberation", bad)


def test_impossible_date_fails() -> None:
    path = ACTS / "arretes-ministeriels-envinorma" / "JORFTEXT000028931114.txt"
    text = path.read_text(encoding="utf-8").replace("1er janvier 2015", "31 février 2015")
    assert "date.impossible" in _errors("arrete", text)


def test_letter_between_administrations_with_politeness_formula_fails() -> None:
    letter = (BAN / "exemple-de-courrier-au-greffe-du-tribunal-de-commerce.md").read_text(
        encoding="utf-8")
    facts = {"destinataire": {"type": "administration"}}
    report = validate_text("courrier", letter, "published", facts=facts)
    assert not report.passed
    assert any(i.code == "letter.politeness" for i in report.issues)
