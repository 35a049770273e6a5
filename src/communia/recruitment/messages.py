"""The sentences recruitment says to people, as English templates the web translates.

The CLI and the stored records keep the English sentence made from a template here; a
web page shows it in the reader's language through the catalog (``recruitment.po``
holds every template, docs/adr/0010-messages-in-the-readers-language.md): a draft's
title by its kind (``DRAFT_TITLES``), a notice or a document flag by the catalog
fallback, which finds the template again and puts the values back. No I/O.
"""

from __future__ import annotations

# The titles of the drafts recruitment sends to the review queue, by kind of draft.
SUMMARY_TITLE = "Summary — {title}"
NOTICE_TITLE = "Notice — {title}"
DRAFT_TITLES = {"recruitment.summary": SUMMARY_TITLE, "recruitment.notice": NOTICE_TITLE}

# Notices for a batch when the model's summaries could not be used.
MODEL_UNAVAILABLE = "The model was unavailable; extractive summaries are shown instead."
SUMMARY_REFUSED = "A model summary was refused by the decision guard: {reason}"
TOO_FEW_SENTENCES = ("Some model summaries had too few sentences resting on an extract of "
                     "the application; extractive summaries are shown for those.")
PROXY_FLAGGED = "Criterion flagged as a possible proxy: {flag}"

# What the document readers (``communia.documents``) say about a file, as the candidate
# page shows it (the file's name taken off): tested to match what the readers write.
DOCUMENT_FLAGS = (
    "{part} cut at {limit} characters out of {size}",
    "not UTF-8; read as {encoding} (Windows/Western European), check accents",
    "image file: scanned, OCR needed; no text was extracted",
    "scanned, OCR needed: no text layer on page {pages}",
    "scanned, OCR needed: page {pages} has no text layer",
    "Markdown comment not displayed: {text}",
    "document properties hold text: {properties}",
    "in the visible text, {reason}: “{quote}”",
    "in the hidden text, {reason}: “{quote}”",
    "in the property {key}: {reason}: “{quote}”",
)
# Words put in the sentences above, translated with them: which part of a file was cut,
# why a phrase looks addressed to an AI (``documents.injection``; some are French already).
DOCUMENT_WORDS = (
    "visible text", "hidden text", "spaced-out instruction to an AI",
    "asks to ignore instructions", "tries to give the model a new role", "addresses an AI",
    "addresses an AI by name", "message addressed to an AI", "asks for a ranking",
    "asks for a score", "asserts the verdict", "asks for a decision", "asks not to reject",
    "gives new instructions", "mentions the system prompt",
)

TEMPLATES = (SUMMARY_TITLE, NOTICE_TITLE, MODEL_UNAVAILABLE, SUMMARY_REFUSED,
             TOO_FEW_SENTENCES, PROXY_FLAGGED, *DOCUMENT_FLAGS, *DOCUMENT_WORDS)
