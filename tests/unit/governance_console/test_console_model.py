"""Rules of the console: form parsing, reminders, energy, prompt checks, syslog lines."""

from __future__ import annotations

import re
from datetime import date

import pytest

from communia.governance.console.journal_export import to_jsonl, to_syslog
from communia.governance.console.model import (
    FormInvalid,
    energy_wh,
    missing_elements,
    parse_review_date,
    parse_use_case,
    reminder_for,
)
from communia.governance.vault import normalise_value
from communia.store.tables import JournalEntryRow

FORM = {"id": "parking_fines", "name_fr": "Amendes", "name_en": "Fines",
        "purpose": "Summarise appeals", "legal_basis": "Public task",
        "data_categories": "plates\nnames", "risk_level": "high", "retention_days": "90"}


def test_a_complete_form_becomes_fields() -> None:
    fields = parse_use_case(FORM)
    assert fields.data_categories == ("plates", "names") and fields.retention_days == 90


@pytest.mark.parametrize("field,value,named", [("id", "Bad Id", "'id'"),
                                               ("purpose", " ", "'purpose'"),
                                               ("risk_level", "extreme", "'risk_level'"),
                                               ("retention_days", "ten", "'retention_days'"),
                                               ("retention_days", "0", "'retention_days'")])
def test_a_wrong_field_is_named_in_the_error(field: str, value: str, named: str) -> None:
    with pytest.raises(FormInvalid, match=named):
        parse_use_case({**FORM, field: value})


def test_review_dates_remind_within_thirty_days_and_when_overdue() -> None:
    today = date(2026, 6, 1)
    assert reminder_for("x", date(2026, 8, 1), today) is None
    soon = reminder_for("x", date(2026, 6, 20), today)
    assert soon is not None and not soon.overdue and soon.days == 19
    late = reminder_for("x", date(2026, 5, 1), today)
    assert late is not None and late.overdue
    assert parse_review_date("") is None
    with pytest.raises(FormInvalid):
        parse_review_date("01/06/2026")


def test_energy_is_proportional_to_tokens_and_zero_without_a_model() -> None:
    assert energy_wh("embedded", 2000) == pytest.approx(2 * energy_wh("embedded", 1000))
    assert energy_wh("none", 5000) == 0 and energy_wh("echo", 5000) == 0


def test_a_vague_prompt_lacks_role_context_format_and_constraints() -> None:
    flags = missing_elements(normalise_value("Écris une lettre pour la salle des fêtes."))
    assert flags == ["missing_role", "missing_context", "missing_format", "missing_constraints"]


def test_a_complete_prompt_raises_no_missing_element() -> None:
    prompt = ("Tu es assistant de rédaction de la mairie. Contexte : la salle des fêtes sera "
              "fermée en juin pour travaux. Rédige une lettre de trois paragraphes aux "
              "associations, ton courtois, sans inventer de date.")
    assert missing_elements(normalise_value(prompt)) == []


def _row() -> JournalEntryRow:
    return JournalEntryRow(seq=7, at="2026-11-28T10:00:00.123456+00:00", kind="model.refused",
                           actor='o"brien]', use_case="drafting", payload={"reason": "x"},
                           prev_hash="a" * 64, entry_hash="b" * 64)


def test_syslog_lines_follow_rfc_5424() -> None:
    line = to_syslog(_row(), "host-1")
    pattern = (r'^<(\d+)>1 2026-11-28T10:00:00\.123456Z host-1 communia - model\.refused '
               r'\[communia@32473 seq="7" actor="o\\"brien\\]" use_case="drafting" '
               r'hash="b{64}" prev="a{64}"\] \{"reason":"x"\}$')
    match = re.match(pattern, line)
    assert match, line
    assert int(match.group(1)) == 13 * 8 + 4  # log audit, warning for a refusal


def test_json_lines_keep_the_chain_fields() -> None:
    assert '"entry_hash":"' + "b" * 64 in to_jsonl(_row())
