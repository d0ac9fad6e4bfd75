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
"""

from __future__ import annotations

import sys

SKIPPED = ("rfc3987_syntax",)


def skip_unused() -> None:
    """Mark the unused modules as absent, so that «import» raises ImportError as if not installed."""
    for name in SKIPPED:
        if name not in sys.modules:
            sys.modules[name] = None  # type: ignore[assignment]


def main() -> None:
    skip_unused()
    from jupyterhub.singleuser import main as singleuser

    sys.exit(singleuser())


if __name__ == "__main__":
    main()
