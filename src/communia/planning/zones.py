"""Map the place column to zones by one documented rule, chosen on the first rows.

- No place column: one zone for the whole territory.
- Coordinates ``(lat, lon)`` in most values: a 3 × 2 grid of equal-size cells over the
  extent of the first chunk's points (1st to 99th percentile, so a stray point does not
  stretch it), zones named Nord-Ouest … Sud-Est.
- At most ``MAX_ZONES`` distinct values (zones, districts, beats): each value is a zone.
- Otherwise (addresses): the street name (house numbers and "block" removed; the first
  street of a crossing), the ``ADDRESS_ZONES`` busiest streets as zones, the rest grouped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from communia.planning import texts
from communia.planning.model import ADDRESS_ZONES, GRID_NAMES, MAX_ZONES, OTHER_ZONE

WHOLE_TERRITORY = "Tout le territoire"
_COORDS = re.compile(r"\(?\s*(-?\d{1,3}\.\d+)\s*[,;]\s*(-?\d{1,3}\.\d+)\s*\)?")
_HOUSE = re.compile(r"^\s*(\d+[\w-]*\s+(block\s+(of\s+)?)?|block\s+(of\s+)?)", re.IGNORECASE)
_CROSSING = re.compile(r"\s*(&|/|\bat\b|\bx\b|\bangle\b)\s*", re.IGNORECASE)


def clean_place(value: str) -> str:
    """One place label: HTML entities decoded, first line only, spaces collapsed."""
    text = html.unescape(value).strip().splitlines()[0] if value.strip() else ""
    return " ".join(text.split())


def street_of(address: str) -> str:
    """The street of an address or crossing ("2200 SHATTUCK AVE" -> "SHATTUCK AVE")."""
    text = _HOUSE.sub("", clean_place(address))
    return _CROSSING.split(text)[0].strip().upper() if text else ""


@dataclass
class ZoneMapper:
    """Turns place values into zone indices (-1 when the place is unusable)."""

    mode: str
    rule: str
    names: list[str] = field(default_factory=list)
    lat_cuts: tuple[float, float] = (0.0, 0.0)
    lon_cut: float = 0.0

    def zones(self) -> list[str]:
        return list(self.names)

    def zone_indices(self, values: pd.Series | None, length: int) -> np.ndarray:
        """Zone index per row; -1 where the place is empty or unusable."""
        if values is None or self.mode == "single":
            return np.zeros(length, dtype=np.int64)
        if self.mode == "grid":
            return self._grid(values)
        codes, uniques = pd.factorize(values.astype(str))
        clean = clean_place if self.mode == "values" else street_of
        lookup = np.array([self._index(clean(str(u))) for u in uniques] + [-1], dtype=np.int64)
        return np.asarray(lookup[codes])  # code -1 (missing) picks the trailing -1

    def _index(self, key: str) -> int:
        if not key:
            return -1
        try:
            return self.names.index(key)
        except ValueError:
            if OTHER_ZONE not in self.names:
                self.names.append(OTHER_ZONE)
            return self.names.index(OTHER_ZONE)

    def _grid(self, values: pd.Series) -> np.ndarray:
        coords = values.astype(str).str.extract(_COORDS).astype(float)
        lat, lon = coords[0].to_numpy(), coords[1].to_numpy()
        row = np.where(lat >= self.lat_cuts[1], 0, np.where(lat >= self.lat_cuts[0], 1, 2))
        col = np.where(lon >= self.lon_cut, 1, 0)
        out = row * 2 + col
        return np.where(np.isnan(lat) | np.isnan(lon), -1, out).astype(np.int64)


def build_mapper(values: pd.Series | None) -> ZoneMapper:
    """Choose the zone rule from the first chunk's place values."""
    if values is None:
        return ZoneMapper("single", texts.RULE_ONE_ZONE(), [WHOLE_TERRITORY])
    text = values.astype(str)
    filled = text[text.str.strip() != ""]
    coords = filled.str.extract(_COORDS).astype(float).dropna()
    if len(filled) and len(coords) >= 0.6 * len(filled):
        return _grid_mapper(coords)
    raw = filled.value_counts()
    counts = _regroup(raw, clean_place)
    if len(counts) <= MAX_ZONES:
        return ZoneMapper("values", texts.RULE_VALUES(count=len(counts)),
                          [str(v) for v in counts.index])
    streets = _regroup(raw, street_of)
    top = [str(s) for s in streets[streets.index != ""].index[:ADDRESS_ZONES]]
    return ZoneMapper("streets", texts.RULE_STREETS(count=len(top), other=OTHER_ZONE), top)


def _regroup(raw: pd.Series, clean: Callable[[str], str]) -> pd.Series:
    """Counts of raw values regrouped by their cleaned label, busiest first."""
    grouped = raw.groupby([clean(str(v)) for v in raw.index]).sum()
    return grouped.sort_values(ascending=False, kind="stable")


def _grid_mapper(coords: pd.DataFrame) -> ZoneMapper:
    south, north = (float(q) for q in coords[0].quantile([0.01, 0.99]))
    west, east = (float(q) for q in coords[1].quantile([0.01, 0.99]))
    lat_low, lat_high = south + (north - south) / 3, south + 2 * (north - south) / 3
    lon_mid = (west + east) / 2
    names = [name for row in GRID_NAMES for name in row]
    rule = texts.RULE_GRID(low=lat_low, high=lat_high, middle=lon_mid)
    return ZoneMapper("grid", rule, names, (lat_low, lat_high), lon_mid)
