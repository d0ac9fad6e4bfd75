"""Gate 3: every built page in headless Chromium: axe WCAG 2.1 A/AA, no foreign requests,
meaningful alt text. Fixture pages with known faults show that each check can fail."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import WCAG_TAGS, axe_violations, built_pages, foreign_requests, poor_alt_texts, serve

pytestmark = pytest.mark.browser
FIXTURES = Path(__file__).parent / "fixtures" / "pages"


def _summary(violations: list[dict]) -> list[str]:
    return [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}" for v in violations]


def test_page_meets_the_gates(built_page: str, book_url: str, page) -> None:
    name = built_page
    blocked = foreign_requests(page, book_url)
    page.goto(f"{book_url}/{name}", wait_until="networkidle")
    violations = axe_violations(page, WCAG_TAGS)
    assert not violations, _summary(violations)
    assert not blocked, f"forespørsler til andre verter: {blocked}"
    poor = poor_alt_texts(page)
    assert not poor, f"bilder uten meningsfull alternativ tekst: {poor}"
    # The same page in the theme's dark mode (the reader's choice is kept in localStorage).
    page.evaluate("localStorage.setItem('mode', 'dark')")
    page.reload(wait_until="networkidle")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    dark = axe_violations(page, WCAG_TAGS)
    assert not dark, ["mørk modus: " + line for line in _summary(dark)]


def test_best_practice_findings_are_reported(built_book, book_url: str, page, capsys) -> None:
    """axe's best-practice rules are reported (not a gate): the report lists them per page."""
    findings = {}
    for path in built_pages():
        name = str(path.relative_to(built_book))
        page.goto(f"{book_url}/{name}", wait_until="networkidle")
        found = axe_violations(page, ["best-practice"])
        if found:
            findings[name] = sorted({v["id"] for v in found})
    with capsys.disabled():
        print("\naxe best practice (rapport, ikke krav):")
        for name, ids in sorted(findings.items()):
            print(f"  {name}: {', '.join(ids)}")
    assert isinstance(findings, dict)


def test_checks_catch_a_faulty_page(page) -> None:
    with serve(FIXTURES) as url:
        blocked = foreign_requests(page, url)
        page.goto(f"{url}/feil.html", wait_until="load")
        ids = {v["id"] for v in axe_violations(page, WCAG_TAGS)}
        assert {"image-alt", "color-contrast", "html-has-lang"} <= ids
        assert any("cdn.example.com" in u for u in blocked)
        assert len(poor_alt_texts(page)) == 2
