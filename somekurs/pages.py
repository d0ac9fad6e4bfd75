"""Generate the book's data-driven pages (incident catalogue, glossary) as MyST Markdown.

These pages are derived from the data files, never written by hand, so a fact lives in one
place. The Sphinx extension (``somekurs.sphinxext``) writes them before each build; this
module only turns data into text and has no Sphinx dependency, so it is easy to test.
"""

from __future__ import annotations

import re
from typing import Any

from somekurs.norwegian import date, number

COUNTRIES = {
    "NO": "Norge",
    "SE": "Sverige",
    "DK": "Danmark",
    "FI": "Finland",
    "IS": "Island",
    "DE": "Tyskland",
    "NL": "Nederland",
    "FR": "Frankrike",
    "BE": "Belgia",
    "IE": "Irland",
    "EU": "EU",
    "GB": "Storbritannia",
    "US": "USA",
    "CA": "Canada",
    "AU": "Australia",
    "NZ": "New Zealand",
    "EE": "Estland",
    "AT": "Østerrike",
    "ES": "Spania",
    "IT": "Italia",
}
GENERATED_NOTE = "% Generert fra data/ av somekurs.pages. Ikke rediger: endringer skrives over.\n"


_LIST_NUMBER = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")


def list_item(text: str) -> str:
    """Text that starts a Markdown list item, with a leading «15.» or «15)» escaped.

    «- 15. desember 2020: …» would otherwise make an ordered list starting at 15 inside the
    bullet (a hanging indent, and «liste, 1 element» for a screen reader)."""
    return _LIST_NUMBER.sub(r"\1\\\2", text)


def country_name(code: str) -> str:
    return COUNTRIES.get(code, code)


def _theme_links(themes: list[str], titles: dict[str, str], chapters: set[str]) -> str:
    links = []
    for slug in themes:
        title = titles.get(slug, slug)
        links.append(f"{{ref}}`{title} <kap-{slug}>`" if slug in chapters else title)
    return ", ".join(links)


def incident_section(item: dict[str, Any], titles: dict[str, str], chapters: set[str]) -> str:
    """One incident as a section of the catalogue page, anchored as ``hendelse-<id>``."""
    lines = [
        f"(hendelse-{item['id']})=",
        f"## {item['title']}",
        "",
        f"**Når:** {date(item['date'])}. **Hvor:** {country_name(item['country'])}. "
        f"**Hvem:** {', '.join(item['actors'])}. **Plattform:** {', '.join(item['platforms'])}.",
        "",
        f"**Tema:** {_theme_links(item['themes'], titles, chapters)}.",
        "",
        item["summary"].strip(),
        "",
    ]
    sources = {s["key"]: s for s in item["sources"]}
    if item.get("timeline"):
        lines += ["**Tidslinje**", ""]
        lines += [f"- {list_item(date(p['when']))}: {p['what'].strip()}" for p in item["timeline"]]
        lines.append("")
    if item.get("figures"):
        lines += ["**Tall**", ""]
        for fig in item["figures"]:
            unit = f" {fig['unit']}" if fig.get("unit") else ""
            lines.append(
                f"- {list_item(fig['label'])}: {number(fig['value'])}{unit} (kilde: {sources[fig['source']]['publisher']})"
            )
        lines.append("")
    lines += ["**Lærdom**", ""] + [f"- {list_item(lesson.strip())}" for lesson in item["lessons"]] + [""]
    lines += ["**Kilder**", ""]
    for src in item["sources"]:
        lines.append(
            f"- {src['publisher']}: [{src['title']}]({src['url']}). "
            f"Publisert {date(src['published'])}, lest {date(src['accessed'])}."
        )
    lines.append("")
    return "\n".join(lines)


def incident_catalogue(incidents: dict[str, dict[str, Any]], themes: list[dict[str, Any]], chapters: set[str]) -> str:
    """The whole catalogue page, newest incident first."""
    titles = {t["slug"]: t["title"] for t in themes}
    ordered = sorted(incidents.values(), key=lambda i: (i["date"], i["id"]), reverse=True)
    head = [
        GENERATED_NOTE,
        "(hendelser)=",
        "# Hendelseskatalog",
        "",
        f"Katalogen har {len(ordered)} virkelige hendelser der offentlige organer og sosiale medier "
        "møttes. Hver hendelse er fortalt med egne ord og bygger på offentlige kilder. "
        "Kapitlene, casestudiene og oppgavene viser til hendelsene her. "
        "Den nyeste hendelsen står først.",
        "",
    ]
    return "\n".join(head) + "\n" + "\n".join(incident_section(i, titles, chapters) for i in ordered)


def glossary_page(terms: list[dict[str, str]]) -> str:
    """The glossary (ordliste) as one Sphinx glossary, so chapters can link terms with {term}."""
    lines = [
        GENERATED_NOTE,
        "(ordliste)=",
        "# Ordliste",
        "",
        "Her forklarer vi ord og uttrykk som kurset bruker. Kapitlene lenker hit første gang et ord brukes.",
        "",
        "```{glossary}",
    ]
    for term in terms:
        cite = f" {{footcite:p}}`{term['source']}`" if term.get("source") else ""
        lines += [term["term"], f"  {' '.join(term['definition'].split())}{cite}", ""]
    lines += ["```", "", "## Kilder", "", "```{footbibliography}", "```"]
    return "\n".join(lines) + "\n"


CHANGE_KINDS = {"rule": "Regler", "course": "Kurset"}


def changelog_page(entries: list[dict[str, Any]]) -> str:
    """«Endringslogg»: what changed in the rules and in the course, newest first, by date."""
    lines = [
        GENERATED_NOTE,
        "(endringslogg)=",
        "# Endringslogg",
        "",
        "Her står det hva som er endret i reglene kurset lærer bort, og i selve kurset. "
        "Den nyeste endringen står først. Kapitler som er berørt, lenker hit.",
        "",
    ]
    by_date: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        by_date.setdefault(str(entry["date"]), []).append(entry)
    for day, items in by_date.items():
        lines += [f"(endring-{day})=", f"## {date(day)}", ""]
        for entry in items:
            pages_ = entry.get("pages") or []
            where = f" ({', '.join(f'{{doc}}`/{p}`' for p in pages_)})" if pages_ else ""
            lines.append(f"- **{CHANGE_KINDS.get(entry['kind'], entry['kind'])}:** {' '.join(entry['text'].split())}{where}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
