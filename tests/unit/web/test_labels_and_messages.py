"""What people read instead of internal values and English service messages: every stored
value has a label in both languages, a service message made from a catalog template is
translated with its values put back, and a form field is named by its visible label."""

from __future__ import annotations

import dataclasses

import pytest

from communia.governance import events, register
from communia.governance.console import model
from communia.web.templating import field_label, translated

GROUPS = {
    "risk_level": model.RISK_LEVELS,
    "assessment": model.ASSESSMENT_STATUSES,
    "use_case_status": register.STATUSES,
    "document_kind": model.DOCUMENT_KINDS,
    "opinion": model.OPINIONS,
    "condition_status": model.CONDITION_STATUSES,
    "journal_kind": tuple(cls.kind for cls in vars(events).values()
                          if isinstance(cls, type) and dataclasses.is_dataclass(cls)
                          and issubclass(cls, events.Event) and cls is not events.Event),
}


@pytest.mark.parametrize("group", sorted(GROUPS))
def test_every_stored_value_has_a_french_and_an_english_label(group: str) -> None:
    for value in GROUPS[group]:
        french = model.value_label(group, value, "fr")
        english = model.value_label(group, value, "en")
        assert value in model.VALUE_LABELS[group], (group, value)  # written, not guessed
        assert value not in (french, english) and "_" not in french + english, (group, value)


def test_a_value_without_a_label_is_shown_in_words() -> None:
    assert model.value_label("journal_kind", "jobs.cancelled", "en") == "Jobs cancelled"
    assert model.value_label("assessment", "not_required", "en") == "Not required"
    assert model.value_label("assessment", "required", "fr") == "Requise, à faire"


def test_a_service_message_is_translated_from_its_template_with_its_values() -> None:
    english = "'bob' is not the DPO or an administrator; only they change the register."
    assert translated("fr", english) == (
        "« bob » n'est ni le DPO ni un administrateur ; eux seuls modifient le registre.")
    assert translated("en", english) == english
    blockers = ("The use case 'recruitment' cannot be approved: the DPIA is required but not "
                "marked done; a high-risk use case needs a recorded ethics opinion.")
    assert translated("fr", blockers) == (
        "Le cas d'usage « recruitment » ne peut pas être approuvé : l'AIPD est requise mais "
        "n'est pas marquée faite ; un cas d'usage à haut risque doit avoir un avis éthique "
        "enregistré.")


def test_typed_words_inside_a_message_are_never_translated() -> None:
    # "closed" is a catalog entry elsewhere; typed as a status it must stay as typed.
    message = "Unknown status 'closed'; expected one of draft, approved."
    assert "« closed »" in translated("fr", message)


def test_an_unknown_message_is_left_as_it_is() -> None:
    assert translated("fr", "Something nobody wrote a translation for.") == (
        "Something nobody wrote a translation for.")


def test_form_fields_are_found_by_their_label_per_form_address() -> None:
    assert field_label("/review/3f2a/reject", "reason") == "Reason for rejecting"
    assert field_label("/review/3f2a/edit", "reason") == "Reason for the edit (optional)"
    assert field_label("/governance/register", "name_fr") == "Name in French"  # an include
    assert field_label("/journal", "since") == "From"
    assert field_label("/review/3f2a/reject", "nothing") is None
    assert field_label("/review/3f2a/reject/more", "reason") is None
