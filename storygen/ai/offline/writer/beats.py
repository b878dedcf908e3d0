"""An event told in more detail, beat by beat, and time passing between two events.

Data only; ``filling`` picks the family of an event's verb and fills its beats in.
Placeholders: {name} whoever did it, {noun} the thing the event names (lines naming it
are left out when it names none), {their} their possessive pronoun. A beat only tells
more of what the outline says happened: no new character, no new thing to find.
"""

from __future__ import annotations

from storygen.ai.offline.writer.words import wordset

#: (the verbs of a family in any form, its beats in the order they happen, and lines
#: for a page that dwells on the event while time goes by).
BEATS: tuple[tuple[frozenset[str], tuple[str, ...], tuple[str, ...]], ...] = (
    (
        wordset("eat eats ate eating nibble nibbles nibbled munch munches munched"),
        (
            "{name} nibbled the edge of the {noun}.",
            "Crunch, crunch! Then another bite, and another.",
            "{name} chewed slowly, enjoying every mouthful.",
            "The {noun} tasted so good.",
            "Soon {name}'s tummy was round and full.",
            "{name} took one more bite, just a small one.",
        ),
        (
            "Day after day, {name} ate and ate.",
            "Every day, {name} ate a little more and grew a little bigger.",
            "There was always more to try.",
            "{name} munched from the first light until the last.",
            "Munch, munch, munch went {name}, all day long.",
            "{name} grew rounder, bite by bite.",
        ),
    ),
    (
        wordset("sleep sleeps slept sleeping nap naps napped rest rests rested"),
        (
            "{name} was snug and still.",
            "{name}'s breathing was slow and soft.",
            "Outside, the world went on, but {name} slept on.",
            "Not a sound came from {name}, not even a tiny snore.",
            "{name} was warm and safe, deep in a long, long sleep.",
        ),
        (
            "The quiet hours went by, and {name} slept on.",
            "Perhaps {name} dreamed of warm days and soft light.",
            "All was hushed and still around the {noun}.",
            "Nothing could wake {name} yet.",
            "The {noun} kept {name} safe and warm.",
            "Not even the wind could wake {name}.",
            "Tucked up tight, {name} slept and slept.",
            "{name} slept as softly as a whisper.",
            "{name} did not move at all, not even a little.",
            "Everything around {name} was peaceful.",
            "{name} slept on, curled up small.",
            "Far away in dreamland, {name} slept and slept.",
        ),
    ),
    (
        wordset("""
            build builds built make makes made spin spins spun knit knits knitted sew sews
            sewed paint paints painted bake bakes baked draw draws drew
        """),
        (
            "Bit by bit, the {noun} began to take shape.",
            "{name} worked carefully, round and round and up and down.",
            "It took a long time, but {name} did not give up.",
            "Soon the {noun} {be} finished.",
            "{name} looked at the {noun} and felt proud.",
        ),
        (
            "The {noun} {be} snug and strong.",
            "{name} checked every part of the {noun} twice.",
            "{name} had never made anything so fine.",
        ),
    ),
    (
        wordset("fly flies flew flying zoom zooms zoomed glide glides glided soar soars soared"),
        (
            "Up, up, up they went, higher than the treetops.",
            "The wind rushed past, cool and fast.",
            "Far below, everything looked tiny.",
            "Whoosh! Faster and faster, then smooth and steady.",
        ),
        (
            "The journey went on, smooth and swift.",
            "The wind sang as they went.",
        ),
    ),
    (
        wordset("find finds found discover discovers discovered spot spots spotted"),
        (
            "At first it was just a glimpse.",
            "{name} looked again, very carefully.",
            "There it was: the {noun}!",
            "{name} held the {noun} very gently.",
        ),
        (
            "{name} could not stop looking at the {noun}.",
            "What a thing to have found!",
        ),
    ),
    (
        wordset("plant plants planted grow grows grew sprout sprouts sprouted"),
        (
            "First a hole, then a gentle pat of soil on top.",
            "A little water, and then a lot of waiting.",
            "Day by day, something green pushed up into the light.",
            "It grew a little taller every day.",
        ),
        (
            "Leaf by leaf, it kept on growing.",
            "Every day there was something new to see.",
            "Sun and rain did their work, little by little.",
        ),
    ),
    (
        wordset("swim swims swam paddle paddles paddled float floats floated row rows rowed"),
        (
            "Splash, splash! Through the water they went.",
            "The water was cool and rippled all around.",
            "Stroke by stroke, they moved along.",
            "Little waves lapped and bobbed beside them.",
        ),
        (
            "On and on they went, with the water all around.",
            "The ripples spread out behind them.",
        ),
    ),
    (
        wordset("""
            walk walks walked go goes went run runs ran cross crosses crossed march marches
            marched wander wanders wandered travel travels travelled ride rides rode
        """),
        (
            "Step by step, they went on their way.",
            "The path twisted and turned.",
            "Every step brought them a little closer.",
            "They stopped once to catch their breath, and then went on.",
        ),
        (
            "The way was long, but they kept going.",
            "Their feet grew tired, but their hearts stayed light.",
        ),
    ),
    (
        wordset("climb climbs climbed scramble scrambles scrambled"),
        (
            "Hand over hand, {name} went up.",
            "{name} held on tight and did not look down.",
            "Higher and higher, one careful step at a time.",
            "At the top, {name} stopped and looked all around.",
        ),
        (
            "{name} was very high up now.",
            "The wind tugged gently, but {name} held on.",
        ),
    ),
    (
        wordset("play plays played dance dances danced jump jumps jumped bounce bounces"),
        (
            "Round and round they went, again and again.",
            "There was laughing, and a lot of happy noise.",
            "Nobody wanted to stop.",
            "One more time, and then one more!",
        ),
        (
            "The fun went on and on.",
            "Nobody noticed how the time flew by.",
        ),
    ),
    (
        wordset("share shares shared give gives gave help helps helped"),
        (
            "It felt good to share.",
            "{name} held out the {noun} with a shy little smile.",
            "Sharing made it feel twice as nice.",
            "There was enough for everyone.",
        ),
        (
            "Everyone felt warm and happy inside.",
            "It was the nicest kind of feeling.",
        ),
    ),
    (
        wordset("wake wakes woke waking change changes changed turn turns turned become becomes"),
        (
            "Slowly, very slowly, {name} began to stir.",
            "Something was different now.",
            "{name} stretched, carefully, as if for the very first time.",
            "Everything felt new and strange and wonderful.",
            "{name} opened {their} eyes wide and looked all around.",
        ),
        (
            "Everything looked different now.",
            "{name} could hardly remember being any other way.",
        ),
    ),
    (
        wordset("meet meets met visit visits visited"),
        (
            "At first, nobody quite knew what to say.",
            "Then came a smile, and a shy hello.",
            "Soon it felt as if they had always been friends.",
        ),
        ("They had so much to say to each other.",),
    ),
    (
        wordset("sing sings sang hum hums hummed"),
        (
            "The song was soft and sweet.",
            "The notes floated up into the air.",
            "Every word of the song felt like a hug.",
        ),
        ("The tune stayed in the air for a long time.",),
    ),
    (
        wordset("look looks looked watch watches watched"),
        (
            "{name} watched and watched.",
            "There was so much to notice, little by little.",
            "{name} did not want to miss a thing.",
        ),
        ("Every time {name} looked, there was something new.",),
    ),
    (
        wordset("throw throws threw toss tosses tossed drop drops dropped"),
        (
            "Out went the {noun}, tumbling through the air.",
            "Down, down, down they fell.",
            "Then everything was quiet again.",
        ),
        ("Nobody gave the {noun} another thought.", "And that, it seemed, was that."),
    ),
    (
        wordset("swap swaps swapped trade trades traded sell sells sold"),
        (
            "It did not take long to agree.",
            "A handshake, and the swap was done.",
            "{name} looked down at the {noun} and wondered.",
        ),
        ("Had it been a good swap?", "Only time would tell."),
    ),
    (
        wordset("ask asks asked tell tells told talk talks talked"),
        (
            "The words came tumbling out.",
            "Then there was a little pause, while everyone listened.",
            "It was a question worth asking.",
        ),
        ("The talk went on for a long while.", "There was so much to tell."),
    ),
    (
        wordset("keep keeps kept hold holds held hug hugs hugged"),
        (
            "{name} held the {noun} close.",
            "The {noun} {be} safe now.",
            "{name} would keep the {noun} always.",
        ),
        ("The {noun} stayed close, just where {name} could feel {them}.",),
    ),
    (
        wordset("melt melts melted"),
        (
            "Drip, drip, drip.",
            "Little by little, the snow turned to water.",
            "The sun shone warm and gentle.",
        ),
        ("Soon there was only a puddle, shining in the sun.",),
    ),
)

#: Time passing from one season to the next, keyed (from, to): the signs of the next
#: season, told on the last page of the one before, and its arrival, told on its first.
PASSING: dict[tuple[str, str], tuple[tuple[str, ...], tuple[str, ...]]] = {
    ("summer", "autumn"): (
        (
            "The summer days began to grow a little shorter.",
            "Here and there, a leaf turned yellow.",
        ),
        ("Summer slipped away, and the leaves began to turn gold.",),
    ),
    ("summer", "winter"): (
        (
            "The summer days began to grow a little shorter.",
            "Here and there, a leaf turned yellow.",
            "The wind grew cooler, and the flowers began to fade.",
        ),
        (
            "The days grew shorter, and the leaves turned gold and fell.",
            "Then the cold came, and after it, the snow.",
        ),
    ),
    ("autumn", "winter"): (
        ("The wind grew colder, and the trees grew bare.",),
        ("The last leaves fell, and the first frost came.",),
    ),
    ("autumn", "spring"): (
        ("The wind grew colder, and the trees grew bare.",),
        ("Autumn passed, and then the long, cold winter.", "At last, spring came."),
    ),
    ("winter", "spring"): (
        (
            "One day, a drop of water fell from an icicle, then another.",
            "The snow grew thin and patchy.",
            "Green tips poked up through the last of the snow.",
            "The sun stayed a little longer each day.",
            "Somewhere, a bird began to sing again.",
        ),
        (
            "At last the snow melted away, drip by drip.",
            "The days grew longer, and the air grew soft and warm.",
        ),
    ),
    ("spring", "summer"): (
        ("The spring days grew warmer and warmer.",),
        ("Spring turned into summer, warm and bright.",),
    ),
}
#: A season going on, for pages that dwell on an event.
SEASON_GOING_ON: dict[str, tuple[str, ...]] = {
    "spring": ("Spring went on, greener every day.", "Each spring day was a little warmer."),
    "summer": (
        "The summer days went by, one sunny day after another.",
        "Summer went on, long and lazy.",
    ),
    "autumn": ("Autumn went on, windy and gold.", "Each autumn day was a little cooler."),
    "winter": (
        "Winter went on, long and cold.",
        "Weeks went by, and the snow lay deep.",
        "The cold days came and went, one after another.",
        "Some days were grey, and some were white with snow.",
        "The snow came, melted a little, and came again.",
    ),
}
#: Time passing when the outline moves on but no season follows the one before.
PASSING_ANY: tuple[tuple[str, ...], tuple[str, ...]] = (
    (),
    ("Time passed, as it always does.", "Days went by, one after another."),
)
