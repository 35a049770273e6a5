"""The planning pages end to end: import, forecast, propose, adopt, export; roles; bad input."""

from __future__ import annotations

import re
import time

from tests.planning_support import TEAM_YAML, synthetic_csv
from tests.support import WebClient


def followed(web: WebClient, response_url: str, timeout: float = 300) -> str:
    """Open the page a job submission led to, then poll its progress fragment until done."""
    page = web.http.get(response_url)
    match = re.search(r'hx-get="/jobs/([0-9a-f]+)/progress"', page.text)
    assert page.status_code == 200 and match, page.text[-1500:]
    deadline = time.monotonic() + timeout
    while True:
        fragment = web.http.get(f"/jobs/{match.group(1)}/progress").text
        if "hx-trigger" not in fragment or time.monotonic() > deadline:
            return fragment
        time.sleep(0.5)


def result_link(fragment: str) -> str:
    match = re.search(r'<a href="(/planning/[^"]+)">', fragment)
    assert match, fragment
    return match.group(1)


def test_a_field_lead_goes_from_a_log_to_an_adopted_plan(web: WebClient) -> None:
    web.login_as("field_lead")
    page = web.http.get("/planning")
    assert page.status_code == 200 and "<h1>" in page.text
    response = web.post("/planning/import", {"time_column": "horodatage", "place_column": "lieu",
                                             "source_column": "source"},
                        files={"file": ("log.csv", synthetic_csv(3, team_share=0.3), "text/csv")})
    assert response.status_code == 303
    run_url = response.headers["location"]
    assert "Boucle de rétroaction" in web.http.get(run_url).text  # French by default
    response = web.post(f"{run_url}/forecast", {"horizon_weeks": "1"})
    assert response.status_code == 303 and "?job=" in response.headers["location"]
    assert result_link(followed(web, response.headers["location"])) == run_url
    page = web.http.get(run_url)
    assert page.text.count("<svg") >= 2 and "Naïf saisonnier" in page.text
    response = web.post(f"{run_url}/plan", {"team": TEAM_YAML})
    assert response.status_code == 303
    plan_url = result_link(followed(web, response.headers["location"]))
    assert plan_url.startswith("/planning/plans/")
    assert f'href="{plan_url}"' in web.http.get(run_url).text  # the run's latest plan
    page = web.http.get(plan_url)
    assert "Draft: not adopted" in page.text or "Projet non adopté" in page.text
    xlsx = web.http.get(f"{plan_url}/export/xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert web.post(f"{plan_url}/adopt", {"reason": "ok"}).status_code == 303
    page = web.http.get(plan_url)
    assert re.search(r"(Adopted by|Adopté par) field_lead", page.text)


def test_bad_input_gets_a_message_not_a_traceback(web: WebClient) -> None:
    web.login_as("field_lead")
    response = web.post("/planning/import", {"time_column": "missing"},
                        files={"file": ("log.csv", b"a;b\n1;2\n", "text/csv")})
    assert response.status_code == 400
    assert "no column &#39;missing&#39;" in response.text and "Traceback" not in response.text
    people = b"quand;qui\n" + b"".join(f"17/03/2025 1{i}:00;{n}\n".encode() for i, n in
                                       enumerate(["Jean Martin", "Paul Durand", "Anne Leroy"]))
    response = web.post("/planning/import", {"time_column": "quand", "place_column": "qui"},
                        files={"file": ("log.csv", people, "text/csv")},
                        headers={"HX-Request": "true"})
    assert response.status_code == 200 and 'role="alert"' in response.text
    assert "never individuals" in response.text


def test_the_forecast_form_gets_the_job_progress_in_place(web: WebClient) -> None:
    web.login_as("field_lead")
    response = web.post("/planning/import", {"time_column": "horodatage", "place_column": "lieu"},
                        files={"file": ("log.csv", synthetic_csv(3), "text/csv")})
    run_url = response.headers["location"]

    fragment = web.post(f"{run_url}/forecast", {"horizon_weeks": "1"},
                        headers={"HX-Request": "true"})

    assert fragment.status_code == 200 and "<html" not in fragment.text
    job_id = re.search(r'id="job-([0-9a-f]+)"', fragment.text)
    assert job_id and f'action="/jobs/{job_id.group(1)}/cancel"' in fragment.text
    refused = web.post(f"{run_url}/plan", {"team": "mediators: [}"},
                       headers={"HX-Request": "true"})
    assert refused.status_code == 200 and 'role="alert"' in refused.text
    assert "team.yaml is not valid YAML" in refused.text
    done = web.http.get(f"/jobs/{job_id.group(1)}/progress").text
    for _ in range(300):  # let the forecast end before the store is closed
        if "hx-trigger" not in done:
            break
        time.sleep(0.5)
        done = web.http.get(f"/jobs/{job_id.group(1)}/progress").text
    assert f'href="{run_url}"' in done


def test_an_agent_cannot_open_planning(web: WebClient) -> None:
    web.login_as("agent")
    assert web.http.get("/planning").status_code == 403
