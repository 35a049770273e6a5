"""Build valid identifiers for tests, independently of the code under test."""

from __future__ import annotations


def nir(sex: int, year: int, month: int, dept: str, commune: int, order: int) -> str:
    """Return a NIR with its key (INSEE rule: 2A counts as 19, 2B as 18)."""
    body = f"{sex}{year:02d}{month:02d}{dept}{commune:03d}{order:03d}"
    numeric = body.replace("2A", "19").replace("2B", "18")
    return f"{body}{97 - int(numeric) % 97:02d}"


def luhn_complete(digits: str) -> str:
    """Append the Luhn check digit to ``digits``."""
    for check in range(10):
        candidate = digits + str(check)
        total = 0
        for i, c in enumerate(reversed(candidate)):
            v = int(c) * (2 if i % 2 else 1)
            total += v - 9 if v > 9 else v
        if total % 10 == 0:
            return candidate
    raise AssertionError("unreachable: one Luhn digit always fits")


def french_iban(bban: str) -> str:
    """Return a French IBAN for a 23-character BBAN, with its mod-97 check digits."""
    numeric = "".join(str(int(c, 36)) for c in bban + "FR00")
    return f"FR{98 - int(numeric) % 97:02d}{bban}"
