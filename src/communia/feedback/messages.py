"""The sentences field feedback says to people, and their translation on the web pages.

Errors and notices are written in English (the CLI's language and the source language
of the catalogs) from the templates below, and notices are stored with the run as
sentences. A page shows one in the reader's language by finding the template it was
made from and translating that template (``feedback.po`` holds every one of them), then
putting the values back. A sentence made from no template here is shown as it is.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable

from communia.sentences import template_pattern

# Reading the file (ingest).
UNREAD_SUFFIX = "{name}: .{suffix} files are not read; save it as .xlsx or .csv."
BINARY_FILE = ("{name}: this is not a text file (it contains binary data); export the "
               "reports as CSV, XLSX, JSON or plain text.")
NUL_BYTES = ("The file contains binary data (NUL bytes); export it as CSV, XLSX, JSON or "
             "plain text.")
EMPTY_TEXT_FILE = "{name}: the file is empty; add reports, one per line."
EMPTY_TABLE = "{name}: the file is empty; it needs a header row and reports."
EMPTY_FILE = "{name}: the file is empty."
EMPTY_SHEET = "{name}: the first sheet is empty; it needs a header row."
NO_DATA_ROW = "{name}: the file has a header but no data row; add reports."
TOO_MANY_ROWS = ("{name}: more than {limit} data rows (COMMUNIA_FEEDBACK_MAX_REPORTS); "
                 "split the file by period or place and run one synthesis per part.")
TOO_MANY_REPORTS = ("{name}: {count} data rows, more than the {limit} one synthesis takes "
                    "(COMMUNIA_FEEDBACK_MAX_REPORTS); split the file by period or place and "
                    "run one synthesis per part.")
NO_COLUMN = ("{name}: there is no column '{column}' (asked for the {role}). "
             "Available columns: {available}.")
NO_TEXT_COLUMN = "{name}: choose the column that holds the text of the reports."
MALFORMED_CSV = "The CSV file is malformed ({detail}); check its quotes."
BAD_XLSX = ("{name}: not a readable .xlsx workbook; open it in a spreadsheet and save it "
            "again as .xlsx or .csv.")
BAD_JSON = ("{name}: not valid JSON (line {line}); expected a list of objects such as "
            "[{{\"text\": \"...\"}}].")
NO_JSON_LIST = "{name}: no list of reports found; expected [{{\"text\": ...}}, ...]."
TOO_LARGE_UPLOAD = "{name}: larger than {limit} bytes; split it or use the CLI."

# Notices stored with a run.
NO_TEXT_ROWS = ("{n} row(s) have no text in column '{column}'; they are kept without a "
                "theme.")
TRUNCATED = ("{n} report(s) longer than {limit} characters were truncated for the "
             "analysis; their rows are kept.")
BAD_DATES = ("{n} date(s) in column '{column}' could not be read (expected e.g. "
             "2024-03-15 or 15/03/2024); those reports are left out of the trends only.")
MIXED_ENCODING = ("{name}: {n} line(s) were not UTF-8 and were read as Windows-1252 "
                  "(mixed encodings); check accents in those reports.")
TOO_FEW_WITH_TEXT = ("Only {n} report(s) with text: no theme is shown under {least} "
                     "reports, so that nobody is singled out.")
ANALYSED_AS_WRITTEN = ("{n} reports: the analysis ran on this machine on the reports as "
                       "written; the quotes, keywords and anything sent to a model were "
                       "pseudonymised.")
NO_NEAR_DUPLICATES = ("More than {limit} distinct reports: only exact duplicates were "
                      "grouped, not near duplicates.")
DUPLICATES = ("{n} report(s) were exact or near duplicates of another; they count in the "
              "themes but are never quoted twice.")
THEME_COUNT = ("The number of themes (--themes) must be between {low} and {high} for "
               "{reports} reports (each theme needs {least} reports).")

# The run and its themes.
RUN_NOT_FOUND = "No feedback synthesis '{run_id}'; it may have been purged."
THEME_NOT_FOUND = "No active theme '{theme_id}' in this synthesis; reload the page."
RUN_FINALISED = ("'{title}' was finalised by {user}; start a new synthesis to change its "
                 "themes.")
RUN_NOT_READY = "'{title}' is {status}; wait until the analysis is ready."
FILE_GONE = ("The file of '{title}' is no longer kept; upload it again to start a new "
             "synthesis.")
FAILED_UNEXPECTEDLY = "The analysis failed unexpectedly; try again or report it."
# Written by the job service when someone cancels; translated in the jobs' catalog.
CANCELLED_BY = "Cancelled by {actor}."
UPLOAD_REF_INVALID = "The upload reference is not valid; upload the file again."
UPLOAD_EXPIRED = "The uploaded file has expired; upload it again."
UNKNOWN_FORMAT = "Unknown format '{fmt}'; choose docx or pdf."

# The column step of the web form: each names the field by its label.
FIELD_NO_COLUMN = ("{field}: the file has no column '{column}'; choose one of the columns "
                   "offered.")
FIELD_NOT_TEXT = ("{field}: the column '{column}' holds numbers, dates or nothing, not "
                  "the text of reports; choose the column with the reports' sentences.")
FIELD_THEME_COUNT = ("{field}: type a whole number from {low} to {high} ({reports} reports "
                     "with text, each theme needs {least}), or leave it empty to let the "
                     "analysis choose.")
# The form's labels, as values of the messages above (translated with them).
TEXT_LABEL = "Text of the reports"
DATE_LABEL = "Date (optional)"
PLACE_LABEL = "Place (optional)"
SOURCE_LABEL = "Source (optional)"
THEMES_LABEL = "Number of themes (empty: chosen automatically)"

# The human loop.
EMPTY_LABEL = "The new label is empty; type a few words that name the theme."
MERGE_TWO = "Choose at least two themes to merge."
TOO_FEW_TO_SPLIT = "Theme '{label}' has too few reports to split."
TOO_ALIKE = ("The reports of '{label}' are too alike to split in two; move some of them "
             "to another theme instead.")
LAST_THEME = "This is the last theme; a synthesis needs at least one."
NOTHING_TO_MOVE = "Tick the reports to move, or type their numbers (e.g. 3, 17)."
NOT_A_NUMBER = ("'{value}' is not a report number. Type the numbers shown next to the "
                "reports, separated by commas (e.g. 3, 17) or as a range (e.g. 12-15).")
OUT_OF_RANGE = ("No report has the number(s) {numbers}: the reports of this synthesis are "
                "numbered 1 to {last}.")
RANGE_BACKWARDS = "The range '{value}' goes backwards; write it from low to high (e.g. 12-15)."
MOVED = "{n} report(s) moved to '{label}'."

# Values that are themselves words to translate (a column's role, a run's status).
TRANSLATED_FIELDS = ("role", "status", "field")

TEMPLATES = (
    UNREAD_SUFFIX, BINARY_FILE, NUL_BYTES, EMPTY_TEXT_FILE, EMPTY_TABLE, EMPTY_FILE,
    EMPTY_SHEET, NO_DATA_ROW, TOO_MANY_ROWS, TOO_MANY_REPORTS, NO_COLUMN, NO_TEXT_COLUMN,
    MALFORMED_CSV, BAD_XLSX, BAD_JSON, NO_JSON_LIST, TOO_LARGE_UPLOAD, NO_TEXT_ROWS,
    TRUNCATED, BAD_DATES,
    MIXED_ENCODING, TOO_FEW_WITH_TEXT, ANALYSED_AS_WRITTEN, NO_NEAR_DUPLICATES, DUPLICATES,
    THEME_COUNT, RUN_NOT_FOUND, THEME_NOT_FOUND, RUN_FINALISED, RUN_NOT_READY, FILE_GONE,
    FAILED_UNEXPECTEDLY, CANCELLED_BY, UPLOAD_REF_INVALID, UPLOAD_EXPIRED, UNKNOWN_FORMAT,
    EMPTY_LABEL, MERGE_TWO, TOO_FEW_TO_SPLIT, TOO_ALIKE, LAST_THEME, NOTHING_TO_MOVE,
    NOT_A_NUMBER, OUT_OF_RANGE, RANGE_BACKWARDS, MOVED, FIELD_NO_COLUMN, FIELD_NOT_TEXT,
    FIELD_THEME_COUNT,
)

# A run's status as the person reads it.
RUN_STATUS = {"running": "Analysis running", "ready": "Ready for review",
              "finalised": "Finalised", "failed": "Failed", "cancelled": "Cancelled"}

_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+")
_NARROW_NBSP = "\u202f"


def status_label(status: str) -> str:
    """A run's status in English words (a catalog entry), never the stored value."""
    return RUN_STATUS.get(status, status)


def fields(template: str) -> list[str]:
    """The names of a template's values, in order."""
    return [name for _, name, _, _ in string.Formatter().parse(template) if name]


def match(text: str, templates: Iterable[str] = TEMPLATES) -> tuple[str, dict[str, str]] | None:
    """The template ``text`` was made from, with its values; None if it is from none."""
    for template in templates:
        found = template_pattern(template).fullmatch(text)
        if found:
            return template, found.groupdict()
    return None


def translate(text: str, gettext: Callable[[str], str], lang: str) -> str:
    """``text`` in the reader's language when it comes from one of the templates.

    Values keep their content; a grouped number (10,000) is written the French way
    (10 000) in French, and a role or status word is translated.
    """
    found = match(text)
    if found is None:
        return gettext(text)
    template, values = found
    translated = gettext(template)
    if translated == template:  # English, or no translation yet
        return text
    for name in TRANSLATED_FIELDS:
        if name in values:
            values[name] = gettext(values[name])
    if lang == "fr":
        values = {k: _GROUPED.sub(lambda m: m.group(0).replace(",", _NARROW_NBSP), v)
                  for k, v in values.items()}
    try:
        return translated.format(**values)
    except (KeyError, IndexError, ValueError):  # a catalog entry with wrong placeholders
        return text
