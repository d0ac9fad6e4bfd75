"""Build the Norwegian bokmål (nb_NO) language pack for JupyterLab from translations.yaml.

    .venv/bin/python deploy/jupyterlab-nb/build.py            # write the JSON and .mo files
    .venv/bin/python deploy/jupyterlab-nb/build.py --check    # exit 1 if they are out of step
    .venv/bin/python deploy/jupyterlab-nb/build.py --unknown  # msgids not in this JupyterLab

translations.yaml is the source of truth. It is a list of sections, each with an optional
``context`` (gettext msgctxt: ``menu``, ``schema``, ``settings``, ``toolbar`` …) and ``domain``
(default ``jupyterlab``), and ``strings``: English msgid → Norwegian. A plural entry
(``_n`` in the bundles) maps its singular msgid to ``{plural: <English plural>, nb: [one, many]}``;
a translation that leaves a placeholder out on purpose is ``{nb: <text>, without: ["%1"]}``.

Two outputs per domain, both committed so that ``pip install`` needs no build step:

- ``locale/nb_NO/LC_MESSAGES/<domain>.json``: the Jed-style JSON the browser loads
  (``/lab/api/translations/nb_NO``); a context entry's key is ``context + "\\u0004" + msgid``;
- ``locale/nb_NO/LC_MESSAGES/<domain>.mo``: the same catalogue for Python's gettext, which
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
from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "translations.yaml"
PACKAGE = HERE / "jupyterlab_language_pack_nb_NO"
LOCALE = "nb_NO"
MESSAGES = PACKAGE / "locale" / LOCALE / "LC_MESSAGES"
LANGUAGE = "nb-NO"  # the browser's bundle matches the header's language against the locale with a hyphen
PLURAL_FORMS = "nplurals=2; plural=(n != 1);"
DEFAULT_DOMAIN = "jupyterlab"
# The JupyterLab version the msgids were checked against. jupyterlab_server compares it (as a
# version) with the locale data an extension ships for the same domain, and lets the newer win.
LAB_VERSION = "4.6.6"
CONTEXT_SEPARATOR = "\u0004"
PLACEHOLDER = re.compile(r"%\d+|\{[^{}\s]*\}")


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


def load_entries(source: Path = SOURCE) -> list[Entry]:
    """The entries of translations.yaml, with duplicates and malformed ones refused."""
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
                if set(value) != {"plural", "nb"} or not isinstance(value["nb"], list) or len(value["nb"]) != 2:
                    raise ValueError(f"{name}: {msgid!r}: a plural entry needs 'plural' and 'nb: [one, many]'")
                plural, translation = value["plural"], tuple(value["nb"])
            elif isinstance(value, dict):
                if set(value) != {"nb", "without"} or not isinstance(value["nb"], str):
                    raise ValueError(f"{name}: {msgid!r}: expected {{nb: <text>, without: [<placeholder>, …]}}")
                plural, translation, without = None, (value["nb"],), tuple(value["without"])
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


# --- Outputs


def jed_json(entries: list[Entry], domain: str) -> str:
    """The JSON JupyterLab's front end loads for one domain (keys sorted, as the official packs)."""
    data: dict[str, object] = {
        "": {"domain": domain, "language": LANGUAGE, "plural_forms": PLURAL_FORMS, "version": LAB_VERSION},
    }
    for entry in sorted((e for e in entries if e.domain == domain), key=lambda e: e.key):
        data[entry.key] = list(entry.translation)
    return json.dumps(data, ensure_ascii=False, indent=4, sort_keys=True) + "\n"


def mo_file(entries: list[Entry], domain: str) -> bytes:
    """A GNU .mo catalogue (little-endian, no hash table) for Python's gettext; byte-for-byte reproducible."""
    header = f"Project-Id-Version: {domain}\nLanguage: {LOCALE}\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\nPlural-Forms: {PLURAL_FORMS}\n"
    messages = {b"": header.encode("utf-8")}
    for entry in entries:
        if entry.domain != domain:
            continue
        key = entry.key if entry.plural is None else f"{entry.key}\0{entry.plural}"
        messages[key.encode("utf-8")] = "\0".join(entry.translation).encode("utf-8")
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


def outputs(entries: list[Entry]) -> dict[Path, bytes]:
    """Every generated file and its content."""
    files: dict[Path, bytes] = {}
    for domain in sorted({e.domain for e in entries}):
        files[MESSAGES / f"{domain}.json"] = jed_json(entries, domain).encode("utf-8")
        files[MESSAGES / f"{domain}.mo"] = mo_file(entries, domain)
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only check that the generated files match the YAML")
    parser.add_argument("--unknown", action="store_true", help="list msgids the installed JupyterLab does not use")
    args = parser.parse_args(argv)
    entries = load_entries()
    if args.unknown:
        known = lab_msgids()
        unknown = [e for e in entries if (e.context, e.msgid) not in known]
        for entry in unknown:
            print(f"{entry.section}: {entry.context + ' | ' if entry.context else ''}{entry.msgid!r}")
        return 1 if unknown else 0
    files = outputs(entries)
    if args.check:
        stale = [p for p, content in files.items() if not p.exists() or p.read_bytes() != content]
        for path in stale:
            print(f"Utdatert: {path.relative_to(HERE)} (kjør {Path(__file__).name})")
        return 1 if stale else 0
    MESSAGES.mkdir(parents=True, exist_ok=True)
    for old in MESSAGES.iterdir():
        if old not in files:
            old.unlink()
    for path, content in files.items():
        path.write_bytes(content)
    print(f"{len(entries)} oversettelser → {MESSAGES.relative_to(HERE)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
