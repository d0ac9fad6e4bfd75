"""«Vår plan» in the book: the form directive and the chapters' «Lag din del av planen».

- ``{plan-oversikt}`` lists the documents on the part's first page, from the templates;
- ``{plan-skjema} <id>`` writes the static form of one document (``static.plan_html``) into its
  page, ``book/var-plan/<id>.md``. An unknown or broken template, or a reason whose ``check_by``
  date has passed, is a warning (an error under ``-W``) that names the file and the field.
- :func:`next_steps_lines` gives the lines each chapter's «Neste steg» adds for the documents whose
  template lists the chapter's theme (``somekurs.sphinxext.add_next_steps``), so a new document
  is linked from its chapters with no page edited.

Both directives write the page's written standard: an explicit ``:lang: nn`` option, else ``nn``
for a page under ``nn/`` (the nynorsk twins), else the build's ``language`` when it names nn, else
bokmål. :func:`next_steps_lines` and :func:`overview_markdown` take ``lang`` (default ``"nb"``), so
the nynorsk chapters' «Neste steg» is ``next_steps_lines(slug, "nn")``.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from somekurs import editions, texts
from somekurs.plan import model

logger = logging.getLogger(__name__)


def page_lang(directive: SphinxDirective) -> str:
    """The written standard of the page a directive is on (see the module's docstring)."""
    given = directive.options.get("lang") if directive.options else None
    if given:
        return editions.checked(given)
    if directive.env.docname.startswith("nn/"):
        return "nn"
    return editions.normalise(directive.env.config.language or "") or editions.DEFAULT


def next_steps_lines(slug: str, lang: str = "nb") -> list[str]:
    """«Lag din del av planen» for a theme's chapter: one line per document that belongs to it."""
    label = texts.say("plan", "next_step", lang)
    return [f"- **{label}:** {{doc}}`/{model.docname(p['id'])}`." for p in model.plans_for_theme(slug, lang=lang)]


def expired(plan: model.Plan) -> list[str]:
    """The fields whose reason should have been checked again by now."""
    from somekurs import claims

    found = []
    for one in model.fields(plan):
        when = claims.parse_check_by(one.get("check_by", "")) if one.get("check_by") else None
        if when is not None and when < claims.today():
            found.append(f"«{one['label']}» i data/plans/{plan['id']}.yaml skulle vært sjekket innen {when.isoformat()}")
    return found


class PlanFormDirective(SphinxDirective):
    """``{plan-skjema} <id>``: the form of one document, as static HTML with its script."""

    required_arguments = 1
    has_content = False
    option_spec = {"lang": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        from somekurs.plan import static

        lang = page_lang(self)
        plan_id = self.arguments[0].strip()
        folder = model.plan_dir()
        self.env.note_dependency(str(folder / f"{plan_id}.yaml"))
        if lang != editions.DEFAULT:
            self.env.note_dependency(str(editions.twin_folder(folder) / f"{plan_id}.yaml"))
        self.env.note_dependency(str(static.SCRIPT))
        plans, problems = model.load_plans(lang=lang)
        plan = plans.get(plan_id)
        if plan is None:
            mine = [str(p) for p in problems if p.item_id == plan_id or p.path.stem == plan_id]
            reason = "; ".join(mine[:3]) or f"finnes ikke i {folder}"
            return [self.state.document.reporter.warning(f"ukjent eller ugyldig plan «{plan_id}»: {reason}", line=self.lineno)]
        result: list[nodes.Node] = [nodes.raw("", static.plan_html(plan, lang), format="html")]
        for message in expired(plan):
            result.append(self.state.document.reporter.warning(message, line=self.lineno))
        return result


def overview_markdown(plans: list[model.Plan], lang: str = "nb") -> str:
    """The documents of «Vår plan» as a MyST list: each with its chapters and the exercises it
    carries answers from (so the list can never drift from the templates), in ``lang``."""
    from somekurs import norwegian
    from somekurs.exercises.model import load_exercises

    exercises = load_exercises(lang=lang)[0]
    lines = []
    for plan in plans:
        chapters = norwegian.join([f"{{ref}}`kap-{slug}`" for slug in plan["themes"]])
        belongs = texts.say("plan", "overview_belongs", lang, chapters=chapters)
        text = f"- **{{doc}}`{plan['id']}`.** {' '.join(plan['summary'].split())} {belongs}"
        carried: dict[str, list[str]] = {}
        for one in model.fields(plan):
            spec = one.get("from_exercise")
            if spec and spec["id"] in exercises:
                exercise = exercises[spec["id"]]
                carried.setdefault(exercise["theme"], []).append(f"«{exercise['title']}»")
        if carried:
            parts = [f"{norwegian.join(titles)} i {{doc}}`/exercises/{theme}`" for theme, titles in carried.items()]
            text += " " + texts.say("plan", "overview_carries", lang, exercises=norwegian.join(parts))
        lines.append(text)
    return "\n".join(lines) + "\n"


class PlanOverviewDirective(SphinxDirective):
    """``{plan-oversikt}``: the documents, their chapters and the exercises they carry answers from."""

    has_content = False
    option_spec = {"lang": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        lang = page_lang(self)
        for path in sorted(model.plan_dir().glob("*.yaml")):
            self.env.note_dependency(str(path))
        plans = list(model.load_plans(lang=lang)[0].values())
        return list(self.parse_text_to_nodes(overview_markdown(plans, lang)))


def report_problems(app: Sphinx, config: Config) -> None:
    for problem in model.load_plans()[1]:
        logger.warning("datafeil i data/plans/%s", problem)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("plan-skjema", PlanFormDirective)
    app.add_directive("plan-oversikt", PlanOverviewDirective)
    app.connect("config-inited", report_problems, priority=110)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
