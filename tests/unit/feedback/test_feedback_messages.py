"""Field feedback speaks French on French pages: every sentence it writes has a translation."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from communia.feedback import ingest, messages
from communia.feedback.ingest import ColumnChoice
from communia.feedback.service import STAGES
from communia.web.i18n import gettext_for

WEB = Path(__file__).parents[3] / "src" / "communia" / "web"
CATALOG = WEB / "locales" / "fr" / "LC_MESSAGES" / "feedback.po"
TEMPLATES = WEB / "templates" / "feedback"


def french_catalog(path: Path = CATALOG) -> dict[str, str]:
    with path.open("rb") as handle:
        return {str(m.id): str(m.string) for m in read_po(handle, locale="fr") if m.id}


def every_catalog() -> dict[str, str]:
    """The French of every catalog the pages merge."""
    known: dict[str, str] = {}
    for path in sorted(CATALOG.parent.glob("*.po")):
        known.update(french_catalog(path))
    return known


@pytest.mark.parametrize("template", messages.TEMPLATES)
def test_every_sentence_has_a_french_translation_with_the_same_values(template: str) -> None:
    # Field feedback's own sentences are in feedback.po; the job service's cancellation
    # is translated in the jobs' catalog.
    french = (every_catalog() if template == messages.CANCELLED_BY
              else french_catalog()).get(template, "")
    assert french and french != template, f"no French for: {template}"
    assert sorted(messages.fields(french)) == sorted(messages.fields(template))


def test_every_text_of_the_feedback_pages_is_in_the_french_catalog() -> None:
    # Every page, the run statuses, the stage names and the column roles, in any
    # catalog the pages merge (a word such as "Date" may come from another capability).
    known = every_catalog()
    said = {m for page in TEMPLATES.glob("*.html")
            for m in re.findall(r'_\("((?:[^"\\]|\\.)*)"\)', page.read_text(encoding="utf-8"))}
    words = (set(messages.RUN_STATUS.values()) | {s for s, _ in STAGES}
             | {"done", "text", "date", "place", "source"})
    assert sorted(m for m in said | words if not known.get(m)) == []


def test_a_real_error_and_notice_read_in_french_with_their_values() -> None:
    with pytest.raises(ingest.ColumnNotFound) as caught:
        ingest.read_reports("r.csv", io.BytesIO(b"texte;lieu\nbonjour;Nord\n"),
                            ColumnChoice("comment"))
    say = messages.translate
    assert say(str(caught.value), gettext_for("fr"), "fr") == (
        "r.csv : il n'y a pas de colonne « comment » (demandée pour : texte). "
        "Colonnes disponibles : 'texte', 'lieu'.")
    notice = ingest.read_reports("r.csv", io.BytesIO(b"texte;lieu\nbonjour;Nord\n;Sud\n"),
                                 ColumnChoice("texte")).notices[0]
    assert say(notice, gettext_for("fr"), "fr") == (
        "1 ligne(s) n'ont pas de texte dans la colonne « texte » ; elles sont gardées, "
        "sans thème.")


def test_numbers_are_grouped_the_french_way_and_english_is_left_as_written() -> None:
    text = messages.TOO_MANY_ROWS.format(name="r.csv", limit=f"{200_000:,}")
    assert "plus de 200\u202f000 lignes" in messages.translate(text, gettext_for("fr"), "fr")
    assert messages.translate(text, gettext_for("en"), "en") == text


def test_a_sentence_from_no_template_is_shown_as_it_is() -> None:
    assert messages.translate("Something else: 42.", gettext_for("fr"), "fr") == \
        "Something else: 42."
