"""Checksum validators for French and international identifiers (pure functions)."""

from __future__ import annotations

import ipaddress
import re

_NON_ALNUM = re.compile(r"[^0-9A-Za-z]")
LA_POSTE_SIREN = "356000000"

# ISO 13616 lengths for the countries a French authority most often meets.
IBAN_LENGTHS: dict[str, int] = {
    "AD": 24,
    "AT": 20,
    "BE": 16,
    "BG": 22,
    "CH": 21,
    "CY": 28,
    "CZ": 24,
    "DE": 22,
    "DK": 18,
    "EE": 20,
    "ES": 24,
    "FI": 18,
    "FR": 27,
    "GB": 22,
    "GR": 27,
    "HR": 21,
    "HU": 28,
    "IE": 22,
    "IS": 26,
    "IT": 27,
    "LI": 21,
    "LT": 20,
    "LU": 20,
    "LV": 21,
    "MC": 27,
    "MT": 31,
    "NL": 18,
    "NO": 15,
    "PL": 28,
    "PT": 25,
    "RO": 24,
    "SE": 24,
    "SI": 19,
    "SK": 24,
    "SM": 27,
    "MA": 28,
    "TN": 24,
    "DZ": 26,
    "SN": 28,
    "CI": 28,
    "TR": 26,
    "IL": 23,
    "SA": 24,
    "AE": 23,
    "BR": 29,
    "MU": 30,
    "GI": 23,
    "VA": 22,
}


def compact(value: str) -> str:
    """Return ``value`` upper-cased with every separator removed."""
    return _NON_ALNUM.sub("", value).upper()


def luhn_valid(digits: str) -> bool:
    """Return True when the digit string passes the Luhn (mod 10) check."""
    if not digits.isdigit():
        return False
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def siren_valid(value: str) -> bool:
    """Return True for a 9-digit SIREN passing the Luhn check."""
    digits = compact(value)
    return len(digits) == 9 and luhn_valid(digits)


def siret_valid(value: str) -> bool:
    """Return True for a 14-digit SIRET (Luhn, or La Poste's digit-sum rule)."""
    digits = compact(value)
    if len(digits) != 14 or not digits.isdigit():
        return False
    if digits.startswith(LA_POSTE_SIREN):
        # La Poste establishments share one SIREN; their SIRETs have a digit sum
        # divisible by 5 instead of a Luhn key (INSEE rule).
        return sum(int(c) for c in digits) % 5 == 0
    return luhn_valid(digits)


def nir_key(first13: str) -> int:
    """Return the two-digit key of a NIR from its first 13 characters (2A/2B allowed)."""
    body = first13.upper()
    department = body[5:7]
    if department == "2A":
        body = body[:5] + "19" + body[7:]
    elif department == "2B":
        body = body[:5] + "18" + body[7:]
    if len(body) != 13 or not body.isdigit():
        raise ValueError(f"A NIR body has 13 digits (2A/2B allowed), got {first13!r}.")
    return 97 - int(body) % 97


def nir_valid(value: str) -> bool:
    """Return True for a 15-character NIR whose key matches (Corsica 2A/2B included)."""
    number = compact(value)
    if len(number) != 15 or number[0] not in "123478" or not number[13:].isdigit():
        return False
    if not re.fullmatch(r"\d{5}(?:\d{2}|2[AB])\d{6}", number[:13]):
        return False
    month = int(number[3:5])
    if month == 0 or 13 <= month <= 19:
        return False
    return nir_key(number[:13]) == int(number[13:])


def iban_valid(value: str) -> bool:
    """Return True for an IBAN of the right length for its country passing mod 97."""
    iban = compact(value)
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", iban):
        return False
    expected = IBAN_LENGTHS.get(iban[:2])
    if expected is not None and len(iban) != expected:
        return False
    rearranged = iban[4:] + iban[:4]
    numeric = "".join(str(int(c, 36)) for c in rearranged)
    return int(numeric) % 97 == 1


def ip_valid(value: str) -> bool:
    """Return True for a syntactically valid IPv4 or IPv6 address."""
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True
