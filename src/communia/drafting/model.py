"""Kinds of administrative documents, their facts and the rules on those facts (no I/O).

Each kind has one typed structure holding the facts an agent must give. ``parse_facts``
builds it from a plain mapping (YAML or a web form), naming every missing fact and
reporting contradictory ones (more votes than members, a convocation after the
session) instead of inventing or silently fixing anything.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from communia.drafting.dates import parse_date
from communia.drafting.messages import Fact, Message, Value
from communia.errors import InvalidInput

KINDS: tuple[str, ...] = ("courrier", "note", "arrete", "deliberation", "briefing", "instruction")
ALIASES: dict[str, str] = {
    "letter": "courrier", "lettre": "courrier", "order": "arrete", "arrêté": "arrete",
    "délibération": "deliberation", "instruction-sheet": "instruction",
    "fiche": "instruction", "note-de-synthese": "briefing", "synthese": "briefing",
}
KIND_LABELS: dict[str, tuple[str, str]] = {
    "courrier": ("Courrier", "Letter"),
    "note": ("Note administrative", "Internal note"),
    "arrete": ("Arrêté", "Municipal order"),
    "deliberation": ("Délibération", "Council deliberation"),
    "briefing": ("Note de synthèse", "Briefing"),
    "instruction": ("Fiche d'instruction", "Instruction sheet"),
}
RECIPIENT_TYPES = ("particulier", "entreprise", "administration", "elu")
USE_CASE = {"briefing": "briefing", "instruction": "briefing"}
# Longest facts text accepted, in characters: the default of the setting
# ``drafting_max_facts_chars``, which the callers pass to ``service.read_facts``.
MAX_FACTS_CHARS = 50_000


class MissingFacts(InvalidInput):
    """Facts the document needs were not given; ``names`` lists their dotted keys."""

    def __init__(self, kind: str, names: list[str]) -> None:
        self.names = names
        super().__init__(
            f"Missing facts for a {KIND_LABELS[kind][1].lower()} ({kind}): "
            + ", ".join(f"'{n}'" for n in names)
            + ". Add them to the facts (YAML or form); nothing is invented in their place."
        )


class ContradictoryFacts(InvalidInput):
    """The facts contradict each other; ``problems`` says how (``messages`` to translate)."""

    def __init__(self, messages: list[Message]) -> None:
        self.messages = messages
        self.problems = [str(m) for m in messages]
        super().__init__("Contradictory facts: " + " ".join(self.problems)
                         + " Correct the facts and draft again.")


class InvalidFacts(InvalidInput):
    """Some facts are not valid values (an impossible date, a negative or non-whole number,
    an unknown choice); ``messages`` says which, to translate. No contradiction is computed
    from a refused value."""

    def __init__(self, messages: list[Message]) -> None:
        self.messages = messages
        self.problems = [str(m) for m in messages]
        super().__init__("Invalid facts: " + " ".join(self.problems)
                         + " Correct the values and draft again.")


def canonical_kind(name: str) -> str:
    """The canonical kind for ``name`` or its alias; ``InvalidInput`` naming the choices."""
    key = name.strip().lower()
    key = ALIASES.get(key, key)
    if key not in KINDS:
        raise InvalidInput(f"Unknown document kind '{name}'; expected one of "
                           f"{', '.join(KINDS)} (or letter, order, instruction-sheet).")
    return key


@dataclass(frozen=True)
class Signatory:
    name: str
    title: str


@dataclass(frozen=True)
class Letter:
    """Courrier: to a citizen, a company, an elected official or another administration."""

    reference: str
    followed_by: str
    subject: str
    recipient_type: str
    recipient: str
    recipient_address: tuple[str, ...]
    salutation: str
    place: str
    date: date
    points: tuple[str, ...]
    signatory: Signatory
    attachments: tuple[str, ...] = ()


@dataclass(frozen=True)
class Note:
    """Internal note: impersonal, from a service to a manager or an elected official."""

    to: str
    sender: str
    date: date
    subject: str
    context: tuple[str, ...]
    analysis: tuple[str, ...]
    proposal: tuple[str, ...]


@dataclass(frozen=True)
class Arrete:
    """Municipal order: visas, considérants, ARRÊTE, articles, appeal routes, execution."""

    number: str
    authority: str
    subject: str
    visas: tuple[str, ...]
    considerations: tuple[str, ...]
    articles: tuple[str, ...]
    executors: tuple[str, ...]
    place: str
    date: date
    signatory: Signatory
    court: str = ""
    publication: str = "publication"


@dataclass(frozen=True)
class Vote:
    """Vote tally; ``unanimous`` means every voter voted for."""

    for_: int
    against: int
    abstentions: int
    unanimous: bool = False


@dataclass(frozen=True)
class Deliberation:
    """Council deliberation: session header, rapporteur, exposé, decision, vote."""

    number: str
    body: str
    authority: str
    subject: str
    session_date: date
    convocation_date: date
    in_office: int
    present: int
    represented: int
    absent: int
    secretary: str
    president: str
    rapporteur: str
    exposition: tuple[str, ...]
    decisions: tuple[str, ...]
    vote: Vote
    place: str
    signatory: Signatory
    visas: tuple[str, ...] = ()
    second_convocation: bool = False


@dataclass(frozen=True)
class Briefing:
    """Note de synthèse for an elected official or a manager."""

    to: str
    date: date
    subject: str
    key_facts: tuple[str, ...]
    issues: tuple[str, ...]
    options: tuple[str, ...]
    attention: tuple[str, ...]
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Instruction:
    """Fiche d'instruction for a field team."""

    title: str
    date: date
    purpose: str
    steps: tuple[str, ...]
    contacts: tuple[str, ...]
    cases: tuple[str, ...]
    version: str = "1"


Structure = Letter | Note | Arrete | Deliberation | Briefing | Instruction


@dataclass
class _Reader:
    """Reads facts by dotted name, collecting the names of missing ones."""

    facts: Mapping[str, Any]
    missing: list[str] = field(default_factory=list)
    wrong: list[Message] = field(default_factory=list)

    def raw(self, name: str) -> Any:
        value: Any = self.facts
        for part in name.split("."):
            value = value.get(part) if isinstance(value, Mapping) else None
        return value

    def text(self, name: str, default: str | None = None) -> str:
        value = self.raw(name)
        if value is None or str(value).strip() == "":
            if default is None:
                self.missing.append(name)
            return default or ""
        return " ".join(str(value).split())

    def lines(self, name: str, required: bool = True) -> tuple[str, ...]:
        value = self.raw(name)
        if isinstance(value, str):
            value = [line for line in value.splitlines()]
        items = tuple(" ".join(str(v).split()) for v in (value or []) if str(v).strip())
        if not items and required:
            self.missing.append(name)
        return items

    def date(self, name: str) -> date:
        value = self.raw(name)
        if value is None or str(value).strip() == "":
            self.missing.append(name)
            return date.min
        parsed = value if isinstance(value, date) else parse_date(str(value))
        if parsed is None:
            self.wrong.append(Message("'{fact}' is not a real date ({value}); use YYYY-MM-DD.",
                                      {"fact": Fact(name), "value": str(value)}))
            return date.min
        return parsed

    def count(self, name: str, default: int | None = None) -> int:
        value = self.raw(name)
        if value is None or str(value).strip() == "":
            if default is None:
                self.missing.append(name)
            return default or 0
        if not re.fullmatch(r"\d{1,5}", str(value).strip()):
            self.wrong.append(Message("'{fact}' must be a whole number ≥ 0, got '{value}'.",
                                      {"fact": Fact(name), "value": str(value)}))
            return 0
        return int(str(value).strip())

    def flag(self, name: str) -> bool:
        return str(self.raw(name)).strip().lower() in ("true", "1", "yes", "oui", "on")

    def signatory(self) -> Signatory:
        return Signatory(self.text("signataire.nom"), self.text("signataire.qualite"))


def parse_facts(kind: str, facts: Mapping[str, Any]) -> Structure:
    """The typed structure of ``kind`` built from ``facts``; names every missing fact.

    Raises ``MissingFacts``, then ``InvalidFacts`` (values that are not valid), then
    ``ContradictoryFacts`` (valid values that contradict each other).
    """
    reader = _Reader(facts)
    built = _BUILDERS[kind](reader)
    if reader.missing:
        raise MissingFacts(kind, sorted(set(reader.missing), key=reader.missing.index))
    if reader.wrong:
        raise InvalidFacts(reader.wrong)
    problems = consistency_problems(built)
    if problems:
        raise ContradictoryFacts(problems)
    return built


def _letter(r: _Reader) -> Letter:
    kind = r.text("destinataire.type").lower()
    if kind and kind not in RECIPIENT_TYPES:
        r.wrong.append(Message("'{fact}' must be one of {choices}, got '{value}'.",
                               {"fact": Fact("destinataire.type"),
                                "choices": ", ".join(RECIPIENT_TYPES), "value": kind}))
    # Optional in the form: the template writes "Madame, Monsieur" (none to an administration).
    default_salutation = ""
    return Letter(
        reference=r.text("reference"), followed_by=r.text("affaire_suivie_par"),
        subject=r.text("objet"), recipient_type=kind, recipient=r.text("destinataire.nom"),
        recipient_address=r.lines("destinataire.adresse"),
        salutation=r.text("destinataire.appel", default_salutation),
        place=r.text("lieu"), date=r.date("date"), points=r.lines("points"),
        signatory=r.signatory(), attachments=r.lines("pieces_jointes", required=False),
    )


def _note(r: _Reader) -> Note:
    return Note(to=r.text("destinataire"), sender=r.text("emetteur"), date=r.date("date"),
                subject=r.text("objet"), context=r.lines("contexte"),
                analysis=r.lines("analyse"), proposal=r.lines("proposition"))


def _arrete(r: _Reader) -> Arrete:
    return Arrete(
        number=r.text("numero"), authority=r.text("autorite"), subject=r.text("objet"),
        visas=r.lines("visas"), considerations=r.lines("considerants"),
        articles=r.lines("articles"), executors=r.lines("execution"), place=r.text("lieu"),
        date=r.date("date"), signatory=r.signatory(),
        court=r.text("tribunal_administratif", ""),
        publication=r.text("entree_en_vigueur", "publication"),
    )


def _deliberation(r: _Reader) -> Deliberation:
    unanimous = r.flag("vote.unanimite")
    present = r.count("membres.presents")
    represented = r.count("membres.representes", 0)
    voters = present + represented
    vote = Vote(r.count("vote.pour", voters if unanimous else None),
                r.count("vote.contre", 0 if unanimous else None),
                r.count("vote.abstentions", 0 if unanimous else None), unanimous)
    return Deliberation(
        number=r.text("numero"), body=r.text("assemblee", "Le conseil municipal"),
        authority=r.text("collectivite"), subject=r.text("objet"),
        session_date=r.date("seance.date"), convocation_date=r.date("seance.convocation"),
        in_office=r.count("membres.en_exercice"), present=present, represented=represented,
        absent=r.count("membres.absents", 0), secretary=r.text("secretaire"),
        president=r.text("seance.president"), rapporteur=r.text("rapporteur"),
        exposition=r.lines("expose"), decisions=r.lines("decisions"), vote=vote,
        place=r.text("lieu"), signatory=r.signatory(), visas=r.lines("visas", required=False),
        second_convocation=r.flag("seance.seconde_convocation"),
    )


def _briefing(r: _Reader) -> Briefing:
    sources = r.lines("sources", required=False)
    return Briefing(to=r.text("destinataire"), date=r.date("date"), subject=r.text("objet"),
                    key_facts=r.lines("faits_cles", required=not sources),
                    issues=r.lines("enjeux"), options=r.lines("options"),
                    attention=r.lines("points_attention"), sources=sources)


def _instruction(r: _Reader) -> Instruction:
    return Instruction(title=r.text("objet"), date=r.date("date"), purpose=r.text("objectif"),
                       steps=r.lines("etapes"), contacts=r.lines("contacts"),
                       cases=r.lines("en_cas_de"), version=r.text("version", "1"))


_BUILDERS: dict[str, Callable[[_Reader], Structure]] = {
    "courrier": _letter, "note": _note, "arrete": _arrete, "deliberation": _deliberation,
    "briefing": _briefing, "instruction": _instruction}


def consistency_problems(structure: Structure) -> list[Message]:
    """Contradictions between facts (vote arithmetic, quorum, order of dates)."""
    if isinstance(structure, Deliberation):
        return tally_problems(structure.in_office, structure.present, structure.represented,
                              structure.vote, structure.second_convocation,
                              structure.absent) + _session_dates(structure)
    return []


def tally_problems(in_office: int, present: int, represented: int, vote: Vote,
                   second_convocation: bool = False, absent: int | None = None
                   ) -> list[Message]:
    """Vote arithmetic and quorum rules (CGCT L2121-17 and L2121-20)."""
    problems: list[Message] = []
    cast = vote.for_ + vote.against + vote.abstentions
    counts: dict[str, Value] = {
        "in_office": in_office, "present": present, "represented": represented,
        "absent": absent or 0, "voters": present + represented, "cast": cast,
        "for": vote.for_, "against": vote.against, "abstentions": vote.abstentions}
    if present > in_office:
        problems.append(Message("{present} members present but only {in_office} in office.",
                                counts))
    if present + represented > in_office:
        problems.append(Message("{present} present + {represented} represented exceeds the "
                                "{in_office} members in office.", counts))
    if absent is not None and absent and present + absent != in_office:
        problems.append(Message("{present} present + {absent} absent does not equal the "
                                "{in_office} members in office.", counts))
    if represented > present:
        problems.append(Message("{represented} proxies for {present} members present: a member "
                                "may hold only one proxy (CGCT L2121-20).", counts))
    if cast > present + represented:
        problems.append(Message("{cast} votes (for {for}, against {against}, abstentions "
                                "{abstentions}) exceed the {voters} members present or "
                                "represented.", counts))
    if in_office and present * 2 <= in_office and not second_convocation:
        problems.append(Message("Quorum not reached: {present} present of {in_office} in office "
                                "(a majority must be present, CGCT L2121-17, unless on second "
                                "convocation).", counts))
    if vote.for_ <= vote.against and cast:
        problems.append(Message("The proposal is not adopted ({for} for, {against} against): "
                                "a deliberation cannot decide it.", counts))
    return problems


def _session_dates(d: Deliberation) -> list[Message]:
    if d.convocation_date > d.session_date:
        return [Message("The convocation ({convocation}) is after the session ({session}).",
                        {"convocation": d.convocation_date.isoformat(),
                         "session": d.session_date.isoformat()})]
    return []


def facts_text(facts: Mapping[str, Any]) -> str:
    """Every fact value as one text (the only source a model may draw on)."""
    parts: list[str] = []

    def walk(value: Any, prefix: str) -> None:
        if isinstance(value, Mapping):
            for key, sub in value.items():
                walk(sub, f"{prefix}{key}.")
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item, prefix)
        elif value is not None and str(value).strip():
            parts.append(f"{prefix.rstrip('.')}: {value}")

    walk(facts, "")
    return "\n".join(parts)
