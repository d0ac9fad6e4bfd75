"""Put the course into a Python environment's Jupyter: ``python -m somekurs.install``.

Why a Python module and not shell lines: the same few copies are needed on a participant's own
Windows or Mac laptop (pip only), in scripts/setup.sh, in TLJH's shared user environment
(/opt/tljh/user) and in the Zero to JupyterHub image, and only Python is sure to be there.

What it installs, from deploy/jupyter/ into the environment (``sys.prefix``, or ``--prefix``):

- ``etc/jupyter/jupyter_server_config.d/somekurs.json``: the course's server extension and Voilà on;
  the language server, terminals and the classic-notebook shim off (a participant uses none of
  them; together about 5 MB per server, measured by the load test);
- ``etc/jupyter/jupyter_server_config.json``: idle kernels stopped after 20 minutes when no page
  is open on them (so a closed tab does not keep its kernel all day), and JupyterLab's extension
  manager read-only, without news or update checks (nothing asks another host); merged into a
  file that is already there;
- ``etc/jupyter/voila.json`` and ``share/jupyter/voila/templates/somekurs``: the participant's app;
- ``share/jupyter/lab/settings/overrides.json``: JupyterLab's defaults (language, no news), merged;
- ``share/jupyter/kernels/python3/kernel.json``: the same IPython kernel without the debugger,
  which no participant uses and which costs about 8 MB in every kernel;
- ``somekurs.pth`` in site-packages: the Jupyter server (and any kernel) can import ``somekurs``
  from this course folder.

Every path is printed. Run it again after updating the course; it replaces its own files.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import sysconfig
from pathlib import Path
from typing import Any

COURSE = Path(__file__).resolve().parent.parent
DEPLOY = COURSE / "deploy" / "jupyter"

# The kernel ipykernel installs, started with the debugger's module marked absent: ipykernel then
# runs without the debugger, as it does where debugpy is not installed.
KERNEL_CODE = (
    "import sys; sys.modules['debugpy'] = None; from ipykernel.kernelapp import launch_new_instance; launch_new_instance()"
)

# (source under deploy/jupyter, target under the prefix, how): "copy", "merge" (JSON) or "tree".
FILES = [
    ("jupyter_server_config.d/somekurs.json", "etc/jupyter/jupyter_server_config.d/somekurs.json", "copy"),
    ("jupyter_server_config.json", "etc/jupyter/jupyter_server_config.json", "merge"),
    ("voila.json", "etc/jupyter/voila.json", "merge"),
    ("overrides.json", "share/jupyter/lab/settings/overrides.json", "merge"),
    ("voila/templates/somekurs", "share/jupyter/voila/templates/somekurs", "tree"),
]


def merged(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """``new`` laid over ``old``, section by section: the course's keys win, others' stay."""
    result = dict(old)
    for key, value in new.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = merged(result[key], value)
        else:
            result[key] = value
    return result


def _read_json(path: Path) -> dict[str, Any]:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def site_packages(prefix: Path) -> Path:
    """Where this environment's pure-Python packages go, for ``prefix`` (the venv, /opt/tljh/user …)."""
    if prefix.resolve() == Path(sys.prefix).resolve():
        return Path(sysconfig.get_paths()["purelib"])
    return Path(sysconfig.get_paths(vars={"base": str(prefix), "platbase": str(prefix)})["purelib"])


def python_of(prefix: Path) -> str:
    """The Python of ``prefix``: this one when it is that environment, else its bin/python."""
    if prefix.resolve() == Path(sys.prefix).resolve():
        return sys.executable
    for candidate in (prefix / "bin" / "python", prefix / "Scripts" / "python.exe"):
        if candidate.exists():
            return str(candidate)
    return sys.executable


def kernel_spec(python: str) -> dict[str, Any]:
    return {
        "argv": [python, "-c", KERNEL_CODE, "-f", "{connection_file}"],
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
        "metadata": {"debugger": False},
    }


def install(prefix: Path, course: Path = COURSE, deploy: Path = DEPLOY) -> list[Path]:
    """Install the course's Jupyter files into ``prefix``; return every path written."""
    written: list[Path] = []
    for source_name, target_name, how in FILES:
        source, target = deploy / source_name, prefix / target_name
        target.parent.mkdir(parents=True, exist_ok=True)
        if how == "tree":
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(source, target)
        elif how == "merge":
            content = merged(_read_json(target), _read_json(source))
            target.write_text(json.dumps(content, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        else:
            shutil.copy2(source, target)
        written.append(target)
    kernel = prefix / "share" / "jupyter" / "kernels" / "python3"
    kernel.mkdir(parents=True, exist_ok=True)
    (kernel / "kernel.json").write_text(json.dumps(kernel_spec(python_of(prefix)), indent=1) + "\n", encoding="utf-8")
    written.append(kernel / "kernel.json")
    site = site_packages(prefix)
    site.mkdir(parents=True, exist_ok=True)
    (site / "somekurs.pth").write_text(f"{course}\n", encoding="utf-8")
    written.append(site / "somekurs.pth")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m somekurs.install", description="Installer kurset i Jupyter i dette Python-miljøet."
    )
    parser.add_argument("--prefix", type=Path, default=Path(sys.prefix), help=f"miljøet (standard: {sys.prefix})")
    args = parser.parse_args(argv)
    try:
        written = install(args.prefix)
    except OSError as exc:
        print(f"Kurset ble ikke installert: {exc}. Har du skrivetilgang til {args.prefix}?", file=sys.stderr)
        return 1
    print(f"Kurset er installert i {args.prefix}:")
    for path in written:
        print(f"  {path}")
    print("Start med «python -m somekurs.start», eller start JupyterLab og åpne /somekurs/.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
