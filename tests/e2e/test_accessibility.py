"""Every page passes axe-core (WCAG 2.1 A/AA) in French and English; the keyboard reaches the
skip link first and every navigation link. Drives Debian's headless Chromium."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.routing import APIRoute

from communia.bootstrap import Runtime
from communia.demo import DEMO_PASSWORD, seed_demo
from tests.e2e.browser import CHROMIUM, launch, live_server, signed_in_page

pytestmark = pytest.mark.browser
KNOWN_PAGES = ("/", "/review", "/governance", "/governance/register",
               "/governance/register/new", "/governance/register/recruitment",
               "/governance/ethics", "/governance/queue", "/governance/usage",
               "/governance/rights", "/governance/tokens", "/journal", "/learn",
               "/learn/use-cases/recruitment", "/learn/workshop",
               "/learn/workshop/exercises/drafting-letter", "/sso")
SKIPPED_PREFIXES = ("/api", "/static", "/healthz", "/readyz", "/login", "/journal/export",
                    "/metrics")


def html_pages(app: Any) -> list[str]:
    """GET routes without path parameters (capability pages included when they land)."""
    paths = {r.path for r in app.routes if isinstance(r, APIRoute) and "GET" in r.methods
             and "{" not in r.path and not r.path.startswith(SKIPPED_PREFIXES)}
    return sorted(paths | set(KNOWN_PAGES))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[str]]]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from communia.bootstrap import bootstrap
    from communia.web.app import create_app
    from tests.support import make_settings

    runtime: Runtime = bootstrap(make_settings(tmp_path_factory.mktemp("a11y")))
    seed_demo(runtime)
    pages = html_pages(create_app(runtime))
    with live_server(runtime) as base:
        yield base, pages
    runtime.db.dispose()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_page_passes_axe_core(site: tuple[str, list[str]], browser: Any,
                                    lang: str) -> None:
    from tests.e2e.browser import axe_violations

    base, pages = site
    page = signed_in_page(browser, base, "admin", DEMO_PASSWORD, lang)
    nav_links = page.eval_on_selector_all("nav a[href^='/']",
                                          "els => els.map(e => e.getAttribute('href'))")
    failures: dict[str, Any] = {}
    for path in sorted(set(pages) | set(nav_links)):
        response = page.goto(base + path)
        assert response is not None and response.status < 500, f"{path}: {response}"
        assert page.locator("html").get_attribute("lang") == lang
        assert page.locator("h1").count() == 1, f"{path}: one h1 expected"
        violations = axe_violations(page)
        if violations:
            failures[path] = violations
    page.context.close()
    assert not failures, failures


def test_the_keyboard_reaches_the_skip_link_first_then_every_nav_link(
        site: tuple[str, list[str]], browser: Any) -> None:
    base, _ = site
    page = signed_in_page(browser, base, "admin", DEMO_PASSWORD, "en")
    page.goto(base + "/governance")
    page.keyboard.press("Tab")
    first: Callable[[], str] = lambda: page.evaluate("document.activeElement.className")  # noqa: E731
    assert "skip-link" in first()
    wanted = set(page.eval_on_selector_all("nav.site-nav a",
                                           "els => els.map(e => e.getAttribute('href'))"))
    reached: set[str] = set()
    for _ in range(60):
        page.keyboard.press("Tab")
        href = page.evaluate("document.activeElement.getAttribute('href')")
        if href:
            reached.add(href)
        if wanted <= reached:
            break
    assert wanted and wanted <= reached, wanted - reached
    page.context.close()


ROLE_PAGES = ("/governance", "/governance/register", "/governance/register/new",
              "/governance/register/recruitment", "/governance/ethics", "/governance/rights",
              "/governance/tokens")


@pytest.mark.parametrize("username", ["dpo", "ethique"])
def test_what_the_dpo_and_the_ethics_committee_see_passes_axe_core(
        site: tuple[str, list[str]], browser: Any, username: str) -> None:
    """Their pages differ from the administrator's (read-only parts, who can do what), and a
    form shown again after an input error marks its field and says why."""
    from tests.e2e.browser import axe_violations

    base, _ = site
    page = signed_in_page(browser, base, username, DEMO_PASSWORD, "fr")
    failures: dict[str, Any] = {}
    for path in ROLE_PAGES:
        page.goto(base + path)
        assert page.locator("h1").count() == 1, path
        failures[path] = axe_violations(page)
    if username == "dpo":
        page.goto(base + "/journal?since=2026-02-30")
        assert page.locator("#f-since[aria-invalid=true]").count() == 1
        failures["journal with an impossible date"] = axe_violations(page)
        page.goto(base + "/governance/register/new")
        page.eval_on_selector("#uc-id", "el => { el.removeAttribute('pattern'); }")
        page.fill("#uc-id", "Bad Id")
        for field in ("#uc-name-fr", "#uc-name-en", "#uc-purpose", "#uc-legal"):
            page.fill(field, "x")
        page.locator("main form button[type=submit]").click()
        page.wait_for_selector("#form-error")
        assert page.input_value("#uc-id") == "Bad Id"
        failures["register form shown again"] = axe_violations(page)
    page.context.close()
    failures = {path: found for path, found in failures.items() if found}
    assert not failures, failures
