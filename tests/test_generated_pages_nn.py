"""The pages the build writes from data (incident catalogue, glossary, answer key, changelog) come
in the standard of the edition: the nynorsk book gets nynorsk frames around nynorsk data."""

from __future__ import annotations

import re

from somekurs import answer_key, data, pages
from somekurs.exercises.model import load_exercises

BOKMAAL_FRAME = ("**Hvem:**", "**Hvor:**", "Hendelseskatalog", "Publisert", "lest ", "Eksempelet er konstruert", "Kilder")


def test_the_nynorsk_incident_catalogue_is_nynorsk_around_nynorsk_incidents() -> None:
    incidents, problems = data.load_incidents(lang="nn")
    assert not problems
    text = pages.incident_catalogue(incidents, data.load_themes(lang="nn"), set(), "nn")
    assert "\n# Hendingskatalog\n" in text
    assert "**Kven:**" in text and "**Kvar:** Noreg." in text and "**Kjelder**" in text
    assert "Nettstad" in text and "Nettsted" not in text.replace("nettsted", "")
    assert not [frame for frame in BOKMAAL_FRAME[:3] if frame in text]
    bokmaal = pages.incident_catalogue(*data.load_incidents()[:1], data.load_themes(), set())
    assert "**Hvem:**" in bokmaal and "**Hvor:** Norge." in bokmaal and "# Hendelseskatalog" in bokmaal


def test_the_nynorsk_answer_key_and_glossary_have_nynorsk_frames() -> None:
    exercises, _ = load_exercises(lang="nn")
    key = answer_key.answer_key_page(exercises, data.load_themes(lang="nn"), set(), "nn")
    assert "# Fasit for instruktørar" in key and "Dømet er konstruert." in key and "Byggjer på hendinga" in key
    assert "Eksempelet er konstruert" not in key and "Bygger på hendelsen" not in key
    terms, problems = data.load_glossary(lang="nn")
    assert not problems
    glossary = pages.glossary_page(terms, "nn")
    assert "## Kjelder" in glossary and "Kapitla lenkjer hit" in glossary and "## Kilder" not in glossary


def test_the_nynorsk_changelog_has_its_entries_in_nynorsk() -> None:
    """The same entries, dates and links in both standards; the nynorsk page says them in nynorsk."""
    nb_entries, nn_entries = data.load_changelog(), data.load_changelog(lang="nn")
    assert [(e["date"], e["kind"], e["pages"]) for e in nn_entries] == [(e["date"], e["kind"], e["pages"]) for e in nb_entries]
    assert all(a["text"] != b["text"] for a, b in zip(nb_entries, nn_entries, strict=True)), "every entry is translated"
    text = pages.changelog_page(nn_entries, "nn")
    assert "**Reglar:**" in text and "Endringane står på bokmål" not in text
    shown = text.split("\n", 1)[1]  # the first line is a comment for authors, not shown
    assert not re.search(r"\b(ikke|hva|hvordan|fra|også)\b", shown), re.findall(r".{40}\b(?:ikke|hva|fra|også)\b.{20}", shown)[:3]
    assert "**Regler:**" in pages.changelog_page(nb_entries)
