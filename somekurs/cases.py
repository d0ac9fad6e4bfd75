"""The questions each case study asks of its incident's timeline.

Kept as data beside the analysis functions so a notebook cell stays one line
(``rettelser = cases.hawaii_corrections()``) and the matching text lives in one place.
"""

from __future__ import annotations

import pandas as pd

from somekurs import analysis

HAWAII = "us-2018-hawaii-falsk-rakettvarsel"

# Label shown to the reader → id of the timeline point in the incident file.
HAWAII_CHANNELS = {
    "Etatens Facebook og Twitter": "rettelse-etat-sosiale-medier",
    "Guvernørens Twitter-konto": "rettelse-guvernor-twitter",
    "Guvernørens Facebook-side": "rettelse-guvernor-facebook",
    "Varsel til mobilene": "rettelse-mobilvarsel",
}


def hawaii_corrections() -> pd.DataFrame:
    """Minutes from the false alert to the correction on each channel."""
    return analysis.minutes_between(HAWAII, "falskt-varsel", HAWAII_CHANNELS)


# --- Nødvarsel under «Hans» (no-2023-nodvarsel-hans) ---

HANS = "no-2023-nodvarsel-hans"

# Case shown to the reader → (id of the count figure, id of the period figure in hours).
HANS_RATES = {
    "Nær Hønefoss, hele døgnet (telefon)": ("honefoss-telefon-dogn", "honefoss-tidsrom-timer"),
    "Ved Gardermoen, om natten (sirene)": ("gardermoen-sirene-natt", "gardermoen-tidsrom-timer"),
}
HANS_COUNTS = {
    "Nær Hønefoss, telefon (ett døgn)": "honefoss-telefon-dogn",
    "Nær Hønefoss, telefon og klokke (ett døgn)": "honefoss-telefon-klokke-dogn",
    "Jessheim, mandag kveld": "jessheim-mandag-kveld",
    "Jessheim, midt på natten": "jessheim-natt",
    "Ved Gardermoen, natt (2,5 timer)": "gardermoen-sirene-natt",
}


def hans_counts() -> pd.DataFrame:
    """How many alerts single residents got, as the sources report them."""
    return analysis.select_figures(HANS, HANS_COUNTS).rename(columns={"hva": "innbygger og tidsrom", "verdi": "varsler"})


def hans_rates() -> pd.DataFrame:
    """Alerts per hour and average minutes between alerts, where a source gives both count and period."""
    return analysis.rate_table(HANS, HANS_RATES)


# --- Politiet forlater X (no-2024-politiet-forlater-x) ---

POLITIET_X = "no-2024-politiet-forlater-x"

POLITIET_REACH = {
    "Følgere av Oslo-sentralen på X": "oslo-folgere-x",
    "Nedlastinger av Politiloggen": "politiloggen-nedlastinger",
}
POLITIET_SPANS = {
    "Politiet på Twitter og X": ("start-twitter", "siste-melding-x"),
    "Møre og Romsdal med Politiloggen før X ble avsluttet": ("politiloggen-more-og-romsdal", "siste-melding-x"),
    "Appen og X side om side": ("politiloggen-app", "siste-melding-x"),
}


def politiet_reach() -> pd.DataFrame:
    """Followers of the largest X account against app downloads when the police left X."""
    return analysis.select_figures(POLITIET_X, POLITIET_REACH, base="Følgere av Oslo-sentralen på X")


def politiet_spans() -> pd.DataFrame:
    """How long each phase of the move lasted, in days (a range where a source gives only the month)."""
    return analysis.days_between(POLITIET_X, POLITIET_SPANS)


def politiet_messages_per_day() -> pd.DataFrame:
    """The Oslo centre's messages on Twitter/X per day, over the whole period it was there."""
    messages = analysis.figure_value(POLITIET_X, "oslo-meldinger-x")
    span = analysis.days_between(POLITIET_X, {"Twitter og X": POLITIET_SPANS["Politiet på Twitter og X"]}).iloc[0]
    return pd.DataFrame(
        [
            {
                "meldinger": messages,
                "dager (minst)": span["minst dager"],
                "dager (høyst)": span["høyst dager"],
                "meldinger per dag": round(messages / span["høyst dager"], 1),
            }
        ]
    )


# --- SECs kaprede X-konto (us-2024-sec-x-kapret) ---

SEC = "us-2024-sec-x-kapret"

SEC_SPANS = {"Kontoen uten flerfaktorautentisering": ("mfa-slatt-av", "falsk-melding")}
SEC_EXPOSURE = {
    "Til styrelederens konto avkreftet": "minutter-til-avkreftelse",
    "Til SECs egen konto sa fra": "minutter-til-egen-konto",
}


def sec_unprotected() -> pd.DataFrame:
    """Days the account was without multi-factor authentication before the attack."""
    return analysis.days_between(SEC, SEC_SPANS)


def sec_exposure() -> pd.DataFrame:
    """Minutes from the false post to the denial from the chair's account, and to the SEC's own
    account saying it had been taken over (the SEC's own timeline)."""
    return analysis.select_figures(SEC, SEC_EXPOSURE).rename(columns={"hva": "hvor lenge", "verdi": "minutter"})


# --- UDs Messenger-meldinger (no-2021-ud-messenger-bergen-engines) ---

UD = "no-2021-ud-messenger-bergen-engines"

UD_START = "forste-epost"
UD_EVENTS = {
    "UD sender saken videre (e-post)": "notat-videre",
    "UD svarer formelt": "formelt-svar",
    "Melding på Messenger": "melding-messenger",
    "Varsel om mulig stans": "varsel-stans",
    "Redegjørelse i Stortinget": "redegjorelse-storting",
    "Brev til Stortinget om Messenger": "brev-storting",
}


def ud_days() -> pd.DataFrame:
    """Days from Rolls-Royce's first e-mail to each step, in the formal channel and on Messenger."""
    spans = {label: (UD_START, needle) for label, needle in UD_EVENTS.items()}
    frame = analysis.days_between(UD, spans)
    return frame[["periode", "til", "minst dager"]].rename(
        columns={"periode": "hendelse", "til": "dato", "minst dager": "dager etter første e-post"}
    )


def ud_message_rate() -> pd.DataFrame:
    """About how many Messenger messages a month, from the sourced count and period."""
    messages, months = analysis.figure_value(UD, "antall-messenger-meldinger"), analysis.figure_value(UD, "periode-maneder")
    return pd.DataFrame([{"meldinger (omtrent)": messages, "måneder": months, "meldinger per måned": round(messages / months)}])


# --- Datatilsynet sier nei til Facebook (notebooks/datatilsynet-facebook.ipynb) ---

DATATILSYNET = "no-2021-datatilsynet-facebook"
NRK_SURVEY = "no-2021-nrk-etater-facebook-helsenorge"

# The risks Datatilsynet weighed, in our words, each with the incident source that states it,
# and the question a body can ask itself in its own assessment (our advice, not the source's).
DATATILSYNET_RISKS = [
    {
        "risiko tilsynet så": "Behandlingen av data om brukerne ga høy risiko for deres rettigheter og friheter.",
        "spørsmål til din egen vurdering": "Hva samler plattformen inn om dem som besøker siden vår?",
        "source": "datatilsynet-2021-facebook",
    },
    {
        "risiko tilsynet så": "Tilsynet kunne ikke sette inn tiltak som senket risikoen nok.",
        "spørsmål til din egen vurdering": "Hvilke tiltak har vi, og hvor mye senker de risikoen?",
        "source": "ks-facebook-kommune",
    },
    {
        "risiko tilsynet så": "Avtalen med Facebook om felles behandlingsansvar (GDPR artikkel 26) var mangelfull.",
        "spørsmål til din egen vurdering": "Har vi en avtale som fordeler ansvaret, og kan brukerne lese den?",
        "source": "datatilsynet-2021-facebook",
    },
    {
        "risiko tilsynet så": "Det gikk ikke an å få en egen avtale; bare Facebooks standardavtale.",
        "spørsmål til din egen vurdering": "Kan vi påvirke vilkårene, eller må vi ta dem som de er?",
        "source": "kommunikasjon-2021-datatilsynet-dropper",
    },
    {
        "risiko tilsynet så": "Tilsynet kunne ikke svare besøkende på hva som ble lagret når de likte eller besøkte siden.",
        "spørsmål til din egen vurdering": "Kan vi forklare brukerne hva som skjer med dataene deres?",
        "source": "datatilsynet-2021-facebook",
    },
]

# Label shown to the reader → id of the figure in the NRK incident file.
NRK_SURVEY_STEPS = {
    "Spurte": "spurt",
    "Svarte": "svarte",
    "Risikovurderer bruken": "risikovurderer",
    "Har lagt ned siden": "lagt-ned",
}


def datatilsynet_risks() -> pd.DataFrame:
    """The risks Datatilsynet weighed, each with its source and a question for your own assessment."""
    return analysis.sourced_points(DATATILSYNET, DATATILSYNET_RISKS)


def nrk_survey() -> pd.DataFrame:
    """NRK's survey of public bodies after Datatilsynet's no: counts, as per cent of those asked
    and of those who answered («–» for the row before anyone answered)."""
    frame = analysis.select_figures(NRK_SURVEY, NRK_SURVEY_STEPS, base="Spurte")
    answered = frame.set_index("hva").loc["Svarte", "verdi"]
    share = (100 * frame["verdi"] / answered).round().astype(int).astype(object)
    frame["prosent av dem som svarte"] = share.where(frame["hva"] != "Spurte", "–")
    return frame


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

# Body shown to the reader → id of its Facebook figure.
SPRAK_FACEBOOK_BODIES = {
    "NTNU": "ntnu-facebook-nynorsk",
    "NHH": "nhh-facebook-nynorsk",
    "Forskningsrådet": "forskningsradet-facebook-nynorsk",
}


def sprak_minimum() -> float:
    """The legal minimum share of each written standard, in per cent (from the incident file)."""
    return analysis.figure_value(SPRAK, "minste-andel")


def sprak_compliance() -> pd.DataFrame:
    """For each year: how many state bodies below the ministries were measured, how many met the
    requirements of the Language Act, and that as a per cent (one decimal)."""
    rows = [
        {
            "tall for": year,
            "statsorgan": analysis.figure_value(incident, total),
            "oppfylte kravene": analysis.figure_value(incident, met),
        }
        for year, (incident, total, met) in SPRAK_REPORTS.items()
    ]
    frame = pd.DataFrame(rows)
    frame["prosent som oppfylte"] = (100 * frame["oppfylte kravene"] / frame["statsorgan"]).round(1)
    return frame


def sprak_facebook() -> pd.DataFrame:
    """Share of Nynorsk in three bodies' Facebook posts (2022), and how far each was below the minimum."""
    frame = analysis.select_figures(SPRAK_FACEBOOK, SPRAK_FACEBOOK_BODIES)
    frame = frame.rename(columns={"hva": "virksomhet", "verdi": "prosent nynorsk"})
    frame["prosentpoeng under kravet"] = sprak_minimum() - frame["prosent nynorsk"]
    return frame


# --- Skytingen i Field's (notebooks/fields-skyting.ipynb) ---

FIELDS = "dk-2022-fields-politiet-sosiale-medier"
FIELDS_START = "melding-om-skyting"

# Step shown to the reader → id of the timed point in the incident file.
FIELDS_STEPS = {
    "Politiet pågriper den mistenkte": "pagripelse",
    "Pressebriefing: politiet sier at flere er drept": "pressebriefing",
    "Rykter om tre til fem drepte": "rykter-om-drepte",
}


def fields_steps() -> pd.DataFrame:
    """Minutes from the first report to the police to each step, also as hours and minutes."""
    frame = analysis.minutes_between(FIELDS, FIELDS_START, FIELDS_STEPS)
    frame = frame.rename(columns={"kanal": "steg", "minutter": "minutter etter meldingen"})
    frame["tid"] = frame["minutter etter meldingen"].map(analysis.hours_and_minutes)
    return frame


# --- Tegnspråktolk i pressekonferanser (notebooks/tegnspraktolk.ipynb) ---

TEGNSPRAK_UK = "gb-2021-tegnspraktolk-koronabriefinger"
TEGNSPRAK_NO = "no-2020-pressekonferanse-uten-tegnspraktolk"


def tegnsprak_groups() -> pd.DataFrame:
    """Who uses sign language, from the two incidents' figures. In England the court's estimate
    splits users into deaf and other users (computed as the difference); Norway has two estimates."""
    users = analysis.figure_value(TEGNSPRAK_UK, "brukere-anslag-retten")
    deaf = analysis.figure_value(TEGNSPRAK_UK, "dove-brukere")
    low = analysis.figure_value(TEGNSPRAK_NO, "brukere-anslag-doveforbundet")
    high = analysis.figure_value(TEGNSPRAK_NO, "brukere-anslag-dovekirken")
    frame = pd.DataFrame(
        [
            {"gruppe": "England: døve som bruker tegnspråk", "personer": deaf},
            {"gruppe": "England: andre som bruker tegnspråk", "personer": users - deaf},
            {"gruppe": "Norge: bruker tegnspråk, lavt anslag", "personer": low},
            {"gruppe": "Norge: bruker tegnspråk, høyt anslag", "personer": high},
        ]
    )
    share = (100 * frame["personer"] / users).round().astype(int).astype(object)
    frame["prosent av brukerne i England"] = share.where(frame["gruppe"].str.startswith("England"), "–")
    return frame
