"""The plot's shape (what is lost, broken, sought, feared...) and the word lists that reveal it.

Data and plain records; the reading itself is in ``noun_phrases`` and ``plot``.
"""

from __future__ import annotations

from dataclasses import dataclass

from storygen.ai.offline.writer.words import wordset

# Reading the plot out of the outline: what is lost, broken, wished for, travelled to or
# feared, and what the outline itself offers as a clue.


@dataclass(frozen=True)
class Token:
    text: str
    low: str

    @property
    def word(self) -> bool:
        return self.text[:1].isalnum()


@dataclass(frozen=True)
class Plot:
    kind: str  # "lost", "broken", "journey", "goal", "fear" or "stock"
    thing: str = ""  # with its article: "the school hamster", "Grandma's glasses"
    head: str = ""  # "hamster"
    alive: bool = False
    plural: bool = False
    gone: str = ""  # "had vanished", "{was} broken" (the verb follows the thing)
    state: str = ""  # "dark", "broken": how a broken thing still is
    fix: str = ""  # "make {it} shine again"
    fixed: str = ""  # "shining again"
    title_thing: str = ""  # "Vanished Hamster"
    place: str = ""  # a journey's end: "the moon"
    trip: str = ""  # "Voyage", "Flight", "Journey"
    goal: str = ""  # a wish, verb first: "win the sack race"
    fear: str = ""  # "afraid of the dark"
    clue: str = ""  # "the trail of sunflower seeds"
    items: str = ""  # "sunflower seeds"
    subject: str = ""  # the character the plot is about, when the outline says
    team: str = ""  # "Sam and Nia", when the wish is theirs together
    premise: int = -1  # the outline segment that tells the trouble, or -1


DETERMINERS_NP = wordset("the a an his her their my our its your this that these those")
NP_STOPS = wordset("""
    in on at to from with into inside under behind near by for of and but or so because before
    after when while that which who whom whose where again all back away up down out off over
    across through around round today tonight yesterday tomorrow then too very is was are were
    be been being has have had do does did will would can could should must may might not no
    never just only also as than if until once every each he she they it we you i him them us
    me there here what why how some any again still even ever
    """)
NOT_THINGS = wordset("""
    everything something someone somebody everyone everybody nothing nobody anyone anybody one
    way day night time morning evening afternoon week year moment fun
    """)
AUX = wordset("is was are were has have had got gets get been be become becomes")
INTENT = wordset("""
    want wants wanted hope hopes hoped try tries tried decide decides decided need needs needed
    plan plans planned long longs longed promise promises promised wish wishes wished dream
    dreams dreamed dreamt mean means meant going determined has have must learn learns learned
    learnt set sets ready can't cannot learning trying hoping planning wanting deciding longing
    """)
PLACE_PREPOSITIONS = wordset("on in at by near with under behind beside inside from")
BOUNDARY = wordset("and but or so because before after when while until though although if then")

# Verbs that leave the thing lost, as "<thing> <verb>": the state, then how the story says it.
LOST_PREDICATES: dict[str, tuple[str, str, str]] = {
    "vanished": ("vanished", "had vanished", "Vanished"),
    "vanishes": ("vanished", "had vanished", "Vanished"),
    "disappeared": ("disappeared", "had disappeared", "Missing"),
    "disappears": ("disappeared", "had disappeared", "Missing"),
    "escaped": ("escaped", "had escaped", "Runaway"),
    "escapes": ("escaped", "had escaped", "Runaway"),
    "stolen": ("stolen", "had been stolen", "Stolen"),
    "missing": ("missing", "{was} missing", "Missing"),
    "lost": ("lost", "{was} lost", "Lost"),
    "gone": ("gone", "{was} gone", "Missing"),
}
AWAY_VERBS = {
    "ran": "run",
    "run": "run",
    "runs": "run",
    "flew": "flown",
    "flown": "flown",
    "flies": "flown",
    "blew": "blown",
    "blown": "blown",
    "blows": "blown",
    "floated": "floated",
    "floats": "floated",
    "drifted": "drifted",
    "drifts": "drifted",
    "rolled": "rolled",
    "rolls": "rolled",
    "wandered": "wandered",
    "wanders": "wandered",
    "hopped": "hopped",
    "hops": "hopped",
    "wriggled": "wriggled",
    "wriggles": "wriggled",
}
LOSING_VERBS = wordset("lose loses lost losing misplace misplaces misplaced drop drops dropped")
STEALING_VERBS = wordset(
    "steal steals stole stolen snatch snatches snatched pinch pinches pinched swipe swipes swiped"
)
SEEKING_VERBS = wordset(
    "look looks looking looked search searches searching searched hunt hunts hunting hunted"
)
HIDDEN_HEADS = wordset("treasure treasures gold chest")
FRIEND_HEADS = wordset("friend friends pal pals buddy")

# How a broken thing is: (state, how to fix it, how it is once fixed, title word).
BROKEN_STATES: dict[str, tuple[str, str, str, str]] = {
    "broken": ("broken", "mend {it}", "mended at last", "Broken"),
    "cracked": ("cracked", "mend {it}", "mended at last", "Cracked"),
    "torn": ("torn", "mend {it}", "mended at last", "Torn"),
    "ripped": ("torn", "mend {it}", "mended at last", "Torn"),
    "smashed": ("broken", "mend {it}", "mended at last", "Broken"),
    "snapped": ("broken", "mend {it}", "mended at last", "Broken"),
    "popped": ("flat", "fix {it}", "fixed at last", "Popped"),
    "burst": ("flat", "fix {it}", "fixed at last", "Burst"),
    "squashed": ("squashed", "fix {it}", "fixed at last", "Squashed"),
    "bent": ("bent", "straighten {it}", "straight again", "Bent"),
    "stuck": ("stuck", "get {it} unstuck", "free again", "Stuck"),
    "jammed": ("stuck", "get {it} unstuck", "free again", "Stuck"),
    "wilted": ("wilted", "help {it} bloom again", "blooming again", "Wilted"),
    "wilting": ("wilted", "help {it} bloom again", "blooming again", "Wilting"),
    "drooping": ("wilted", "help {it} bloom again", "blooming again", "Drooping"),
    "sick": ("poorly", "help {it} feel better", "feeling better", "Poorly"),
    "poorly": ("poorly", "help {it} feel better", "feeling better", "Poorly"),
    "ill": ("poorly", "help {it} feel better", "feeling better", "Poorly"),
    "unwell": ("poorly", "help {it} feel better", "feeling better", "Poorly"),
    "sad": ("sad", "cheer {it} up", "smiling again", "Sad"),
    "lonely": ("lonely", "cheer {it} up", "smiling again", "Lonely"),
    "grumpy": ("grumpy", "cheer {it} up", "smiling again", "Grumpy"),
    "upset": ("upset", "cheer {it} up", "smiling again", "Upset"),
    "dark": ("dark", "make {it} shine again", "shining again", ""),
    "dim": ("dark", "make {it} shine again", "shining again", ""),
    "out": ("dark", "make {it} shine again", "shining again", ""),
    "quiet": ("silent", "make {it} sing again", "singing again", ""),
    "silent": ("silent", "make {it} sing again", "singing again", ""),
    "cold": ("cold", "warm {it} up", "warm and cosy again", ""),
    "grey": ("grey", "bring back {its} colours", "bright and colourful again", ""),
    "gray": ("grey", "bring back {its} colours", "bright and colourful again", ""),
    "flat": ("flat", "fix {it}", "fixed at last", ""),
    "dry": ("dry", "bring back {its} water", "full and sparkling again", ""),
}
# Intransitive verbs that break the thing itself: "the kite breaks".
BREAKING_VERBS = {
    "breaks": "broken",
    "broke": "broken",
    "cracks": "cracked",
    "tears": "torn",
    "tore": "torn",
    "rips": "torn",
    "pops": "popped",
    "snaps": "snapped",
    "bursts": "burst",
    "wilts": "wilted",
    "wilted": "wilted",
    "droops": "drooping",
    "drooped": "drooping",
}
# Verbs that break or mend something named after them: "Leo breaks Grandpa's clock".
MENDING_VERBS = wordset("""
    break breaks broke breaking crack cracks cracked tear tears tore rip rips ripped smash
    smashes smashed mend mends mended mending fix fixes fixed fixing repair repairs repaired
    repairing
    """)
TURNING_VERBS = wordset("gone went goes go turned turns turn grew grows")
# Colours and lights that a thing "goes": "the lamp has gone dark".
SHADES = wordset("out dark dim quiet silent cold grey gray flat dry")
NEGATIONS = wordset("won't wont can't cannot doesn't didn't couldn't wouldn't isn't wasn't")

# Journeys: verbs that always mean one, verbs that do after a wish ("wants to go to..."),
# and the title word each kind of trip gets.
JOURNEY_VERBS: dict[str, str] = {
    **dict.fromkeys(wordset("sail sails sailed sailing row rows rowed paddle paddles"), "Voyage"),
    **dict.fromkeys(wordset("float floats floated swim swims swam"), "Voyage"),
    **dict.fromkeys(wordset("fly flies flew flying zoom zooms zoomed rocket rockets"), "Flight"),
    **dict.fromkeys(wordset("climb climbs climbed climbing"), "Climb"),
    **dict.fromkeys(
        wordset("""
        travel travels travelled traveled travelling journey journeys journeyed voyage hike
        hikes hiked trek treks trekked venture ventures ventured
        """),
        "Journey",
    ),
}
WEAK_JOURNEY_VERBS = wordset("""
    go goes went walk walks walked ride rides rode run runs ran head heads headed get gets
    return returns returned race races raced drive drives drove march marches marched hurry
    hurries hurried reach visit explore cross
    """)
REACHING_VERBS = wordset("reach reaches reached visit visits visited explore explores explored")
PARTICLES = wordset("all the way back up down over across off out away right")
NOT_PLACES = wordset("bed sleep work it them him her")

# Things characters make or win, as "<name> builds a boat"; each form mapped to its base.
MAKING_VERBS: dict[str, str] = {
    **dict.fromkeys(("build", "builds", "built"), "build"),
    **dict.fromkeys(("make", "makes", "made"), "make"),
    **dict.fromkeys(("bake", "bakes", "baked"), "bake"),
    **dict.fromkeys(("plant", "plants", "planted"), "plant"),
    **dict.fromkeys(("paint", "paints", "painted"), "paint"),
    **dict.fromkeys(("grow", "grows", "grew"), "grow"),
    **dict.fromkeys(("win", "wins", "won"), "win"),
    **dict.fromkeys(("enter", "enters", "entered"), "enter"),
    **dict.fromkeys(("organise", "organises", "organize", "organizes"), "organise"),
    **dict.fromkeys(("throw", "throws", "threw"), "throw"),
    **dict.fromkeys(("cook", "cooks", "cooked"), "cook"),
    **dict.fromkeys(("knit", "knits", "knitted"), "knit"),
    **dict.fromkeys(("sew", "sews", "sewed"), "sew"),
    **dict.fromkeys(("write", "writes", "wrote"), "write"),
    **dict.fromkeys(("draw", "draws", "drew"), "draw"),
    **dict.fromkeys(("invent", "invents", "invented"), "invent"),
    **dict.fromkeys(("decorate", "decorates", "decorated"), "decorate"),
    **dict.fromkeys(("save", "saves", "saved"), "save"),
    **dict.fromkeys(("rescue", "rescues", "rescued"), "rescue"),
}
FEAR_WORDS = wordset("afraid scared frightened terrified nervous worried shy anxious fearful")
FEAR_LEADS = wordset("is was are were feels felt gets got becomes became seems seemed")
SOFTENERS = wordset("so very really a bit little too quite terribly always still")
CLUE_TRAILS = wordset("trail track line path row string ribbon")
CLUE_MARKS = wordset("footprints pawprints prints tracks crumbs hoofprints feathers droppings")


# Words that may describe a quest object in its title ("the Lost Golden Key").
TITLE_MODIFIERS = wordset("""
    old magic magical golden silver secret shiny glowing tiny little giant big special baby
    crystal enchanted ancient red blue green yellow purple pink orange white black rainbow
    wooden precious favourite favorite sparkly fluffy woolly cuddly brave
    """)
