"""Theme labels written by the model through the gateway (use case ``feedback``)."""

from __future__ import annotations

from communia.ai.gateway import Gateway, Task

SYSTEM = (
    "You name themes found in citizens' and field agents' reports for a local public "
    "authority. Given a theme's distinctive keywords and a few verbatim quotes, answer "
    "with a short neutral label (at most six words) in the language of the quotes, and "
    "copy one quote exactly as evidence. Never judge, rank or decide anything about a "
    "person."
)
# What the decision guard reads for this call (tested to pass it: an earlier wording,
# "Name this theme…", was refused as a hiring request, so every label fell back).
REQUEST = "Write a short label for this theme of field reports."
SCHEMA = {
    "type": "object",
    "properties": {"label": {"type": "string"},
                   "quote": {"type": "string"}},
    "required": ["label"],
}


def label_with_model(gateway: Gateway, actor: str, keywords: list[str],
                     quotes: list[str]) -> str | None:
    """A model-written label for one theme, or None if the answer has none."""
    prompt = ("Keywords: " + ", ".join(keywords) + "\nQuotes:\n"
              + "\n".join(f"- {q}" for q in quotes))
    result = gateway.run(Task(
        use_case="feedback", actor=actor, template="feedback/theme-label/v1", system=SYSTEM,
        prompt=prompt, request=REQUEST, schema=SCHEMA,
        sources=tuple(quotes), kind="feedback_label", title="Theme label", max_tokens=80,
        material=True))
    data = result.data if isinstance(result.data, dict) else {}
    label = str(data.get("label", "")).strip()
    return label or None
