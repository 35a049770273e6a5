"""Jobs in the browser: submit a batch, follow its progress fragment, see the result, cancel."""

from __future__ import annotations

import re
import time

from communia.jobs import runner_for
from tests.planning_support import synthetic_csv
from tests.support import WebClient


def _wait_finished(web: WebClient, job_id: str) -> str:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        html = web.http.get(f"/jobs/{job_id}/progress").text
        if "hx-trigger" not in html:
            return html
        time.sleep(0.2)
    raise AssertionError("job did not finish")


def test_an_agent_pseudonymises_a_batch_and_follows_its_progress(web: WebClient) -> None:
    web.login_as("agent")
    texts = "Jean Dupont a appelé le 06 12 34 56 78.\n\nRappeler Jean Dupont demain."

    response = web.post("/jobs/pseudonymise", {"texts": texts})

    assert response.status_code == 303
    job_id = response.headers["location"].rsplit("/", 1)[-1]
    fragment = _wait_finished(web, job_id)
    assert '<progress' in fragment and 'value="100"' in fragment
    page = web.http.get(f"/jobs/{job_id}").text
    assert "Dupont" not in page and "06 12 34 56 78" not in page
    assert len(re.findall(r"\[PERSONNE_1\]", page)) == 2


def test_a_job_is_hidden_from_another_agent_but_shown_to_an_admin(web: WebClient) -> None:
    owner = web.login_as("agent")
    job_id = runner_for(web.runtime).submit("echo", {"items": ["a"]}, actor=owner)

    web.login_as("agent")
    assert web.http.get(f"/jobs/{job_id}/progress").status_code == 404
    web.login_as("admin")
    assert web.http.get(f"/jobs/{job_id}/progress").status_code == 200


def test_cancelling_from_the_fragment_stops_the_job(web: WebClient) -> None:
    owner = web.login_as("agent")
    job_id = runner_for(web.runtime).submit(
        "echo", {"items": [str(i) for i in range(50)], "delay": 0.1}, actor=owner)

    response = web.post(f"/jobs/{job_id}/cancel", headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert "hx-trigger" not in response.text
    assert runner_for(web.runtime).status(job_id).state == "cancelled"


def test_an_empty_batch_gets_a_clear_message(web: WebClient) -> None:
    web.login_as("agent")
    response = web.post("/jobs/pseudonymise", {"texts": "   "})
    assert response.status_code == 400
    assert "at least one text" in response.text or "au moins un texte" in response.text


def test_the_jobs_page_lists_the_agents_jobs_in_french(web: WebClient) -> None:
    owner = web.login_as("agent")
    runner_for(web.runtime).submit("echo", {"items": ["b"]}, actor=owner)
    web.http.cookies.set("lang", "fr")
    page = web.http.get("/jobs").text
    assert "<h1>Traitements</h1>" in page
    assert "Écho (diagnostic)" in page


def test_a_cancelled_job_can_be_run_again_from_its_fragment(web: WebClient) -> None:
    owner = web.login_as("agent")
    runner = runner_for(web.runtime)
    job_id = runner.submit("echo", {"items": [str(i) for i in range(50)], "delay": 0.1},
                           actor=owner)
    runner.cancel(job_id, owner)
    cancelled = web.http.get(f"/jobs/{job_id}/progress").text
    assert f'action="/jobs/{job_id}/retry"' in cancelled

    again = web.post(f"/jobs/{job_id}/retry", headers={"HX-Request": "true"})

    assert again.status_code == 200 and "hx-trigger" in again.text  # queued, polling again
    runner.cancel(job_id, owner)  # do not wait for the 5-second batch
    assert web.post(f"/jobs/{job_id}/retry").status_code == 303


def test_only_a_failed_or_cancelled_job_can_be_run_again(web: WebClient) -> None:
    owner = web.login_as("agent")
    runner = runner_for(web.runtime)
    job_id = runner.submit("echo", {"items": ["a"]}, actor=owner)
    _wait_finished(web, job_id)
    refused = web.post(f"/jobs/{job_id}/retry")
    assert refused.status_code == 409
    assert "only a failed or cancelled job" in refused.text
    assert runner.status(job_id).state == "succeeded"


def test_the_jobs_page_says_which_file_or_input_each_job_was_for(web: WebClient) -> None:
    web.login_as("field_lead")
    runner = runner_for(web.runtime)
    forecasts = []
    for name, weeks in (("nord.csv", "1"), ("sud.csv", "2")):
        imported = web.post("/planning/import", {"time_column": "horodatage",
                                                 "place_column": "lieu"},
                            files={"file": (name, synthetic_csv(2), "text/csv")})
        sent = web.post(f"{imported.headers['location']}/forecast", {"horizon_weeks": weeks})
        forecasts.append(sent.headers["location"].rsplit("job=", 1)[-1])
    batch = web.post("/jobs/pseudonymise", {"texts": "Un.\n\nDeux.\n\nTrois."})
    batch_id = batch.headers["location"].rsplit("/", 1)[-1]
    try:
        page = web.http.get("/jobs").text  # French by default

        assert "<th scope=\"col\">Fichier ou données</th>" in page
        rows = {job_id: re.search(rf'href="/jobs/{job_id}">[^<]*</a></td><td>([^<]*)</td>',
                                  page) for job_id in (*forecasts, batch_id)}
        assert {k: m.group(1) if m else None for k, m in rows.items()} == {
            forecasts[0]: "nord.csv, 1 semaine(s)", forecasts[1]: "sud.csv, 2 semaine(s)",
            batch_id: "3 texte(s)"}
        shown = web.http.get(f"/jobs/{forecasts[1]}").text
        assert "<dt>Fichier ou données</dt><dd>sud.csv, 2 semaine(s)</dd>" in shown

        web.http.cookies.set("lang", "en")
        page = web.http.get("/jobs").text
        assert "<td>nord.csv, 1 week(s)</td>" in page and "<td>3 text(s)</td>" in page
        assert "<th scope=\"col\">File or input</th>" in page
    finally:
        for job_id in forecasts:  # do not leave forecasts running on a closed store
            if not runner.status(job_id).finished:
                runner.cancel(job_id, "test")
        for job_id in (*forecasts, batch_id):
            _wait_finished(web, job_id)


def test_job_states_and_messages_read_in_french(web: WebClient) -> None:
    owner = web.login_as("agent")
    runner = runner_for(web.runtime)
    job_id = runner.submit("echo", {"items": [str(i) for i in range(50)], "delay": 0.1},
                           actor=owner)
    runner.cancel(job_id, owner)

    fragment = web.http.get(f"/jobs/{job_id}/progress").text
    page = web.http.get("/jobs").text

    assert '<span class="badge">annulé</span>' in fragment
    assert f"<p>Annulé par {owner}.</p>" in fragment and "Cancelled by" not in fragment
    assert "<td>50 élément(s)</td><td>annulé</td>" in page
    assert re.search(r"<td>\d{4}-\d\d-\d\d \d\d:\d\d</td>", page)  # no "T" between date and time
