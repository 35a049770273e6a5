"""In a real browser, a form sent in place (HTMX) that the server refuses shows why where
the answer would go, instead of leaving the area empty: htmx 2 drops 4xx answers unless
the page script lets them through."""

from __future__ import annotations

from typing import Any

import pytest

from communia.bootstrap import Runtime
from tests.e2e.browser import live_server, signed_in_page
from tests.e2e.test_planning_web import followed, result_link
from tests.planning_support import synthetic_csv
from tests.support import PASSWORD, WebClient

pytestmark = pytest.mark.browser


def test_an_empty_team_gets_a_message_in_the_plan_area(runtime: Runtime, browser: Any) -> None:
    web = WebClient(runtime)
    lead = web.login_as("field_lead", "lea")
    response = web.post("/planning/import", {"time_column": "horodatage", "place_column": "lieu",
                                             "source_column": "source"},
                        files={"file": ("log.csv", synthetic_csv(3, team_share=0.3), "text/csv")})
    run_url = response.headers["location"]
    forecast = web.post(f"{run_url}/forecast", {"horizon_weeks": "1"})
    assert result_link(followed(web, forecast.headers["location"])) == run_url
    with live_server(runtime) as base:
        page = signed_in_page(browser, base, lead, PASSWORD, "en")
        page.goto(f"{base}{run_url}")
        page.fill("#team-yaml", "")
        page.locator("form[hx-post$='/plan'] button[type=submit]").click()
        page.wait_for_selector("#plan-result :text('Fill in “Team, shifts and rules”')",
                               timeout=15000)


def test_back_to_the_form_after_an_input_error_keeps_what_was_typed(
        runtime: Runtime, browser: Any) -> None:
    with live_server(runtime) as base:
        context = browser.new_context(locale="en-GB")
        page = context.new_page()
        page.goto(f"{base}/login")
        page.fill("#username", "paul.martin")
        # A browser that does not check required fields itself (or a crafted request).
        page.eval_on_selector("#password", "el => el.removeAttribute('required')")
        page.locator("main form button[type=submit]").click()
        page.wait_for_selector("h1:text('Invalid input')", timeout=15000)
        assert "Fill in “Password”" in page.inner_text("main")
        page.click("a[data-history-back]")
        page.wait_for_url(f"{base}/login", timeout=15000)
        page.wait_for_selector("#username")
        assert page.input_value("#username") == "paul.martin"
        context.close()
