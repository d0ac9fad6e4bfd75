"""The course's colours: the Okabe–Ito palette, which stays apart for readers with the common
colour-vision deficiencies. Every chart and the risk matrix take their colours from here."""

from __future__ import annotations

OKABE_ITO = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "pink": "#CC79A7",
    "sky": "#56B4E9",
    "vermilion": "#D55E00",
    "yellow": "#F0E442",
    "black": "#000000",
}
