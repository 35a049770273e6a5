"""Seeded generator of realistic applications for an animateur post, with known ground truth.

Each candidate has latent facts (qualification, first aid, licence, years with
6–12-year-olds, activity design, families, safety rules) written the many ways CVs
write them: PDF (one or two columns, ligature font) or DOCX, French or English, with
or without a cover letter, dates in several formats, distractor jobs (teenagers,
retail, care homes). The truth per criterion is what a careful reader would say.
"""

from __future__ import annotations

import random
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from faker import Faker

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.unit.documents import builders  # noqa: E402

TODAY = (2025, 6)
WEIGHTS = {"qualification": 3, "first_aid": 2, "driving_licence": 1, "experience_children": 3,
           "activity_project": 2, "families": 1, "safety_rules": 1}
VALUE = {"met": 1.0, "partial": 0.5, "not_found": 0.0}
FR_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
             "septembre", "octobre", "novembre", "décembre")
EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")

QUALIFICATIONS = {
    "fr": {"met": ["BAFA (obtenu en {y})", "BAFA complet — {y}", "B.A.F.A. obtenu en {y}",
                   "BPJEPS Loisirs tous publics ({y})", "CPJEPS animateur d'activités et de vie "
                   "quotidienne, {y}", "CAP Accompagnant éducatif petite enfance ({y})",
                   "Diplôme de moniteur-éducateur ({y})",
                   "Brevet d'aptitude aux fonctions d'animateur, {y}"],
           "partial": ["BAFA en cours (formation générale validée en {y})",
                       "BAFA : stage pratique en cours", "BPJEPS en cours de formation"]},
    "en": {"met": ["Level 3 Diploma in Playwork ({y})", "BAFA (French youth-work certificate), "
                   "{y}", "Diploma in Youth Work ({y})"],
           "partial": ["BAFA in progress (theory course passed in {y})",
                       "Playwork diploma in progress"]},
}
FIRST_AID = {"fr": {"met": ["PSC1 ({y})", "PSC 1 — {y}", "Sauveteur secouriste du travail (SST)",
                            "PSE1 (premiers secours en équipe)", "Attestation de premiers secours"
                            " (PSC1)"],
                    "partial": ["PSC1 en cours de recyclage"]},
             "en": {"met": ["First aid certificate ({y})", "Paediatric first aid ({y})",
                            "Emergency first aid at work"],
                    "partial": ["First aid certificate (expired, renewal booked)"]}}
LICENCE = {"fr": {"met": ["Permis B", "Permis de conduire B, véhicule personnel",
                          "Permis B depuis {y}"],
                  "partial": ["Permis B en cours (code obtenu)", "Permis en cours"]},
           "en": {"met": ["Full clean driving licence", "Driving licence (category B)"],
                  "partial": ["Provisional driving licence, lessons ongoing"]}}
ACTIVITY = {"fr": ["Conception et animation d'activités manuelles et de grands jeux",
                   "J'ai mis en place des activités autour du jardinage et de la cuisine",
                   "Rédaction du projet pédagogique de l'été et du planning d'activités",
                   "Préparation et animation d'ateliers créatifs le mercredi",
                   "Organisation des activités sportives et des sorties du centre"],
            "en": ["Planned and led arts, crafts and outdoor games",
                   "Designed the weekly activity programme for the holiday club",
                   "Ran workshops on science and nature every Wednesday"]}
FAMILIES = {"fr": ["Accueil des familles le soir et transmission des informations aux parents",
                   "Lien quotidien avec les familles", "Échanges réguliers avec les parents"],
            "en": ["Daily handover to parents at pick-up", "Kept families informed every week"]}
SAFETY = {"fr": ["Respect de la réglementation des accueils collectifs de mineurs (taux "
                 "d'encadrement)", "Application des consignes de sécurité lors des sorties",
                 "Connaissance de la réglementation ACM"],
          "en": ["Safeguarding training (level 2)", "Wrote risk assessments for every outing"]}
CHILD_JOBS = {"fr": ["Anima{a} en accueil de loisirs, enfants de 6 à 12 ans",
                     "Anima{a} périscolaire, école élémentaire {place}",
                     "Anima{a} en centre de loisirs (6-11 ans)",
                     "Anima{a} en séjour de vacances, enfants de 7 à 12 ans"],
              "en": ["Playworker, after-school club for children aged 5-11",
                     "Activity leader, holiday club (children 6-12)",
                     "Camp counsellor, summer camp for kids aged 8-12"]}
OTHER_JOBS = {"fr": ["Vendeu{se} en prêt-à-porter, {place}", "Anima{a} ados (11-17 ans), "
                     "maison des jeunes de {place}", "Agent d'accueil, mairie de {place}",
                     "Employé{e} en restauration rapide", "Aide-soignant{e} en EHPAD"],
              "en": ["Sales assistant, {place}", "Youth worker with teenagers (13-17), {place}",
                     "Barista, coffee shop", "Care assistant in a nursing home"]}


@dataclass
class Application:
    """One generated candidate: files (name, bytes), truth per criterion, true fit."""

    key: str
    lang: str
    files: list[tuple[str, bytes]]
    truth: dict[str, str]
    fit: float = 0.0
    texts: list[str] = field(default_factory=list)


def _status(rng: random.Random, met: float, partial: float) -> str:
    roll = rng.random()
    return "met" if roll < met else "partial" if roll < met + partial else "not_found"


def _period(rng: random.Random, months: int, end: int, lang: str) -> str:
    """A dated range of ``months`` ending ``end`` months before TODAY, in a varied format."""
    last = TODAY[0] * 12 + TODAY[1] - 1 - end
    first = last - months + 1
    (y1, m1), (y2, m2) = divmod(first, 12), divmod(last, 12)
    style = rng.randrange(4)
    names = FR_MONTHS if lang == "fr" else EN_MONTHS
    now = end == 0 and rng.random() < 0.5
    tail = ("aujourd'hui" if lang == "fr" else "present") if now else None
    if style == 0:
        return f"{m1 + 1:02d}/{y1} – {tail or f'{m2 + 1:02d}/{y2}'}"
    if style == 1:
        return f"{names[m1].capitalize()} {y1} - {tail or names[m2] + ' ' + str(y2)}"
    if style == 2 and lang == "fr":
        return f"De {names[m1]} {y1} à {tail or names[m2] + ' ' + str(y2)}"
    return f"{names[m1][:3]}. {y1} – {tail or names[m2][:3] + '. ' + str(y2)}"


def _experience(rng: random.Random, lang: str, years: float, g: dict[str, str],
                place: str) -> list[str]:
    lines: list[str] = []
    if years > 0:
        months, end = int(years * 12), rng.choice([0, 0, 3, 10])
        job = rng.choice(CHILD_JOBS[lang]).format(place=place, **g)
        if rng.random() < 0.2:
            stated = int(years) if years >= 1 else None
            if stated:
                lines.append(f"{stated} ans d'expérience auprès d'enfants de 6 à 12 ans"
                             if lang == "fr" else
                             f"{stated} years of experience with children aged 6 to 12")
        lines += [_period(rng, months, end, lang), job]
    for _ in range(rng.randrange(1, 3)):
        months, end = rng.choice([6, 12, 24, 30]), rng.choice([36, 60, 84])
        lines += [_period(rng, months, end, lang),
                  rng.choice(OTHER_JOBS[lang]).format(place=place, **g)]
    return lines


def _gender(rng: random.Random) -> tuple[str, dict[str, str]]:
    if rng.random() < 0.5:
        return "F", {"a": "trice", "e": "e", "se": "se"}
    return "M", {"a": "teur", "e": "", "se": "r"}


def generate_applications(n: int = 80, seed: int = 4) -> list[Application]:
    """``n`` seeded applications, files named by candidate, with their truth."""
    rng = random.Random(seed)
    apps: list[Application] = []
    names: set[str] = set()
    for index in range(n):
        lang = "fr" if rng.random() < 0.7 else "en"
        fake = Faker("fr_FR" if lang == "fr" else "en_GB")
        fake.seed_instance(seed * 1000 + index)
        sex, g = _gender(rng)
        first = fake.first_name_female() if sex == "F" else fake.first_name_male()
        last = fake.last_name()
        while f"{first} {last}" in names:
            last = fake.last_name()
        names.add(f"{first} {last}")
        apps.append(_one(rng, fake, lang, first, last, g, index))
    return apps


def _one(rng: random.Random, fake: Faker, lang: str, first: str, last: str,
         g: dict[str, str], index: int) -> Application:
    truth = {"qualification": _status(rng, 0.55, 0.15), "first_aid": _status(rng, 0.55, 0.05),
             "driving_licence": _status(rng, 0.55, 0.1), "activity_project":
             _status(rng, 0.6, 0.0), "families": _status(rng, 0.45, 0.0),
             "safety_rules": _status(rng, 0.35, 0.0)}
    years = rng.choice([0, 0, 0.5, 1, 1.5, 2, 2.5, 3, 4, 6])
    truth["experience_children"] = "met" if years >= 2 else "partial" if years else "not_found"
    place = fake.city()
    y = str(rng.randrange(2012, 2024))

    def pick(table: dict[str, dict[str, list[str]]], key: str) -> str | None:
        if truth[key] == "not_found":
            return None
        return rng.choice(table[lang][truth[key]]).format(y=y)

    diplomas = [d for d in (pick(QUALIFICATIONS, "qualification"), pick(FIRST_AID, "first_aid"),
                            pick(LICENCE, "driving_licence")) if d]
    skills = [rng.choice(t[lang]) for t, k in ((ACTIVITY, "activity_project"),
                                               (FAMILIES, "families"), (SAFETY, "safety_rules"))
              if truth[k] == "met"]
    experience = _experience(rng, lang, years, g, place)
    header = [f"{first} {last}", fake.email(), fake.phone_number(),
              fake.address().replace("\n", ", ")]
    titles = ("Diplômes et formations", "Expérience", "Compétences", "Centres d'intérêt") \
        if lang == "fr" else ("Qualifications", "Experience", "Skills", "Interests")
    hobbies = rng.choice(["Théâtre, randonnée, cuisine", "Football, guitare",
                          "Lecture et photographie"] if lang == "fr"
                         else ["Hiking, drama, cooking", "Football and guitar"])
    letter_skills = []
    if skills and rng.random() < 0.4:  # some skills appear only in the cover letter
        letter_skills.append(skills.pop())
    left = [*header, titles[0], *diplomas, titles[2], *(skills or ["—"])]
    right = [titles[1], *experience, titles[3], hobbies]
    stem = f"{last}_{first}".replace(" ", "-")
    layout = rng.choice(["pdf", "pdf", "two_column", "docx", "docx", "ligature"])
    if layout == "two_column":
        cv = ("pdf", builders.make_two_column_pdf(f"{first} {last}", left[1:], right))
    elif layout == "docx":
        cv = ("docx", builders.make_docx([*left, *right]))
    elif layout == "ligature":
        cv = ("pdf", builders.make_ligature_pdf(
            [part for line in [*left, *right] for part in textwrap.wrap(line, 70)]))
    else:
        cv = ("pdf", builders.make_pdf([*left, *right]))
    files = [(f"{stem}_CV.{cv[0]}", cv[1])]
    texts = ["\n".join([*left, *right])]
    if letter_skills or rng.random() < 0.5:
        letter = _letter(rng, lang, letter_skills)
        kind = rng.choice(["docx", "pdf"])
        data = builders.make_docx(letter) if kind == "docx" else builders.make_pdf(letter)
        files.append((f"{stem}_lettre_motivation.{kind}" if lang == "fr"
                      else f"{stem}_cover_letter.{kind}", data))
        texts.append("\n".join(letter))
    fit = sum(WEIGHTS[k] * VALUE[v] for k, v in truth.items()) / sum(WEIGHTS.values()) * 100
    return Application(f"A{index:03d}", lang, files, truth, round(fit, 1), texts)


def _letter(rng: random.Random, lang: str, skills: list[str]) -> list[str]:
    if lang == "fr":
        body = ["Madame, Monsieur,",
                "Je vous adresse ma candidature au poste d'animateur enfance de votre commune.",
                "Le travail auprès des enfants me tient à cœur et je souhaite m'investir dans "
                "votre équipe."]
        body += [f"Dans mes expériences précédentes : {s.lower()}." for s in skills]
        body.append("Je vous prie d'agréer, Madame, Monsieur, mes salutations distinguées.")
    else:
        body = ["Dear Sir or Madam,", "I am applying for the facilitator post in your town.",
                "Working with children is what I enjoy most."]
        body += [f"In my previous roles: {s[0].lower() + s[1:]}." for s in skills]
        body.append("Yours faithfully,")
    return body


def write_applications(apps: list[Application], folder: Path) -> None:
    """Write every file of every application flat into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for app in apps:
        for name, data in app.files:
            (folder / name).write_bytes(data)
