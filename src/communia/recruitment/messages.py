"""The sentences recruitment says to people, as English templates the web translates.

The CLI and the stored records keep the English sentence made from a template here; a
web page shows it in the reader's language through the catalog (``recruitment.po``
holds every template, docs/adr/0010-messages-in-the-readers-language.md): a draft's
title by its kind (``DRAFT_TITLES``), a notice, a refusal or a document flag by the
catalog fallback, which finds the template again and puts the values back (a value
written ``{n:,}`` is a number, written the reader's way), a proxy flag by its reason
(``read_proxy_flag``), a flag of the job-ad check by its ground or proxy
(``read_ad_flag``). No I/O.
"""

from __future__ import annotations

from communia.documents import messages as documents_messages
from communia.recruitment.protected import GROUNDS, LAW, PROXIES
from communia.sentences import filled, template_pattern

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

# A proxy flag as stored with a frozen criteria version, in the campaign's language
# (``{criterion}``: its id, ``{words}``: the words found, ``{reason}``: ``PROXIES``' text).
PROXY_FLAG = "{criterion}: {words} — possible proxy: {reason}"
PROXY_FLAG_FR = "{criterion}: {words} — critère indirect possible : {reason}"

# A flag of the job-ad check (``catalogue.propose_profile``) as stored with the proposed
# criteria, in the ad's language (``{words}``: the words found in the ad, folded;
# ``{ground}``: a ground's text in ``protected.GROUNDS``, ``{law}``: ``protected.LAW``;
# ``{reason}``: a proxy's text in ``PROXIES``).
AD_GROUND_FLAG = "{words}: {ground} ({law})"
AD_GROUND_FLAG_FR = "{words} : {ground}, motif de discrimination interdit ({law})"
AD_PROXY_FLAG = "{words}: possible proxy: {reason}"
AD_PROXY_FLAG_FR = "{words} : critère indirect possible : {reason}"
AD_FLAGS = (AD_GROUND_FLAG, AD_PROXY_FLAG)

# Refusals of the service and of the pages (``{n:,}``: a count, ``{path}``: a file or a
# folder given to the CLI).
CAMPAIGN_NOT_FOUND = "No campaign '{campaign_id}'; it may have been purged."
CANDIDATE_NOT_FOUND = "No candidate '{candidate_id}' in this campaign."
FREEZE_FIRST = ("Freeze the criteria before adding applications: they must be fixed before "
                "any application is read.")
VERSION_NOT_FROZEN = ("Criteria version {version} of this campaign is not frozen; freeze the "
                      "criteria before the analysis.")
IDENTITY_MASKED = ("Identity stays masked until the decision stage: record a decision for "
                   "this candidate first.")
TOO_MANY_FILES = ("{count:,} files in one upload; the limit is {limit:,}. Send them in "
                  "several uploads.")
UNKNOWN_FORMAT = "Unknown format '{fmt}'; choose docx, odt or pdf."
NO_JOB_AD = "{path}: no such file; give the path of the job ad."
NO_TEXT_IN_AD = "{name}: no visible text in the job ad (a scan needs OCR)."
NO_JOB_FILE = "{path}: no such job file; create one with 'communia job propose'."
JOB_NOT_YAML = "{path}: not valid YAML ({error}); check the indentation and quotes."
NO_FOLDER = "{path}: no such folder; give the folder holding the applications."
EMPTY_FOLDER = "{path}: the folder holds no file."
TOO_MANY_IN_FOLDER = ("{path}: {count:,} files, more than the limit of {limit:,} "
                      "(COMMUNIA_MAX_BATCH_FILES); split the batch.")
REFUSALS = (CAMPAIGN_NOT_FOUND, CANDIDATE_NOT_FOUND, FREEZE_FIRST, VERSION_NOT_FROZEN,
            IDENTITY_MASKED, TOO_MANY_FILES, UNKNOWN_FORMAT, NO_JOB_AD, NO_TEXT_IN_AD,
            NO_JOB_FILE, JOB_NOT_YAML, NO_FOLDER, EMPTY_FOLDER, TOO_MANY_IN_FOLDER)

# What the document readers (``communia.documents``) say about a file, as the candidate
# page shows it (the file's name taken off): tested to match what the readers write.
DOCUMENT_FLAGS = (
    "{part} cut at {limit:,} characters out of {size:,}",
    "not UTF-8; read as {encoding} (Windows/Western European), check accents",
    "image file: scanned, OCR needed; no text was extracted",
    "scanned, OCR needed: no text layer on page {pages}",
    "scanned, OCR needed: page {pages} has no text layer",
    "Markdown comment not displayed: {text}",
    "document properties hold text: {properties}",
    "in the visible text, {reason}: “{quote}”",
    "in the hidden text, {reason}: “{quote}”",
    "in the property {key}: {reason}: “{quote}”",
    # Text a reader kept out of the visible text (``_LABELS`` of the DOCX, ODT, PDF readers).
    "text marked hidden in Word: {preview}",
    "white text on a white background: {preview}",
    "text of 2 pt or less: {preview}",
    "text marked hidden in the document: {preview}",
    "white text: {preview}",
    "comment not printed with the text: {preview}",
    "text in the colour of its background on page {pages}: {preview}",
    "text smaller than 4 pt on page {pages}: {preview}",
    "text placed outside the page on page {pages}: {preview}",
    "invisible or covered text on page {pages}: {preview}",
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

# Why a reader could not read a file (the "unreadable" flag, its file's name taken off),
# and the kinds of file it does not read, put in one of those sentences.
DOCUMENT_ERRORS = (*documents_messages.ERRORS, *documents_messages.UNSUPPORTED_KINDS)

TEMPLATES = (SUMMARY_TITLE, NOTICE_TITLE, MODEL_UNAVAILABLE, SUMMARY_REFUSED,
             TOO_FEW_SENTENCES, PROXY_FLAGGED, PROXY_FLAG, *AD_FLAGS, *REFUSALS, *DOCUMENT_FLAGS,
             *DOCUMENT_WORDS, *DOCUMENT_ERRORS)


def _in_language(table: tuple[tuple[str, str, str, tuple[str, ...]], ...], ident: str,
                 lang: str) -> str:
    """The English or French text of ``ident`` in a table of ``protected``."""
    en, fr = next((en, fr) for key, en, fr, _ in table if key == ident)
    return fr if lang == "fr" else en


def proxy_reason(proxy: str, lang: str = "en") -> str:
    """Why a proxy (an id of ``protected.PROXIES``) stands in for a ground, in ``lang``."""
    return _in_language(PROXIES, proxy, lang)


def proxy_flag(criterion: str, words: str, proxy: str, lang: str = "en") -> str:
    """The sentence stored for a proxy found in a criterion, in the campaign's ``lang``."""
    template = PROXY_FLAG_FR if lang == "fr" else PROXY_FLAG
    return template.format(criterion=criterion, words=words, reason=proxy_reason(proxy, lang))


def read_proxy_flag(sentence: str) -> tuple[str, str, str] | None:
    """(criterion, words, proxy id) of a stored proxy flag, English or French; None when
    the sentence is not one (then it is shown as stored)."""
    for template, column in ((PROXY_FLAG, 1), (PROXY_FLAG_FR, 2)):
        found = template_pattern(template, empty_values=False).fullmatch(sentence)
        if found is None:
            continue
        for proxy in PROXIES:
            if proxy[column] == found["reason"]:
                return found["criterion"], found["words"], proxy[0]
    return None


def ground_text(ground: str, lang: str = "en") -> str:
    """A protected ground (an id of ``protected.GROUNDS``) in ``lang``."""
    return _in_language(GROUNDS, ground, lang)


def ad_flag(kind: str, words: str, ident: str, lang: str = "en", law: str = LAW) -> str:
    """The sentence stored for a finding of the job-ad check, in the ad's ``lang``:
    ``kind`` ``refused`` names a ground (``ident`` in ``GROUNDS``), ``proxy`` a proxy."""
    if kind == "refused":
        template = AD_GROUND_FLAG_FR if lang == "fr" else AD_GROUND_FLAG
        return template.format(words=words, ground=ground_text(ident, lang), law=law)
    template = AD_PROXY_FLAG_FR if lang == "fr" else AD_PROXY_FLAG
    return template.format(words=words, reason=proxy_reason(ident, lang))


def read_ad_flag(sentence: str) -> tuple[str, str, str, str] | None:
    """(kind, words, ground or proxy id, law) of a stored flag of the job-ad check, English
    or French (``law`` is empty for a proxy); None when the sentence is not one (then it is
    shown as stored)."""
    tables = (("refused", GROUNDS, AD_GROUND_FLAG, AD_GROUND_FLAG_FR, "ground"),
              ("proxy", PROXIES, AD_PROXY_FLAG, AD_PROXY_FLAG_FR, "reason"))
    for kind, table, english, french, name in tables:
        for ident, en, fr, _ in table:
            # The reason put in the template: the words are what is left of the sentence.
            for template, text in ((english, en), (french, fr)):
                pattern = template_pattern(filled(template, {name: text}), empty_values=False)
                found = pattern.fullmatch(sentence)
                if found is not None:
                    return kind, found["words"], ident, found.groupdict().get("law") or ""
    return None
