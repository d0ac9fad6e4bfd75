"""What a reader downloads: text is sent compressed; a chapter page on first load is at most
120 kB over the wire in at most 12 requests (a default Jupyter Book page of the same chapter is
several times that: see `make benchmark`); no page loads the icon font, the icon script, the
Bootstrap script or the search index (only search.html loads the index) — while the icons and
the search still work. The benchmark measures every page; these tests pin the budget and causes."""

from __future__ import annotations

import gzip
import urllib.request
from pathlib import Path

import pytest

from tests.helpers import ROOT, serve

CHAPTER_KB = 120
CHAPTER_REQUESTS = 12


def _chapters() -> list[str]:
    """The guidance chapters: the part «Veiledning» of _toc.yml."""
    import yaml

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    part = next(p for p in toc["parts"] if p.get("caption") == "Veiledning")
    return [f"{c['file']}.html" for c in part["chapters"]]


def first_load(browser, url: str) -> tuple[int, float, list[str]]:
    """Open a page in a fresh browser context: (requests, kB over the wire incl. headers, URLs)."""
    context = browser.new_context()
    page = context.new_page()
    sizes: list[tuple[str, int]] = []

    def record(request) -> None:
        try:
            s = request.sizes()
            sizes.append((request.url, s["responseBodySize"] + s["responseHeadersSize"]))
        except Exception:  # noqa: BLE001 - an aborted request has no sizes
            sizes.append((request.url, 0))

    page.on("requestfinished", record)
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(200)
    context.close()
    return len(sizes), sum(n for _, n in sizes) / 1024, [u for u, _ in sizes]


def _get(url: str, gzip_ok: bool) -> tuple[dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip, deflate"} if gzip_ok else {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return dict(response.headers), response.read()


def test_server_sends_text_compressed_and_binary_files_as_they_are(tmp_path: Path) -> None:
    (tmp_path / "side.html").write_text("<p>Personvern</p>\n" * 500, encoding="utf-8")
    (tmp_path / "stil.css").write_text("p { color: #222; }\n" * 500, encoding="utf-8")
    (tmp_path / "skrift.woff2").write_bytes(bytes(range(256)) * 40)
    with serve(tmp_path) as url:
        for name in ("side.html", "stil.css"):
            headers, body = _get(f"{url}/{name}", gzip_ok=True)
            assert headers.get("Content-Encoding") == "gzip", name
            assert gzip.decompress(body) == (tmp_path / name).read_bytes()
            assert len(body) < (tmp_path / name).stat().st_size / 10
        headers, body = _get(f"{url}/side.html", gzip_ok=False)  # a client that cannot unpack gets plain text
        assert "Content-Encoding" not in headers and body == (tmp_path / "side.html").read_bytes()
        headers, body = _get(f"{url}/skrift.woff2", gzip_ok=True)
        assert "Content-Encoding" not in headers and body == (tmp_path / "skrift.woff2").read_bytes()


@pytest.mark.browser
@pytest.mark.parametrize("chapter", _chapters())
def test_chapter_page_is_light_on_first_load(chapter: str, book_url: str, browser) -> None:
    requests, kb, urls = first_load(browser, f"{book_url}/{chapter}")
    assert requests <= CHAPTER_REQUESTS, f"{chapter}: {requests} forespørsler (høyst {CHAPTER_REQUESTS}): {urls}"
    assert kb <= CHAPTER_KB, f"{chapter}: {kb:.1f} kB over nettet (høyst {CHAPTER_KB} kB): {urls}"


@pytest.mark.browser
def test_chapter_page_loads_no_icon_font_icon_script_bootstrap_or_search_index(book_url: str, page) -> None:
    loaded: list[str] = []
    page.on("requestfinished", lambda request: loaded.append(request.url))
    page.goto(f"{book_url}/book/personvern.html", wait_until="networkidle")
    unwanted = (
        "fontawesome",
        "webfonts/",
        ".woff",
        "bootstrap.js",
        "searchindex.js",
        "sphinx-thebe",
        "togglebutton",
        "copybutton",
    )
    assert not [u for u in loaded if any(part in u for part in unwanted)], loaded
    # The icons a reader needs (menu, search, colour mode, print, contents) are inline SVG.
    icons = page.evaluate(
        """() => ({
            svg: [...document.querySelectorAll('.bd-header-article svg.bok-ikon')].filter(s => s.getBoundingClientRect().width > 0).length,
            font: [...document.querySelectorAll('i[class*="fa-"], span[class*="fa-"]')].length,
            faces: [...document.fonts].filter(f => f.family.includes('Font Awesome') && f.status === 'loaded').length,
        })"""
    )
    assert icons["svg"] >= 3 and icons["font"] == 0 and icons["faces"] == 0, icons


@pytest.mark.browser
def test_search_field_on_a_chapter_finds_the_privacy_chapter(book_url: str, page) -> None:
    page.goto(f"{book_url}/book/arkiv.html", wait_until="networkidle")
    page.keyboard.press("Control+k")
    page.keyboard.type("personvern")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search.html?q=personvern*")
    page.wait_for_selector("#search-results li a", timeout=15000)
    hits = page.eval_on_selector_all("#search-results li a", "links => links.map(a => a.getAttribute('href'))")
    assert any("book/personvern.html" in h for h in hits), hits
