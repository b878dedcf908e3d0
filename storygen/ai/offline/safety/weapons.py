"""Weapons: the rules against making or arming one, and the real weapons that turn a story's
danger into violence."""

from __future__ import annotations

from storygen.ai.offline.safety.patterns import IntentRule, any_of, gap, whole_words

#: Weapons of the real world. Harmless alone (the huntsman's gun, a bread knife), violence
#: next to killing or shooting.
WEAPONS: tuple[str, ...] = (
    "gun",
    "guns",
    "handgun",
    "handguns",
    "rifle",
    "rifles",
    "pistol",
    "pistols",
    "shotgun",
    "shotguns",
    "revolver",
    "revolvers",
    "machine gun",
    "machine guns",
    "assault rifle",
    "assault rifles",
    "ak 47",
    "ar 15",
    "grenade",
    "grenades",
    "bullet",
    "bullets",
    "knife",
    "knives",
)

#: Shooting: harm only where a weapon is named too (beanstalks and stars shoot as well).
SHOOTING: tuple[str, ...] = (
    "shoot",
    "shoots",
    "shooting",
    "shot",
    "shooter",
    "shooters",
    "open fire",
    "opens fire",
    "opened fire",
)

#: Making, arming or buying a weapon or an explosive.
RULES: tuple[IntentRule, ...] = (
    IntentRule(
        "weapons",
        whole_words(
            any_of(
                r"make",
                r"makes",
                r"making",
                r"made",
                r"build",
                r"builds",
                r"building",
                r"built",
                r"mix",
                r"mixes",
                r"mixing",
                r"print",
                r"prints",
                r"assemble",
                r"construct",
                r"turn (?:[\w']+ ){0,4}into",
                r"sharpen",
                r"recipe for",
                r"load",
                r"loads",
                r"loading",
                r"buy",
            )
            + gap(5)
            + any_of(
                r"bombs?",
                r"pipe bombs?",
                r"fire ?bombs?",
                r"incendiar(?:y|ies)",
                r"silencers?",
                r"explosives?",
                r"gun ?powder",
                r"molotov(?: cocktails?)?",
                r"napalm",
                r"zip guns?",
                r"guns?",
                r"pistols?",
                r"rifles?",
                r"flamethrowers?",
                r"crossbows?",
                r"shanks?",
                r"grenades?",
                r"poison gas",
                r"nail bombs?",
                r"bullets",
                r"knife",
                r"knives",
                r"weapons?",
                r"detonators?",
            )
        ),
    ),
    IntentRule(
        "weapons", whole_words(r"(?:take|takes|taking) the safety off|how to make gun ?powder")
    ),
)
