"""Deterministic documents from facts: every kind complete and valid with no model (no I/O).

A document is a list of sections. Sections marked ``prose`` are the only places a
model may rewrite; everything else (headers, visas, articles, tallies, appeal
routes, signatures) is written here from the facts and never by a model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from communia.drafting.dates import format_date
from communia.drafting.model import (
    Arrete,
    Briefing,
    Deliberation,
    Instruction,
    Letter,
    Note,
    Structure,
)


@dataclass(frozen=True)
class Section:
    """A part of a document: its lines, and whether a model may rewrite them as prose."""

    key: str
    lines: tuple[str, ...]
    prose: bool = False


@dataclass(frozen=True)
class DraftDocument:
    """A document as sections; ``text`` is what people read, edit and export."""

    kind: str
    title: str
    sections: tuple[Section, ...]

    @property
    def text(self) -> str:
        return "\n\n".join("\n".join(s.lines) for s in self.sections if s.lines) + "\n"

    def with_section(self, key: str, lines: tuple[str, ...]) -> DraftDocument:
        """A copy with the lines of section ``key`` replaced."""
        sections = tuple(replace(s, lines=lines) if s.key == key else s for s in self.sections)
        return replace(self, sections=sections)

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", ":", "…")) else text + "."


def _clause(text: str) -> str:
    return text.strip().rstrip(" ;,.")


_VISA_PREFIX = re.compile(r"^\s*vu\b\s*[:,]?\s*", re.IGNORECASE)
_GROUND_PREFIX = re.compile(r"^\s*consid[ée]rant\b\s*[:,]?\s*", re.IGNORECASE)


def visa_clause(text: str) -> str:
    """A visa without the « VU » the agent may have typed (the template writes it once)."""
    while _VISA_PREFIX.match(text):
        text = _VISA_PREFIX.sub("", text, count=1)
    return _clause(text)


def ground_clause(text: str) -> str:
    """A considérant as « que … » / « qu'… », without a « CONSIDÉRANT (que) » already typed."""
    clause = _clause(text)
    while True:
        bare = _GROUND_PREFIX.sub("", clause, count=1)
        bare = re.sub(r"^que\s+(?=consid[ée]rant\b)", "", bare, flags=re.IGNORECASE)
        if bare == clause:
            break
        clause = bare
    return clause if re.match(r"qu(?:e\b|['’])", clause, re.IGNORECASE) else "que " + clause


def _strip_article(text: str) -> str:
    return re.sub(r"^\W*article\s+(?:\d+|1er|premier)\s*[-–—:.]?\s*", "", text,
                  flags=re.IGNORECASE)


def build(kind: str, structure: Structure, lang: str = "fr") -> DraftDocument:
    """The complete document of ``kind`` from its facts."""
    if isinstance(structure, Arrete):
        return _arrete(structure)
    if isinstance(structure, Deliberation):
        return _deliberation(structure)
    if isinstance(structure, Letter):
        return _letter(structure)
    if isinstance(structure, Note):
        return _note(structure)
    if isinstance(structure, Briefing):
        return _briefing(structure)
    return _instruction(structure)


def appeal_article(court: str, publication: str, authority: str) -> str:
    """The appeal-route mention R421-5 CJA requires (two months, tribunal, Télérecours)."""
    tribunal = f"le tribunal administratif de {court}" if court else \
        "le tribunal administratif territorialement compétent"
    start = "notification" if "notif" in publication.lower() else "publication"
    return (f"Le présent arrêté peut faire l'objet, dans un délai de deux mois à compter de sa "
            f"{start}, d'un recours gracieux auprès de son auteur ou d'un recours contentieux "
            f"devant {tribunal}. Le tribunal administratif peut être saisi par l'application "
            "« Télérecours citoyens » accessible sur le site www.telerecours.fr.")


def _arrete(a: Arrete) -> DraftDocument:
    visas = tuple(f"VU {visa_clause(v)}{' ;' if i < len(a.visas) - 1 else ','}"
                  for i, v in enumerate(a.visas))
    considerations = tuple(
        f"CONSIDÉRANT {ground_clause(c)}{' ;' if i < len(a.considerations) - 1 else ','}"
        for i, c in enumerate(a.considerations))
    bodies = [_sentence(_strip_article(t)) for t in a.articles]
    bodies.append(appeal_article(a.court, a.publication, a.authority))
    executors = ", ".join(a.executors[:-1]) + (" et " if len(a.executors) > 1 else "") \
        + a.executors[-1]
    plural = "sont chargés, chacun en ce qui le concerne," if len(a.executors) > 1 \
        else "est chargé"
    bodies.append(f"{executors[0].upper()}{executors[1:]} {plural} de l'exécution du présent "
                  "arrêté.")
    articles = tuple(f"Article {i} – {b}" for i, b in enumerate(bodies, start=1))
    title = f"ARRÊTÉ N° {a.number}"
    return DraftDocument("arrete", f"{title} {a.subject}", (
        Section("title", (title, a.subject)),
        Section("authority", (f"{_clause(a.authority)},",)),
        Section("visas", visas),
        Section("considerants", considerations, prose=True),
        Section("dispositif", ("ARRÊTE",)),
        Section("articles", articles),
        Section("signature", (f"Fait à {a.place}, le {format_date(a.date)}",
                              f"{a.signatory.title},", a.signatory.name)),
    ))


def _deliberation(d: Deliberation) -> DraftDocument:
    voters = d.present + d.represented
    absent = d.absent or d.in_office - d.present
    if d.vote.unanimous:
        tally = (f"Adopté à l'unanimité — Pour : {d.vote.for_} ; Contre : 0 ; "
                 "Abstentions : 0")
    else:
        tally = (f"Adopté — Pour : {d.vote.for_} ; Contre : {d.vote.against} ; "
                 f"Abstentions : {d.vote.abstentions}")
    session = format_date(d.session_date)
    header = (
        f"Séance du {session}", f"Date de la convocation : {format_date(d.convocation_date)}",
        f"Membres en exercice : {d.in_office}", f"Présents : {d.present}",
        f"Représentés : {d.represented}", f"Absents : {absent}", f"Votants : {voters}",
    )
    opening = (f"Le {session}, {d.body[0].lower()}{d.body[1:]}, "
               f"dûment convoqué le {format_date(d.convocation_date)}, s'est réuni en séance "
               f"publique sous la présidence de {d.president}."
               + (" La séance se tient sur seconde convocation, sans condition de quorum."
                  if d.second_convocation else ""))
    decisions = tuple(f"Article {i} – {_sentence(_strip_article(t))}"
                      for i, t in enumerate(d.decisions, start=1))
    title = f"DÉLIBÉRATION N° {d.number}"
    return DraftDocument("deliberation", f"{title} {d.subject}", (
        Section("title", (d.authority, title, f"Objet : {d.subject}")),
        Section("header", header),
        Section("opening", (opening, f"Secrétaire de séance : {d.secretary}",
                            f"Rapporteur : {d.rapporteur}")),
        Section("visas", tuple(f"VU {visa_clause(v)} ;" for v in d.visas)),
        Section("expose_title", ("Exposé des motifs",)),
        Section("expose", tuple(_sentence(p) for p in d.exposition), prose=True),
        Section("formula", (f"{d.body}, après en avoir délibéré,", "DÉCIDE :")),
        Section("decisions", decisions),
        Section("vote", (tally,)),
        Section("signature", (f"Fait et délibéré à {d.place}, le {session}.",
                              "Pour extrait conforme,", f"{d.signatory.title},",
                              d.signatory.name)),
    ))


def politeness(recipient_type: str, salutation: str) -> str:
    """The closing formula for the recipient; none between administrations."""
    if recipient_type == "administration":
        return ""
    if recipient_type == "elu":
        return f"Je vous prie d'agréer, {salutation}, l'assurance de ma haute considération."
    return f"Je vous prie d'agréer, {salutation}, l'expression de mes salutations distinguées."


def _letter(t: Letter) -> DraftDocument:
    salutation = t.salutation or ("" if t.recipient_type == "administration"
                                  else "Madame, Monsieur")
    closing = politeness(t.recipient_type, salutation.rstrip(","))
    body = tuple(_sentence(p) for p in t.points)
    return DraftDocument("courrier", f"Objet : {t.subject}", (
        Section("references", (f"Réf. : {t.reference}", f"Affaire suivie par : {t.followed_by}")),
        Section("place_date", (f"{t.place}, le {format_date(t.date)}",)),
        Section("recipient", (t.recipient, *t.recipient_address)),
        Section("subject", (f"Objet : {t.subject}",)),
        Section("salutation", (f"{salutation.rstrip(',')},",) if salutation else ()),
        Section("body", body, prose=True),
        Section("closing", (closing,) if closing else ()),
        Section("signature", (t.signatory.title, t.signatory.name)),
        Section("attachments", ("P.J. : " + " ; ".join(t.attachments),) if t.attachments
                else ()),
    ))


def _note(n: Note) -> DraftDocument:
    return DraftDocument("note", f"Note : {n.subject}", (
        Section("header", ("NOTE", f"À l'attention de : {n.to}", f"De : {n.sender}",
                           f"Date : {format_date(n.date)}", f"Objet : {n.subject}")),
        Section("context_title", ("Contexte",)),
        Section("context", tuple(_sentence(p) for p in n.context), prose=True),
        Section("analysis_title", ("Analyse",)),
        Section("analysis", tuple(_sentence(p) for p in n.analysis), prose=True),
        Section("proposal_title", ("Proposition",)),
        Section("proposal", tuple(_sentence(p) for p in n.proposal), prose=True),
    ))


def _bullets(items: tuple[str, ...], ordered: bool = False) -> tuple[str, ...]:
    return tuple(f"{i}. {_sentence(x)}" if ordered else f"- {_sentence(x)}"
                 for i, x in enumerate(items, start=1))


def _briefing(b: Briefing) -> DraftDocument:
    return DraftDocument("briefing", f"Note de synthèse : {b.subject}", (
        Section("header", ("NOTE DE SYNTHÈSE", f"À l'attention de : {b.to}",
                           f"Date : {format_date(b.date)}", f"Objet : {b.subject}")),
        Section("facts_title", ("Faits essentiels",)),
        Section("key_facts", _bullets(b.key_facts), prose=True),
        Section("issues_title", ("Enjeux",)),
        Section("issues", _bullets(b.issues)),
        Section("options_title", ("Options",)),
        Section("options", _bullets(b.options, ordered=True)),
        Section("attention_title", ("Points d'attention",)),
        Section("attention", _bullets(b.attention)),
        Section("sources", ("Sources : " + " ; ".join(b.sources),) if b.sources else ()),
    ))


def _instruction(i: Instruction) -> DraftDocument:
    return DraftDocument("instruction", f"Fiche d'instruction : {i.title}", (
        Section("header", (f"FICHE D'INSTRUCTION — {i.title}",
                           f"Version {i.version} du {format_date(i.date)}")),
        Section("purpose_title", ("Objectif",)),
        Section("purpose", (_sentence(i.purpose),), prose=True),
        Section("steps_title", ("Étapes",)),
        Section("steps", _bullets(i.steps, ordered=True)),
        Section("contacts_title", ("Contacts",)),
        Section("contacts", _bullets(i.contacts)),
        Section("cases_title", ("Que faire si",)),
        Section("cases", _bullets(i.cases)),
    ))
