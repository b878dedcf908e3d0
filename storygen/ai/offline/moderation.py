"""The offline provider's moderation: a real but simple word-list classifier, no network.

It reports the categories sexual, sexual/minors, violence, self-harm, hate, harassment and
illicit, each scored 1.0 on a hit and 0.0 otherwise. Matching is whole-word and
case-insensitive ("skill" never matches "kill", "Essex" never matches "sex"), and the text is
normalised first against the usual ways of hiding a word: accents and full-width letters,
zero-width characters, leetspeak inside words ("k1ll", "s3x", "p@rn"), letters spelled out
with spaces or dots ("k i l l", "s.e.x"), stretched letters ("kiiill") and base64-encoded
passages, which are decoded and classified too. A few unsafe words of Spanish, French,
German, Italian and Portuguese are listed as well.

It is deliberately tolerant of fairy-tale vocabulary: "dragon", "knight", "sword", "battle",
"slay", "monster", "killer whale" and "blood orange" are not flagged. ``sexual/minors`` is
raised by the explicit terms for child abuse, and by any sexual term in a text that also
talks about children. It cannot understand context, sarcasm or new slang: it is a floor
that fails closed on obvious cases, not a replacement for a trained model.
"""

from __future__ import annotations

import base64
import binascii
import re
import unicodedata

from storygen.ai.types import Verdict

_TERMS: dict[str, tuple[str, ...]] = {
    "violence": (
        "kill",
        "kills",
        "killed",
        "killing",
        "killer",
        "murder",
        "murders",
        "murdered",
        "murderer",
        "murdering",
        "blood",
        "bloody",
        "bloodshed",
        "gore",
        "gory",
        "stab",
        "stabs",
        "stabbed",
        "stabbing",
        "behead",
        "beheaded",
        "beheading",
        "decapitate",
        "decapitated",
        "massacre",
        "slaughter",
        "slaughtered",
        "torture",
        "tortured",
        "torturing",
        "strangle",
        "strangled",
        "mutilate",
        "mutilated",
        "dismember",
        "dismembered",
        "shot dead",
        "shoot him",
        "shoot her",
        "shoot them",
        "slit throat",
        "slit his throat",
        "slit her throat",
        "bludgeon",
        "bludgeoned",
        "disembowel",
        "disemboweled",
        "execute them",
        "burn them alive",
        "burned alive",
        "terrorist",
        "terrorists",
        "terrorism",
        "gun down",
        "gunned down",
        "school shooting",
        "mass shooting",
    ),
    "sexual": (
        "sex",
        "sexual",
        "sexually",
        "sexy",
        "porn",
        "porno",
        "pornography",
        "pornographic",
        "nude",
        "nudes",
        "nudity",
        "erotic",
        "erotica",
        "orgasm",
        "genitals",
        "genitalia",
        "penis",
        "vagina",
        "intercourse",
        "rape",
        "raped",
        "rapist",
        "molest",
        "molested",
        "molester",
        "fetish",
        "stripper",
        "strip club",
        "nsfw",
        "horny",
        "incest",
        "naked body",
        "naked bodies",
        "strip naked",
        "seduce",
        "seduced",
        "seduction",
        "grope",
        "groped",
        "groping",
        "fondle",
        "fondled",
        "fondling",
        "masturbate",
        "masturbation",
        "explicit scene",
        "explicit scenes",
        "lewd",
        "xxx",
        "private parts",
    ),
    "self-harm": (
        "suicide",
        "suicidal",
        "kill myself",
        "killing myself",
        "self harm",
        "self harming",
        "cut myself",
        "cutting myself",
        "hurt myself",
        "end my life",
        "want to die",
        "hang myself",
        "overdose",
        "starve myself",
        "slit my wrists",
        "cut her wrists",
        "cut his wrists",
        "cut their wrists",
        "kill herself",
        "kill himself",
        "kill themselves",
        "killed herself",
        "killed himself",
        "self injury",
        "take my own life",
        "take their own life",
    ),
    "hate": (
        "nazi",
        "nazis",
        "neo nazi",
        "white power",
        "white supremacy",
        "white supremacist",
        "master race",
        "ethnic cleansing",
        "genocide",
        "subhuman",
        "subhumans",
        "inferior race",
        "heil hitler",
        "kkk",
        "racial purity",
        "racial slur",
        "racial slurs",
        "inferior races",
        "hate crime",
    ),
    "harassment": (
        "kill yourself",
        "kys",
        "go die",
        "you should die",
        "hope you die",
        "you are worthless",
        "you're worthless",
        "nobody loves you",
        "nobody likes you",
        "everyone hates you",
        "idiot",
        "idiots",
        "moron",
        "morons",
        "dumbass",
        "shut up and die",
        "you are ugly",
        "you're ugly",
        "you are stupid",
        "you're stupid",
        "i will hurt you",
        "i'll hurt you",
        "bully him",
        "bully her",
    ),
    "illicit": (
        "cocaine",
        "heroin",
        "meth",
        "methamphetamine",
        "fentanyl",
        "crack cocaine",
        "marijuana",
        "cannabis",
        "drug dealer",
        "drug dealing",
        "sell drugs",
        "buy drugs",
        "make a bomb",
        "build a bomb",
        "pipe bomb",
        "counterfeit money",
        "money laundering",
        "launder money",
        "shoplifting",
        "shoplift",
        "steal a car",
        "hotwire",
        "explosives",
        "detonator",
        "molotov",
        "make a weapon",
        "make poison",
        "poison someone",
        "synthesize drugs",
        "smoke weed",
        "lsd",
        "ecstasy pills",
    ),
}

#: Terms that are about the sexual abuse of children whatever else the text says.
_MINORS_TERMS: tuple[str, ...] = (
    "child porn",
    "child pornography",
    "child abuse material",
    "csam",
    "pedophile",
    "pedophiles",
    "pedophilia",
    "paedophile",
    "paedophiles",
    "paedophilia",
    "pedo",
    "lolicon",
    "shotacon",
    "child grooming",
    "groom a child",
    "grooming children",
    "underage sex",
    "sex with a child",
    "sex with children",
    "sex with a minor",
    "touch the child",
    "touched the child",
    "touch a child",
    "touching children",
)

#: Words about children: any sexual term next to one of these is ``sexual/minors``.
_CHILD_TERMS: tuple[str, ...] = (
    "child",
    "children",
    "childs",
    "kid",
    "kids",
    "minor",
    "minors",
    "underage",
    "boy",
    "boys",
    "girl",
    "girls",
    "toddler",
    "toddlers",
    "baby",
    "babies",
    "teen",
    "teens",
    "teenager",
    "teenagers",
    "preteen",
    "preteens",
    "schoolgirl",
    "schoolboy",
    "pupil",
    "pupils",
    "little one",
    "year old",
    "years old",
)

#: A few unsafe words of other languages, by category (Spanish, French, German, Italian,
#: Portuguese), so a brief is not cleared just by being written in another language.
_FOREIGN_TERMS: dict[str, tuple[str, ...]] = {
    "violence": (
        "matar",
        "asesinar",
        "asesinato",
        "sangre",
        "tuer",
        "meurtre",
        "assassiner",
        "töten",
        "ermorden",
        "mord",
        "uccidere",
        "omicidio",
        "assassinar",
    ),
    "sexual": (
        "sexo",
        "desnudo",
        "desnuda",
        "sexe",
        "nue",
        "nackt",
        "porno",
        "sesso",
    ),
    "self-harm": ("suicidio", "suicidarse", "suicide", "selbstmord", "suicídio"),
    "hate": ("untermensch", "raza superior", "race supérieure", "herrenrasse"),
    "harassment": ("idiota", "imbécile", "idiot", "mátate", "tue-toi", "bring dich um"),
    "illicit": ("cocaína", "droga", "drogas", "drogue", "drogen", "kokain", "bomba casera"),
}

# Harmless phrases that contain a listed word; removed before matching.
_HARMLESS = (
    "killer whale",
    "killer whales",
    "blood orange",
    "blood oranges",
    "blood moon",
    "blood cells",
    "blood cell",
)

#: Digits and symbols read as letters inside a word ("k1ll", "p@rn", "$ex").
_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "@": "a", "$": "s"}
)
#: Letters of other scripts that look like Latin ones.
_HOMOGLYPHS = str.maketrans(
    {
        "\u0430": "a",
        "\u0435": "e",
        "\u043e": "o",
        "\u0440": "p",
        "\u0441": "c",
        "\u0445": "x",
        "\u0443": "y",
        "\u0456": "i",
        "\u0455": "s",
    }
)
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060\ufeff]")
_LEET_WORD = re.compile(r"[a-z0-9@$]*[a-z][a-z0-9@$]*")
# Three or more single characters split by spaces, dots, dashes, stars or underscores.
_SPELLED_OUT = re.compile(r"(?<![\w])(?:\w[\s.\-_*]{1,3}){2,}\w(?![\w])")
_SEPARATORS = re.compile(r"[\s.\-_*]+")
_STRETCHED = re.compile(r"(\w)\1{2,}")
_BASE64 = re.compile(r"[A-Za-z0-9+/]{16,}={0,2}|[A-Za-z0-9_-]{16,}={0,2}")


def _fold(text: str) -> str:
    """Lower case without accents, compatibility forms, invisible characters or homoglyphs."""
    text = _INVISIBLE.sub("", text).translate(_HOMOGLYPHS)
    decomposed = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return text.casefold().replace("\u2019", "'").replace("\u2010", "-").replace("\u2011", "-")


def _pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    # Spaces in a phrase match any run of spaces or hyphens ("self harm", "self-harm").
    parts = sorted((r"[\s\-]+".join(map(re.escape, _fold(p).split())) for p in phrases), key=len)
    return re.compile(rf"(?<!\w)(?:{'|'.join(reversed(parts))})(?!\w)")


def _terms(category: str) -> tuple[str, ...]:
    return _TERMS.get(category, ()) + _FOREIGN_TERMS.get(category, ())


#: The categories reported, in this order, with 1.0 for a hit and 0.0 otherwise.
CATEGORIES = (
    "violence",
    "sexual",
    "sexual/minors",
    "self-harm",
    "hate",
    "harassment",
    "illicit",
)
_PATTERNS = {c: _pattern(_terms(c)) for c in CATEGORIES if c != "sexual/minors"}
_MINORS_PATTERN = _pattern(_MINORS_TERMS)
_CHILD_PATTERN = _pattern(_CHILD_TERMS)
_HARMLESS_PATTERN = _pattern(_HARMLESS)


def _decoded_base64(text: str) -> list[str]:
    """Readable text hidden in base64 runs of ``text`` (standard or URL-safe alphabet)."""
    found = []
    for match in _BASE64.finditer(text):
        chunk = match.group(0)
        chunk += "=" * (-len(chunk) % 4)
        for decode in (base64.b64decode, base64.urlsafe_b64decode):
            try:
                decoded = decode(chunk).decode("utf-8")
            except (binascii.Error, ValueError):
                continue
            if (
                decoded
                and sum(c.isprintable() or c.isspace() for c in decoded) / len(decoded) > 0.9
            ):
                found.append(decoded)
                break
    return found


def _variants(text: str) -> list[str]:
    """The folded text and its de-obfuscated readings: each is classified separately."""
    folded = _fold(text)
    leet = _LEET_WORD.sub(lambda m: m.group(0).translate(_LEET), folded)
    spelled = _SPELLED_OUT.sub(lambda m: _SEPARATORS.sub("", m.group(0)), leet)
    variants = [
        folded,
        leet,
        spelled,
        _STRETCHED.sub(r"\1", spelled),
        _STRETCHED.sub(r"\1\1", spelled),
    ]
    variants.extend(_fold(hidden) for hidden in _decoded_base64(text))
    return [_HARMLESS_PATTERN.sub(" ", variant) for variant in dict.fromkeys(variants)]


def _hits(text: str) -> set[str]:
    hits = {category for category, pattern in _PATTERNS.items() if pattern.search(text)}
    if _MINORS_PATTERN.search(text) or ("sexual" in hits and _CHILD_PATTERN.search(text)):
        hits.update({"sexual", "sexual/minors"})
    return hits


def moderate(text: str) -> Verdict:
    """Flag ``text`` if any category's word list matches; scores are 1.0 or 0.0."""
    hits: set[str] = set()
    for variant in _variants(text):
        hits |= _hits(variant)
    flagged = tuple(c for c in CATEGORIES if c in hits)
    scores = {c: 1.0 if c in hits else 0.0 for c in CATEGORIES}
    return Verdict(flagged=bool(flagged), categories=flagged, scores=scores)
