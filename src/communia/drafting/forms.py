"""The facts of each kind as form fields, and form values back into facts (no I/O).

Field names are the dotted fact names of the YAML format, so a form and a facts file
are two ways to give the same facts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Field:
    """One fact: its dotted name, English label (translated by the web layer) and type.

    ``choices`` are the values a facts file uses; ``CHOICE_LABELS`` says them to people.
    """

    name: str
    label: str
    type: str = "text"  # text | date | lines | int | choice | bool
    choices: tuple[str, ...] = ()
    required: bool = True


# What a choice's value means, in English (translated by the web layer).
CHOICE_LABELS: dict[str, str] = {
    "particulier": "Private individual", "entreprise": "Company",
    "administration": "Administration", "elu": "Elected official",
    "publication": "Its publication (regulatory act)",
    "notification": "Its notification (individual decision)",
}


_SIGNATORY = (Field("signataire.nom", "Signatory's name"),
              Field("signataire.qualite", "Signatory's title (e.g. Le Maire)"))
FIELDS: dict[str, tuple[Field, ...]] = {
    "courrier": (
        Field("reference", "Reference"), Field("affaire_suivie_par", "Followed by (contact)"),
        Field("objet", "Subject"),
        Field("destinataire.type", "Recipient type", "choice",
              ("particulier", "entreprise", "administration", "elu")),
        Field("destinataire.nom", "Recipient"),
        Field("destinataire.adresse", "Recipient's address (one line per line)", "lines"),
        Field("destinataire.appel", "Salutation (e.g. Madame or Monsieur le Maire); "
              "'Madame, Monsieur' if left empty, none to an administration", required=False),
        Field("lieu", "Place"), Field("date", "Date", "date"),
        Field("points", "Facts to state (one per line)", "lines"), *_SIGNATORY,
        Field("pieces_jointes", "Attachments (one per line)", "lines", required=False),
    ),
    "note": (
        Field("destinataire", "To (recipient)"),
        Field("emetteur", "From (issuing service)"), Field("date", "Date", "date"),
        Field("objet", "Subject"), Field("contexte", "Context (one fact per line)", "lines"),
        Field("analyse", "Analysis (one point per line)", "lines"),
        Field("proposition", "Proposal (one point per line)", "lines"),
    ),
    "arrete": (
        Field("numero", "Number"), Field("autorite", "Authority (e.g. Le Maire de …)"),
        Field("objet", "Subject (portant …)"),
        Field("visas", "Visas: texts the order is taken under (one per line)", "lines"),
        Field("considerants", "Considérants: reasons (one per line)", "lines"),
        Field("articles", "Articles: measures (one per line)", "lines"),
        Field("execution", "In charge of execution (one per line)", "lines"),
        Field("tribunal_administratif", "Tribunal administratif (city)", required=False),
        Field("entree_en_vigueur", "Appeal delay runs from", "choice",
              ("publication", "notification")),
        Field("lieu", "Place"), Field("date", "Date", "date"), *_SIGNATORY,
    ),
    "deliberation": (
        Field("numero", "Number"), Field("collectivite", "Authority"), Field("objet", "Subject"),
        Field("seance.date", "Session date", "date"),
        Field("seance.convocation", "Convocation date", "date"),
        Field("seance.president", "Chaired by"),
        Field("seance.seconde_convocation", "Second convocation (no quorum)", "bool",
              required=False),
        Field("membres.en_exercice", "Members in office", "int"),
        Field("membres.presents", "Present", "int"),
        Field("membres.representes", "Represented (proxies)", "int", required=False),
        Field("secretaire", "Secrétaire de séance"), Field("rapporteur", "Rapporteur"),
        Field("visas", "Visas (one per line)", "lines", required=False),
        Field("expose", "Exposé des motifs (one fact per line)", "lines"),
        Field("decisions", "Decisions (one article per line)", "lines"),
        Field("vote.unanimite", "Unanimous", "bool", required=False),
        # Needed unless the vote is unanimous: the label says so, not "(optional)".
        Field("vote.pour", "Votes for (unless unanimous)", "int"),
        Field("vote.contre", "Votes against (unless unanimous)", "int"),
        Field("vote.abstentions", "Abstentions (unless unanimous)", "int"),
        Field("lieu", "Place"), *_SIGNATORY,
    ),
    "briefing": (
        Field("destinataire", "To (recipient)"), Field("date", "Date", "date"),
        Field("objet", "Subject"),
        Field("faits_cles", "Key facts (one per line; empty to extract them from the sources)",
              "lines", required=False),
        Field("enjeux", "Issues (one per line)", "lines"),
        Field("options", "Options (one per line)", "lines"),
        Field("points_attention", "Points of attention (one per line)", "lines"),
    ),
    "instruction": (
        Field("objet", "Title"), Field("date", "Date", "date"),
        Field("objectif", "Objective"), Field("etapes", "Steps (one per line)", "lines"),
        Field("contacts", "Contacts (one per line)", "lines"),
        Field("en_cas_de", "What to do if… (one case per line)", "lines"),
        Field("version", "Version", required=False),
    ),
}


def field_for(kind: str, name: str) -> Field | None:
    """The form field of ``kind`` that gives the fact ``name`` (a dotted key), if any."""
    return next((f for f in FIELDS.get(kind, ()) if f.name == name), None)


def element_id(name: str) -> str:
    """The HTML id of a fact's form control (``destinataire.nom`` → ``f-destinataire-nom``)."""
    return "f-" + name.replace(".", "-").replace("_", "-")


def facts_from_form(kind: str, form: Mapping[str, str]) -> dict[str, Any]:
    """Nested facts from flat form values; empty values are left out (so they are asked for)."""
    facts: dict[str, Any] = {}
    for field in FIELDS[kind]:
        raw = str(form.get(field.name, "") or "").strip()
        if field.type == "bool":
            value: Any = raw in ("on", "true", "1") or None
        elif field.type == "lines":
            value = [line.strip() for line in raw.splitlines() if line.strip()] or None
        else:
            value = raw or None
        if value is None:
            continue
        target = facts
        *parents, leaf = field.name.split(".")
        for part in parents:
            target = target.setdefault(part, {})
        target[leaf] = value
    return facts


def form_from_facts(kind: str, facts: Mapping[str, Any]) -> dict[str, str]:
    """Flat form values from nested facts (to show a form again after an error)."""
    values: dict[str, str] = {}
    for field in FIELDS[kind]:
        value: Any = facts
        for part in field.name.split("."):
            value = value.get(part) if isinstance(value, Mapping) else None
        if isinstance(value, list):
            values[field.name] = "\n".join(str(v) for v in value)
        elif value is not None:
            values[field.name] = str(value)
    return values
