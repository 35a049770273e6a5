"""The feedback pages: import, column picker, progress, themes, human loop, exports."""

from __future__ import annotations

import csv
import html
import io
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest

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

    assert f" par {lead}." in page.text and "<progress" not in page.text  # in French
    assert "Cancelled by" not in page.text
    assert "Annulée</td>" in web.http.get("/feedback").text  # the status, not 'cancelled'
    assert web.http.get("/feedback").text.count(run_id) == 1
    with runtime.db.session() as session:
        assert service.get_run(session, run_id).status == "cancelled"


def test_other_roles_cannot_open_feedback(web: WebClient) -> None:
    web.login_as("hr")
    assert web.http.get("/feedback", follow_redirects=False).status_code == 403


def test_an_upload_over_the_configured_number_of_reports_is_refused_at_the_form(
        make_runtime: Callable[..., Runtime]) -> None:
    # It used to reach the column step and fail only inside the job, after "find the themes".
    web = WebClient(make_runtime(feedback_max_reports=10, feedback_min_group_size=7))
    web.login_as("field_lead")
    assert "affiché pour moins de 7 remontées." in web.http.get("/feedback").text  # French
    count = sum(1 for _ in csv.DictReader(io.StringIO(reports_csv().decode())))
    uploads = web.runtime.settings.data_dir / "feedback-uploads"
    kept = set(uploads.iterdir()) if uploads.is_dir() else set()

    refused = web.post("/feedback/import", files={"file": ("r.csv", reports_csv())})

    assert refused.status_code == 413
    text = html.unescape(refused.text)
    # In the reader's language, with the count and the limit, at the upload form itself.
    assert (f"r.csv : {count} lignes de données, plus que les 10 qu'une synthèse accepte"
            in text), text[-1500:]
    assert 'action="/feedback/import"' in text and 'aria-describedby="fb-file-error"' in text
    assert 'name="token"' not in text  # not the column step
    with web.runtime.db.session() as session:
        assert service.list_runs(session) == []  # nothing started
    assert (set(uploads.iterdir()) if uploads.is_dir() else set()) == kept  # nothing kept
    web.http.cookies.set("lang", "en")
    english = html.unescape(web.post("/feedback/import",
                                     files={"file": ("r.csv", reports_csv())}).text)
    assert f"r.csv: {count} data rows, more than the 10 one synthesis takes" in english


def test_a_file_at_the_configured_number_of_reports_reaches_the_column_step(
        make_runtime: Callable[..., Runtime]) -> None:
    count = sum(1 for _ in csv.DictReader(io.StringIO(reports_csv().decode())))
    web = WebClient(make_runtime(feedback_max_reports=count))
    web.login_as("field_lead")
    picker = web.post("/feedback/import", files={"file": ("r.csv", reports_csv())})
    assert picker.status_code == 200 and 'name="token"' in picker.text


def test_the_column_step_refuses_a_file_over_a_limit_lowered_since_the_upload(
        web: WebClient) -> None:
    web.login_as("field_lead")
    picker = web.post("/feedback/import", files={"file": ("r.csv", reports_csv())})
    token = picker_token(picker.text)
    count = sum(1 for _ in csv.DictReader(io.StringIO(reports_csv().decode())))
    web.runtime.settings = web.runtime.settings.model_copy(update={"feedback_max_reports": 10})
    refused = web.post("/feedback/start", {"token": token, "name": "r.csv",
                                           "text_column": "Remontée"},
                       headers={"Accept-Language": "fr"})
    assert refused.status_code == 413
    assert (f"r.csv : {count} lignes de données, plus que les 10 qu'une synthèse accepte"
            in html.unescape(refused.text))
    with web.runtime.db.session() as session:
        assert service.list_runs(session) == []  # no job queued


def test_a_file_that_is_not_reports_is_refused_at_upload_naming_it(web: WebClient) -> None:
    # An image renamed .csv, or a header without rows, used to reach the column step and
    # fail only after "find the themes", as a failed job.
    web.login_as("field_lead")
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)
    image = web.post("/feedback/import", files={"file": ("image.csv", png)})
    assert image.status_code == 400
    assert "image.csv : ce n&#39;est pas un fichier texte" in image.text
    empty = web.post("/feedback/import", files={"file": ("vide.csv", b"date,texte\n")})
    assert empty.status_code == 400
    assert "vide.csv : le fichier a une ligne d&#39;en-tête mais aucune ligne" in empty.text
    web.http.cookies.set("lang", "en")  # the language switch
    english = web.post("/feedback/import", files={"file": ("vide.csv", b"date,texte\n")})
    assert "vide.csv: the file has a header but no data row" in english.text


POLIS = Path("/work/shared/data/feedback-polis")


def selected(page: str, field: str) -> str:
    """The option the picker has selected for ``field`` ("" for none)."""
    select = page.split(f'name="{field}"', 1)[1].split("</select>", 1)[0]
    chosen = re.findall(r'<option value="([^"]*)" selected>', select)
    assert len(chosen) == 1, select
    return html.unescape(chosen[0])


def test_the_column_picker_preselects_the_obvious_columns(web: WebClient) -> None:
    web.login_as("field_lead")
    picker = web.post("/feedback/import", files={"file": ("r.csv", reports_csv())})
    assert (selected(picker.text, "text_column"), selected(picker.text, "place_column"),
            selected(picker.text, "date_column")) == ("Remontée", "Quartier", "")
    french = ("N° fiche;Date de la remontée;Quartier;Commentaire de l'agent;Canal\n"
              "101;15/03/2024;Gare;Éclairage en panne rue Victor Hugo depuis une semaine;Appel\n"
              "102;16/03/2024;Nord;Dépôt sauvage devant l'école, les parents se plaignent;Mail\n"
              ).encode()
    picker = web.post("/feedback/import", files={"file": ("terrain.csv", french)})
    assert [selected(picker.text, f) for f in ("text_column", "date_column", "place_column",
                                               "source_column")] == [
        "Commentaire de l'agent", "Date de la remontée", "Quartier", "Canal"]
    # The person can still choose otherwise: every column stays offered.
    assert picker.text.count('<option value="N° fiche"') == 4


@pytest.mark.skipif(not POLIS.is_dir(), reason=f"Polis comments not present at {POLIS}")
def test_a_real_polis_export_gets_its_comment_body_and_date_preselected(web: WebClient) -> None:
    web.login_as("field_lead")
    data = (POLIS / "scoop-hivemind.ubi" / "comments.csv").read_bytes()
    picker = web.post("/feedback/import", files={"file": ("comments.csv", data)})
    assert selected(picker.text, "text_column") == "comment-body"  # not "comment-id"
    assert selected(picker.text, "date_column") == "datetime"
    assert selected(picker.text, "place_column") == ""


def ready_run(web: WebClient, lead: str) -> str:
    """A synthesis of reports_csv() in two themes, analysed in place of the job."""
    run_id = service.create_run(web.runtime, "r.csv", lead, {})
    service.execute(web.runtime, run_id, "r.csv", io.BytesIO(reports_csv()),
                    ColumnChoice("Remontée", place="Quartier"), 2, lead)
    return run_id


def numbers_listed(page: str) -> list[int]:
    return [int(n) for n in re.findall(r'name="picked" value="(\d+)"', page)]


def themes_of_numbers(web: WebClient, page_url: str) -> dict[int, tuple[set[str], set[str]]]:
    """Each report's themes and authors, by the number the pages show, from the CSV."""
    out: dict[int, tuple[set[str], set[str]]] = {}
    for row in csv_rows(web, page_url):
        themes, authors = out.setdefault(int(row["number"]), (set(), set()))
        themes.add(row["theme_id"])
        authors.add(row["author"])
        assert int(row["number"]) == int(row["row"]) + 1
    return out


def _lead_on_a_ready_run(web: WebClient) -> tuple[str, str, list[str]]:
    """A field lead logged in on a finished synthesis: the lead, its page, its themes."""
    lead = web.login_as("field_lead")
    page_url = f"/feedback/runs/{ready_run(web, lead)}"
    themes = re.findall(r'href="/feedback/runs/[^/]+/themes/([^"]+)"',
                        web.http.get(page_url).text)
    return lead, page_url, themes


def test_a_lead_ticks_the_reports_shown_and_moves_them(web: WebClient) -> None:
    lead, page_url, (first, second) = _lead_on_a_ready_run(web)
    run_id = page_url.rsplit("/", 1)[-1]
    with web.runtime.db.session() as session:
        codes = {t: service.theme_of(session, run_id, t).code for t in (first, second)}
    listing = web.http.get(f"{page_url}/themes/{first}")
    assert listing.status_code == 200
    shown = numbers_listed(listing.text)
    assert len(shown) >= 5
    # The number shown is the report's place in the file: 1 is the first row under the
    # header, so the person finds the same report in the spreadsheet.
    file_rows = list(csv.reader(io.StringIO(reports_csv().decode())))[1:]
    cells = re.findall(r'<label for="pick-(\d+)">\d+</label></th>\s*<td>([^<]*)</td>',
                       listing.text)
    plain = [(int(n), html.unescape(t)) for n, t in cells if "[" not in t]
    assert plain and all(t == " ".join(file_rows[n - 1][0].split()) for n, t in plain)

    picked = [str(n) for n in shown[:2]]
    moved = web.post(f"{page_url}/move", {"theme_id": second, "from_theme": first,
                                          "picked": picked})

    assert moved.status_code == 303
    after = web.http.get(moved.headers["location"])
    assert "2 remontée(s) déplacée(s) vers" in after.text
    assert not set(numbers_listed(after.text)) & set(shown[:2])
    now = themes_of_numbers(web, page_url)
    assert all(now[n] == ({codes[second]}, {lead}) for n in shown[:2])
    target = web.http.get(f"{page_url}/themes/{second}").text
    assert set(shown[:2]) <= set(numbers_listed(target))

    # The same numbers typed on the synthesis page (with a range) move reports back.
    typed = f"{shown[0]}, {shown[1]}"
    back = web.post(f"{page_url}/move", {"theme_id": first, "rows": typed})
    assert back.status_code == 303
    assert "2 remontée(s) déplacée(s) vers" in web.http.get(back.headers["location"]).text
    assert themes_of_numbers(web, page_url)[shown[0]] == ({codes[first]}, {lead})


def test_numbers_that_are_wrong_are_explained_in_french_with_the_input_kept(
        web: WebClient) -> None:
    lead, page_url, (first, second) = _lead_on_a_ready_run(web)
    before = themes_of_numbers(web, page_url)
    total = len(before)

    outside = web.post(f"{page_url}/move", {"theme_id": first, "rows": "0, 3, 999"})
    assert outside.status_code == 400
    assert (f"Aucune remontée ne porte le(s) numéro(s) 0, 999 : les remontées de cette "
            f"synthèse sont numérotées de 1 à {total}.") in outside.text
    assert 'value="0, 3, 999"' in outside.text  # what was typed, to correct it
    assert 'aria-invalid="true"' in outside.text

    shown = numbers_listed(web.http.get(f"{page_url}/themes/{first}").text)
    ticked = [str(shown[0]), str(shown[2])]
    wrong = web.post(f"{page_url}/move", {"theme_id": second, "from_theme": first,
                                          "picked": ticked, "rows": "12, douze"})
    assert wrong.status_code == 400
    assert "« douze » n&#39;est pas un numéro de remontée" in wrong.text
    assert 'value="12, douze"' in wrong.text
    assert numbers_listed(wrong.text) == shown  # the same page, boxes still ticked
    assert re.findall(r'name="picked" value="(\d+)" checked', wrong.text) == ticked
    assert f'<option value="{second}" selected>' in wrong.text

    backwards = web.post(f"{page_url}/move", {"theme_id": first, "rows": "15-12"})
    assert backwards.status_code == 400 and "La plage « 15-12 » est à l&#39;envers" \
        in backwards.text
    nothing = web.post(f"{page_url}/move", {"theme_id": second, "from_theme": first})
    assert nothing.status_code == 400 and "Cochez les remontées à déplacer" in nothing.text
    assert themes_of_numbers(web, page_url) == before  # nothing moved


def test_the_synthesis_page_in_french_shows_no_english_or_internal_values(
        web: WebClient) -> None:
    lead = web.login_as("field_lead")
    run_id = ready_run(web, lead)
    web.http.headers["Accept-Language"] = "fr"

    page = web.http.get(f"/feedback/runs/{run_id}").text

    assert "Synthèse : r.csv" in page
    # reports_csv() has duplicates: the run's notice is stored in English, shown in French.
    assert "remontée(s) étaient des doublons exacts ou proches" in page
    assert "were exact or near duplicates" not in page
    assert "<td>IA</td>" in page and "<td>ai</td>" not in page
    assert "Lieux : " in page
    assert "Prête à relire</td>" in web.http.get("/feedback").text
    web.http.cookies.set("lang", "en")  # the language switch back to English
    english = web.http.get(f"/feedback/runs/{run_id}").text
    assert "were exact or near duplicates" in english and "<td>AI</td>" in english
    assert "Ready for review</td>" in web.http.get("/feedback").text


def test_a_refused_action_is_explained_in_the_readers_language(web: WebClient) -> None:
    lead = web.login_as("field_lead")
    run_id = ready_run(web, lead)
    theme = re.findall(r'name="theme_id" value="([^"]+)"',
                       web.http.get(f"/feedback/runs/{run_id}").text)[0]
    empty = web.post(f"/feedback/runs/{run_id}/rename", {"theme_id": theme, "label": "  "})
    assert empty.status_code == 400
    assert "Le nouveau libellé est vide" in empty.text
    assert web.post(f"/feedback/runs/{run_id}/finalise").status_code == 303
    late = web.post(f"/feedback/runs/{run_id}/move", {"theme_id": theme, "rows": "1"})
    assert late.status_code == 409 and f"a été finalisée par {lead}" in late.text


def with_timestamps() -> bytes:
    """reports_csv() with a column of numbers (epoch seconds), as in a Polis export."""
    rows = list(csv.reader(io.StringIO(reports_csv().decode())))
    body = io.StringIO()
    writer = csv.writer(body)
    writer.writerow([*rows[0], "timestamp"])
    writer.writerows([*r, str(1470680537 + i)] for i, r in enumerate(rows[1:]))
    return body.getvalue().encode()


def picker_token(page: str) -> str:
    return page.split('name="token" value="')[1].split('"')[0]


def test_a_wrong_column_step_is_refused_in_french_with_the_choices_kept(
        web: WebClient) -> None:
    lead = web.login_as("field_lead")
    picker = web.post("/feedback/import", files={"file": ("r.csv", with_timestamps())})
    token = picker_token(picker.text)
    reports = sum(1 for _ in csv.DictReader(io.StringIO(reports_csv().decode())))
    high = min(30, reports // web.runtime.settings.feedback_min_group_size)
    assert f'max="{high}"' in picker.text  # the range the check and the analysis use
    with web.runtime.db.session() as session:
        before = len(service.list_runs(session))

    numbers = web.post("/feedback/start", {"token": token, "name": "r.csv",
                                           "text_column": "timestamp",
                                           "place_column": "Quartier", "themes": "4"})
    assert numbers.status_code == 400
    assert ("Texte des remontées : la colonne « timestamp » contient des nombres, des "
            "dates ou rien") in html.unescape(numbers.text)
    assert selected(numbers.text, "text_column") == "timestamp"
    assert selected(numbers.text, "place_column") == "Quartier"
    assert 'value="4"' in numbers.text

    for typed in ("-3", "1000", "deux"):
        wrong = web.post("/feedback/start", {"token": token, "name": "r.csv",
                                             "text_column": "Remontée", "themes": typed})
        assert wrong.status_code == 400, typed
        text = html.unescape(wrong.text)
        assert (f"Nombre de thèmes (vide : choisi automatiquement) : saisissez un nombre "
                f"entier de 2 à {high} ({reports} remontées") in text, typed
        assert "--themes" not in text and f'value="{typed}"' in wrong.text

    missing = web.post("/feedback/start", {"token": token, "name": "r.csv",
                                           "text_column": "Remontée",
                                           "date_column": "Jour"})
    assert missing.status_code == 400
    assert "Date (facultatif) : le fichier n'a pas de colonne « Jour »" in \
        html.unescape(missing.text)
    with web.runtime.db.session() as session:
        assert len(service.list_runs(session)) == before  # nothing was queued

    # The same upload, corrected, starts.
    started = web.post("/feedback/start", {"token": token, "name": "r.csv",
                                           "text_column": "Remontée", "themes": str(high)})
    assert started.status_code == 303
    with web.runtime.db.session() as session:
        run = service.get_run(session, started.headers["location"].rsplit("/", 1)[-1])
        assert run.params["themes"] == high and run.created_by == lead


def test_a_column_step_sent_without_its_text_column_comes_back_with_the_choices(
        web: WebClient) -> None:
    # A form the app refuses before the route runs (a required field missing) used to end
    # on an error page whose "Retour au formulaire", without JavaScript, reloaded the
    # upload address (POST only) and lost every choice.
    web.login_as("field_lead")
    picker = web.post("/feedback/import", files={"file": ("r.csv", reports_csv())})
    token = picker_token(picker.text)
    page = web.post("/feedback/start", {"token": token, "name": "r.csv",
                                        "place_column": "Quartier", "themes": "3"},
                    headers={"Accept-Language": "fr", "Referer": "http://testserver/feedback"})
    assert page.status_code == 422
    text = html.unescape(page.text)
    assert "Remplissez « Texte des remontées », puis envoyez de nouveau." in text
    assert "data-history-back" not in text and 'action="/feedback/start"' in text
    assert selected(page.text, "place_column") == "Quartier"
    assert 'id="fb-themes" name="themes" type="number"' in page.text and 'value="3"' in page.text
    assert f'name="token" value="{token}"' in page.text
    with web.runtime.db.session() as session:
        assert service.list_runs(session) == []
    started = web.post("/feedback/start", {"token": token, "name": "r.csv",
                                           "text_column": "Remontée",
                                           "place_column": "Quartier", "themes": "2"})
    assert started.status_code == 303  # the kept file still starts once completed


def test_a_refused_theme_edit_comes_back_as_the_form_with_the_input(web: WebClient) -> None:
    # Rename, merge, split, delete and move used to end on the generic error page whose
    # "Retour au formulaire", without JavaScript, lost what was typed.
    lead = web.login_as("field_lead")
    run_id = ready_run(web, lead)
    page_url = f"/feedback/runs/{run_id}"
    first, second = theme_ids(web.http.get(page_url).text)
    with web.runtime.db.session() as session:
        code = service.theme_of(session, run_id, first).code
    fr = {"Accept-Language": "fr", "Referer": f"http://testserver{page_url}"}

    blank = web.post(f"{page_url}/rename", {"theme_id": first, "label": "  "}, headers=fr)
    assert blank.status_code == 400
    text = html.unescape(blank.text)
    assert "Le nouveau libellé est vide" in text and "Retour au formulaire" not in text
    assert re.search(rf'id="rn-{code}" name="label" value="  " required aria-invalid="true" '
                     rf'aria-describedby="rn-err-{code}"', blank.text)
    missing = web.post(f"{page_url}/rename", {"theme_id": first}, headers=fr)
    assert missing.status_code == 422
    assert "Remplissez « Nouveau libellé », puis envoyez de nouveau." in \
        html.unescape(missing.text)
    assert f'aria-describedby="rn-err-{code}"' in missing.text

    merged = web.post(f"{page_url}/merge", {"theme_id": first}, headers=fr)
    assert merged.status_code == 422 and f'id="mg-err-{code}"' in merged.text
    assert "Remplissez « Fusionner avec »" in html.unescape(merged.text)
    itself = web.post(f"{page_url}/merge", {"theme_id": first, "other_id": first}, headers=fr)
    assert itself.status_code == 400 and f'id="mg-err-{code}"' in itself.text

    last = web.post(f"{page_url}/delete", {"theme_id": second})
    assert last.status_code == 303
    alone = web.post(f"{page_url}/delete", {"theme_id": first}, headers=fr)
    assert alone.status_code == 400
    assert f'aria-describedby="dl-err-{code}"' in alone.text
    assert f'id="dl-err-{code}" class="alert alert-error" role="alert"' in alone.text
    assert "Retour au formulaire" not in alone.text

    no_theme = web.post(f"{page_url}/split", {}, headers=fr)
    assert no_theme.status_code == 422 and 'id="fb-error"' in no_theme.text
    assert "Retour au formulaire" not in no_theme.text

    web.http.cookies.set("lang", "en")
    english = web.post(f"{page_url}/rename", {"theme_id": first},
                       headers={"Referer": f"http://testserver{page_url}"})
    assert english.status_code == 422
    assert "Fill in “New label”, then submit again." in html.unescape(english.text)
    assert "Back to the form" not in english.text


def test_a_move_with_a_page_that_is_not_a_number_comes_back_with_the_input(
        web: WebClient) -> None:
    lead, page_url, (first, second) = _lead_on_a_ready_run(web)
    before = themes_of_numbers(web, page_url)
    shown = numbers_listed(web.http.get(f"{page_url}/themes/{first}").text)[:2]

    page = web.post(f"{page_url}/move", {"theme_id": second, "from_theme": first,
                                         "rows": "3, 4", "page": "deux",
                                         "picked": [str(n) for n in shown]},
                    headers={"Accept-Language": "fr",
                             "Referer": f"http://testserver{page_url}/themes/{first}"})

    assert page.status_code == 422
    text = html.unescape(page.text)
    assert "« page » : saisissez un nombre entier." in text
    assert "Retour au formulaire" not in text and "data-history-back" not in text
    assert 'id="mv-rows" name="rows" value="3, 4" aria-invalid="true" ' \
        'aria-describedby="mv-error"' in page.text
    assert f'<option value="{second}" selected>' in page.text
    for number in shown:  # every box ticked stays ticked, not only the last one
        assert re.search(f'id="pick-{number}" name="picked" value="{number}" checked', page.text)
    typed = web.post(f"{page_url}/move", {"theme_id": first, "page": "x", "rows": "7"},
                     headers={"Accept-Language": "fr"})
    assert typed.status_code == 422 and 'value="7" aria-invalid="true"' in typed.text
    assert themes_of_numbers(web, page_url) == before
