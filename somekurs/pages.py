"""Generate the book's data-driven pages (incident catalogue, glossary) as MyST Markdown.

These pages are derived from the data files, never written by hand, so a fact lives in one
place. The Sphinx extension (``somekurs.sphinxext``) writes them before each build; this
module only turns data into text and has no Sphinx dependency, so it is easy to test.
"""

from __future__ import annotations

import re
from typing import Any

from somekurs import texts
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


# Where nynorsk names a country differently (the rest are the same in both standards).
COUNTRIES_NN = {"NO": "Noreg", "AT": "Austerrike"}


def country_name(code: str, lang: str = "nb") -> str:
    if lang == "nn" and code in COUNTRIES_NN:
        return COUNTRIES_NN[code]
    return COUNTRIES.get(code, code)


# The schema's platform codes are bokmål words; these are shown differently in nynorsk.
PLATFORMS_NN = {
    "Nettsted": "Nettstad",
    "Nyhetsmedier": "Nyheitsmedium",
    "KI-tjeneste": "KI-teneste",
    "Sosiale medier generelt": "Sosiale medium generelt",
}


def platform_name(code: str, lang: str = "nb") -> str:
    return PLATFORMS_NN.get(code, code) if lang == "nn" else code


def _say(key: str, lang: str, **values: Any) -> str:
    return texts.say("pages", key, lang, **values)


def _theme_links(themes: list[str], titles: dict[str, str], chapters: set[str]) -> str:
    links = []
    for slug in themes:
        title = titles.get(slug, slug)
        links.append(f"{{ref}}`{title} <kap-{slug}>`" if slug in chapters else title)
    return ", ".join(links)


def incident_section(item: dict[str, Any], titles: dict[str, str], chapters: set[str], lang: str = "nb") -> str:
    """One incident as a section of the catalogue page, anchored as ``hendelse-<id>``."""
    lines = [
        f"(hendelse-{item['id']})=",
        f"## {item['title']}",
        "",
        f"**{_say('when', lang)}:** {date(item['date'])}. **{_say('where', lang)}:** {country_name(item['country'], lang)}. "
        f"**{_say('who', lang)}:** {', '.join(item['actors'])}. **{_say('platform', lang)}:** {', '.join(platform_name(p, lang) for p in item['platforms'])}.",
        "",
        f"**{_say('theme', lang)}:** {_theme_links(item['themes'], titles, chapters)}.",
        "",
        item["summary"].strip(),
        "",
    ]
    sources = {s["key"]: s for s in item["sources"]}
    if item.get("timeline"):
        lines += [f"**{_say('timeline', lang)}**", ""]
        lines += [f"- {list_item(date(p['when']))}: {p['what'].strip()}" for p in item["timeline"]]
        lines.append("")
    if item.get("figures"):
        lines += [f"**{_say('figures', lang)}**", ""]
        for fig in item["figures"]:
            unit = f" {fig['unit']}" if fig.get("unit") else ""
            source = _say("figure_source", lang, publisher=sources[fig["source"]]["publisher"])
            lines.append(f"- {list_item(fig['label'])}: {number(fig['value'])}{unit} ({source})")
        lines.append("")
    lines += [f"**{_say('lessons', lang)}**", ""] + [f"- {list_item(lesson.strip())}" for lesson in item["lessons"]] + [""]
    lines += [f"**{_say('sources', lang)}**", ""]
    for src in item["sources"]:
        read = _say("published_read", lang, published=date(src["published"]), accessed=date(src["accessed"]))
        lines.append(f"- {src['publisher']}: [{src['title']}]({src['url']}). {read}")
    lines.append("")
    return "\n".join(lines)


def incident_catalogue(
    incidents: dict[str, dict[str, Any]], themes: list[dict[str, Any]], chapters: set[str], lang: str = "nb"
) -> str:
    """The whole catalogue page, newest incident first."""
    titles = {t["slug"]: t["title"] for t in themes}
    ordered = sorted(incidents.values(), key=lambda i: (i["date"], i["id"]), reverse=True)
    head = [
        GENERATED_NOTE,
        "(hendelser)=",
        f"# {_say('catalogue_title', lang)}",
        "",
        " ".join(_say("catalogue_intro", lang, n=len(ordered)).split()),
        "",
    ]
    return "\n".join(head) + "\n" + "\n".join(incident_section(i, titles, chapters, lang) for i in ordered)


def glossary_page(terms: list[dict[str, str]], lang: str = "nb") -> str:
    """The glossary (ordliste) as one Sphinx glossary, so chapters can link terms with {term}."""
    lines = [
        GENERATED_NOTE,
        "(ordliste)=",
        f"# {_say('glossary_title', lang)}",
        "",
        _say("glossary_intro", lang),
        "",
        "```{glossary}",
    ]
    for term in terms:
        cite = f" {{footcite:p}}`{term['source']}`" if term.get("source") else ""
        lines += [term["term"], f"  {' '.join(term['definition'].split())}{cite}", ""]
    lines += ["```", "", f"## {_say('sources', lang)}", "", "```{footbibliography}", "```"]
    return "\n".join(lines) + "\n"


CHANGE_KINDS = ("rule", "course")  # their labels: data/texts «pages», change_rule and change_course


def change_kind(kind: str, lang: str = "nb") -> str:
    """«Regler» / «Kurset» (nn «Reglar»): the label of a changelog entry's kind; an unknown kind as written."""
    return _say(f"change_{kind}", lang) if kind in CHANGE_KINDS else kind


def changelog_page(entries: list[dict[str, Any]], lang: str = "nb") -> str:
    """«Endringslogg»: what changed in the rules and in the course, newest first, by date (the
    entries in the page's standard: :func:`somekurs.data.load_changelog`)."""
    lines = [
        GENERATED_NOTE,
        "(endringslogg)=",
        f"# {_say('changelog_title', lang)}",
        "",
        " ".join(_say("changelog_intro", lang).split()),
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
            lines.append(f"- **{change_kind(entry['kind'], lang)}:** {' '.join(entry['text'].split())}{where}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
