"""The data files: incidents, glossary and sources are valid, and every reference resolves."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from somekurs import claims, data, norwegian

from tests.helpers import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "data"
BIB_ENTRY = re.compile(r"@\w+\s*\{\s*([^,\s]+)\s*,", re.M)


def test_every_incident_file_is_valid() -> None:
    incidents, problems = data.load_incidents()
    assert not problems, "\n".join(str(p) for p in problems)
    assert incidents, "katalogen er tom"


def test_incident_without_source_is_rejected_with_file_id_and_field() -> None:
    incidents, problems = data.load_incidents(FIXTURES)
    messages = [str(p) for p in problems]
    assert any(m.startswith("no-2020-mangler-kilde.yaml: no-2020-mangler-kilde: felt «sources»") for m in messages), messages
    assert any("no-2020-gyldig.yaml: no-2020-gyldig: felt «themes»: ukjent tema «ukjent-tema»" in m for m in messages), messages
    assert incidents == {}


def test_glossary_terms_are_valid_and_unique() -> None:
    terms, problems = data.load_glossary()
    assert not problems, "\n".join(str(p) for p in problems)
    _, fixture_problems = data.load_glossary(FIXTURES)
    assert [p.field for p in fixture_problems] == ["term"]


def test_glossary_is_in_norwegian_order() -> None:
    words = ["øre", "arkiv", "åpenhet", "ærlig", "behandling"]
    assert sorted(words, key=norwegian.sort_key) == ["arkiv", "behandling", "ærlig", "øre", "åpenhet"]


def bib_keys() -> Counter[str]:
    keys: Counter[str] = Counter()
    for path in (ROOT / "data" / "references").glob("*.bib"):
        keys.update(BIB_ENTRY.findall(path.read_text(encoding="utf-8")))
    return keys


def test_every_source_key_is_defined_once() -> None:
    twice = [k for k, n in bib_keys().items() if n > 1]
    assert not twice, f"nøkler definert i mer enn én .bib-fil: {twice}"


def test_every_bib_entry_has_url_and_date_checked() -> None:
    for path in (ROOT / "data" / "references").glob("*.bib"):
        for entry in re.split(r"\n(?=@)", path.read_text(encoding="utf-8")):
            if not entry.strip().startswith("@"):
                continue
            key = BIB_ENTRY.search(entry).group(1)
            assert re.search(r"\burl\s*=", entry), f"{path.name}: {key} mangler url"
            assert "Lest" in entry, f"{path.name}: {key} mangler «Lest <dato>» i note"


def referencing_files() -> list[Path]:
    return [
        *ROOT.glob("book/*.md"),
        *ROOT.glob("notebooks/*.ipynb"),
        *ROOT.glob("exercises/*.ipynb"),
        *ROOT.glob("data/exercises/*.yaml"),
    ]


def test_every_incident_reference_resolves() -> None:
    incidents, _ = data.load_incidents()
    pattern = re.compile(r"\{hendelse\}`([^`]+)`|incident:\s*([a-z0-9-]+)")
    unknown = []
    for path in referencing_files():
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".ipynb":
            text = "\n".join("".join(c["source"]) for c in json.loads(text)["cells"])
        for match in pattern.finditer(text):
            ref = match.group(1) or match.group(2)
            if ref not in incidents:
                unknown.append(f"{path.relative_to(ROOT)}: {ref}")
    assert not unknown, unknown


def test_every_incident_source_date_is_not_in_the_future() -> None:
    today = claims.today().isoformat()
    incidents, _ = data.load_incidents()
    for item in incidents.values():
        for src in item["sources"]:
            assert src["published"] <= today and src["accessed"] <= today, item["id"]


def test_no_source_is_defined_twice_under_different_keys() -> None:
    seen: dict[str, str] = {}
    twice = []
    for path in (ROOT / "data" / "references").glob("*.bib"):
        for entry in re.split(r"\n(?=@)", path.read_text(encoding="utf-8")):
            key, url = BIB_ENTRY.search(entry), re.search(r"url\s*=\s*\{([^}]+)\}", entry)
            if key and url:
                address = url.group(1).rstrip("/")
                if address in seen:
                    twice.append(f"{address}: {seen[address]} og {key.group(1)}")
                seen[address] = key.group(1)
    assert not twice, twice


def test_every_glossary_term_is_linked_from_a_chapter() -> None:
    terms, _ = data.load_glossary()
    text = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "book").glob("*.md"))
    linked = {m.lower() for m in re.findall(r"\{term\}`(?:[^`<]*<)?([^`>]+)>?`", text)}
    unlinked = [t["term"] for t in terms if t["term"].lower() not in linked]
    assert not unlinked, f"begreper i ordlista som ingen kapitler lenker til: {unlinked}"


def test_catalogue_covers_every_theme_with_real_incidents() -> None:
    incidents, _ = data.load_incidents()
    assert len(incidents) >= 40
    per_theme = Counter(t for item in incidents.values() for t in item["themes"])
    thin = [t["slug"] for t in data.load_themes() if per_theme[t["slug"]] < 2]
    assert not thin, f"temaer med færre enn to hendelser: {thin}"


def test_workbook_has_enough_exercises_and_most_rest_on_real_incidents() -> None:
    from somekurs.exercises.model import load_exercises

    exercises, problems = load_exercises()
    assert not problems, [str(p) for p in problems]
    per_theme = Counter(e["theme"] for e in exercises.values())
    assert len(exercises) >= 60
    assert all(per_theme[t["slug"]] >= 4 for t in data.load_themes()), per_theme
    real = sum(e["basis"] == "incident" for e in exercises.values())
    assert real * 2 >= len(exercises), f"bare {real} av {len(exercises)} bygger på virkelige hendelser"


def _schema_cases() -> list[tuple[str, Path, object]]:
    """Every real item and fixture, and broken variants of them (a field removed, a field
    of the wrong type, a field the schema does not know)."""
    from tests.test_exercises_model import BROKEN

    cases: list[tuple[str, Path, object]] = []
    for folder, name in ((ROOT / "data" / "incidents", "incident"), (FIXTURES / "incidents", "incident")):
        cases += [(name, p, data.read_yaml(p)[0]) for p in sorted(folder.glob("*.yaml"))]
    for folder, name in (
        (ROOT / "data" / "glossary", "glossary"),
        (FIXTURES / "glossary", "glossary"),
        (ROOT / "data" / "exercises", "exercise"),
        (ROOT / "tests" / "fixtures" / "exercises", "exercise"),
    ):
        for p in sorted(folder.glob("*.yaml")):
            cases += [(name, p, item) for item in data.read_yaml(p)[0] or []]
    import yaml

    cases += [("exercise", Path("b-odelagt.yaml"), item) for item in yaml.safe_load(BROKEN)]
    broken = []
    for name, path, item in cases:
        if not isinstance(item, dict):
            continue
        for key in item:
            broken.append((name, path, {k: v for k, v in item.items() if k != key}))
            broken.append((name, path, {**item, key: 5 if not isinstance(item[key], int) else "fem"}))
        broken.append((name, path, {**item, "ukjent_felt": "x"}))
    return cases + broken


def test_fast_and_full_schema_validation_agree_on_every_item() -> None:
    """Kernels check data with fastjsonschema and only load jsonschema to explain a failure;
    the two must accept and reject exactly the same items, or a broken file could slip into a
    participant's notebook unreported."""
    import fastjsonschema

    disagreements = []
    cases = _schema_cases()
    for name, path, item in cases:
        try:
            data._fast_validator(name)(item)
            fast_ok = True
        except fastjsonschema.JsonSchemaException:
            fast_ok = False
        full_ok = not data.detailed_schema_problems(name, item, path)
        if fast_ok != full_ok:
            disagreements.append((name, path.name, str(item)[:120], fast_ok, full_ok))
    assert len(cases) > 2000
    assert sum(1 for n, p, i in cases if data.detailed_schema_problems(n, i, p)) > 1000, "for få ødelagte varianter"
    assert not disagreements, disagreements[:5]


def test_changelog_md_is_in_step_with_the_data() -> None:
    """CHANGELOG.md (for instructors) and the book's Endringslogg come from data/changelog.yaml."""
    from somekurs import changelog

    assert (ROOT / "CHANGELOG.md").read_text(encoding="utf-8") == changelog.changelog_markdown(), (
        "CHANGELOG.md er ikke oppdatert: kjør .venv/bin/python -m somekurs.changelog"
    )
