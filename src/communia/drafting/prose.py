"""Model prose inside the structure: one schema-constrained call fills the prose sections.

The model sees the facts and the deterministic wording of each prose section and
returns JSON with one list of paragraphs per section. A section is kept only if it
states every fact of the template's wording and adds no number, date or legal
reference absent from the facts; otherwise the template's wording stays and a
notice says why. Headers, visas, articles, tallies and appeal routes are never
sent for rewriting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from communia.ai.gateway import Gateway, Task
from communia.drafting.grounding import added_facts, lost_facts
from communia.drafting.messages import Message
from communia.drafting.templates import DraftDocument, ground_clause

SYSTEM = (
    "Tu es un rédacteur administratif d'une collectivité territoriale française. "
    "Tu améliores la rédaction de sections d'un document, en français administratif "
    "clair, sans rien inventer : utilise uniquement les faits fournis, ne cite aucun "
    "texte juridique, aucun nombre et aucune date qui n'y figurent pas, garde chaque "
    "fait. Tu ne prends aucune décision. Réponds en JSON selon le schéma."
)
LABELS = {
    "considerants": "considérants (motifs de l'arrêté, chacun commençant par « que »)",
    "expose": "exposé des motifs de la délibération",
    "body": "corps du courrier (sans formule d'appel ni de politesse)",
    "context": "contexte de la note (style impersonnel)",
    "analysis": "analyse de la note (style impersonnel)",
    "proposal": "proposition de la note (style impersonnel)",
    "key_facts": "faits essentiels de la note de synthèse",
    "purpose": "objectif de la fiche d'instruction",
}
# The prose sections as notes name them for people (English, translated where shown).
SECTION_NAMES = {
    "considerants": "considérants", "expose": "exposé des motifs", "body": "body of the letter",
    "context": "context", "analysis": "analysis", "proposal": "proposal",
    "key_facts": "key facts", "purpose": "purpose",
}


@dataclass
class ProseResult:
    """The document with accepted prose, notices for refused sections, gateway drafts."""

    document: DraftDocument
    notices: list[Message] = field(default_factory=list)
    model_drafts: list[str] = field(default_factory=list)
    accepted: list[str] = field(default_factory=list)


def schema_for(keys: list[str]) -> dict[str, Any]:
    """JSON schema: one array of paragraphs per prose section."""
    item = {"type": "array", "items": {"type": "string"},
            "minItems": 1, "maxItems": 8}
    return {"type": "object", "properties": {k: item for k in keys}, "required": keys,
            "additionalProperties": False}


def prompt_for(document: DraftDocument, facts: str, keys: list[str]) -> str:
    parts = [f"Faits fournis par l'agent (seule source autorisée) :\n{facts}\n",
             f"Type de document : {document.kind}. Sections à rédiger :"]
    for key in keys:
        current = "\n".join(_bare(line) for line in document.section(key).lines)
        parts.append(f"\n[{key}] {LABELS.get(key, key)}\nRédaction actuelle :\n{current}")
    return "\n".join(parts)


def _bare(line: str) -> str:
    return re.sub(r"^(?:CONSIDÉRANT\s+|-\s+)", "", line).rstrip(" ;,")


def request_for(kind: str, keys: list[str]) -> str:
    """What the decision guard reads for a prose call (tested to pass it for every kind)."""
    return f"Rédiger les sections {', '.join(keys)} d'un document {kind}."


def prose_keys(document: DraftDocument) -> list[str]:
    """The sections of a document the model is asked to write."""
    return [s.key for s in document.sections if s.prose and s.lines]


def write(gateway: Gateway, document: DraftDocument, facts: str, actor: str,
          use_case: str) -> ProseResult:
    """Ask the model for the prose sections; keep only grounded ones. Raises gateway errors."""
    keys = prose_keys(document)
    result = ProseResult(document)
    if not keys:
        return result
    answer = gateway.run(Task(
        use_case=use_case, actor=actor, template=f"drafting/{document.kind}/prose/v1",
        system=SYSTEM, prompt=prompt_for(document, facts, keys),
        request=request_for(document.kind, keys),
        schema=schema_for(keys), kind=f"drafting.{document.kind}.prose",
        title=f"{document.title} (prose)", max_tokens=900, material=True,
    ))
    result.model_drafts.append(answer.draft_id)
    data = answer.data if isinstance(answer.data, dict) else {}
    for key in keys:
        _apply(result, key, data.get(key), facts)
    return result


def _apply(result: ProseResult, key: str, paragraphs: Any, facts: str) -> None:
    if not isinstance(paragraphs, list) or not all(isinstance(p, str) and p.strip()
                                                   for p in paragraphs) or not paragraphs:
        result.notices.append(Message("Section '{section}': the model gave no usable prose; "
                                      "the template's wording is kept.",
                                      {"section": _section(key)}))
        return
    before = "\n".join(result.document.section(key).lines)
    lines = _format(key, [" ".join(p.split()) for p in paragraphs])
    after = "\n".join(lines)
    lost = lost_facts(before, after)
    extra = added_facts(after, facts)
    grounds = new_grounds(result.document.section(key).lines, lines) \
        if key == "considerants" else []
    if grounds and not (lost or extra):
        result.notices.append(Message("Section '{section}': the model's prose was refused "
                                      "because it gives grounds the agent did not give "
                                      "({grounds}); the template's wording is kept.",
                                      {"section": _section(key),
                                       "grounds": " ; ".join(grounds[:3])}))
        return
    if lost or extra:
        why = (Message("it dropped {facts}", {"facts": ", ".join(lost[:4])}) if lost else
               Message("it added {facts}, absent from the facts",
                       {"facts": ", ".join(extra[:4])}))
        result.notices.append(Message("Section '{section}': the model's prose was refused "
                                      "because {why}; the template's wording is kept.",
                                      {"section": _section(key), "why": why}))
        return
    result.document = result.document.with_section(key, lines)
    result.accepted.append(key)


_WORD = re.compile(r"[^\W\d_]{4,}")
_COMMON = frozenset({"que", "qu", "considérant", "considerant", "dont", "elle", "elles",
                     "dans", "pour", "avec", "sans", "sont", "cette", "ces", "leur", "leurs",
                     "ainsi", "aussi", "lors", "donc", "afin", "être", "avoir"})


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)} - _COMMON


def new_grounds(given: tuple[str, ...], written: tuple[str, ...]) -> list[str]:
    """Considérants of the model that are not grounds the agent gave.

    An arrêté's grounds are the agent's: the model may reword them, not add one. A
    written ground counts as given when at least half its words come from one given
    ground; more grounds than were given means some were added.
    """
    sources = [_words(g) for g in given]
    added = []
    for line in written:
        words = _words(line)
        if words and not any(len(words & source) * 2 >= len(words) for source in sources):
            added.append(_bare(line))
    if not added and len(written) > len(given):
        added = [_bare(line) for line in written[len(given):]]
    return added


def _section(key: str) -> Message:
    return Message(SECTION_NAMES.get(key, key))


def _format(key: str, paragraphs: list[str]) -> tuple[str, ...]:
    if key == "considerants":
        clauses = [ground_clause(p) for p in paragraphs]
        return tuple(f"CONSIDÉRANT {c}{' ;' if i < len(clauses) - 1 else ','}"
                     for i, c in enumerate(clauses))
    if key == "key_facts":
        return tuple(f"- {p.lstrip('- ')}" for p in paragraphs)
    return tuple(paragraphs)
