"""Profiles and applications for the recruitment tests (realistic, built in memory)."""

from __future__ import annotations

from communia.recruitment.catalogue import KNOWN
from communia.recruitment.evidence import Reader, SourceText
from communia.recruitment.model import JobProfile, match_score

TODAY = (2025, 6)

CV_FR = """Inès Marchand
inès.marchand@example.org — 06 12 34 56 78
12 rue des Acacias, 69003 Lyon
Née le 14/02/1999, 26 ans, célibataire, nationalité française

EXPÉRIENCE
Septembre 2021 - juin 2024
Animatrice en accueil de loisirs, enfants de 6 à 12 ans
Préparation et animation d'ateliers créatifs le mercredi

2019 - 2020
Vendeuse en boulangerie

DIPLÔMES
BAFA (2020)
PSC1 (2019)
Permis B en cours
"""


def profile() -> JobProfile:
    """The catalogue profile for an animateur post, frozen."""
    return JobProfile("Animateur enfance", tuple(k.criterion for k in KNOWN)).freeze()


def score_of(texts: list[str], job: JobProfile | None = None) -> float:
    """The match score of an application given as visible texts."""
    job = job or profile()
    reader = Reader(job, TODAY)
    return match_score(job, reader.read([SourceText(f"f{i}", t) for i, t in enumerate(texts)]))
