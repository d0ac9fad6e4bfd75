"""The questions each case study asks of its incident's timeline.

Kept as data beside the analysis functions so a notebook cell stays one line
(``rettelser = cases.hawaii_corrections()``) and the matching text lives in one place. The row
labels a reader sees are in ``data/case-tables.yaml`` (nynorsk: ``data/nn/case-tables.yaml``),
keyed like the dicts below; every function takes ``lang`` («nb» or «nn»).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from somekurs import analysis
from somekurs.analysis import header, shown


def labels(section: str, lang: str = "nb") -> dict[str, str]:
    """A case's row labels (key → text) in the reader's standard."""
    return {key: analysis.label(section, key, lang) for key in analysis.words("nb")[section]}


def named(section: str, items: list[str] | dict[str, Any], lang: str = "nb") -> dict[str, Any]:
    """A case's items under the reader's labels: a list of ids gives label → id, a mapping
    key → value gives label → value (the form the analysis functions take)."""
    names = labels(section, lang)
    pairs = items.items() if isinstance(items, dict) else ((item, item) for item in items)
    return {names[key]: value for key, value in pairs}


HAWAII = "us-2018-hawaii-falsk-rakettvarsel"

# The timeline points of the corrections, in the order the table lists them (labels: hawaii_channels).
HAWAII_CHANNELS = [
    "rettelse-etat-sosiale-medier",
    "rettelse-guvernor-twitter",
    "rettelse-guvernor-facebook",
    "rettelse-mobilvarsel",
]


def hawaii_corrections(lang: str = "nb") -> pd.DataFrame:
    """Minutes from the false alert to the correction on each channel."""
    return analysis.minutes_between(HAWAII, "falskt-varsel", named("hawaii_channels", HAWAII_CHANNELS, lang), lang)


# --- Nødvarsel under «Hans» (no-2023-nodvarsel-hans) ---

HANS = "no-2023-nodvarsel-hans"

# Case (labels: hans_rates) → (id of the count figure, id of the period figure in hours).
HANS_RATES = {
    "honefoss": ("honefoss-telefon-dogn", "honefoss-tidsrom-timer"),
    "gardermoen": ("gardermoen-sirene-natt", "gardermoen-tidsrom-timer"),
}
# The count figures, in the order shown (labels: hans_counts).
HANS_COUNTS = [
    "honefoss-telefon-dogn",
    "honefoss-telefon-klokke-dogn",
    "jessheim-mandag-kveld",
    "jessheim-natt",
    "gardermoen-sirene-natt",
]


def hans_counts(lang: str = "nb") -> pd.DataFrame:
    """How many alerts single residents got, as the sources report them."""
    frame = analysis.figures_by_id(HANS, HANS_COUNTS).rename(columns={"value": "alerts"})
    return shown(analysis.labelled(frame, "resident_and_period", labels("hans_counts", lang)), lang)


def hans_rates(lang: str = "nb") -> pd.DataFrame:
    """Alerts per hour and average minutes between alerts, where a source gives both count and period."""
    return analysis.rate_table(HANS, named("hans_rates", HANS_RATES, lang), lang)


# --- Politiet forlater X (no-2024-politiet-forlater-x) ---

POLITIET_X = "no-2024-politiet-forlater-x"

POLITIET_REACH = ["oslo-folgere-x", "politiloggen-nedlastinger"]  # figures (labels: politiet_reach)
POLITIET_SPANS = {  # span (labels: politiet_spans) → (start point, end point)
    "twitter-og-x": ("start-twitter", "siste-melding-x"),
    "more-og-romsdal": ("politiloggen-more-og-romsdal", "siste-melding-x"),
    "app-og-x": ("politiloggen-app", "siste-melding-x"),
}


def politiet_reach(lang: str = "nb") -> pd.DataFrame:
    """Followers of the largest X account against app downloads when the police left X."""
    base = analysis.label("politiet_reach", "oslo-folgere-x", lang)
    return analysis.select_figures(POLITIET_X, named("politiet_reach", POLITIET_REACH, lang), base=base, lang=lang)


def politiet_spans(lang: str = "nb") -> pd.DataFrame:
    """How long each phase of the move lasted, in days (a range where a source gives only the month)."""
    return analysis.days_between(POLITIET_X, named("politiet_spans", POLITIET_SPANS, lang), lang)


def politiet_messages_per_day(lang: str = "nb") -> pd.DataFrame:
    """The Oslo centre's messages on Twitter/X per day, over the whole period it was there."""
    messages = analysis.figure_value(POLITIET_X, "oslo-meldinger-x")
    span = analysis.days_by_key(POLITIET_X, {"twitter-og-x": POLITIET_SPANS["twitter-og-x"]}).iloc[0]
    frame = pd.DataFrame(
        [
            {
                "messages": messages,
                "days_min": span["min_days"],
                "days_max": span["max_days"],
                "messages_per_day": round(messages / span["max_days"], 1),
            }
        ]
    )
    return shown(frame, lang)


# --- SECs kaprede X-konto (us-2024-sec-x-kapret) ---

SEC = "us-2024-sec-x-kapret"

SEC_SPANS = {"uten-mfa": ("mfa-slatt-av", "falsk-melding")}  # labels: sec_spans
SEC_EXPOSURE = ["minutter-til-avkreftelse", "minutter-til-egen-konto"]  # figures (labels: sec_exposure)


def sec_unprotected(lang: str = "nb") -> pd.DataFrame:
    """Days the account was without multi-factor authentication before the attack."""
    return analysis.days_between(SEC, named("sec_spans", SEC_SPANS, lang), lang)


def sec_exposure(lang: str = "nb") -> pd.DataFrame:
    """Minutes from the false post to the denial from the chair's account, and to the SEC's own
    account saying it had been taken over (the SEC's own timeline)."""
    frame = analysis.figures_by_id(SEC, SEC_EXPOSURE).rename(columns={"value": "minutes"})
    return shown(analysis.labelled(frame, "how_long", labels("sec_exposure", lang)), lang)


# --- UDs Messenger-meldinger (no-2021-ud-messenger-bergen-engines) ---

UD = "no-2021-ud-messenger-bergen-engines"

UD_START = "forste-epost"
# The timeline points, in the order shown (labels: ud_events).
UD_EVENTS = ["notat-videre", "formelt-svar", "melding-messenger", "varsel-stans", "redegjorelse-storting", "brev-storting"]


def ud_days(lang: str = "nb") -> pd.DataFrame:
    """Days from Rolls-Royce's first e-mail to each step, in the formal channel and on Messenger."""
    frame = analysis.days_by_key(UD, named("ud_events", {point: (UD_START, point) for point in UD_EVENTS}, lang))
    frame = frame[["period", "to", "min_days"]].rename(
        columns={"period": "event", "to": "date", "min_days": "days_after_first_email"}
    )
    return shown(frame, lang)


def ud_message_rate(lang: str = "nb") -> pd.DataFrame:
    """About how many Messenger messages a month, from the sourced count and period."""
    messages, months = analysis.figure_value(UD, "antall-messenger-meldinger"), analysis.figure_value(UD, "periode-maneder")
    frame = pd.DataFrame([{"messages_about": messages, "months": months, "messages_per_month": round(messages / months)}])
    return shown(frame, lang)


# --- Datatilsynet sier nei til Facebook (notebooks/datatilsynet-facebook.ipynb) ---

DATATILSYNET = "no-2021-datatilsynet-facebook"
NRK_SURVEY = "no-2021-nrk-etater-facebook-helsenorge"

# The risks Datatilsynet weighed (labels: datatilsynet_risks, the risk under its key and the question
# under «<key>-sporsmal»), each with the incident source that states it.
DATATILSYNET_RISKS = {
    "risiko-hoy": "datatilsynet-2021-facebook",
    "tiltak": "ks-facebook-kommune",
    "avtale": "datatilsynet-2021-facebook",
    "standardavtale": "kommunikasjon-2021-datatilsynet-dropper",
    "lagring": "datatilsynet-2021-facebook",
}

# The survey's figures, in the order shown (labels: nrk_survey).
NRK_SURVEY_STEPS = ["spurt", "svarte", "risikovurderer", "lagt-ned"]


def datatilsynet_risks(lang: str = "nb") -> pd.DataFrame:
    """The risks Datatilsynet weighed, each with its source and a question for your own assessment."""
    names = labels("datatilsynet_risks", lang)
    points = [
        {header("risk_seen", lang): names[key], header("own_question", lang): names[f"{key}-sporsmal"], "source": source}
        for key, source in DATATILSYNET_RISKS.items()
    ]
    return analysis.sourced_points(DATATILSYNET, points, lang)


def nrk_survey(lang: str = "nb") -> pd.DataFrame:
    """NRK's survey of public bodies after Datatilsynet's no: counts, as per cent of those asked
    and of those who answered («–» for the row before anyone answered)."""
    frame = analysis.figures_by_id(NRK_SURVEY, NRK_SURVEY_STEPS, base="spurt")
    answered = analysis.figure_value(NRK_SURVEY, "svarte")
    share = (100 * frame["value"] / answered).round().astype(int).astype(object)
    frame["percent_of_answered"] = share.where(frame["point"] != "spurt", "–")
    names = labels("nrk_survey", lang)
    return shown(analysis.labelled(frame, "what", names), lang, base=names["spurt"].lower())


# --- Språkrådets tilsyn med bokmål og nynorsk (notebooks/sprakradet-tilsyn.ipynb) ---

SPRAK = "no-2022-spraakradet-tilsyn-nynorsk"
SPRAK_FACEBOOK = "no-2023-sprakradet-systematiske-brudd-facebook"

# The year the figures are for → (incident, id of the figure «how many bodies», id of «how many met
# the requirements»). Only bodies below the ministries, so the three years count the same kind of body.
SPRAK_REPORTS = {
    "2021": (SPRAK, "organ-2021", "oppfylte-2021"),
    "2022": (SPRAK, "organ-2022", "oppfylte-2022"),
    "2023": (SPRAK_FACEBOOK, "organ-2023", "oppfylte-2023"),
}

# Body shown to the reader (a name, the same in both standards) → id of its Facebook figure.
# The measured bodies' figures, in table order (their names: sprak_bodies; the Research Council
# has a nynorsk name of its own, «Forskingsrådet»).
SPRAK_FACEBOOK_BODIES = ["ntnu-facebook-nynorsk", "nhh-facebook-nynorsk", "forskningsradet-facebook-nynorsk"]


def sprak_minimum() -> float:
    """The legal minimum share of each written standard, in per cent (from the incident file)."""
    return analysis.figure_value(SPRAK, "minste-andel")


def sprak_compliance(lang: str = "nb") -> pd.DataFrame:
    """For each year: how many state bodies below the ministries were measured, how many met the
    requirements of the Language Act, and that as a per cent (one decimal)."""
    rows = [
        {
            "figures_for": year,
            "state_bodies": analysis.figure_value(incident, total),
            "met_requirements": analysis.figure_value(incident, met),
        }
        for year, (incident, total, met) in SPRAK_REPORTS.items()
    ]
    frame = pd.DataFrame(rows)
    frame["percent_met"] = (100 * frame["met_requirements"] / frame["state_bodies"]).round(1)
    return shown(frame, lang)


def sprak_facebook(lang: str = "nb") -> pd.DataFrame:
    """Share of Nynorsk in three bodies' Facebook posts (2022), and how far each was below the minimum."""
    frame = analysis.figures_by_id(SPRAK_FACEBOOK, SPRAK_FACEBOOK_BODIES)
    frame = analysis.labelled(frame.rename(columns={"value": "percent_nynorsk"}), "body", labels("sprak_bodies", lang))
    frame["points_below"] = sprak_minimum() - frame["percent_nynorsk"]
    return shown(frame, lang)


# --- Skytingen i Field's (notebooks/fields-skyting.ipynb) ---

FIELDS = "dk-2022-fields-politiet-sosiale-medier"
FIELDS_START = "melding-om-skyting"

# The timed points, in the order given (labels: fields_steps).
FIELDS_STEPS = ["pagripelse", "pressebriefing", "rykter-om-drepte"]


def fields_steps(lang: str = "nb") -> pd.DataFrame:
    """Minutes from the first report to the police to each step, also as hours and minutes."""
    frame = analysis.minutes_by_id(FIELDS, FIELDS_START, FIELDS_STEPS).rename(columns={"minutes": "minutes_after_report"})
    frame = analysis.labelled(frame, "step", labels("fields_steps", lang))
    frame["duration"] = frame["minutes_after_report"].map(analysis.hours_and_minutes)
    return shown(frame, lang)


# --- Tegnspråktolk i pressekonferanser (notebooks/tegnspraktolk.ipynb) ---

TEGNSPRAK_UK = "gb-2021-tegnspraktolk-koronabriefinger"
TEGNSPRAK_NO = "no-2020-pressekonferanse-uten-tegnspraktolk"


def tegnsprak_groups(lang: str = "nb") -> pd.DataFrame:
    """Who uses sign language, from the two incidents' figures. In England the court's estimate
    splits users into deaf and other users (computed as the difference); Norway has two estimates."""
    users = analysis.figure_value(TEGNSPRAK_UK, "brukere-anslag-retten")
    deaf = analysis.figure_value(TEGNSPRAK_UK, "dove-brukere")
    low = analysis.figure_value(TEGNSPRAK_NO, "brukere-anslag-doveforbundet")
    high = analysis.figure_value(TEGNSPRAK_NO, "brukere-anslag-dovekirken")
    frame = pd.DataFrame(
        [
            {"group": "england-dove", "persons": deaf},
            {"group": "england-andre", "persons": users - deaf},
            {"group": "norge-lavt", "persons": low},
            {"group": "norge-hoyt", "persons": high},
        ]
    )
    share = (100 * frame["persons"] / users).round().astype(int).astype(object)
    frame["percent_of_england_users"] = share.where(frame["group"].str.startswith("england"), "–")
    frame["group"] = frame["group"].map(labels("tegnsprak_groups", lang))
    return shown(frame, lang)
