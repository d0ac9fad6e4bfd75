"""Risk matrix (DPIA-style): rate likelihood and consequence 1–5 for each risk."""

from __future__ import annotations

import io
import random
from html import escape
from typing import Any

from somekurs.exercises.feedback import Ask, Feedback, as_list, fraction, index_of
from somekurs.exercises.feedback import Line as FeedbackLine
from somekurs.exercises.kinds.base import Controls, Exercise, Kind
from somekurs.palette import OKABE_ITO

TOLERANCE = 1  # a rating within one step of the key counts as agreeing
LIKELIHOOD = {1: "svært lite sannsynlig", 2: "lite sannsynlig", 3: "mulig", 4: "sannsynlig", 5: "svært sannsynlig"}
CONSEQUENCE = {1: "ubetydelig", 2: "liten", 3: "moderat", 4: "alvorlig", 5: "svært alvorlig"}
LEVEL_COLOURS = {"sk-lav": OKABE_ITO["sky"], "sk-middels": OKABE_ITO["orange"], "sk-hoy": OKABE_ITO["vermilion"]}


def risk_level(likelihood: int, consequence: int) -> tuple[str, str]:
    """(css class, Norwegian word) for a cell of the risk matrix; the word is always shown."""
    score = likelihood * consequence
    if score >= 15:
        return "sk-hoy", "høy"
    if score >= 6:
        return "sk-middels", "middels"
    return "sk-lav", "lav"


def matrix_html(caption: str) -> str:
    """The likelihood × consequence matrix as a table: every cell says its level in words."""
    head = "".join(f'<th scope="col">{n}<br>{escape(LIKELIHOOD[n])}</th>' for n in range(1, 6))
    rows = []
    for consequence in range(5, 0, -1):
        cells = []
        for likelihood in range(1, 6):
            css, word = risk_level(likelihood, consequence)
            cells.append(
                f'<td class="{css}" data-sk-celle="{likelihood}-{consequence}">{word}<span class="sk-merke"></span></td>'
            )
        rows.append(f'<tr><th scope="row">{consequence} {escape(CONSEQUENCE[consequence])}</th>{"".join(cells)}</tr>')
    return (
        f"<table><caption>{escape(caption)}</caption><thead><tr>"
        f'<th scope="col">Konsekvens \\ Sannsynlighet</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _ratings(answer: Any) -> list[tuple[int, int] | None]:
    """Each pair of the answer as (likelihood, consequence), or None where it is not a rating."""
    out: list[tuple[int, int] | None] = []
    for pair in answer if isinstance(answer, list) else []:
        values = [index_of(v, 6) for v in pair] if isinstance(pair, list) and len(pair) == 2 else [None, None]
        first, second = values
        out.append((first, second) if first and second else None)  # 0 is not a rating either
    return out


class RiskKind(Kind):
    name = "risk"
    title = "Risikovurdering"
    schema = {
        "required": ["risks"],
        "properties": {
            "risks": {
                "type": "array",
                "minItems": 2,
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["text", "likelihood", "consequence", "why"],
                    "properties": {
                        "text": {"type": "string"},
                        "likelihood": {"type": "integer", "minimum": 1, "maximum": 5},
                        "consequence": {"type": "integer", "minimum": 1, "maximum": 5},
                        "why": {"type": "string", "minLength": 10},
                    },
                },
            },
        },
    }
    texts = {
        "ask_risk": "Velg sannsynlighet og konsekvens (1–5) for hver risiko.",
        "risk_line": "Du sa sannsynlighet {l} og konsekvens {c}. Vi sier {kl} og {kc}. ",
        "risk_near": "Nær vår vurdering. ",
        "risk_far": "Langt fra vår vurdering. ",
        "risk_all": "Riktig. Vurderingene dine ligger nær våre (høyst ett trinn unna).",
        "risk_some": "{right} av {n} vurderinger ligger nær våre (høyst ett trinn unna).",
    }

    def judge(self, exercise: Exercise, answer: Any) -> Feedback:
        """Answer: one (likelihood, consequence) pair per risk, each 1–5."""
        risks = exercise["risks"]
        pairs = as_list(answer, self.say("ask_risk"))
        if len(pairs) != len(risks):
            raise Ask(self.say("ask_risk"))
        rated: list[tuple[int, int]] = []
        for pair in pairs:
            if not isinstance(pair, (list, tuple)) or len(pair) != 2:
                raise Ask(self.say("ask_risk"))
            values = [index_of(v, 6) for v in pair]
            if any(v is None or v < 1 for v in values):
                raise Ask(self.say("ask_risk"))
            rated.append((values[0], values[1]))  # type: ignore[arg-type]
        details = []
        right = 0
        for risk, (likelihood, consequence) in zip(risks, rated, strict=True):
            ok = abs(likelihood - risk["likelihood"]) <= TOLERANCE and abs(consequence - risk["consequence"]) <= TOLERANCE
            right += ok
            line = self.say("risk_line", l=likelihood, c=consequence, kl=risk["likelihood"], kc=risk["consequence"])
            details.append(FeedbackLine(risk["text"], ok, line + self.say("risk_near" if ok else "risk_far") + risk["why"]))
        correct = right == len(risks)
        summary = self.say("risk_all") if correct else self.say("risk_some", right=right, n=len(risks))
        return Feedback(correct, fraction(right, len(risks)), summary, details, extra={"rated": rated})

    def answer_key(self, exercise: Exercise) -> Any:
        return [[r["likelihood"], r["consequence"]] for r in exercise["risks"]]

    def describe_answer(self, exercise: Exercise, answer: Any) -> str:
        parts = []
        for risk, pair in zip(exercise["risks"], _ratings(answer), strict=False):
            rating = f"sannsynlighet {pair[0]}, konsekvens {pair[1]}" if pair else "(ikke vurdert)"
            parts.append(f"{risk['text']}: {rating}")
        return "; ".join(parts)

    def wrong_picks(self, exercise: Exercise, answer: Any) -> list[str]:
        out = []
        for risk, pair in zip(exercise["risks"], _ratings(answer), strict=False):
            if pair and not (abs(pair[0] - risk["likelihood"]) <= TOLERANCE and abs(pair[1] - risk["consequence"]) <= TOLERANCE):
                out.append(f"«{risk['text']}» vurdert til {pair[0]}×{pair[1]} (vår: {risk['likelihood']}×{risk['consequence']})")
        return out

    def demo_answer(self, exercise: Exercise, rng: random.Random, slip: float, lure: int) -> Any:
        answer = self.answer_key(exercise)
        if rng.random() < slip:
            k = lure % len(answer)
            answer[k][0] = 1 if answer[k][0] >= 4 else 5  # a rating far from ours
        return answer

    def key_lines(self, exercise: Exercise) -> list[str]:
        from somekurs.exercises.keytext import one_line

        return [
            f"- {one_line(r['text'])}: sannsynlighet **{r['likelihood']}** ({LIKELIHOOD[r['likelihood']]}), "
            f"konsekvens **{r['consequence']}** ({CONSEQUENCE[r['consequence']]}). {one_line(r['why'])}"
            for r in exercise["risks"]
        ]

    def body_html(self, exercise: Exercise, prefix: str) -> str:
        def select(i: int, axis: str, label: str, words: dict[int, str]) -> str:
            options = '<option value="">Velg</option>' + "".join(
                f'<option value="{n}">{n} – {escape(w)}</option>' for n, w in words.items()
            )
            return (
                f'<div class="sk-rad"><label for="{prefix}-risiko-{i}-{axis}">{label}</label>'
                f'<select id="{prefix}-risiko-{i}-{axis}" data-sk-risiko="{i}-{axis}">{options}</select></div>'
            )

        parts = [
            f"<fieldset><legend>Risiko {i + 1}: {escape(risk['text'])}</legend>"
            + select(i, "s", "Sannsynlighet", LIKELIHOOD)
            + select(i, "k", "Konsekvens", CONSEQUENCE)
            + "</fieldset>"
            for i, risk in enumerate(exercise["risks"])
        ]
        caption = "Risikomatrise. Etter at du har sjekket svaret, viser cellene dine vurderinger (du) og våre (vår)."
        return "".join(parts) + matrix_html(caption)

    def script_data(self, exercise: Exercise) -> dict[str, Any]:
        return {"tolerance": TOLERANCE}

    def controls(self, exercise: Exercise) -> Controls:
        return RiskControls(exercise)


def risk_png(exercise: Exercise, rated: list[tuple[int, int]]) -> tuple[bytes, str]:
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
            css, word = risk_level(likelihood, consequence)
            ax.add_patch(
                Rectangle(
                    (likelihood - 0.5, consequence - 0.5), 1, 1, facecolor=LEVEL_COLOURS[css], alpha=0.45, edgecolor="white"
                )
            )
            ax.text(likelihood - 0.45, consequence + 0.38, word, fontsize=7, color="black", va="top")
    for n, ((mine_l, mine_c), risk) in enumerate(zip(rated, exercise["risks"], strict=True), start=1):
        ax.plot(mine_l - 0.15, mine_c - 0.1, "o", color="black", markersize=9)
        ax.annotate(f"R{n} du", (mine_l - 0.15, mine_c - 0.1), xytext=(4, -12), textcoords="offset points", fontsize=8)
        ax.plot(
            risk["likelihood"] + 0.2,
            risk["consequence"] + 0.05,
            "s",
            markerfacecolor="white",
            markeredgecolor="black",
            markersize=9,
        )
        ax.annotate(
            f"R{n} vår",
            (risk["likelihood"] + 0.2, risk["consequence"] + 0.05),
            xytext=(4, 4),
            textcoords="offset points",
            fontsize=8,
        )
    ax.set_xlim(0.5, 5.5)
    ax.set_ylim(0.5, 5.5)
    ax.set_xticks(range(1, 6), [f"{n}\n{w}" for n, w in LIKELIHOOD.items()], fontsize=7)
    ax.set_yticks(range(1, 6), [f"{n} {w}" for n, w in CONSEQUENCE.items()], fontsize=7)
    ax.set_xlabel("Sannsynlighet")
    ax.set_ylabel("Konsekvens")
    ax.set_title("Risikomatrise: sirkel = din vurdering, firkant = vår")
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    parts = [
        f"R{n}: du {lk}×{cq}, vi {r['likelihood']}×{r['consequence']}"
        for n, ((lk, cq), r) in enumerate(zip(rated, exercise["risks"], strict=True), start=1)
    ]
    return buffer.getvalue(), "Risikomatrisen viser sannsynlighet × konsekvens. " + "; ".join(parts) + "."


class RiskControls(Controls):
    def __init__(self, exercise: Exercise) -> None:
        super().__init__(exercise)
        w = self.w
        self.pairs = []
        for i, risk in enumerate(exercise["risks"]):
            likelihood = w.Dropdown(
                options=[("Velg", None)] + [(f"{n} – {t}", n) for n, t in LIKELIHOOD.items()],
                value=None,
                description="Sannsynlighet",
                style={"description_width": "initial"},
            )
            consequence = w.Dropdown(
                options=[("Velg", None)] + [(f"{n} – {t}", n) for n, t in CONSEQUENCE.items()],
                value=None,
                description="Konsekvens",
                style={"description_width": "initial"},
            )
            self.pairs.append((likelihood, consequence))
            self.children += [self.wrap_label(f"Risiko {i + 1}: {risk['text']}"), w.HBox([likelihood, consequence])]
        self.matrix = w.Output()
        self.children.append(self.matrix)

    def answer(self) -> Any:
        return [[a.value, b.value] for a, b in self.pairs]

    def restore(self, answer: Any) -> None:
        if isinstance(answer, list):
            for (a, b), pair in zip(self.pairs, answer, strict=False):
                if isinstance(pair, list) and len(pair) == 2:
                    a.value = pair[0] if pair[0] in LIKELIHOOD else None
                    b.value = pair[1] if pair[1] in CONSEQUENCE else None

    def clear(self) -> None:
        for a, b in self.pairs:
            a.value = b.value = None
        self.matrix.clear_output()

    def after_check(self, feedback: Feedback) -> None:
        self.matrix.clear_output()
        if feedback.needs_input:
            return
        from IPython.display import display

        png, description = risk_png(self.exercise, feedback.extra["rated"])
        with self.matrix:
            display(self.w.Image(value=png, format="png", layout=self.w.Layout(max_width="560px")))
            display(self.w.Label(description))


KIND = RiskKind()
