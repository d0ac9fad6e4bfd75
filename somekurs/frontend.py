"""The HTML book's front end (issue 19): what a reader's browser loads, and what the start page,
the checklists and the case studies show. Registered by ``somekurs.sphinxext.setup``.

- ``prune_page_assets``: each page loads only the theme and extension files it uses (no Thebe,
  no Bootstrap, no icon font; the search tools only on search.html). A chapter stays under
  120 kB and 12 requests on first load (tests/test_page_weight.py, benchmarks/run.py).
- ``write_translations_js``: the search page's Norwegian strings, from locale/nb/LC_MESSAGES/sphinx.po.
- ``label_checklist_boxes``: «Sjekkliste for hverdagen» as real, labelled checkboxes whose ticks
  _static/somekurs.js keeps in the reader's browser.
- ``answer_first``: a case study shows its question, then what the numbers show, then the chart,
  then the data (the notebook keeps its working order for JupyterLab).
- ``whole_table_cells``: in the book's build kernels, pandas tables show every cell in full and
  no 0…n index (pandas cuts text after 50 characters with «…»). Only the book is affected: the
  notebooks' stored outputs, which nbval compares, keep pandas' defaults.
- ``{kurstid}`` and ``{kursoversikt}``: the course time and each module's path on the start page,
  computed at build from the chapters' words, the case studies and the exercise data.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from somekurs import DATA_DIR, data, norwegian, prose, texts

logger = logging.getLogger(__name__)

# --- What each page loads -------------------------------------------------------------------

# Files a page never needs: Thebe is off (its inline config was also written twice, so every
# page threw «THEBE_JS_URL has already been declared»); the book theme's script only ran the
# fullscreen button, margin notes and a sidebar toggle we replace (_static/somekurs.js).
NEVER = ("sphinx-thebe", "scripts/sphinx-book-theme.js")
# Files only search.html needs (translations for the search messages, highlighting of hits).
SEARCH_ONLY = ("doctools.js", "sphinx_highlight.js", "translations.js")
# Files a page needs only when its body has what they act on.
NEEDED_WHEN: dict[str, re.Pattern[str]] = {
    "togglebutton": re.compile(r'class="[^"]*\b(?:toggle|dropdown)\b'),
    "copybutton": re.compile(r'<div class="highlight'),
    "clipboard.min.js": re.compile(r'<div class="highlight'),
    "pygments.css": re.compile(r'<div class="highlight'),
    "sphinx-design": re.compile(r'class="[^"]*\bsd-'),
    "design-tabs.js": re.compile(r'class="[^"]*\bsd-tab'),
    "mystnb.": re.compile(r'class="[^"]*\bcell(?:_output)?\b'),
}
# Inline scripts that belong to a file above: dropped with it.
INLINE_OWNER = {
    "THEBE_JS_URL": "sphinx-thebe",
    "toggleHint": "togglebutton",
    "togglebuttonSelector": "togglebutton",
    "toggleOpenOnPrint": "togglebutton",
}


def _asset_name(asset: Any) -> str:
    return str(getattr(asset, "filename", asset) or "")


def _inline_body(asset: Any) -> str:
    return str((getattr(asset, "attributes", None) or {}).get("body", ""))


def _wanted(name: str, body: str, pagename: str) -> bool:
    if any(part in name for part in NEVER):
        return False
    if any(name.endswith(part) for part in SEARCH_ONLY):
        return pagename == "search"
    for part, pattern in NEEDED_WHEN.items():
        if part in name:
            return bool(pattern.search(body))
    return True


def prune_page_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Keep only the scripts and stylesheets this page uses (html-page-context)."""
    body = context.get("body", "")
    kept_files = set()
    scripts = []
    for script in context.get("script_files", []):
        name = _asset_name(script)
        if name:
            if _wanted(name, body, pagename):
                scripts.append(script)
                kept_files.add(name)
            continue
        inline = _inline_body(script)
        owner = next((file for marker, file in INLINE_OWNER.items() if marker in inline), None)
        if owner is None or any(owner in f for f in kept_files):
            if inline not in {_inline_body(s) for s in scripts if not _asset_name(s)}:  # one copy of each
                scripts.append(script)
    context["script_files"] = scripts
    context["css_files"] = [css for css in context.get("css_files", []) if _wanted(_asset_name(css), body, pagename)]
    # docutils' HTML writer adds a second <meta name="viewport"> to the one Sphinx's layout writes.
    if "metatags" in context:
        context["metatags"] = re.sub(r'<meta name="viewport"[^>]*>\s*', "", context["metatags"])
    # myst-nb names its code toggles «Toggle hidden content» for screen readers, over the visible
    # Norwegian «Vis koden»: let the visible text be the name (WCAG 2.5.3).
    if 'aria-label="Toggle hidden content"' in body:
        context["body"] = body.replace('<summary aria-label="Toggle hidden content">', "<summary>")


# --- Norwegian strings for the search page --------------------------------------------------


def write_translations_js(app: Sphinx, config: Config) -> None:
    """Write locale/<lang>/LC_MESSAGES/sphinx.js from sphinx.po when the catalogue is newer.

    Sphinx compiles a project's sphinx.po to sphinx.mo itself, but the search page takes its
    messages («Søket er ferdig …») from sphinx.js, which Sphinx only ships for its own
    catalogues. Also makes the locale folders absolute: Sphinx looks for sphinx.js relative to
    the working directory.
    """
    from babel.messages.pofile import read_po

    srcdir = Path(app.srcdir)
    config.locale_dirs = [str((srcdir / d).resolve()) for d in config.locale_dirs]
    scorer = srcdir / "_templates" / "sok-rangering.js"
    if scorer.exists() and not config.html_search_scorer:
        config.html_search_scorer = str(scorer)
    for folder in config.locale_dirs:
        po = Path(folder) / str(config.language) / "LC_MESSAGES" / "sphinx.po"
        js = po.with_suffix(".js")
        if not po.exists() or (js.exists() and js.stat().st_mtime >= po.stat().st_mtime):
            continue
        with po.open("rb") as f:
            catalog = read_po(f)
        messages = {m.id: m.string for m in catalog if m.id and m.string and isinstance(m.id, str)}
        payload = {"locale": str(config.language), "messages": messages, "plural_expr": "(n != 1)"}
        js.write_text(
            f"Documentation.addTranslations({json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=True)});\n",
            encoding="utf-8",
        )


# --- Whole table cells in the book ----------------------------------------------------------

IPYTHON_STARTUP = '''"""Written by somekurs.frontend for the book build: tables show whole cells (no «…»)."""
def _whole_cells(frame):
    import pandas as pd

    with pd.option_context("display.max_colwidth", None):
        return frame.to_html(index=not isinstance(frame.index, pd.RangeIndex), border=0, notebook=True)


for _module in ("pandas", "pandas.core.frame"):  # pandas 3 reports DataFrame.__module__ as "pandas"
    get_ipython().display_formatter.formatters["text/html"].for_type_by_name(_module, "DataFrame", _whole_cells)
'''


def whole_table_cells(app: Sphinx) -> None:
    """Give the kernels this build starts an IPython profile that renders DataFrames whole.

    The kernels inherit the build's environment; IPYTHONDIR points them to a profile (under
    _build, never the reader's or author's own) whose startup file registers the formatter.
    Registering it by type name does not import pandas in kernels that never use it.
    """
    import os

    profile = Path(app.outdir).parent / ".ipython-bok"
    startup = profile / "profile_default" / "startup" / "00-hele-tabellceller.py"
    startup.parent.mkdir(parents=True, exist_ok=True)
    if not startup.exists() or startup.read_text(encoding="utf-8") != IPYTHON_STARTUP:
        startup.write_text(IPYTHON_STARTUP, encoding="utf-8")
    os.environ["IPYTHONDIR"] = str(profile)


# --- Checklists ------------------------------------------------------------------------------


def _item_text(paragraph: nodes.Element) -> str:
    """The words of a checklist item as a reader sees them (no raw HTML)."""
    parts = [child.astext() for child in paragraph.children if not isinstance(child, nodes.raw)]
    return " ".join(" ".join(parts).split())


def label_checklist_boxes(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Make each checklist item (MyST task list) a checkbox labelled by the item's own text.

    MyST renders ``- [ ] tekst`` as a bare, disabled checkbox with no name. Each box becomes a
    working checkbox, the item's text its <label> (so the text ticks it and a screen reader
    reads the item), with a key from the text (data-bok-sjekk) under which _static/somekurs.js
    remembers the tick in this browser. A short note after the list says so.
    """
    count = 0
    for raw in list(doctree.findall(nodes.raw)):
        if "task-list-item-checkbox" not in raw.astext() or raw.parent is None:
            continue
        paragraph = raw.parent
        text = _item_text(paragraph)
        count += 1
        box_id = f"sjekk-{count}"
        key = hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
        checked = " checked" if "checked" in raw.astext() else ""
        box = (
            f'<input class="task-list-item-checkbox" type="checkbox" id="{box_id}" '
            f'data-bok-sjekk="{key}"{checked}><label for="{box_id}" class="bok-sjekk-tekst">'
        )
        raw.replace_self(nodes.raw("", box, format="html"))
        paragraph.append(nodes.raw("", "</label>", format="html"))
        task_list = paragraph.parent.parent if isinstance(paragraph.parent, nodes.list_item) else None
        if isinstance(task_list, nodes.bullet_list) and "bok-sjekkliste" not in task_list["classes"]:
            task_list["classes"].append("bok-sjekkliste")
            note = nodes.paragraph(classes=["bok-sjekkliste-merknad"])
            note += nodes.emphasis(text="Kryssene du setter, lagres bare i denne nettleseren. Ingen andre ser dem.")
            index = task_list.parent.index(task_list)
            task_list.parent.insert(index + 1, note)


# --- Case studies: the answer first ----------------------------------------------------------

# The headings of a case study in each standard: the two to move first, the one they go before,
# and «Neste steg», which goes before the sources.
CASE_HEADINGS = {
    "nb": {"first": ("Hva tallene viser", "Analysen"), "before": "Dataene", "next": "Neste steg", "sources": "Kilder"},
    "nn": {"first": ("Kva tala viser", "Analysen"), "before": "Dataa", "next": "Neste steg", "sources": "Kjelder"},
}


def answer_first(app: Sphinx, doctree: nodes.document) -> None:
    """In a case study, move «Hva tallene viser» and «Analysen» (the chart) before «Dataene»,
    and «Neste steg» before «Kilder», so a reader meets the question, the answer and the chart
    first (the nynorsk headings in the nynorsk edition). Only pages in notebooks/ that have all
    three sections are changed."""
    docname = app.env.docname
    if not docname.startswith("notebooks/"):
        return
    top = next(iter(doctree.findall(nodes.section)), None)
    if top is None:
        return
    headings = CASE_HEADINGS["nn" if str(app.config.language) == "nn" else "nb"]
    first, before = headings["first"], str(headings["before"])
    sections = {s[0].astext(): s for s in top.children if isinstance(s, nodes.section) and s.children}
    if before not in sections or not all(t in sections for t in first):
        return
    anchor = top.index(sections[before])
    for title in first:
        section = sections[title]
        top.remove(section)
        top.insert(anchor, section)
        anchor += 1
    following, sources = str(headings["next"]), str(headings["sources"])
    if following in sections and sources in sections:
        top.remove(sections[following])
        top.insert(top.index(sections[sources]), sections[following])


# --- The start page: modules, time and path --------------------------------------------------

WORDS_PER_MINUTE = 200  # an unhurried reading pace for factual text


def _round_up(minutes: float, step: int = 5) -> int:
    return max(step, math.ceil(minutes / step) * step)


def reading_minutes(markdown: str) -> int:
    """Minutes to read a page at WORDS_PER_MINUTE, rounded up to five."""
    return _round_up(prose.word_count(prose.extract_prose(markdown)) / WORDS_PER_MINUTE)


def _notebook_markdown(path: Path) -> str:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return "\n\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown")


def case_minutes(path: Path) -> int:
    """A case study's time as it states it («Tid: omtrent 20 minutter», nn «Tid: om lag 20 minutt»),
    else its reading time."""
    text = _notebook_markdown(path)
    stated = re.search(r"Tid: (?:omtrent|om lag) (\d+) minutt(?:er)?\b", text)
    return int(stated.group(1)) if stated else reading_minutes(text)


def case_title(path: Path) -> str:
    """A case study's title without the word «Casestudie:» («UD-meldinger på Messenger»)."""
    heading = re.search(r"^# (.+)$", _notebook_markdown(path), re.M)
    title = heading.group(1).strip() if heading else path.stem
    return re.sub(r"^Casestudie:\s*", "", title)


@dataclass
class Module:
    """One theme of the course and the path through it."""

    slug: str
    title: str
    read: int
    practise: int | None
    cases: list[tuple[str, int]] = field(default_factory=list)  # (notebook name, minutes)
    plans: list[tuple[str, str]] = field(default_factory=list)  # (docname, title) of the theme's «Vår plan» documents

    @property
    def minutes(self) -> int:
        return self.read + (self.practise or 0) + sum(m for _, m in self.cases)


def course_modules(srcdir: Path, docnames: set[str] | None = None, lang: str = "nb") -> list[Module]:
    """The course's modules in book order, with their times, from the files at build (the theme
    and plan titles in the standard ``lang``)."""
    from somekurs import workbook
    from somekurs.exercises.model import load_exercises

    exercises = list(load_exercises()[0].values())
    modules = []
    for theme in data.load_themes(lang=lang):
        slug = theme["slug"]
        chapter = srcdir / "book" / f"{slug}.md"
        if not chapter.exists():
            continue
        mine = [e for e in exercises if e["theme"] == slug]
        cases = [
            (c, case_minutes(srcdir / "notebooks" / f"{c}.ipynb"))
            for c in theme.get("case_studies") or []
            if (srcdir / "notebooks" / f"{c}.ipynb").exists()
        ]
        modules.append(
            Module(
                slug,
                theme["title"],
                reading_minutes(chapter.read_text(encoding="utf-8")),
                workbook.minutes(mine) if mine else None,
                cases,
                _plans(slug, docnames or set(), lang),
            )
        )
    return modules


def _plans(slug: str, docnames: set[str], lang: str = "nb") -> list[tuple[str, str]]:
    """The theme's «Vår plan» documents that the book has a page for (none until that part exists)."""
    try:
        from somekurs.plan import model
    except ImportError:
        return []
    found = [(model.docname(p["id"]), p["title"]) for p in model.plans_for_theme(slug, lang=lang)]
    return [(doc, title) for doc, title in found if doc in docnames]


def hours(minutes: int, lang: str = "nb") -> str:
    """Minutes as hours to the nearest half hour, the Norwegian way: «1 time», «3,5 timer» («timar»)."""
    value = max(0.5, round(minutes / 30) / 2)
    return texts.say("frontend", "hour" if value == 1 else "hours", lang, value=norwegian.number(value))


class CourseTimeDirective(SphinxDirective):
    """``{kurstid}``: one paragraph with the time the whole course takes, and its parts."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        from somekurs.sphinxext import edition  # here: sphinxext imports this module

        lang = edition(self.config)
        modules = course_modules(Path(self.env.srcdir), set(self.env.found_docs), lang)
        _note_dependencies(self.env, modules)
        read = sum(m.read for m in modules)
        practise = sum(m.practise or 0 for m in modules)
        cases = sum(dict(c for m in modules for c in m.cases).values())  # a case study shared by two modules counts once
        shortest, longest = min(m.minutes for m in modules), max(m.minutes for m in modules)
        text = texts.say(
            "frontend",
            "course_time",
            lang,
            themes=len(modules),
            total=hours(read + practise + cases, lang),
            read=hours(read, lang),
            cases=hours(cases, lang),
            practise=hours(practise, lang),
            shortest=shortest,
            longest=longest,
        )
        return [nodes.paragraph(text=text, classes=["bok-kurstid"])]


class CourseOverviewDirective(SphinxDirective):
    """``{kursoversikt}``: every module with its time and its path: chapter → case study →
    workbook → plan (the theme's «Vår plan» documents, once the book has their pages). A
    numbered list; each path is a short numbered list of steps, with link texts that say where
    they go (hidden words name the module)."""

    has_content = False

    def _link(self, reftype: str, target: str, text: str, hidden: str = "") -> nodes.Node:
        from sphinx import addnodes

        inner = nodes.inline("", text)
        if hidden:
            inner += nodes.inline("", hidden, classes=["visually-hidden"])
        return addnodes.pending_xref(
            "", inner, refdomain="std", reftype=reftype, reftarget=target, refexplicit=True, refwarn=True, refdoc=self.env.docname
        )

    def _step(self, *parts: nodes.Node | str) -> nodes.list_item:
        para = nodes.paragraph()
        for part in parts:
            para += nodes.Text(part) if isinstance(part, str) else part
        return nodes.list_item("", para)

    def run(self) -> list[nodes.Node]:
        srcdir = Path(self.env.srcdir)
        from somekurs.sphinxext import edition  # here: sphinxext imports this module

        lang = edition(self.config)

        def say(key: str, **values: Any) -> str:
            return texts.say("frontend", key, lang, **values)

        modules = course_modules(srcdir, set(self.env.found_docs), lang)
        _note_dependencies(self.env, modules)
        overview = nodes.enumerated_list(classes=["bok-kursoversikt"], enumtype="arabic", prefix="", suffix=".")
        for module in modules:
            head = nodes.paragraph(classes=["bok-modul"])
            head += nodes.strong("", "", self._link("ref", f"kap-{module.slug}", module.title))
            head += nodes.Text(say("module_minutes", minutes=module.minutes))
            path = nodes.enumerated_list(classes=["bok-sti"], enumtype="arabic", prefix="", suffix=".")
            path += self._step(say("chapter_step", minutes=module.read))
            for case, minutes in module.cases:
                title = case_title(srcdir / "notebooks" / f"{case}.ipynb")
                path += self._step(say("case_step"), self._link("doc", f"/notebooks/{case}", title), f" ({minutes} min)")
            if module.practise:
                path += self._step(
                    self._link("doc", f"/exercises/{module.slug}", say("workbook_step"), f": {module.title}"),
                    f" ({module.practise} min)",
                )
            for doc, title in module.plans:
                path += self._step(say("plan_step"), self._link("doc", f"/{doc}", title))
            overview += nodes.list_item("", head, path)
        return [overview]


def _note_dependencies(env: Any, modules: list[Module]) -> None:
    """Rebuild the start page when a chapter, a case study or an exercise file changes."""
    srcdir = Path(env.srcdir)
    for module in modules:
        env.note_dependency(str(srcdir / "book" / f"{module.slug}.md"))
        for case, _ in module.cases:
            env.note_dependency(str(srcdir / "notebooks" / f"{case}.ipynb"))
    for path in sorted((DATA_DIR / "exercises").glob("*.yaml")):
        env.note_dependency(str(path))


def setup(app: Sphinx) -> None:
    """Connect the front-end hooks (called from somekurs.sphinxext.setup)."""
    app.connect("config-inited", write_translations_js, priority=200)
    app.connect("builder-inited", whole_table_cells)
    app.connect("html-page-context", prune_page_assets)
    app.connect("doctree-read", answer_first, priority=400)  # before the table of contents is collected
    app.add_directive("kurstid", CourseTimeDirective)
    app.add_directive("kursoversikt", CourseOverviewDirective)
