"""The nynorsk edition (issue 18): built into _build/html/nn/ by somekurs/nnbook.py, with the same
pages as the bokmål book, a language switch on every page of both that leads to the same page in
the other standard, nynorsk interface text, and a notice on each page that is not translated yet.

The per-page browser gates (axe, foreign requests, alt text, English text) run on the nynorsk
pages too: ``built_page`` is parametrised with both editions (tests/conftest.py)."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from somekurs import editions, nnbook, sphinxext

from tests.helpers import NN, PHONE, ROOT, built_pages, expected_pages, page_edition, serve

NOTICE = "Denne sida finst berre på bokmål enno."
PARTLY = "Delar av denne sida finst berre på bokmål enno."
# Words that are nynorsk and never bokmål: a page that has none of them is not in nynorsk.
NYNORSK_WORDS = re.compile(r"\b(ikkje|kva|korleis|eit|berre|frå|dei|òg|vere|gjeld|sida)\b")
BOKMAAL_WORDS = re.compile(r"\b(ikke|hva|hvordan|bare|fra|være)\b")
REDIRECTS = {"index.html", f"{NN}/index.html"}  # jupyter-book's redirect to the start page


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _article_text(soup: BeautifulSoup) -> str:
    article = soup.select_one("article.bd-article")
    assert article is not None
    return " ".join(article.get_text(" ").split())


def _prose_text(soup: BeautifulSoup) -> str:
    """The article's own text: without the source lists and footnotes, whose titles are as published."""
    article = soup.select_one("article.bd-article")
    assert article is not None
    for cited in article.select(".citation-list, .citation, aside.footnote, .footnote-list"):
        cited.decompose()
    return " ".join(article.get_text(" ").split())


def pages_with_status(wanted: str) -> list[str]:
    """Docnames of the nn edition's pages that are wholly in nynorsk («nn»), partly («partly»), or
    still the bokmål page («nb»): see somekurs.nnbook.status."""
    return [name for name in nnbook.toc_docnames(nnbook.nn_toc(ROOT)) if nnbook.status(name, ROOT) == wanted]


def translated_chapters() -> list[str]:
    """The pages wholly in nynorsk that are written as pages (the workbooks are generated from the
    exercise data: tests/test_workbook and the nbval gate check them; the generated pages from
    data: tests/test_generated_pages_nn)."""
    generated = {p.with_suffix("").as_posix() for p in sphinxext.GENERATED.values()}
    return [name for name in pages_with_status("nn") if name.startswith("book/") and name not in generated]


def fallback_pages() -> list[str]:
    return pages_with_status("nb")


# --- Without a build ------------------------------------------------------------------------


def test_nn_config_is_the_bokmaal_one_in_nynorsk() -> None:
    config = nnbook.nn_config(ROOT)
    assert config["sphinx"]["config"]["language"] == "nn"
    assert config["title"] == "Sosiale medium i offentleg forvaltning"
    assert "offentleg" in config["html"]["extra_footer"] and "kjelde" in config["html"]["extra_footer"]
    assert config["sphinx"]["local_extensions"] == {"somekurs.sphinxext": str(ROOT)}
    assert all(Path(f).is_file() for f in config["bibtex_bibfiles"])  # absolute: the staged tree has no data/


def test_nn_toc_has_the_same_pages_with_nynorsk_captions() -> None:
    import yaml

    nb = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    nn = nnbook.nn_toc(ROOT)
    assert nnbook.toc_docnames(nn) == nnbook.toc_docnames(nb)
    captions = [part["caption"] for part in nn["parts"]]
    assert "Rettleiing" in captions and "For kurshaldarar" in captions
    assert "Veiledning" not in captions and "For instruktører" not in captions


def test_staging_puts_each_twin_over_its_bokmaal_page(tmp_path: Path) -> None:
    plan = nnbook.stage(ROOT, tmp_path / "nn-src")
    for docname in translated_chapters():
        twin = nnbook.twin_of(docname, ROOT)
        assert twin is not None
        staged = tmp_path / "nn-src" / twin.relative_to(ROOT / "nn")
        assert staged.read_bytes() == twin.read_bytes(), docname
    for docname in fallback_pages():
        source = next(ROOT.glob(f"{docname}.*"))
        assert plan[source.relative_to(ROOT).as_posix()] == source
    assert not (tmp_path / "nn-src" / "book" / "ordliste.md").exists()  # written by the extension at build


def test_notice_goes_right_after_the_title() -> None:
    page = "(kap-x)=\n# Tittel\n\nFørste avsnitt.\n"
    assert sphinxext.insert_after_title(page, "MERKNAD") == "(kap-x)=\n# Tittel\n\nMERKNAD\n\n\nFørste avsnitt.\n"
    fenced = "```python\n# ikkje ein tittel\n```\n# Tittel\n"
    assert sphinxext.insert_after_title(fenced, "M").index("M") > fenced.index("# Tittel")


@pytest.mark.parametrize(
    ("current", "uri", "nb", "nn"),
    [
        ("nb", "book/arkiv.html", "../book/arkiv.html", "../nn/book/arkiv.html"),
        ("nn", "book/arkiv.html", "../../book/arkiv.html", "../book/arkiv.html"),
        ("nb", "book/var-plan/index.html", "../../book/var-plan/index.html", "../../nn/book/var-plan/index.html"),
        ("nn", "search.html", "../search.html", "search.html"),
    ],
)
def test_switch_links_are_relative_to_the_page(current: str, uri: str, nb: str, nn: str) -> None:
    assert sphinxext.edition_links(current, uri) == {"nb": nb, "nn": nn}


# --- The built editions ---------------------------------------------------------------------


def test_nn_build_makes_a_page_for_every_toc_entry(built_book: Path) -> None:
    built = sorted(str(p.relative_to(built_book)) for p in built_pages(NN))
    missing = sorted(set(expected_pages(NN)) - set(built))
    assert not missing, f"nynorske sider som manglar: {missing}"
    assert (built_book / NN / "_static" / "somekurs.css").is_file()


def test_translated_pages_are_in_nynorsk(built_book: Path) -> None:
    chapters = translated_chapters()
    assert len(chapters) >= 17, chapters  # the 17 theme chapters at least
    for docname in chapters:
        path = built_book / NN / f"{docname}.html"
        soup = _soup(path)
        assert soup.html is not None and soup.html.get("lang") == "nn", docname
        text = _article_text(soup)
        assert NOTICE not in text, f"{docname}: har nynorsk tvilling, men viser merknaden"
        assert not soup.select_one("article.bd-article").get("lang"), docname  # type: ignore[union-attr]
        prose = _prose_text(soup)  # cited titles stay as published, often in bokmål
        nynorsk, bokmaal = len(NYNORSK_WORDS.findall(prose)), len(BOKMAAL_WORDS.findall(prose))
        assert nynorsk > 3 * bokmaal, f"{docname}: {nynorsk} nynorske mot {bokmaal} bokmålsord"
        twin = nnbook.twin_of(docname, ROOT)
        assert twin is not None
        title = re.search(r"^# (.+)$", twin.read_text(encoding="utf-8"), re.M) if twin.suffix == ".md" else None
        if title:
            assert soup.h1 is not None and title.group(1).strip() in soup.h1.get_text(), docname


def test_nn_chapter_has_nynorsk_interface_and_next_steps(built_book: Path) -> None:
    soup = _soup(built_book / NN / "book" / "arkiv.html")
    html = str(soup)
    assert "Hopp til hovudinnhaldet" in html and "Gå til hovedinnholdet" not in html
    assert "På denne sida" in html and "På denne siden" not in html
    author = soup.select_one("footer .component-author")
    assert author is not None and "Laga av Kursforfattarane" in author.get_text(" ")
    assert "Tilgjengelegheitserklæring" in author.get_text(" ")
    assert soup.title is not None and "Sosiale medium i offentleg forvaltning" in soup.title.get_text()
    label = soup.find(id="neste-steg-arkiv")
    steps = label.find_parent("section") if label is not None else None
    assert steps is not None, "«Neste steg» manglar"
    assert re.search(r"om lag \d+ minutt\b", steps.get_text(" ")), steps.get_text(" ")
    hrefs = [a["href"] for a in steps.select("a")]
    assert "../exercises/arkiv.html" in hrefs, hrefs  # the nynorsk workbook, inside the nn edition
    assert "Rettleiing" in soup.select_one("nav.bd-docs-nav").get_text(" ")  # type: ignore[union-attr]


def test_a_page_without_a_twin_shows_the_notice(built_book: Path) -> None:
    pages = fallback_pages()
    if not pages:
        pytest.skip("alle sidene har nynorsk tvilling")
    for docname in pages:
        soup = _soup(built_book / NN / f"{docname}.html")
        assert soup.html is not None and soup.html.get("lang") == "nn"
        notice = soup.select_one("article.bd-article p.bok-berre-bokmaal")
        assert notice is not None and notice.get_text().strip() == NOTICE, docname
        assert notice.get("lang") == "nn"
        assert soup.select_one("article.bd-article").get("lang") == "nb", docname  # type: ignore[union-attr]
        previous = notice.find_previous_sibling()
        assert previous is not None and previous.name == "h1", f"{docname}: merknaden står ikkje rett under tittelen"


def test_partly_translated_pages_say_so_and_use_nynorsk_data(built_book: Path) -> None:
    from somekurs.exercises.model import load_exercises

    nb = load_exercises()[0]
    nn = load_exercises(lang="nn")[0]
    translated = [" ".join(e["title"].split()) for key, e in nn.items() if e["title"] != nb[key]["title"]]
    assert translated, f"ingen nynorske oppgåvetitlar i {editions.twin_folder(ROOT / 'data' / 'exercises')}"
    key = _article_text(_soup(built_book / NN / "book" / "instruktor" / "fasit.html"))
    missing = [title for title in translated if title not in key]
    assert not missing, f"fasiten på nynorsk manglar dei nynorske titlane: {missing[:5]}"
    for docname in pages_with_status("partly"):  # the changelog (bokmål entries), pages whose data is not all translated
        text = _article_text(_soup(built_book / NN / f"{docname}.html"))
        assert PARTLY in text, docname
    for docname in pages_with_status("nn"):
        assert PARTLY not in _article_text(_soup(built_book / NN / f"{docname}.html")), docname
    assert sphinxext.GENERATED["changelog"].with_suffix("").as_posix() in pages_with_status("partly")


def _switch(path: Path) -> tuple[str, dict[str, str], list[str]]:
    """The switch on a built page: its label, the link of each standard (by its lang), and the
    standards marked as the current one."""
    soup = _soup(path)
    nav = soup.select_one("nav.bok-maalform")
    assert nav is not None, f"{path}: manglar målformvalet"
    links = nav.select("a")
    assert [a.get_text().strip() for a in links] == ["Bokmål", "Nynorsk"], path
    current = [str(a["lang"]) for a in links if a.get("aria-current") == "page"]
    hrefs = {str(a["lang"]): str(a["href"]) for a in links}
    return str(nav.get("aria-label")), hrefs, current


@pytest.mark.parametrize("edition", ["nb", NN])
def test_every_page_has_the_switch_to_the_same_page_in_the_other_edition(built_book: Path, edition: str) -> None:
    problems = []
    for name in expected_pages(edition):
        if name in REDIRECTS:
            continue
        path = built_book / name
        label, hrefs, current = _switch(path)
        assert label == "Målform"
        if current != [edition]:
            problems.append(f"{name}: aria-current på {current}")
        same = name.removeprefix(f"{NN}/")
        for code, href in hrefs.items():
            assert not href.startswith(("/", "http")), f"{name}: {href} er ikkje relativ"
            target = posixpath.normpath(posixpath.join(posixpath.dirname(name), href))
            want = f"{NN}/{same}" if code == NN else same
            if target != want or not (built_book / target).is_file():
                problems.append(f"{name}: {code} → {href} ({target}, venta {want})")
    assert not problems, problems[:20]


# --- In a browser ---------------------------------------------------------------------------


@pytest.mark.browser
def test_switch_leads_to_the_same_page_and_back_from_a_sub_path(built_book: Path, page, tmp_path: Path) -> None:
    """Served from /kurs/ (not the web server's root), as a course site often is."""
    (tmp_path / "kurs").symlink_to(built_book, target_is_directory=True)
    with serve(tmp_path) as url:
        page.goto(f"{url}/kurs/book/arkiv.html", wait_until="networkidle")
        page.get_by_role("link", name="Nynorsk", exact=True).click()
        page.wait_for_url(f"{url}/kurs/nn/book/arkiv.html", wait_until="networkidle")
        assert page.evaluate("document.documentElement.lang") == "nn"
        assert page.locator("h1").first.inner_text().startswith("Arkivering og journalføring")
        current = page.locator("nav.bok-maalform a[aria-current=page]")
        assert current.inner_text() == "Nynorsk" and current.get_attribute("lang") == "nn"
        page.get_by_role("link", name="Bokmål", exact=True).click()
        page.wait_for_url(f"{url}/kurs/book/arkiv.html", wait_until="networkidle")
        assert page.evaluate("document.documentElement.lang") == "nb"


@pytest.mark.browser
@pytest.mark.parametrize("name", ["book/arkiv.html", f"{NN}/book/arkiv.html", f"{NN}/notebooks/ud-messenger.html"])
def test_switch_is_on_screen_and_big_enough_on_a_phone(book_url: str, browser, name: str) -> None:
    context = browser.new_context(**PHONE)
    phone = context.new_page()
    try:
        phone.goto(f"{book_url}/{name}", wait_until="networkidle")
        boxes = phone.locator("nav.bok-maalform a").evaluate_all(
            "links => links.map(a => { const r = a.getBoundingClientRect(); return [r.top, r.bottom, r.width, r.height]; })"
        )
        assert len(boxes) == 2
        for top, bottom, width, height in boxes:
            assert width >= 44 and height >= 44, boxes
            assert 0 <= top and bottom <= PHONE["viewport"]["height"], boxes  # seen without scrolling
        other, there = ("Bokmål", name.removeprefix(f"{NN}/")) if page_edition(name) == NN else ("Nynorsk", f"{NN}/{name}")
        phone.get_by_role("link", name=other, exact=True).tap()
        phone.wait_for_url(f"{book_url}/{there}", wait_until="networkidle")
        assert phone.evaluate("document.documentElement.lang") == ("nb" if other == "Bokmål" else "nn")
    finally:
        context.close()


@pytest.mark.browser
def test_nn_search_page_speaks_nynorsk(book_url: str, page) -> None:
    page.goto(f"{book_url}/{NN}/search.html?q=arkiv", wait_until="networkidle")
    page.wait_for_function("() => /Søket er ferdig|Søket gav ingen/.test(document.body.innerText)", timeout=30000)
    text = page.locator("body").inner_text()
    assert "Det fann" in text or "Søket gav ingen treff" in text
    assert page.locator("#search-results a").count() > 0


def test_nn_sources_carry_our_notes_in_nynorsk(built_book: Path) -> None:
    """«Alle kilder» in nynorsk: the note under each source is ours (somekurs.references), so it is
    nynorsk («Henta …», never «Lest …»); the bokmål page keeps the bokmål note."""
    nn_text = _article_text(_soup(built_book / NN / "book" / "referanser.html"))
    nb_text = _article_text(_soup(built_book / "book" / "referanser.html"))
    assert re.search(r"Henta \d\d\.\d\d\.\d{4}", nn_text)
    assert not re.search(r"\bLest \d\d\.\d\d\.\d{4}", nn_text), re.findall(r".{60}\bLest \d\d\.\d\d\.\d{4}", nn_text)[:5]
    assert re.search(r"\bLest \d\d\.\d\d\.\d{4}", nb_text) and "Henta" not in nb_text


def test_nn_case_study_shows_the_answer_first_and_states_its_time(built_book: Path) -> None:
    """The nynorsk case studies get the same order as bokmål (answer, chart, data; «Neste steg»
    before the sources), and the start page takes their stated time («Tid: om lag 20 minutt»)."""
    from somekurs import frontend

    soup = _soup(built_book / NN / "notebooks" / "ud-messenger.html")
    headings = [h.get_text(strip=True).rstrip("#") for h in soup.select("article section > h2")]
    assert headings[:3] == ["Kva tala viser", "Analysen", "Dataa"], headings
    assert headings.index("Neste steg") < headings.index("Kjelder"), headings
    for twin in sorted((ROOT / "nn" / "notebooks").glob("*.ipynb")):
        source = ROOT / "notebooks" / twin.name
        assert frontend.case_minutes(twin) == frontend.case_minutes(source), twin.name
