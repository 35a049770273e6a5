"""Replace personal data with consistent placeholders, and put it back for authorised readers."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

from .detection import DETECT_THRESHOLD, detect, detect_stream
from .model import PLACEHOLDER_NAMES, Entity
from .persons import PersonBook

PLACEHOLDER = re.compile(r"\[[A-Z_]+?_\d+(?:_\d+)?\]")
# Parts of one exchange (a system and a user turn) are read as paragraphs of one text.
PART_BREAK = "\n\n"


def value_key(label: str, value: str) -> str:
    """Return the comparison key of a value: same key, same entity."""
    folded = unicodedata.normalize("NFKC", value).casefold()
    if label in ("PHONE",):
        digits = re.sub(r"\D", "", folded)
        return digits[-9:]
    if label in ("NIR", "IBAN", "SIRET", "SIREN", "ID_DOCUMENT", "PLATE", "DATE_OF_BIRTH"):
        return re.sub(r"[^0-9a-z]", "", folded)
    if label == "URL":
        return re.sub(r"^(?:https?://)?(?:www\.)?|/+$", "", folded)
    return re.sub(r"[\s,.;:'\-]+", " ", folded).strip()


def restore(text: str, mapping: Mapping[str, str]) -> str:
    """Put the original values back in place of the placeholders found in ``mapping``."""
    return PLACEHOLDER.sub(lambda m: mapping.get(m.group(0), m.group(0)), text)


def replace_spans(
    text: str, entities: Iterable[Entity], offset: int, label_of: Callable[[Entity], str]
) -> str:
    """Return ``text`` with each entity replaced by ``label_of(entity)``."""
    parts: list[str] = []
    last = 0
    for entity in sorted(entities, key=lambda e: e.start):
        start, end = entity.start - offset, entity.end - offset
        if start < last:
            continue
        parts.append(text[last:start])
        parts.append(label_of(entity))
        last = end
    parts.append(text[last:])
    return "".join(parts)


def within(text: str, entities: Iterable[Entity], start: int, end: int) -> list[Entity]:
    """The entities of ``text`` lying in [start, end), cut at its edges."""
    kept: list[Entity] = []
    for entity in entities:
        left, right = max(entity.start, start), min(entity.end, end)
        if left < right and text[left:right].strip():
            if (left, right) != (entity.start, entity.end):
                entity = Entity(left, right, entity.label, text[left:right], entity.score)
            kept.append(entity)
    return kept


def anonymise(text: str, lang: str = "auto") -> str:
    """Replace personal data with bare labels such as ``[PERSONNE]``; nothing is kept."""
    return replace_spans(text, detect(text, lang), 0, lambda e: f"[{PLACEHOLDER_NAMES[e.label]}]")


class Pseudonymiser:
    """Hold one placeholder mapping for a batch of texts (same value, same placeholder)."""

    def __init__(self) -> None:
        self._mapping: dict[str, str] = {}
        self._counters: dict[str, int] = {}
        self._numbers: dict[tuple[str, str], int] = {}
        self._variants: dict[tuple[str, int], dict[str, str]] = {}
        self._persons = PersonBook()

    @property
    def mapping(self) -> dict[str, str]:
        """Return a copy of the mapping placeholder → original text."""
        return dict(self._mapping)

    def _number(self, label: str, value: str) -> int:
        """Return the entity number of ``value``, creating one for a new entity."""
        if label == "PERSON":
            found = self._persons.find(value)
            if found is not None:
                return found
        key = (label, value_key(label, value))
        if key not in self._numbers:
            self._counters[label] = self._counters.get(label, 0) + 1
            self._numbers[key] = self._counters[label]
        number = self._numbers[key]
        if label == "PERSON":
            self._persons.add(value, number)
        return number

    def placeholder(self, label: str, value: str) -> str:
        """Return the placeholder for ``value``; other spellings of it get ``_2``, ``_3``…"""
        number = self._number(label, value)
        variants = self._variants.setdefault((label, number), {})
        if value not in variants:
            base = f"{PLACEHOLDER_NAMES[label]}_{number}"
            name = f"[{base}]" if not variants else f"[{base}_{len(variants) + 1}]"
            variants[value] = name
            self._mapping[name] = value
        return variants[value]

    def _label(self, entity: Entity) -> str:
        """Return the placeholder of one entity."""
        return self.placeholder(entity.label, entity.text)

    def pseudonymise(
        self, text: str, lang: str = "auto", *, threshold: float = DETECT_THRESHOLD
    ) -> str:
        """Return ``text`` with personal data replaced by this batch's placeholders.

        A lower ``threshold`` masks more: the gateway uses the egress threshold for
        text leaving for a backend not trusted with personal data.
        """
        return replace_spans(text, detect(text, lang, threshold=threshold), 0, self._label)

    def pseudonymise_parts(
        self, parts: Sequence[str], lang: str = "auto", *, threshold: float = DETECT_THRESHOLD
    ) -> list[str]:
        """Pseudonymise the parts of one exchange with a single detection pass.

        The parts are read as paragraphs of one text (``PART_BREAK`` between them), so
        a name or a surname found in one part is masked in every part, and the fixed
        cost of a detection pass is paid once. An entity reaching over a break is masked
        on both sides.
        """
        joined = PART_BREAK.join(parts)
        entities = detect(joined, lang, threshold=threshold)
        masked: list[str] = []
        offset = 0
        for part in parts:
            end = offset + len(part)
            masked.append(replace_spans(part, within(joined, entities, offset, end), offset,
                                        self._label))
            offset = end + len(PART_BREAK)
        return masked

    def pseudonymise_many(self, texts: Iterable[str], lang: str = "auto") -> list[str]:
        """Pseudonymise several texts with one shared mapping."""
        return [self.pseudonymise(text, lang) for text in texts]

    def pseudonymise_stream(self, pieces: Iterable[str], lang: str = "auto") -> Iterator[str]:
        """Yield pseudonymised chunks of a streamed text (memory bounded by the chunk size)."""
        offset = 0
        for chunk, entities in detect_stream(pieces, lang):
            yield replace_spans(chunk, entities, offset, self._label)
            offset += len(chunk)

    def restore(self, text: str) -> str:
        """Put back the original values of this batch's placeholders."""
        return restore(text, self._mapping)
