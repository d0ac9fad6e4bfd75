"""``python -m somekurs.install`` puts the course into a Python environment's Jupyter, on any OS.

What a participant or an administrator would notice if it went wrong: the start page and the book
missing (no server extension), Voilà without the course's template, JupyterLab in English with the
news pop-up, a closed tab keeping its kernel all day, or a kernel that does not start. The tests
install into a temporary prefix (never the real environment) and check the files there, that a
file an administrator already had keeps its other settings, and that the installed kernel runs.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from somekurs import install, singleuser

from tests.helpers import ROOT


def _installed(prefix: Path) -> list[Path]:
    return install.install(prefix)


def test_install_puts_every_course_file_in_the_prefix(tmp_path: Path) -> None:
    written = _installed(tmp_path)
    assert all(path.exists() for path in written)
    extensions = json.loads((tmp_path / "etc/jupyter/jupyter_server_config.d/somekurs.json").read_text("utf-8"))
    switches = extensions["ServerApp"]["jpserver_extensions"]
    assert switches["somekurs.serverext"] and switches["voila.server_extension"]
    assert not switches["jupyter_lsp"] and not switches["jupyter_server_terminals"] and not switches["notebook_shim"]
    server = json.loads((tmp_path / "etc/jupyter/jupyter_server_config.json").read_text("utf-8"))
    assert server["MappingKernelManager"]["cull_idle_timeout"] > 0, "lukkede faner skal ikke holde kjernen i live"
    assert server["MappingKernelManager"]["cull_connected"] is False, "en åpen side skal aldri miste kjernen sin"
    assert server["LabApp"]["extension_manager"] == "readonly", "utvidelsesbehandleren skal ikke spørre PyPI"
    assert json.loads((tmp_path / "etc/jupyter/voila.json").read_text("utf-8"))["VoilaConfiguration"]["template"] == "somekurs"
    assert (tmp_path / "share/jupyter/voila/templates/somekurs/index.html.j2").is_file()
    overrides = json.loads((tmp_path / "share/jupyter/lab/settings/overrides.json").read_text("utf-8"))
    assert overrides == json.loads((ROOT / "deploy/jupyter/overrides.json").read_text("utf-8"))
    pth = next(path for path in written if path.name == "somekurs.pth")
    assert Path(pth.read_text("utf-8").strip()) == ROOT, "serveren må finne kurspakken i denne kursmappen"


def test_install_keeps_an_administrators_other_settings(tmp_path: Path) -> None:
    settings = tmp_path / "share/jupyter/lab/settings/overrides.json"
    settings.parent.mkdir(parents=True)
    settings.write_text(json.dumps({"@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"}}), "utf-8")
    _installed(tmp_path)
    _installed(tmp_path)  # again, after an update of the course: the same result
    merged = json.loads(settings.read_text("utf-8"))
    assert merged["@jupyterlab/apputils-extension:themes"] == {"theme": "JupyterLab Dark"}
    assert merged["@jupyterlab/apputils-extension:notification"]["checkForUpdates"] is False


def test_installed_kernel_runs_without_the_debugger(tmp_path: Path) -> None:
    """The kernel spec the installer writes starts an IPython kernel that works, without debugpy."""
    from jupyter_client.manager import start_new_kernel

    _installed(tmp_path)
    env = {**os.environ, "JUPYTER_PATH": str(tmp_path / "share" / "jupyter"), "JUPYTER_PREFER_ENV_PATH": "0"}
    os.environ["JUPYTER_PATH"] = env["JUPYTER_PATH"]
    try:
        from jupyter_client.kernelspec import KernelSpecManager

        spec = KernelSpecManager().get_kernel_spec("python3")
        assert Path(spec.resource_dir) == tmp_path / "share/jupyter/kernels/python3"
        manager, client = start_new_kernel(kernel_name="python3", env=env)
    finally:
        os.environ.pop("JUPYTER_PATH", None)
    try:
        reply = client.execute_interactive(
            "import sys; print(sum(range(4)), 'debugpy' in sys.modules and sys.modules['debugpy'] is not None)", timeout=60
        )
        assert reply["content"]["status"] == "ok"
        info = client.kernel_info(reply=True, timeout=30)["content"]
        assert "debugger" not in info.get("supported_features", []), "kjernen skal ikke tilby feilsøkeren"
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def test_singleuser_skips_only_the_iri_grammar() -> None:
    """The participant's server without rfc3987-syntax: jsonschema and the server still import."""
    code = (
        "from somekurs import singleuser; singleuser.skip_unused()\n"
        "import jsonschema, jupyter_server.serverapp, sys\n"
        "print('lark' in sys.modules, sys.modules['rfc3987_syntax'] is None)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.split() == ["False", "True"]
    assert singleuser.SKIPPED == ("rfc3987_syntax",)


def _commands(page: Path, start: str, end: str) -> str:
    """The shell commands of the guide between two headings or step markers (code blocks only)."""
    text = page.read_text(encoding="utf-8")
    part = text[text.index(start) : text.index(end, text.index(start))]
    return "\n".join(re.findall(r"```bash\n(.*?)```", part, re.S))


def test_every_way_the_guide_installs_the_course_also_builds_the_book() -> None:
    """Without the HTML book every «Les mer» and chapter link on a hub shows «Boka er ikke på denne
    serveren». So the guide's TLJH step and its own-machine section (both standards) build both
    editions into the folder the server serves, after the course is installed, with both language
    packs; and the guide names the other way out, a published book's address."""
    from somekurs import links, serverext

    assert serverext.book_dir() == ROOT / "_build" / "html", "serveren viser boka fra _build/html"
    for page, steps in (
        (ROOT / "book/instruktor/jupyterhub.md", ("6. **Installer kurset", "7. **Send", "(egen-maskin)=", "## Kilder")),
        (ROOT / "nn/book/instruktor/jupyterhub.md", ("6. **Installer kurset", "7. **Send", "(egen-maskin)=", "## Kjelder")),
    ):
        for start, end in (steps[:2], steps[2:]):
            commands = _commands(page, start, end)
            where = f"{page.relative_to(ROOT)} ({start})"
            assert "jupyter-book build .\n" in commands, f"{where}: byggingen av boka mangler"
            assert "-m somekurs.nnbook" in commands, f"{where}: nynorskutgaven av boka bygges ikke"
            assert commands.index("somekurs.install") < commands.index("jupyter-book build"), where
            assert "./deploy/jupyterlab-nb ./deploy/jupyterlab-nn" in commands, f"{where}: begge språkpakkene"
        assert links.ENV_URL in page.read_text(encoding="utf-8"), f"{page.relative_to(ROOT)}: nevn {links.ENV_URL}"
