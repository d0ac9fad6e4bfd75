"""Prose checks for the book's chapters: Norwegian spelling (hunspell nb_NO) and LIX.

The course teaches plain language, so its own text is held to it. This module turns a MyST
Markdown page into the prose a reader sees (no code, no URLs, no citation keys, no directive
options), then spell-checks that prose against Debian's nb_NO dictionary plus the project's
word lists in ``data/spelling/*.txt`` and computes LIX with textstat.

Run ``python -m somekurs.prose book/<chapter>.md`` to see a chapter's misspellings and LIX.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from somekurs import DATA_DIR

LIX_LIMIT = 45
# Directives whose body is code, configuration or a list of files, not prose.
_NON_PROSE_DIRECTIVES = {
    "code-cell",
    "code",
    "code-block",
    "bibliography",
    "toctree",
    "raw",
    "eval-rst",
    "kursordliste",
    "hendelseskatalog",
    "fasit",
    "oppgavekart",
}
_FENCE = re.compile(r"^(?P<fence>`{3,}|:{3,})\s*(?:\{(?P<name>[\w:-]+)\})?(?P<arg>.*)$")
_ROLE = re.compile(r"\{(?P<role>[\w:-]+)\}`(?P<body>[^`]*)`")
_LINK = re.compile(r"!?\[(?P<text>[^\]]*)\]\((?P<url>[^)]*)\)")
_URL = re.compile(r"<?https?://\S+>?")
_HTML = re.compile(r"<[^>]+>")
WORD = re.compile(r"[A-Za-zÆØÅæøåÉéÈèÜüÖöÄäÓóÁá]+(?:[-'’][A-Za-zÆØÅæøåÉéÜüÖöÄä]+)*")


def _role_text(match: re.Match[str]) -> str:
    """Keep what a role shows the reader; drop what only links or cites."""
    role, body = match.group("role"), match.group("body")
    if role.startswith(("cite", "footcite")) or role == "hendelse":
        return ""
    if role in {"ref", "doc", "numref", "download"} and "<" not in body:
        return ""
    shown = re.match(r"(?P<text>.*?)\s*<[^>]*>$", body, re.S)
    return shown.group("text") if shown else body


def extract_prose(markdown: str) -> str:
    """Return the reader-visible prose of a MyST page, one sentence-ish unit per line."""
    lines = markdown.splitlines()
    if lines and lines[0].strip() == "---":
        end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() == "---"), 0)
        lines = lines[end + 1 :]
    out: list[str] = []
    skip_until: str | None = None
    for raw in lines:
        line = raw.strip()
        if skip_until is not None:
            if line == skip_until:
                skip_until = None
            continue
        fence = _FENCE.match(line)
        if fence:
            name = fence.group("name") or ""
            if fence.group("fence").startswith("`") and (not name or name in _NON_PROSE_DIRECTIVES):
                skip_until = fence.group("fence")
                continue
            if name in _NON_PROSE_DIRECTIVES:
                skip_until = fence.group("fence")
                continue
            arg = fence.group("arg").strip()
            if arg and name not in {"figure", "image", "include", "literalinclude"}:
                out.append(arg)
            continue
        if re.match(r"^:[\w-]+:", line) or re.match(r"^\(.*\)=$", line) or line.startswith("%"):
            continue
        if re.match(r"^\|?\s*:?-{3,}", line):
            continue
        line = _ROLE.sub(_role_text, line)
        line = _LINK.sub(lambda m: m.group("text"), line)
        line = _URL.sub("", line)
        line = _HTML.sub("", line)
        line = re.sub(r"`[^`]*`", "", line)
        line = re.sub(r"^[#>*+\-\s]+|^\d+[.)]\s+|^\[[ xX]\]\s*", "", line)
        line = line.replace("|", ". ").replace("*", "").replace("_", " ")
        line = line.strip()
        if line:
            out.append(line)
    return "\n".join(out)


def _sentences(prose: str) -> str:
    """End every line with a full stop, so headings and list items count as sentences for LIX."""
    return " ".join(line if line[-1] in ".!?:" else line + "." for line in prose.splitlines() if line)


def lix(prose: str) -> float:
    """LIX (Björnsson) via textstat: words per sentence plus the percentage of words over six
    letters. Lines are first closed with a full stop so headings and list items count as
    sentences instead of running into the next line."""
    import textstat

    text = _sentences(prose)
    return round(float(textstat.lix(text)), 1) if WORD.search(text) else 0.0


def word_count(prose: str) -> int:
    """Count the words a reader reads."""
    return len(WORD.findall(prose))


def project_words() -> set[str]:
    """Words the dictionary lacks but the course uses correctly (names, acronyms, terms)."""
    words: set[str] = set()
    for path in sorted((DATA_DIR / "spelling").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            if line:
                words.add(line)
    return words


def _checkable(word: str) -> bool:
    """Skip acronyms, CamelCase, and one-letter tokens: names and codes, not prose words."""
    if len(word) < 2 or word.isupper():
        return False
    return not any(c.isupper() for c in word[1:])


def misspellings(prose: str, extra_words: set[str] | None = None) -> list[str]:
    """Return the distinct words hunspell nb_NO does not know, minus the project's word lists."""
    hunspell = shutil.which("hunspell")
    if hunspell is None:
        raise RuntimeError("Fant ikke hunspell. Installer Debian-pakkene hunspell og hunspell-no (scripts/setup.sh gjør det).")
    known = project_words() | (extra_words or set())
    tokens = [t for w in WORD.findall(prose) for t in w.replace("’", "'").split("-") if t]
    candidates = sorted({t for t in tokens if _checkable(t) and t not in known and t.lower() not in known})
    if not candidates:
        return []
    result = subprocess.run(
        [hunspell, "-d", "nb_NO", "-l", "-i", "utf-8"],
        input="\n".join(candidates),
        capture_output=True,
        text=True,
        check=True,
    )
    return sorted(set(result.stdout.split()))


@dataclass
class ProseReport:
    """What the prose gate says about one page."""

    path: Path
    words: int
    lix: float
    misspelled: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.misspelled and self.lix <= LIX_LIMIT


def check_page(path: Path) -> ProseReport:
    """Spell-check and LIX one page."""
    prose = extract_prose(path.read_text(encoding="utf-8"))
    return ProseReport(path, word_count(prose), lix(prose), misspellings(prose))


def main(argv: list[str]) -> int:
    """Print words, LIX and misspellings for each page named; exit 1 if any page fails."""
    status = 0
    for name in argv or sorted(str(p) for p in Path("book").rglob("*.md")):
        report = check_page(Path(name))
        flag = "OK " if report.ok else "FEIL"
        print(f"{flag} {name}: {report.words} ord, LIX {report.lix}")
        if report.misspelled:
            print("     ukjente ord:", ", ".join(report.misspelled))
        status |= not report.ok
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
