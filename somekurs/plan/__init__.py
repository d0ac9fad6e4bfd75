"""«Vår plan»: the participant drafts their own agency's documents from the course.

Seven documents (channel assessment, comment rules, archive routine, privacy assessment, crisis
communication, rules for AI content, «Om kontoene våre») are templates in ``data/plans/<id>.yaml``.
A participant fills them in the workbook (JupyterLab, the app) or in the static book; answers from
exercises that belong in a document are carried into its fields, and the document is checked and
exported as Word and Markdown.

- ``model``: load and validate the templates (schema ``somekurs/schemas/plan.schema.json``);
- ``store``: the participant's drafts, saved with the same guarantees as their progress;
- ``carry``: exercise answers (and fields of other documents) as values of a field;
- ``checks``: completeness and quality checks with concrete advice, from the templates' data;
- ``export_md`` and ``export_docx``: the document as Markdown and as a Word file;
- ``widget``: the form in JupyterLab and the app; ``static``: the same form for the static book;
- ``sphinx``: the book's directive and «Lag din del av planen»; ``notebook``: the plan notebook.

Kept light on import, like the rest of the package: nothing here imports widgets or python-docx
until they are used.
"""
