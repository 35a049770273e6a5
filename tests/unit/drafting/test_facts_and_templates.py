"""Facts → structure → deterministic document: complete, valid, nothing invented."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from communia.drafting import legal_refs, templates
from communia.drafting.model import (
    ContradictoryFacts,
    InvalidFacts,
    MissingFacts,
    canonical_kind,
    facts_text,
    parse_facts,
)
from communia.drafting.validators import validate_text
from communia.errors import InvalidInput

DATA = Path(__file__).parents[3] / "benchmarks" / "data" / "drafting"
FACT_SETS = sorted(DATA.glob("*.yaml"))


def _load(name: str) -> dict[str, object]:
    return dict(yaml.safe_load((DATA / name).read_text(encoding="utf-8")))


def _draft(kind: str, facts: dict[str, object]) -> tuple[str, object]:
    document = templates.build(kind, parse_facts(kind, facts))
    keys = legal_refs.grounded_keys([facts_text(facts)])
    return document.text, validate_text(kind, document.text, "draft", keys, facts)


def test_thirty_benchmark_fact_sets_are_there() -> None:
    kinds = [p.name.split("_")[0] for p in FACT_SETS]
    assert (kinds.count("arrete"), kinds.count("deliberation"), kinds.count("courrier")) == \
        (10, 10, 10)


@pytest.mark.parametrize("path", FACT_SETS, ids=lambda p: p.stem)
def test_template_document_passes_every_validator(path: Path) -> None:
    kind = path.name.split("_")[0]
    text, report = _draft(kind, _load(path.name))
    assert report.passed, report.issues  # type: ignore[attr-defined]
    assert report.unknown_references == []  # type: ignore[attr-defined]


def test_arrete_has_every_part_in_order() -> None:
    text, _ = _draft("arrete", _load("arrete_01.yaml"))
    order = ["ARRÊTÉ N°", "VU ", "CONSIDÉRANT", "\nARRÊTE\n", "Article 1 –", "deux mois",
             "Télérecours", "de l'exécution du présent arrêté", "Fait à"]
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions)


def test_missing_facts_are_named() -> None:
    facts = _load("arrete_02.yaml")
    del facts["visas"]
    del facts["date"]
    with pytest.raises(MissingFacts) as caught:
        parse_facts("arrete", facts)
    assert caught.value.names == ["visas", "date"]
    assert "'visas'" in str(caught.value) and "'date'" in str(caught.value)


def test_more_votes_than_members_is_reported() -> None:
    facts = _load("deliberation_01.yaml")
    facts["vote"] = {"pour": 20, "contre": 2, "abstentions": 1}  # 23 > 19 + 3
    with pytest.raises(ContradictoryFacts) as caught:
        parse_facts("deliberation", facts)
    assert any("exceed" in p for p in caught.value.problems)


def test_more_present_than_in_office_and_late_convocation_are_reported() -> None:
    facts = _load("deliberation_02.yaml")
    facts["membres"] = {"en_exercice": 19, "presents": 21, "representes": 0}
    facts["seance"] = {**facts["seance"], "convocation": "2026-04-01"}  # type: ignore[dict-item]
    with pytest.raises(ContradictoryFacts) as caught:
        parse_facts("deliberation", facts)
    text = " ".join(caught.value.problems)
    assert "only 19 in office" in text and "after the session" in text


def test_quorum_is_required_unless_second_convocation() -> None:
    facts = _load("deliberation_08.yaml")  # 14 present of 33, second convocation
    parse_facts("deliberation", facts)
    facts["seance"] = {k: v for k, v in facts["seance"].items()  # type: ignore[union-attr]
                       if k != "seconde_convocation"}
    with pytest.raises(ContradictoryFacts, match="Quorum"):
        parse_facts("deliberation", facts)


def test_impossible_date_in_facts_is_refused() -> None:
    facts = _load("courrier_01.yaml")
    facts["date"] = "2026-02-30"
    with pytest.raises(InvalidFacts, match="not a real date"):
        parse_facts("courrier", facts)


def test_a_refused_count_adds_no_contradiction_computed_from_it() -> None:
    facts = _load("deliberation_01.yaml")
    facts["membres"]["en_exercice"] = "-5"
    with pytest.raises(InvalidFacts) as caught:
        parse_facts("deliberation", facts)
    assert caught.value.problems == [
        "'membres.en_exercice' must be a whole number ≥ 0, got '-5'."]


def test_letter_to_another_administration_has_no_politeness_formula() -> None:
    text, report = _draft("courrier", _load("courrier_04.yaml"))
    assert report.passed  # type: ignore[attr-defined]
    assert "agréer" not in text and "salutations" not in text
    citizen, _ = _draft("courrier", _load("courrier_01.yaml"))
    assert "Je vous prie d'agréer, Madame, l'expression" in citizen


@pytest.mark.parametrize("recipient", ["particulier", "entreprise", "elu"])
def test_a_letter_without_a_salutation_says_madame_monsieur(recipient: str) -> None:
    # The form marks the salutation optional; it used to be refused as a missing fact.
    facts = _load("courrier_01.yaml")
    facts["destinataire"] = {**facts["destinataire"], "type": recipient}  # type: ignore[dict-item]
    del facts["destinataire"]["appel"]  # type: ignore[attr-defined]
    text, report = _draft("courrier", facts)
    assert report.passed  # type: ignore[attr-defined]
    assert "\nMadame, Monsieur,\n" in text
    assert "Je vous prie d'agréer, Madame, Monsieur, l'" in text


def test_note_is_impersonal_and_first_person_fails() -> None:
    facts = {"destinataire": "Monsieur le Directeur général des services",
             "emetteur": "Service des finances", "date": "2026-03-03",
             "objet": "Renégociation de l'emprunt de 2012",
             "contexte": ["L'emprunt de 2012 court jusqu'en 2032 au taux fixe de 4,2 %"],
             "analyse": ["Un refinancement à 3,1 % réduirait les intérêts"],
             "proposition": ["Consulter trois établissements bancaires"]}
    text, report = _draft("note", facts)
    assert report.passed  # type: ignore[attr-defined]
    bad = validate_text("note", text.replace("Consulter", "Je propose de consulter"))
    assert any(i.code == "note.impersonal" for i in bad.issues)


def test_briefing_and_instruction_sheet_are_complete() -> None:
    briefing = {"destinataire": "Madame la Maire", "date": "2026-03-04",
                "objet": "Fréquentation de la médiathèque", "faits_cles": ["12 400 entrées"],
                "enjeux": ["Horaires"], "options": ["Ouvrir le dimanche", "Statu quo"],
                "points_attention": ["Coût en personnel"]}
    sheet = {"objet": "Signalement d'un dépôt sauvage", "date": "2026-03-04",
             "objectif": "Faire enlever rapidement un dépôt sauvage",
             "etapes": ["Photographier", "Signaler au service propreté"],
             "contacts": ["Service propreté : 03 20 00 00 00"],
             "en_cas_de": ["Produits dangereux : ne pas toucher, appeler le 18"]}
    for kind, facts in (("briefing", briefing), ("instruction", sheet)):
        _, report = _draft(kind, facts)
        assert report.passed, report.issues  # type: ignore[attr-defined]


def test_kind_aliases_and_unknown_kind() -> None:
    assert canonical_kind("letter") == "courrier"
    assert canonical_kind("order") == "arrete"
    assert canonical_kind("instruction-sheet") == "instruction"
    with pytest.raises(InvalidInput, match="courrier, note, arrete"):
        canonical_kind("poem")
