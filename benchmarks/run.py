"""Measure the course on this machine and print the figures against their targets.

Not a test: it reports, so the test suite stays independent of machine speed. It measures
a clean build and a warm rebuild of the book, each notebook in a fresh kernel (time and the
kernel's peak resident memory), the import time of the course package, and for every built
page the bytes a reader's browser loads (by kind) and the time to load. The figures are
written to benchmarks/resultater.md (included in the instructor guide) and resultater.json.

The page part also builds a default Jupyter Book (``jupyter-book create``) in a temporary folder
whose only page is the same chapter (book/arkiv.md, roles and directives turned into plain text),
and loads its page the same way, so the course's chapter page stands beside a default one.

The hub load test (benchmarks/loadtest, a class of 30 on a real JupyterHub) takes about ten
minutes, so ``make benchmark`` records its last result (benchmarks/lasttest.md, written by
``make loadtest``) and runs it again only when asked: ``make benchmark LASTTEST=1`` (``--lasttest``).

Run with ``make benchmark``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.helpers import BUILD_HTML, build_command, built_pages, chromium, jupyter_book, serve  # noqa: E402

TARGETS = {
    "clean_build_s": 180,
    "warm_build_s": 20,
    "notebook_s": 15,
    "kernel_mb": 150,
    "import_s": 1.0,
    "page_kb": 800,
    "chapter_kb": 120,
    "chapter_requests": 12,
}
COMPARED_CHAPTER = "book/arkiv"
KINDS = {"document": "HTML", "script": "JS", "stylesheet": "CSS", "font": "fonter", "image": "bilder"}


def timed_build(clean: bool) -> float:
    if clean:
        shutil.rmtree(ROOT / "_build", ignore_errors=True)
    start = time.perf_counter()
    result = jupyter_book(*build_command(ROOT))
    if result.returncode != 0:
        raise SystemExit("Boka kunne ikke bygges:\n" + result.stdout[-3000:])
    return time.perf_counter() - start


def peak_rss_mb(pid: int) -> float:
    """VmHWM: the kernel's peak resident set size, as the kernel (Linux) counts it."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def run_notebook(path: Path) -> tuple[float, float]:
    """Execute one notebook in a fresh kernel; return (seconds, peak kernel MB)."""
    import nbformat
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    km = KernelManager(kernel_name="python3")
    km.start_kernel(cwd=str(path.parent))
    try:
        pid = km.provisioner.process.pid  # type: ignore[union-attr]
        client = NotebookClient(nb, km=km, timeout=300)  # widget state kept: nbclient needs it for Output widgets
        start = time.perf_counter()
        with client.setup_kernel():
            client.execute(cleanup_kc=False)
            seconds = time.perf_counter() - start
            memory = peak_rss_mb(pid)
        return seconds, memory
    finally:
        if km.is_alive():
            km.shutdown_kernel(now=True)


def import_time() -> float:
    """Seconds to import what a workbook's first cell imports, in a fresh interpreter."""
    code = (
        "import time; t = time.perf_counter(); from somekurs.oppgaver import vis; "
        "import somekurs.exercises.display; print(time.perf_counter() - t)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def measure_pages(html_dir: Path, names: list[str]) -> list[dict]:
    """Per page, first load in a fresh browser: requests, bytes over the wire by kind (body and
    headers, compressed as the server sends them), the same bodies uncompressed, and time to load."""
    rows = []
    with serve(html_dir) as url, chromium() as browser:
        for name in names:
            context = browser.new_context()
            page = context.new_page()
            wire: dict[str, int] = {}
            raw: dict[str, int] = {}
            count = [0]
            lock = threading.Lock()

            def record(request, wire=wire, raw=raw, count=count, lock=lock) -> None:
                response = request.response()
                try:
                    body = len(response.body()) if response else 0
                    sizes = request.sizes()
                    sent = sizes["responseBodySize"] + sizes["responseHeadersSize"]
                except Exception:  # noqa: BLE001 - a redirect or aborted request has no body
                    body, sent = 0, 0
                kind = KINDS.get(request.resource_type, "annet")
                with lock:
                    count[0] += 1
                    wire[kind] = wire.get(kind, 0) + sent
                    raw[kind] = raw.get(kind, 0) + body

            page.on("requestfinished", record)
            start = time.perf_counter()
            page.goto(f"{url}/{name}", wait_until="load")
            seconds = time.perf_counter() - start
            page.wait_for_timeout(300)
            context.close()
            rows.append(
                {
                    "side": name,
                    "sekunder": round(seconds, 2),
                    "foresporsler": count[0],
                    "kb_totalt": round(sum(wire.values()) / 1024, 1),
                    "kb_uten_bilder": round(sum(v for k, v in wire.items() if k != "bilder") / 1024, 1),
                    "kb_ukomprimert_uten_bilder": round(sum(v for k, v in raw.items() if k != "bilder") / 1024, 1),
                    **{k: round(v / 1024, 1) for k, v in sorted(wire.items())},
                }
            )
    return rows


def page_weights() -> list[dict]:
    """Every page of the built book (see measure_pages)."""
    return measure_pages(BUILD_HTML, [str(p.relative_to(BUILD_HTML)) for p in built_pages()])


def plain_chapter(markdown: str) -> str:
    """A course chapter as a default Jupyter Book can build it: the same text, with the course's
    own roles and directives (sources, incidents, glossary, check dates) as plain text."""
    text = re.sub(r"^\(.*\)=\s*$", "", markdown, flags=re.M)
    text = re.sub(r"\{(?:footcite|cite)(?::[pt])?\}`[^`]*`", "", text)
    text = re.sub(r"\{sjekkes\}`[^`]*`", "", text)
    text = re.sub(r"\{(?:term|ref|doc|hendelse)\}`([^`<]*?)\s*(?:<[^>`]*>)?`", r"\1", text)
    return re.sub(r"```\{(?:footbibliography|kontrollert)\}\s*```", "", text)


def default_book_page(chapter: str = COMPARED_CHAPTER) -> dict:
    """Build a default Jupyter Book (``jupyter-book create``) whose only page is the chapter, and
    measure that page as the course's pages are measured."""
    with tempfile.TemporaryDirectory(prefix="standardbok-") as tmp:
        book = Path(tmp) / "bok"
        exe = Path(sys.executable).parent / "jupyter-book"
        subprocess.run([str(exe), "create", str(book)], check=True, capture_output=True, text=True)
        for sample in ("markdown.md", "markdown-notebooks.md", "notebooks.ipynb"):
            (book / sample).unlink()
        source = (ROOT / f"{chapter}.md").read_text(encoding="utf-8")
        (book / "intro.md").write_text(plain_chapter(source), encoding="utf-8")
        (book / "_toc.yml").write_text("format: jb-book\nroot: intro\n", encoding="utf-8")
        result = jupyter_book("build", str(book), cwd=book)
        if result.returncode != 0:
            raise SystemExit("Standardboka kunne ikke bygges:\n" + result.stdout[-3000:])
        row = measure_pages(book / "_build" / "html", ["intro.html"])[0]
    row["side"] = f"Standard Jupyter Book med {chapter}.md"
    return row


def guidance_chapters() -> set[str]:
    """The pages of the part «Veiledning» in _toc.yml (the chapter budget applies to them)."""
    import yaml

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    part = next(p for p in toc["parts"] if p.get("caption") == "Veiledning")
    return {f"{c['file']}.html" for c in part["chapters"]}


def verdict(value: float, target: float) -> str:
    return "OK" if value <= target else "OVER"


LOADTEST_MD = ROOT / "benchmarks" / "lasttest.md"


def loadtest_section() -> list[str]:
    """The load test's table from its last run (between its markers in benchmarks/lasttest.md)."""
    if not LOADTEST_MD.exists():
        return ["**Lasttest på en JupyterHub**", "", "Ikke målt ennå: kjør `make loadtest`.", ""]
    text = LOADTEST_MD.read_text(encoding="utf-8")
    start, end = "<!-- lasttest:tabell -->", "<!-- /lasttest:tabell -->"
    table = text[text.index(start) + len(start) : text.index(end)].strip() if start in text and end in text else text.strip()
    return ["**Lasttest på en JupyterHub: en hel klasse samtidig**", "", table, ""]


def main() -> None:
    if "--lasttest" in sys.argv[1:]:
        print("Lasttest på en JupyterHub (omtrent ti minutter) …", flush=True)
        subprocess.run([sys.executable, "-m", "benchmarks.loadtest"], cwd=ROOT, check=False)
    os.environ.setdefault("SOMEKURS_PROGRESS", str(Path(tempfile.mkdtemp()) / "fremdrift.json"))
    results: dict = {"maskin": f"{os.cpu_count()} kjerner", "dato": time.strftime("%Y-%m-%d")}
    print("Bygger boka fra rent tre …", flush=True)
    results["clean_build_s"] = round(timed_build(clean=True), 1)
    print("Bygger igjen med varm cache …", flush=True)
    results["warm_build_s"] = round(timed_build(clean=False), 1)
    notebooks = sorted([*ROOT.glob("notebooks/*.ipynb"), *ROOT.glob("exercises/*.ipynb")])
    results["notebooks"] = []
    for nb in notebooks:
        seconds, memory = run_notebook(nb)
        name = str(nb.relative_to(ROOT))
        results["notebooks"].append({"notatbok": name, "sekunder": round(seconds, 2), "mb": round(memory, 1)})
        print(f"  {nb.relative_to(ROOT)}: {seconds:.1f} s, {memory:.0f} MB", flush=True)
    results["import_s"] = round(min(import_time() for _ in range(3)), 3)
    results["pages"] = page_weights()
    results["default_page"] = default_book_page()
    (ROOT / "benchmarks" / "resultater.json").write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    report = render(results)
    (ROOT / "benchmarks" / "resultater.md").write_text(report, encoding="utf-8")
    print(report)


def render(r: dict) -> str:
    """The figures as a Norwegian Markdown table, against the targets."""
    nbs = r["notebooks"]
    slowest = max(nbs, key=lambda n: n["sekunder"])
    biggest = max(nbs, key=lambda n: n["mb"])
    heaviest = max(r["pages"], key=lambda p: p["kb_uten_bilder"])
    chapters = [p for p in r["pages"] if p["side"] in guidance_chapters()] or r["pages"]
    heaviest_chapter = max(chapters, key=lambda p: p["kb_totalt"])
    most_requests = max(chapters, key=lambda p: p["foresporsler"])
    ours = next((p for p in r["pages"] if p["side"] == f"{COMPARED_CHAPTER}.html"), heaviest_chapter)
    default = r.get("default_page")
    slowest_page = max(r["pages"], key=lambda p: p["sekunder"])
    t = TARGETS
    lines = [
        f"Målt {r['dato']} på en maskin med {r['maskin']} (`make benchmark`).",
        "",
        "| Måling | Resultat | Mål | Vurdering |",
        "|---|---|---|---|",
        f"| Bygging fra rent tre, med kjøring av notatbøkene | {r['clean_build_s']} s | ≤ {t['clean_build_s']} s | "
        f"{verdict(r['clean_build_s'], t['clean_build_s'])} |",
        f"| Ny bygging med varm cache | {r['warm_build_s']} s | ≤ {t['warm_build_s']} s | "
        f"{verdict(r['warm_build_s'], t['warm_build_s'])} |",
        f"| Tregeste notatbok ({slowest['notatbok']}) | {slowest['sekunder']} s | ≤ {t['notebook_s']} s | "
        f"{verdict(slowest['sekunder'], t['notebook_s'])} |",
        f"| Største minnebruk i en kjerne ({biggest['notatbok']}) | {biggest['mb']} MB | ≤ {t['kernel_mb']} MB | "
        f"{verdict(biggest['mb'], t['kernel_mb'])} |",
        f"| Import av kurspakken | {r['import_s']} s | ≤ {t['import_s']} s | {verdict(r['import_s'], t['import_s'])} |",
        f"| Tyngste side, overført uten bilder ({heaviest['side']}) | {heaviest['kb_uten_bilder']} kB | ≤ {t['page_kb']} kB | "
        f"{verdict(heaviest['kb_uten_bilder'], t['page_kb'])} |",
        f"| Samme side ukomprimert (uten gzip på serveren) | {heaviest['kb_ukomprimert_uten_bilder']} kB | – | – |",
        f"| Tyngste kapittelside, alt overført ({heaviest_chapter['side']}) | {heaviest_chapter['kb_totalt']} kB | ≤ {t['chapter_kb']} kB | "
        f"{verdict(heaviest_chapter['kb_totalt'], t['chapter_kb'])} |",
        f"| Flest forespørsler for en kapittelside ({most_requests['side']}) | {most_requests['foresporsler']} | ≤ {t['chapter_requests']} | "
        f"{verdict(most_requests['foresporsler'], t['chapter_requests'])} |",
        f"| Tregeste side å laste ({slowest_page['side']}) | {slowest_page['sekunder']} s | – | – |",
        "",
        *(
            [
                f"**Kapittelsiden mot en standard Jupyter Book-side med samme tekst ({COMPARED_CHAPTER}.md), første lasting**",
                "",
                "| Side | Forespørsler | kB overført | HTML | JS | CSS | Fonter | Bilder |",
                "|---|---|---|---|---|---|---|---|",
                *[
                    f"| {p['side']} | {p['foresporsler']} | {p['kb_totalt']} | {p.get('HTML', 0)} | {p.get('JS', 0)} | "
                    f"{p.get('CSS', 0)} | {p.get('fonter', 0)} | {p.get('bilder', 0)} |"
                    for p in (default, ours)
                ],
                "",
            ]
            if default
            else []
        ),
        "**Notatbøkene, hver i en ny kjerne**",
        "",
        "| Notatbok | Sekunder | Største minnebruk (MB) |",
        "|---|---|---|",
        *[f"| {n['notatbok']} | {n['sekunder']} | {n['mb']} |" for n in nbs],
        "",
        "**Sidene i nettboka, første lasting i en tom nettleser (kB overført, komprimert med gzip)**",
        "",
        "| Side | Forespørsler | HTML | JS | CSS | Fonter | Bilder | Annet | Sum uten bilder | Ukomprimert uten bilder | Sekunder |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
        *[
            f"| {p['side']} | {p.get('foresporsler', '–')} | {p.get('HTML', 0)} | {p.get('JS', 0)} | {p.get('CSS', 0)} | {p.get('fonter', 0)} | "
            f"{p.get('bilder', 0)} | {p.get('annet', 0)} | {p['kb_uten_bilder']} | {p['kb_ukomprimert_uten_bilder']} | "
            f"{p['sekunder']} |"
            for p in r["pages"]
        ],
        "",
        *loadtest_section(),
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
