"""Load and validate the templates of «Vår plan» (``data/plans/<id>.yaml``).

A template is a document an agency needs (comment rules, a privacy assessment …): parts with
fields, and the checks that run before export. Every field says what goes there, why (the rule,
a bib key and the chapter section that teaches it) and shows an example that is marked as
constructed or names the real incident it comes from. A field may carry a participant's answer
to an exercise (``from_exercise``) or their text from a field of another document (``from_plan``).

As with exercises, each file is checked on its own (JSON schema, then what a schema cannot say:
known themes, sources, sections, incidents and exercises, an example that fits the field), and a
broken template becomes a :class:`~somekurs.data.DataProblem` that names the file and the field,
while the others still load.

``lang="nn"`` gives the nynorsk edition: the twins in ``data/nn/plans/<id>.yaml`` (the same ids and
structure, the reader's text in nynorsk, ``kjelde_versjon`` stamped by ``somekurs.editions``). The
ids of parts, fields, columns, options and checks are the keys a participant's saved plan uses, so
a twin whose structure differs from its bokmål template is not used: it would show fields the
stored answers do not fit. Where a twin is missing, broken or different, the bokmål template is
shown and the fallback recorded (``somekurs.editions.fallbacks``).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from somekurs import DATA_DIR, data, editions, filecache, sections, texts
from somekurs.data import DataProblem, read_yaml, schema_problems

Plan = dict[str, Any]
Field = dict[str, Any]

PAGE_FOLDER = "book/var-plan"  # the book's pages: book/var-plan/<id>.md, and index.md for the part
TEXT_KINDS = {"short", "long"}
# The risk matrix's columns, in order (a risk field's rows always have them). The ids are the keys of
# the participant's saved rows, in both standards; only the labels are translated (data/texts, plan).
RISK_COLUMN_TEXTS = {
    "risiko": "col_risk",
    "sannsynlighet": "col_likelihood",
    "konsekvens": "col_consequence",
    "tiltak": "col_measure",
}
SCALE_COLUMNS = {"sannsynlighet", "konsekvens"}
# Which exercise kind each way of carrying reads, and which field kinds it can fill.
CARRY_KINDS = {"text": "compare", "chosen": "choice", "sorted": "sort", "risk": "risk"}
CARRY_INTO = {"text": {"short", "long", "list"}, "chosen": {"list", "long"}, "sorted": {"list", "table"}, "risk": {"risk"}}
CHECK_FIELD_KINDS = {
    "every_row": {"table", "risk"},
    "min_items": {"list", "table", "risk", "choice"},
    "risk_measures": {"risk"},
}


def plan_dir(data_dir: Path = DATA_DIR) -> Path:
    return data_dir / "plans"


def docname(plan_id: str) -> str:
    """The book page of a document (Sphinx docname)."""
    return f"{PAGE_FOLDER}/{plan_id}"


def fields(plan: Plan) -> list[Field]:
    """Every field of a document, in order."""
    return [f for part in plan["parts"] for f in part["fields"]]


def field(plan: Plan, field_id: str) -> Field:
    for found in fields(plan):
        if found["id"] == field_id:
            return found
    raise KeyError(f"{plan['id']} har ikke noe felt «{field_id}»")


def risk_columns(lang: str = "nb") -> list[dict[str, str]]:
    """The risk matrix's columns with their labels in one standard (ids the same in both)."""
    return [{"id": name, "label": texts.say("plan", key, lang)} for name, key in RISK_COLUMN_TEXTS.items()]


def __getattr__(name: str) -> list[dict[str, str]]:
    """``RISK_COLUMNS``: the bokmål columns, for code written before the nynorsk edition (read from
    the texts when asked for, not at import)."""
    if name == "RISK_COLUMNS":
        return risk_columns()
    raise AttributeError(name)


def columns(item: Field, lang: str = "nb") -> list[dict[str, str]]:
    """The columns of a table or risk field (a risk field's labels in ``lang``; a table's come
    from its template, which is already in the template's standard)."""
    return risk_columns(lang) if item["kind"] == "risk" else list(item.get("columns", []))


def load_plans(data_dir: Path = DATA_DIR, lang: str = "nb") -> tuple[dict[str, Plan], list[DataProblem]]:
    """All valid templates by id (in their ``number`` order), plus the problems of
    those left out. Cached on the files' modification times (the data and what it refers to).

    ``lang="nn"``: each document's nynorsk twin (``data/nn/plans/<id>.yaml``), or its bokmål
    template where the twin is missing, broken or of another structure (recorded as a fallback)."""
    folder = plan_dir(data_dir)
    watched = [
        *sorted(folder.glob("*.yaml")),
        *sorted((data_dir / "exercises").glob("*.yaml")),
        *sorted((data_dir / "references").glob("*.bib")),
        data_dir / "themes.yaml",
    ]
    book = sorted((data_dir.parent / "book").rglob("*.md"))
    stamp, book_stamp = filecache.stamp(watched), filecache.stamp(book)
    if editions.checked(lang) == editions.DEFAULT:
        plans, problems = _load_cached(data_dir, stamp, book_stamp)
    else:
        twins = filecache.folder_stamp(editions.twin_folder(folder))
        plans, problems = _load_twins(data_dir, stamp, book_stamp, twins)
    return dict(plans), list(problems)


def get_plan(plan_id: str, data_dir: Path = DATA_DIR, lang: str = "nb") -> Plan | None:
    return load_plans(data_dir, lang)[0].get(plan_id)


def plans_for_theme(slug: str, data_dir: Path = DATA_DIR, lang: str = "nb") -> list[Plan]:
    """The documents a chapter's «Neste steg» links («Lag din del av planen»)."""
    return [p for p in load_plans(data_dir, lang)[0].values() if slug in p["themes"]]


def structure(plan: Plan) -> Any:
    """What a twin must share with its bokmål template: every id a saved answer or a check uses,
    and the kinds and rules the form and the check are built from (not the reader's text)."""

    def one_field(one: Field) -> Any:
        return (
            one["id"],
            one["kind"],
            bool(one.get("required")),
            bool(one.get("multiple")),
            [c["id"] for c in one.get("columns", [])],
            [o["id"] for o in one.get("options", [])],
            one.get("from_exercise"),
            one.get("from_plan"),
            one["section"],
        )

    checks = [
        (c["id"], c["test"], list(c["fields"]), c.get("column"), c.get("min"), c.get("min_score"), c["section"])
        for c in plan["checks"]
    ]
    parts = [(p["id"], [one_field(f) for f in p["fields"]]) for p in plan["parts"]]
    return (plan["id"], plan["number"], list(plan["themes"]), parts, checks)


@lru_cache(maxsize=4)
def _load_twins(
    data_dir: Path, stamp: filecache.Stamp, book_stamp: filecache.Stamp, twin_stamp: filecache.Stamp
) -> tuple[dict[str, Plan], tuple[DataProblem, ...]]:
    """The nn edition, in bokmål order: a valid twin of the same structure, else the bokmål template."""
    nb_plans, nb_problems = _load_cached(data_dir, stamp, book_stamp)
    context = _Context(data_dir)
    twins: dict[str, Plan] = {}
    problems: list[DataProblem] = []
    for name, _mtime in twin_stamp:
        path = Path(name)
        item, errs = read_yaml(path)
        if not errs and isinstance(item, dict):
            item = editions.without_stamp(item)
        if not errs:
            errs = validate_plan(item, path, context)
        source = nb_plans.get(item["id"]) if not errs else None
        if not errs and source is not None and structure(item) != structure(source):
            errs = [DataProblem(path, item["id"], "(hele)", "oppbygginga er ulik den på bokmål (id-ar, typar eller sjekkar)")]
        if errs:
            problems.extend(errs)
            continue
        if source is not None:
            twins[item["id"]] = item
    label = editions.shown(editions.twin_folder(plan_dir(data_dir)))
    return editions.merge_items(nb_plans, twins, label), nb_problems + tuple(problems)


@lru_cache(maxsize=4)
def _load_cached(
    data_dir: Path, stamp: filecache.Stamp, _book: filecache.Stamp
) -> tuple[dict[str, Plan], tuple[DataProblem, ...]]:
    context = _Context(data_dir)
    found: dict[str, tuple[Plan, Path]] = {}
    problems: list[DataProblem] = []
    for path in sorted(plan_dir(data_dir).glob("*.yaml")):
        item, errs = read_yaml(path)
        if not errs:
            errs = validate_plan(item, path, context)
        if errs:
            problems.extend(errs)
            continue
        found[item["id"]] = (item, path)
    # What one template says about another (a field carried from another document) is checked
    # once all are read; a template whose link is broken is left out, the others stay.
    for plan_id, (item, path) in list(found.items()):
        errs = _links(item, path, {k: v for k, (v, _) in found.items()})
        if errs:
            problems.extend(errs)
            del found[plan_id]
    numbers: dict[int, str] = {}
    for plan_id, (item, path) in sorted(found.items()):
        if item["number"] in numbers:
            problems.append(
                DataProblem(path, plan_id, "number", f"nummeret {item['number']} har også «{numbers[item['number']]}»")
            )
        numbers.setdefault(item["number"], plan_id)
    ranked = sorted((item for item, _ in found.values()), key=lambda item: (item["number"], item["id"]))
    return {item["id"]: item for item in ranked}, tuple(problems)


class _Context:
    """What the consistency checks look up, loaded once per load."""

    def __init__(self, data_dir: Path) -> None:
        from somekurs.exercises.model import load_exercises, valid_incidents
        from somekurs.exercises.sources import bibliography

        self.slugs = data.theme_slugs(data_dir)
        self.keys = set(bibliography(data_dir))
        self.incidents = valid_incidents(data_dir)
        self.exercises = load_exercises(data_dir)[0]
        self.labels = set(sections.index())


def validate_plan(item: Any, path: Path, context: _Context | None = None) -> list[DataProblem]:
    """Schema problems first; only a schema-valid template gets the consistency checks."""
    if not isinstance(item, dict):
        return [DataProblem(path, "", "(hele)", "en mal skal være en samling felt (id:, title:, parts: …)")]
    problems = schema_problems("plan", item, path)
    if problems:
        return problems
    return _consistency(item, path, context or _Context(DATA_DIR))


def _consistency(item: Plan, path: Path, context: _Context) -> list[DataProblem]:
    problems: list[DataProblem] = []

    def problem(where: str, message: str) -> None:
        problems.append(DataProblem(path, item["id"], where, message))

    if path.stem != item["id"]:
        problem("id", f"filnavnet skal være {item['id']}.yaml")
    for n, theme in enumerate(item["themes"]):
        if theme not in context.slugs:
            problem(f"themes.{n}", f"ukjent tema «{theme}»")
    _unique(problem, "parts", [p["id"] for p in item["parts"]])
    _unique(problem, "fields", [f["id"] for f in fields(item)])
    _unique(problem, "checks", [c["id"] for c in item["checks"]])
    by_id = {f["id"]: f for f in fields(item)}
    for p, part in enumerate(item["parts"]):
        for n, one in enumerate(part["fields"]):
            _field_problems(one, f"parts.{p}.fields.{n}", problem, context)
    for n, check in enumerate(item["checks"]):
        where = f"checks.{n}"
        for m, name in enumerate(check["fields"]):
            if name not in by_id:
                problem(f"{where}.fields.{m}", f"ukjent felt «{name}»")
        if check["section"] not in context.labels:
            problem(f"{where}.section", f"ukjent avsnitt «{check['section']}» (ingen linje «({check['section']})=» i book/)")
        for m, key in enumerate(check.get("sources", [])):
            if key not in context.keys:
                problem(f"{where}.sources.{m}", f"ukjent kilde «{key}»")
        allowed = CHECK_FIELD_KINDS.get(check["test"])
        for name in check["fields"]:
            target = by_id.get(name)
            if target is None or allowed is None:
                continue
            if target["kind"] not in allowed:
                problem(f"{where}.test", f"«{check['test']}» passer ikke for feltet «{name}» ({target['kind']})")
            elif check["test"] == "every_row" and check["column"] not in {c["id"] for c in columns(target)}:
                problem(f"{where}.column", f"feltet «{name}» har ingen kolonne «{check['column']}»")
    return problems


def _unique(problem: Any, where: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for value in ids:
        if value in seen:
            problem(where, f"id-en «{value}» er brukt to ganger")
        seen.add(value)


def _field_problems(one: Field, where: str, problem: Any, context: _Context) -> None:
    kind = one["kind"]
    for m, key in enumerate(one.get("sources", [])):
        if key not in context.keys:
            problem(f"{where}.sources.{m}", f"ukjent kilde «{key}» (finnes ikke i data/references/*.bib)")
    if one["section"] not in context.labels:
        problem(f"{where}.section", f"ukjent avsnitt «{one['section']}» (ingen linje «({one['section']})=» i book/)")
    if one["example_basis"] == "incident" and one.get("incident") not in context.incidents:
        problem(f"{where}.incident", f"ukjent hendelse «{one.get('incident')}» (finnes ikke i data/incidents/)")
    if "columns" in one and kind != "table":
        problem(f"{where}.columns", "bare et felt av typen table har kolonner")
    if "options" in one and kind != "choice":
        problem(f"{where}.options", "bare et felt av typen choice har valg")
    if "anchors" in one and kind != "risk":
        problem(f"{where}.anchors", "bare et felt av typen risk har skalaer")
    if "check_by" in one:
        from somekurs import claims

        if claims.parse_check_by(one["check_by"]) is None:
            problem(f"{where}.check_by", f"ugyldig dato «{one['check_by']}»")
    if kind == "table":
        _unique(problem, f"{where}.columns", [c["id"] for c in one["columns"]])
    if kind == "choice":
        _unique(problem, f"{where}.options", [o["id"] for o in one["options"]])
    message = example_problem(one)
    if message:
        problem(f"{where}.example", message)
    carried = one.get("from_exercise")
    if carried:
        _carry_problems(one, carried, f"{where}.from_exercise", problem, context)
    if carried and one.get("from_plan"):
        problem(where, "et felt kan hentes fra en oppgave eller fra et annet dokument, ikke begge")


def example_problem(one: Field) -> str:
    """Why the example does not fit the field's kind ('' when it does)."""
    kind, example = one["kind"], one["example"]
    if kind in TEXT_KINDS:
        return "" if isinstance(example, str) else "eksempelet skal være en tekst"
    if not isinstance(example, list):
        return "eksempelet skal være en liste"
    if kind in {"list", "choice"}:
        if not all(isinstance(v, str) for v in example):
            return "eksempelet skal være en liste med tekster"
        if kind == "choice":
            known = {o["id"] for o in one["options"]}
            unknown = [v for v in example if v not in known]
            if unknown:
                return f"ukjent valg i eksempelet: {', '.join(unknown)}"
            if len(example) > 1 and not one.get("multiple"):
                return "bare ett valg er lov i eksempelet (multiple er ikke satt)"
        return ""
    if not all(isinstance(v, dict) for v in example):
        return "eksempelet skal være rader (kolonne: tekst)"
    known = {c["id"] for c in columns(one)}
    for row in example:
        extra = set(row) - known
        if extra:
            return f"ukjent kolonne i eksempelet: {', '.join(sorted(extra))}"
        if kind == "risk":
            for name in SCALE_COLUMNS:
                value = row.get(name)
                if not isinstance(value, int) or not 1 <= value <= 5:
                    return f"«{name}» skal være et tall fra 1 til 5 i hver rad av eksempelet"
    return ""


def _carry_problems(one: Field, carried: dict[str, Any], where: str, problem: Any, context: _Context) -> None:
    exercise = context.exercises.get(carried["id"])
    mode = carried["carry"]
    if exercise is None:
        problem(f"{where}.id", f"ukjent oppgave «{carried['id']}» (finnes ikke, eller er ugyldig, i data/exercises/)")
        return
    if exercise["kind"] != CARRY_KINDS[mode]:
        problem(
            f"{where}.carry",
            f"«{mode}» leser oppgaver av typen {CARRY_KINDS[mode]}, men «{exercise['id']}» er {exercise['kind']}",
        )
        return
    if one["kind"] not in CARRY_INTO[mode]:
        problem(f"{where}.carry", f"«{mode}» kan ikke fylle et felt av typen {one['kind']}")
    if mode == "sorted":
        category = carried.get("category")
        known = {c["id"] for c in exercise["categories"]}
        if category is not None and category not in known:
            problem(f"{where}.category", f"oppgaven har ingen kategori «{category}» (kjente: {', '.join(sorted(known))})")
        if one["kind"] == "list" and category is None:
            problem(f"{where}.category", "en liste hentes fra én kategori: sett category")
        if one["kind"] == "table" and category is not None:
            problem(f"{where}.category", "en tabell får alle elementene med kategorien sin: ta bort category")
    elif "category" in carried:
        problem(f"{where}.category", "bare «sorted» har kategori")


def _links(item: Plan, path: Path, plans: dict[str, Plan]) -> list[DataProblem]:
    problems = []
    for one in fields(item):
        link = one.get("from_plan")
        if not link:
            continue
        where = f"{one['id']}.from_plan"
        other = plans.get(link["document"])
        if other is None or link["document"] == item["id"]:
            problems.append(DataProblem(path, item["id"], where, f"ukjent eller ugyldig dokument «{link['document']}»"))
            continue
        try:
            target = field(other, link["field"])
        except KeyError:
            problems.append(DataProblem(path, item["id"], where, f"«{link['document']}» har ikke noe felt «{link['field']}»"))
            continue
        if target["kind"] != one["kind"] or columns(target) != columns(one):
            problems.append(
                DataProblem(path, item["id"], where, f"feltet «{link['field']}» er av en annen type ({target['kind']}) enn dette")
            )
        elif target.get("from_plan"):
            problems.append(DataProblem(path, item["id"], where, "et felt kan ikke hentes fra et felt som selv er hentet"))
    return problems


# --- values: what a field holds ------------------------------------------------------------------
# short, long: text; list: texts; table: rows of {column: text}; choice: option ids; risk: rows of
# {risiko, tiltak: text, sannsynlighet, konsekvens: 1–5 or None}. A value of another shape (a file
# edited by hand, a template that changed the field's kind) is never shown as if it fitted.
MAX_TEXT = 20_000  # one field; longer than any document part needs
MAX_ROWS = 200


def _text(value: Any) -> str | None:
    from somekurs.exercises.textcheck import clean_text

    return clean_text(value)[:MAX_TEXT] if isinstance(value, str) else None


def _scale(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and 1 <= value <= 5:
        return value
    if isinstance(value, str) and value.strip() in {"1", "2", "3", "4", "5"}:
        return int(value.strip())
    return None


def clean_value(one: Field, value: Any) -> Any:
    """The value in the field's own shape, cleaned (control characters out, lengths capped), or
    None when it does not fit the field."""
    kind = one["kind"]
    if kind in TEXT_KINDS:
        text = _text(value)
        return None if text is None else (" ".join(text.split()) if kind == "short" else text)
    if not isinstance(value, list):
        return None
    if kind == "list":
        items = [_text(v) for v in value[:MAX_ROWS]]
        return None if any(v is None for v in items) else items
    if kind == "choice":
        known = [o["id"] for o in one["options"]]
        picked = [v for v in value if isinstance(v, str) and v in known]
        return picked if one.get("multiple") else picked[:1]
    rows = []
    names = [c["id"] for c in columns(one)]
    for row in value[:MAX_ROWS]:
        if not isinstance(row, dict):
            return None
        cleaned: dict[str, Any] = {}
        for name in names:
            cell = row.get(name)
            if kind == "risk" and name in SCALE_COLUMNS:
                cleaned[name] = _scale(cell)
            else:
                text = _text(cell if isinstance(cell, str) else ("" if cell is None else str(cell)))
                cleaned[name] = text or ""
        rows.append(cleaned)
    return rows


def is_empty(one: Field, value: Any) -> bool:
    """Nothing written or chosen in the field."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if one["kind"] in {"list", "choice"}:
        return not any(isinstance(v, str) and v.strip() for v in value)
    return not [row for row in value if row_filled(one, row)]


def row_filled(one: Field, row: dict[str, Any]) -> bool:
    return any((isinstance(v, str) and v.strip()) or isinstance(v, int) for v in row.values())


def items(one: Field, value: Any) -> list[Any]:
    """The non-empty items of a list, the picked options, or the rows that have something in them."""
    if is_empty(one, value):
        return []
    if one["kind"] in TEXT_KINDS:
        return [value]
    if one["kind"] in {"list", "choice"}:
        return [v for v in value if v.strip()]
    return [row for row in value if row_filled(one, row)]


def option_label(one: Field, option_id: str) -> str:
    return next((o["label"] for o in one.get("options", []) if o["id"] == option_id), option_id)


def as_text(one: Field, value: Any) -> str:
    """Everything in the field as one text (what the checks search)."""
    if is_empty(one, value):
        return ""
    if one["kind"] in TEXT_KINDS:
        return str(value)
    if one["kind"] == "list":
        return "\n".join(items(one, value))
    if one["kind"] == "choice":
        return "\n".join(option_label(one, v) for v in items(one, value))
    return "\n".join(" ".join(str(v) for v in row.values() if v not in (None, "")) for row in items(one, value))
