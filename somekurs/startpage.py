"""The participant's start page on a hub or at home: «Kurset» at ``<server>/somekurs/``.

A participant who logs in should meet the course, not a file browser. The hub (or ``make kurs``)
opens this page first: every module with its time and how far the participant has come, and three
ways in: read the chapter (the HTML book beside the workbook), open the workbook as an app (Voilà,
no code), or open it in JupyterLab. The page is built from the same data as the book and reads the
participant's own progress file, so it is never out of step with either.

The page offers «Bokmål | Nynorsk»: the choice is stored in the progress file
(``?maalform=nn`` on the page's address, handled by ``somekurs.serverext``), and the page, its
links to the book and its workbooks (``nn/exercises/<theme>.ipynb`` for nynorsk) follow it.
"""

from __future__ import annotations

import html
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from somekurs import PROJECT_ROOT, data, editions, texts
from somekurs.exercises import progress
from somekurs.exercises.model import load_exercises
from somekurs.links import ENV_URL, SERVED_AT


@dataclass(frozen=True)
class Module:
    """One theme as the start page shows it."""

    slug: str
    number: int
    title: str
    minutes: int
    exercises: int
    answered: int
    workbook: str | None  # the workbook's path under the server's root, «/»-separated; None if not there


def course_dir(root_dir: Path) -> Path | None:
    """The course folder as the server sees it: the folder that holds ``exercises/`` under the
    server's root (this checkout, or the copy nbgitpuller put in the participant's home)."""
    root = root_dir.resolve()
    candidates = [PROJECT_ROOT.resolve(), root, *sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))]
    for candidate in candidates:
        if (candidate / "exercises").is_dir() and (candidate == root or root in candidate.parents):
            return candidate
    return None


def modules(root_dir: Path, lang: str = "nb") -> list[Module]:
    """Every theme with its time, its exercises and how many of them this participant has answered;
    the workbook in the standard ``lang`` (the bokmål one while its nynorsk twin is not there)."""
    from somekurs.workbook import minutes, workbook_path

    exercises, _ = load_exercises(lang=lang)
    try:
        answers = progress.all_answers()
    except (OSError, ValueError):
        answers = {}
    folder = course_dir(root_dir)
    result = []
    for theme in data.load_themes(lang=lang):
        chosen = [e for e in exercises.values() if e["theme"] == theme["slug"]]
        if not chosen:
            continue
        found = [folder / workbook_path(theme["slug"], code) for code in (lang, editions.DEFAULT)] if folder else []
        notebook = next((n for n in found if n.exists()), None)
        workbook = notebook.relative_to(root_dir.resolve()).as_posix() if notebook else None
        done = sum(1 for e in chosen if e["id"] in answers)
        result.append(Module(theme["slug"], theme["number"], theme["title"], minutes(chosen), len(chosen), done, workbook))
    return result


CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;line-height:1.5;margin:0;color:#1b1f24;background:#f6f8fa}
main{max-width:56rem;margin:0 auto;padding:1.5rem 1rem 4rem}
h1{font-size:1.8rem;margin:.5rem 0 1rem}
.ingress{font-size:1.1rem;max-width:44rem}
ol.moduler{list-style:none;padding:0;display:grid;gap:1rem}
ol.moduler>li{background:#fff;border:1px solid #d0d7de;border-radius:.5rem;padding:1rem 1.25rem}
h2{font-size:1.2rem;margin:0 0 .25rem}
.meta{margin:0 0 .75rem;color:#3d444d}
.veier{display:flex;flex-wrap:wrap;gap:.5rem;margin:0;padding:0;list-style:none}
.veier a{display:inline-flex;align-items:center;min-height:44px;padding:0 1rem;border-radius:.4rem;border:1px solid #0b57d0;
color:#0b57d0;text-decoration:underline;font-weight:600}
.veier a.hoved{background:#0b57d0;color:#fff}
a:focus-visible{outline:3px solid #1b1f24;outline-offset:2px}
.maalform{display:flex;gap:.25rem;align-items:center;margin:0 0 1rem;padding:0;list-style:none}
.maalform a{display:inline-flex;align-items:center;min-height:44px;padding:0 .75rem;color:#0b57d0}
.maalform a[aria-current]{font-weight:700;color:inherit;text-decoration:none}
progress{width:10rem;height:1rem;vertical-align:middle;margin-left:.5rem}
@media (prefers-color-scheme: dark){body{background:#0d1117;color:#e6edf3}ol.moduler>li{background:#161b22;border-color:#30363d}
.meta{color:#c9d1d9}.veier a{color:#8ab4f8;border-color:#8ab4f8}.veier a.hoved{background:#8ab4f8;color:#0d1117}
.maalform a{color:#8ab4f8}.maalform a[aria-current]{color:inherit}
a{color:#8ab4f8}a:focus-visible{outline-color:#e6edf3}}
"""


def switch(base_url: str, lang: str) -> str:
    """«Bokmål | Nynorsk»: each name in its own standard, the current one marked for screen readers."""
    esc = html.escape
    links = []
    for code in editions.EDITIONS:
        name = texts.get("startpage", "standard_name", code)
        current = ' aria-current="true"' if code == lang else ""
        links.append(f'<li><a href="{esc(base_url)}somekurs/?maalform={code}" lang="{code}"{current}>{esc(name)}</a></li>')
    label = esc(texts.get("startpage", "standard_label", lang))
    between = '<li aria-hidden="true">|</li>'
    return f'<ul class="maalform" aria-label="{label}">{between.join(links)}</ul>'


def page(mods: list[Module], base_url: str, book_url: str, lang: str = "nb") -> str:
    """The start page. ``base_url`` is the server's own prefix (``/user/<name>/`` on a hub);
    ``book_url`` the bokmål book's root (the nynorsk book is its ``nn/``)."""
    esc = html.escape

    def say(key: str, /, **values: object) -> str:
        return esc(texts.say("startpage", key, lang, **values))

    book = book_url + ("nn/" if lang == "nn" else "")
    total = sum(m.minutes for m in mods)
    items = []
    for m in mods:
        ways = [f'<li><a href="{esc(book)}book/{esc(m.slug)}.html" target="_blank" rel="noopener">{say("read")}</a></li>']
        if m.workbook:
            path = quote(m.workbook)
            ways.insert(0, f'<li><a class="hoved" href="{esc(base_url)}voila/render/{path}">{say("practise")}</a></li>')
            ways.append(f'<li><a href="{esc(base_url)}lab/tree/{path}">{say("open_lab")}</a></li>')
        status = (
            say("answered", done=m.answered, n=m.exercises)
            + f'<progress value="{m.answered}" max="{m.exercises}" aria-hidden="true"></progress>'
        )
        items.append(
            f"<li><h2>{m.number}. {esc(m.title)}</h2>"
            f'<p class="meta">{say("minutes", n=m.minutes)} {status}</p>'
            f'<ul class="veier" aria-label="{esc(m.title)}">{"".join(ways)}</ul></li>'
        )
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{say('title')}</title><style>{CSS}</style></head><body><main>"
        f"{switch(base_url, lang)}"
        f"<h1>{say('heading')}</h1>"
        f'<p class="ingress">{say("welcome", hours=total // 60, minutes=total % 60)}</p>'
        f'<p><a href="{esc(book)}intro.html" target="_blank" rel="noopener">{say("whole_book")}</a></p>'
        f'<ol class="moduler">{"".join(items)}</ol></main></body></html>'
    )


def render(root_dir: Path, base_url: str, lang: str | None = None) -> str:
    """The page for this server, in the standard ``lang`` (None: the participant's own): the book is
    the published one (SOMEKURS_BOOK_URL) or the copy served beside the workbooks."""
    lang = editions.resolve(lang)
    published = os.environ.get(ENV_URL, "").strip()
    book_url = (published.rstrip("/") + "/") if published else f"{base_url}{SERVED_AT}"
    return page(modules(root_dir, lang), base_url, book_url, lang)
