"""The recruitment journey through the web app: blind table, named decisions, reveal."""

from __future__ import annotations

import re

from sqlalchemy import select

from communia.store.tables import JournalEntryRow
from tests.support import WebClient
from tests.unit.recruitment.factories import CV_FR

AD = "Animateur enfance\nBAFA exigé, PSC1 obligatoire, permis B apprécié, 2 ans d'expérience " \
     "auprès d'enfants de 6 à 12 ans."


def test_hr_journey_keeps_identities_masked_and_decisions_named(web: WebClient) -> None:
    web.login_as("hr", "rh-web")
    created = web.post("/recruitment", {"title": "Animateur enfance", "ad": AD})
    assert created.status_code == 303
    url = created.headers["location"]
    page = web.http.get(url)
    assert page.status_code == 200 and "BAFA" in page.text
    upload_before = web.http.post(f"{url}/applications", data={"csrf_token": web.csrf},
                                  files=[("files", ("a/cv.txt", CV_FR.encode(), "text/plain"))])
    assert upload_before.status_code == 409  # criteria must be frozen first
    assert web.post(f"{url}/freeze").status_code == 303
    uploaded = web.http.post(f"{url}/applications", data={"csrf_token": web.csrf},
                             files=[("files", ("marchand/cv.txt", CV_FR.encode(), "text/plain")),
                                    ("files", ("bad.pdf", b"%PDF-1.4 broken", "application/pdf"))],
                             follow_redirects=False)
    assert uploaded.status_code == 303
    table = web.http.get(url)
    assert "C001" in table.text and "Marchand" not in table.text
    for word in ("recommended", "shortlist", "reject", "recommandé", "présélection"):
        assert word not in table.text.lower()
    candidate_url = re.search(r'href="(/recruitment/[^"]+/candidates/[^"]+)"', table.text)
    assert candidate_url
    detail = web.http.get(candidate_url.group(1))
    assert detail.status_code == 200 and "Marchand" not in detail.text
    assert web.post(candidate_url.group(1) + "/reveal").status_code == 403  # no decision yet
    no_reason = web.post(candidate_url.group(1) + "/decision", {"decision": "invite",
                                                                 "reason": ""})
    assert no_reason.status_code == 400
    decided = web.post(candidate_url.group(1) + "/decision",
                       {"decision": "invite", "reason": "Expérience en accueil de loisirs."})
    assert decided.status_code == 303
    revealed = web.post(candidate_url.group(1) + "/reveal")
    assert revealed.status_code == 200 and "Inès Marchand" in revealed.text
    grid = web.http.get(f"{url}/grid.docx")
    assert grid.status_code == 200 and grid.content[:2] == b"PK"
    assert web.http.get(f"{url}/fairness").status_code == 200
    notice = web.post(f"{url}/notice")
    assert notice.status_code == 303 and notice.headers["location"].startswith("/review/")
    with web.runtime.db.session() as session:
        rows = list(session.scalars(select(JournalEntryRow).where(
            JournalEntryRow.kind.in_(["decision.recorded", "privacy.revealed"]))))
    assert {(r.kind, r.actor) for r in rows} == {("decision.recorded", "rh-web"),
                                                 ("privacy.revealed", "rh-web")}


def test_other_roles_cannot_decide(web: WebClient) -> None:
    web.login_as("agent")
    response = web.post("/recruitment/any/candidates/any/decision",
                        {"decision": "invite", "reason": "Une raison suffisante."})
    assert response.status_code == 403


def test_anonymous_visitor_is_sent_to_login(web: WebClient) -> None:
    web.refresh_csrf()
    response = web.post("/recruitment/any/candidates/any/decision",
                        {"decision": "invite", "reason": "Une raison suffisante."})
    assert response.status_code in (303, 401)
