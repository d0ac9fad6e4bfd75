"""Build the course's JupyterLab language packs, bokmål (nb_NO) and nynorsk (nn_NO), from translations.yaml.

    .venv/bin/python deploy/jupyterlab-nb/build.py            # write the JSON and .mo files of both packs
    .venv/bin/python deploy/jupyterlab-nb/build.py --check    # exit 1 if they are out of step
    .venv/bin/python deploy/jupyterlab-nb/build.py --unknown  # msgids not in this JupyterLab
    .venv/bin/python deploy/jupyterlab-nb/build.py --pack deploy/jupyterlab-nn [--check | --unknown]

One tool for every pack. A pack is a folder (``deploy/jupyterlab-nb``, ``deploy/jupyterlab-nn``)
with ``translations.yaml``, ``pyproject.toml`` (its ``jupyterlab.languagepack`` entry point names
the locale) and the package ``jupyterlab_language_pack_<locale>``; :class:`Pack` reads the rest
from the folder. Without ``--pack`` the commands work on every pack in :data:`PACKS`.

translations.yaml is the source of truth. It is a list of sections, each with an optional
``context`` (gettext msgctxt: ``menu``, ``schema``, ``settings``, ``toolbar`` …) and ``domain``
(default ``jupyterlab``), and ``strings``: English msgid → Norwegian. A plural entry
(``_n`` in the bundles) maps its singular msgid to ``{plural: <English plural>, nb: [one, many]}``;
a translation that leaves a placeholder out on purpose is ``{nb: <text>, without: ["%1"]}``. The
key ``nb`` is the pack's language code: the nynorsk pack writes ``nn``. The nynorsk pack has the
same msgids, contexts and plurals as the bokmål one (``--check`` says where they differ).

Two outputs per domain, both committed so that ``pip install`` needs no build step:

- ``locale/<locale>/LC_MESSAGES/<domain>.json``: the Jed-style JSON the browser loads
  (``/lab/api/translations/<locale>``); a context entry's key is ``context + "\\u0004" + msgid``;
- ``locale/<locale>/LC_MESSAGES/<domain>.mo``: the same catalogue for Python's gettext, which
  jupyterlab_server uses to translate the settings schemas (menu titles and submenus, setting
  titles) before it sends them to the browser.

The same module gives the tests the msgids the installed JupyterLab uses (``lab_msgids``): the
``__``/``_p``/``_n``/``_np`` calls in the JS bundles, and the schema strings that
jupyterlab_server translates, with the context it gives them.
"""

from __future__ import annotations

import argparse
import json
import re
import struct
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
# The course's packs: bokmål first (the source the others follow), then nynorsk.
PACKS = (HERE, HERE.parent / "jupyterlab-nn")
PLURAL_FORMS = "nplurals=2; plural=(n != 1);"  # the same rule in bokmål and nynorsk
DEFAULT_DOMAIN = "jupyterlab"
# The JupyterLab version the msgids were checked against. jupyterlab_server compares it (as a
# version) with the locale data an extension ships for the same domain, and lets the newer win.
LAB_VERSION = "4.6.6"
CONTEXT_SEPARATOR = "\u0004"
PLACEHOLDER = re.compile(r"%\d+|\{[^{}\s]*\}")
ENTRY_POINTS = "jupyterlab.languagepack"


@dataclass(frozen=True)
class Pack:
    """One language pack: its folder and locale, and the paths that follow from them."""

    folder: Path
    locale: str  # nb_NO, nn_NO

    @classmethod
    def at(cls, folder: Path) -> Pack:
        """The pack in ``folder``; the locale is the one its pyproject.toml's entry point names."""
        folder = folder.resolve()
        project = tomllib.loads((folder / "pyproject.toml").read_text(encoding="utf-8"))
        points = project["project"]["entry-points"][ENTRY_POINTS]
        if len(points) != 1:
            raise ValueError(f"{folder}/pyproject.toml: expected one {ENTRY_POINTS} entry point, found {sorted(points)}")
        ((locale, module),) = points.items()
        pack = cls(folder, locale)
        if module != pack.package.name or not pack.package.is_dir():
            raise ValueError(f"{folder}: the entry point {locale} = {module!r} must name the package {pack.package.name}")
        return pack

    @property
    def lang(self) -> str:
        """The language code: the key of a plural or ``without`` entry in translations.yaml (nb, nn)."""
        return self.locale.split("_")[0]

    @property
    def language(self) -> str:
        """The JSON header's language: the browser's bundle matches it against the locale with a hyphen."""
        return self.locale.replace("_", "-")

    @property
    def source(self) -> Path:
        return self.folder / "translations.yaml"

    @property
    def package(self) -> Path:
        """The module jupyterlab_server imports for the locale (jupyterlab_language_pack_<locale>)."""
        return self.folder / f"jupyterlab_language_pack_{self.locale}"

    @property
    def messages(self) -> Path:
        return self.package / "locale" / self.locale / "LC_MESSAGES"


def packs() -> list[Pack]:
    """Every pack of the course, bokmål first."""
    return [Pack.at(folder) for folder in PACKS]


@dataclass(frozen=True)
class Entry:
    """One translated message."""

    domain: str
    context: str
    msgid: str
    plural: str | None
    translation: tuple[str, ...]  # one form, or [singular, plural]
    section: str
    without: tuple[str, ...] = ()  # placeholders the translation leaves out on purpose

    @property
    def key(self) -> str:
        return f"{self.context}{CONTEXT_SEPARATOR}{self.msgid}" if self.context else self.msgid


def load_entries(pack: Pack) -> list[Entry]:
    """The entries of the pack's translations.yaml, with duplicates and malformed ones refused."""
    source, lang = pack.source, pack.lang
    sections = yaml.safe_load(source.read_text(encoding="utf-8"))
    if not isinstance(sections, list):
        raise ValueError(f"{source}: expected a list of sections")
    entries: list[Entry] = []
    seen: dict[tuple[str, str, str], str] = {}
    for section in sections:
        name = section["section"]
        unknown = set(section) - {"section", "context", "domain", "strings"}
        if unknown:
            raise ValueError(f"{name}: unknown keys {sorted(unknown)}")
        context = section.get("context") or ""
        domain = section.get("domain") or DEFAULT_DOMAIN
        for msgid, value in (section.get("strings") or {}).items():
            if not isinstance(msgid, str):
                raise ValueError(f"{name}: msgid {msgid!r} is not a string (quote it in the YAML)")
            without: tuple[str, ...] = ()
            if isinstance(value, dict) and "plural" in value:
                if set(value) != {"plural", lang} or not isinstance(value[lang], list) or len(value[lang]) != 2:
                    raise ValueError(f"{name}: {msgid!r}: a plural entry needs 'plural' and '{lang}: [one, many]'")
                plural, translation = value["plural"], tuple(value[lang])
            elif isinstance(value, dict):
                if set(value) != {lang, "without"} or not isinstance(value[lang], str):
                    raise ValueError(f"{name}: {msgid!r}: expected {{{lang}: <text>, without: [<placeholder>, …]}}")
                plural, translation, without = None, (value[lang],), tuple(value["without"])
            elif isinstance(value, str):
                plural, translation = None, (value,)
            else:
                raise ValueError(f"{name}: {msgid!r}: the translation must be a string (quote it in the YAML)")
            if not all(isinstance(t, str) for t in translation):
                raise ValueError(f"{name}: {msgid!r}: the translation must be a string (quote it in the YAML)")
            where = (domain, context, msgid)
            if where in seen:
                raise ValueError(f"{name}: {msgid!r} (context {context!r}) is already in section {seen[where]!r}")
            seen[where] = name
            entries.append(Entry(domain, context, msgid, plural, translation, name, without))
    return entries


def _label(entry: Entry) -> str:
    return f"{entry.section}: {entry.context + ' | ' if entry.context else ''}{entry.msgid!r}"


def differences(source: list[Entry], twin: list[Entry]) -> list[str]:
    """Where ``twin`` (a pack translated from the bokmål one) has other msgids, contexts, domains,
    plurals or left-out placeholders than ``source``; empty when they agree."""

    def shape(entries: list[Entry]) -> dict[tuple[str, str, str], Entry]:
        return {(e.domain, e.context, e.msgid): e for e in entries}

    ours, theirs = shape(source), shape(twin)
    found = [f"mangler: {_label(e)}" for key, e in ours.items() if key not in theirs]
    found += [f"til overs: {_label(e)}" for key, e in theirs.items() if key not in ours]
    for key in ours.keys() & theirs.keys():
        a, b = ours[key], theirs[key]
        if (a.plural, a.without) != (b.plural, b.without):
            found.append(f"ulikt flertall eller without: {_label(b)}")
    return sorted(found)


# --- Outputs


def jed_json(entries: list[Entry], domain: str, pack: Pack) -> str:
    """The JSON JupyterLab's front end loads for one domain (keys sorted, as the official packs)."""
    data: dict[str, object] = {
        "": {"domain": domain, "language": pack.language, "plural_forms": PLURAL_FORMS, "version": LAB_VERSION},
    }
    for entry in sorted((e for e in entries if e.domain == domain), key=lambda e: e.key):
        data[entry.key] = list(entry.translation)
    return json.dumps(data, ensure_ascii=False, indent=4, sort_keys=True) + "\n"


def mo_file(entries: list[Entry], domain: str, pack: Pack) -> bytes:
    """A GNU .mo catalogue (little-endian, no hash table) for Python's gettext; byte-for-byte reproducible."""
    header = f"Project-Id-Version: {domain}\nLanguage: {pack.locale}\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\nPlural-Forms: {PLURAL_FORMS}\n"
    messages = {b"": header.encode("utf-8")}
    for entry in entries:
        if entry.domain != domain:
            continue
        msgid = entry.key if entry.plural is None else f"{entry.key}\0{entry.plural}"
        messages[msgid.encode("utf-8")] = "\0".join(entry.translation).encode("utf-8")
    keys = sorted(messages)
    ids = strs = b""
    offsets = []
    for key in keys:
        offsets.append((len(ids), len(key), len(strs), len(messages[key])))
        ids += key + b"\0"
        strs += messages[key] + b"\0"
    count = len(keys)
    ids_start = 7 * 4 + 16 * count
    strs_start = ids_start + len(ids)
    id_table = b"".join(struct.pack("<2I", length, ids_start + offset) for offset, length, _, _ in offsets)
    str_table = b"".join(struct.pack("<2I", length, strs_start + offset) for _, _, offset, length in offsets)
    head = struct.pack("<7I", 0x950412DE, 0, count, 7 * 4, 7 * 4 + 8 * count, 0, 0)
    return head + id_table + str_table + ids + strs


def outputs(entries: list[Entry], pack: Pack) -> dict[Path, bytes]:
    """Every generated file of the pack and its content."""
    files: dict[Path, bytes] = {}
    for domain in sorted({e.domain for e in entries}):
        files[pack.messages / f"{domain}.json"] = jed_json(entries, domain, pack).encode("utf-8")
        files[pack.messages / f"{domain}.mo"] = mo_file(entries, domain, pack)
    return files


# --- What the installed JupyterLab uses

_JS_STRING = r"""(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\$]|\\.|\$(?!\{))*`)"""
_SEP = r"\s*,\s*"
_CALLS = {
    "__": re.compile(rf"\.__\(\s*(?P<msgid>{_JS_STRING})\s*[,)]"),
    "_p": re.compile(rf"\._p\(\s*(?P<context>{_JS_STRING}){_SEP}(?P<msgid>{_JS_STRING})\s*[,)]"),
    "_n": re.compile(rf"\._n\(\s*(?P<msgid>{_JS_STRING}){_SEP}(?P<plural>{_JS_STRING}){_SEP}"),
    "_np": re.compile(rf"\._np\(\s*(?P<context>{_JS_STRING}){_SEP}(?P<msgid>{_JS_STRING}){_SEP}(?P<plural>{_JS_STRING}){_SEP}"),
}
_ESCAPE = re.compile(r"\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\n|.)", re.DOTALL)
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0", "\n": ""}


def _js_unquote(literal: str) -> str:
    def replace(match: re.Match[str]) -> str:
        code = match.group(1)
        if code.startswith("u{"):
            return chr(int(code[2:-1], 16))
        if code[0] in "ux" and len(code) > 1:
            return chr(int(code[1:], 16))
        return _SIMPLE_ESCAPES.get(code, code)

    text = _ESCAPE.sub(replace, literal[1:-1])
    # JS strings are UTF-16: join surrogate pairs that \u escapes produced.
    return text.encode("utf-16", "surrogatepass").decode("utf-16")


def lab_files(prefix: Path | None = None) -> tuple[list[Path], list[Path]]:
    """(JS bundles, schema files) of the JupyterLab installed under ``prefix`` (default: this Python's)."""
    share = (prefix or Path(sys.prefix)) / "share" / "jupyter"
    bundles = sorted((share / "lab" / "static").glob("*.js")) + sorted((share / "labextensions").glob("**/static/*.js"))
    schemas = sorted((share / "lab" / "schemas").glob("**/*.json")) + sorted(
        (share / "labextensions").glob("**/schemas/**/*.json")
    )
    return bundles, schemas


def bundle_msgids(bundles: list[Path]) -> dict[tuple[str, str], str | None]:
    """(context, msgid) → English plural (or None) for every literal translation call in the bundles."""
    found: dict[tuple[str, str], str | None] = {}
    for path in bundles:
        text = path.read_text(encoding="utf-8", errors="replace")
        for call, pattern in _CALLS.items():
            for match in pattern.finditer(text):
                context = _js_unquote(match.group("context")) if "context" in pattern.groupindex else ""
                msgid = _js_unquote(match.group("msgid"))
                plural = _js_unquote(match.group("plural")) if call in {"_n", "_np"} else None
                if found.get((context, msgid)) is None:
                    found[(context, msgid)] = plural
    return found


def schema_msgids(schemas: list[Path]) -> set[tuple[str, str]]:
    """(context, msgid) for every schema string jupyterlab_server translates, with its context.

    Uses jupyterlab_server's own walk over the schema (the selectors for titles, descriptions,
    menu and toolbar labels), so a change there is followed here."""
    from jupyterlab_server.translation_utils import translator

    found: set[tuple[str, str]] = set()

    class Recorder:
        def pgettext(self, context: str, msgid: str) -> str:
            found.add((context, msgid))
            return msgid

    for path in schemas:
        schema = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(schema, dict):
            translator._translate_schema_strings(Recorder(), schema)
    return found


def lab_msgids(prefix: Path | None = None) -> dict[tuple[str, str], str | None]:
    """Every (context, msgid) the installed JupyterLab can translate, with the English plural for ``_n`` calls."""
    bundles, schemas = lab_files(prefix)
    found = bundle_msgids(bundles)
    for key in schema_msgids(schemas):
        found.setdefault(key, None)
    return found


def placeholders(text: str) -> list[str]:
    """The %1 and {name} placeholders of a message, sorted (order may change in a translation)."""
    return sorted(PLACEHOLDER.findall(text))


def _shown(path: Path) -> Path:
    return path.relative_to(ROOT) if path.is_relative_to(ROOT) else path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pack", type=Path, action="append", help="the pack's folder (default: every pack); may be repeated")
    parser.add_argument("--check", action="store_true", help="only check that the generated files match the YAML")
    parser.add_argument("--unknown", action="store_true", help="list msgids the installed JupyterLab does not use")
    args = parser.parse_args(argv)
    chosen = [Pack.at(folder) for folder in args.pack] if args.pack else packs()
    source = load_entries(Pack.at(PACKS[0]))
    known = lab_msgids() if args.unknown else {}
    status = 0
    for pack in chosen:
        entries = load_entries(pack)
        if args.unknown:
            unknown = [e for e in entries if (e.context, e.msgid) not in known]
            for entry in unknown:
                print(f"{pack.locale}: {_label(entry)}")
            status |= bool(unknown)
            continue
        files = outputs(entries, pack)
        if args.check:
            stale = [p for p, content in files.items() if not p.exists() or p.read_bytes() != content]
            for path in stale:
                print(f"Utdatert: {_shown(path)} (kjør {_shown(Path(__file__))} --pack {_shown(pack.folder)})")
            unlike = differences(source, entries) if pack.folder != PACKS[0] else []
            for line in unlike:
                print(f"{pack.locale} er ikke i takt med {_shown(PACKS[0] / 'translations.yaml')}: {line}")
            status |= bool(stale or unlike)
            continue
        pack.messages.mkdir(parents=True, exist_ok=True)
        for old in pack.messages.iterdir():
            if old not in files:
                old.unlink()
        for path, content in files.items():
            path.write_bytes(content)
        print(f"{len(entries)} oversettelser → {_shown(pack.messages)}")
    return status


if __name__ == "__main__":
    sys.exit(main())
