"""Readable reports of a screening: a self-contained HTML page and DOCX/PDF documents.

Everything shown is masked (blind review): summaries and points to clarify only,
never the raw files. The table is in match order, which anyone can re-sort; it has no
cut-off and no label. Documents are drafts (``communia.exports`` marks them so).
"""

from __future__ import annotations

import html

from communia.exports import Document, Heading, ListBlock, Paragraph, Table, render
from communia.recruitment.grid import InterviewGrid
from communia.recruitment.model import CandidateResult, JobProfile
from communia.recruitment.screening import Screening

__all__ = ["grid_document", "report_docx", "report_html", "screening_document"]

STATUS_TEXT = {
    "fr": {"met": "rempli", "partial": "en partie", "not_found": "non trouvé"},
    "en": {"met": "met", "partial": "partly", "not_found": "not found"},
}
TEXT = {
    "fr": {"title": "Analyse des candidatures", "score": "Correspondance aux critères (%)",
           "candidate": "Candidature", "summary": "Résumé", "clarify": "Points à clarifier",
           "flags": "Signalements", "criteria": "Critères fixés par les RH",
           "caption": "Correspondance aux critères, triable ; aucune décision n'est prise "
                      "par l'outil.",
           "notice": "Cet outil ne retient, n'écarte ni ne classe aucune candidature : chaque "
                     "décision est prise et motivée par une personne nommée. Identités "
                     "masquées jusqu'à l'étape de décision."},
    "en": {"title": "Application screening", "score": "Criteria match (%)",
           "candidate": "Application", "summary": "Summary", "clarify": "Points to clarify",
           "flags": "Flags", "criteria": "Criteria set by HR",
           "caption": "Criteria match, sortable; the tool takes no decision.",
           "notice": "This tool neither retains, discards nor ranks anyone: every decision "
                     "is taken and justified by a named person. Identities are masked until "
                     "the decision stage."},
}


def _lang(profile: JobProfile) -> str:
    return "en" if profile.lang == "en" else "fr"


def report_html(screening: Screening) -> str:
    """A self-contained, accessible HTML report (no script, no external resource)."""
    lang = _lang(screening.profile)
    t, e = TEXT[lang], html.escape
    ids = [c.id for c in screening.profile.criteria]
    head = "".join(f'<th scope="col">{e(c.label)}</th>' for c in screening.profile.criteria)
    rows = []
    for cand in sorted(screening.candidates, key=lambda c: (-c.match_score, c.id)):
        by_id = {r.criterion_id: r.status for r in cand.criteria}
        cells = "".join(f"<td>{STATUS_TEXT[lang][by_id.get(i, 'not_found')]}</td>" for i in ids)
        rows.append(f'<tr><th scope="row"><a href="#{cand.id}">{cand.id}</a></th>'
                    f"<td>{cand.match_score:g}</td>{cells}</tr>")
    details = "".join(_candidate_html(c, lang) for c in screening.candidates)
    criteria = "".join(f"<li>{e(c.describe())}</li>" for c in screening.profile.criteria)
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{e(t['title'])} — {e(screening.profile.title)}</title>"
        "<style>body{font-family:sans-serif;max-width:70rem;margin:auto;padding:1rem}"
        "table{border-collapse:collapse}td,th{border:1px solid #777;padding:.3rem}"
        ".notice{background:#fff4ce;padding:.5rem}</style></head><body>"
        f"<h1>{e(t['title'])} — {e(screening.profile.title)}</h1>"
        f'<p class="notice">{e(t["notice"])}</p>'
        f"<h2>{e(t['criteria'])}</h2><ul>{criteria}</ul>"
        f"<table><caption>{e(t['caption'])}</caption><thead><tr>"
        f'<th scope="col">{e(t["candidate"])}</th><th scope="col">{e(t["score"])}</th>{head}'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table>{details}</body></html>"
    )


def _candidate_html(cand: CandidateResult, lang: str) -> str:
    t, e = TEXT[lang], html.escape
    summary = "".join(f"<li>{e(line)}</li>" for line in cand.summary.splitlines())
    clarify = "".join(f"<li>{e(p)}</li>" for p in cand.to_clarify)
    flags = "".join(f"<li>{e(f['kind'])}: {e(f['detail'])}</li>" for f in cand.flags)
    return (f'<section id="{cand.id}"><h2>{t["candidate"]} {cand.id} — {cand.match_score:g} %'
            f"</h2><h3>{t['summary']}</h3><ul>{summary}</ul>"
            + (f"<h3>{t['clarify']}</h3><ul>{clarify}</ul>" if clarify else "")
            + (f"<h3>{t['flags']}</h3><ul>{flags}</ul>" if flags else "") + "</section>")


def screening_document(screening: Screening, letterhead: tuple[str, ...] = ()) -> Document:
    """The report as a neutral document (always a draft: decisions are human)."""
    lang = _lang(screening.profile)
    t = TEXT[lang]
    header = (t["candidate"], t["score"], *(c.label for c in screening.profile.criteria))
    rows = []
    for cand in sorted(screening.candidates, key=lambda c: (-c.match_score, c.id)):
        by_id = {r.criterion_id: r.status for r in cand.criteria}
        rows.append((cand.id, f"{cand.match_score:g}",
                     *(STATUS_TEXT[lang][by_id.get(c.id, "not_found")]
                       for c in screening.profile.criteria)))
    blocks: list[Heading | Paragraph | ListBlock | Table] = [
        Heading(f"{t['title']} — {screening.profile.title}"), Paragraph(t["notice"]),
        Table(header, tuple(rows), t["caption"])]
    for cand in screening.candidates:
        blocks.append(Heading(f"{t['candidate']} {cand.id} — {cand.match_score:g} %", 2))
        blocks.append(ListBlock(tuple(cand.summary.splitlines())))
        if cand.to_clarify:
            blocks.append(Paragraph(t["clarify"], bold=True))
            blocks.append(ListBlock(tuple(cand.to_clarify)))
        if cand.flags:
            blocks.append(Paragraph(t["flags"], bold=True))
            blocks.append(ListBlock(tuple(f"{f['kind']}: {f['detail']}" for f in cand.flags)))
    return Document(f"{t['title']} — {screening.profile.title}", lang, tuple(blocks),
                    letterhead=letterhead)


def report_docx(screening: Screening, letterhead: tuple[str, ...] = ()) -> bytes:
    """The report as DOCX (draft mark on every page)."""
    return render(screening_document(screening, letterhead), "docx")


def grid_document(grid: InterviewGrid, points: list[str] | None = None,
                  candidate: str = "", letterhead: tuple[str, ...] = ()) -> Document:
    """The interview grid as a document; with ``points``, one candidate's copy."""
    fr = grid.lang == "fr"
    blocks: list[Heading | Paragraph | ListBlock | Table] = [Heading(grid.title)]
    if candidate:
        blocks.append(Paragraph(("Candidature " if fr else "Application ") + candidate,
                                bold=True))
    scale = ("Note", "Repère") if fr else ("Score", "Anchor")
    for number, item in enumerate(grid.items, start=1):
        blocks.append(Heading(f"{number}. {item.label}", 2))
        blocks.append(Paragraph(item.question))
        blocks.append(Table(scale, tuple((str(n), a) for n, a in enumerate(item.anchors, 1)),
                            ""))
        blocks.append(Paragraph("Note attribuée : ___ / 4" if fr else "Score given: ___ / 4"))
    blocks.append(Heading("Mises en situation" if fr else "Situational questions", 2))
    blocks.append(ListBlock(grid.situations, ordered=True))
    if points:
        blocks.append(Heading("Points à clarifier" if fr else "Points to clarify", 2))
        blocks.append(ListBlock(tuple(points)))
    blocks.append(Heading("Questions interdites" if fr else "Questions never to ask", 2))
    blocks.append(ListBlock(grid.forbidden))
    return Document(grid.title, grid.lang, tuple(blocks), letterhead=letterhead)
