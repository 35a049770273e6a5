"""Export a plan: XLSX (assignments, coverage, zones), one ICS calendar per team, PDF.

Every export of a plan not adopted by a named person carries a visible draft mark.
"""

from __future__ import annotations

import io
from datetime import datetime
from zoneinfo import ZoneInfo

from communia.exports import Block, Document, Heading, Paragraph, Table, render
from communia.planning.plan import Plan

DRAFT_MARK = {"fr": "PROJET — planning non adopté", "en": "DRAFT — plan not adopted"}
ADOPTED = {"fr": "Adopté par {who}", "en": "Adopted by {who}"}
HEADERS = {
    "fr": ("Médiateur", "Équipe", "Jour", "Créneau", "Zone", "Début", "Fin", "Heures"),
    "en": ("Mediator", "Team", "Day", "Shift", "Zone", "Start", "End", "Hours"),
}


def status_line(adopted_by: str, lang: str) -> str:
    """The mark every export carries: draft, or who adopted the plan."""
    return ADOPTED[lang].format(who=adopted_by) if adopted_by else DRAFT_MARK[lang]


def to_xlsx(plan: Plan, adopted_by: str = "", lang: str = "fr") -> bytes:
    """A workbook: assignments, coverage per zone and hour, hours against demand per zone."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Planning"
    sheet.append([status_line(adopted_by, lang)])
    sheet["A1"].font = Font(bold=True, color="7A4B00" if not adopted_by else "1B5E20")
    sheet.append(list(HEADERS[lang]))
    for a in plan.assignments:
        sheet.append([a.mediator, a.team, a.day, a.shift, a.zone, a.start, a.end, a.hours])
    cover = book.create_sheet("Couverture" if lang == "fr" else "Coverage")
    cover.append(["Zone", "Heure" if lang == "fr" else "Hour",
                  "Demande prévue" if lang == "fr" else "Forecast demand",
                  "Médiateurs" if lang == "fr" else "Mediators"])
    for c in plan.coverage:
        cover.append([c.zone, c.start, round(c.demand, 3), c.staff])
    zones = book.create_sheet("Zones")
    zones.append(["Zone", "Part de la demande" if lang == "fr" else "Demand share",
                  "Heures" if lang == "fr" else "Hours",
                  "Part des heures" if lang == "fr" else "Hours share"])
    for z in plan.zone_shares:
        zones.append([z.zone, round(z.demand_share, 4), z.hours, round(z.hours_share, 4)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def to_ics(plan: Plan, team: str, timezone: str, adopted_by: str = "", lang: str = "fr") -> bytes:
    """One calendar for one team: an event per assignment (mediator label, zone, shift)."""
    from icalendar import Calendar, Event

    tz = ZoneInfo(timezone)
    cal = Calendar()
    cal.add("prodid", "-//Communia//planning//FR")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{team} — {status_line(adopted_by, lang)}")
    stamp = datetime.now(tz)
    for i, a in enumerate(x for x in plan.assignments if x.team == team):
        event = Event()
        event.add("uid", f"{plan.start}-{team}-{i}@communia")
        event.add("summary", f"{a.mediator} · {a.zone} · {a.shift}")
        event.add("dtstart", datetime.fromisoformat(a.start).replace(tzinfo=tz))
        event.add("dtend", datetime.fromisoformat(a.end).replace(tzinfo=tz))
        event.add("dtstamp", stamp)
        event.add("description", status_line(adopted_by, lang))
        cal.add_component(event)
    return bytes(cal.to_ical())


def to_pdf(plan: Plan, title: str, letterhead: tuple[str, ...], adopted_by: str = "",
           lang: str = "fr") -> bytes:
    """A printable plan through ``communia.exports`` (draft mark unless adopted)."""
    fr = lang == "fr"
    blocks: list[Block] = [
        Heading(title, 1),
        Paragraph(f"Part de la demande prévue couverte : {plan.covered_share:.0%}" if fr else
                   f"Share of forecast demand covered: {plan.covered_share:.0%}"),
        Table(("Zone", "Part de la demande" if fr else "Demand share",
               "Heures" if fr else "Hours", "Part des heures" if fr else "Hours share"),
              tuple((z.zone, f"{z.demand_share:.0%}", f"{z.hours:g}", f"{z.hours_share:.0%}")
                    for z in plan.zone_shares),
              caption="Heures par zone" if fr else "Hours per zone"),
        Table(HEADERS[lang],
              tuple((a.mediator, a.team, a.day, a.shift, a.zone, a.start[11:], a.end[11:],
                     f"{a.hours:g}") for a in plan.assignments),
              caption="Affectations" if fr else "Assignments"),
    ]
    doc = Document(title=title, lang=lang, blocks=tuple(blocks), letterhead=letterhead,
                   final=bool(adopted_by), approved_by=adopted_by,
                   draft_label="" if adopted_by else DRAFT_MARK[lang])
    return render(doc, "pdf")
