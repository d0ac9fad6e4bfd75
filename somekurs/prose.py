"""Prose checks for the book's chapters in both written standards: spelling (hunspell) and LIX.

The course teaches plain language, so its own text is held to it. This module turns a MyST
Markdown page into the prose a reader sees (no code, no URLs, no citation keys, no directive
options), then spell-checks that prose and computes LIX with textstat.

``lang`` picks the standard: bokmål (``nb``) is checked against Debian's nb_NO dictionary plus the
word lists in ``data/spelling/*.txt``; nynorsk (``nn``) against nn_NO plus the lists in
``data/spelling/nn/*.txt`` and the *names* of the bokmål lists (entries written with a capital
letter: a name is spelled the same in both standards, while a lower-case bokmål entry may be a
bokmål form that nynorsk must not accept). Both dictionaries come with the Debian package
``hunspell-no``. LIX uses the same measure and limit in both standards.

Run ``python -m somekurs.prose book/<chapter>.md`` (or ``nn/book/<chapter>.md``: a page under
``nn/`` is checked as nynorsk) to see a chapter's misspellings and LIX.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from somekurs import DATA_DIR, PROJECT_ROOT
from somekurs.editions import checked

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
    "plan-skjema",  # its argument is a plan id; the form's text is data/plans, checked there
}
_FENCE = re.compile(r"^(?P<fence>`{3,}|:{3,})\s*(?:\{(?P<name>[\w:-]+)\})?(?P<arg>.*)$")
_ROLE = re.compile(r"\{(?P<role>[\w:-]+)\}`(?P<body>[^`]*)`")
_LINK = re.compile(r"!?\[(?P<text>[^\]]*)\]\((?P<url>[^)]*)\)")
_URL = re.compile(r"<?https?://\S+>?")
_HTML = re.compile(r"<[^>]+>")
WORD = re.compile(r"[A-Za-zÆØÅæøåÉéÈèÜüÖöÄäÓóÁá]+(?:[-'’][A-Za-zÆØÅæøåÉéÜüÖöÄä]+)*")
# The spell check's words: nynorsk writes «vêr», «fôr», «òg», so ê, ô, ò, â are letters there too.
# (WORD itself stays as it is: the compare kind counts an answer's words with it, in Python and in
# the browser, and the stored workbook outputs carry its pattern.)
SPELL_WORD = re.compile(r"[A-Za-zÆØÅæøåÉéÈèÊêÔôÒòÂâÜüÖöÄäÓóÁá]+(?:[-'’][A-Za-zÆØÅæøåÉéÈèÊêÔôÒòÂâÜüÖöÄä]+)*")
# Keys of a data item whose values are ids, codes or judge criteria, never text a reader sees.
NON_READER_KEYS = {
    "id",
    "column",  # a plan check names a table column by its id
    "platforms",  # an incident's platforms are codes of a fixed list (the schema's enum)
    "theme",
    "kind",
    "aim",
    "basis",
    "section",
    "sources",
    "source",
    "next",
    "start",
    "expected",
    "category",
    "also",
    "incident",
    "channel",
    "platform",
    "rating",
    "actions",
    "check_by",
    "must",
    "must_any",
    "must_not",
    "kjelde",
    "kjelde_versjon",
    "file",
    "slug",
    "themes",
    "case_studies",
    "example_basis",
    "carry",
    "fields",
    "terms",
    "test",
}
_PLACEHOLDER = re.compile(r"\{\w*\}")


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


# Keys whose list is of page ids (a change-log entry's ``pages: [book/arkiv]``), never reader text;
# as a mapping («pages:» in data/texts) the same key holds text, so only a list is left out.
PAGE_LIST_KEYS = {"pages"}


def data_prose(value: object) -> str:
    """The reader-visible text of a data file (an exercise, the interface strings): every string
    except those under :data:`NON_READER_KEYS`, as prose (Markdown roles handled, ``{name}``
    placeholders dropped), one string per line."""
    out: list[str] = []

    def walk(node: object, key: object = None) -> None:
        if key in NON_READER_KEYS or (key in PAGE_LIST_KEYS and isinstance(node, list)):
            return
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, k)
        elif isinstance(node, list):
            for v in node:
                walk(v, key)
        elif isinstance(node, str):
            text = extract_prose(_PLACEHOLDER.sub("", node))  # before Markdown: «{per_theme}» is no emphasis
            if text.strip():
                out.append(text)

    walk(value)
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


DICTIONARIES = {"nb": "nb_NO", "nn": "nn_NO"}


def word_list_files(lang: str = "nb") -> list[Path]:
    """The project's word lists of one standard: ``data/spelling/*.txt`` or ``data/spelling/nn/*.txt``."""
    folder = DATA_DIR / "spelling" / ("nn" if checked(lang) == "nn" else "")
    return sorted(folder.glob("*.txt"))


def read_word_list(path: Path) -> list[str]:
    """The words of one list: one a line, ``#`` starts a comment."""
    words = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [w for w in words if w]


def project_words(lang: str = "nb") -> set[str]:
    """Words the dictionary lacks but the course uses correctly (names, acronyms, terms) in one
    standard; nynorsk also takes the names (capitalised entries) of the bokmål lists. An entry that is
    not one word (spaces, a dot, quotation marks) is a phrase, accepted only as a whole: a title that exists only in bokmål («forskrift om
    utførelse av arbeid») is kept as published, but its bokmål words are not nynorsk elsewhere."""
    words = {w for path in word_list_files(lang) for w in read_word_list(path)}
    if checked(lang) == "nn":
        words |= {w for path in word_list_files("nb") for w in read_word_list(path) if w[:1].isupper()}
    return words


# An ending after a hyphen inflects the word before it: «SMS-en», «PDF-ar», «JupyterHub-en».
_ENDINGS = {"a", "ar", "ane", "en", "ene", "er", "et", "ens", "s"}


def _parts(word: str) -> list[str]:
    """The words a hyphenated token is made of, inflection endings left out."""
    first, *rest = word.replace("’", "'").split("-")
    return [t for t in [first, *(r for r in rest if r.lower() not in _ENDINGS)] if t]


def _checkable(word: str) -> bool:
    """Skip acronyms, CamelCase, and one-letter tokens: names and codes, not prose words."""
    if len(word) < 2 or word.isupper():
        return False
    return not any(c.isupper() for c in word[1:])


def misspellings(prose: str, extra_words: set[str] | None = None, lang: str = "nb") -> list[str]:
    """Return the distinct words hunspell does not know in the standard ``lang`` (nb_NO or nn_NO),
    minus the project's word lists of that standard."""
    hunspell = shutil.which("hunspell")
    if hunspell is None:
        raise RuntimeError("Fant ikke hunspell. Installer Debian-pakkene hunspell og hunspell-no (scripts/setup.sh gjør det).")
    known = project_words(lang) | (extra_words or set())
    for phrase in sorted((w for w in known if not SPELL_WORD.fullmatch(w)), key=len, reverse=True):
        prose = re.sub(rf"(?<!\w){re.escape(phrase)}(?!\w)", " ", prose, flags=re.I)
    tokens = [t for w in SPELL_WORD.findall(prose) for t in _parts(w)]
    candidates = sorted({t for t in tokens if _checkable(t) and t not in known and t.lower() not in known})
    if not candidates:
        return []
    result = subprocess.run(
        [hunspell, "-d", DICTIONARIES[checked(lang)], "-l", "-i", "utf-8"],
        input="\n".join(candidates),
        capture_output=True,
        text=True,
        check=True,
    )
    # hunspell splits some tokens itself («Field's» → «Field», «s»): its pieces pass the same filter.
    return sorted({w for w in result.stdout.split() if _checkable(w) and w not in known and w.lower() not in known})


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


def page_lang(path: Path) -> str:
    """The standard of a page: nynorsk under ``nn/`` (the twins' folder), else bokmål."""
    relative = path.resolve().relative_to(PROJECT_ROOT) if path.resolve().is_relative_to(PROJECT_ROOT) else path
    return "nn" if relative.parts[:1] == ("nn",) else "nb"


def check_page(path: Path, lang: str | None = None) -> ProseReport:
    """Spell-check and LIX one page, in ``lang`` or else the standard its folder says."""
    prose = extract_prose(path.read_text(encoding="utf-8"))
    return ProseReport(path, word_count(prose), lix(prose), misspellings(prose, lang=lang or page_lang(path)))


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
