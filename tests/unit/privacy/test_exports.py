"""The package's public surface stays what the rest of Communia imports."""

from __future__ import annotations

import communia.governance.privacy as privacy

EXPECTED = {
    "Entity",
    "detect",
    "Pseudonymiser",
    "restore",
    "anonymise",
    "seal_mapping",
    "open_mapping",
    "MappingKeyError",
    "contains_identifiers",
    "detect_language",
}


def test_all_lists_the_public_interface() -> None:
    assert EXPECTED <= set(privacy.__all__)
    for name in privacy.__all__:
        assert hasattr(privacy, name), name


def test_labels_are_the_documented_ones() -> None:
    assert privacy.LABELS == (
        "PERSON",
        "EMAIL",
        "PHONE",
        "ADDRESS",
        "DATE_OF_BIRTH",
        "NIR",
        "IBAN",
        "SIRET",
        "SIREN",
        "ID_DOCUMENT",
        "PLATE",
        "IP",
        "URL",
    )


def test_egress_check_reports_direct_identifiers() -> None:
    found = privacy.contains_identifiers("Envoyer à paul.martin@exemple.fr, tél. 07 11 22 33 44")
    assert {e.label for e in found} == {"EMAIL", "PHONE"}
    assert privacy.contains_identifiers("Le budget 2024 est voté.") == []
