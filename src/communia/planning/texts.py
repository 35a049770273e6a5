"""What the planning capability tells people, as templates: notices, refusals, explanations.

Every sentence the planning modules write for a person (an import notice, how places
became zones, a forecast notice, a refusal, why no plan fits) is one ``Text`` below.
Its ``template`` is the English the CLI prints and the store keeps (placeholders may
carry a format, e.g. ``{weeks:.1f}``). Its ``web`` wording, when it differs, names form
fields by their visible labels instead of CLI flags; the web wording is the msgid of
``planning.po``. ``say`` reads a stored sentence back to its text and values, so the
pages show in the reader's language notices stored long ago, and link a refusal to the
form field it is about (``Text.field``). No I/O here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from communia.sentences import fixed_length, template_pattern

_PLACEHOLDER = re.compile(r"\{(\w+)(?::[^{}]*)?\}")
_DECIMAL = re.compile(r"-?\d+\.\d+")


@dataclass(frozen=True)
class Text:
    """One sentence for people.

    Attributes:
        template: the English sentence with ``{name}`` placeholders (CLI and store).
        web: the English wording in the browser when it differs (visible labels, not
            flags); the msgid translated by ``planning.po``.
        field: the form field a refusal is about ("" when none).
        nested: values that are themselves sentences of this module (a zone rule).
        labels: values that are labels to translate (a rule's label, or several quoted).
    """

    template: str
    web: str = ""
    field: str = ""
    nested: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()

    def __call__(self, **values: object) -> str:
        """The sentence with its values (what the CLI prints and the store keeps)."""
        return self.template.format(**values)

    @property
    def wording(self) -> str:
        """The browser's English wording (a msgid), placeholders without their format."""
        return _PLACEHOLDER.sub(lambda m: "{" + m.group(1) + "}", self.web or self.template)


@dataclass(frozen=True)
class Said:
    """A sentence as the browser shows it, and the form field it is about ("" for none)."""

    message: str
    field: str = ""


_TEXTS: list[Text] = []


def _text(template: str, web: str = "", field: str = "", nested: tuple[str, ...] = (),
          labels: tuple[str, ...] = ()) -> Text:
    text = Text(template, web, field, nested, labels)
    _TEXTS.append(text)
    return text


def every() -> tuple[Text, ...]:
    """Every sentence of the planning capability (for the catalog check)."""
    return tuple(_TEXTS)


# -- Reading an event log -------------------------------------------------------------------

EMPTY_FILE = _text(
    "{name}: the file has no event rows; export the log with a header line and one event per "
    "row.",
    field="file")
BINARY_FILE = _text(
    "{name}: this looks like a binary file, not CSV or XLSX.",
    "{name}: this looks like a binary file, not CSV or XLSX. Export the log as CSV or XLSX, "
    "then choose it again.", field="file")
CSV_UNREADABLE = _text(
    "{name}: not a readable CSV file ({detail}); save it as CSV (UTF-8) or XLSX with a header "
    "line.", field="file")
XLSX_UNREADABLE = _text(
    "{name}: not a readable XLSX workbook (damaged or encrypted?); open it and save it again, "
    "or export it as CSV.", field="file")
XLSX_EMPTY = _text(
    "{name}: the first sheet is empty.",
    "{name}: the first sheet is empty. Put the events on the first sheet, one per row under a "
    "header line, then choose the file again.", field="file")
NO_TIME_COLUMN = _text(
    "{name}: no column '{wanted}' (--time-column); the columns are: {columns}.",
    "{name} has no column '{wanted}'. In “Timestamp column”, enter one of its columns: "
    "{columns}.", field="time_column")
NO_PLACE_COLUMN = _text(
    "{name}: no column '{wanted}' (--place-column); the columns are: {columns}.",
    "{name} has no column '{wanted}'. In “Place column”, enter one of its columns ({columns}), "
    "or leave it empty.", field="place_column")
NO_SOURCE_COLUMN = _text(
    "{name}: no column '{wanted}' (--source-column); the columns are: {columns}.",
    "{name} has no column '{wanted}'. In “Source column”, enter one of its columns "
    "({columns}), or leave it empty.", field="source_column")
TOO_MANY_TIME_COLUMNS = _text(
    "{name}: --time-column takes one column, or a date and a time column joined by '+'.",
    "“Timestamp column” takes one column, or a date column and a time column joined by '+' "
    "(for example DATE+TIME).", field="time_column")
TIMESTAMPS_UNREADABLE = _text(
    "{name}: the column '{column}' does not hold readable timestamps (examples: {examples}); "
    "expected e.g. 2025-03-17 14:05 or 17/03/2025 14:05.",
    "{name}: the column '{column}' does not hold readable timestamps (examples: {examples}). "
    "In “Timestamp column”, enter the column with the date and time of each event, written "
    "e.g. 2025-03-17 14:05 or 17/03/2025 14:05.", field="time_column")
UNKNOWN_TIMEZONE = _text(
    "Unknown time zone '{zone}' (--timezone); use an IANA name such as Europe/Paris.",
    "Unknown time zone '{zone}'. In “Time zone of the timestamps”, enter a name such as "
    "Europe/Paris.", field="timezone")
NO_EVENT = _text(
    "{name}: no event could be read (no valid timestamp and place); check --time-column and "
    "--place-column.",
    "{name}: no event could be read (no valid timestamp and place). Check “Timestamp column” "
    "and “Place column”.", field="time_column")
PEOPLE_REFUSED = _text(
    "{name}: the place column '{place}' holds values that look like people (names, phone "
    "numbers or e-mail addresses). Communia forecasts places and times only, never individuals "
    "(AI Act art. 5(1)(d)): use a zone, district or address column.", field="place_column")
LOG_TOO_SHORT = _text(
    "{name}: only {days} day(s) of events; a forecast needs at least one full week (several "
    "months is better). Export a longer period of the log and import it again.", field="file")
PERSONAL_COLUMNS_DROPPED = _text(
    "Column(s) {columns} look like personal data (names, phone numbers or free text about "
    "people) and were dropped; only counts per zone and hour are kept.")
PLACE_GUESSED = _text(
    "The place was read from the column '{column}' (recognised by its name; choose another "
    "with --place-column).",
    "The place was read from the column '{column}' (recognised by its name; to use another, "
    "import the log again and fill in “Place column”).")
NO_PLACE = _text(
    "No place column was given or recognised: every event counts for one zone covering the "
    "whole territory.")
SKIPPED_RECORDS = _text(
    "{count} record(s) had a timestamp that could not be read and were left out (records "
    "{rows}; the header is record 1).")
SKIPPED_RECORDS_MORE = _text(
    "{count} record(s) had a timestamp that could not be read and were left out (records "
    "{rows} and more; the header is record 1).")
UNLOCATED = _text(
    "{count} event(s) had no usable place and were left out ({rule}).", nested=("rule",))
CLOCK_COLUMN = _text(
    "'{column}' holds dates only; the time of day was read from '{clock}'.")
CLOCKS_FORWARD = _text(
    "{count} timestamp(s) fell in the hour skipped when clocks go forward ({zone}) and were "
    "moved to the next valid time.")
CLOCKS_BACK = _text(
    "{count} timestamp(s) fell in the hour repeated when clocks go back and were read as the "
    "first (summer-time) occurrence.")

# -- How places became zones ----------------------------------------------------------------

RULE_ONE_ZONE = _text("one zone for the whole territory")
RULE_VALUES = _text("each value of the place column is a zone ({count})")
RULE_STREETS = _text(
    "addresses grouped by street: the {count} busiest streets are zones, the others form "
    "'{other}'")
RULE_GRID = _text(
    "coordinates on a 3 × 2 grid of equal cells: latitude cut at {low:.4f} and {high:.4f}, "
    "longitude at {middle:.4f}")

# -- Forecasting ----------------------------------------------------------------------------

HORIZON = _text(
    "--horizon-weeks must be between 1 and {most}; got {value}.",
    "“Weeks to forecast” must be a whole number from 1 to {most}; you entered {value}. Enter "
    "the number of weeks to forecast, for example 2.", field="horizon_weeks")
HOLIDAYS_UNKNOWN = _text(
    "--holidays: no public-holiday calendar for the country code '{value}'; use a code such "
    "as FR, or an empty value for none.",
    "“Public holidays” must be a country code known to the holiday calendar, such as FR, or "
    "empty for none; “{value}” is not one.", field="holidays")
SCHOOL_ZONE_UNKNOWN = _text(
    "--school-zone must be A, B or C (or empty); got '{value}'.",
    "“French school-holiday zone” must be A, B, C or empty; “{value}” is not a zone. Leave it "
    "empty to ignore school holidays.", field="school_zone")
HISTORY_TOO_SHORT = _text(
    "Only {days:.0f} day(s) of events: a forecast needs at least one full week (several months "
    "is better).",
    "Only {days} day(s) of events: a forecast needs at least one full week (several months is "
    "better). Import a longer log.")
HISTORY_UNDER_TWO_WEEKS = _text(
    "Only {weeks:.1f} week(s) of history: the forecast is unreliable (it repeats the last week) "
    "and no backtest is possible. Import several months of events.")
HISTORY_UNRELIABLE = _text(
    "Only {weeks:.1f} weeks of history: the forecast is unreliable; {needed} weeks or more are "
    "needed for a meaningful backtest.")
MODEL_LOSES = _text(
    "The model (MASE {model:.3f}) does not beat the seasonal-naive baseline (MASE "
    "{baseline:.3f}) on this data: the baseline is used.")
FEEDBACK_LOOP = _text(
    "{share:.0%} of the events were recorded by the teams themselves: they show where teams "
    "already go, not only where demand is. A plan built on them can reinforce itself (feedback "
    "loop).")
SCHOOL_DATES = _text(
    "School holidays are known from {first} to {last}; outside these dates the school-holiday "
    "effect is not applied (update planning/data/vacances_scolaires.csv).",
    "School holidays are known from {first} to {last}; outside these dates the school-holiday "
    "effect is not applied (an administrator can update the school-holiday file).")

# -- Planning -------------------------------------------------------------------------------

OUTSIDE_FORECAST = _text(
    "{days} day(s) of the plan lie outside the forecast; their demand is the forecast's "
    "average for the same hour of the week.")
EDITED = _text("Edited by a person: the working-time rules were not re-checked.")
RULE_MAKES_INFEASIBLE = _text(
    "No plan satisfies every rule, but one exists without the rule '{rule}': with this team, "
    "that rule makes the plan infeasible. Add mediators, widen availability or adjust that "
    "rule.", labels=("rule",))
RULE_MAKES_INFEASIBLE_OR = _text(
    "No plan satisfies every rule, but one exists without the rule '{rule}' (lifting {others} "
    "instead would also work): with this team, that rule makes the plan infeasible. Add "
    "mediators, widen availability or adjust that rule.", labels=("rule", "others"))
NOT_FOUND_IN_TIME = _text(
    "No plan was found within the time limit; the team may be infeasible or need a longer "
    "search (--time-limit).",
    "No plan was found within the time limit; the team may be infeasible or need a longer "
    "search (an administrator can allow a longer search in the settings).")
RULES_CONFLICT = _text(
    "No plan satisfies the rules, and relaxing any single rule is not enough: several rules "
    "conflict with this team. Review contract hours and availability.")
SHIFTS_TOO_LONG = _text(
    "Every shift template is longer than the maximum of {most:g} hours per day.")
WEEK_OVER_MAXIMUM = _text(
    "{mediator}: {due:g} hours are due in the week from {first} (contract minus tolerance), "
    "above the maximum of {most:g} hours a week.")
TOO_FEW_DAYS = _text(
    "{mediator}: at most {workable} working day(s) in the week from {first} ({available} "
    "available, {off} consecutive days off), so at most {hours:g} hours, below the {due:g} "
    "hours their contract requires.")
# -- Editing a plan by its lines --------------------------------------------------------------

LINE_SHAPE = _text("Line {number}: expected mediator;day;shift;zone.", field="lines")
LINE_UNKNOWN = _text("Line {number}: unknown {label} '{value}'; expected one of {known}.",
                     field="lines", labels=("label",))
LINE_BUSY = _text("Line {number}: {who} already works on {day}.", field="lines")
LINE_NOT_A_DATE = _text("Line {number}: '{value}' is not a date like 2025-03-17.",
                        field="lines")
LINE_OUTSIDE = _text("Line {number}: {value} is outside the plan ({start} + {days} days).",
                     field="lines")
# -- The team file (team.yaml) ---------------------------------------------------------------
# ``where`` is one of the places below (a nested sentence) or a top-level key such as
# "start"; YAML keys stay as typed, since the person types them.

TEAM_ENTRY_KEY = _text("{section} entry {entry} {key}")
TEAM_ENTRY = _text("{section} entry {entry}")
TEAM_RULE = _text("rules {name}")
_T = "Team, shifts and rules: "
TEAM_YAML_AT = _text(
    "team.yaml is not valid YAML at line {line}; see docs/planning.md for the format.",
    "Team, shifts and rules: not valid YAML at line {line}; compare it with the example "
    "(indentation, colons, dashes).", "team")
TEAM_YAML = _text(
    "team.yaml is not valid YAML; see docs/planning.md for the format.",
    "Team, shifts and rules: not valid YAML; compare it with the example (indentation, "
    "colons, dashes).", "team")
TEAM_NOT_MAPPING = _text(
    "team.yaml must be a mapping with 'mediators' (and optionally 'shifts', 'rules', 'start', "
    "'weeks'); see docs/planning.md.",
    _T + "the text must be a mapping with 'mediators' (and optionally 'shifts', 'rules', "
    "'start', 'weeks'), as in the example.", "team")
TEAM_NO_MEDIATORS = _text(
    "team.yaml: 'mediators' must be a non-empty list; see docs/planning.md.",
    _T + "'mediators' must be a non-empty list, as in the example.", "team")
TEAM_NEEDS_ID = _text(
    "team.yaml: mediators entry {entry} needs an 'id' (a label such as M01; no personal name "
    "is needed).", _T + "mediators entry {entry} needs an 'id' (a label such as M01; no "
    "personal name is needed).", "team")
TEAM_TOO_MANY = _text("team.yaml: {count} mediators; at most {most}.",
                      _T + "{count} mediators; at most {most}.", "team")
TEAM_DUPLICATES = _text("team.yaml: mediator ids must be unique; repeated: {ids}.",
                        _T + "mediator ids must be unique; repeated: {ids}.", "team")
TEAM_DAYS_LIST = _text(
    "team.yaml: {where} available_days must be a list such as [mon, tue, wed].",
    _T + "{where}: available_days must be a list such as [mon, tue, wed].", "team",
    nested=("where",))
TEAM_DAY_UNKNOWN = _text(
    "team.yaml: {where} available_days has '{value}'; use mon…sun or lun…dim.",
    _T + "{where}: available_days has '{value}'; use mon…sun or lun…dim.", "team",
    nested=("where",))
TEAM_NO_SHIFTS = _text(
    "team.yaml: 'shifts' must be a non-empty list of entries with a name, start and end.",
    _T + "'shifts' must be a non-empty list of entries with a name, start and end.", "team")
TEAM_SHIFT_FIELDS = _text("team.yaml: shifts entry {entry} needs a 'name', 'start' and 'end'.",
                          _T + "shifts entry {entry} needs a 'name', 'start' and 'end'.", "team")
TEAM_SHIFT_LONG = _text("team.yaml: shift '{name}' lasts more than 16 hours.",
                        _T + "shift '{name}' lasts more than 16 hours.", "team")
TEAM_RULES_MAPPING = _text(
    "team.yaml: 'rules' must be a mapping, e.g. max_hours_week: 48.",
    _T + "'rules' must be a mapping, e.g. max_hours_week: 48.", "team")
TEAM_RULES_UNKNOWN = _text(
    "team.yaml: unknown rule(s) {unknown}; known rules: {known}.",
    _T + "unknown rule(s) {unknown}; known rules: {known}.", "team")
TEAM_CLOCK = _text("team.yaml: {where} must be a time like \"08:00\"; got {value}.",
                   _T + "{where} must be a time like \"08:00\"; got {value}.", "team",
                   nested=("where",))
TEAM_DATE = _text("team.yaml: {where} must be a date like 2025-03-17; got {value}.",
                  _T + "{where} must be a date like 2025-03-17; got {value}.", "team",
                  nested=("where",))
TEAM_WHOLE = _text("team.yaml: {where} must be a whole number; got {value}.",
                   _T + "{where} must be a whole number; got {value}.", "team",
                   nested=("where",))
TEAM_NUMBER = _text("team.yaml: {where} must be a number; got {value}.",
                    _T + "{where} must be a number; got {value}.", "team", nested=("where",))
TEAM_RANGE = _text("team.yaml: {where} must be between {low} and {high}; got {value}.",
                   _T + "{where} must be between {low} and {high}; got {value}.", "team",
                   nested=("where",))

FORECAST_MISSING = _text("Forecast this log before proposing a plan.")
INPUTS_CHANGED = _text(
    "The team or the forecast of this log changed since this plan was asked for; propose the "
    "plan again.")
RUN_NOT_FOUND = _text("No imported log '{run}'; import the events again.")


def parse(sentence: str) -> tuple[Text, dict[str, str]] | None:
    """The text a sentence was written from and its values, or None for another sentence.

    When several texts read it, the one with the most fixed words wins (a sentence that
    ends "and more; ..." is ``SKIPPED_RECORDS_MORE``, not ``SKIPPED_RECORDS``).
    """
    best: tuple[Text, dict[str, str]] | None = None
    best_fixed = -1
    for text, pattern, fixed in _patterns():
        found = pattern.fullmatch(sentence)
        if found is not None and fixed > best_fixed:
            best, best_fixed = (text, found.groupdict()), fixed
    return best


def say(sentence: str, translate: Callable[[str], str], french: bool = False) -> Said:
    """A sentence in the browser's wording and language (``translate`` is the catalog's
    gettext; ``french`` writes decimal commas and « » around quoted labels); a sentence
    not written from a text is translated as it is."""
    found = parse(sentence)
    if found is None:
        return Said(translate(sentence))
    text, values = found
    opening, closing = ("« ", " »") if french else ("'", "'")
    shown: dict[str, str] = {}
    for name, value in values.items():
        if name in text.nested:
            value = say(value, translate, french).message
        elif name in text.labels and len(value) > 1 and value[0] == value[-1] == "'":
            value = ", ".join(opening + translate(label) + closing  # 'a', 'b' (a label may
                              for label in value[1:-1].split("', '"))  # hold an apostrophe)
        elif name in text.labels:
            value = translate(value)
        elif french and _DECIMAL.fullmatch(value):
            value = value.replace(".", ",")
        shown[name] = value
    return Said(translate(text.wording).format(**shown), text.field)


@cache
def _patterns() -> tuple[tuple[Text, re.Pattern[str], int], ...]:
    return tuple((text, template_pattern(text.template), fixed_length(text.template))
                 for text in _TEXTS)

