"""The feedback pages: import, column picker, progress, themes, human loop, exports."""

from __future__ import annotations

import csv
import io
import time
from pathlib import Path

from tests.support import WebClient

DEV = Path(__file__).parents[1].parent / "benchmarks" / "data" / "feedback" / "dev.csv"


def upload(web: WebClient) -> str:
    with DEV.open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["theme"] in ("min_wage", "profile")]
    body = io.StringIO()
    writer = csv.writer(body)
    writer.writerow(["Remontée", "Quartier"])
    writer.writerows([r["text"], "Nord" if i % 2 else "Sud"] for i, r in enumerate(rows))
    picker = web.post("/feedback/import", files={"file": ("r.csv", body.getvalue().encode())})
    assert picker.status_code == 200 and "Quartier" in picker.text
    token = picker.text.split('name="token" value="')[1].split('"')[0]
    started = web.post("/feedback/start", {"token": token, "name": "r.csv",
                                           "text_column": "Remontée",
                                           "place_column": "Quartier", "themes": "2"})
    assert started.status_code == 303
    return str(started.headers["location"])


def test_a_field_lead_imports_reviews_and_finalises(web: WebClient) -> None:
    web.login_as("field_lead", "lead")
    page_url = upload(web)
    for _ in range(300):
        page = web.http.get(page_url)
        if "<progress" not in page.text:
            break
        time.sleep(1)
    assert page.status_code == 200 and '/finalise"' in page.text, page.text[-800:]
    assert "<svg" in page.text and "<caption>" in page.text
    csv_export = web.http.get(page_url + "/assignments.csv")
    assert csv_export.status_code == 200 and csv_export.text.startswith("row,theme_id")
    note = web.http.get(page_url + "/note.docx")
    assert note.status_code == 200 and note.content[:2] == b"PK"
    done = web.post(page_url + "/finalise")
    assert done.status_code == 303
    final_page = web.http.get(page_url)
    assert "badge-approved" in final_page.text and '/finalise"' not in final_page.text


def test_other_roles_cannot_open_feedback(web: WebClient) -> None:
    web.login_as("hr")
    assert web.http.get("/feedback", follow_redirects=False).status_code == 403
