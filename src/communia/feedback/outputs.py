"""What people read: theme views, the CLI's JSON, the CSV of assignments, the synthesis note.

Every figure goes through the minimum group size rule of ``model``: a theme, place or
period under the minimum group size (setting ``feedback_min_group_size``, read from the
runtime by every function here) shows no count, no trend and no quote.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from communia.bootstrap import Runtime
from communia.exports import Document, Heading, ListBlock, Paragraph, Table
from communia.feedback.model import (
    TrendPoint,
    breakdown,
    parse_note,
    quote_of,
    shown_count,
    suppressed_total,
    trend,
)
from communia.feedback.tables import FeedbackAssignment, FeedbackReport, FeedbackRun, FeedbackTheme


@dataclass
class ThemeView:
    """A theme as shown: its count only when large enough, its trend, places and quotes."""

    id: str
    code: str
    label: str
    keywords: list[str]
    count: int | None
    share: float | None
    quotes: list[str]
    trend: list[TrendPoint]
    places: list[tuple[str, int]]
    author: str
    rows: list[int]


def theme_views(runtime: Runtime, session: Session, run: FeedbackRun) -> list[ThemeView]:
    """The run's active themes, largest first, with the minimum group size applied."""
    least = runtime.settings.feedback_min_group_size
    themes = list(session.scalars(select(FeedbackTheme).where(
        FeedbackTheme.run_id == run.id, FeedbackTheme.active.is_(True))))
    members: dict[str, set[int]] = defaultdict(set)
    for theme_id, row in session.execute(select(FeedbackAssignment.theme_id, FeedbackAssignment.row)
                                         .where(FeedbackAssignment.run_id == run.id)):
        members[theme_id].add(row)
    context = {r.row: (r.day, r.place) for r in session.execute(
        select(FeedbackReport.row, FeedbackReport.day, FeedbackReport.place)
        .where(FeedbackReport.run_id == run.id))}
    total = max(run.reports, 1)
    views = []
    for theme in themes:
        rows = sorted(members.get(theme.id, set()))
        count = shown_count(len(rows), least)
        views.append(ThemeView(
            theme.id, theme.code, theme.label, list(theme.keywords), count,
            round(100 * count / total, 1) if count else None,
            list(theme.quotes) if count else [],
            trend([context[r][0] for r in rows if r in context], run.granularity, least)
            if count else [],
            breakdown((context[r][1] for r in rows if r in context), least) if count else [],
            theme.author, rows))
    views.sort(key=lambda v: (-(v.count or 0), v.code))
    return views


def places(runtime: Runtime, session: Session,
           run: FeedbackRun) -> tuple[list[tuple[str, int]], int]:
    """Reports per place (large groups only) and how many sit in groups too small to show."""
    least = runtime.settings.feedback_min_group_size
    values = list(session.scalars(select(FeedbackReport.place)
                                  .where(FeedbackReport.run_id == run.id)))
    return breakdown(values, least), suppressed_total(values, least)


def contract_json(runtime: Runtime, session: Session, run: FeedbackRun) -> dict[str, Any]:
    """The CLI contract: themes[id, label, keywords, count, quotes, trend], assignments."""
    views = [v for v in theme_views(runtime, session, run) if v.count is not None]
    shown = {v.id: v.code for v in views}
    by_row: dict[int, list[tuple[bool, str]]] = defaultdict(list)
    for row, theme_id, primary in session.execute(
            select(FeedbackAssignment.row, FeedbackAssignment.theme_id,
                   FeedbackAssignment.is_primary).where(FeedbackAssignment.run_id == run.id)):
        if theme_id in shown:
            by_row[row].append((not primary, shown[theme_id]))
    return {
        "themes": [{"id": v.code, "label": v.label, "keywords": v.keywords, "count": v.count,
                    "quotes": v.quotes,
                    "trend": [{"period": p.period, "count": p.count} for p in v.trend]}
                   for v in views],
        "assignments": [{"row": row, "theme_ids": [c for _, c in sorted(by_row.get(row, []),
                                                                         key=_code_order)]}
                        for row in range(run.reports)],
    }


def _code_order(item: tuple[bool, str]) -> tuple[bool, int]:
    return item[0], int(item[1][1:]) if item[1][1:].isdigit() else 0


def assignments_csv(session: Session, run: FeedbackRun) -> str:
    """One line per report and theme: row, theme, label, primary, author, date, place, number.

    ``row`` is the 0-based data row (as in the CLI's JSON); ``number`` is the number the
    web pages show and the move form takes (1 = first report under the header).
    """
    labels = {t.id: (t.code, t.label, t.active) for t in session.scalars(
        select(FeedbackTheme).where(FeedbackTheme.run_id == run.id))}
    context = {r.row: (r.day, r.place) for r in session.execute(
        select(FeedbackReport.row, FeedbackReport.day, FeedbackReport.place)
        .where(FeedbackReport.run_id == run.id))}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["row", "theme_id", "theme_label", "primary", "author", "date", "place",
                     "number"])
    query = (select(FeedbackAssignment).where(FeedbackAssignment.run_id == run.id)
             .order_by(FeedbackAssignment.row, FeedbackAssignment.is_primary.desc()))
    for a in session.scalars(query):
        code, label, _ = labels[a.theme_id]
        day, place = context.get(a.row, (None, ""))
        writer.writerow([a.row, code, label, "yes" if a.is_primary else "no", a.author,
                         day.isoformat() if day else "", place, a.row + 1])
    return out.getvalue()


def quotes_for(runtime: Runtime, session: Session, run_id: str, rows: list[int],
               limit: int = 3) -> list[str]:
    """Pseudonymised verbatim quotes from ``rows`` (pseudonymising now if needed)."""
    texts = shown_texts(runtime, session, run_id, rows[: limit * 4])
    return [quote_of(texts[r]) for r in rows[: limit * 4]
            if r in texts and len(texts[r].strip()) >= 15][:limit]


def shown_texts(runtime: Runtime, session: Session, run_id: str,
                rows: list[int]) -> dict[int, str]:
    """The pseudonymised texts of ``rows`` (pseudonymised now, and kept, if needed)."""
    from communia.feedback.themes import pseudonymise_texts

    run = session.get(FeedbackRun, run_id)
    already = bool(run and run.params.get("pseudonymised_all"))
    found = list(session.scalars(select(FeedbackReport).where(
        FeedbackReport.run_id == run_id, FeedbackReport.row.in_(rows))))
    texts: dict[int, str] = {}
    waiting: list[tuple[FeedbackReport, str]] = []
    for report in found:
        if report.quoted is not None:
            texts[report.row] = runtime.vault.decrypt(report.quoted)
        elif already:
            texts[report.row] = runtime.vault.decrypt(report.text)
        else:
            waiting.append((report, runtime.vault.decrypt(report.text)))
    if waiting:
        for (report, _), safe in zip(waiting, pseudonymise_texts([t for _, t in waiting]),
                                     strict=True):
            report.quoted = runtime.vault.encrypt(safe)
            texts[report.row] = safe
    return texts


@dataclass
class ListedReport:
    """A report as the theme's list shows it: its number (1 = first data row), text, context."""

    number: int
    text: str
    day: date | None
    place: str
    own: bool
    other_themes: list[str]


@dataclass
class ThemeReports:
    """One page of a theme's reports, or none when the theme is under the minimum group size."""

    theme: FeedbackTheme
    total: int
    listed: bool
    reports: list[ListedReport]
    page: int
    pages: int
    per_page: int = 0

    @property
    def first(self) -> int:
        """The position in the theme of this page's first report (0 if none)."""
        return (self.page - 1) * self.per_page + 1 if self.reports else 0

    @property
    def last(self) -> int:
        """The position in the theme of this page's last report."""
        return (self.page - 1) * self.per_page + len(self.reports)


REPORTS_PER_PAGE = 50
LISTED_TEXT_CHARS = 600


def theme_reports(runtime: Runtime, session: Session, run: FeedbackRun, theme: FeedbackTheme,
                  page: int = 1, per_page: int = REPORTS_PER_PAGE) -> ThemeReports:
    """A page of the reports in ``theme``, numbered as the person counts (from 1).

    A theme under the minimum group size lists nothing, as it shows no quote.
    """
    least = runtime.settings.feedback_min_group_size
    memberships = list(session.execute(
        select(FeedbackAssignment.row, FeedbackAssignment.theme_id, FeedbackAssignment.is_primary)
        .where(FeedbackAssignment.run_id == run.id)))
    rows = sorted({row for row, theme_id, _ in memberships if theme_id == theme.id})
    if shown_count(len(rows), least) is None:
        return ThemeReports(theme, len(rows), False, [], 1, 1)
    pages = max(1, -(-len(rows) // per_page))
    page = min(max(page, 1), pages)
    chosen = rows[(page - 1) * per_page: page * per_page]
    labels = {t.id: t.label for t in session.scalars(select(FeedbackTheme).where(
        FeedbackTheme.run_id == run.id, FeedbackTheme.active.is_(True)))}
    others: dict[int, list[str]] = defaultdict(list)
    own: set[int] = set()
    for row, theme_id, primary in memberships:
        if theme_id == theme.id:
            if primary:
                own.add(row)
        elif theme_id in labels:
            others[row].append(labels[theme_id])
    context = {r.row: (r.day, r.place) for r in session.execute(
        select(FeedbackReport.row, FeedbackReport.day, FeedbackReport.place)
        .where(FeedbackReport.run_id == run.id, FeedbackReport.row.in_(chosen)))}
    texts = shown_texts(runtime, session, run.id, chosen)
    listed = [ListedReport(row + 1, _shorten(texts.get(row, "")), *context.get(row, (None, "")),
                           row in own, sorted(others.get(row, [])))
              for row in chosen]
    return ThemeReports(theme, len(rows), True, listed, page, pages, per_page)


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= LISTED_TEXT_CHARS:
        return text
    cut = text[:LISTED_TEXT_CHARS]
    return cut[: cut.rfind(" ")] + " …" if " " in cut else cut + "…"


def note_text(runtime: Runtime, session: Session, run_id: str, lang: str) -> str:
    """The synthesis note as editable plain text (headings, items, table rows)."""
    run = session.get(FeedbackRun, run_id)
    assert run is not None
    fr = lang == "fr"
    least = runtime.settings.feedback_min_group_size
    views = theme_views(runtime, session, run)
    lines = [f"# {'Synthèse des remontées' if fr else 'Synthesis of reports'} — {run.title}",
             (f"{run.reports} remontées analysées ; aucun chiffre n'est donné pour moins de "
              f"{least} remontées." if fr else
              f"{run.reports} reports analysed; no figure is given for fewer than "
              f"{least} reports."),
             f"# {'Thèmes' if fr else 'Themes'}",
             "| " + (" | ".join(("Thème", "Remontées", "Part (%)") if fr
                              else ("Theme", "Reports", "Share (%)"))) + " |"]
    for v in views:
        count = str(v.count) if v.count else f"< {least}"
        lines.append(f"| {v.label} | {count} | {v.share if v.share else '—'} |")
    for v in views:
        lines.append(f"## {v.label}")
        lines.append(("Mots-clés : " if fr else "Keywords: ") + ", ".join(v.keywords))
        lines.extend(f"- « {q} »" if fr else f"- \"{q}\"" for q in v.quotes)
    if run.finalised_by:
        lines.append(f"Thèmes finalisés par {run.finalised_by}." if fr
                      else f"Themes finalised by {run.finalised_by}.")
    return "\n".join(lines)


def note_document(title: str, text: str, lang: str, letterhead: tuple[str, ...],
                  final: bool = False, approved_by: str = "") -> Document:
    """A renderable document from the note's plain text."""
    blocks: list[Heading | Paragraph | ListBlock | Table] = []
    items: list[str] = []
    rows: list[tuple[str, ...]] = []
    for line in parse_note(text):
        if line.kind != "item" and items:
            blocks.append(ListBlock(tuple(items)))
            items = []
        if line.kind != "row" and rows:
            blocks.append(Table(rows[0], tuple(rows[1:]), caption=rows[0][0]))
            rows = []
        if line.kind == "heading":
            blocks.append(Heading(line.text, line.level))
        elif line.kind == "item":
            items.append(line.text)
        elif line.kind == "row":
            rows.append(line.cells)
        else:
            blocks.append(Paragraph(line.text))
    if items:
        blocks.append(ListBlock(tuple(items)))
    if rows:
        blocks.append(Table(rows[0], tuple(rows[1:]), caption=rows[0][0]))
    return Document(title=title, lang=lang, blocks=tuple(blocks), letterhead=letterhead,
                    final=final, approved_by=approved_by)


def note_bytes(runtime: Runtime, session: Session, run: FeedbackRun, fmt: str,
               lang: str) -> tuple[bytes, bool]:
    """The synthesis note rendered; final only when its draft was approved by a named person."""
    from communia.exports import render
    from communia.governance import review

    settings = runtime.settings
    letterhead = (settings.authority_name, settings.authority_address)
    title = ("Synthèse des remontées — " if lang == "fr" else "Synthesis of reports — ") + run.title
    if run.note_draft_id:
        draft = review.get_draft(session, run.note_draft_id)
        if draft.status == "approved":
            text, approver = review.final_content(session, runtime.vault, run.note_draft_id)
            document = note_document(title, text, lang, letterhead, True, approver)
            return render(document, fmt), True
        text = review.current_content(session, runtime.vault, run.note_draft_id)
    else:
        text = note_text(runtime, session, run.id, lang)
    return render(note_document(title, text, lang, letterhead), fmt), False
