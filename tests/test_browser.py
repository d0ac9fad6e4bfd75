"""Gate 3: every built page in headless Chromium: axe WCAG 2.0/2.1/2.2 A/AA and best practice, no foreign requests,
meaningful alt text, no script error, no English interface text. Then what a reader does: the
phone menu and «På denne siden», the start page, checklists, case studies, search, print.
Fixture pages with known faults show that each check can fail."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import (
    NN,
    PHONE,
    WCAG_TAGS,
    axe_violations,
    english_interface_text,
    expected_pages,
    foreign_requests,
    gated_pages,
    poor_alt_texts,
    serve,
)

pytestmark = pytest.mark.browser
FIXTURES = Path(__file__).parent / "fixtures" / "pages"
CHAPTER = "book/arkiv.html"
CASE_STUDY = "notebooks/ud-messenger.html"


def _summary(violations: list[dict]) -> list[str]:
    return [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}" for v in violations]


def _errors(page) -> list[str]:
    """Record uncaught script errors and console errors from now on."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(f"skriptfeil: {error}"))
    page.on("console", lambda message: errors.append(f"konsoll: {message.text}") if message.type == "error" else None)
    return errors


def test_page_meets_the_gates(built_page: str, book_url: str, page) -> None:
    """One load of each page for every per-page gate: axe's WCAG A/AA rules and its best-practice
    rules (landmarks, headings: zero findings, in light and dark), no request to another host,
    meaningful alt text, no script error, no English interface text, and the page's head."""
    name = built_page
    blocked = foreign_requests(page, book_url)
    errors = _errors(page)
    page.goto(f"{book_url}/{name}", wait_until="networkidle")
    violations = axe_violations(page, [*WCAG_TAGS, "best-practice"])
    assert not violations, _summary(violations)
    assert not blocked, f"forespørsler til andre verter: {blocked}"
    poor = poor_alt_texts(page)
    assert not poor, f"bilder uten meningsfull alternativ tekst: {poor}"
    english = english_interface_text(page)
    assert not english, f"{name}: engelsk tekst i grensesnittet: {english}"
    head = page.evaluate(
        """() => ({
            viewports: document.querySelectorAll('meta[name=viewport]').length,
            icon: !!document.querySelector('link[rel=icon]'),
            statement: !!document.querySelector('footer a[href$="tilgjengelighet.html"]'),
        })"""
    )
    assert head == {"viewports": 1, "icon": True, "statement": not name.endswith("book/tilgjengelighet.html")}, head
    # The same page in the theme's dark mode (the reader's choice is kept in localStorage).
    page.evaluate("localStorage.setItem('mode', 'dark')")
    page.reload(wait_until="networkidle")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    dark = axe_violations(page, [*WCAG_TAGS, "best-practice"])
    assert not dark, ["mørk modus: " + line for line in _summary(dark)]
    assert not errors, errors  # e.g. «THEBE_JS_URL has already been declared», «Got invalid theme mode»


def test_english_scan_catches_the_theme_strings(page) -> None:
    page.set_content(
        '<html lang="nb"><body><a href="#m">Skip to main content</a><button aria-label="Color mode"></button>'
        "<figure><figcaption>Fig. 3 Et diagram</figcaption></figure><footer><p>By Kursforfatterne</p></footer></body></html>"
    )
    found = " ".join(english_interface_text(page))
    assert "Skip to main content" in found and "Color mode" in found and "Fig. N" in found and "By …" in found


def test_every_page_on_a_phone_is_accessible_and_no_wider_than_the_phone(built_book, book_url: str, browser) -> None:
    """At 390 px: no page scrolls sideways, and every gated page (the set of the desktop gate) has
    no axe WCAG or best-practice finding in the phone layout (the menu, header and tables change
    there; the colours are the same as on desktop, where both modes are checked)."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    wide, findings = {}, {}
    gated = set(gated_pages())
    for name in expected_pages() + expected_pages(NN):
        if name in {"index.html", f"{NN}/index.html"}:  # only redirect to the start page
            continue
        page.goto(f"{book_url}/{name}", wait_until="load" if name not in gated else "networkidle")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["viewport"]["width"]:
            wide[name] = width
        if name in gated:
            found = axe_violations(page, [*WCAG_TAGS, "best-practice"])
            if found:
                findings[name] = _summary(found)
    context.close()
    assert not wide, f"sider bredere enn 390 px: {wide}"
    assert not findings, f"axe på mobil: {findings}"


# --- Phone and touch ------------------------------------------------------------------------


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    yield page
    context.close()


def test_phone_menu_opens_and_a_link_in_it_works(book_url: str, phone) -> None:
    errors = _errors(phone)
    phone.goto(f"{book_url}/{CHAPTER}", wait_until="networkidle")
    menu = phone.locator(".bok-meny-knapp")
    assert menu.get_attribute("aria-expanded") == "false"
    menu.tap()
    dialog = phone.locator("#pst-primary-sidebar-modal")
    assert dialog.evaluate("d => d.open"), "menyen åpnet seg ikke"
    assert menu.get_attribute("aria-expanded") == "true"
    link = dialog.get_by_role("link", name="Innsyn og offentlighet", exact=True)
    assert link.is_visible()
    link.tap()
    phone.wait_for_url("**/book/innsyn.html")
    assert not errors, errors


def test_phone_menu_closes_with_its_button_and_gives_focus_back(book_url: str, phone) -> None:
    phone.goto(f"{book_url}/{CHAPTER}", wait_until="networkidle")
    phone.locator(".bok-meny-knapp").tap()
    phone.get_by_role("button", name="Lukk menyen").tap()
    assert not phone.locator("#pst-primary-sidebar-modal").evaluate("d => d.open")
    assert phone.evaluate("document.activeElement.classList.contains('bok-meny-knapp')")
    # The sidebar's content is back in place, so the menu opens again.
    phone.locator(".bok-meny-knapp").tap()
    assert phone.locator("#pst-primary-sidebar-modal").evaluate("d => d.open")
    phone.keyboard.press("Escape")
    assert not phone.locator("#pst-primary-sidebar-modal").evaluate("d => d.open")


def test_phone_menu_works_with_the_keyboard(book_url: str, phone) -> None:
    phone.goto(f"{book_url}/{CHAPTER}", wait_until="networkidle")
    phone.locator(".bok-meny-knapp").focus()
    phone.keyboard.press("Enter")
    dialog = phone.locator("#pst-primary-sidebar-modal")
    assert dialog.evaluate("d => d.open")
    assert phone.evaluate("document.getElementById('pst-primary-sidebar-modal').contains(document.activeElement)")
    phone.keyboard.press("Escape")
    assert not dialog.evaluate("d => d.open")
    assert phone.evaluate("document.activeElement.classList.contains('bok-meny-knapp')")


def test_phone_on_this_page_opens_and_jumps_to_the_section(book_url: str, phone) -> None:
    phone.goto(f"{book_url}/{CHAPTER}", wait_until="networkidle")
    button = phone.get_by_role("button", name="På denne siden")
    button.tap()
    dialog = phone.locator("#pst-secondary-sidebar-modal")
    assert dialog.evaluate("d => d.open"), "«På denne siden» åpnet seg ikke"
    dialog.get_by_role("link", name="Kilder", exact=True).tap()
    phone.wait_for_function("location.hash === '#kilder'")
    assert not dialog.evaluate("d => d.open")
    top = phone.locator("#kilder").evaluate("e => e.getBoundingClientRect().top")
    assert 0 <= top < PHONE["viewport"]["height"], top


def test_search_button_can_be_tapped_after_the_menu_was_used(book_url: str, phone) -> None:
    """The theme left an English tooltip over the search button after a tap on the menu."""
    phone.goto(f"{book_url}/{CHAPTER}", wait_until="networkidle")
    phone.locator(".bok-meny-knapp").tap()
    phone.keyboard.press("Escape")
    phone.get_by_role("button", name="Søk i boka").tap()  # fails if anything covers it
    assert phone.locator("#pst-search-dialog").evaluate("d => d.open")
    assert not phone.locator(".tooltip").count()


def test_touch_targets_are_at_least_44_px(book_url: str, phone) -> None:
    phone.goto(f"{book_url}/{CHAPTER}", wait_until="networkidle")
    small = phone.evaluate(
        """() => [...document.querySelectorAll('.bd-header-article button')]
            .filter(b => b.offsetParent)
            .map(b => [b.getAttribute('aria-label') || b.innerText, b.getBoundingClientRect()])
            .filter(([, r]) => r.width < 44 || r.height < 44).map(([n, r]) => `${n}: ${Math.round(r.width)}×${Math.round(r.height)}`)"""
    )
    assert not small, small
    phone.locator(".bok-meny-knapp").tap()
    low = phone.evaluate(
        """() => [...document.querySelectorAll('#pst-primary-sidebar-modal a')].filter(a => a.getBoundingClientRect().height < 44).map(a => a.innerText)"""
    )
    assert not low, low


def test_wide_screen_menu_button_hides_and_shows_the_sidebar(book_url: str, page) -> None:
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{book_url}/{CHAPTER}", wait_until="networkidle")
    menu = page.get_by_role("button", name="Meny")
    sidebar = page.locator("#pst-primary-sidebar")
    assert sidebar.is_visible() and menu.get_attribute("aria-expanded") == "true"
    menu.click()
    assert not sidebar.is_visible() and menu.get_attribute("aria-expanded") == "false"
    menu.click()
    assert sidebar.is_visible() and menu.get_attribute("aria-expanded") == "true"


def test_charts_stay_legible_at_phone_width(book_url: str, phone) -> None:
    """A chart is drawn at most 600 px wide with 16-point type, so a phone scales it by at most
    about 0.6: its labels stay above 12 px (they were about 6 px)."""
    phone.goto(f"{book_url}/{CASE_STUDY}", wait_until="networkidle")
    images = phone.evaluate(
        "() => [...document.querySelectorAll('article img')].map(i => [i.naturalWidth, i.getBoundingClientRect().width])"
    )
    assert images, "casestudien har ingen diagrammer"
    for natural, shown in images:
        assert natural <= 600 and shown / natural >= 0.55, (natural, shown)


# --- The start page -------------------------------------------------------------------------


def test_start_page_says_start_here_and_shows_each_modules_time_and_path(book_url: str, page) -> None:
    page.goto(f"{book_url}/book/intro.html", wait_until="networkidle")
    start = page.locator(".bok-start-her")
    assert start.is_visible() and "Start her" in start.inner_text()
    assert "sm-forvaltning.html" in start.get_by_role("link").first.get_attribute("href")
    time = page.locator("p.bok-kurstid").inner_text()
    assert re.search(r"Hele kurset tar omtrent [\d,]+ timer", time), time
    modules = page.locator("ol.bok-kursoversikt > li")
    assert modules.count() == 17
    first = modules.nth(0)
    assert re.search(r"omtrent \d+ minutter", first.inner_text())
    hrefs = first.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert any(h.split("#")[0] in {"sm-forvaltning.html", "../book/sm-forvaltning.html"} for h in hrefs), hrefs
    assert any("exercises/sm-forvaltning.html" in h for h in hrefs), hrefs
    assert any("notebooks/politiet-forlater-x.html" in h for h in hrefs), hrefs
    workbook = first.get_by_role("link", name="Arbeidsbok: Sosiale medier i forvaltningen")
    assert workbook.count() == 1  # the link text names the module for a screen reader


def test_case_study_links_back_to_its_chapters_and_workbooks(book_url: str, page) -> None:
    page.goto(f"{book_url}/{CASE_STUDY}", wait_until="networkidle")
    section = page.locator("section#neste-steg")
    hrefs = section.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    for target in ("book/arkiv.html", "book/innsyn.html", "exercises/arkiv.html", "exercises/innsyn.html", "book/intro.html"):
        assert any(target in h for h in hrefs), (target, hrefs)


# --- Checklists -----------------------------------------------------------------------------


def test_checklist_boxes_are_labelled_by_their_text_and_remember_ticks(book_url: str, page) -> None:
    page.goto(f"{book_url}/{CHAPTER}", wait_until="networkidle")
    boxes = page.locator("input.task-list-item-checkbox")
    assert boxes.count() >= 5
    names = boxes.evaluate_all("bs => bs.map(b => b.labels.length ? b.labels[0].innerText.trim() : '')")
    assert all(names) and not any("<" in n or "input" in n for n in names), names
    first = page.get_by_role("checkbox", name=names[0])
    assert not first.is_checked()
    page.locator("label.bok-sjekk-tekst").first.click()  # the text ticks the box
    assert first.is_checked()
    page.reload(wait_until="networkidle")
    assert page.get_by_role("checkbox", name=names[0]).is_checked(), "krysset ble borte etter ny lasting"
    assert not page.get_by_role("checkbox", name=names[1]).is_checked()


# --- Case studies ---------------------------------------------------------------------------


def test_case_study_hides_code_and_shows_answer_and_chart_first(book_url: str, page) -> None:
    page.goto(f"{book_url}/{CASE_STUDY}", wait_until="networkidle")
    assert not page.locator("div.cell_input pre").first.is_visible()
    toggle = page.locator("details.hide summary").first
    assert toggle.inner_text().strip() == "Vis koden" and toggle.get_attribute("aria-label") is None
    toggle.click()
    assert page.locator("div.cell_input pre").first.is_visible()
    headings = page.locator("article section > h2").all_inner_texts()
    assert headings[:3] == ["Hva tallene viser", "Analysen", "Dataene"], headings


def test_case_study_tables_show_whole_cells(book_url: str, page) -> None:
    cut = {}
    for name in ["notebooks/ud-messenger.html", "notebooks/tegnspraktolk.html", "notebooks/hans-nodvarsel.html"]:
        page.goto(f"{book_url}/{name}", wait_until="load")
        cells = page.locator("table.dataframe td").all_inner_texts()
        assert cells, name
        cut[name] = [c for c in cells if c.endswith("...") or c.endswith("…")]
    assert not any(cut.values()), cut


# --- Incident catalogue, search, print ------------------------------------------------------


def test_incident_dates_are_not_list_numbers(book_url: str, page) -> None:
    page.goto(f"{book_url}/book/hendelser.html", wait_until="load")
    assert page.locator("li ol").count() == 0
    assert page.get_by_text(re.compile(r"^15\. desember 2020:")).count() >= 1


def test_search_puts_the_chapter_before_the_answer_key(book_url: str, page) -> None:
    page.goto(f"{book_url}/search.html?q=innsyn", wait_until="networkidle")
    page.wait_for_function("document.querySelector('#search-results').innerText.includes('Søket er ferdig')", timeout=30000)
    hits = page.eval_on_selector_all("#search-results li > a", "links => links.map(a => a.getAttribute('href'))")
    assert hits[0].split("?")[0].endswith("book/innsyn.html"), hits[:5]
    fasit = [i for i, h in enumerate(hits) if "instruktor/fasit" in h]
    assert not fasit or fasit[0] > hits.index(next(h for h in hits if "book/innsyn.html" in h)), hits
    summary = page.locator("#search-results").inner_text()
    assert "Søket er ferdig" in summary and "Search" not in summary, summary[:300]
    snippets = page.locator("#search-results li p.context").all_inner_texts()
    assert snippets and not any("På denne siden" in s for s in snippets), snippets[:3]


def test_print_leaves_out_buttons_and_keeps_headings_with_their_exercise(book_url: str, page) -> None:
    page.goto(f"{book_url}/exercises/arkiv.html", wait_until="networkidle")
    page.emulate_media(media="print")
    shown = page.evaluate(
        """() => [...document.querySelectorAll('button')].filter(b => getComputedStyle(b).display !== 'none' && b.getClientRects().length).map(b => b.innerText)"""
    )
    assert not shown, f"knapper i utskriften: {shown}"
    rules = page.evaluate(
        """() => ({h2: getComputedStyle(document.querySelector('article h2')).breakAfter,
                  box: getComputedStyle(document.querySelector('.sk-oppgave')).breakInside})"""
    )
    assert rules == {"h2": "avoid", "box": "avoid"}, rules


# --- The checks themselves ------------------------------------------------------------------


def test_checks_catch_a_faulty_page(page) -> None:
    with serve(FIXTURES) as url:
        blocked = foreign_requests(page, url)
        page.goto(f"{url}/feil.html", wait_until="load")
        ids = {v["id"] for v in axe_violations(page, WCAG_TAGS)}
        assert {"image-alt", "color-contrast", "html-has-lang"} <= ids
        assert "region" in {v["id"] for v in axe_violations(page, ["best-practice"])}, "the best-practice gate can fail"
        assert any("cdn.example.com" in u for u in blocked)
        assert len(poor_alt_texts(page)) == 2
