"""The planning pages end to end: import, forecast, propose, adopt, export; roles; bad input."""

from __future__ import annotations

import html
import re
import time
from typing import Any

import pytest

from communia.bootstrap import Runtime
from communia.jobs import runner_for
from communia.jobs import service as jobs
from communia.planning import service
from communia.planning.jobs import FORECAST, submit_forecast
from tests.e2e.browser import live_server, signed_in_page
from tests.planning_support import TEAM_YAML, synthetic_csv
from tests.support import PASSWORD, WebClient


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
    # How places became zones and what the forecast says, in French, with no internal name.
    assert "chaque valeur de la colonne du lieu est une zone (3)" in page.text
    assert "Seulement 3,0 semaines d&#39;historique" in page.text
    assert "des événements ont été relevés par les équipes elles-mêmes" in page.text
    assert "poisson-glm" not in page.text and "seasonal-naive" not in page.text
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
    web.http.cookies.set("lang", "en")
    response = web.post("/planning/import", {"time_column": "missing"},
                        files={"file": ("log.csv", b"a;b\n1;2\n", "text/csv")})
    assert response.status_code == 400
    assert "log.csv has no column &#39;missing&#39;. In “Timestamp column”" in response.text
    assert "Traceback" not in response.text and "--time-column" not in response.text
    people = b"quand;qui\n" + b"".join(f"17/03/2025 1{i}:00;{n}\n".encode() for i, n in
                                       enumerate(["Jean Martin", "Paul Durand", "Anne Leroy"]))
    response = web.post("/planning/import", {"time_column": "quand", "place_column": "qui"},
                        files={"file": ("log.csv", people, "text/csv")},
                        headers={"HX-Request": "true"})
    assert response.status_code == 200 and 'role="alert"' in response.text
    assert "never individuals" in response.text


def test_a_log_too_short_is_refused_at_upload_with_what_was_typed(web: WebClient) -> None:
    web.login_as("field_lead")
    three_days = (b"horodatage;lieu\n17/03/2025 10:00;Centre\n18/03/2025 11:00;Gare\n"
                  b"19/03/2025 18:00;Centre\n")

    response = web.post("/planning/import", {"time_column": "horodatage", "place_column": "lieu",
                                             "timezone": "Europe/Paris"},
                        files={"file": ("court.csv", three_days, "text/csv")})

    assert response.status_code == 400
    page = response.text
    assert "court.csv : seulement 3 jour(s) d&#39;événements" in page  # French by default
    assert "au moins une semaine complète" in page
    assert 'name="time_column" required value="horodatage"' in page
    assert 'name="place_column" value="lieu"' in page
    assert re.search(r'id="pl-file"[^>]*aria-invalid="true"', page)
    assert "Choisissez à nouveau le fichier" in page
    assert service.list_runs(web.runtime) == []  # nothing stored, nothing to forecast


def test_a_missing_column_names_the_field_by_its_label_in_french(web: WebClient) -> None:
    web.login_as("field_lead")

    response = web.post("/planning/import", {"time_column": "date", "place_column": "lieu"},
                        files={"file": ("log.csv", synthetic_csv(1), "text/csv")})

    assert response.status_code == 400
    page = response.text
    assert ("log.csv n&#39;a pas de colonne « date ». Dans « Colonne de l&#39;horodatage », "
            "saisissez l&#39;une de ses colonnes : horodatage, lieu, source.") in page
    assert re.search(r'id="pl-time"[^>]*value="date"[^>]*aria-invalid="true"', page)
    assert "--time-column" not in page


def imported_run(web: WebClient) -> str:
    response = web.post("/planning/import", {"time_column": "horodatage", "place_column": "lieu"},
                        files={"file": ("log.csv", synthetic_csv(3), "text/csv")})
    assert response.status_code == 303
    return str(response.headers["location"])


def forecast_jobs(web: WebClient) -> int:
    return len(jobs.list_jobs(web.runtime, kind=FORECAST))


def test_forecast_settings_out_of_range_come_back_in_the_form_in_french(web: WebClient) -> None:
    web.login_as("field_lead")
    run_url = imported_run(web)

    response = web.post(f"{run_url}/forecast", {"horizon_weeks": "0", "holidays": "fr",
                                                 "school_zone": ""})

    assert response.status_code == 400
    page = response.text
    assert ("« Semaines à prévoir » doit être un nombre entier de 1 à 8 ; vous avez saisi 0. "
            "Saisissez le nombre de semaines à prévoir, par exemple 2.") in page
    assert re.search(r'id="fc-weeks"[^>]*value="0"[^>]*aria-invalid="true"', page)
    assert 'id="fc-hol" name="holidays" value="FR"' in page
    assert "--horizon" not in page
    assert forecast_jobs(web) == 0

    response = web.post(f"{run_url}/forecast", {"horizon_weeks": "99", "holidays": "XX",
                                                 "school_zone": "D"})

    assert response.status_code == 400
    page = response.text
    assert "vous avez saisi 99" in page
    assert "« Jours fériés » doit être un code pays connu" in page and "« XX »" in page
    assert "« Zone de vacances scolaires » doit valoir A, B, C ou rester vide" in page
    assert 'value="99"' in page and 'value="XX"' in page and 'value="D"' in page
    assert forecast_jobs(web) == 0


def test_a_refused_forecast_form_is_swapped_in_place_in_english(web: WebClient) -> None:
    web.login_as("field_lead")
    run_url = imported_run(web)
    web.http.cookies.set("lang", "en")

    fragment = web.post(f"{run_url}/forecast", {"horizon_weeks": "deux", "holidays": "FR"},
                        headers={"HX-Request": "true"})

    assert fragment.status_code == 200 and "<html" not in fragment.text
    assert fragment.text.lstrip().startswith('<div id="forecast-section">')
    assert ("“Weeks to forecast” must be a whole number from 1 to 8; you entered deux. Enter "
            "the number of weeks to forecast, for example 2.") in fragment.text
    assert 'value="deux"' in fragment.text and "autofocus" in fragment.text
    assert forecast_jobs(web) == 0


def test_a_forecast_job_refused_anyway_says_so_with_the_label_not_a_flag(web: WebClient) -> None:
    lead = web.login_as("field_lead")
    run_id = imported_run(web).rsplit("/", 1)[-1]
    runner = runner_for(web.runtime)  # an old form, or a payload from elsewhere: the job checks
    job_id = submit_forecast(web.runtime, runner, run_id, 0, "FR", "", lead)
    deadline = time.monotonic() + 60
    while not runner.status(job_id).finished and time.monotonic() < deadline:
        time.sleep(0.2)

    fragment = web.http.get(f"/jobs/{job_id}/progress").text

    assert runner.status(job_id).state == "failed"
    assert "« Semaines à prévoir » doit être un nombre entier de 1 à 8" in fragment
    assert "--horizon-weeks" not in fragment


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
    assert "le YAML n&#39;est pas valide" in refused.text  # in French, as the page
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


@pytest.mark.browser
def test_in_a_browser_a_refused_setting_comes_back_in_the_form_with_focus(
        runtime: Runtime, browser: Any) -> None:
    web = WebClient(runtime)
    lead = web.login_as("field_lead", "lea")
    run_url = imported_run(web)
    with live_server(runtime) as base:
        page = signed_in_page(browser, base, lead, PASSWORD, "fr")
        page.goto(f"{base}{run_url}")
        page.fill("#fc-weeks", "3")
        page.fill("#fc-hol", "XX")
        page.locator("#forecast-section button[type=submit]").click()
        page.wait_for_selector("#fc-hol-error", timeout=15000)

        assert "« Jours fériés » doit être un code pays connu" in page.inner_text("#fc-hol-error")
        assert (page.input_value("#fc-weeks"), page.input_value("#fc-hol")) == ("3", "XX")
        assert page.get_attribute("#fc-hol", "aria-invalid") == "true"
        assert page.evaluate("document.activeElement.id") == "fc-hol"
        assert page.locator("#forecast-section").count() == 1  # swapped, not nested
    assert forecast_jobs(web) == 0


def test_a_wrong_team_file_comes_back_in_french_with_the_yaml_kept(web: WebClient) -> None:
    web.login_as("field_lead")
    run_url = imported_run(web)
    response = web.post(f"{run_url}/forecast", {"horizon_weeks": "1"})
    assert response.status_code == 303
    followed(web, response.headers["location"])
    page = html.unescape(web.http.get(run_url).text)
    assert "La bande est l'intervalle de prévision." in page  # the chart's description
    assert "The band is" not in page
    plans = len(jobs.list_jobs(web.runtime))

    negative = TEAM_YAML.replace("mediators:", "mediators:\n  - {id: X, count: -3}", 1)
    response = web.post(f"{run_url}/plan", {"team": negative})
    assert response.status_code == 400
    page = html.unescape(response.text)
    assert ("Équipe, créneaux et règles : mediators, entrée 1, count doit être entre 1 et "
            "200 ; reçu -3.") in page
    assert "{id: X, count: -3}" in page  # what was typed, to correct it
    assert 'aria-invalid="true"' in response.text and "team.yaml:" not in page

    response = web.post(f"{run_url}/plan", {"team": "mediators: []\n"})
    assert response.status_code == 400
    page = html.unescape(response.text)
    assert "« mediators » doit être une liste non vide" in page
    assert "mediators: []" in page and "docs/planning.md" not in page

    response = web.post(f"{run_url}/plan", {"team": "mediators: [\n"})
    assert response.status_code == 400
    assert "le YAML n'est pas valide à la ligne" in html.unescape(response.text)
    assert len(jobs.list_jobs(web.runtime)) == plans  # nothing was queued


def test_a_plan_form_sent_without_its_team_comes_back_as_the_form(web: WebClient) -> None:
    # Without JavaScript the refusal used to be the generic error page, whose "Retour au
    # formulaire" reloaded a POST-only address.
    web.login_as("field_lead")
    run_url = imported_run(web)
    followed(web, web.post(f"{run_url}/forecast", {"horizon_weeks": "1"}).headers["location"])
    page = web.post(f"{run_url}/plan", {}, headers={"Accept-Language": "fr",
                                                    "Referer": f"http://testserver{run_url}"})
    assert page.status_code == 422
    text = html.unescape(page.text)
    assert "Remplissez « Équipe, créneaux et règles », puis envoyez de nouveau." in text
    assert f'action="{run_url}/plan"' in text and "Retour au formulaire" not in text
    assert 'aria-invalid="true" aria-describedby="team-error"' in page.text
    inline = web.post(f"{run_url}/plan", {}, headers={"HX-Request": "true"})
    assert inline.status_code == 422 and 'role="alert"' in inline.text  # with JavaScript


def test_a_refused_plan_edit_comes_back_with_the_lines_typed(web: WebClient) -> None:
    web.login_as("field_lead")
    run_url = imported_run(web)
    response = web.post(f"{run_url}/forecast", {"horizon_weeks": "1"})
    followed(web, response.headers["location"])
    response = web.post(f"{run_url}/plan", {"team": TEAM_YAML})
    plan_url = result_link(followed(web, response.headers["location"]))
    fr = {"Accept-Language": "fr", "Referer": f"http://testserver{plan_url}"}

    wrong = web.post(f"{plan_url}/edit", {"lines": "N01;demain;matin;Centre",
                                          "reason": "essai"}, headers=fr)
    assert wrong.status_code == 400
    text = html.unescape(wrong.text)
    assert "Ligne 1 : « demain » n'est pas une date écrite comme 2025-03-17." in text
    assert "N01;demain;matin;Centre</textarea>" in text and 'value="essai"' in text
    assert 'aria-invalid="true" aria-describedby="plan-lines-error"' in wrong.text
    assert "Retour au formulaire" not in text
    missing = web.post(f"{plan_url}/edit", {"reason": "essai"}, headers=fr)
    assert missing.status_code == 422
    assert "Remplissez « Affectations, une par ligne »" in html.unescape(missing.text)
    assert 'id="edit-reason" name="reason" value="essai"' in missing.text
    web.http.cookies.set("lang", "en")
    english = web.post(f"{plan_url}/edit", {"lines": "N01;matin"})
    assert english.status_code == 400
    assert "Line 1: expected mediator;day;shift;zone." in english.text
