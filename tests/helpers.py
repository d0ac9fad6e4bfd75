"""Shared pieces of the test suite: the book build, a local web server, headless Chromium.

Chromium comes from Debian (/usr/bin/chromium); Playwright never downloads a browser here.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
BUILD_HTML = ROOT / "_build" / "html"
# The nynorsk edition (somekurs/nnbook.py) is the folder nn/ inside the bokmål book.
NN = "nn"
CHROMIUM = os.environ.get("SOMEKURS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# WCAG 2.0 and 2.1 A/AA (the Norwegian requirement for public bodies), and WCAG 2.2 A/AA on top
# (axe 4.12 has WCAG 2.2 rules at AA only, such as target-size; "wcag22a" selects none today).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
# A phone as the reader review used it: 390 × 844 CSS px, touch.
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 1}


def jupyter_book(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run the venv's jupyter-book the way the README's build command does."""
    exe = Path(sys.executable).parent / "jupyter-book"
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run([str(exe), *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=1800)


def nn_build() -> subprocess.CompletedProcess[str]:
    """Build the nynorsk edition into _build/html/nn/ as ``make build`` does (after the bokmål book)."""
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    command = [sys.executable, "-m", "somekurs.nnbook"]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env, timeout=1800)


def build_command(source: Path, out: Path | None = None) -> list[str]:
    """The book's build flags: warnings are errors, references are nitpicked."""
    args = ["build", str(source), "-W", "-n", "--keep-going"]
    if out is not None:
        args += ["--path-output", str(out)]
    return args


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 at a free port, compressed as ``make serve`` does; yields the base URL."""
    from scripts.serve_book import make_server

    server = make_server(directory)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium() -> Iterator[object]:
    """A headless Debian Chromium driven by Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"Fant ikke Chromium på {CHROMIUM}: kjør «make test» (installerer Debian-pakken chromium).")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def foreign_requests(page: object, base_url: str) -> list[str]:
    """Route every request: let the local server's through, block and record any other host's."""
    local = urlparse(base_url).netloc
    blocked: list[str] = []

    def handle(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        parsed = urlparse(url)
        if parsed.scheme in {"data", "blob", "about"} or parsed.netloc == local:
            route.continue_()  # type: ignore[attr-defined]
        else:
            blocked.append(url)
            route.abort()  # type: ignore[attr-defined]

    page.route("**/*", handle)  # type: ignore[attr-defined]
    return blocked


def axe_violations(page: object, tags: list[str] | None = None) -> list[dict]:
    """axe-core (bundled with axe-playwright-python, no network) for the given rule tags."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"resultTypes": ["violations"]}
    if tags:
        options["runOnly"] = {"type": "tag", "values": tags}
    return Axe().run(page, options=options).response["violations"]


BAD_ALT = {"", "image", "bilde", "img", "figure", "figur", "photo", "foto", "logo", "output"}


def poor_alt_texts(page: object) -> list[str]:
    """Images whose alt text tells a reader nothing: missing, a file name, or a stock word.

    An empty alt is allowed only on an image marked decorative (role presentation/none or
    aria-hidden), the way the theme marks its own logo-less decorations."""
    found = page.evaluate(  # type: ignore[attr-defined]
        """() => Array.from(document.images).map(img => ({
            src: img.getAttribute('src') || '', alt: img.getAttribute('alt'),
            decorative: ['presentation', 'none'].includes(img.getAttribute('role')) || img.getAttribute('aria-hidden') === 'true'
        }))"""
    )
    poor = []
    for img in found:
        alt = img["alt"]
        if img["decorative"] and alt == "":
            continue
        name = img["src"].rsplit("/", 1)[-1]
        if (
            alt is None
            or alt.strip().lower() in BAD_ALT
            or alt.strip() == name
            or alt.strip().lower().endswith((".png", ".jpg", ".jpeg", ".svg", ".gif", ".webp"))
        ):
            poor.append(f"{img['src']} (alt={alt!r})")
    return poor


# Interface text the theme, Sphinx or an extension shows in English unless translated. The
# book's own content may quote English sources, so most are matched as whole interface phrases.
ENGLISH_PHRASES = [
    "Skip to main content",
    "Back to top",
    "Search finished",
    "Search Results",
    "page(s) matching",
    "Your search did not match",
    "Preparing search",
    "Hide Search Matches",
    "Download this page",
    "Download source file",
    "Fullscreen mode",
    "Color mode",
    "Toggle primary sidebar",
    "Toggle secondary sidebar",
    "Toggle hidden content",
    "On this page",
    "Link to this heading",
    "Link to this",
    "Print to PDF",
    "Site navigation",
    "Show code cell",
    "Hide code cell",
    "Click to show",
    "Click to hide",
    "previous page",
    "next page",
    "System Settings",
    "Search the docs",
    "Copy to clipboard",
    "Copied!",
    "Launch Binder",
]
# Whole attribute values or short texts outside the article that are English words of the theme.
ENGLISH_WORDS = {"Search", "Contents", "Light", "Dark", "previous", "next", "Index", "Copy", "Navigation", "Main", "Page"}


def english_interface_text(page: object) -> list[str]:
    """English interface text on the page: visible text, and aria-label, title and placeholder
    attributes, anywhere on it; plus «Fig. N» and «By …» (the theme's figure numbers and author line)."""
    found = page.evaluate(  # type: ignore[attr-defined]
        r"""([phrases, words]) => {
            const hits = [];
            const text = document.body.innerText;
            for (const p of phrases) if (text.includes(p)) hits.push(`tekst: ${p}`);
            if (/\bFig\. ?\d/.test(text)) hits.push("tekst: Fig. N");
            const footer = [...document.querySelectorAll("footer")].map(f => f.innerText).join(" ");
            if (/(^|\s)By \S/.test(footer)) hits.push("bunntekst: By …");
            for (const el of document.querySelectorAll("[aria-label], [title], [placeholder], [data-bs-title]")) {
                for (const name of ["aria-label", "title", "placeholder", "data-bs-title"]) {
                    const value = (el.getAttribute(name) || "").trim();
                    if (!value) continue;
                    if (words.includes(value) || phrases.some(p => value.includes(p))) hits.push(`${name}=${value} (${el.tagName.toLowerCase()})`);
                }
            }
            const outside = [...document.querySelectorAll("button, .bd-header-article, .prev-next-area, .bd-sidebar-secondary, .bd-footer-content")];
            for (const el of outside) {
                const t = (el.innerText || "").trim();
                if (words.includes(t)) hits.push(`tekst: ${t}`);
            }
            return [...new Set(hits)];
        }""",
        [ENGLISH_PHRASES, sorted(ENGLISH_WORDS)],
    )
    return list(found)


# Pages the theme and Sphinx write besides the table of contents.
THEME_PAGES = ["genindex.html", "index.html", "search.html"]


def expected_pages(edition: str = "nb") -> list[str]:
    """Every HTML page the built book must have: one per table-of-contents entry, plus the theme's
    own; paths relative to _build/html (the nynorsk edition's start with nn/). The nynorsk table
    of contents is the one somekurs.nnbook writes for its build (the same files as _toc.yml)."""
    import yaml

    if edition == NN:
        from somekurs import nnbook

        toc = nnbook.nn_toc(ROOT)
    else:
        toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]] + [c["file"] for part in toc.get("parts", []) for c in part.get("chapters", [])]
    prefix = f"{NN}/" if edition == NN else ""
    return sorted(f"{prefix}{name}" for name in [f"{f}.html" for f in files] + THEME_PAGES)


def built_pages(edition: str = "nb") -> list[Path]:
    """Every HTML page of one edition of the built book (the theme's own pages included)."""
    root = BUILD_HTML / NN if edition == NN else BUILD_HTML
    found = (p for p in root.rglob("*.html") if "_static" not in p.parts and "_sources" not in p.parts)
    if edition != NN:
        found = (p for p in found if p.relative_to(root).parts[0] != NN)
    return sorted(found)


def gated_pages() -> list[str]:
    """The pages the per-page browser gates (axe, foreign requests, alt text, English text) run
    on: every bokmål page; every nynorsk page that is wholly or partly in nynorsk, and the theme's
    own; and of the nynorsk pages that are still the bokmål page (somekurs.nnbook.status «nb»),
    the first in each folder. The others are the bokmål pages the gates check already, with the
    notice and the switch the sample covers; each costs about 6 s of the suite. As twins land,
    they join the gated pages by themselves."""
    from somekurs import nnbook

    sampled: set[str] = set()
    nn_pages = []
    for name in expected_pages(NN):
        docname = name.removeprefix(f"{NN}/").removesuffix(".html")
        folder = docname.rsplit("/", 1)[0] if "/" in docname else ""
        if name.removeprefix(f"{NN}/") in THEME_PAGES or nnbook.status(docname, ROOT) != "nb":
            nn_pages.append(name)
        elif folder not in sampled:
            sampled.add(folder)
            nn_pages.append(name)
    return expected_pages() + nn_pages


def page_edition(name: str) -> str:
    """The edition of a page named relative to _build/html (``nn/book/arkiv.html`` → nn)."""
    return NN if name.startswith(f"{NN}/") else "nb"
