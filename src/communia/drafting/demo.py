"""Demo drafts: one arrêté, one délibération and one letter from the benchmark fact sets."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from communia.bootstrap import Runtime
from communia.drafting import service
from communia.drafting.tables import DraftingRecord

DEMO_FACTS: dict[str, dict[str, Any]] = {
    "arrete": {
        "numero": "2026-045", "autorite": "Le Maire de la commune de Démoville",
        "objet": "portant réglementation temporaire de la circulation rue des Tilleuls",
        "visas": ["le code général des collectivités territoriales, notamment ses articles "
                  "L. 2212-1, L. 2212-2 et L. 2213-1",
                  "le code de la route, notamment ses articles R. 411-8 et R. 417-10"],
        "considerants": ["que des travaux de réfection du réseau d'eau potable seront réalisés "
                         "rue des Tilleuls du 9 au 20 mars 2026",
                         "qu'il convient d'assurer la sécurité des usagers et des intervenants"],
        "articles": ["Du 9 mars 2026 au 20 mars 2026, la circulation est interdite rue des "
                     "Tilleuls, sauf pour les véhicules de secours et les riverains",
                     "Une déviation est mise en place par la rue Pasteur"],
        "execution": ["le directeur général des services", "le chef de la police municipale"],
        "tribunal_administratif": "Lyon", "lieu": "Démoville", "date": "2026-03-02",
        "signataire": {"nom": "Claire Fontaine", "qualite": "La Maire"},
    },
    "deliberation": {
        "numero": "2026-012", "collectivite": "Commune de Démoville",
        "objet": "Tarifs de la restauration scolaire",
        "seance": {"date": "2026-06-02", "convocation": "2026-05-27",
                   "president": "Claire Fontaine, maire"},
        "membres": {"en_exercice": 23, "presents": 19, "representes": 3},
        "secretaire": "Mme Léa Fournier", "rapporteur": "Mme Françoise Perrin, adjointe",
        "expose": ["Le coût de revient d'un repas s'élève à 8,40 euros en 2025",
                   "Le tarif de 3,60 euros n'a pas été révisé depuis 2023"],
        "decisions": ["FIXE le prix du repas à 3,80 euros à compter du 1er septembre 2026"],
        "vote": {"pour": 20, "contre": 1, "abstentions": 1}, "lieu": "Démoville",
        "signataire": {"nom": "Claire Fontaine", "qualite": "La Maire"},
    },
    "courrier": {
        "reference": "ST/2026/113", "affaire_suivie_par": "Services techniques — 01 23 45 67 89",
        "objet": "Travaux rue des Tilleuls",
        "destinataire": {"type": "particulier", "nom": "Madame Claire Dubois",
                         "adresse": ["12 rue des Tilleuls", "00000 Démoville"],
                         "appel": "Madame"},
        "lieu": "Démoville", "date": "2026-03-03",
        "points": ["Des travaux sur le réseau d'eau potable auront lieu du 9 au 20 mars 2026",
                   "L'accès à votre domicile restera possible à pied"],
        "signataire": {"nom": "Claire Fontaine", "qualite": "La Maire"},
    },
}


def load(runtime: Runtime) -> list[str]:
    """Draft the demo documents once (template wording); return what was added."""
    with runtime.db.session() as session:
        if session.scalars(select(DraftingRecord).where(
                DraftingRecord.created_by == "agent")).first() is not None:
            return []
    done = []
    for kind, facts in DEMO_FACTS.items():
        drafted = service.draft(runtime, service.DraftRequest(kind, facts, "agent",
                                                              use_model=False))
        done.append(f"drafting: {kind} '{drafted.title[:60]}' (draft, awaiting review)")
    return done

