"""Demo data: a real Polis conversation (NZ affordable housing, CC BY 4.0) synthesised into themes.

The comments come from ``shared/data/feedback-polis`` when it is present next to the
repository; places are illustrative neighbourhoods assigned in turn so the place
breakdown can be tried. Idempotent: a second call adds nothing.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from communia.bootstrap import Runtime
from communia.feedback import service
from communia.feedback.ingest import ColumnChoice
from communia.feedback.tables import FeedbackRun

CONVERSATION = "scoop-hivemind.affordable-housing"
TITLE = "Polis — logement abordable (NZ, 2017)"
PLACES = ("Centre", "Gare", "Nord", "Sud")
ATTRIBUTION = ("Data was gathered using the Polis software (compdemocracy.org/polis) and is "
               "sub-licensed under CC BY 4.0 with Attribution to The Computational Democracy "
               "Project")


def _source() -> Path | None:
    root = Path(__file__).resolve().parents[3]
    for base in (root.parent / "shared" / "data" / "feedback-polis",
                 root / "var" / "feedback-polis"):
        path = base / CONVERSATION / "comments.csv"
        if path.is_file():
            return path
    return None


def load(runtime: Runtime) -> list[str]:
    """Synthesise the demo conversation once, as the demo field lead."""
    with runtime.db.session() as session:
        if session.query(FeedbackRun).filter_by(title=TITLE).first() is not None:
            return []
    path = _source()
    if path is None:
        return ["feedback: Polis comments not found; no demo synthesis"]
    with path.open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if int(r["moderated"]) >= 0]
    body = io.StringIO()
    writer = csv.writer(body)
    writer.writerow(["comment", "timestamp", "quartier"])
    writer.writerows([r["comment-body"], r["timestamp"], PLACES[i % len(PLACES)]]
                     for i, r in enumerate(rows))
    run_id = service.create_run(runtime, TITLE, "terrain", {"attribution": ATTRIBUTION})
    service.execute(runtime, run_id, "polis.csv", io.BytesIO(body.getvalue().encode()),
                    ColumnChoice("comment", "timestamp", "quartier"), None, "terrain")
    return [f"feedback: synthesis of {len(rows)} Polis comments ({CONVERSATION})"]
