"""Norwegian conventions for numbers, dates, lists and alphabetical order: defined once.

Every page, table, chart and feedback line writes numbers and dates through these functions,
so the book says «73 000», «0,6» and «22. september 2021» the same way everywhere.
"""

from __future__ import annotations

MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"]
_ALPHABET = "abcdefghijklmnopqrstuvwxyzæøå"
NBSP = "\u00a0"


def number(value: float, decimals: int | None = None) -> str:
    """A number the Norwegian way: decimal comma, and from 10 000 a no-break space between thousands.

    Whole numbers have no decimals. ``decimals`` fixes the decimals of other numbers (LIX shows
    one); without it, up to six significant digits are kept (a chart's axis needs no more).
    """
    value = float(value)
    if value.is_integer():
        text = f"{value:,.0f}" if abs(value) >= 10000 else f"{value:.0f}"
    elif decimals is not None:
        text = f"{value:,.{decimals}f}" if abs(value) >= 10000 else f"{value:.{decimals}f}"
    else:
        text = f"{value:,g}" if abs(value) >= 10000 else f"{value:g}"
    return text.replace(",", NBSP).replace(".", ",")


def date(value: str) -> str:
    """'2021-09-22' → '22. september 2021'; '2021-09' → 'september 2021'; a time is kept («kl. 15:42»)."""
    day, _, time = value.replace("T", " ").partition(" ")
    parts = day.split("-")
    if len(parts) == 1:
        text = parts[0]
    elif len(parts) == 2:
        text = f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    else:
        text = f"{int(parts[2])}. {MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return f"{text} kl. {time}" if time else text


def join(values: list[str] | tuple[str, ...]) -> str:
    """'a, b og c': a Norwegian list for generated sentences."""
    items = list(values)
    if not items:
        return ""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " og " + items[-1]


def sort_key(text: str) -> tuple[int, ...]:
    """Sort key for Norwegian alphabetical order (a–z, then æ, ø, å)."""
    return tuple(_ALPHABET.index(c) if c in _ALPHABET else ord(c) + 100 for c in text.lower())
