"""Drafting's sentences for people: English for the CLI (facts by key), the reader's
language on the web (facts by label), and a French translation for every one of them."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po

from communia.drafting import forms, prose, validators
from communia.drafting.messages import Fact, Message
from communia.drafting.model import InvalidFacts, parse_facts
from communia.web.i18n import LOCALES, translations
from communia.web.routes import drafting as pages

SRC = Path(pages.__file__).parents[2]
DATA = SRC.parents[1] / "benchmarks" / "data" / "drafting"
DRAFTING_PO = LOCALES / "fr" / "LC_MESSAGES" / "drafting.po"
FRENCH = {"'{fact}' is not a real date ({value}); use YYYY-MM-DD.":
          "« {fact} » n'est pas une date réelle ({value}) : utilisez le format AAAA-MM-JJ.",
          "it dropped {facts}": "il omettait {facts}",
          "Section '{section}': the model's prose was refused because {why}; the template's "
          "wording is kept.": "Partie « {section} » : refusée car {why}.",
          "considérants": "considérants", "{chars} characters": "{chars} caractères"}


def _french(text: str) -> str:
    return FRENCH.get(text, text)


def _label(name: str) -> str:
    return {"seance.date": "Date de la séance"}.get(name, name)


def _french_number(value: int) -> str:
    return f"{value:,}".replace(",", "\u202f")


def test_the_cli_reads_english_naming_the_fact_by_its_key() -> None:
    facts = yaml.safe_load((DATA / "deliberation_01.yaml").read_text(encoding="utf-8"))
    facts["seance"]["date"] = "2026-02-30"
    with pytest.raises(InvalidFacts) as caught:
        parse_facts("deliberation", facts)
    assert "'seance.date' is not a real date (2026-02-30); use YYYY-MM-DD." in str(caught.value)


def test_the_web_reads_the_readers_language_naming_the_fact_by_its_label() -> None:
    message = Message("'{fact}' is not a real date ({value}); use YYYY-MM-DD.",
                      {"fact": Fact("seance.date"), "value": "2026-02-30"})
    assert message.translate(_french, _label, _french_number) == (
        "« Date de la séance » n'est pas une date réelle (2026-02-30) : utilisez le format "
        "AAAA-MM-JJ.")


def test_parts_of_a_sentence_and_numbers_are_said_the_readers_way() -> None:
    message = Message("Section '{section}': the model's prose was refused because {why}; the "
                      "template's wording is kept.",
                      {"section": Message("considérants"),
                       "why": Message("it dropped {facts}", {"facts": "12 400"})})
    assert message.translate(_french, _label, _french_number) == (
        "Partie « considérants » : refusée car il omettait 12 400.")
    count = Message("{chars} characters", {"chars": 12_345})
    assert str(count) == "12,345 characters"
    assert count.translate(_french, _label, _french_number) == "12\u202f345 caractères"


def test_a_stored_note_reads_back_the_same_and_older_plain_notes_still_show() -> None:
    note = Message("Section '{section}': the model's prose was refused because {why}; the "
                   "template's wording is kept.",
                   {"section": Message("considérants"),
                    "why": Message("it dropped {facts}", {"facts": "L. 2212-2"}),
                    "fact": Fact("visas"), "count": 3})
    assert Message.from_json(note.to_json()) == note
    older = Message.from_json("Key facts were extracted {verbatim}.")
    assert str(older) == "Key facts were extracted {verbatim}."  # braces of old text kept


def test_check_codes_stay_stable_while_their_sentences_are_translatable() -> None:
    report = validators.validate_text("courrier", "Bonjour.\nRendez-vous le 31/02/2026.\n")
    by_code = {i.code: i for i in report.issues}
    assert by_code["date.impossible"].message == "The date '31/02/2026' does not exist."
    assert by_code["date.impossible"].said.text == "The date '{date}' does not exist."
    assert report.to_dict()["issues"][0].keys() == {"code", "severity", "message"}


def _constant(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) \
        else None


def _english_sentences() -> set[str]:
    """Every sentence drafting shows to people: messages and checks in the package, the
    drafting pages' own sentences, form labels and choices, and the templates' texts."""
    found: set[str] = set()
    sources = sorted((SRC / "drafting").glob("*.py")) + [Path(pages.__file__)]
    for path in sources:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            position = {"Message": 0, "_": 0, "_page": 2, "_error": 2}.get(str(name))
            if name in ("need", "add") and isinstance(node.func, ast.Attribute) \
                    and getattr(node.func.value, "id", "") == "report":
                position = 2
            if position is not None and len(node.args) > position:
                text = _constant(node.args[position])
                if text:
                    found.add(text)
    found |= {f.label for fields in forms.FIELDS.values() for f in fields}
    found |= set(forms.CHOICE_LABELS.values()) | set(prose.SECTION_NAMES.values())
    found |= set(pages.UNREADABLE.values()) | {pages.UNREADABLE_OTHER}
    for template in (SRC / "web" / "templates" / "drafting").glob("*.html"):
        found |= {m[1] for m in re.findall(r"""_\(\s*(["'])(.+?)\1\s*\)""",
                                           template.read_text(encoding="utf-8"))}
    return found


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_sentence_has_a_french_translation_with_the_same_placeholders() -> None:
    sentences = _english_sentences()
    assert len(sentences) > 150  # the collection found the checks, notes and pages
    assert "The part '{part}' is missing." in sentences  # a check
    assert "to fill in" in sentences  # a template text
    catalog = translations("fr")
    known: dict[object, str] = getattr(catalog, "_catalog", {})
    assert sorted(s for s in sentences if not known.get(s)) == []
    mismatched = sorted(s for s in sentences if _fields(catalog.gettext(s)) != _fields(s))
    assert mismatched == []


def test_no_other_catalog_overrides_a_drafting_translation() -> None:
    """Catalogs are merged: the same English in another capability's catalog must not turn
    a drafting label into another meaning (the note's "To"/"From" once read "Au"/"Du")."""
    catalog = translations("fr")
    with DRAFTING_PO.open("rb") as handle:
        ours = {m.id: m.string for m in read_po(handle) if m.id}
    overridden = {k: catalog.gettext(k) for k, v in ours.items() if catalog.gettext(k) != v}
    assert overridden == {}
