"""Make pybtex look up its plugins once per build, not once per citation.

Every ``{footcite}`` makes sphinxcontrib-bibtex build a pybtex style, and pybtex finds each
plugin (style, labels, names, sorting) by asking ``importlib.metadata`` for entry points. That
scans every installed package's metadata: about 27 ms in this course's environment, four times
per citation. With some 1 000 citations it was two thirds of a clean build (108 s of 165 s).

The plugins cannot change while Sphinx runs, so the entry-point answer is cached. Plugins
registered at run time (``pybtex.plugin.register_plugin``) are still looked up first, on every
call, exactly as pybtex does.
"""

from __future__ import annotations

import functools
from typing import Any


def cache_pybtex_plugin_lookup() -> bool:
    """Wrap pybtex's entry-point lookup in a cache; return False (and change nothing) if this
    pybtex does not have the private function we wrap, so an upgrade cannot break the build."""
    import pybtex.plugin as plugin

    original = getattr(plugin, "_load_entry_point", None)
    runtime = getattr(plugin, "_RUNTIME_PLUGINS", None)
    if original is None or not isinstance(runtime, dict):
        return False
    if getattr(original, "somekurs_cached", False):
        return True

    @functools.cache
    def from_entry_points(group: str, name: str, use_aliases: bool) -> Any:
        return original(group, name, use_aliases)

    def load(group: str, name: str, use_aliases: bool = False) -> Any:
        for search_group in [group, group + ".aliases"] if use_aliases else [group]:
            klass = runtime.get(search_group, {}).get(name)
            if klass is not None:
                return klass
        return from_entry_points(group, name, use_aliases)

    load.somekurs_cached = True  # type: ignore[attr-defined]
    plugin._load_entry_point = load
    return True
