"""Planning rules and records: event counts per zone × hour, forecasts, and person-like checks.

Places and times only, never individuals (AI Act art. 5(1)(d)): the rules below decide
which columns look like personal data and which place values look like people.
No I/O here; ``ingest``, ``forecast`` and ``schedule`` do the work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from communia.errors import InvalidInput, Refused

# Settings we would like in ``communia.config`` one day; safe module-level defaults now.
DEFAULT_TIMEZONE = "Europe/Paris"
DEFAULT_HOLIDAYS = "FR"
DEFAULT_HORIZON_WEEKS = 2
MAX_HORIZON_WEEKS = 8
MAX_ZONES = 30
ADDRESS_ZONES = 8
CHUNK_ROWS = 100_000
MAX_REPORTED_ROWS = 20
BACKTEST_ORIGINS = 4
MIN_WEEKS_RELIABLE = 4
TRAIN_WEEKS = 52
INTERVAL_LEVEL = 0.90
# Backtest resolution: hourly counts are so sparse (often < 0.2 event per zone-hour) that
# even the true Poisson mean scores MASE ≈ 1 against a seasonal-naive forecast; 4-hour
# blocks (half a shift) are the finest resolution where accuracy can show (docs/planning.md).
BLOCK_HOURS = 4
HOURS_PER_WEEK = 168
TEAM_OBSERVATION_WARNING_SHARE = 0.05
# Solver time limits, in seconds: defaults of the settings ``planning_schedule_seconds``
# and ``planning_feasibility_seconds`` (each rule is lifted alone for a diagnosis, up to
# 7 searches), both at most ``MAX_SCHEDULE_SECONDS`` (also the bound of a job's payload).
SCHEDULE_SECONDS = 15.0
FEASIBILITY_SECONDS = 5.0
MAX_SCHEDULE_SECONDS = 120.0

GRID_NAMES = (("Nord-Ouest", "Nord-Est"), ("Centre-Ouest", "Centre-Est"),
              ("Sud-Ouest", "Sud-Est"))
OTHER_ZONE = "Autres lieux"

_PERSONAL_NAME = re.compile(
    r"(^|[_\s-])(nom|name|names|prenom|prénom|firstname|lastname|surname|person|personne|"
    r"individu|auteur|victime|victim|suspect|witness|temoin|témoin|phone|tel|tél|telephone|"
    r"téléphone|mobile|portable|email|e-mail|mail|courriel|birth|naissance|age|âge|sexe|gender|"
    r"description|comment|commentaire|narrative|notes?|remarques?|observations?|details?|"
    r"détails?|récit|recit|texte|text|plate|immatriculation|nir|ssn)([_\s-]|$)",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
_PHONE = re.compile(r"(?:\+|00)\d[\d .()-]{7,18}\d|0[1-9](?:[ .-]?\d{2}){4}|"
                    r"\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}")
_CIVILITY = re.compile(r"^\s*(m\.|mme|mlle|mr\.?|mrs\.?|ms\.?|monsieur|madame|mademoiselle|"
                       r"dr\.?|docteur)\s+\S", re.IGNORECASE)
_PLACE_WORD = re.compile(
    r"\b(rue|avenue|av|ave|bd|boulevard|place|pl|allée|allee|chemin|impasse|quai|cours|route|"
    r"quartier|secteur|zone|district|beat|parc|park|gare|station|square|street|st|road|rd|way|"
    r"blvd|lane|ln|dr|drive|ct|court|block|centre|center|nord|sud|est|ouest|north|south|east|"
    r"west|mairie|marché|marche|école|ecole|collège|college|lycée|lycee|cité|cite|résidence|"
    r"residence|pont|port|plage|bourg|hameau|lieu-dit|ilot|îlot|saint|sainte|les|le|la|du|des|"
    r"val|mont|bois|haut|bas|vieux|vieille|grand|grande|petit|petite|ville|zac|zup|qpv|"
    r"hauts|jardins?|prés|champs?|côte|cote|colline|plaine|village|faubourg)\b",
    re.IGNORECASE,
)
_NAME_LIKE = re.compile(r"^[A-ZÀ-Ý][a-zà-ÿ'-]+(\s+[A-ZÀ-Ý][a-zà-ÿ'-]+){1,2}$")
_TEAM_SOURCE = re.compile(
    r"observ|patrouill|patrol|équipe|equipe|team|terrain|field|officer|agent|self[- ]?init|"
    r"initiative|ronde|médiateur|mediateur|mediator",
    re.IGNORECASE,
)


class EventsUnreadable(InvalidInput):
    """The event log cannot be read or lacks a needed column; the message says which."""


class PersonalDataRefused(Refused):
    """The input targets individuals (person-like place values); forecasts are places only."""


class HistoryTooShort(InvalidInput):
    """Fewer days of events than a forecast needs."""


def personal_column(name: str) -> bool:
    """True when a column's name suggests personal data or free text about people."""
    return bool(_PERSONAL_NAME.search(name.strip()))


def person_like(value: str) -> bool:
    """True when a place value looks like a person (name, civility, phone, e-mail)."""
    text = value.strip()
    if not text:
        return False
    if _EMAIL.search(text) or _CIVILITY.search(text):
        return True
    if _PHONE.fullmatch(text):
        return True
    return bool(_NAME_LIKE.match(text)) and not _PLACE_WORD.search(text)


def free_text_like(values: list[str]) -> bool:
    """True when values read like sentences (long, many words): likely text about people."""
    filled = [v for v in values if v.strip()]
    if not filled:
        return False
    long_ones = sum(1 for v in filled if len(v) > 60 and len(v.split()) >= 8)
    return long_ones >= 0.3 * len(filled)


def values_look_personal(values: list[str]) -> bool:
    """True when enough sample values are phones, e-mails, civilities or full names."""
    filled = [v for v in values if v.strip()]
    if not filled:
        return False
    hits = sum(1 for v in filled if person_like(v))
    return hits >= max(3, 0.2 * len(filled)) or free_text_like(filled)


def team_observation(source: str) -> bool:
    """True when an event's source says it was recorded by a team, not reported by the public."""
    return bool(_TEAM_SOURCE.search(source))


@dataclass
class EventCounts:
    """Events per zone and UTC hour: the only thing kept from an imported log.

    Attributes:
        zones: zone names, in display order.
        timezone: IANA time zone the hours of week are read in.
        cells: ``(zone index, UTC hour since the epoch) -> count``.
        events: events counted.
        first_hour / last_hour: UTC hours since the epoch of the first and last event.
        skipped_rows: record numbers (header = 1) whose timestamp could not be read.
        skipped: how many such records.
        notices: what the person should know (dropped columns, DST fixes, zone rule).
        team_observed: events whose source is team observation.
        zone_rule: how places became zones, in one sentence.
    """

    zones: list[str]
    timezone: str
    cells: dict[tuple[int, int], int] = field(default_factory=dict)
    events: int = 0
    first_hour: int = 0
    last_hour: int = 0
    skipped_rows: list[int] = field(default_factory=list)
    skipped: int = 0
    notices: list[str] = field(default_factory=list)
    team_observed: int = 0
    zone_rule: str = ""

    @property
    def team_observation_share(self) -> float:
        return self.team_observed / self.events if self.events else 0.0

    @property
    def feedback_loop_risk(self) -> bool:
        """True when enough events come from team observation to bias the forecast."""
        return self.team_observation_share >= TEAM_OBSERVATION_WARNING_SHARE

    def to_json(self) -> dict[str, Any]:
        return {"zones": self.zones, "timezone": self.timezone, "events": self.events,
                "first_hour": self.first_hour, "last_hour": self.last_hour,
                "cells": [[z, h, n] for (z, h), n in sorted(self.cells.items())],
                "skipped_rows": self.skipped_rows, "skipped": self.skipped,
                "notices": self.notices, "team_observed": self.team_observed,
                "zone_rule": self.zone_rule}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> EventCounts:
        cells = {(int(z), int(h)): int(n) for z, h, n in data["cells"]}
        return cls(list(data["zones"]), str(data["timezone"]), cells, int(data["events"]),
                   int(data["first_hour"]), int(data["last_hour"]),
                   list(data["skipped_rows"]), int(data["skipped"]), list(data["notices"]),
                   int(data["team_observed"]), str(data.get("zone_rule", "")))


@dataclass(frozen=True)
class ForecastRow:
    """Expected events in one zone during one hour, with a prediction interval."""

    zone: str
    start: str
    mean: float
    low: float
    high: float


@dataclass(frozen=True)
class Backtest:
    """Rolling-origin backtest: MASE of the model and of the seasonal-naive baseline."""

    mase_model: float | None
    mase_baseline: float | None
    origins: int = 0
    horizon_hours: int = 0
    coverage_model: float | None = None
    coverage_baseline: float | None = None
    hourly_mase_model: float | None = None
    hourly_mase_baseline: float | None = None
    block_hours: int = BLOCK_HOURS

    @property
    def model_wins(self) -> bool:
        return (self.mase_model is not None and self.mase_baseline is not None
                and self.mase_model < self.mase_baseline)


@dataclass
class ForecastResult:
    """A forecast per zone × hour with how it was chosen and how reliable it is."""

    zones: list[str]
    model: str
    backtest: Backtest
    rows: list[ForecastRow]
    timezone: str
    history_weeks: float
    reliable: bool
    notices: list[str] = field(default_factory=list)
    interval_level: float = INTERVAL_LEVEL

    def to_json(self) -> dict[str, Any]:
        """The CLI contract: zones, model, backtest, hourly forecast rows (plus context)."""
        bt = self.backtest
        return {
            "zones": self.zones,
            "model": self.model,
            "backtest": {"mase_model": _round(bt.mase_model),
                         "mase_baseline": _round(bt.mase_baseline),
                         "origins": bt.origins, "horizon_hours": bt.horizon_hours,
                         "interval_coverage_model": _round(bt.coverage_model),
                         "interval_coverage_baseline": _round(bt.coverage_baseline),
                         "block_hours": bt.block_hours,
                         "hourly_mase_model": _round(bt.hourly_mase_model),
                         "hourly_mase_baseline": _round(bt.hourly_mase_baseline)},
            "forecast": [{"zone": r.zone, "start": r.start, "mean": round(r.mean, 4),
                          "low": round(r.low, 4), "high": round(r.high, 4)} for r in self.rows],
            "timezone": self.timezone,
            "history_weeks": round(self.history_weeks, 2),
            "reliable": self.reliable,
            "interval_level": self.interval_level,
            "notices": self.notices,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ForecastResult:
        """Read a forecast written by ``to_json`` (e.g. ``forecast.json``); clear errors."""
        try:
            bt = data["backtest"]
            rows = [ForecastRow(str(r["zone"]), str(r["start"]), float(r["mean"]),
                                float(r["low"]), float(r["high"])) for r in data["forecast"]]
            return cls(
                zones=[str(z) for z in data["zones"]], model=str(data["model"]),
                backtest=Backtest(bt.get("mase_model"), bt.get("mase_baseline"),
                                  int(bt.get("origins", 0)), int(bt.get("horizon_hours", 0)),
                                  bt.get("interval_coverage_model"),
                                  bt.get("interval_coverage_baseline"),
                                  bt.get("hourly_mase_model"), bt.get("hourly_mase_baseline"),
                                  int(bt.get("block_hours", BLOCK_HOURS))),
                rows=rows, timezone=str(data.get("timezone", DEFAULT_TIMEZONE)),
                history_weeks=float(data.get("history_weeks", 0.0)),
                reliable=bool(data.get("reliable", True)),
                notices=[str(n) for n in data.get("notices", [])],
                interval_level=float(data.get("interval_level", INTERVAL_LEVEL)))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise InvalidInput(
                f"The forecast file is not in the expected shape ({exc!s}); produce it with "
                "'communia plan forecast'.") from None


def _round(value: float | None) -> float | None:
    return None if value is None else round(float(value), 4)
