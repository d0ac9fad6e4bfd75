"""Kursbevis: the completion record, and the check value that ties it to a hand-in.

The check value is a short SHA-256 of the canonical JSON of the results the record shows
(:func:`check_value`). The static book's script (``js/runner.js``) computes the same value from
the same JSON, so a record printed from the book and one made in JupyterLab read alike. The class
overview recomputes the value from the results in a participant's hand-in: a match shows the record
agrees with the hand-in. It does not show who took the test: no secret is kept anywhere, so anyone
who has the results can compute the value (the instructor guide says so).

The PDF is made on the participant's side with reportlab; the name is drawn as plain text, exactly
as typed (reportlab's markup is escaped), and nothing is sent anywhere. Its words and its language
tag are the participant's standard (``lang``; data/texts, section ``assessment``).
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Iterable
from typing import Any
from xml.sax.saxutils import escape

from somekurs import editions, norwegian, texts

Result = dict[str, Any]
CHECK_LENGTH = 12  # hex digits of the SHA-256 kept: 48 bits, three groups of four
NAME_MAX = 120
LANGUAGES = {"nb": "nb-NO", "nn": "nn-NO"}  # the PDF's language tag of each standard


def canonical_result(result: Any) -> Result:
    """Only the fields the record rests on, in their types (extra fields in a hand-in are ignored)."""
    if not isinstance(result, dict):
        raise ValueError("et resultat skal være en samling felt")
    found = result.get("themes")
    themes_in: dict[str, Any] = found if isinstance(found, dict) else {}
    themes = {
        str(slug): {"right": int(row.get("right", 0)), "total": int(row.get("total", 0)), "passed": bool(row.get("passed"))}
        for slug, row in themes_in.items()
        if isinstance(row, dict)
    }
    return {
        "attempt": str(result.get("attempt", "")),
        "scope": str(result.get("scope", "")),
        "date": str(result.get("date", "")),
        "right": int(result.get("right", 0)),
        "total": int(result.get("total", 0)),
        "passed": bool(result.get("passed")),
        "themes": themes,
    }


def canonical_json(results: Iterable[Any]) -> str:
    """The results as one canonical JSON text: sorted keys, no spaces, ASCII, sorted by scope and attempt."""
    rows = sorted((canonical_result(r) for r in results), key=lambda r: (r["scope"], r["attempt"]))
    return json.dumps(rows, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def check_value(results: Iterable[Any]) -> str:
    """The record's check value, e.g. «3F2A-9C01-77BE»: the same results always give the same value.

    Pure: the class overview calls it on the results in a hand-in and compares with the value on
    the record the participant shows.
    """
    digest = hashlib.sha256(canonical_json(results).encode("ascii")).hexdigest()[:CHECK_LENGTH].upper()
    return "-".join(digest[i : i + 4] for i in range(0, CHECK_LENGTH, 4))


def same_check_value(a: str, b: str) -> bool:
    """Compare two check values as a person types them (case, spaces and dashes do not matter)."""

    def norm(v: str) -> str:
        return "".join(c for c in str(v).upper() if c.isalnum())

    return bool(norm(a)) and norm(a) == norm(b)


def record_results(attempts: Iterable[Result]) -> list[Result]:
    """What a record shows: for each scope (module or whole course), the latest passed attempt."""
    latest: dict[str, Result] = {}
    for result in attempts:
        if result.get("passed") and str(result.get("date", "")) >= str(latest.get(result["scope"], {}).get("date", "")):
            latest[result["scope"]] = result
    return list(latest.values())


def clean_name(name: Any) -> str:
    """The name as typed, without control characters, at most ``NAME_MAX`` characters."""
    text = "".join(c for c in str(name or "") if c.isprintable()).strip()
    return text[:NAME_MAX]


def record_pdf(
    name: str, results: list[Result], titles: dict[str, str], made: str, compress: bool = True, lang: str = "nb"
) -> bytes:
    """The record as a one-page PDF (A4): name, date, modules passed with results, check value
    (``compress=False`` leaves the text readable in the file, for tests). ``titles`` are the themes'
    titles in ``lang``, the standard of the whole record."""
    from reportlab.lib import colors  # type: ignore[import-untyped]
    from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
    from reportlab.lib.styles import getSampleStyleSheet  # type: ignore[import-untyped]
    from reportlab.lib.units import mm  # type: ignore[import-untyped]
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle  # type: ignore[import-untyped]

    def say(key: str, **values: Any) -> str:
        return texts.say("assessment", key, lang, **values)

    styles = getSampleStyleSheet()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=25 * mm,
        rightMargin=25 * mm,
        topMargin=25 * mm,
        bottomMargin=25 * mm,
        title=say("record"),
        author=clean_name(name) or say("pdf_author"),
        subject=say("course"),
        lang=LANGUAGES[editions.checked(lang)],
        pageCompression=1 if compress else 0,
        invariant=1,
    )

    def p(text: str, style: str = "BodyText") -> Paragraph:
        return Paragraph(escape(text), styles[style])

    rows = [[say("col_part"), say("col_result"), say("col_date")]]
    for result in sorted(results, key=lambda r: (r["scope"] != "hele-kurset", r["scope"])):
        scope = str(result["scope"])
        title = say("whole_course") if scope == "hele-kurset" else titles.get(scope, scope)
        score = say("score", right=result["right"], total=result["total"]).removesuffix(".")
        rows.append([title, score, norwegian.date(str(result["date"]))])
    table = Table(rows, colWidths=[80 * mm, 40 * mm, 40 * mm])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                ("LINEBELOW", (0, 0), (-1, 0), 1, colors.black),
                ("GRID", (0, 1), (-1, -1), 0.25, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story = [
        p(say("record"), "Title"),
        p(say("pdf_subtitle"), "Heading3"),
        Spacer(1, 8 * mm),
        p(say("pdf_confirms"), "BodyText"),
        p(clean_name(name) or say("no_name"), "Heading1"),
        p(say("pdf_passed_in"), "BodyText"),
        Spacer(1, 4 * mm),
        table,
        Spacer(1, 8 * mm),
        p(say("made", date=norwegian.date(made)), "BodyText"),
        p(say("check_value", value=check_value(results)), "Heading3"),
        p(say("check_value_note"), "BodyText"),
    ]
    doc.build(story)
    return buffer.getvalue()
