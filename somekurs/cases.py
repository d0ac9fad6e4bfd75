"""The questions each case study asks of its incident's timeline.

Kept as data beside the analysis functions so a notebook cell stays one line
(``rettelser = cases.hawaii_corrections()``) and the matching text lives in one place.
"""

from __future__ import annotations

import pandas as pd

from somekurs import analysis

HAWAII = "us-2018-hawaii-falsk-rakettvarsel"

# Label shown to the reader → text that identifies the timeline point in the incident file.
HAWAII_CHANNELS = {
    "Etatens Facebook og Twitter": "Facebook og Twitter",
    "Guvernørens Twitter-konto": "Twitter-konto",
    "Guvernørens Facebook-side": "Facebook-siden",
    "Varsel til mobilene": "som varsel til mobilene",
}


def hawaii_corrections() -> pd.DataFrame:
    """Minutes from the false alert to the correction on each channel."""
    return analysis.minutes_between(HAWAII, "sendes ved en feil", HAWAII_CHANNELS)
