"""The workbook's exercise engine: data model, evaluation, progress, HTML and widget views.

Split into small modules with one job each, so the pure parts (``model``, ``evaluate``,
``textcheck``, ``html``) can be tested and used by the book build without importing
ipywidgets or matplotlib. Participants use the Norwegian facade ``somekurs.oppgaver``.
"""
