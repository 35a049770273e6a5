"""Roles and the areas of the product each one may use (rules only, no I/O)."""

from __future__ import annotations

from communia.errors import InvalidInput

ROLES: tuple[str, ...] = ("admin", "dpo", "hr", "agent", "field_lead", "ethics")

ROLE_LABELS: dict[str, tuple[str, str]] = {
    "admin": ("Administrateur", "Administrator"),
    "dpo": ("Délégué à la protection des données", "Data protection officer"),
    "hr": ("Ressources humaines", "Human resources"),
    "agent": ("Agent", "Agent"),
    "field_lead": ("Responsable d'équipe de terrain", "Field-team lead"),
    "ethics": ("Comité d'éthique", "Ethics committee"),
}

_EVERYONE = frozenset(ROLES)

# Which roles may use each area. "home", "learn", "review" and "drafting" are for all.
AREAS: dict[str, frozenset[str]] = {
    "home": _EVERYONE,
    "learn": _EVERYONE,
    "review": _EVERYONE,
    "drafting": _EVERYONE,
    "recruitment": frozenset({"hr", "admin"}),
    "feedback": frozenset({"field_lead", "admin"}),
    "planning": frozenset({"field_lead", "admin"}),
    "governance": frozenset({"dpo", "admin", "ethics"}),
    "journal": frozenset({"dpo", "admin"}),
    "users": frozenset({"admin"}),
}


class UnknownRole(InvalidInput):
    """A role name that is not one of ``ROLES``."""


def check_role(role: str) -> str:
    if role not in ROLES:
        raise UnknownRole(f"Unknown role '{role}'; expected one of: {', '.join(ROLES)}.")
    return role


def can(role: str, area: str) -> bool:
    """True when ``role`` may use ``area``."""
    return role in AREAS.get(area, frozenset())
