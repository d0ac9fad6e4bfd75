"""Objects that are a live widget in JupyterLab and plain, working HTML in the static book.

A widget needs a kernel; the HTML book has none. An object built here carries both views in
one output: JupyterLab picks the widget, and the book (which drops the widget MIME type, see
``nb_mime_priority_overrides`` in _config.yml) shows the HTML. So the book never shows a dead
control, and the notebook needs no second cell for the book.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets


class WidgetWithHtml(widgets.VBox):
    """A VBox whose display bundle also holds a static text/html view."""

    def __init__(self, children: list[widgets.Widget], static_html: str, **kwargs: Any) -> None:
        super().__init__(children=children, **kwargs)
        self._static_html = static_html

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = super()._repr_mimebundle_(**kwargs) or {}
        bundle["text/html"] = self._static_html
        return bundle
