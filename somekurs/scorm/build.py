"""Build the SCORM packages: one per module (theme) and one for the whole course, SCORM 1.2 and 2004.

A package mirrors the book's folders, so the links the exercise engine writes (``../book/<theme>.html
#<section>``) work inside it unchanged:

```
imsmanifest.xml
index.html              the SCO: finds the SCORM API, shows the pages in a frame (js/shell.js)
kurs.css                the package's own light style (the book theme's scripts are not needed)
book/<theme>.html       the chapter text, taken from the built book (_build/html)
exercises/<theme>.html  the workbook's exercises (html.exercise_html)
prove/<scope>.html      the course test (somekurs.assessment.static), reporting to the SCO
```

A link to a page that is not in the package (another chapter, the incident catalogue, the
glossary) becomes plain text, so nothing in a package points outside it except links to the
public sources, which open in a new tab. Nothing is loaded from another host.

Both written standards: a nynorsk package is built from the nynorsk book (``_build/html/nn``) and
the nynorsk data (``data/nn``), says ``lang="nn"`` on every page, and has ``-nn`` in its file name
and identifiers (``somekurs-arkiv-nn-scorm12.zip``), so a platform can hold both. Every word a
package shows comes from the interface strings (``data/texts``, section ``scorm`` and the sections
of the engine) or from the data; the shell's script gets its sentences in its configuration.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

from somekurs import DATA_DIR, data, editions, texts
from somekurs.assessment import bank, scoring, static
from somekurs.exercises.html import exercise_html, script_json
from somekurs.exercises.model import load_exercises, theme_title

JS_DIR = Path(__file__).resolve().parent / "js"
VERSIONS = ("1.2", "2004")
LANGS = editions.EDITIONS  # nb, nn: both written standards by default
SHELL_TEXTS = ("resumed", "no_platform", "passed", "sent", "saved")  # the sentences shell.js says
MASTERY_PERCENT = round(100 * bank.PASS_SHARE)
ZIP_DATE = (2026, 1, 1, 0, 0, 0)  # fixed time stamps: the same data gives the same zip

CSS = """
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;line-height:1.5;color:#1a1a1a;background:#fff}
body{margin:0 auto;padding:1rem 1.25rem 3rem;max-width:50rem}
a{color:#0b4f8a}a:visited{color:#5a2d82}
:focus-visible{outline:3px solid #0b4f8a;outline-offset:2px}
h1{font-size:1.7rem;line-height:1.25}h2{font-size:1.35rem;margin-top:2rem}h3{font-size:1.15rem}
.admonition{border-left:5px solid #0b4f8a;background:#eef4fa;padding:.5rem 1rem;margin:1rem 0}
.admonition.warning{border-color:#8a4b00;background:#fdf2e3}
.admonition-title{font-weight:700;margin:.25rem 0}
table{border-collapse:collapse}th,td{border:1px solid #777;padding:.25rem .5rem}
.footnote-list,.footnote{font-size:.9em}
pre{overflow-x:auto;background:#f4f4f4;padding:.5rem}
""".strip()

SHELL_CSS = """
html,body{height:100%;margin:0}
body{display:flex;flex-direction:column;max-width:none;padding:0}
header{padding:.5rem 1rem;border-bottom:1px solid #777;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center}
header h1{font-size:1.2rem;margin:0}
.sk-skall{display:flex;flex:1;min-height:0}
nav{width:16rem;overflow-y:auto;border-right:1px solid #777;padding:.5rem 1rem;font-size:.95em}
nav ol,nav ul{padding-left:1.1rem;margin:.25rem 0}
nav a{display:inline-block;min-height:24px;line-height:24px}
nav a[aria-current=page]{font-weight:700}
iframe{flex:1;border:0;width:100%;height:100%}
button{font:inherit;min-height:44px;padding:.3rem .75rem;border:2px solid currentColor;border-radius:4px;background:transparent;color:inherit;cursor:pointer}
#sk-pakke-status{margin:0}
@media (max-width:700px){.sk-skall{flex-direction:column}nav{width:auto;max-height:30vh;border-right:0;border-bottom:1px solid #777}}
""".strip()


class BookMissing(FileNotFoundError):
    """The built book is not there: the chapter text comes from it."""


@dataclass
class Package:
    scope: str
    title: str
    lang: str = editions.DEFAULT
    files: dict[str, bytes] = field(default_factory=dict)
    nav: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)  # (group, [(label, href)])
    start: str = ""
    test: str = ""


def _say(key: str, lang: str, **values: Any) -> str:
    return texts.say("scorm", key, lang, **values)


def suffix(lang: str) -> str:
    """What a nynorsk package adds to its file name and identifiers (nothing for bokmål)."""
    return "" if editions.checked(lang) == editions.DEFAULT else f"-{lang}"


def edition_book(book: Path, lang: str) -> Path:
    """The built book of one standard: the nynorsk edition is built into ``<book>/nn``."""
    return book if editions.checked(lang) == editions.DEFAULT else book / lang


def _page(title: str, body: str, depth: int = 1, lang: str = editions.DEFAULT) -> str:
    up = "../" * depth
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title>"
        f'<link rel="stylesheet" href="{up}kurs.css"></head>'
        f'<body><main id="innhold">{body}</main></body></html>'
    )


HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)


def chapter_html(book: Path, theme: str) -> str:
    """The chapter's article from the built book, without the theme's heading anchors."""
    path = book / "book" / f"{theme}.html"
    if not path.is_file():
        raise BookMissing(f"Fant ikke {path}. Bygg boka først (make build), eller bruk make scorm.")
    text = path.read_text(encoding="utf-8")
    start, end = text.find('<article class="bd-article">'), text.find("</article>")
    if start < 0 or end < 0:
        raise BookMissing(f'{path} har ikke artikkelen der kapitlet står (<article class="bd-article">).')
    article = text[start : end + len("</article>")]
    return HEADERLINK.sub("", article)


def exercises_page(theme: str, exercises: list[dict[str, Any]], data_dir: Path = DATA_DIR, lang: str = editions.DEFAULT) -> str:
    title = texts.say("workbook", "title", lang, title=theme_title(theme, data_dir, lang))
    intro = f"<h1>{escape(title)}</h1><p>{escape(_say('exercises_intro', lang))}</p>"
    body = "".join(exercise_html(e, data_dir, lang) for e in exercises)
    return _page(title, intro + body, lang=lang)


def scope_name(scope: str, data_dir: Path = DATA_DIR, lang: str = editions.DEFAULT) -> str:
    """«hele kurset» or the theme's title, as a package's and a test page's title say it."""
    if scope == bank.COURSE:
        return texts.get("assessment", "whole_course_lower", lang)
    return theme_title(scope, data_dir, lang)


def test_page(scope: str, data_dir: Path = DATA_DIR, lang: str = editions.DEFAULT) -> str:
    title = texts.say("assessment", "heading", lang, scope=scope_name(scope, data_dir, lang))
    intro = f"<h1>{escape(title)}</h1><p>{escape(_say('test_intro', lang))}</p>"
    return _page(title, intro + static.test_html([scope], data_dir=data_dir, lang=lang), lang=lang)


def shell_html(package: Package, version: str) -> str:
    groups = []
    for group, links in package.nav:
        items = "".join(f'<li><a href="{escape(href)}" target="innhold">{escape(label)}</a></li>' for label, href in links)
        groups.append(f"<li>{escape(group)}<ul>{items}</ul></li>" if group else items)
    conf = {
        "version": version,
        "scope": package.scope,
        "start": package.start,
        "test": package.test,
        "pages": sorted(p for p in package.files if p.endswith(".html")),
        "mastery": MASTERY_PERCENT,
        "texts": {key: _say(key, package.lang) for key in SHELL_TEXTS},
    }
    script = (JS_DIR / "shell.js").read_text(encoding="utf-8")
    lang = package.lang
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(package.title)}</title>"
        f'<link rel="stylesheet" href="kurs.css"><style>{SHELL_CSS}</style></head><body>'
        f"<header><h1>{escape(package.title)}</h1>"
        '<p id="sk-pakke-status" role="status" aria-live="polite"></p>'
        f'<button type="button" id="sk-pakke-avslutt">{escape(_say("save_and_exit", lang))}</button></header>'
        f'<div class="sk-skall"><nav aria-label="{escape(_say("nav_label", lang))}"><ol>' + "".join(groups) + "</ol></nav>"
        f'<iframe name="innhold" id="sk-innhold" title="{escape(_say("frame_title", lang))}"></iframe></div>'
        f'<script type="application/json" id="sk-pakke">{script_json(conf)}</script>'
        f"<script>{script}</script></body></html>"
    )


A_TAG = re.compile(r"<a\b([^>]*?)\bhref=\"([^\"]*)\"([^>]*)>(.*?)</a>", re.S)
DATA_SCRIPT = re.compile(r'(<script type="application/json" id="(sk-[^"]*-data|sk-prove-data)">)(.*?)(</script>)', re.S)


def _target(page: str, href: str) -> str | None:
    """The package path a relative link points to (without its fragment); None for other links."""
    if not href or href.startswith(("#", "http://", "https://", "mailto:", "data:")):
        return None
    path = href.split("#", 1)[0]
    if not path:
        return None
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), path))


def localise(page: str, text: str, files: set[str]) -> str:
    """Links to pages outside the package become text; links to sources open in a new tab."""

    def fix(match: re.Match[str]) -> str:
        before, href, after, inner = match.groups()
        if href.startswith(("http://", "https://")):
            attrs = before + after
            extra = "" if "target=" in attrs else ' target="_blank" rel="noopener"'
            return f'<a{before}href="{href}"{after}{extra}>{inner}</a>'
        target = _target(page, href)
        if target is None or target in files:
            return match.group(0)
        return f"<span>{inner}</span>"

    def fix_data(match: re.Match[str]) -> str:
        head, _name, body, tail = match.groups()
        try:
            value = json.loads(body)
        except ValueError:
            return match.group(0)
        for key in ("links", "sections"):
            links = value.get(key) if isinstance(value, dict) else None
            if isinstance(links, dict):
                for label, pair in list(links.items()):
                    target = _target(page, pair[0]) if isinstance(pair, list) and pair else None
                    if target is not None and target not in files:
                        if key == "links":
                            del links[label]
                        else:
                            links[label] = ["", pair[1]]
        return head + script_json(value) + tail

    return DATA_SCRIPT.sub(fix_data, A_TAG.sub(fix, text))


def assemble(scope: str, book: Path, data_dir: Path = DATA_DIR, lang: str = editions.DEFAULT) -> Package:
    """Every file of one package (without its manifest), in the standard ``lang``; ``book`` is the
    built book of that standard (see :func:`edition_book`)."""
    lang = editions.checked(lang)
    themes = [t["slug"] for t in data.load_themes(data_dir, lang)]
    chosen = themes if scope == bank.COURSE else [scope]
    if scope != bank.COURSE and scope not in themes:
        raise KeyError(scope)
    course = texts.get("assessment", "course", lang)
    package = Package(scope, _say("package_title", lang, course=course, part=scope_name(scope, data_dir, lang)), lang)
    exercises, _ = load_exercises(data_dir, lang=lang)
    pages: dict[str, str] = {}
    for theme in chosen:
        title = theme_title(theme, data_dir, lang)
        pages[f"book/{theme}.html"] = _page(title, chapter_html(book, theme), lang=lang)
        mine = [e for e in exercises.values() if e["theme"] == theme]
        links = [(_say("chapter", lang), f"book/{theme}.html")]
        if mine:
            pages[f"exercises/{theme}.html"] = exercises_page(theme, mine, data_dir, lang)
            links.append((_say("exercises", lang), f"exercises/{theme}.html"))
        package.nav.append((title if scope == bank.COURSE else "", links))
    package.test = f"prove/{scope}.html"
    pages[package.test] = test_page(scope, data_dir, lang)
    package.nav.insert(0, ("", [(_say("test_course" if scope == bank.COURSE else "test", lang), package.test)]))
    package.start = f"book/{chosen[0]}.html"
    names = set(pages) | {"index.html", "kurs.css"}
    for name, text in pages.items():
        package.files[name] = localise(name, text, names).encode("utf-8")
    package.files["kurs.css"] = CSS.encode("utf-8")
    return package


def manifest(package: Package, version: str) -> str:
    """imsmanifest.xml for SCORM 1.2 or SCORM 2004 (4th edition): one organization, one SCO."""
    ident = "somekurs-" + package.scope + suffix(package.lang)
    files = "".join(f'<file href="{escape(name)}"/>' for name in sorted(package.files))
    title = escape(package.title)
    if version == "1.2":
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<manifest identifier="{ident}" version="1.0" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" '
            'xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            'xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd '
            'http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">'
            "<metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>"
            f'<organizations default="org-{ident}"><organization identifier="org-{ident}"><title>{title}</title>'
            f'<item identifier="item-{ident}" identifierref="res-{ident}" isvisible="true"><title>{title}</title>'
            f"<adlcp:masteryscore>{MASTERY_PERCENT}</adlcp:masteryscore></item></organization></organizations>"
            f'<resources><resource identifier="res-{ident}" type="webcontent" adlcp:scormtype="sco" href="index.html">'
            f"{files}</resource></resources></manifest>\n"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<manifest identifier="{ident}" version="1" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" '
        'xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd">'
        "<metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>"
        f'<organizations default="org-{ident}"><organization identifier="org-{ident}"><title>{title}</title>'
        f'<item identifier="item-{ident}" identifierref="res-{ident}"><title>{title}</title></item></organization></organizations>'
        f'<resources><resource identifier="res-{ident}" type="webcontent" adlcp:scormType="sco" href="index.html">'
        f"{files}</resource></resources></manifest>\n"
    )


def write_zip(package: Package, version: str, out: Path) -> Path:
    files = dict(package.files)
    files["index.html"] = shell_html(package, version).encode("utf-8")
    package.files["index.html"] = files["index.html"]
    files["imsmanifest.xml"] = manifest(package, version).encode("utf-8")
    tag = "scorm12" if version == "1.2" else "scorm2004"
    path = out / f"somekurs-{package.scope}{suffix(package.lang)}-{tag}.zip"
    out.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in ["imsmanifest.xml", *sorted(n for n in files if n != "imsmanifest.xml")]:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, files[name])
    return path


def build(scope: str, book: Path, out: Path, versions: tuple[str, ...] = VERSIONS, lang: str = editions.DEFAULT) -> list[Path]:
    """One scope's packages in one standard; ``book`` is the whole built book (``_build/html``)."""
    package = assemble(scope, edition_book(book, lang), lang=lang)
    written = []
    for version in versions:
        package.files.pop("index.html", None)
        written.append(write_zip(package, version, out))
    return written


def all_scopes(data_dir: Path = DATA_DIR) -> list[str]:
    return [t["slug"] for t in data.load_themes(data_dir)] + [bank.COURSE]


def build_all(book: Path, out: Path, scopes: list[str] | None = None, langs: tuple[str, ...] = LANGS) -> list[Path]:
    """Every package of these scopes (all: every theme and the whole course) in these standards."""
    langs = tuple(editions.checked(lang) for lang in langs)
    for lang in langs:
        root = edition_book(book, lang)
        if not (root / "book").is_dir():
            raise BookMissing(
                f"Fant ikke den bygde boka ({editions.NAMES[lang]}) i {root}. Kjør make build først (make scorm gjør det)."
            )
    written: list[Path] = []
    for lang in langs:
        for scope in scopes or all_scopes():
            written += build(scope, book, out, lang=lang)
    return written


def digest(path: Path) -> str:
    """SHA-256 of a package (the build is reproducible: same data, same zip)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


__all__ = ["BookMissing", "assemble", "build", "build_all", "digest", "edition_book", "localise", "manifest", "scoring"]
