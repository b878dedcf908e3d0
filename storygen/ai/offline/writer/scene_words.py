"""Words that say where and when a page happens: places, journeys, times of day, seasons.

Data only; reading them from the outline is ``scenes``.
"""

from __future__ import annotations

from storygen.ai.offline.writer.words import wordset

#: Nouns naming a place a picture can be set in ("in his garden", "to the Moon").
PLACE_NOUNS = wordset("""
    garden gardens moon mars school classroom park forest woods wood jungle beach sea ocean
    harbour harbor island museum library bedroom kitchen house home cottage castle farm
    field barn cave desert city town village street river riverbank attic bakery nest
    meadow hill hillside pond sandpit playground zoo shop market igloo clouds space lake
    stream bathroom station pool mountain shore orchard treehouse palace flat bed den
    hive burrow lighthouse henhouse pillow
    """)

#: Places a picture shows someone on ("on the Moon", "on the beach"), not in.
ON_NOUNS = wordset("moon mars beach island farm hill hillside mountain street shore riverbank")
#: Places a picture shows someone at ("at school", "at the museum").
AT_NOUNS = wordset("school museum library bakery station shop market zoo")
#: Places "at the ..." puts someone in; "looks at the city" only looks.
AT_PLACES = AT_NOUNS | wordset(
    "home cottage house farm park beach harbour pond lake playground castle"
)
#: Places that stand for a room of their own: a bed is in someone's bedroom.
ROOMS = {"bed": "bedroom", "pillow": "bedroom"}

#: Verbs of going somewhere: their "to the Moon" moves the story there.
MOVING_VERBS = wordset("""
    zoom zooms zoomed fly flies flew flying sail sails sailed go goes went walk walks walked
    run runs ran row rows rowed ride rides rode travel travels travelled traveled take takes
    took move moves moved return returns returned head heads headed float floats floated
    swim swims swam climb climbs climbed jump jumps jumped march marches marched hurry
    hurries hurried rush rushes rushed drive drives drove come comes came arrive arrives
    arrived get gets got fall falls fell blast blasts blasted race races raced skip skips
    skipped wander wanders wandered steps stepped step carry carries carried lead leads led
    """)

#: A time of day or a season an outline names, how a picture's description says it, and
#: whether the story stays in it afterwards ("all night" ends when the next day begins).
TIME_PHRASES: tuple[tuple[str, str, bool], ...] = (
    (r"\ball night\b|\bovernight\b", "at night", False),
    (r"\b(?:at|in the|during the) night\b|\bat midnight\b", "at night", True),
    (r"\bbefore sunrise\b|\bat (?:dawn|sunrise|daybreak)\b", "at dawn", True),
    (r"\bin the morning\b|\bat breakfast\b", "in the morning", True),
    (r"\ball afternoon\b", "in the afternoon", False),
    (r"\bin the afternoon\b", "in the afternoon", True),
    (r"\b(?:in the|that|one) evening\b|\bat (?:dusk|sunset)\b", "in the evening", True),
    (r"\bat lunch(?:time)?\b", "at lunchtime", False),
    (r"\b(?:in|all|that|one|through the|through) (autumn|spring|winter|summer)\b", "in {0}", True),
)

#: Where a genre's story happens when neither the brief nor the outline says: "{lead}" is
#: the first character's name.
GENRE_PLACES = {"bedtime": "in {lead}'s bedroom"}
#: When a genre's story happens unless the outline says otherwise.
GENRE_TIMES = {"bedtime": "at night"}

#: The seasons, as an outline names them: times, never things to look at.
SEASONS = ("spring", "summer", "autumn", "winter")
