"""Sentences for people: English text with named values, translated where they are shown.

A check result, a refused fact or a note is a ``Message``: its English ``text`` (the
gettext msgid, with ``{name}`` placeholders) and the ``values`` to put in. The CLI and
the JSON outputs print ``str(message)``: English, naming a fact by its key, which is
what a CLI user types in a facts file. The web translates ``text`` with its catalog,
names a fact by the label of its form field and writes numbers the reader's way
(``translate``). No I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Fact:
    """A fact named in a message, by its dotted key (``destinataire.nom``)."""

    name: str


@dataclass(frozen=True)
class Message:
    """English ``text`` with ``{name}`` placeholders, and the values to put in.

    A value is text, a whole number, a ``Fact`` or another ``Message`` (a part of a
    sentence that is translated on its own). Text without values is never formatted, so
    it may hold braces.
    """

    text: str
    values: Mapping[str, Value] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.translate(_same, _same, _english_number)

    def translate(self, gettext: Callable[[str], str], fact: Callable[[str], str],
                  number: Callable[[int], str]) -> str:
        """The sentence in the reader's language.

        Args:
            gettext: the catalog of the reader's language (English text → translation).
            fact: how to name a fact from its dotted key (e.g. its form label).
            number: how to write a whole number (thousands separator of the language).
        """
        if not self.text:
            return ""  # gettext("") would be the catalog's header
        text = gettext(self.text)
        if not self.values:
            return text

        def show(value: Value) -> str:
            if isinstance(value, Message):
                return value.translate(gettext, fact, number)
            if isinstance(value, Fact):
                return fact(value.name)
            if isinstance(value, int) and not isinstance(value, bool):
                return number(value)
            return str(value)

        return text.format(**{name: show(value) for name, value in self.values.items()})

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready form, read back by ``from_json``."""
        return {"text": self.text, "values": {k: _encode(v) for k, v in self.values.items()}}

    @classmethod
    def from_json(cls, data: Any) -> Message:
        """The message stored by ``to_json``; a plain string (older records) as is."""
        if isinstance(data, Mapping):
            values = data.get("values") or {}
            return cls(str(data.get("text", "")),
                       {str(k): _decode(v) for k, v in dict(values).items()})
        return cls(str(data))


Value = str | int | Fact | Message


def _same(text: str) -> str:
    return text


def _english_number(value: int) -> str:
    return f"{value:,}"


def _encode(value: Value) -> Any:
    if isinstance(value, Message):
        return {"message": value.to_json()}
    if isinstance(value, Fact):
        return {"fact": value.name}
    return value


def _decode(data: Any) -> Value:
    if isinstance(data, Mapping):
        if "fact" in data:
            return Fact(str(data["fact"]))
        return Message.from_json(data.get("message", {}))
    if isinstance(data, int) and not isinstance(data, bool):
        return data
    return str(data)


def said(error: BaseException) -> Message | None:
    """The message an error carries for translation (its ``said`` attribute), if any."""
    value = getattr(error, "said", None)
    return value if isinstance(value, Message) else None
