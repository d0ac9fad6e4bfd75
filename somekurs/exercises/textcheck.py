"""Check a draft social-media post the way the course teaches: readable, accessible, fits.

The findings are advice a participant can act on, in Norwegian. The same rules run in the
static book's JavaScript (see ``html.py``); the patterns, limits and message templates are
defined once here and handed to the script as JSON, so the two cannot drift apart.

Two kinds of finding: ``må`` (must fix: breaks a platform rule, the exercise's goal or a basic
accessibility need) and ``bør`` (should consider: the course's advice).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from somekurs import norwegian
from somekurs.prose import lix, word_count

MAX_TEXT = 20_000  # longer than any post; keeps a pasted book from freezing the check
DEFAULT_LIX_MAX = 40
EMOJI_MAX = 3  # the course's advice: a few emoji at most, each read aloud by screen readers
CAPS_MIN = 5  # ALL-CAPS words this long are shouting; shorter ones are usually acronyms (NAV, NTNU)
LIX_MIN_WORDS = 10  # LIX of a few words says nothing («Velkommen!» alone would score 101)
HASHTAG_MULTIWORD_MIN = 10  # an all-lowercase tag this long is probably several words run together


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
    "nettside": "nettsiden",
}

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
BAD_ALT = {"bilde", "image", "foto", "photo", "img", "illustrasjon", "grafikk"}
LINK_TEXT = rf"(?:klikk|trykk|les mer|se|les) her(?![{LETTERS}])"

MESSAGES: dict[str, str] = {
    "tom": "Skriv eller lim inn et utkast til innlegg først, og trykk så «Sjekk svaret».",
    "for-lang-tekst": "Teksten er over {max} tegn, og det er for langt til å sjekkes. Bruk bare selve innlegget.",
    "lengde-regel": "Teksten har {n} tegn. {platform} tillater høyst {limit}. Kort den ned med {over} tegn.",
    "lengde-anbefalt": "Teksten har {n} tegn. Kursets anbefalte lengde for {platform} er {limit} tegn "
    "(dette er et råd, ikke en regel hos plattformen). Vurder å korte den ned.",
    "lix": "LIX er {lix}. Målet i oppgaven er høyst {max}. Skriv kortere setninger og bruk kortere ord.",
    "emneknagg-camelcase": "Står det flere ord i {tag}? Skriv da hvert ord med stor forbokstav, "
    "som #SosialeMedier. Skjermlesere leser da ordene hver for seg.",
    "emneknagg-store": "Skriv {tag} med stor forbokstav bare i starten av hvert ord, som #SosialeMedier. "
    "Store bokstaver i hele emneknaggen kan bli lest opp bokstav for bokstav.",
    "emoji-mange": "Teksten har {n} emoji. Bruk høyst {max}: skjermlesere leser opp navnet på hver enkelt.",
    "emoji-midt": "Flytt emojien {emoji} til slutten av setningen. Midt i en setning blir navnet på emojien "
    "lest opp og bryter setningen.",
    "alt-mangler": "Innlegget har et bilde. Skriv en alternativ tekst som sier hva bildet viser og hvorfor det er med.",
    "alt-kort": "Den alternative teksten «{alt}» sier for lite. Beskriv hva bildet viser, i en eller to setninger.",
    "alt-bilde-av": "Du trenger ikke starte med «Bilde av». Skjermleseren sier selv at det er et bilde.",
    "store-bokstaver": "Skriv {words} med vanlige bokstaver. Tekst i store bokstaver er tyngre å lese og oppleves som roping.",
    "lenketekst": "Bytt ut «{text}» med ord som sier hvor lenken går, for eksempel «Les veiledningen om søknad». "
    "«Klikk her» sier ingenting når lenken leses alene.",
}


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
        return [f for f in self.findings if f.level == "må"]

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


def _say(code: str, level: str, **values: Any) -> Finding:
    return Finding(code, level, MESSAGES[code].format(**values))


def analyse(
    text: str, platform: str, *, alt_text: str | None = None, needs_image: bool = False, lix_max: float | None = None
) -> TextReport:
    """Check one draft for one platform. Never raises on odd text; the caller checks size."""
    text = clean_text(text)
    limit = PLATFORM_LIMITS.get(platform, PLATFORM_LIMITS["nettside"])
    name = PLATFORM_NAMES.get(platform, platform)
    length = len(text)
    score_lix = lix(text)
    report = TextReport(length, score_lix, limit, checks=4 + (1 if needs_image else 0))
    add = report.findings.append

    if length > limit.chars:
        code = "lengde-regel" if limit.rule else "lengde-anbefalt"
        add(_say(code, "må" if limit.rule else "bør", n=length, platform=name, limit=limit.chars, over=length - limit.chars))
    target = DEFAULT_LIX_MAX if lix_max is None else lix_max
    if score_lix > target and word_count(text) >= LIX_MIN_WORDS:
        add(_say("lix", "må", lix=norwegian.number(score_lix, decimals=1), max=norwegian.number(target, decimals=1)))

    if needs_image:
        alt = " ".join(clean_text(alt_text or "").split())
        if not alt:
            add(_say("alt-mangler", "må"))
        elif len(alt) < 15 or alt.lower().strip(".") in BAD_ALT:
            add(_say("alt-kort", "må", alt=alt))
        elif alt.lower().startswith(("bilde av", "bildet viser")):
            add(_say("alt-bilde-av", "bør"))

    emoji = list(_EMOJI.finditer(text))
    for match in emoji:
        before = text[: match.start()].rstrip(" \t")
        after = text[match.end() :].lstrip(" \t")
        if before and after and _WORDISH.fullmatch(before[-1]) and _WORDISH.fullmatch(after[0]) and after[0] != ",":
            add(_say("emoji-midt", "må", emoji=match.group(0)))
            break
    if len(emoji) > EMOJI_MAX:
        add(_say("emoji-mange", "bør", n=len(emoji), max=EMOJI_MAX))

    link = _LINK_TEXT.search(text)
    if link:
        add(_say("lenketekst", "må", text=link.group(0)))

    for match in _HASHTAG.finditer(text):
        tag = match.group(2)
        letters = "".join(_WORDS.findall(tag))
        if len(letters) >= CAPS_MIN and letters.isupper():
            add(_say("emneknagg-store", "bør", tag="#" + tag))
        elif len(letters) >= HASHTAG_MULTIWORD_MIN and letters == letters.lower():
            add(_say("emneknagg-camelcase", "bør", tag="#" + tag))

    without_tags = _HASHTAG.sub(" ", text)
    shouting = [w for w in _WORDS.findall(without_tags) if len(w) >= CAPS_MIN and w.isupper()]
    if shouting:
        words = ", ".join(f"«{w}»" for w in dict.fromkeys(shouting))
        add(_say("store-bokstaver", "bør", words=words))
    return report


def js_config() -> dict[str, Any]:
    """Everything the browser version of the check needs, from the one definition above."""
    return {
        "limits": {k: {"chars": v.chars, "rule": v.rule} for k, v in PLATFORM_LIMITS.items()},
        "names": PLATFORM_NAMES,
        "emoji": emoji_pattern(js=True),
        "letters": LETTERS,
        "linkText": LINK_TEXT,
        "badAlt": sorted(BAD_ALT),
        "messages": MESSAGES,
        "emojiMax": EMOJI_MAX,
        "capsMin": CAPS_MIN,
        "tagMin": HASHTAG_MULTIWORD_MIN,
        "lixMax": DEFAULT_LIX_MAX,
        "lixMinWords": LIX_MIN_WORDS,
        "maxText": MAX_TEXT,
    }
