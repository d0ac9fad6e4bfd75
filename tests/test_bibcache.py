"""The cached pybtex plugin lookup (somekurs/bibcache.py) gives the same plugins as pybtex
itself, and a plugin registered at run time still wins, so citations are formatted as before."""

from __future__ import annotations

import pybtex.plugin as plugin
from somekurs.bibcache import cache_pybtex_plugin_lookup


def test_cached_lookup_finds_the_same_plugins_and_respects_runtime_registration() -> None:
    before = {
        (group, name): plugin.find_plugin(group, name)
        for group, name in [
            ("pybtex.style.formatting", "plain"),
            ("pybtex.style.labels", "alpha"),
            ("pybtex.style.names", "lastfirst"),
            ("pybtex.style.sorting", "author_year_title"),
        ]
    }
    default = plugin.find_plugin("pybtex.style.formatting")
    assert cache_pybtex_plugin_lookup()
    assert cache_pybtex_plugin_lookup()  # a second call (a second build in one process) is harmless
    for (group, name), klass in before.items():
        assert plugin.find_plugin(group, name) is klass
    assert plugin.find_plugin("pybtex.style.formatting") is default

    class Egen(before[("pybtex.style.formatting", "plain")]):  # type: ignore[misc, valid-type]
        pass

    plugin.register_plugin("pybtex.style.formatting", "somekurs-test-egen", Egen)
    try:
        assert plugin.find_plugin("pybtex.style.formatting", "somekurs-test-egen") is Egen
    finally:
        plugin._RUNTIME_PLUGINS["pybtex.style.formatting"].pop("somekurs-test-egen", None)
