"""CHANGELOG.md for instructors, written from data/changelog.yaml (the source of the book's
«Endringslogg» page too), so the two can never say different things.

``python -m somekurs.changelog`` rewrites the file; a test fails when it is out of step.
"""

from __future__ import annotations

from pathlib import Path

from somekurs import PROJECT_ROOT, data, norwegian
from somekurs.pages import change_kind

PATH = PROJECT_ROOT / "CHANGELOG.md"


def changelog_markdown() -> str:
    lines = [
        "# Endringslogg for kursholdere",
        "",
        "Hva som er endret i kurset og i reglene det lærer bort, og hvorfor, nyeste først.",
        "Skrevet ut fra `data/changelog.yaml` (`python -m somekurs.changelog`); boka viser det samme på siden",
        "«Endringslogg». Ikke rediger denne fila: skriv i `data/changelog.yaml`.",
        "",
    ]
    by_date: dict[str, list[dict]] = {}
    for entry in data.load_changelog():
        by_date.setdefault(str(entry["date"]), []).append(entry)
    for day, entries in by_date.items():
        lines += [f"## {norwegian.date(day)}", ""]
        for entry in entries:
            pages = ", ".join(f"`{p}`" for p in entry.get("pages") or [])
            where = f" ({pages})" if pages else ""
            lines.append(f"- **{change_kind(entry['kind'])}:** {' '.join(entry['text'].split())}{where}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def write(path: Path = PATH) -> bool:
    """Rewrite the file; True when it changed."""
    text = changelog_markdown()
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True


if __name__ == "__main__":
    print("skrev CHANGELOG.md" if write() else "CHANGELOG.md er oppdatert")
