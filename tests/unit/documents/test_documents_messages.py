"""Why a file cannot be read: English for the CLI, French for a French reader of the pages.

Every reader error is made from a template of ``documents.messages`` (the page shows it
without the file's name); the catalog translates each with the same values.
"""

from __future__ import annotations

import string

import pytest

from communia.documents import (
    DEFAULT_LIMITS,
    ExtractionError,
    Limits,
    extract,
    extract_batch,
    messages,
)
from communia.sentences import template_pattern
from communia.web.i18n import gettext_for
from communia.web.templating import translated
from tests.unit.documents.builders import encrypt_pdf, make_pdf, make_zip

CV = ["Camille Martin", "Animatrice en accueil de loisirs depuis 2019."]
NNBSP = "\u202f"  # babel's French thousands separator


def _names(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("template", [*messages.ERRORS, *messages.UNSUPPORTED_KINDS])
def test_every_reader_error_has_a_french_translation_with_the_same_values(
        template: str) -> None:
    french = gettext_for("fr")(template)
    assert french != template, f"no French for: {template}"
    assert _names(french) == _names(template)


def _error(name: str, data: bytes, limits: Limits = DEFAULT_LIMITS) -> ExtractionError:
    with pytest.raises(ExtractionError) as caught:
        extract(name, data, limits)
    return caught.value


def _shown(error: ExtractionError) -> str:
    """The error as a page shows it (its file's name taken off), checked to come from a
    template of ``messages.ERRORS``."""
    said = str(error).removeprefix(f"{error.name}: ")
    assert said == f"{error.problem}. {error.hint}"
    assert any(template_pattern(t, empty_values=False).fullmatch(said)
               for t in messages.ERRORS), said
    return said


def test_the_readers_errors_keep_their_english_for_the_cli() -> None:
    assert str(_error("vide.pdf", b"")) == (
        "vide.pdf: the file is empty (0 bytes). Send the file again.")
    assert str(_error("cv.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage")) == (
        "cv.pdf: the file is damaged or is not really a PDF. Open it in a PDF reader; if it "
        "opens, export it again as PDF.")
    assert str(_error("cv.pdf", b"x" * 3_000_000, Limits(max_bytes=1024 * 1024))) == (
        "cv.pdf: the file is 2.9 MiB, more than the limit of 1 MiB. Send a lighter version "
        "(compressed images, fewer pages), or raise max_bytes.")


@pytest.mark.parametrize(("name", "data", "limits", "french"), [
    ("vide.pdf", b"", Limits(), "le fichier est vide (0 octet). Envoyez de nouveau le fichier."),
    ("cv.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage", Limits(),
     "le fichier est endommagé ou n'est pas vraiment un PDF. Ouvrez-le dans un lecteur PDF ; "
     "s'il s'ouvre, exportez-le de nouveau en PDF."),
    ("cv.pdf", encrypt_pdf(make_pdf(CV)), Limits(),
     "le PDF est protégé par un mot de passe. Demandez à l'expéditeur une copie sans mot de "
     "passe, ou imprimez-le dans un nouveau PDF."),
    ("cv.pdf", make_pdf(CV, pages=3), Limits(max_pages=2),
     "le PDF compte 3 pages, plus que la limite de 2. Envoyez seulement les pages utiles, ou "
     "augmentez la limite max_pages."),
    ("cv.pdf", b"x" * 3_000_000, Limits(max_bytes=1024 * 1024),
     "le fichier fait 2,9 Mio, plus que la limite de 1 Mio. Envoyez une version plus légère "
     "(images compressées, moins de pages) ou augmentez la limite max_bytes."),
    ("cv.doc", b"\xd0\xcf\x11\xe0" + b"\0" * 100, Limits(),
     "il s'agit d'un ancien fichier Word 97-2003 (.doc) ou Office, format non pris en charge. "
     "Enregistrez-le en PDF, DOCX, ODT, TXT, MD ou ZIP et envoyez-le de nouveau."),
    ("cv.bin", b"\x01\x02\x00\x03" * 8, Limits(),
     "il s'agit d'un fichier de format inconnu, format non pris en charge. Enregistrez-le en "
     "PDF, DOCX, ODT, TXT, MD ou ZIP et envoyez-le de nouveau."),
    ("cv.txt", b"Animatrice \xe9t\xe9\x00\x01 depuis 2019", Limits(),
     "le fichier est binaire, pas du texte. Envoyez un fichier PDF, DOCX, ODT, TXT ou MD."),
    ("cv.zip", make_zip({"cv.txt": b"Animatrice"}), Limits(),
     "il s'agit d'une archive ZIP, pas d'un document unique. Déposez-la avec l'envoi par lot, "
     "qui décompresse les archives."),
])
def test_a_real_reader_error_matches_a_template_and_reads_in_french(
        name: str, data: bytes, limits: Limits, french: str) -> None:
    said = _shown(_error(name, data, limits))
    assert translated("fr", said) == french
    assert translated("en", said) == said


def test_a_damaged_document_names_its_format_in_french() -> None:
    # A Word file whose text is not XML: the reader library fails on it.
    said = _shown(_error("cv.docx", make_zip({"word/document.xml": b"<w:document"})))
    assert translated("fr", said).startswith(
        "le fichier DOCX est endommagé et ne peut pas être lu. Ouvrez-le, enregistrez-le")


def test_an_archives_errors_read_in_french() -> None:
    batch = extract_batch([("lot.zip", b"PK\x03\x04 not really a zip"),
                           ("cvs.zip", make_zip({"../cv.txt": b"Animatrice"}))])
    shown = sorted(translated("fr", _shown(e)) for e in batch.errors)
    assert shown == [
        "l'archive est endommagée ou incomplète. Créez de nouveau le ZIP ou envoyez les "
        "fichiers un par un.",
        "le nom du fichier désigne un emplacement hors de l'archive (traversée de chemin). "
        "Créez de nouveau l'archive à partir du dossier des candidatures."]


def test_a_count_in_an_error_is_written_the_french_way() -> None:
    said = messages.ARCHIVE_TOO_LARGE
    english = "{}. {}".format(*messages.said(said, size=1234.4, limit=200.0))
    assert english.startswith("the archive unpacks to 1,234 MiB, more than the limit of 200 MiB")
    assert translated("fr", english).startswith(
        f"l'archive décompressée fait 1{NNBSP}234 Mio, plus que la limite de 200 Mio")
