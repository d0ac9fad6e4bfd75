"""Judge a participant's answer to an exercise: pure functions, no widgets, no files.

The widget view, the progress file and the tests all use :func:`evaluate`, so the judgement
lives in one place (the static book's JavaScript mirrors it and a test compares the two).
Whatever a participant sends (nothing, the wrong shape, a novel, HTML, emoji, control
characters) gives a :class:`Feedback` that says in plain Norwegian what to do; it never raises.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from somekurs.exercises import textcheck
from somekurs.exercises.model import Exercise
from somekurs.exercises.textcheck import clean_text

MAX_ANSWER = textcheck.MAX_TEXT
RISK_TOLERANCE = 1  # a rating within one step of the key counts as agreeing

# Every sentence the judges say, defined once: the static book's script gets this table as
# JSON and fills the same templates, so the book and JupyterLab say the same thing.
T: dict[str, str] = {
    "ask_choice_one": "Kryss av for ett svar, og trykk så «Sjekk svaret».",
    "ask_choice_many": "Kryss av for ett eller flere svar, og trykk så «Sjekk svaret».",
    "ask_choice_known": "Velg blant svaralternativene som vises, og trykk så «Sjekk svaret».",
    "ask_choice_single": "Her skal du velge bare ett svar.",
    "choice_all_right": "Riktig. Du valgte alle de riktige svarene og ingen av de gale.",
    "choice_some_wrong": "Ikke helt. {wrong} av {size} svaralternativer er bedømt feil. Les forklaringene under.",
    "choice_right": "Du valgte det riktige svaret.",
    "choice_wrong": "Ikke riktig. Les forklaringen, og prøv igjen.",
    "not_ticked": "Du krysset ikke av for dette. ",
    "ask_text": "Skriv svaret ditt som tekst i feltet, og trykk så «Sjekk svaret».",
    "too_long": "Svaret er over {max} tegn. Skriv et kortere svar.",
    "ask_dilemma": "Skriv først hva du ville gjort, og trykk så «Sjekk svaret». Da ser du forslaget vårt.",
    "dilemma_saved": "Svaret ditt er lagret. Sammenlign det med forslaget under.",
    "suggestion": "Forslag til løsning",
    "principle": "Prinsippet bak",
    "ask_sort": "Velg en kategori for hvert punkt. Det mangler {n}.",
    "sort_chosen": "Du valgte «{chosen}». ",
    "sort_right_is": "Riktig kategori er «{right}». ",
    "sort_all": "Riktig. Alle er plassert riktig.",
    "sort_some": "{right} av {n} er plassert riktig.",
    "ask_check": "Svar «Oppfylt» eller «Ikke oppfylt» for hvert punkt i sjekklisten.",
    "check_fact": "Riktig svar: {fact}. ",
    "met": "Oppfylt",
    "not_met": "Ikke oppfylt",
    "check_all": "Riktig. Du vurderte alle punktene riktig.",
    "check_some": "{right} av {n} punkter er vurdert riktig.",
    "alt_too_long": "Den alternative teksten er for lang. Skriv en eller to setninger.",
    "text_ok": "Teksten består sjekken. ",
    "text_fix": "Rett opp {n} ting før du publiserer. ",
    "text_facts": "{length} tegn ({kind}: {limit}), LIX {lix}.",
    "rule": "plattformens grense",
    "advice": "kursets anbefalte lengde",
    "see_advice": " Se rådene under.",
    "must": "Må rettes",
    "should": "Råd",
    "ask_decision": "Svar på det første spørsmålet, og trykk så «Sjekk svaret».",
    "ask_decision_option": "Velg ett av svarene på spørsmålet «{question}».",
    "ask_decision_next": "Du er ikke ferdig. Svar på spørsmålet «{question}».",
    "decision_toward": "Dette svaret fører mot riktig utfall.",
    "decision_away": "Dette svaret fører bort fra riktig utfall.",
    "decision_line": "{question} Du svarte: {label}",
    "outcome_line": "Utfall: {outcome}",
    "expected_line": "Riktig utfall: {outcome}",
    "decision_right": "Riktig. Saken ender med: {outcome}.",
    "decision_wrong": "Ikke riktig. Du kom til «{reached}», men saken skal ende med «{expected}».",
    "ask_risk": "Velg sannsynlighet og konsekvens (1–5) for hver risiko.",
    "risk_line": "Du sa sannsynlighet {l} og konsekvens {c}. Vi sier {kl} og {kc}. ",
    "risk_near": "Nær vår vurdering. ",
    "risk_far": "Langt fra vår vurdering. ",
    "risk_all": "Riktig. Vurderingene dine ligger nær våre (høyst ett trinn unna).",
    "risk_some": "{right} av {n} vurderinger ligger nær våre (høyst ett trinn unna).",
    "ask_timeline": "Sett alle hendelsene i rekkefølge (hver hendelse én gang), og trykk så «Sjekk svaret».",
    "timeline_right_place": "Riktig plass. ",
    "timeline_should_be": "Skal være nummer {n}. ",
    "timeline_when": "Tidspunkt: {when}.",
    "timeline_all": "Riktig. Alle hendelsene står i riktig rekkefølge.",
    "timeline_some": "{right} av {n} står på riktig plass.",
    "unreadable": "Svaret kunne ikke leses. Trykk «Nullstill oppgaven» og svar på nytt.",
    "unknown_kind": "Denne oppgavetypen kan ikke sjekkes ennå.",
}


def say(key: str, **values: Any) -> str:
    return T[key].format(**values)


@dataclass(frozen=True)
class Line:
    """Feedback on one part of an answer: an option, an item, a check, a node, a risk."""

    text: str
    ok: bool | None
    why: str


@dataclass
class Feedback:
    """What a participant is told after «Sjekk svaret»."""

    correct: bool | None  # None: a free-text answer with no right or wrong
    score: float  # 0..1
    summary: str
    details: list[Line] = field(default_factory=list)
    chapter: str = ""  # label of the chapter the feedback links to, e.g. kap-arkiv
    theme: str = ""
    sources: list[str] = field(default_factory=list)
    incident: str | None = None
    needs_input: bool = False  # True: the answer could not be judged; nothing worth saving
    extra: dict[str, Any] = field(default_factory=dict)  # kind-specific (suggestion, right order, lix …)

    @property
    def verdict(self) -> str:
        """The word shown beside the colour, so colour is never the only signal."""
        if self.needs_input:
            return "Ikke sjekket"
        if self.correct is None:
            return "Lagret"
        return "Riktig" if self.correct else "Ikke riktig"


class _Ask(Exception):
    """The answer cannot be judged; the message tells the participant what to do."""


def evaluate(exercise: Exercise, answer: Any) -> Feedback:
    """Judge ``answer`` for ``exercise``; the answer's shape depends on the kind (see each judge)."""
    base = {
        "chapter": str(exercise.get("chapter", "")),
        "theme": str(exercise.get("theme", "")),
        "sources": [str(s) for s in exercise.get("sources", []) or []],
        "incident": exercise.get("incident"),
    }
    judge = _JUDGES.get(str(exercise.get("kind")))
    if judge is None:
        return Feedback(None, 0.0, say("unknown_kind"), needs_input=True, **base)
    try:
        feedback = judge(exercise, answer)
    except _Ask as ask:
        return Feedback(None, 0.0, str(ask), needs_input=True, **base)
    except (TypeError, ValueError, KeyError, IndexError, AttributeError, RecursionError):
        return Feedback(None, 0.0, say("unreadable"),
                        needs_input=True, **base)
    for key, value in base.items():
        setattr(feedback, key, value)
    return feedback


# --- helpers -------------------------------------------------------------------------------

def _index(value: Any, size: int) -> int | None:
    """An option index from an int, or a digit string; bools are not numbers here."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) < 6:
        value = int(value.strip())
    if isinstance(value, int) and 0 <= value < size:
        return value
    return None


def _as_list(answer: Any, what: str) -> list[Any]:
    if isinstance(answer, (list, tuple)):
        return list(answer)
    raise _Ask(what)


def _text(answer: Any) -> str:
    if answer is None:
        return ""
    if not isinstance(answer, str):
        raise _Ask(say("ask_text"))
    if len(answer) > MAX_ANSWER:
        raise _Ask(say("too_long", max=MAX_ANSWER))
    return clean_text(answer).strip()


def _fraction(right: int, total: int) -> float:
    return round(right / total, 3) if total else 0.0


# --- one judge per kind ---------------------------------------------------------------------

def judge_choice(exercise: Exercise, answer: Any) -> Feedback:
    """Answer: the index of the chosen option, or (multiple) a list of ticked indices."""
    options = exercise["options"]
    size = len(options)
    multiple = bool(exercise.get("multiple"))
    if answer is None or answer == [] or answer == ():
        raise _Ask(say("ask_choice_many" if multiple else "ask_choice_one"))
    picked_raw = answer if isinstance(answer, (list, tuple, set)) else [answer]
    picked = {_index(v, size) for v in picked_raw}
    if None in picked or not picked:
        raise _Ask(say("ask_choice_known"))
    if not multiple and len(picked) > 1:
        raise _Ask(say("ask_choice_single"))
    details: list[Line] = []
    if multiple:
        right = 0
        for i, option in enumerate(options):
            ticked = i in picked
            ok = ticked == option["correct"]
            right += ok
            if ticked or option["correct"]:
                prefix = "" if ticked else say("not_ticked")
                details.append(Line(option["text"], ok, prefix + option["feedback"]))
        correct = right == size
        score = _fraction(right, size)
        wrong = size - right
        summary = say("choice_all_right") if correct else say("choice_some_wrong", wrong=wrong, size=size)
    else:
        (i,) = picked
        option = options[i]
        correct = bool(option["correct"])
        score = 1.0 if correct else 0.0
        details.append(Line(option["text"], correct, option["feedback"]))
        summary = say("choice_right" if correct else "choice_wrong")
    return Feedback(correct, score, summary, details)


def judge_dilemma(exercise: Exercise, answer: Any) -> Feedback:
    """Answer: the participant's own text. Any real text is saved; there is no right or wrong."""
    text = _text(answer)
    if not text:
        raise _Ask(say("ask_dilemma"))
    details = [
        Line(say("suggestion"), None, exercise["suggestion"]),
        Line(say("principle"), None, exercise["principle"]),
    ]
    return Feedback(None, 1.0, say("dilemma_saved"), details,
                    extra={"suggestion": exercise["suggestion"], "principle": exercise["principle"]})


def judge_sort(exercise: Exercise, answer: Any) -> Feedback:
    """Answer: one category id per item, in item order (or a dict item index → category id)."""
    items = exercise["items"]
    labels = {c["id"]: c["label"] for c in exercise["categories"]}
    if isinstance(answer, dict):
        answer = [answer.get(i, answer.get(str(i))) for i in range(len(items))]
    chosen = _as_list(answer, say("ask_sort", n=len(items)))
    known = [isinstance(c, str) and c in labels for c in chosen]
    if len(chosen) != len(items) or not all(known):
        missing = known[: len(items)].count(False) + max(0, len(items) - len(chosen))
        raise _Ask(say("ask_sort", n=max(missing, 1)))
    details = []
    right = 0
    for item, category in zip(items, chosen, strict=True):
        ok = category == item["category"]
        right += ok
        verdict = "" if ok else say("sort_right_is", right=labels[item["category"]])
        details.append(Line(item["text"], ok, say("sort_chosen", chosen=labels[category]) + verdict + item["why"]))
    correct = right == len(items)
    summary = say("sort_all") if correct else say("sort_some", right=right, n=len(items))
    return Feedback(correct, _fraction(right, len(items)), summary, details)


def judge_checklist(exercise: Exercise, answer: Any) -> Feedback:
    """Answer: for each check, True (the post meets it) or False (it does not)."""
    checks = exercise["checks"]
    said = _as_list(answer, say("ask_check"))
    if len(said) != len(checks) or any(not isinstance(v, bool) for v in said):
        raise _Ask(say("ask_check"))
    details = []
    right = 0
    for check, met in zip(checks, said, strict=True):
        ok = met == check["met"]
        right += ok
        fact = say("met" if check["met"] else "not_met")
        details.append(Line(check["text"], ok, say("check_fact", fact=fact) + check["why"]))
    correct = right == len(checks)
    summary = say("check_all") if correct else say("check_some", right=right, n=len(checks))
    return Feedback(correct, _fraction(right, len(checks)), summary, details)


def judge_textcheck(exercise: Exercise, answer: Any) -> Feedback:
    """Answer: the draft text, or {"text": ..., "alt_text": ...} when the post has an image."""
    alt: Any = None
    if isinstance(answer, dict):
        alt = answer.get("alt_text")
        answer = answer.get("text")
    text = _text(answer)
    if not text:
        raise _Ask(textcheck.MESSAGES["tom"])
    if alt is not None and not isinstance(alt, str):
        alt = None
    if isinstance(alt, str) and len(alt) > MAX_ANSWER:
        raise _Ask(say("alt_too_long"))
    report = textcheck.analyse(
        text, str(exercise["platform"]), alt_text=alt, needs_image=bool(exercise.get("needs_image")),
        lix_max=exercise.get("lix_max"),
    )
    # ok stays None: the line's own label («Må rettes» / «Råd») says how serious it is.
    details = [Line(say("must") if f.level == "må" else say("should"), None, f.message) for f in report.findings]
    limit = report.limit
    facts = say("text_facts", length=report.length, kind=say("rule" if limit.rule else "advice"), limit=limit.chars,
                lix=textcheck.number(report.lix))
    if report.ok:
        summary = say("text_ok") + facts + (say("see_advice") if report.findings else "")
    else:
        summary = say("text_fix", n=len(report.must_fix)) + facts
    return Feedback(report.ok, report.score, summary, details,
                    extra={"lix": report.lix, "length": report.length, "limit": limit.chars, "rule": limit.rule,
                           "codes": [f.code for f in report.findings]})


def decision_path(exercise: Exercise, choices: list[Any]) -> tuple[list[tuple[str, int]], str]:
    """Walk the tree: the (node, option index) pairs taken, and the node reached."""
    nodes = exercise["nodes"]
    node = exercise["start"]
    taken: list[tuple[str, int]] = []
    for choice in choices:
        options = nodes[node].get("options") or []
        if not options:
            break
        index = _index(choice, len(options))
        if index is None and isinstance(choice, str):
            labels = [o["label"] for o in options]
            index = labels.index(choice) if choice in labels else None
        if index is None:
            raise _Ask(say("ask_decision_option", question=nodes[node]["question"]))
        taken.append((node, index))
        node = options[index]["next"]
    return taken, node


def _leads_to(exercise: Exercise, start: str, goal: str) -> bool:
    nodes = exercise["nodes"]
    seen: set[str] = set()
    todo = [start]
    while todo:
        name = todo.pop()
        if name == goal:
            return True
        if name in seen or name not in nodes:
            continue
        seen.add(name)
        todo.extend(o["next"] for o in nodes[name].get("options") or [])
    return False


def judge_decision(exercise: Exercise, answer: Any) -> Feedback:
    """Answer: the options chosen, one per question on the way (indices or labels)."""
    choices = _as_list(answer, say("ask_decision"))
    if not choices:
        raise _Ask(say("ask_decision"))
    nodes = exercise["nodes"]
    taken, reached = decision_path(exercise, choices)
    if "outcome" not in nodes[reached]:
        raise _Ask(say("ask_decision_next", question=nodes[reached]["question"]))
    expected = exercise["expected"]
    details = []
    right = 0
    for name, index in taken:
        option = nodes[name]["options"][index]
        ok = _leads_to(exercise, option["next"], expected)
        right += ok
        why = say("decision_toward" if ok else "decision_away")
        details.append(Line(say("decision_line", question=nodes[name]["question"], label=option["label"]), ok, why))
    correct = reached == expected
    outcome = nodes[reached]
    details.append(Line(say("outcome_line", outcome=outcome["outcome"]), correct, outcome.get("why", "")))
    if correct:
        summary = say("decision_right", outcome=outcome["outcome"])
    else:
        goal = nodes[expected]
        summary = say("decision_wrong", reached=outcome["outcome"], expected=goal["outcome"])
        details.append(Line(say("expected_line", outcome=goal["outcome"]), None, goal.get("why", "")))
    return Feedback(correct, _fraction(right, len(taken)) if not correct else 1.0, summary, details,
                    extra={"reached": reached})


def judge_risk(exercise: Exercise, answer: Any) -> Feedback:
    """Answer: one (likelihood, consequence) pair per risk, each 1–5."""
    risks = exercise["risks"]
    pairs = _as_list(answer, say("ask_risk"))
    if len(pairs) != len(risks):
        raise _Ask(say("ask_risk"))
    rated: list[tuple[int, int]] = []
    for pair in pairs:
        if not isinstance(pair, (list, tuple)) or len(pair) != 2:
            raise _Ask(say("ask_risk"))
        values = [_index(v, 6) for v in pair]
        if any(v is None or v < 1 for v in values):
            raise _Ask(say("ask_risk"))
        rated.append((values[0], values[1]))  # type: ignore[arg-type]
    details = []
    right = 0
    for risk, (likelihood, consequence) in zip(risks, rated, strict=True):
        ok = abs(likelihood - risk["likelihood"]) <= RISK_TOLERANCE and abs(consequence - risk["consequence"]) <= RISK_TOLERANCE
        right += ok
        line = say("risk_line", l=likelihood, c=consequence, kl=risk["likelihood"], kc=risk["consequence"])
        details.append(Line(risk["text"], ok, line + say("risk_near" if ok else "risk_far") + risk["why"]))
    correct = right == len(risks)
    summary = say("risk_all") if correct else say("risk_some", right=right, n=len(risks))
    return Feedback(correct, _fraction(right, len(risks)), summary, details, extra={"rated": rated})


def judge_timeline(exercise: Exercise, answer: Any) -> Feedback:
    """Answer: the events' indices (as listed in the data) in the order the participant chose."""
    events = exercise["events"]
    order = _as_list(answer, say("ask_timeline"))
    indices = [_index(v, len(events)) for v in order]
    if len(indices) != len(events) or None in indices or len(set(indices)) != len(events):
        raise _Ask(say("ask_timeline"))
    details = []
    right = 0
    for position, index in enumerate(indices):
        ok = index == position
        right += ok
        event = events[index]
        where = say("timeline_right_place") if ok else say("timeline_should_be", n=index + 1)
        details.append(Line(f"{position + 1}. {event['text']}", ok, where + say("timeline_when", when=event["when"])))
    correct = right == len(events)
    summary = say("timeline_all") if correct else say("timeline_some", right=right, n=len(events))
    right_order = [f"{e['when']}: {e['text']}" for e in events]
    return Feedback(correct, _fraction(right, len(events)), summary, details, extra={"right_order": right_order})


_JUDGES: dict[str, Callable[[Exercise, Any], Feedback]] = {
    "choice": judge_choice,
    "dilemma": judge_dilemma,
    "sort": judge_sort,
    "checklist": judge_checklist,
    "textcheck": judge_textcheck,
    "decision": judge_decision,
    "risk": judge_risk,
    "timeline": judge_timeline,
}


def answer_key(exercise: Exercise) -> Any:
    """The answer that :func:`evaluate` judges fully correct (tests and the instructors' key use it)."""
    kind = exercise["kind"]
    if kind == "choice":
        right = [i for i, o in enumerate(exercise["options"]) if o["correct"]]
        return right if exercise.get("multiple") else right[0]
    if kind == "sort":
        return [item["category"] for item in exercise["items"]]
    if kind == "checklist":
        return [check["met"] for check in exercise["checks"]]
    if kind == "decision":
        return _path_to(exercise, exercise["start"], exercise["expected"], set()) or []
    if kind == "risk":
        return [[r["likelihood"], r["consequence"]] for r in exercise["risks"]]
    if kind == "timeline":
        return list(range(len(exercise["events"])))
    return None


def _path_to(exercise: Exercise, node: str, goal: str, seen: set[str]) -> list[int] | None:
    if node == goal:
        return []
    if node in seen:
        return None
    for i, option in enumerate(exercise["nodes"][node].get("options") or []):
        rest = _path_to(exercise, option["next"], goal, seen | {node})
        if rest is not None:
            return [i, *rest]
    return None
