"""Render seeded French and English administrative texts with gold personal-data spans.

Usage: ``generate_documents(500, seed=7)``. Each template is a list of blocks; one
alternative is drawn per block, then its slots are filled from Faker values.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from faker import Faker

from .people import Person, make_person
from .templates_en import EN_TEMPLATES
from .templates_fr import FR_TEMPLATES

SLOT = re.compile(r"\{(?:([A-Z_]+):)?([a-z_0-9.]+)\}")
FR_LOCALE, EN_LOCALES = "fr_FR", ("en_GB", "en_GB", "en_US")


@dataclass(frozen=True)
class GoldSpan:
    """One gold entity: offsets into the document text and its label."""

    start: int
    end: int
    label: str


@dataclass(frozen=True)
class Document:
    """A generated text, its language, its template kind and gold spans."""

    text: str
    lang: str
    kind: str
    spans: tuple[GoldSpan, ...]


def _fillers(fake: Faker, french: Faker, rng: random.Random, lang: str) -> dict[str, str]:
    """Return non-personal filler values, several chosen to look like identifiers."""
    year = rng.randint(2012, 2024)
    city = fake.city()
    return {
        "city": city,
        "city_upper": city.upper(),
        "date": fake.date_between("-2y", "today").strftime(
            "%d/%m/%Y" if lang == "fr" else "%d %B %Y"
        ),
        "date2": fake.date_between("-1y", "+1y").strftime(
            "%d/%m/%Y" if lang == "fr" else "%d %B %Y"
        ),
        "ref": f"{year}-{rng.randint(1000, 99999)}",
        "ref2": f"JB{rng.randint(100000, 999999)}",
        "amount": f"{rng.randint(20, 9000)},{rng.randint(0, 99):02d} €",
        "amount_gbp": f"£{rng.randint(20, 9000):,}.{rng.randint(0, 99):02d}",
        "org": fake.company(),
        "org2": fake.company(),
        "job": fake.job(),
        "job2": fake.job(),
        "service": rng.choice(
            ["de l'urbanisme", "état civil", "logement", "des affaires scolaires"]
        ),
        "domain": rng.choice(["service-public.fr", "mairie-exemple.fr", "gov.uk", "ants.gouv.fr"]),
        "domain2": fake.domain_name(),
        "year": str(year),
        "year2": str(year - rng.randint(3, 9)),
        "year_next": str(year + 1),
        "count": str(rng.randint(2, 9)),
        "count_small": str(rng.randint(1, 2)),
        "caf": str(rng.randint(1000000, 9999999)),
        "hour": f"{rng.randint(7, 20)}h{rng.choice(['00', '15', '30', '45'])}",
        "hour2": f"{rng.randint(7, 20)}h{rng.choice(['05', '20', '40'])}",
        "siret": french.siret(),
        "siren": french.siren(),
        "iban_org": fake.iban(),
    }


def _person_value(people: dict[str, Person], field: str, rng: random.Random) -> tuple[str, str]:
    """Return (prefix, value) for a person field such as ``p.full`` or ``p.prefix_name``."""
    who, attribute = field.split(".", 1)
    person = people[who]
    if attribute == "prefix_name":
        return person.name_variants(rng)
    if attribute == "full":
        return "", f"{person.first} {person.last}"
    if attribute == "id":
        return "", person.id_number
    return "", str(getattr(person, attribute))


def _render(
    blocks: list[list[str]], values: dict[str, str], people: dict[str, Person], rng: random.Random
) -> tuple[str, list[GoldSpan]]:
    """Draw one alternative per block and fill its slots, recording gold spans."""
    parts: list[str] = []
    spans: list[GoldSpan] = []
    length = 0
    for block in blocks:
        template = rng.choice(block)
        last = 0
        for match in SLOT.finditer(template):
            label, field = match.group(1), match.group(2)
            literal = template[last : match.start()]
            if "." in field:
                prefix, value = _person_value(people, field, rng)
                if field.endswith("prefix_name"):
                    label = "PERSON"
            else:
                prefix, value = "", values[field]
            parts.append(literal + prefix)
            length += len(literal) + len(prefix)
            if label and value:
                spans.append(GoldSpan(length, length + len(value), label))
            parts.append(value)
            length += len(value)
            last = match.end()
        parts.append(template[last:])
        length += len(template) - last
    return "".join(parts), spans


def generate_documents(count: int = 600, seed: int = 7) -> list[Document]:
    """Return ``count`` documents, about 60 % French and 40 % English, reproducibly."""
    rng = random.Random(seed)
    # Sorted: a set's order changes with each process's string hashing, and with it which
    # seed each locale got, so two runs used to benchmark different documents.
    fakers = {loc: Faker(loc) for loc in (FR_LOCALE, *sorted(set(EN_LOCALES)))}
    for offset, fake in enumerate(fakers.values()):
        fake.seed_instance(seed + offset)
    documents: list[Document] = []
    for _ in range(count):
        lang = "fr" if rng.random() < 0.6 else "en"
        locale = FR_LOCALE if lang == "fr" else rng.choice(EN_LOCALES)
        fake = fakers[locale]
        templates = FR_TEMPLATES if lang == "fr" else EN_TEMPLATES
        kind = rng.choice(sorted(templates))
        people = {k: make_person(fake, rng, lang) for k in ("p", "q", "r", "c")}
        text, spans = _render(
            templates[kind], _fillers(fake, fakers[FR_LOCALE], rng, lang), people, rng
        )
        documents.append(Document(text, lang, kind, tuple(spans)))
    return documents
