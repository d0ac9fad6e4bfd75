"""A participant's server on a hub: ``jupyterhub-singleuser`` without an 18 MB grammar it never uses.

Why: jupyter_server validates its own event records with jsonschema, and jsonschema, when the
package ``rfc3987-syntax`` is installed (it comes with jupyter-events), builds a full IRI grammar at
import to check the ``iri``/``uri`` string formats. That costs about 18 MB and 1.5 s of processor
time in every participant's server (measured by the load test, benchmarks/loadtest), and no event
schema the server uses has such a field. Marking the module as absent makes jsonschema skip those
two format checks, exactly as it does where the package is not installed; nothing else changes.

The hub starts it in place of ``jupyterhub-singleuser`` (the guide: ``c.Spawner.cmd`` on TLJH,
``singleuser.cmd`` on Zero to JupyterHub)::

    python -m somekurs.singleuser

Every argument goes on to jupyterhub-singleuser. Without this command the course works the same,
with the larger server.

It also makes one variable enough for a nynorsk class. The hub sets ``SOMEKURS_MAALFORM=nn``, and
this command puts ``deploy/jupyter/nn`` first on ``JUPYTER_CONFIG_PATH``, so that JupyterLab's
default language is nynorsk too (see :func:`class_standard`). A hub that starts the plain
``jupyterhub-singleuser`` must set that path itself.
"""

from __future__ import annotations

import os
import sys
from collections.abc import MutableMapping

from somekurs import PROJECT_ROOT
from somekurs.editions import ENV_VAR, normalise

SKIPPED = ("rfc3987_syntax",)
# The settings of a nynorsk class: JupyterLab's default locale nn_NO, nothing else.
NYNORSK_CONFIG = PROJECT_ROOT / "deploy" / "jupyter" / "nn"
CONFIG_PATH = "JUPYTER_CONFIG_PATH"


def skip_unused() -> None:
    """Mark the unused modules as absent, so that «import» raises ImportError as if not installed."""
    for name in SKIPPED:
        if name not in sys.modules:
            sys.modules[name] = None  # type: ignore[assignment]


def class_standard(environ: MutableMapping[str, str]) -> None:
    """For a nynorsk class, put :data:`NYNORSK_CONFIG` first on JUPYTER_CONFIG_PATH.

    Why: the hub's SOMEKURS_MAALFORM=nn gives the course's own pages in nynorsk, but JupyterLab's
    menus read their default language from Jupyter's config path. Setting it here means an
    instructor sets one variable, not two that must agree. Paths the hub set stay, after ours. A
    participant's own choice of language still wins, because user settings override defaults.
    """
    if normalise(environ.get(ENV_VAR, "")) != "nn":
        return
    paths = [path for path in environ.get(CONFIG_PATH, "").split(os.pathsep) if path]
    if str(NYNORSK_CONFIG) not in paths:
        paths.insert(0, str(NYNORSK_CONFIG))
    environ[CONFIG_PATH] = os.pathsep.join(paths)


def main() -> None:
    skip_unused()
    class_standard(os.environ)
    from jupyterhub.singleuser import main as singleuser

    sys.exit(singleuser())


if __name__ == "__main__":
    main()
