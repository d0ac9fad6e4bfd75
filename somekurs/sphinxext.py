"""Sphinx extension for the course book (loaded through ``sphinx.local_extensions``).

It does three things, all so that facts live in data files and the build catches mistakes:
- writes the data-driven pages (incident catalogue, glossary, answer key) before Sphinx reads
  the table of contents, rewriting a page only when its text changed (keeps the cache warm);
- adds the role ``{hendelse}`<id>``` that links an incident by id, with a warning (an error
  under ``-W``) for an unknown id;
- reports every broken data file as a warning that names the file, the item and the field;
- in the nynorsk edition (``language: nn``, built by :mod:`somekurs.nnbook`): the generated pages
  from nynorsk data where it exists, a notice on each page that is still only in bokmål, and
  nynorsk text in what the extension adds to pages;
- puts the language switch («Bokmål | Nynorsk») on every page of both editions.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from somekurs import DATA_DIR, answer_key, claims, data, frontend, norwegian, pages, references
from somekurs.bibcache import cache_pybtex_plugin_lookup
from somekurs.exercises.model import load_exercises

logger = logging.getLogger(__name__)

# What the extension itself writes into pages, in each edition (the theme's strings are in
# locale/<lang>/LC_MESSAGES/sphinx.po, the exercises' in data/texts/).
TEXTS: dict[str, dict[str, str]] = {
    "nb": {
        "next_steps": "Neste steg",
        "practise": "- **Øv:** {doc} (omtrent {minutes} minutter).",
        "case": "- **Casestudie:** {doc}.",
        "next_chapter": "- **Neste kapittel:** {ref}.",
        "workbook_top": "Oppgavene hører til kapitlet {doc}. Les det gjerne først.",
        "back": "- **Tilbake til kapitlet:** {doc}.",
        "next_workbook": "- **Neste arbeidsbok:** {doc}.",
        "sources": "## Kilder",
        "checked": "Sist kontrollert: {date}.",
        "see_changes": " Se hva som er endret i ",
        "changelog": "endringsloggen",
        "check_by": "(sjekkes igjen innen {date})",
        "switch": "Målform",
    },
    "nn": {
        "next_steps": "Neste steg",
        "practise": "- **Øv:** {doc} (om lag {minutes} minutt).",
        "case": "- **Casestudie:** {doc}.",
        "next_chapter": "- **Neste kapittel:** {ref}.",
        "workbook_top": "Oppgåvene høyrer til kapittelet {doc}. Les det gjerne først.",
        "back": "- **Tilbake til kapittelet:** {doc}.",
        "next_workbook": "- **Neste arbeidsbok:** {doc}.",
        "sources": "## Kjelder",
        "checked": "Sist kontrollert: {date}.",
        "see_changes": " Sjå kva som er endra i ",
        "changelog": "endringsloggen",
        "check_by": "(skal sjekkast på nytt innan {date})",
        "switch": "Målform",
        "only_bokmaal": "Denne sida finst berre på bokmål enno.",
        "partly_bokmaal": "Delar av denne sida finst berre på bokmål enno.",
        "checklist_note": "Krossane du set, blir berre lagra i denne nettlesaren. Ingen andre ser dei.",
    },
}
CHECKLIST_NOTE_NB = "Kryssene du setter, lagres bare i denne nettleseren. Ingen andre ser dem."


def edition(config: Config) -> str:
    """The written standard this build is in: nn for the nynorsk edition (somekurs.nnbook), else nb."""
    return "nn" if str(config.language) == "nn" else "nb"


def say(config: Config, key: str, **values: str | int) -> str:
    """One of the extension's own texts in the build's written standard."""
    return TEXTS[edition(config)][key].format(**values)


GENERATED = {
    "incidents": Path("book/hendelser.md"),
    "glossary": Path("book/ordliste.md"),
    "answer_key": Path("book/instruktor/fasit.md"),
    "changelog": Path("book/endringslogg.md"),
}


def write_if_changed(path: Path, text: str) -> None:
    """Write a generated page, leaving its mtime alone when nothing changed."""
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def toc_chapters(srcdir: Path) -> set[str]:
    """Theme slugs whose chapter is in the table of contents (only those may be linked)."""
    toc = (srcdir / "_toc.yml").read_text(encoding="utf-8")
    return {t["slug"] for t in data.load_themes() if f"book/{t['slug']}" in toc}


def insert_after_title(markdown: str, block: str) -> str:
    """``block`` as its own paragraph right after a page's first ``# `` heading (at the top when
    the page has none), so a reader meets it before the page's own text."""
    lines = markdown.split("\n")
    fence = False
    for index, line in enumerate(lines):
        if line.startswith(("```", "~~~")):
            fence = not fence
        if not fence and line.startswith("# "):
            return "\n".join(lines[: index + 1] + ["", block, ""] + lines[index + 1 :])
    return block + "\n\n" + markdown


def fallback_kind(app: Sphinx, docname: str) -> str | None:
    """What a page of the nynorsk edition says about its language (somekurs.nnbook.status): None on
    a translated page (and in the bokmål edition); «only_bokmaal» on a bokmål page shown for want
    of a twin; «partly_bokmaal» on a page with some bokmål in it (a generated page, a workbook
    whose exercises are not all translated)."""
    if edition(app.config) != "nn" or docname in {"genindex", "search"}:
        return None
    from somekurs import nnbook

    return {"nn": None, "partly": "partly_bokmaal", "nb": "only_bokmaal"}[nnbook.status(docname)]


def fallback_notice(app: Sphinx, docname: str) -> str | None:
    """The notice at the top of an nn page that is not (wholly) in nynorsk, marked lang="nn"
    (the article around it is marked bokmål on a bokmål page)."""
    kind = fallback_kind(app, docname)
    return None if kind is None else f'<p class="bok-berre-bokmaal" lang="nn">{say(app.config, kind)}</p>'


def pages_whose_status_changed(app: Sphinx, env: Any, added: set[str], changed: set[str], removed: set[str]) -> list[str]:
    """Read a page of the nn edition again when its status (somekurs.nnbook.status) changed while
    its source did not: a twin of the exercise data landed, a directive learnt nynorsk. Else an
    incremental build keeps a notice that is no longer true, or misses one that now is."""
    if edition(app.config) != "nn":
        return []
    seen: dict[str, str | None] = getattr(env, "somekurs_fallback", {})
    return [name for name, kind in seen.items() if name in env.found_docs and fallback_kind(app, name) != kind]


def merge_fallback_status(app: Sphinx, env: Any, docnames: set[str], other: Any) -> None:
    """Keep the statuses recorded by parallel readers (env-merge-info)."""
    env.somekurs_fallback = {**getattr(env, "somekurs_fallback", {}), **getattr(other, "somekurs_fallback", {})}


def add_fallback_notice(app: Sphinx, docname: str, source: list[str]) -> None:
    """Put the fallback notice at the top of each nn page that has no nynorsk twin yet (the
    bokmål page is shown, so the reader always gets the page the language switch promised)."""
    if edition(app.config) == "nn" and docname.startswith("exercises/"):
        # A workbook's status follows its exercise data: read it again when that changes.
        for folder in (DATA_DIR / "exercises", DATA_DIR / "nn" / "exercises"):
            app.env.note_dependency(str(folder / f"{docname.removeprefix('exercises/')}.yaml"))
    if not hasattr(app.env, "somekurs_fallback"):
        app.env.somekurs_fallback = {}  # type: ignore[attr-defined]
    app.env.somekurs_fallback[docname] = fallback_kind(app, docname)  # type: ignore[attr-defined]
    notice = fallback_notice(app, docname)
    if notice is None:
        return
    text = source[0]
    if text.lstrip().startswith("{") and '"cells"' in text[:2000]:  # a notebook, as JSON
        import json

        notebook = json.loads(text)
        cells = [c for c in notebook["cells"] if c["cell_type"] == "markdown"]
        for cell in cells:  # the cell with the title, else the first (a cell may hold only a label)
            cell["source"] = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        titled = next((c for c in cells if re.search(r"^# ", c["source"], re.M)), cells[0] if cells else None)
        if titled is not None:
            titled["source"] = insert_after_title(titled["source"], notice)
        source[0] = json.dumps(notebook, ensure_ascii=False)
    else:
        source[0] = insert_after_title(text, notice)


def generate_pages(app: Sphinx, config: Config) -> None:
    """Write the generated pages and remember the incidents for the role."""
    srcdir = Path(app.srcdir)
    lang = edition(config)  # nn: the nynorsk data where it exists, else bokmål (somekurs.data)
    themes = data.load_themes(lang=lang)
    incidents, problems = data.load_incidents(lang=lang)
    terms, glossary_problems = data.load_glossary(lang=lang)
    for problem in problems + glossary_problems:
        logger.warning("datafeil i data/%s/%s", problem.path.parent.name, problem)
    chapters = toc_chapters(srcdir)
    write_if_changed(srcdir / GENERATED["incidents"], pages.incident_catalogue(incidents, themes, chapters, lang))
    write_if_changed(srcdir / GENERATED["glossary"], pages.glossary_page(terms, lang))
    exercises, exercise_problems = load_exercises(lang=lang)
    for problem in exercise_problems:
        logger.warning("datafeil i data/%s/%s", problem.path.parent.name, problem)
    write_if_changed(srcdir / GENERATED["answer_key"], answer_key.answer_key_page(exercises, themes, chapters, lang))
    write_if_changed(srcdir / GENERATED["changelog"], pages.changelog_page(data.load_changelog(lang=lang), lang))
    app.somekurs_incidents = incidents  # type: ignore[attr-defined]
    # Every .bib file under data/references/ is a source file; no list to keep in step. The nynorsk
    # edition reads copies with our notes in nynorsk (somekurs.references), kept with its build files.
    if lang == "nn":
        written = references.write_nn_bibfiles(Path(app.doctreedir).parent / "nn-bib")
        config.bibtex_bibfiles = sorted(str(p) for p in written)
    else:
        config.bibtex_bibfiles = sorted(str(p) for p in references.bib_files())


def hendelse_role(
    name: str, rawtext: str, text: str, lineno: int, inliner: Any, options: dict | None = None, content: list | None = None
):
    """Link to an incident in the catalogue, shown by its title."""
    incident_id = text.strip()
    incidents = inliner.document.settings.env.app.somekurs_incidents
    if incident_id not in incidents:
        message = inliner.reporter.warning(f"ukjent hendelse «{incident_id}» (finnes ikke i data/incidents/)", line=lineno)
        return [nodes.literal(rawtext, incident_id)], [message]
    title = incidents[incident_id]["title"]
    ref = addnodes.pending_xref(
        rawtext,
        nodes.inline(title, title),
        refdomain="std",
        reftype="ref",
        reftarget=f"hendelse-{incident_id}",
        refexplicit=True,
        refwarn=True,
    )
    return [ref], []


def sjekkes_role(
    name: str, rawtext: str, text: str, lineno: int, inliner: Any, options: dict | None = None, content: list | None = None
):
    """A claim that depends on a date still to come, with the date it must be checked again by.

    Shown to the reader as «(sjekkes igjen innen 1. mars 2027)»; once the date has passed, the
    build warns (an error under -W) and names the page, the line and the sentence.
    """
    check_by = claims.parse_check_by(text)
    if check_by is None:
        message = inliner.reporter.warning(f"{{sjekkes}} trenger en dato som 2027-03-01, ikke «{text}»", line=lineno)
        return [nodes.Text("")], [message]
    messages = []
    if check_by < claims.today():
        paragraph = inliner.parent.astext() if inliner.parent is not None else ""
        messages.append(
            inliner.reporter.warning(
                f"påstanden skulle vært sjekket innen {check_by.isoformat()}: «{' '.join(paragraph.split())[:200]}»", line=lineno
            )
        )
    shown = say(inliner.document.settings.env.config, "check_by", date=norwegian.date(check_by.isoformat()))
    return [nodes.inline(rawtext, shown, classes=["sk-sjekkes"])], messages


class CheckedDirective(SphinxDirective):
    """«Sist kontrollert» at the end of a page, from data/checked.yaml, with a link to the
    Endringslogg when the log has entries for the page."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        docname = self.env.docname
        checked = data.load_checked()
        if docname not in checked:
            return [
                self.state.document.reporter.warning(
                    f"{docname} mangler i data/checked.yaml (datoen siden sist ble kontrollert)", line=self.lineno
                )
            ]
        para = nodes.paragraph()
        config = self.env.config
        para += nodes.emphasis(text=say(config, "checked", date=norwegian.date(checked[docname])))
        if any(docname in entry.get("pages", []) for entry in data.load_changelog()):
            para += nodes.Text(say(config, "see_changes"))
            ref = addnodes.pending_xref(
                "",
                nodes.inline("", say(config, "changelog")),
                refdomain="std",
                reftype="ref",
                reftarget="endringslogg",
                refexplicit=True,
                refwarn=True,
            )
            para += ref
            para += nodes.Text(".")
        return [para]


class TestDirective(SphinxDirective):
    """``{kursprove}``: the course test (every module and the whole course) as one HTML block,
    written at build from the item bank in data/test-items/ (somekurs.assessment.static)."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        from somekurs import editions
        from somekurs.assessment import bank, static

        lang = edition(self.config)
        folder = bank.bank_dir()
        for path in sorted(folder.glob("*.yaml")) + sorted(editions.twin_folder(folder).glob("*.yaml")):
            self.env.note_dependency(str(path))
        return [nodes.raw("", static.test_html(static.all_scopes(lang=lang), lang=lang), format="html")]


def next_steps_markdown(slug: str, themes: list[dict[str, Any]], minutes: int | None, lang: str = "nb") -> str:
    """«Neste steg» for a theme chapter: the workbook, the case studies, the next chapter.

    Written from data/themes.yaml and the exercise data, so every chapter links its workbook and
    its case studies without anyone editing twenty pages when a workbook or a case study moves.
    """
    texts = TEXTS[lang]
    order = [t["slug"] for t in themes]
    theme = themes[order.index(slug)]
    lines = ["", "(neste-steg-" + slug + ")=", "## " + texts["next_steps"], ""]
    if minutes:
        lines.append(texts["practise"].format(doc=f"{{doc}}`/exercises/{slug}`", minutes=minutes))
    for case in theme.get("case_studies") or []:
        lines.append(texts["case"].format(doc=f"{{doc}}`/notebooks/{case}`"))
    from somekurs.plan import sphinx as plan_pages

    # «Lag din del av planen» (the same words in nynorsk): the documents of «Vår plan» for this theme
    lines += plan_pages.next_steps_lines(slug)
    if order.index(slug) + 1 < len(order):
        lines.append(texts["next_chapter"].format(ref=f"{{ref}}`kap-{order[order.index(slug) + 1]}`"))
    return "\n".join(lines) + "\n"


def add_next_steps(app: Sphinx, docname: str, source: list[str]) -> None:
    """Append «Neste steg» to each theme chapter as it is read (the page's own file is not changed)."""
    if not docname.startswith("book/"):
        return
    slug = docname.removeprefix("book/")
    lang = edition(app.config)
    themes = data.load_themes(lang=lang)
    if slug not in {t["slug"] for t in themes}:
        return
    from somekurs import workbook

    mine = [e for e in load_exercises(lang=lang)[0].values() if e["theme"] == slug]
    steps = next_steps_markdown(slug, themes, workbook.minutes(mine) if mine else None, lang)
    text = source[0]
    at = text.rfind("\n" + TEXTS[lang]["sources"])  # before the chapter's list of sources, after its checklist
    source[0] = text[:at] + "\n" + steps + text[at:] if at >= 0 else text.rstrip() + "\n" + steps


def workbook_links_markdown(slug: str, themes: list[dict[str, Any]], lang: str = "nb") -> tuple[str, str]:
    """The way back from a workbook in the book: its chapter at the top; the chapter, its case
    studies and the next workbook at the end. MyST, so it exists only in the book: in JupyterLab
    and the app the workbook's live «Om arbeidsboka» cell links the chapter instead."""
    texts = TEXTS[lang]
    order = [t["slug"] for t in themes]
    theme = themes[order.index(slug)]
    chapter = f"{{doc}}`/book/{slug}`"
    top = texts["workbook_top"].format(doc=chapter)
    lines = ["(arbeidsbok-neste-" + slug + ")=", "## " + texts["next_steps"], "", texts["back"].format(doc=chapter)]
    for case in theme.get("case_studies") or []:
        lines.append(texts["case"].format(doc=f"{{doc}}`/notebooks/{case}`"))
    if order.index(slug) + 1 < len(order):
        following = order[order.index(slug) + 1]
        lines.append(texts["next_workbook"].format(doc=f"{{doc}}`/exercises/{following}`"))
    return top, "\n".join(lines) + "\n"


def add_workbook_links(app: Sphinx, docname: str, source: list[str]) -> None:
    """Add the chapter link and «Neste steg» to each workbook page as it is read (the notebook file
    is not changed: the cells are added to the JSON the book reads)."""
    if not docname.startswith("exercises/"):
        return
    slug = docname.removeprefix("exercises/")
    lang = edition(app.config)
    themes = data.load_themes(lang=lang)
    if slug not in {t["slug"] for t in themes}:
        return
    import json

    notebook = json.loads(source[0])
    top, end = workbook_links_markdown(slug, themes, lang)
    cells = notebook["cells"]
    # The label case studies and chapters link to ({ref}`arbeidsbok-<slug>`); MyST, so only here.
    first = cells[0]["source"]
    cells[0]["source"] = f"(arbeidsbok-{slug})=\n" + ("".join(first) if isinstance(first, list) else first)
    cells.insert(1, {"cell_type": "markdown", "metadata": {}, "source": top, "id": f"{slug}-kapittel"})
    cells.append({"cell_type": "markdown", "metadata": {}, "source": end, "id": f"{slug}-neste-steg"})
    source[0] = json.dumps(notebook, ensure_ascii=False)


def fix_citation_roles(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """docutils marks bibliography entries with the deprecated ARIA role doc-biblioentry
    inside a role=list container (axe: aria-deprecated-role, aria-required-children);
    a plain list item is what a screen reader expects there."""
    if "body" in context and "doc-biblioentry" in context["body"]:
        context["body"] = context["body"].replace('role="doc-biblioentry"', 'role="listitem"')


def nynorsk_checklist_note(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """The note under a checklist (written by frontend.label_checklist_boxes) in nynorsk."""
    if edition(app.config) != "nn":
        return
    for note in doctree.findall(nodes.paragraph):
        if "bok-sjekkliste-merknad" in note["classes"] and note.astext() == CHECKLIST_NOTE_NB:
            note.children[0].replace_self(nodes.emphasis(text=say(app.config, "checklist_note")))


def edition_links(current: str, target_uri: str) -> dict[str, str]:
    """Relative links from a page to itself in each edition: the nynorsk edition is the folder
    nn/ inside the bokmål one, with the same pages (somekurs.nnbook). Relative, so the book works
    from any sub-path of a web server."""
    up = "../" * target_uri.count("/")
    if current == "nn":
        return {"nb": f"{up}../{target_uri}", "nn": f"{up}{target_uri}"}
    return {"nb": f"{up}{target_uri}", "nn": f"{up}nn/{target_uri}"}


def add_edition_switch(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Give the templates the language switch (_templates/bok-maalform.html) for this page, and
    the language of the article on an nn page that is still in bokmål (WCAG 3.1.2)."""
    current = edition(app.config)
    links = edition_links(current, app.builder.get_target_uri(pagename))
    context["bok_maalform"] = {"current": current, "label": say(app.config, "switch"), **links}
    context["bok_innhald_lang"] = "nb" if fallback_kind(app, pagename) == "only_bokmaal" else ""


# docutils' own words in nynorsk (its field names and admonition labels); see register_docutils_nynorsk.
DOCUTILS_LABELS_NN = {
    "author": "Forfattar",
    "authors": "Forfattarar",
    "organization": "Organisasjon",
    "address": "Adresse",
    "contact": "Kontakt",
    "version": "Versjon",
    "revision": "Revisjon",
    "status": "Status",
    "date": "Dato",
    "copyright": "Opphavsrett",
    "dedication": "Tileigning",
    "abstract": "Samandrag",
    "attention": "Merk",
    "caution": "Åtvaring",
    "danger": "Fare",
    "error": "Feil",
    "hint": "Vink",
    "important": "Viktig",
    "note": "Merknad",
    "tip": "Tips",
    "warning": "Åtvaring",
    "contents": "Innhald",
}


def register_docutils_nynorsk() -> None:
    """Give docutils a nynorsk language module before it looks for one.

    docutils has none for «nn», and then looks for a top-level module named ``nn`` anywhere on
    sys.path, where it finds this repository's ``nn/`` folder (the twins) and fails on the first
    page with front matter (AttributeError: bibliographic_fields). Registered under docutils' own
    names, so it is found first; directive and role names stay the English ones the pages use.
    """
    import sys
    import types

    from docutils.parsers.rst.languages import en as rst_en

    if "docutils.languages.nn" not in sys.modules:
        module = types.ModuleType("docutils.languages.nn", "Nynorsk labels for docutils (somekurs.sphinxext).")
        module.labels = DOCUTILS_LABELS_NN  # type: ignore[attr-defined]
        module.bibliographic_fields = {v.lower(): k for k, v in DOCUTILS_LABELS_NN.items()}  # type: ignore[attr-defined]
        module.author_separators = [";", ","]  # type: ignore[attr-defined]
        sys.modules[module.__name__] = module
    if "docutils.parsers.rst.languages.nn" not in sys.modules:
        rst = types.ModuleType("docutils.parsers.rst.languages.nn", "Directive and role names (English) for nn.")
        rst.directives = dict(rst_en.directives)  # type: ignore[attr-defined]
        rst.roles = dict(rst_en.roles)  # type: ignore[attr-defined]
        sys.modules[rst.__name__] = rst


def setup(app: Sphinx) -> dict[str, Any]:
    register_docutils_nynorsk()  # harmless in the bokmål build: only the language «nn» uses it
    cache_pybtex_plugin_lookup()  # a clean build was two thirds pybtex plugin lookups
    app.connect("doctree-resolved", frontend.label_checklist_boxes)
    frontend.setup(app)  # the HTML front end: page assets, search strings, start page, case studies
    app.connect("doctree-resolved", nynorsk_checklist_note, priority=600)  # after label_checklist_boxes
    app.connect("source-read", add_fallback_notice)
    app.connect("env-get-outdated", pages_whose_status_changed)
    app.connect("env-merge-info", merge_fallback_status)
    app.connect("source-read", add_next_steps)
    app.connect("source-read", add_workbook_links)
    app.connect("html-page-context", fix_citation_roles)
    app.connect("html-page-context", add_edition_switch)
    from somekurs.plan import sphinx as plan_pages

    plan_pages.setup(app)  # «Vår plan»: the {plan-skjema} directive and its data problems
    # Before sphinx-external-toc reads _toc.yml (priority 900), so generated pages exist.
    app.connect("config-inited", generate_pages, priority=100)
    app.add_role("hendelse", hendelse_role)
    app.add_role("sjekkes", sjekkes_role)
    app.add_directive("kontrollert", CheckedDirective)
    app.add_directive("kursprove", TestDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
