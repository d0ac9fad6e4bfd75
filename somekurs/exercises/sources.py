"""Look up the bibliography entries that exercise feedback cites.

Feedback must name its source in words a participant understands, not as a bib key. The
keys live in ``data/references/*.bib``; this reads just the title and URL of each entry, with
the small parser of :mod:`somekurs.references`, so showing an exercise does not need sphinxcontrib-bibtex.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from somekurs import DATA_DIR


@dataclass(frozen=True)
class Source:
    """One cited source as a participant sees it."""

    key: str
    title: str
    url: str = ""
    publisher: str = ""


def _parse(text: str) -> dict[str, Source]:
    from somekurs import references

    return {
        key: Source(key, fields.get("title", key), fields.get("url", ""), fields.get("howpublished", ""))
        for key, fields in references.parse(text).items()
    }


@cache
def _cached(data_dir: Path, stamp: tuple[tuple[str, float], ...]) -> dict[str, Source]:
    sources: dict[str, Source] = {}
    for name, _mtime in stamp:
        path = data_dir / "references" / name
        try:
            sources.update(_parse(path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError):
            continue
    return sources


def bibliography(data_dir: Path = DATA_DIR) -> dict[str, Source]:
    """All bib entries by key; re-read when a .bib file changes (authors edit while we run)."""
    paths = sorted((data_dir / "references").glob("*.bib"))
    stamp = tuple((p.name, p.stat().st_mtime) for p in paths)
    return _cached(data_dir, stamp)


def incident_sources(data_dir: Path = DATA_DIR) -> dict[str, Source]:
    """The sources the incident files list themselves (key, URL, publisher, title): an exercise
    built on an incident may cite them, as the data check allows, so they must read as sources too."""
    from somekurs import data

    incidents, _ = data.load_incidents(data_dir)
    found: dict[str, Source] = {}
    for incident in incidents.values():
        for s in incident.get("sources", []):
            key = str(s.get("key", ""))
            if key:
                found[key] = Source(key, str(s.get("title", key)), str(s.get("url", "")), str(s.get("publisher", "")))
    return found


def describe(keys: list[str], data_dir: Path = DATA_DIR) -> list[Source]:
    """The sources for these keys, in order (bibliography first, then the incidents' own sources);
    an unknown key is shown as itself."""
    known = bibliography(data_dir)
    missing = [key for key in keys if key not in known]
    extra = incident_sources(data_dir) if missing else {}
    return [known.get(key) or extra.get(key) or Source(key, key) for key in keys]
