"""Check a draft social-media post the way the course teaches: readable, accessible, fits.

The findings are advice a participant can act on, in Norwegian. The same rules run in the
static book's JavaScript (see ``html.py``); the patterns and limits are defined once here, the
message templates in the texts (``data/texts/<nb|nn>.yaml``, section ``textcheck``), and both are
handed to the script as JSON, so the two cannot drift apart. The words the checks look for
(«klikk her», «bilde av» …) are those of both standards: a participant may write either.

Two kinds of finding: ``må`` (must fix: breaks a platform rule, the exercise's goal or a basic
accessibility need) and ``bør`` (should consider: the course's advice).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from somekurs import norwegian, texts
from somekurs.prose import lix, word_count

MAX_TEXT = 20_000  # longer than any post; keeps a pasted book from freezing the check
DEFAULT_LIX_MAX = 40
EMOJI_MAX = 3  # the course's advice: a few emoji at most, each read aloud by screen readers
CAPS_MIN = 5  # ALL-CAPS words this long are shouting; shorter ones are usually acronyms (NAV, NTNU)
LIX_MIN_WORDS = 10  # LIX of a few words says nothing («Velkommen!» alone would score 101)
HASHTAG_MULTIWORD_MIN = 10  # an all-lowercase tag this long is probably several words run together
MUST, SHOULD = "må", "bør"  # a finding's level (a code the script and the class overview read too)


@dataclass(frozen=True)
class Limit:
    """How long a post may or should be on one platform."""

    chars: int
    rule: bool  # True: the platform's own limit; False: the course's recommended length


# Only limits confirmed in the platform's own documentation are rules; the rest are the
# course's advice for public bodies, labelled «anbefalt lengde» wherever they are shown.
PLATFORM_LIMITS: dict[str, Limit] = {
    # X: posts hold up to 280 characters; emoji and URLs have their own weights (X's developer
    # docs, «Counting characters»; read in the Spanish edition,
    # https://docs.x.com/es/fundamentals/counting-characters). We count code points: close, not exact.
    "x": Limit(280, True),
    # Bluesky: the post record's text has maxGraphemes 300 (lexicon app.bsky.feed.post,
    # https://github.com/bluesky-social/atproto/blob/main/lexicons/app/bsky/feed/post.json).
    "bluesky": Limit(300, True),
    # Mastodon: each server sets its own limit (500 is common), so this is advice, not a rule.
    "mastodon": Limit(500, False),
    # Course advice: the first lines are what people see before «Se mer»; keep posts short.
    "facebook": Limit(400, False),
    "instagram": Limit(400, False),
    "linkedin": Limit(700, False),
    "tiktok": Limit(150, False),
    "youtube": Limit(500, False),
    "nettside": Limit(1500, False),
}

PLATFORM_NAMES = {
    "facebook": "Facebook",
    "instagram": "Instagram",
    "linkedin": "LinkedIn",
    "x": "X",
    "tiktok": "TikTok",
    "youtube": "YouTube",
    "bluesky": "Bluesky",
    "mastodon": "Mastodon",
}  # brand names; «nettside» (the agency's own web page) is a word: the texts' textcheck.platform_nettside

LETTERS = "A-Za-zÆØÅæøåÉéÈèÜüÖöÄäÓóÁá"
# Emoji blocks; a cluster is a base plus skin tones, variation selector or ZWJ-joined bases.
EMOJI_RANGES = [
    (0x1F300, 0x1F5FF),
    (0x1F600, 0x1F64F),
    (0x1F680, 0x1F6FF),
    (0x1F900, 0x1F9FF),
    (0x1FA70, 0x1FAFF),
    (0x2600, 0x26FF),
    (0x2700, 0x27BF),
    (0x2B50, 0x2B55),
]
_MODIFIERS = [(0xFE0F, 0xFE0F), (0x1F3FB, 0x1F3FF), (0x20E3, 0x20E3)]
_FLAGS = (0x1F1E6, 0x1F1FF)
# Words of both standards: an alt text that is only «bilde»/«bilete», one that starts «Bilde av», and
# link texts that say nothing on their own.
BAD_ALT = {"bilde", "bilete", "image", "foto", "photo", "img", "illustrasjon", "grafikk"}
ALT_STARTS = ("bilde av", "bildet viser", "bilete av", "biletet viser")
LINK_TEXT = rf"(?:klikk|trykk|les mer|les meir|se|sjå|les) her(?![{LETTERS}])"
# The findings' codes: each is a message in the texts (section textcheck, key = code).
CODES = (
    "tom",
    "for-lang-tekst",
    "lengde-regel",
    "lengde-anbefalt",
    "lix",
    "emneknagg-camelcase",
    "emneknagg-store",
    "emoji-mange",
    "emoji-midt",
    "alt-mangler",
    "alt-kort",
    "alt-bilde-av",
    "store-bokstaver",
    "lenketekst",
)


def messages(lang: str = "nb") -> dict[str, str]:
    """The message template of every finding, in one standard."""
    return {code: texts.get("textcheck", code, lang) for code in CODES}


def platform_name(platform: str, lang: str = "nb") -> str:
    """A platform's name as the participant reads it (a brand, or «nettsiden»/«nettsida»); "" for none."""
    if platform == "nettside":
        return texts.get("textcheck", "platform_nettside", lang)
    return PLATFORM_NAMES.get(platform, platform)


@dataclass(frozen=True)
class Finding:
    """One piece of advice on a draft."""

    code: str
    level: str  # "må" or "bør"
    message: str


@dataclass
class TextReport:
    """What the text check found in one draft."""

    length: int
    lix: float
    limit: Limit
    findings: list[Finding] = field(default_factory=list)
    checks: int = 0  # how many must-checks ran (the score's denominator)

    @property
    def must_fix(self) -> list[Finding]:
        return [f for f in self.findings if f.level == MUST]

    @property
    def ok(self) -> bool:
        return not self.must_fix

    @property
    def score(self) -> float:
        failed = len({f.code for f in self.must_fix})
        return round(max(0, self.checks - failed) / self.checks, 3) if self.checks else 0.0


_NEWLINES = re.compile(r"\r\n|[\r\u2028\u2029\x85]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff]")


def clean_text(value: str) -> str:
    """Normalise line breaks and drop control characters and lone surrogates.

    Participants paste from Word, e-mail and web pages; invisible characters would otherwise
    skew the counts, and a lone surrogate cannot even be saved as UTF-8."""
    return _CONTROL.sub("", _NEWLINES.sub("\n", value))


def _ranges(ranges: list[tuple[int, int]], js: bool) -> str:
    def char(code: int) -> str:
        return f"\\u{{{code:X}}}" if js else (f"\\U{code:08X}" if code > 0xFFFF else f"\\u{code:04X}")

    return "".join(char(a) if a == b else f"{char(a)}-{char(b)}" for a, b in ranges)


def emoji_pattern(js: bool = False) -> str:
    """One emoji as a reader perceives it (base, modifiers, ZWJ sequence, or a flag)."""
    base, mods = _ranges(EMOJI_RANGES, js), _ranges(_MODIFIERS, js)
    zwj = "\\u{200D}" if js else "\\u200D"
    flags = _ranges([_FLAGS], js)
    return f"(?:[{flags}]{{2}}|[{base}][{mods}]*(?:{zwj}[{base}][{mods}]*)*)"


_EMOJI = re.compile(emoji_pattern())
_HASHTAG = re.compile(rf"(^|[\s(])#([{LETTERS}0-9_]+)")
_WORDS = re.compile(rf"[{LETTERS}]+")
_LINK_TEXT = re.compile(LINK_TEXT, re.I)
_WORDISH = re.compile(rf"[{LETTERS}0-9,]")


def analyse(
    text: str,
    platform: str,
    *,
    alt_text: str | None = None,
    needs_image: bool = False,
    lix_max: float | None = None,
    lang: str = "nb",
) -> TextReport:
    """Check one draft for one platform, the advice in the standard ``lang``. Never raises on odd
    text; the caller checks size."""
    templates = messages(lang)

    def _say(code: str, level: str, **values: Any) -> Finding:
        return Finding(code, level, templates[code].format(**values))

    text = clean_text(text)
    limit = PLATFORM_LIMITS.get(platform, PLATFORM_LIMITS["nettside"])
    name = platform_name(platform, lang)
    length = len(text)
    score_lix = lix(text)
    report = TextReport(length, score_lix, limit, checks=4 + (1 if needs_image else 0))
    add = report.findings.append

    if length > limit.chars:
        code = "lengde-regel" if limit.rule else "lengde-anbefalt"
        add(_say(code, MUST if limit.rule else SHOULD, n=length, platform=name, limit=limit.chars, over=length - limit.chars))
    target = DEFAULT_LIX_MAX if lix_max is None else lix_max
    if score_lix > target and word_count(text) >= LIX_MIN_WORDS:
        add(_say("lix", MUST, lix=norwegian.number(score_lix, decimals=1), max=norwegian.number(target, decimals=1)))

    if needs_image:
        alt = " ".join(clean_text(alt_text or "").split())
        if not alt:
            add(_say("alt-mangler", MUST))
        elif len(alt) < 15 or alt.lower().strip(".") in BAD_ALT:
            add(_say("alt-kort", MUST, alt=alt))
        elif alt.lower().startswith(ALT_STARTS):
            add(_say("alt-bilde-av", SHOULD))

    emoji = list(_EMOJI.finditer(text))
    for match in emoji:
        before = text[: match.start()].rstrip(" \t")
        after = text[match.end() :].lstrip(" \t")
        if before and after and _WORDISH.fullmatch(before[-1]) and _WORDISH.fullmatch(after[0]) and after[0] != ",":
            add(_say("emoji-midt", MUST, emoji=match.group(0)))
            break
    if len(emoji) > EMOJI_MAX:
        add(_say("emoji-mange", SHOULD, n=len(emoji), max=EMOJI_MAX))

    link = _LINK_TEXT.search(text)
    if link:
        add(_say("lenketekst", MUST, text=link.group(0)))

    for match in _HASHTAG.finditer(text):
        tag = match.group(2)
        letters = "".join(_WORDS.findall(tag))
        if len(letters) >= CAPS_MIN and letters.isupper():
            add(_say("emneknagg-store", SHOULD, tag="#" + tag))
        elif len(letters) >= HASHTAG_MULTIWORD_MIN and letters == letters.lower():
            add(_say("emneknagg-camelcase", SHOULD, tag="#" + tag))

    without_tags = _HASHTAG.sub(" ", text)
    shouting = [w for w in _WORDS.findall(without_tags) if len(w) >= CAPS_MIN and w.isupper()]
    if shouting:
        words = ", ".join(f"«{w}»" for w in dict.fromkeys(shouting))
        add(_say("store-bokstaver", SHOULD, words=words))
    return report


def js_config(lang: str = "nb") -> dict[str, Any]:
    """Everything the browser version of the check needs, from the one definition above."""
    return {
        "limits": {k: {"chars": v.chars, "rule": v.rule} for k, v in PLATFORM_LIMITS.items()},
        "names": {k: platform_name(k, lang) for k in PLATFORM_LIMITS},
        "emoji": emoji_pattern(js=True),
        "letters": LETTERS,
        "linkText": LINK_TEXT,
        "badAlt": sorted(BAD_ALT),
        "altStarts": list(ALT_STARTS),
        "messages": messages(lang),
        "emojiMax": EMOJI_MAX,
        "capsMin": CAPS_MIN,
        "tagMin": HASHTAG_MULTIWORD_MIN,
        "lixMax": DEFAULT_LIX_MAX,
        "lixMinWords": LIX_MIN_WORDS,
        "maxText": MAX_TEXT,
    }
