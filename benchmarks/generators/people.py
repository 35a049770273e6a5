"""Fake people and their identifiers, written the many ways real documents write them."""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass

from faker import Faker

FR_MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
PROFILE_SITES = (
    "https://www.linkedin.com/in/{slug}",
    "https://fr.linkedin.com/in/{slug}-{n}",
    "linkedin.com/in/{slug}",
    "https://www.facebook.com/{slug}",
    "https://twitter.com/{handle}",
    "https://x.com/{handle}",
    "https://github.com/{handle}",
    "https://www.instagram.com/{handle}/",
)


def _ascii(value: str) -> str:
    """Strip accents and spaces for e-mail and URL slugs."""
    plain = unicodedata.normalize("NFKD", value)
    return "".join(c for c in plain if c.isalnum() and c.isascii()).lower()


@dataclass
class Person:
    """A fake person with every identifier a document could mention."""

    first: str
    last: str
    title: str
    email: str
    phone: str
    address: str
    birth: str
    nir: str
    iban: str
    id_number: str
    plate: str
    ip: str
    profile: str

    def name_variants(self, rng: random.Random) -> tuple[str, str]:
        """Return (written prefix, gold name) for one mention of this person."""
        style = rng.random()
        if style < 0.45:
            return "", f"{self.first} {self.last}"
        if style < 0.6:
            return "", f"{self.last.upper()} {self.first}"
        if style < 0.7:
            return "", f"{self.first} {self.last.upper()}"
        if style < 0.85:
            return f"{self.title} ", self.last
        return f"{self.title} ", f"{self.first} {self.last}"


def _date(rng: random.Random, fake: Faker, lang: str) -> str:
    """Return a birth date in one of the formats people write."""
    born = fake.date_of_birth(minimum_age=18, maximum_age=85)
    style = rng.randrange(4)
    if style == 0:
        return born.strftime("%d/%m/%Y")
    if style == 1 and lang == "fr":
        day = "1er" if born.day == 1 else str(born.day)
        return f"{day} {FR_MONTHS[born.month - 1]} {born.year}"
    if style == 1:
        return f"{born.day} {EN_MONTHS[born.month - 1]} {born.year}"
    if style == 2 and lang == "en":
        return f"{EN_MONTHS[born.month - 1]} {born.day}, {born.year}"
    if style == 2:
        return born.strftime("%d.%m.%Y")
    return born.strftime("%d-%m-%Y") if lang == "fr" else born.strftime("%Y-%m-%d")


def _spaced(value: str, rng: random.Random, groups: tuple[int, ...]) -> str:
    """Write ``value`` compact or in the given digit groups."""
    compact = value.replace(" ", "")
    if rng.random() < 0.4:
        return compact
    parts, pos = [], 0
    for size in groups:
        parts.append(compact[pos : pos + size])
        pos += size
    if pos < len(compact):
        parts.append(compact[pos:])
    return " ".join(p for p in parts if p)


def _iban(fake: Faker, rng: random.Random) -> str:
    """Return an IBAN, compact or in groups of four."""
    iban = fake.iban()
    if rng.random() < 0.5:
        return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))
    return iban


def _id_number(fake: Faker, rng: random.Random, lang: str) -> str:
    """Return an identity card or passport number."""
    if lang == "en":
        return (
            fake.bothify("#########") if rng.random() < 0.6 else fake.bothify("??#######").upper()
        )
    if rng.random() < 0.5:
        return fake.bothify("##??#####").upper()
    return fake.bothify("############")


def make_person(fake: Faker, rng: random.Random, lang: str) -> Person:
    """Return a fake person for a French ("fr") or English ("en") document."""
    female = rng.random() < 0.5
    first = fake.first_name_female() if female else fake.first_name_male()
    last = fake.last_name()
    if lang == "fr":
        title = rng.choice(["Mme", "Madame"] if female else ["M.", "Monsieur"])
        address = fake.address() if rng.random() < 0.6 else fake.address().replace("\n", ", ")
    else:
        title = rng.choice(["Mrs", "Ms", "Miss"] if female else ["Mr", "Mr."])
        address = fake.address().replace("\n", rng.choice(["\n", ", "]))
    domain = rng.choice([fake.free_email_domain(), fake.domain_name()])
    email = f"{_ascii(first)}{rng.choice(['.', '_', ''])}{_ascii(last)}@{domain}"
    if rng.random() < 0.3:
        email = fake.email()
    handle = f"{_ascii(first)[:1]}{_ascii(last)}{rng.randint(1, 99)}"
    slug = f"{_ascii(first)}-{_ascii(last)}"
    profile = rng.choice(PROFILE_SITES).format(slug=slug, handle=handle, n=rng.randint(10, 999))
    return Person(
        first=first,
        last=last,
        title=title,
        email=email,
        phone=fake.phone_number(),
        address=address,
        birth=_date(rng, fake, lang),
        nir=_spaced(fake.ssn(), rng, (1, 2, 2, 2, 3, 3, 2)) if lang == "fr" else "",
        iban=_iban(fake, rng),
        id_number=_id_number(fake, rng, lang),
        plate=fake.license_plate(),
        ip=fake.ipv4_public() if rng.random() < 0.75 else fake.ipv6(),
        profile=profile,
    )
