"""Drafting through the web app: form, preview with checks, edit, approve, export."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

from docx import Document as Docx

from communia.bootstrap import Runtime
from tests.support import WebClient

DATA = Path(__file__).parents[1].parent / "benchmarks" / "data" / "drafting"


def test_yaml_upload_drafts_reviews_approves_and_exports(web: WebClient) -> None:
    web.login_as("agent")
    page = web.http.get("/drafting/new/arrete")
    assert page.status_code == 200 and "<h1>" in page.text
    facts = (DATA / "arrete_06.yaml").read_bytes()
    response = web.http.post("/drafting/new/arrete", data={"csrf_token": web.csrf},
                             files={"facts_file": ("faits.yaml", facts, "application/yaml")},
                             follow_redirects=False)
    assert response.status_code == 303, response.text
    url = response.headers["location"]
    draft_id = url.rsplit("/", 1)[1]
    shown = web.http.get(url)
    assert "Coulée verte" in shown.text and "alert-ok" in shown.text
    draft_docx = Docx(io.BytesIO(web.http.get(f"{url}/export/docx").content))
    assert "PROJET" in draft_docx.sections[0].header.paragraphs[0].text
    assert web.post(f"{url}/approve").status_code == 303
    final = Docx(io.BytesIO(web.http.get(f"{url}/export/docx").content))
    assert "PROJET" not in final.sections[0].header.paragraphs[0].text
    assert draft_id in web.http.get("/drafting").text


def test_missing_facts_are_asked_for_by_name_in_the_form(web: WebClient) -> None:
    web.login_as("agent")
    response = web.post("/drafting/new/courrier", {"objet": "Demande de pièces",
                                                   "destinataire.type": "particulier"})
    assert response.status_code == 400
    assert "Missing facts" in response.text and "&#39;reference&#39;" in response.text
    assert 'value="Demande de pièces"' in response.text  # what was typed is kept


def test_contradictory_vote_is_reported(web: WebClient) -> None:
    web.login_as("agent")
    form = {"numero": "2026-1", "collectivite": "Commune de Test", "objet": "Tarifs",
            "seance.date": "2026-03-10", "seance.convocation": "2026-03-04",
            "seance.president": "Mme A", "membres.en_exercice": "15",
            "membres.presents": "10", "secretaire": "M. B", "rapporteur": "Mme C",
            "expose": "Les tarifs datent de 2022", "decisions": "FIXE les tarifs",
            "vote.pour": "12", "vote.contre": "0", "vote.abstentions": "0", "lieu": "Test",
            "signataire.nom": "Mme A", "signataire.qualite": "La Maire"}
    response = web.post("/drafting/new/deliberation", form)
    assert response.status_code == 400
    assert re.search(r"12 votes .* exceed the 10 members", response.text)


def test_edit_that_breaks_the_structure_blocks_approval(web: WebClient) -> None:
    web.login_as("agent")
    facts = (DATA / "courrier_05.yaml").read_bytes()
    url = web.http.post("/drafting/new/courrier", data={"csrf_token": web.csrf},
                        files={"facts_file": ("f.yaml", facts, "application/yaml")},
                        follow_redirects=False).headers["location"]
    text = web.http.get(url).text
    assert "alert-ok" in text
    web.post(f"{url}/edit", {"content": "Monsieur le Député,\nBonjour.", "reason": "test"})
    assert "alert-error" in web.http.get(url).text
    assert web.post(f"{url}/approve").status_code == 409


def test_a_facts_file_over_the_configured_limit_is_refused_naming_it_and_the_limit(
        make_runtime: Callable[..., Runtime]) -> None:
    web = WebClient(make_runtime(drafting_max_facts_chars=1_000))
    web.login_as("agent")
    facts = (DATA / "arrete_06.yaml").read_text(encoding="utf-8") + "# " + "x" * 600 + "\n"
    response = web.http.post("/drafting/new/arrete", data={"csrf_token": web.csrf},
                             files={"facts_file": ("faits.yaml", facts.encode(),
                                                   "application/yaml")},
                             follow_redirects=False)
    assert response.status_code == 400
    assert (f"faits.yaml: {len(facts):,} characters; facts are limited to 1,000"
            in response.text), response.text[-1500:]
