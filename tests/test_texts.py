"""The interface strings in both standards: ``data/texts/nb.yaml`` and ``data/texts/nn.yaml`` agree.

A participant who picks nynorsk must get every button and message in nynorsk, filled with the
same values: so the two files have the same sections, the same keys and, key by key, the same
``{placeholders}`` (a placeholder missing in one standard raises or drops a value only there).
A cheap guard against untranslated strings: no nynorsk value may hold a word that exists only in
bokmål («ikkje», not «ikke»). The spelling of nn.yaml is checked by tests/test_prose.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from somekurs import filecache, texts

Table = dict[str, dict[str, str]]

# Words written differently in nynorsk (ikkje, kva, korleis, nokon, vere, deg sjølv, frå …): one of
# them in an nn value is bokmål left in the translation.
BOKMAL_ONLY = [
    "ikke",
    "hva",
    "hvem",
    "hvordan",
    "hvorfor",
    "hvilken",
    "hvilke",
    "noen",
    "noe",
    "være",
    "deg selv",
    "fra",
    "jeg",
    "mye",
    "bare",
    "gjøre",
    "ble",
]


def parity_problems(nb: Table, nn: Table) -> list[str]:
    """Every section, key or placeholder that one standard has and the other lacks."""
    problems = [f"seksjonen {s} finst berre på bokmål" for s in sorted(nb.keys() - nn.keys())]
    problems += [f"seksjonen {s} finst berre på nynorsk" for s in sorted(nn.keys() - nb.keys())]
    for name in sorted(nb.keys() & nn.keys()):
        problems += [f"{name}.{k} manglar i nn.yaml" for k in sorted(nb[name].keys() - nn[name].keys())]
        problems += [f"{name}.{k} finst ikkje i nb.yaml" for k in sorted(nn[name].keys() - nb[name].keys())]
        for key in sorted(nb[name].keys() & nn[name].keys()):
            ours, theirs = texts.placeholders(nb[name][key]), texts.placeholders(nn[name][key])
            if ours != theirs:
                problems.append(f"{name}.{key}: plasshaldarar {sorted(ours)} på bokmål, {sorted(theirs)} på nynorsk")
    return problems


def bokmal_left(nn: Table) -> list[str]:
    """Every nn value that holds a bokmål-only word."""
    found = []
    for name, entries in nn.items():
        for key, value in entries.items():
            words = [w for w in BOKMAL_ONLY if re.search(rf"(?<!\w){w}(?!\w)", value, re.I)]
            if words:
                found.append(f"{name}.{key}: {', '.join(words)} i «{value}»")
    return found


def test_both_standards_have_the_same_sections_keys_and_placeholders() -> None:
    problems = parity_problems(texts.table("nb"), texts.table("nn"))
    assert not problems, "data/texts: nb.yaml og nn.yaml er ikkje like:\n" + "\n".join(problems)


def test_no_nynorsk_string_holds_a_bokmal_word() -> None:
    found = bokmal_left(texts.table("nn"))
    assert not found, "data/texts/nn.yaml har bokmål att:\n" + "\n".join(found)


def test_the_bokmal_words_are_bokmal() -> None:
    """The list itself: each word is in the bokmål file, or the guard could be checking nothing."""
    nb_text = " ".join(v for entries in texts.table("nb").values() for v in entries.values())
    used = [w for w in BOKMAL_ONLY if re.search(rf"(?<!\w){w}(?!\w)", nb_text, re.I)]
    assert len(used) >= 8, used


def test_the_checks_catch_a_missing_key_a_lost_placeholder_and_an_untranslated_string() -> None:
    nb, nn = texts.table("nb"), {name: dict(entries) for name, entries in texts.table("nn").items()}
    name, key = next((s, k) for s, e in nb.items() for k, v in e.items() if texts.placeholders(v))
    other = next(k for k in nn[name] if k != key)
    nn[name][key] = "Utan plasshaldar"
    del nn[name][other]
    nn[name]["berre_nynorsk"] = "Ekstra"
    problems = parity_problems(nb, nn)
    assert f"{name}.{other} manglar i nn.yaml" in problems
    assert f"{name}.berre_nynorsk finst ikkje i nb.yaml" in problems
    assert any(p.startswith(f"{name}.{key}: plasshaldarar") for p in problems)
    nn[name][key] = nb[name][key]
    untranslated = {"view": {"empty": "Du har ikke svart ennå. Hva vil du gjøre?"}}
    assert bokmal_left(untranslated) == ["view.empty: ikke, hva, gjøre i «Du har ikke svart ennå. Hva vil du gjøre?»"]
    assert bokmal_left({"view": {"empty": "Du har ikkje svart enno. Kva vil du gjere?"}}) == []


@pytest.mark.parametrize("key", ["yes", "no", "on", "off", "true", "false"])
def test_a_key_yaml_reads_as_a_boolean_is_refused(tmp_path: Path, key: str) -> None:
    """YAML 1.1 reads a bare ``yes:`` as True: that string could never be found, so the file is refused."""
    file = tmp_path / "nn.yaml"
    file.write_text(f"view:\n  check: Sjekk svaret\n  {key}: Ja\n", encoding="utf-8")
    with pytest.raises(texts.TextsError, match="nøkler som ikke er tekst"):
        texts._load(file, filecache.stamp([file]))


def test_no_key_in_either_file_looks_like_a_boolean() -> None:
    """The same rule on the real files, with the quoted forms too («"yes": …» loads, but reads as a trap)."""
    looks = re.compile(r"^\s+[\"']?(yes|no|on|off|true|false|y|n)[\"']?\s*:", re.I | re.M)
    for lang in ("nb", "nn"):
        found = looks.findall(texts.path(lang).read_text(encoding="utf-8"))
        assert not found, f"{texts.path(lang).name}: nøklar som ser ut som ja/nei: {found}"
