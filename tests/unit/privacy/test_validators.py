"""Checksum validators: NIR key (Corsica too), IBAN mod 97, Luhn, La Poste SIRET."""

from __future__ import annotations

import pytest

from communia.governance.privacy.validators import (
    iban_valid,
    ip_valid,
    luhn_valid,
    nir_key,
    nir_valid,
    siren_valid,
    siret_valid,
)

from .identifiers import french_iban, luhn_complete, nir


def test_nir_with_correct_key_is_valid_and_wrong_key_is_not() -> None:
    value = nir(1, 85, 5, "78", 6, 84)
    assert nir_valid(value)
    wrong = value[:13] + f"{(int(value[13:]) % 97) + 1:02d}"
    assert not nir_valid(wrong)


@pytest.mark.parametrize("dept", ["2A", "2B"])
def test_corsican_nir_uses_19_and_18_for_the_key(dept: str) -> None:
    value = nir(2, 90, 11, dept, 4, 123)
    assert nir_valid(value)
    assert nir_valid(value.lower())
    assert nir_key(value[:13]) == int(value[13:])


def test_nir_known_example_and_separators() -> None:
    assert nir_valid("1 85 05 78 006 084 91")
    assert not nir_valid("1 85 05 78 006 084 36")
    assert nir_valid(" ".join(nir(1, 70, 1, "75", 56, 1)))


def test_nir_rejects_bad_shapes() -> None:
    assert not nir_valid("5850578006084")
    assert not nir_valid(nir(1, 85, 5, "78", 6, 84)[:-1])
    assert not nir_valid("185157800608412")  # month 15 does not exist


def test_iban_checksum() -> None:
    assert iban_valid("FR76 3000 6000 0112 3456 7890 189")
    assert iban_valid("GB82 WEST 1234 5698 7654 32")
    assert iban_valid("DE89370400440532013000")
    assert not iban_valid("FR76 3000 6000 0112 3456 7890 188")
    assert not iban_valid("FR76 3000 6000 0112 3456 7890 18")  # wrong length for FR
    assert iban_valid(french_iban("20041010050500013M02606"))


def test_luhn_siren_and_siret() -> None:
    assert luhn_valid("79927398713")
    assert not luhn_valid("79927398710")
    assert siren_valid("732 829 320")
    assert not siren_valid("732 829 321")
    siret = luhn_complete("7328293200007")
    assert siret_valid(siret)
    assert not siret_valid(siret[:-1] + str((int(siret[-1]) + 1) % 10))


def test_la_poste_siret_uses_digit_sum_rule() -> None:
    assert siret_valid("35600000000001")  # digit sum 15, not Luhn-valid
    assert not luhn_valid("35600000000001")
    assert not siret_valid("35600000000002")


def test_ip_addresses() -> None:
    assert ip_valid("192.168.1.20")
    assert ip_valid("2001:db8::8a2e:370:7334")
    assert not ip_valid("256.1.1.1")
    assert not ip_valid("12:30:45")
