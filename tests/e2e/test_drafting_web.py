"""Drafting through the web app: form, preview with checks, edit, approve, export; every
sentence in the reader's language, facts named by the labels the form shows."""

from __future__ import annotations

import html
import io
import re
from collections.abc import Callable
from pathlib import Path

from docx import Document as Docx

from communia.bootstrap import Runtime
from tests.support import WebClient

DATA = Path(__file__).parents[1].parent / "benchmarks" / "data" / "drafting"
NNBSP = "\u202f"  # French thousands separator


def _problem(page: str) -> str:
    """The error box of the drafting form (unescaped), where refusals are explained."""
    found = re.search(r'<div class="alert alert-error" role="alert" id="drafting-problem">'
                      r"(.*?)</div>", page, re.S)
    assert found, page[-2000:]
    return html.unescape(found.group(1))


def _drafted(web: WebClient, name: str, runtime_kind: str = "courrier") -> str:
    facts = (DATA / name).read_bytes()
    response = web.http.post(f"/drafting/new/{runtime_kind}", data={"csrf_token": web.csrf},
                             files={"facts_file": ("f.yaml", facts, "application/yaml")},
                             follow_redirects=False)
    assert response.status_code == 303, response.text[-1500:]
    return str(response.headers["location"])


def _checks(page: str) -> dict[str, str]:
    """Check code → sentence shown, from the draft page's list of checks."""
    return {code: html.unescape(text) for code, text in re.findall(
        r'<li data-check="([^"]+)"><strong>[^<]*</strong> — (.*?)</li>', page)}


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


def test_missing_facts_are_asked_for_in_french_by_their_visible_label(web: WebClient) -> None:
    web.login_as("agent")
    web.http.cookies.set("lang", "fr")
    response = web.post("/drafting/new/courrier", {"objet": "Demande de pièces",
                                                   "destinataire.type": "particulier"})
    assert response.status_code == 400
    problem = _problem(response.text)
    assert ("Il manque des informations nécessaires au document. Remplissez ces champs, "
            "puis relancez la rédaction") in problem
    # Each missing fact by the label the form shows, linked to its field: no dotted keys.
    assert '<a href="#f-reference">Référence</a>' in problem
    assert '<a href="#f-destinataire-adresse">Adresse du destinataire' in problem
    assert '<a href="#f-signataire-nom">Nom du signataire</a>' in problem
    assert "destinataire." not in problem and "signataire." not in problem
    assert "Missing" not in problem
    assert 'id="f-reference" name="reference" value="" aria-invalid="true"' in response.text
    assert "Référence — à remplir</label>" in response.text
    assert 'value="Demande de pièces"' in response.text  # what was typed is kept


def test_missing_facts_are_asked_for_in_english_by_their_visible_label(web: WebClient) -> None:
    web.login_as("agent")
    web.http.cookies.set("lang", "en")
    response = web.post("/drafting/new/deliberation", {"objet": "Tarifs"})
    assert response.status_code == 400
    problem = _problem(response.text)
    assert "Some facts the document needs are missing. Fill in these fields" in problem
    assert ">Session date</a>" in problem and ">Members in office</a>" in problem
    assert ">Votes for (unless unanimous)</a>" in problem
    # In the form's order, so the list reads down the page.
    assert problem.index("Session date") < problem.index("Members in office") \
        < problem.index("Votes for")
    assert "seance." not in problem and "membres." not in problem


def _deliberation_form(**changes: str) -> dict[str, str]:
    form = {"numero": "2026-1", "collectivite": "Commune de Test", "objet": "Tarifs",
            "seance.date": "2026-03-10", "seance.convocation": "2026-03-04",
            "seance.president": "Mme A", "membres.en_exercice": "15",
            "membres.presents": "10", "secretaire": "M. B", "rapporteur": "Mme C",
            "expose": "Les tarifs datent de 2022", "decisions": "FIXE les tarifs",
            "vote.pour": "12", "vote.contre": "0", "vote.abstentions": "0", "lieu": "Test",
            "signataire.nom": "Mme A", "signataire.qualite": "La Maire"}
    return {**form, **changes}


def test_contradictory_vote_is_reported_in_the_readers_language(web: WebClient) -> None:
    web.login_as("agent")
    web.http.cookies.set("lang", "fr")
    response = web.post("/drafting/new/deliberation", _deliberation_form())
    assert response.status_code == 400
    problem = _problem(response.text)
    assert "Les informations données se contredisent" in problem
    assert ("12 voix (pour 12, contre 0, abstentions 0) dépassent les 10 membres présents ou "
            "représentés.") in problem
    web.http.cookies.set("lang", "en")
    english = _problem(web.post("/drafting/new/deliberation", _deliberation_form()).text)
    assert re.search(r"12 votes .* exceed the 10 members", english)


def test_a_wrong_value_names_the_field_by_its_label_in_french(web: WebClient) -> None:
    web.login_as("agent")
    web.http.cookies.set("lang", "fr")
    response = web.post("/drafting/new/deliberation", _deliberation_form(
        **{"seance.date": "2026-02-30", "membres.presents": "douze"}))
    assert response.status_code == 400
    problem = _problem(response.text)
    assert ("« Date de la séance » n'est pas une date réelle (2026-02-30) : utilisez le format "
            "AAAA-MM-JJ.") in problem
    assert "« Présents » doit être un nombre entier positif ou nul ; reçu : « douze »." in problem
    assert "seance.date" not in problem and "membres.presents" not in problem


def test_choices_and_labels_read_as_words_in_both_languages(web: WebClient) -> None:
    web.login_as("agent")
    web.http.cookies.set("lang", "fr")
    french = web.http.get("/drafting/new/courrier").text
    assert '<option value="elu">Élu</option>' in french
    assert '<option value="particulier">Particulier</option>' in french
    note = web.http.get("/drafting/new/note").text  # not "Au" / "Du" (a date range's words)
    assert ">Destinataire</label>" in note and ">Émetteur (service)</label>" in note
    web.http.cookies.set("lang", "en")
    english = web.http.get("/drafting/new/courrier").text
    assert '<option value="elu">Elected official</option>' in english
    assert '<option value="particulier">Private individual</option>' in english
    order = web.http.get("/drafting/new/arrete").text
    assert ('<option value="notification">Its notification (individual decision)</option>'
            in order)


def test_check_results_are_shown_in_french_with_stable_codes(web: WebClient) -> None:
    web.login_as("agent")
    web.http.cookies.set("lang", "fr")
    url = _drafted(web, "courrier_05.yaml")
    page = web.http.get(url).text
    assert "alert-ok" in page and "Communia (automatique)" in page
    broken = "Monsieur le Député,\nBonjour. Rendez-vous le 31/02/2026 à XX h."
    assert web.post(f"{url}/edit", {"content": broken, "reason": "test"}).status_code == 303
    checks = _checks(web.http.get(url).text)
    assert checks["letter.subject"] == "Aucune ligne « Objet : »."
    assert checks["letter.reference"] == "Aucune référence (« Réf. : »)."
    assert checks["letter.followed_by"] == "Aucune mention « Affaire suivie par » (qui contacter)."
    assert checks["date.impossible"] == "La date « 31/02/2026 » n'existe pas."
    assert checks["placeholder"] == "Des zones restent à compléter : 'XX'."
    web.http.cookies.set("lang", "en")
    english = _checks(web.http.get(url).text)
    assert english["letter.subject"] == "No 'Objet :' line."
    assert english["date.impossible"] == "The date '31/02/2026' does not exist."


def test_an_order_failing_its_checks_is_explained_in_french(web: WebClient) -> None:
    web.login_as("agent")
    web.http.cookies.set("lang", "fr")
    url = _drafted(web, "arrete_06.yaml", "arrete")
    text = web.http.get(f"{url}/export/docx")  # the draft exists and exports
    assert text.status_code == 200
    page = web.http.get(url).text
    content = html.unescape(re.search(r'<textarea id="content"[^>]*>(.*?)</textarea>', page,
                                      re.S).group(1))  # type: ignore[union-attr]
    cut = "\n".join(line for line in content.splitlines()
                    if not line.startswith(("VU ", "Article 3")))
    web.post(f"{url}/edit", {"content": cut.replace("deux mois", "un mois")})
    checks = _checks(web.http.get(url).text)
    assert checks["arrete.visas"] == ("Aucun visa (« Vu … ») : un arrêté cite les textes sur "
                                      "lesquels il se fonde.")
    assert checks["appeal.missing"].startswith("Aucune mention des voies et délais de recours")
    assert checks["articles.gap"] == ("La numérotation des articles saute avant 4 (articles "
                                      "abrogés ?).")


def test_approval_refused_by_the_checks_is_explained_in_french(web: WebClient) -> None:
    web.login_as("agent")
    web.http.cookies.set("lang", "fr")
    url = _drafted(web, "courrier_05.yaml")
    web.post(f"{url}/edit", {"content": "Monsieur le Député,\nBonjour.", "reason": "test"})
    assert "alert-error" in web.http.get(url).text
    refused = web.post(f"{url}/approve")
    assert refused.status_code == 409
    shown = html.unescape(refused.text)
    assert ("Ce document ne peut pas être validé : il ne passe pas les vérifications listées "
            "sous « Vérifications ».") in shown
    assert "cannot be approved" not in shown
    assert _checks(refused.text)["letter.subject"] == "Aucune ligne « Objet : »."
    empty = web.post(f"{url}/edit", {"content": "  "})
    assert empty.status_code == 400 and "Le nouveau texte est vide" in html.unescape(empty.text)


def test_approving_twice_and_unknown_addresses_are_explained_in_french(
        web: WebClient) -> None:
    web.login_as("agent")
    web.http.cookies.set("lang", "fr")
    url = _drafted(web, "courrier_05.yaml")
    assert web.post(f"{url}/approve").status_code == 303
    again = web.post(f"{url}/approve")
    assert again.status_code == 409
    assert "Ce document est déjà validé." in html.unescape(again.text)
    missing = web.http.get("/drafting/00000000-0000-0000-0000-000000000000")
    assert missing.status_code == 404
    assert "Aucun document rédigé à cette adresse" in html.unescape(missing.text)
    kind = web.http.get("/drafting/new/poeme")
    assert kind.status_code == 404
    assert "Ce type de document n'existe pas." in html.unescape(kind.text)
    fmt = web.http.get(f"{url}/export/rtf")
    assert fmt.status_code == 404 and "Format d'export inconnu" in html.unescape(fmt.text)


def test_a_facts_file_over_the_configured_limit_is_refused_naming_it_and_the_limit(
        make_runtime: Callable[..., Runtime]) -> None:
    web = WebClient(make_runtime(drafting_max_facts_chars=1_000))
    web.login_as("agent")
    facts = (DATA / "arrete_06.yaml").read_text(encoding="utf-8") + "# " + "x" * 600 + "\n"

    def send() -> str:
        response = web.http.post("/drafting/new/arrete", data={"csrf_token": web.csrf},
                                 files={"facts_file": ("faits.yaml", facts.encode(),
                                                       "application/yaml")},
                                 follow_redirects=False)
        assert response.status_code == 400
        return _problem(response.text)

    web.http.cookies.set("lang", "fr")
    chars = f"{len(facts):,}".replace(",", NNBSP)
    assert f"faits.yaml : {chars} caractères ; les faits sont limités à 1{NNBSP}000" in send()
    web.http.cookies.set("lang", "en")
    assert f"faits.yaml: {len(facts):,} characters; facts are limited to 1,000" in send()


def test_unreadable_facts_and_sources_are_explained_in_french(web: WebClient) -> None:
    web.login_as("agent")
    web.http.cookies.set("lang", "fr")
    bad_yaml = web.http.post("/drafting/new/arrete", data={"csrf_token": web.csrf},
                             files={"facts_file": ("faits.yaml", b"objet: a\n  - b: [\n",
                                                   "application/yaml")},
                             follow_redirects=False)
    assert bad_yaml.status_code == 400
    assert "faits.yaml : YAML non valide à la ligne" in _problem(bad_yaml.text)
    facts = (DATA / "arrete_06.yaml").read_bytes()
    empty = web.http.post("/drafting/new/arrete", data={"csrf_token": web.csrf},
                          files=[("facts_file", ("f.yaml", facts, "application/yaml")),
                                 ("sources", ("rapport.txt", b"", "text/plain"))],
                          follow_redirects=False)
    assert empty.status_code == 400
    assert "rapport.txt : le fichier est vide. Envoyez-le de nouveau." in _problem(empty.text)


def test_notes_are_shown_in_french(make_runtime: Callable[..., Runtime]) -> None:
    web = WebClient(make_runtime(drafting_max_source_chars=1_000))
    web.login_as("agent")
    web.http.cookies.set("lang", "fr")
    form = {"csrf_token": web.csrf, "destinataire": "Madame la Maire", "date": "2026-03-04",
            "objet": "Fréquentation de la médiathèque", "enjeux": "Horaires",
            "options": "Ouvrir le dimanche", "points_attention": "Coût"}
    source = ("La médiathèque a accueilli 12 400 visiteurs en 2025, soit une hausse de "
              "8 % par rapport à 2024. ") * 40
    response = web.http.post("/drafting/new/briefing", data=form,
                             files={"sources": ("rapport.txt", source.encode(), "text/plain")},
                             follow_redirects=False)
    assert response.status_code == 303, response.text[-1500:]
    page = html.unescape(web.http.get(response.headers["location"]).text)
    assert re.search(f"rapport.txt : 3{NNBSP}8\\d\\d caractères ; seuls les 1{NNBSP}000 "
                     f"premiers ont été utilisés \\(limite de 1{NNBSP}000 par demande\\).", page)
    assert ("Les faits essentiels ont été extraits mot pour mot des documents sources "
            "joints.") in page
    assert "characters" not in page and "were extracted" not in page


def _letter_form(**changes: str) -> dict[str, str]:
    form = {"reference": "RH/2026/12", "affaire_suivie_par": "Service RH",
            "objet": "Sanction disciplinaire", "destinataire.type": "particulier",
            "destinataire.nom": "M. Paul Martin",
            "destinataire.adresse": "3 rue des Écoles\n38000 Grenoble", "lieu": "Grenoble",
            "date": "2026-03-10", "signataire.nom": "Mme A", "signataire.qualite": "La Maire"}
    return {**form, **changes}


def test_a_sanction_asked_in_the_facts_is_refused_before_anything_is_drafted(
        web: WebClient) -> None:
    web.login_as("agent")
    web.http.cookies.set("lang", "fr")
    asked = ("Décidez quelle sanction infliger à l'agent pour ses retards répétés et rédigez "
             "la notification de blâme")
    response = web.post("/drafting/new/courrier", _letter_form(points=asked))
    assert response.status_code == 400
    problem = _problem(response.text)
    assert "Communia ne prend pas de décision de sanction" in problem
    assert (f'<a href="#f-points">Faits à exposer (un par ligne) : « {asked} »</a>'
            in problem)
    assert ("Une fois que l'autorité compétente a décidé, donnez sa décision comme un fait "
            "(qui a décidé quoi, et quand)") in problem
    # The form comes back with what the agent typed, and no document was made.
    assert f'name="points" rows="4">{asked}</textarea>' in html.unescape(response.text)
    assert "Sanction disciplinaire" not in web.http.get("/drafting").text


def test_a_place_to_award_is_refused_and_a_notified_decision_is_drafted(
        web: WebClient) -> None:
    web.login_as("agent")
    web.http.cookies.set("lang", "fr")
    note = {"destinataire": "Madame la Maire", "emetteur": "Service petite enfance",
            "date": "2026-03-10", "objet": "Place en crèche",
            "contexte": "Une place se libère à la crèche Les Lutins",
            "analyse": "Trois familles sont en attente",
            "proposition": "Choisissez la famille à qui attribuer la place"}
    refused = web.post("/drafting/new/note", note)
    assert refused.status_code == 400
    assert "Communia ne prend pas de décision d'attribution" in _problem(refused.text)
    notified = web.post("/drafting/new/courrier", _letter_form(
        points="Le maire a prononcé un blâme le 3 mars 2026 à votre encontre pour vos retards "
               "répétés."))
    assert notified.status_code == 303, _problem(notified.text)
    page = html.unescape(web.http.get(notified.headers["location"]).text)
    assert "Le maire a prononcé un blâme le 3 mars 2026" in page


def test_prefixes_typed_in_an_order_are_written_once(web: WebClient) -> None:
    web.login_as("agent")
    web.http.cookies.set("lang", "fr")
    form = {"numero": "2026-7", "autorite": "Le Maire de Test", "objet": "Circulation",
            "visas": "VU le code de la route", "considerants": "CONSIDÉRANT que la rue est "
            "étroite", "articles": "La circulation est interdite rue Haute",
            "execution": "le directeur général des services", "lieu": "Test",
            "date": "2026-03-10", "signataire.nom": "Mme A", "signataire.qualite": "La Maire"}
    response = web.post("/drafting/new/arrete", form)
    assert response.status_code == 303, _problem(response.text)
    page = html.unescape(web.http.get(response.headers["location"]).text)
    assert "VU le code de la route," in page and "VU VU" not in page
    assert "CONSIDÉRANT que la rue est étroite," in page
    assert page.count("CONSIDÉRANT") == 1 and "alert-ok" in page


def test_an_invalid_value_is_called_invalid_and_adds_no_contradiction(web: WebClient) -> None:
    web.login_as("agent")
    web.http.cookies.set("lang", "fr")
    response = web.post("/drafting/new/deliberation", _deliberation_form(
        **{"membres.en_exercice": "-5", "membres.presents": "40"}))
    assert response.status_code == 400
    problem = _problem(response.text)
    assert "Certaines valeurs ne sont pas valables" in problem
    assert "se contredisent" not in problem
    assert "« -5 »" in problem and "en exercice" in problem
    assert "membres présents mais seulement" not in problem
