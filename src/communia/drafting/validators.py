"""Validators on the text of an administrative document (no I/O).

The same rules check Communia's drafts and existing acts. Profile ``draft`` is what
Communia requires of what it produces (every part of the kind, R421-5 appeal mention,
no placeholder, no ungrounded legal reference). Profile ``published`` checks an act
someone else wrote: structure errors still fail, parts that the law does not require
of every act (appeal mention of a regulatory act published in the Journal officiel)
become warnings, and unknown references become notices to check.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from communia.drafting.dates import find_dates
from communia.drafting.legal_refs import find_references, unknown_references
from communia.drafting.messages import Message
from communia.drafting.model import Vote, tally_problems

PROFILES = ("draft", "published")


@dataclass(frozen=True)
class Issue:
    """One finding: ``error`` fails the document, ``warning`` and ``notice`` inform.

    ``code`` is stable (tests, JSON); ``said`` is the sentence for people, translated
    where it is shown; ``message`` is its English text.
    """

    code: str
    severity: str
    said: Message

    @property
    def message(self) -> str:
        return str(self.said)


@dataclass
class Report:
    """The validation report of one document."""

    kind: str
    profile: str
    issues: list[Issue] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    unknown_references: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not any(i.severity == "error" for i in self.issues)

    def add(self, code: str, severity: str, text: str | Message, **values: str | int) -> None:
        """Record a finding; ``text`` is English with ``{name}`` placeholders for ``values``."""
        said = text if isinstance(text, Message) else Message(text, values)
        self.issues.append(Issue(code, severity, said))

    def need(self, ok: bool, code: str, text: str, strict: bool = True,
             **values: str | int) -> None:
        """Record ``text`` when ``ok`` is false: an error when ``strict``, else a warning."""
        if not ok:
            self.add(code, "error" if strict else "warning", text, **values)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "profile": self.profile, "passed": self.passed,
                "issues": [{"code": i.code, "severity": i.severity, "message": i.message}
                           for i in self.issues],
                "references": self.references, "unknown_references": self.unknown_references}


def _has(pattern: str, text: str, flags: int = re.IGNORECASE | re.MULTILINE) -> bool:
    return re.search(pattern, text, flags) is not None


_PLACEHOLDER = re.compile(r"\.{3,}|…{2,}|\[[^\]]*(?:nom|date|adresse|X)\b[^\]]*\]|JJ/MM/AAAA|"
                          r"\bXX+\b|\{\{|\}\}", re.IGNORECASE)
_POLITENESS = re.compile(r"veuillez agréer|je vous prie d.agréer|vous prie de croire|"
                         r"l.expression de (?:ma|mes|nos)|l.assurance de (?:ma|mes)|"
                         r"salutations|considération distinguée|sentiments",
                         re.IGNORECASE)
_APPEAL = re.compile(r"recours[^.\n]*?(?:tribunal administratif|contentieux)|"
                     r"tribunal administratif[^.\n]*?recours", re.IGNORECASE)
_ARTICLE_HEAD = re.compile(r"^\W{0,6}article\s+(\d+|1er|premier)\b", re.IGNORECASE | re.MULTILINE)
_DECISION_VERB = re.compile(
    r"\b(?:DÉCIDE|DECIDE|APPROUVE|AUTORISE|ADOPTE|VALIDE|FIXE|ACCEPTE|ACCORDE|ATTRIBUE|"
    r"DÉSIGNE|SOLLICITE|DÉCIDER|VALIDER|AUTORISER|ADOPTER|APPROUVER|FIXER|PREND ACTE|"
    r"CRÉE|SUPPRIME|OPTE|CHARGE|DONNE)\b")


def validate_text(kind: str, text: str, profile: str = "draft",
                  facts_keys: frozenset[str] = frozenset(), facts: dict[str, Any] | None = None
                  ) -> Report:
    """Check ``text`` as a document of ``kind``; ``facts_keys`` ground its references."""
    strict = profile == "draft"
    text = unicodedata.normalize("NFC", text)
    report = Report(kind, profile)
    _CHECKS[kind](text, report, strict, facts or {})
    _common(text, report, strict, facts_keys)
    return report


_DOUBLED = re.compile(r"^\W{0,3}(VU|CONSID[ÉE]RANT)\b[\s:,]*(?:que\s+|qu['’]\s*)?"
                      r"(?:VU|CONSID[ÉE]RANT)\b[^\n]{0,60}", re.IGNORECASE | re.MULTILINE)


def _common(text: str, report: Report, strict: bool, facts_keys: frozenset[str]) -> None:
    for doubled in _DOUBLED.finditer(text):
        report.add("prefix.doubled", "error" if strict else "warning",
                   "'{words}' repeats '{prefix}': write each visa and each ground with its "
                   "word once.", words=doubled.group(0).strip(), prefix=doubled.group(1))
    for mention in find_dates(text):
        report.need(mention.value is not None, "date.impossible",
                    "The date '{date}' does not exist.", date=mention.text)
    holes = sorted({m.group(0) for m in _PLACEHOLDER.finditer(text)})
    report.need(not holes, "placeholder", "Placeholders are left to fill in: {placeholders}.",
                strict, placeholders=", ".join(f"'{h}'" for h in holes[:5]))
    report.references = [r.text for r in find_references(text)]
    unknown = unknown_references(text, facts_keys)
    report.unknown_references = [r.text for r in unknown]
    for ref in unknown:
        report.add("reference.unknown", "error" if strict else "notice",
                   "Legal reference '{reference}' is neither in the facts nor in the curated "
                   "list: check it (it may be invented or mistyped) or add it to the facts.",
                   reference=ref.text)


def _arrete(text: str, report: Report, strict: bool, facts: dict[str, Any]) -> None:
    report.need(_has(r"\barr[êe]t[ée]", text), "arrete.title", "The order does not say it is "
                "an arrêté.")
    report.need(_has(r"^\W{0,6}vu\b", text), "arrete.visas", "No visa ('Vu …'): an order "
                "cites the texts it is taken under.")
    report.need(_has(r"^\W{0,6}consid[ée]rant\b", text), "arrete.considerants",
                "No considérant: state why the order is taken.", strict)
    report.need(_has(r"^\W{0,6}arr[êe]te\s*:?\W{0,4}$", text), "arrete.dispositif",
                "The word 'ARRÊTE' introducing the articles is missing.", strict)
    _articles(text, report)
    report.need(_has(r"ex[ée]cution", text), "arrete.execution",
                "No execution article ('… est chargé de l'exécution du présent arrêté').",
                strict)
    _appeal(text, report, strict)
    report.need(_has(r"^\W{0,4}fait (?:et délibéré )?à\s*\S", text), "arrete.signature",
                "No place, date and signature ('Fait à …, le …').", strict)


def _articles(text: str, report: Report) -> None:
    numbers = [1 if n.lower() in ("1er", "premier") else int(n)
               for n in _ARTICLE_HEAD.findall(text)]
    report.need(bool(numbers), "articles.none", "No numbered article ('Article 1').")
    if not numbers:
        return
    backwards = [b for a, b in zip(numbers, numbers[1:], strict=False) if b <= a]
    report.need(not backwards, "articles.order",
                "Articles are out of order or repeated: {numbers}.",
                numbers=", ".join(str(n) for n in numbers))
    report.need(numbers[0] == 1, "articles.first", "The first article is {number}, not 1.",
                number=str(numbers[0]))
    gaps = [b for a, b in zip(numbers, numbers[1:], strict=False) if b > a + 1]
    if gaps:
        report.add("articles.gap", "warning",
                   "Article numbers skip before {numbers} (abrogated articles?).",
                   numbers=", ".join(str(g) for g in gaps))


def _appeal(text: str, report: Report, strict: bool) -> None:
    mentions = list(_APPEAL.finditer(text))
    if not mentions:
        report.need(False, "appeal.missing", "No appeal-route mention: the two-month delay "
                    "before the tribunal administratif only runs if the act states it "
                    "(article R421-5 of the code de justice administrative).", strict)
        return
    for mention in mentions:
        start = max(0, text.rfind("\n", 0, mention.start()))
        end = text.find("\n", mention.end())
        passage = text[start:end if end > 0 else len(text)]
        report.need(_has(r"deux mois|2 mois", passage), "appeal.delay",
                    "The appeal mention does not give the two-month delay (R421-5 CJA).")
        report.need(_has(r"tribunal administratif", passage), "appeal.court",
                    "The appeal mention does not name the tribunal administratif.")
        report.need(_has(r"t[ée]l[ée]recours", passage), "appeal.telerecours",
                    "The appeal mention does not cite Télérecours citoyens "
                    "(www.telerecours.fr).", strict)


def _number(label: str, text: str) -> int | None:
    """A count written 'Présents : 18' (or '18 présents')."""
    m = re.search(r"\b(?:" + label + r")\s*(?::|=)\s*(\d{1,4})\b", text, re.IGNORECASE)
    if m is None:
        m = re.search(r"\b(\d{1,4})\s+(?:membres\s+)?(?:" + label + r")\b", text,
                      re.IGNORECASE)
    return int(m.group(1)) if m else None


def _deliberation(text: str, report: Report, strict: bool, facts: dict[str, Any]) -> None:
    report.need(_has(r"conseil (?:municipal|communautaire|départemental|régional|syndical|"
                     r"d.administration)", text), "deliberation.assembly",
                "The assembly (conseil municipal …) is not named.")
    report.need(_has(r"s[ée]ance", text) and _has(r"convo", text), "deliberation.session",
                "The session header (date of the session and of the convocation) is missing.",
                strict)
    report.need(_has(r"secr[ée]taire de s[ée]ance", text), "deliberation.secretary",
                "The secrétaire de séance is not named.", strict)
    report.need(_has(r"rapporteur", text), "deliberation.rapporteur",
                "The rapporteur is not named.", strict)
    report.need(_has(r"apr[èe]s en avoir d[ée]lib[ée]r[ée]", text), "deliberation.formula",
                "The formula 'après en avoir délibéré' is missing.", strict)
    report.need(bool(_DECISION_VERB.search(text)) or bool(_ARTICLE_HEAD.search(text)),
                "deliberation.decision", "No decision (DÉCIDE, APPROUVE, Article 1 …).")
    _tally(text, report, strict)


def _tally(text: str, report: Report, strict: bool) -> None:
    in_office = _number(r"en exercice|membres en exercice", text)
    present = _number(r"pr[ée]sents", text)
    represented = _number(r"repr[ée]sent[ée]s|pouvoirs|procurations", text) or 0
    unanimous = _has(r"unanimit[ée]", text)
    votes = [_number(r"pour", text), _number(r"contre", text), _number(r"abstentions?", text)]
    voters = _number(r"votants", text)
    has_tally = unanimous or votes[0] is not None
    report.need(in_office is not None and present is not None, "deliberation.members",
                "The numbers of members in office and present are missing.", strict)
    report.need(has_tally, "deliberation.vote", "The vote tally (pour, contre, abstentions "
                "or unanimité) is missing.", strict)
    if in_office is None or present is None:
        return
    if voters is not None and voters > present + represented:
        report.add("deliberation.voters", "error",
                   "{voters} voters but only {members} members present or represented.",
                   voters=voters, members=present + represented)
    if votes[0] is None:
        votes[0] = (voters or present + represented) if unanimous else 0
    vote = Vote(votes[0] or 0, votes[1] or 0, votes[2] or 0, unanimous)
    second = _has(r"seconde convocation|sans condition de quorum", text)
    for problem in tally_problems(in_office, present, represented, vote, second):
        report.add("deliberation.tally", "error", problem)


def _letter(text: str, report: Report, strict: bool, facts: dict[str, Any]) -> None:
    report.need(_has(r"^\W{0,4}objet\s*:", text), "letter.subject", "No 'Objet :' line.", strict)
    report.need(_has(r"\br[ée]f(?:[ée]rence)?\.?\s*:|N/R[ée]f", text), "letter.reference",
                "No reference ('Réf. :').", strict)
    report.need(_has(r"affaire suivie par", text), "letter.followed_by",
                "No 'Affaire suivie par' (who to contact).", strict)
    recipient = str((facts.get("destinataire") or {}).get("type", "")).lower()
    polite = _POLITENESS.search(text)
    if recipient == "administration":
        report.need(polite is None, "letter.politeness", "A letter between administrations "
                    "carries no politeness formula; remove '{formula}'.",
                    formula=polite.group(0) if polite else "")
    elif recipient or strict:
        report.need(polite is not None, "letter.politeness",
                    "No politeness formula for a recipient outside the administration.",
                    strict)
    attachments = (facts.get("pieces_jointes") or [])
    if attachments:
        report.need(_has(r"^\W{0,4}P\.\s?J\.", text, re.MULTILINE), "letter.attachments",
                    "Attachments are listed in the facts but there is no 'P.J.' line.")


def _note(text: str, report: Report, strict: bool, facts: dict[str, Any]) -> None:
    _sections(text, report, strict, "note", ("objet", "contexte", "analyse", "proposition"))
    first = re.findall(r"\b(?:je|j'|j’|me|moi|mon|ma|mes)\b", text, re.IGNORECASE)
    report.need(not first, "note.impersonal",
                "A note is impersonal: remove the first person ({words}).", strict,
                words=", ".join(sorted(set(w.lower() for w in first))))


def _briefing(text: str, report: Report, strict: bool, facts: dict[str, Any]) -> None:
    _sections(text, report, strict, "briefing",
              ("objet", "faits essentiels", "enjeux", "options", "points d.attention"))


def _instruction(text: str, report: Report, strict: bool, facts: dict[str, Any]) -> None:
    _sections(text, report, strict, "instruction",
              ("objectif", "étapes|etapes", "contacts", "que faire si|en cas de"))


def _sections(text: str, report: Report, strict: bool, kind: str,
              names: tuple[str, ...]) -> None:
    for name in names:
        label = name.split("|")[0].replace(".", "'")
        report.need(_has(r"^\W{0,6}(?:" + name + r")\b", text), f"{kind}.section",
                    "The part '{part}' is missing.", strict, part=label)


_CHECKS: dict[str, Callable[[str, Report, bool, dict[str, Any]], None]] = {
    "arrete": _arrete, "deliberation": _deliberation, "courrier": _letter, "note": _note,
    "briefing": _briefing, "instruction": _instruction,
}
