"""What a reader downloads: text is sent compressed, and no page loads the two big files the
theme adds by default (a 1.5 MB icon script, the whole search index) — while the icons and the
search still work. The benchmark measures the bytes; these tests pin the causes."""

from __future__ import annotations

import gzip
import urllib.request
from pathlib import Path

import pytest

from tests.helpers import serve


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
def test_chapter_page_skips_icon_script_and_search_index_but_still_shows_icons(book_url: str, page) -> None:
    loaded: list[str] = []
    page.on("requestfinished", lambda request: loaded.append(request.url))
    page.goto(f"{book_url}/book/personvern.html", wait_until="networkidle")
    assert not [u for u in loaded if "fontawesome.js" in u or "searchindex.js" in u], loaded
    # The theme's icons (menu, search, dark mode …) are drawn with the Font Awesome web font.
    icons = page.evaluate(
        """() => {
            const visible = [...document.querySelectorAll('i.fa-solid, i.fas, i.fa-brands, i.fab')]
                .filter(i => i.getBoundingClientRect().width > 0);
            const faces = [...document.fonts].filter(f => f.family.includes('Font Awesome'));
            return {
                glyphs: visible.map(i => getComputedStyle(i, '::before').content),
                fonts: faces.map(f => f.status),
            };
        }"""
    )
    assert len(icons["glyphs"]) >= 3, icons
    assert all(g not in ("", "none", "normal") for g in icons["glyphs"]), icons
    assert "loaded" in icons["fonts"], icons


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
