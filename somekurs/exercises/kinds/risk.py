"""Risk matrix (DPIA-style): rate likelihood and consequence 1–5 for each risk."""

from __future__ import annotations

import io
import random
from html import escape
from typing import Any

from somekurs import texts
from somekurs.exercises.feedback import (
    ID_SCHEMA,
    POINTER_SCHEMA,
    Ask,
    Feedback,
    common_text,
    duplicate_ids,
    fraction,
    index_of,
    mapping_answer,
)
from somekurs.exercises.feedback import Line as FeedbackLine
from somekurs.exercises.kinds.base import Controls, Exercise, Kind
from somekurs.palette import OKABE_ITO

TOLERANCE = 1  # a rating within one step of the key counts as agreeing
LEVEL_COLOURS = {"sk-lav": OKABE_ITO["sky"], "sk-middels": OKABE_ITO["orange"], "sk-hoy": OKABE_ITO["vermilion"]}
_LEVELS = {"sk-hoy": "level_high", "sk-middels": "level_middle", "sk-lav": "level_low"}


def _say(key: str, lang: str, **values: Any) -> str:
    return texts.say("risk", key, lang, **values)


def scale(axis: str, lang: str = "nb") -> dict[int, str]:
    """The words of one scale (``likelihood`` or ``consequence``), 1–5, in one standard."""
    return {n: _say(f"{axis}_{n}", lang) for n in range(1, 6)}


def __getattr__(name: str) -> dict[int, str]:
    """``LIKELIHOOD`` and ``CONSEQUENCE``: the bokmål scales, for code written before the nynorsk
    edition (read from the texts when asked for, not at import)."""
    if name in {"LIKELIHOOD", "CONSEQUENCE"}:
        return scale(name.lower())
    raise AttributeError(name)


def risk_level(likelihood: int, consequence: int, lang: str = "nb") -> tuple[str, str]:
    """(css class, word) for a cell of the risk matrix; the word is always shown."""
    score = likelihood * consequence
    css = "sk-hoy" if score >= 15 else ("sk-middels" if score >= 6 else "sk-lav")
    return css, _say(_LEVELS[css], lang)


def matrix_html(caption: str, lang: str = "nb") -> str:
    """The likelihood × consequence matrix as a table: every cell says its level in words."""
    likelihood_words, consequence_words = scale("likelihood", lang), scale("consequence", lang)
    head = "".join(f'<th scope="col">{n}<br>{escape(likelihood_words[n])}</th>' for n in range(1, 6))
    rows = []
    for consequence in range(5, 0, -1):
        cells = []
        for likelihood in range(1, 6):
            css, word = risk_level(likelihood, consequence, lang)
            cells.append(
                f'<td class="{css}" data-sk-celle="{likelihood}-{consequence}">{escape(word)}<span class="sk-merke"></span></td>'
            )
        rows.append(f'<tr><th scope="row">{consequence} {escape(consequence_words[consequence])}</th>{"".join(cells)}</tr>')
    return (
        f"<table><caption>{escape(caption)}</caption><thead><tr>"
        f'<th scope="col">{escape(_say("corner", lang))}</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def matrix_region(caption: str, lang: str = "nb", css: str = "sk-matrise", attrs: str = "") -> str:
    """The matrix in a box that scrolls sideways on a narrow phone: a named region a keyboard can
    reach (tabindex 0), so the cells out of sight can be scrolled to without a mouse (axe
    «scrollable-region-focusable», WCAG 2.1.1)."""
    return (
        f'<div class="{css}"{attrs} role="region" tabindex="0" aria-label="{escape(caption)}">{matrix_html(caption, lang)}</div>'
    )


def rating(pair: Any) -> tuple[int, int] | None:
    """A (likelihood, consequence) pair of 1–5 each, or None when it is not a rating."""
    if not isinstance(pair, (list, tuple)) or len(pair) != 2:
        return None
    first, second = (index_of(v, 6) for v in pair)
    return (first, second) if first and second else None  # 0 is not a rating either


def near(pair: tuple[int, int], risk: dict[str, Any]) -> bool:
    return abs(pair[0] - risk["likelihood"]) <= TOLERANCE and abs(pair[1] - risk["consequence"]) <= TOLERANCE


class RiskKind(Kind):
    name = "risk"
    schema = {
        "required": ["risks", "anchors"],
        "properties": {
            "anchors": {
                "type": "object",
                "additionalProperties": False,
                "required": ["likelihood", "consequence"],
                "description": "what the scales mean here (time horizon; consequence for whom), shown above the ratings",
                "properties": {
                    "likelihood": {"type": "string", "minLength": 10},
                    "consequence": {"type": "string", "minLength": 10},
                },
            },
            "risks": {
                "type": "array",
                "minItems": 3,
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["id", "text", "likelihood", "consequence", "why"],
                    "properties": {
                        "id": ID_SCHEMA,
                        "text": {"type": "string"},
                        "likelihood": {"type": "integer", "minimum": 1, "maximum": 5},
                        "consequence": {"type": "integer", "minimum": 1, "maximum": 5},
                        "why": {"type": "string", "minLength": 10},
                        **POINTER_SCHEMA,
                    },
                },
            },
        },
    }

    def check(self, item: Exercise) -> list[tuple[str, str]]:
        found = duplicate_ids(item["risks"], "risks")
        # a uniform rating in the middle of the scale must not agree with most of our ratings
        middle = sum(1 for r in item["risks"] if near((3, 3), r))
        if middle / len(item["risks"]) > 0.5:
            found.append(("risks", "«3 og 3 på alt» ligger nær vår vurdering på over halvparten; bruk hele skalaen"))
        return found

    def judge(self, exercise: Exercise, answer: Any, lang: str = "nb") -> Feedback:
        """Answer: {risk id: [likelihood, consequence]}, each 1–5."""
        risks = exercise["risks"]
        pairs = mapping_answer(answer, [r["id"] for r in risks], self.say("ask_risk", lang))
        rated = {key: rating(pair) for key, pair in pairs.items()}
        if any(pair is None for pair in rated.values()):
            raise Ask(self.say("ask_risk", lang))
        details = []
        right = 0
        for risk in risks:
            likelihood, consequence = rated[risk["id"]]  # type: ignore[misc]
            ok = near((likelihood, consequence), risk)
            right += ok
            said = self.say("risk_said", lang, l=likelihood, c=consequence)
            line = said + self.say("risk_ours", lang, kl=risk["likelihood"], kc=risk["consequence"])
            where = {"section": risk.get("section", exercise.get("section", "")), "source": risk.get("source", "")}
            details.append(
                FeedbackLine(
                    risk["text"],
                    ok,
                    line + self.say("risk_near" if ok else "risk_far", lang) + risk["why"],
                    hint=said + common_text("not_right_try", lang),
                    **where,
                )
            )
        correct = right == len(risks)
        summary = self.say("risk_all", lang) if correct else self.say("risk_some", lang, right=right, n=len(risks))
        return Feedback(
            correct, fraction(right, len(risks)), summary, details, extra={"rated": {k: list(v) for k, v in rated.items() if v}}
        )

    def answer_key(self, exercise: Exercise) -> Any:
        return {r["id"]: [r["likelihood"], r["consequence"]] for r in exercise["risks"]}

    def describe_answer(self, exercise: Exercise, answer: Any, lang: str = "nb") -> str:
        given = answer if isinstance(answer, dict) else {}
        parts = []
        for risk in exercise["risks"]:
            pair = rating(given.get(risk["id"]))
            rated = self.say("rated", lang, l=pair[0], c=pair[1]) if pair else self.say("not_rated", lang)
            parts.append(f"{risk['text']}: {rated}")
        return "; ".join(parts)

    def wrong_picks(self, exercise: Exercise, answer: Any, lang: str = "nb") -> list[str]:
        given = answer if isinstance(answer, dict) else {}
        out = []
        for risk in exercise["risks"]:
            pair = rating(given.get(risk["id"]))
            if pair and not near(pair, risk):
                out.append(
                    self.say(
                        "rated_far", lang, text=risk["text"], l=pair[0], c=pair[1], kl=risk["likelihood"], kc=risk["consequence"]
                    )
                )
        return out

    def demo_answer(self, exercise: Exercise, rng: random.Random, slip: float, lure: int) -> Any:
        answer = self.answer_key(exercise)
        if rng.random() < slip:
            risk = exercise["risks"][lure % len(exercise["risks"])]
            answer[risk["id"]][0] = 1 if risk["likelihood"] >= 4 else 5  # a rating far from ours
        return answer

    def key_lines(self, exercise: Exercise, lang: str = "nb") -> list[str]:
        from somekurs.exercises.keytext import one_line

        likelihood, consequence = scale("likelihood", lang), scale("consequence", lang)
        return [
            f"- {one_line(r['text'])}: "
            + self.say(
                "key_line",
                lang,
                l=r["likelihood"],
                lw=likelihood[r["likelihood"]],
                c=r["consequence"],
                cw=consequence[r["consequence"]],
            )
            + f" {one_line(r['why'])}"
            for r in exercise["risks"]
        ]

    def body_html(self, exercise: Exercise, prefix: str, lang: str = "nb") -> str:
        def select(i: str, axis: str, label: str, words: dict[int, str]) -> str:
            options = f'<option value="">{escape(self.say("choose", lang))}</option>' + "".join(
                f'<option value="{n}">{n} – {escape(w)}</option>' for n, w in words.items()
            )
            return (
                f'<div class="sk-rad"><label for="{prefix}-risiko-{i}-{axis}">{escape(label)}</label>'
                f'<select id="{prefix}-risiko-{i}-{axis}" data-sk-risiko="{i}-{axis}">{options}</select></div>'
            )

        anchors = exercise["anchors"]
        likelihood, consequence = self.say("likelihood", lang), self.say("consequence", lang)
        parts = [
            f'<p class="sk-skala"><strong>{escape(likelihood)}:</strong> {escape(anchors["likelihood"])}<br>'
            f"<strong>{escape(consequence)}:</strong> {escape(anchors['consequence'])}</p>"
        ]
        parts += [
            f'<fieldset data-sk-id="{risk["id"]}"><legend>{escape(self.say("risk_n", lang, n=i + 1, text=risk["text"]))}</legend>'
            + select(risk["id"], "s", likelihood, scale("likelihood", lang))
            + select(risk["id"], "k", consequence, scale("consequence", lang))
            + "</fieldset>"
            for i, risk in enumerate(exercise["risks"])
        ]
        caption = self.say("caption", lang)
        return "".join(parts) + matrix_region(caption, lang)

    def script_data(self, exercise: Exercise, lang: str = "nb") -> dict[str, Any]:
        return {"tolerance": TOLERANCE}

    def controls(self, exercise: Exercise, seed: str = "", lang: str = "nb") -> Controls:
        return RiskControls(exercise, seed, lang)


def risk_png(exercise: Exercise, rated: dict[str, list[int]], lang: str = "nb") -> tuple[bytes, str]:
    """The matrix as PNG bytes, plus a sentence that says what it shows (for screen readers).

    Drawn only when a participant checks a risk exercise, so opening a workbook does not pay for
    matplotlib. Every cell also says its level in words, and the markers carry text labels.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import Rectangle

    fig = Figure(figsize=(6.5, 5), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    for likelihood in range(1, 6):
        for consequence in range(1, 6):
            css, word = risk_level(likelihood, consequence, lang)
            ax.add_patch(
                Rectangle(
                    (likelihood - 0.5, consequence - 0.5), 1, 1, facecolor=LEVEL_COLOURS[css], alpha=0.45, edgecolor="white"
                )
            )
            ax.text(likelihood - 0.45, consequence + 0.38, word, fontsize=7, color="black", va="top")
    for n, risk in enumerate(exercise["risks"], start=1):
        mine_l, mine_c = rated[risk["id"]]
        ax.plot(mine_l - 0.15, mine_c - 0.1, "o", color="black", markersize=9)
        ax.annotate(
            _say("marker_yours", lang, n=n),
            (mine_l - 0.15, mine_c - 0.1),
            xytext=(4, -12),
            textcoords="offset points",
            fontsize=8,
        )
        ax.plot(
            risk["likelihood"] + 0.2,
            risk["consequence"] + 0.05,
            "s",
            markerfacecolor="white",
            markeredgecolor="black",
            markersize=9,
        )
        ax.annotate(
            _say("marker_ours", lang, n=n),
            (risk["likelihood"] + 0.2, risk["consequence"] + 0.05),
            xytext=(4, 4),
            textcoords="offset points",
            fontsize=8,
        )
    ax.set_xlim(0.5, 5.5)
    ax.set_ylim(0.5, 5.5)
    ax.set_xticks(range(1, 6), [f"{n}\n{w}" for n, w in scale("likelihood", lang).items()], fontsize=7)
    ax.set_yticks(range(1, 6), [f"{n} {w}" for n, w in scale("consequence", lang).items()], fontsize=7)
    ax.set_xlabel(_say("likelihood", lang))
    ax.set_ylabel(_say("consequence", lang))
    ax.set_title(_say("png_title", lang))
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    parts = [
        _say("png_part", lang, n=n, l=rated[r["id"]][0], c=rated[r["id"]][1], kl=r["likelihood"], kc=r["consequence"])
        for n, r in enumerate(exercise["risks"], start=1)
    ]
    return buffer.getvalue(), _say("png_description", lang, parts="; ".join(parts))


class RiskControls(Controls):
    def __init__(self, exercise: Exercise, seed: str = "", lang: str = "nb") -> None:
        super().__init__(exercise, lang)
        w = self.w
        self.pairs = {}
        anchors = exercise["anchors"]
        said_l, said_c = self.say("likelihood"), self.say("consequence")
        self.children += [
            self.wrap_label(f"{said_l}: {anchors['likelihood']}"),
            self.wrap_label(f"{said_c}: {anchors['consequence']}"),
        ]
        for i, risk in enumerate(exercise["risks"]):
            likelihood = w.Dropdown(
                options=[(self.say("choose"), None)] + [(f"{n} – {t}", n) for n, t in scale("likelihood", lang).items()],
                value=None,
                description=said_l,
                style={"description_width": "initial"},
            )
            consequence = w.Dropdown(
                options=[(self.say("choose"), None)] + [(f"{n} – {t}", n) for n, t in scale("consequence", lang).items()],
                value=None,
                description=said_c,
                style={"description_width": "initial"},
            )
            self.pairs[risk["id"]] = (likelihood, consequence)
            self.children += [self.wrap_label(self.say("risk_n", n=i + 1, text=risk["text"])), w.HBox([likelihood, consequence])]
        self.matrix = w.Output()
        self.children.append(self.matrix)

    def answer(self) -> Any:
        return {key: [a.value, b.value] for key, (a, b) in self.pairs.items()}

    def restore(self, answer: Any) -> None:
        if isinstance(answer, dict):
            for key, (a, b) in self.pairs.items():
                pair = rating(answer.get(key))
                a.value, b.value = pair if pair else (None, None)

    def clear(self) -> None:
        for a, b in self.pairs.values():
            a.value = b.value = None
        self.matrix.clear_output()

    def after_check(self, feedback: Feedback) -> None:
        self.matrix.clear_output()
        if feedback.needs_input:
            return
        from IPython.display import display

        png, description = risk_png(self.exercise, feedback.extra["rated"], self.lang)
        with self.matrix:
            display(self.w.Image(value=png, format="png", layout=self.w.Layout(max_width="560px")))
            display(self.w.Label(description))


KIND = RiskKind()
