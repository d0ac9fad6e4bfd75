"""Draw a risk exercise's likelihood × consequence matrix with matplotlib (widget view only).

Imported only when a participant checks a risk exercise, so opening a workbook does not pay
for matplotlib. Colours are from the Okabe–Ito palette (safe with common colour-vision
deficiencies), every cell also says its level in words, and the markers carry text labels.
"""

from __future__ import annotations

import io

from somekurs.exercises.html import CONSEQUENCE, LIKELIHOOD, risk_level
from somekurs.exercises.model import Exercise

LEVEL_COLOURS = {"sk-lav": "#56B4E9", "sk-middels": "#E69F00", "sk-hoy": "#D55E00"}


def risk_png(exercise: Exercise, rated: list[tuple[int, int]]) -> tuple[bytes, str]:
    """The matrix as PNG bytes, plus a sentence that says what it shows (for screen readers)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6.5, 5), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    for likelihood in range(1, 6):
        for consequence in range(1, 6):
            css, word = risk_level(likelihood, consequence)
            ax.add_patch(_rect(likelihood, consequence, LEVEL_COLOURS[css]))
            ax.text(likelihood - 0.45, consequence + 0.38, word, fontsize=7, color="black", va="top")
    for n, ((mine_l, mine_c), risk) in enumerate(zip(rated, exercise["risks"], strict=True), start=1):
        ax.plot(mine_l - 0.15, mine_c - 0.1, "o", color="black", markersize=9)
        ax.annotate(f"R{n} du", (mine_l - 0.15, mine_c - 0.1), xytext=(4, -12), textcoords="offset points", fontsize=8)
        ax.plot(risk["likelihood"] + 0.2, risk["consequence"] + 0.05, "s", markerfacecolor="white",
                markeredgecolor="black", markersize=9)
        ax.annotate(f"R{n} vår", (risk["likelihood"] + 0.2, risk["consequence"] + 0.05), xytext=(4, 4),
                    textcoords="offset points", fontsize=8)
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
    parts = [f"R{n}: du {lk}×{cq}, vi {r['likelihood']}×{r['consequence']}"
             for n, ((lk, cq), r) in enumerate(zip(rated, exercise["risks"], strict=True), start=1)]
    return buffer.getvalue(), "Risikomatrisen viser sannsynlighet × konsekvens. " + "; ".join(parts) + "."


def _rect(likelihood: int, consequence: int, colour: str):  # noqa: ANN202 - matplotlib type imported lazily
    from matplotlib.patches import Rectangle

    return Rectangle((likelihood - 0.5, consequence - 0.5), 1, 1, facecolor=colour, alpha=0.45, edgecolor="white")
