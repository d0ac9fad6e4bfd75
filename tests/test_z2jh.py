"""The Zero to JupyterHub files the guide gives an administrator are complete and consistent.

What an administrator would hit: a key the chart does not know (Helm refuses the whole file, or
silently ignores a misspelt one), an image definition that copies a file the repository does not
have, or memory figures that no longer match what the load test measured (the class runs out of
memory, or the nodes hold fewer participants than the guide says). The chart's values schema is
kept in tests/fixtures/z2jh/ (chart 4.4.0, named in its header and in config.yaml); nothing is
fetched.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

import jsonschema
import yaml

from tests.helpers import ROOT

Z2JH = ROOT / "deploy" / "z2jh"
SCHEMA = ROOT / "tests" / "fixtures" / "z2jh" / "values.schema.yaml"
CHART_VERSION = "4.4.0"
LOADTEST = ROOT / "benchmarks" / "lasttest.json"


def _without_required(node: Any) -> Any:
    """The schema minus «required»: config.yaml holds only what it changes; the chart supplies the rest."""
    if isinstance(node, dict):
        return {k: _without_required(v) for k, v in node.items() if k != "required"}
    if isinstance(node, list):
        return [_without_required(v) for v in node]
    return node


def _config() -> dict[str, Any]:
    return yaml.safe_load((Z2JH / "config.yaml").read_text(encoding="utf-8"))


def test_config_keys_are_the_charts() -> None:
    schema = _without_required(yaml.safe_load(SCHEMA.read_text(encoding="utf-8")))
    errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(_config()), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{'.'.join(map(str, e.path)) or '(topp)'}: {e.message}" for e in errors)
    assert f"Helm chart {CHART_VERSION}" in (Z2JH / "config.yaml").read_text(encoding="utf-8")
    assert f"version {CHART_VERSION}" in SCHEMA.read_text(encoding="utf-8").splitlines()[0]


def test_a_misspelt_key_is_caught() -> None:
    """The check above would catch what Helm lets through: an unknown key under singleuser."""
    schema = _without_required(yaml.safe_load(SCHEMA.read_text(encoding="utf-8")))
    broken = _config()
    broken["singleuser"]["defaultURL"] = "/somekurs/"
    assert list(jsonschema.Draft7Validator(schema).iter_errors(broken))


def test_config_sends_participants_to_the_course() -> None:
    config = _config()
    user = config["singleuser"]
    assert user["defaultUrl"] == "/somekurs/"
    assert user["cmd"] == ["python", "-m", "somekurs.singleuser"]
    assert (ROOT / "somekurs" / "singleuser.py").is_file()
    assert user["image"]["tag"] not in {"latest", ""}, "et fast bilde, aldri «latest»"
    assert user["lifecycleHooks"]["postStart"]["exec"]["command"][0] == "gitpuller"
    assert config["cull"]["enabled"] and config["proxy"]["https"]["enabled"]


def _megabytes(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)([KMG])", str(value)).groups()  # type: ignore[union-attr]
    return float(number) * {"K": 1 / 1024, "M": 1, "G": 1024}[unit]


def test_memory_comes_from_the_load_test() -> None:
    """The guarantee holds the largest participant measured, with the guide's 30 % headroom."""
    from benchmarks.loadtest.report import HEADROOM, sizing

    figures = json.loads(LOADTEST.read_text(encoding="utf-8"))["runs"]["kurs"]
    plan = sizing(figures)
    memory = _config()["singleuser"]["memory"]
    assert _megabytes(memory["guarantee"]) >= plan["guarantee_mb"] >= plan["planning_mb"] * HEADROOM
    assert _megabytes(memory["limit"]) >= 2 * _megabytes(memory["guarantee"]), "plass til flere notatbøker i JupyterLab"
    assert math.isclose(_megabytes(memory["guarantee"]), plan["guarantee_mb"], rel_tol=0.15), (
        "config.yaml og tabellen i veiledningen (benchmarks/lasttest.md) sier ulike tall: oppdater config.yaml"
    )


def test_image_definition_uses_only_files_that_exist() -> None:
    dockerfile = (Z2JH / "Dockerfile").read_text(encoding="utf-8")
    base = re.search(r"^FROM (\S+)", dockerfile, re.M)
    assert base and re.fullmatch(r"quay\.io/jupyter/[a-z-]+:([0-9a-f]{12}|\d{4}-\d{2}-\d{2})", base.group(1)), (
        "et fast bygg, aldri latest"
    )
    referenced = re.findall(r"(?:-r|-c|\./)\s*((?:deploy/|requirements|constraints)[\w./-]*)", dockerfile)
    assert {"requirements.txt", "constraints.txt", "deploy/jupyterlab-nb"} <= set(referenced), referenced
    for name in referenced:
        assert (ROOT / name).exists(), f"Dockerfile bruker {name}, som ikke finnes"
    assert "python -m somekurs.install" in dockerfile
    ignored = (Z2JH / "Dockerfile.dockerignore").read_text(encoding="utf-8").split()
    assert ".venv*" in ignored and ".git" in ignored
