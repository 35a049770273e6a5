"""The feedback pages: import, column picker, progress, themes, human loop, exports."""

from __future__ import annotations

import csv
import io
import re
import time
from collections.abc import Callable
from pathlib import Path

from communia.bootstrap import Runtime
from communia.feedback import service
from communia.feedback.ingest import ColumnChoice
from communia.feedback.jobs import SYNTHESIS
from communia.jobs import records
from communia.jobs import service as jobs
from tests.support import WebClient

DEV = Path(__file__).parents[1].parent / "benchmarks" / "data" / "feedback" / "dev.csv"


def reports_csv() -> bytes:
    with DEV.open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["theme"] in ("min_wage", "profile")]
    body = io.StringIO()
    writer = csv.writer(body)
    writer.writerow(["Remontée", "Quartier"])
    writer.writerows([r["text"], "Nord" if i % 2 else "Sud"] for i, r in enumerate(rows))
    return body.getvalue().encode()


def job_of(web: WebClient, run_id: str) -> str:
    with web.runtime.db.session() as session:
        return service.job_of(service.get_run(session, run_id))


def finished_fragment(web: WebClient, job_id: str, timeout: float = 300) -> str:
    """Poll the job's progress fragment as the page does, until the job is finished."""
    deadline = time.monotonic() + timeout
    while True:
        fragment = web.http.get(f"/jobs/{job_id}/progress")
        assert fragment.status_code == 200
        if "hx-trigger" not in fragment.text or time.monotonic() > deadline:
            return fragment.text
        time.sleep(0.5)


def csv_rows(web: WebClient, page_url: str) -> list[dict[str, str]]:
    export = web.http.get(page_url + "/assignments.csv")
    assert export.status_code == 200
    return list(csv.DictReader(io.StringIO(export.text)))


def theme_ids(page: str) -> list[str]:
    """Active theme ids, in page order, from the rename forms."""
    ids = re.findall(r'action="/feedback/runs/[^/]+/rename".*?name="theme_id" value="([^"]+)"',
                     page, flags=re.S)
    return list(dict.fromkeys(ids))


def upload(web: WebClient) -> str:
    picker = web.post("/feedback/import", files={"file": ("r.csv", reports_csv())})
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
    run_id = page_url.rsplit("/", 1)[-1]
    job_id = job_of(web, run_id)

    running = web.http.get(page_url)  # the analysis runs as a job; the page follows it

    assert running.status_code == 200 and f'id="job-{job_id}"' in running.text
    assert f'hx-get="/jobs/{job_id}/progress"' in running.text
    fragment = finished_fragment(web, job_id)
    assert f'href="/feedback/runs/{run_id}"' in fragment, fragment
    page = web.http.get(page_url)
    assert page.status_code == 200 and '/finalise"' in page.text, page.text[-800:]
    assert "<svg" in page.text and "<caption>" in page.text
    assert "Remontées par thème (aucun chiffre sous 5 remontées)" in page.text
    csv_export = web.http.get(page_url + "/assignments.csv")
    assert csv_export.status_code == 200 and csv_export.text.startswith("row,theme_id")
    note = web.http.get(page_url + "/note.docx")
    assert note.status_code == 200 and note.content[:2] == b"PK"
    done = web.post(page_url + "/finalise")
    assert done.status_code == 303
    final_page = web.http.get(page_url)
    assert "badge-approved" in final_page.text and '/finalise"' not in final_page.text


def test_a_lead_splits_merges_and_deletes_themes_in_the_page_as_the_author(
        web: WebClient) -> None:
    lead = web.login_as("field_lead")
    page_url = upload(web)
    finished_fragment(web, job_of(web, page_url.rsplit("/", 1)[-1]))
    first, second = theme_ids(web.http.get(page_url).text)
    assert {r["author"] for r in csv_rows(web, page_url)} == {"ai"}

    assert web.post(page_url + "/split", {"theme_id": first}).status_code == 303
    first, second, third = theme_ids(web.http.get(page_url).text)
    assert web.post(page_url + "/merge", {"theme_id": first, "other_id": third}
                    ).status_code == 303
    assert web.post(page_url + "/delete", {"theme_id": second}).status_code == 303

    page = web.http.get(page_url)
    assert theme_ids(page.text) == [first]
    rows = csv_rows(web, page_url)
    codes = {r["theme_id"] for r in rows}
    assert len(codes) == 1 and {r["author"] for r in rows} == {lead}
    assert web.post(page_url + "/finalise").status_code == 303
    finalised = web.http.get(page_url).text
    assert f"{lead}</span>" in finalised and "badge-approved" in finalised
    assert {r["author"] for r in csv_rows(web, page_url)} >= {lead}


def test_a_run_whose_worker_stopped_is_taken_over_from_its_page(web: WebClient) -> None:
    lead = web.login_as("field_lead")
    runtime = web.runtime
    run_id = service.prepare_run(runtime, "r.csv", reports_csv(),
                                 ColumnChoice("Remontée", place="Quartier"), 2, lead)
    job_id, _ = jobs.submit(runtime, SYNTHESIS, {"run_id": run_id}, actor=lead)
    service.attach_job(runtime, run_id, job_id)
    with runtime.db.session() as session:  # a worker took it, then the app was restarted
        assert records.claim(session, job_id, "stopped-process", lease=0.5)

    stuck = web.http.get(f"/feedback/runs/{run_id}")
    assert f'hx-get="/jobs/{job_id}/progress"' in stuck.text and "<progress" in stuck.text
    time.sleep(0.6)  # the stopped worker's lease expires
    fragment = finished_fragment(web, job_id)

    assert f'href="/feedback/runs/{run_id}"' in fragment, fragment  # succeeded
    assert jobs.status(runtime, job_id).attempts == 2
    page = web.http.get(f"/feedback/runs/{run_id}")
    assert '/finalise"' in page.text and "<progress" not in page.text


def test_a_cancelled_run_says_so_instead_of_running_forever(web: WebClient) -> None:
    lead = web.login_as("field_lead")
    runtime = web.runtime
    run_id = service.prepare_run(runtime, "r.csv", reports_csv(), ColumnChoice("Remontée"),
                                 None, lead)
    job_id, _ = jobs.submit(runtime, SYNTHESIS, {"run_id": run_id}, actor=lead)
    service.attach_job(runtime, run_id, job_id)

    assert web.post(f"/jobs/{job_id}/cancel").status_code == 303
    page = web.http.get(f"/feedback/runs/{run_id}")

    assert f"Cancelled by {lead}." in page.text and "<progress" not in page.text
    assert web.http.get("/feedback").text.count(run_id) == 1
    with runtime.db.session() as session:
        assert service.get_run(session, run_id).status == "cancelled"


def test_other_roles_cannot_open_feedback(web: WebClient) -> None:
    web.login_as("hr")
    assert web.http.get("/feedback", follow_redirects=False).status_code == 403


def test_an_upload_over_the_configured_number_of_reports_fails_naming_the_file_and_limit(
        make_runtime: Callable[..., Runtime]) -> None:
    web = WebClient(make_runtime(feedback_max_reports=10, feedback_min_group_size=7))
    web.login_as("field_lead")
    assert "affiché pour moins de 7 remontées." in web.http.get("/feedback").text  # French
    page_url = upload(web)
    finished_fragment(web, job_of(web, page_url.rsplit("/", 1)[-1]))

    page = web.http.get(page_url)

    assert "r.csv: more than 10 data rows" in page.text, page.text[-1500:]
    assert '/finalise"' not in page.text


def test_a_file_that_is_not_reports_is_refused_at_upload_naming_it(web: WebClient) -> None:
    # An image renamed .csv, or a header without rows, used to reach the column step and
    # fail only after "find the themes", as a failed job.
    web.login_as("field_lead")
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)
    image = web.post("/feedback/import", files={"file": ("image.csv", png)})
    assert image.status_code == 400
    assert "image.csv" in image.text and "binary data" in image.text
    empty = web.post("/feedback/import", files={"file": ("vide.csv", b"date,texte\n")})
    assert empty.status_code == 400
    assert "vide.csv" in empty.text and "no data row" in empty.text
