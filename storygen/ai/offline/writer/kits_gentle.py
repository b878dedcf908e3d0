"""Genre kits for the gentler genres: children's, drama, romance and comedy.

Data only; the line format is described in ``kit``.
"""

from __future__ import annotations

from storygen.ai.offline.writer.kit import Kit

# Each genre's tone, backdrop, quest objects, titles and plot lines.
GENTLE_KITS: dict[str, Kit] = {
    "childrens": Kit(
        tone="cheerful",
        setting="a sunny little village",
        things=("silver kite", "golden acorn", "little music box", "lucky red balloon"),
        title_patterns=("{Hero} and the {Thing}", "{Hero} and the {Thing} of {Place}"),
        thing_titles=("{Hero} and the {Thing}", "The Day of the {Thing}"),
        openings=(
            "One {tone} morning {in_setting}, {All} woke up with a happy hum.",
            "{In_setting}, on a bright and {tone} day, {All} went out to play.",
        ),
        stock=(
            (
                "But then came a surprise: {thing} was gone, and nobody knew where.",
                "And there, tucked safely at {spot}, was {thing}!",
                "{All} carried {thing} back home, singing all the way.",
            ),
            (
                "Oh dear! A gust of wind had carried {thing} away.",
                "Suddenly {Hero} laughed, because {thing} had landed right at {spot}.",
                "Everyone cheered, and {thing} was safe once more.",
            ),
        ),
        problems=("[lost untold] But then came a surprise: {thing} {gone}!",),
        methods=(
            "[search] looking under every leaf near {spot}",
            "asking a friendly snail at {spot} for help",
            "[search|journey] climbing up high to peek at {spot}",
            "[search] calling out across {spot}",
            "[search|journey] drawing a map of {spot} in the dust with a stick",
        ),
        setbacks=(
            "[search|journey] All {they} found was a sleepy beetle, who yawned and rolled over.",
            "[search|journey] There was only a muddy puddle, which splashed {their} shoes.",
            "[search] A bumblebee buzzed by, but it had not seen a thing.",
        ),
        clues=(
            "[stock] Then something sparkled in the grass: a clue!",
            "[search|journey noclue] A little bird chirped and pointed with its wing.",
            "[search object noclue] {They} heard a faint jingle, just ahead.",
        ),
        turns=("[given] A little bird began to sing, as if it knew a secret.",),
        resolutions=("[thing] {All} smiled from ear to ear.",),
        endings=(
            "That night, {All} fell asleep smiling: a {tone} day shared is the best kind.",
            "[search group] And from then on, {All} always looked after {thing} together.",
            "[search solo|nocast] And from then on, {All} always took good care of {thing}.",
        ),
        moods=(
            "Daisies nodded as if to say hello.",
            "A ladybird landed on a fingertip, then flew away.",
        ),
        lines={
            "problem": ("[search] Oh no, we have to find it!",),
            "attempt": ("Let's look over there!", "[search] Maybe it's hiding."),
            "turn": ("[open] Look, there it is!",),
            "ending": ("That was the best day ever!",),
        },
    ),
    "drama": Kit(
        tone="heartfelt",
        setting="a small town by the river",
        things=("family quilt", "old photo album", "old recipe book", "school play costume"),
        title_patterns=("{Hero} and the {Thing}", "The {Thing}"),
        thing_titles=("{Hero} and the {Thing}", "The {Thing}"),
        openings=(
            "{In_setting}, on a {tone} sort of day, {All} had a big day ahead.",
            "Everything {in_setting} felt quiet and {tone} that morning.",
        ),
        stock=(
            (
                "Then {Hero} found that {thing} was torn, and a big lump rose in every throat.",
                "At {spot}, {Hero} finally understood: together, they could mend anything.",
                "Stitch by stitch and step by step, {All} made things right.",
            ),
            (
                "But {thing} was lost, and with it a little piece of home.",
                "Then, at {spot}, they found {thing}, and hope came rushing back.",
                "{All} shared a long hug, and {thing} was safe again.",
            ),
        ),
        problems=(
            "[lost|broken untold] Then {Hero} saw that {thing} {gone}, and everyone felt small.",
        ),
        methods=(
            "asking the neighbours at {spot} for help",
            "[search] sorting through boxes near {spot}",
            "sharing worries on the way to {spot}",
            "making a careful plan at {spot}",
            "working side by side at {spot}",
        ),
        setbacks=(
            "It did not work, and for a moment everyone felt small.",
            "A tear rolled down, and that was all right too.",
            "Nothing seemed to go right, not yet.",
        ),
        clues=(
            "But a kind word made the day feel lighter.",
            "A neighbour smiled and offered a helping hand.",
            "Slowly, a new idea began to grow.",
        ),
        turns=("[given] Something warm and hopeful fluttered in every heart.",),
        resolutions=("Everyone shared a long, warm hug.",),
        endings=(
            "That evening felt {tone} and warm, like a cup of cocoa for the heart.",
            "{All} knew that love is the thread that holds everything together.",
        ),
        moods=("The river sparkled quietly.", "Even the clouds seemed to listen."),
        lines={
            "problem": ("I don't know what to do.",),
            "attempt": ("We can try again together.",),
            "turn": ("I think I understand now.",),
            "ending": ("Thank you for staying with me.",),
        },
    ),
    "romance": Kit(
        tone="kind",
        setting="a friendly little town",
        things=("friendship bracelet", "handwritten letter", "pressed flower", "paper lantern"),
        title_patterns=("{Hero} and the {Thing}", "A {Thing} for a Friend"),
        thing_titles=("{Hero} and the {Thing}",),
        openings=(
            "[group|nocast] {In_setting}, on a {tone} spring day, {All} met by the flower stall.",
            "[solo] {In_setting}, on a {tone} spring day, {All} waited by the flower stall.",
            "The sun smiled on {setting}, and it felt like a {tone} day for friendship.",
        ),
        stock=(
            (
                "But {thing} went missing before it could be given, and feelings got muddled.",
                "At {spot}, {All} found {thing}, and the muddle melted away.",
                "{All} shared {thing} and a big, warm hug.",
            ),
            (
                "Then a silly mix-up happened, and {thing} ended up in the wrong hands.",
                "At {spot}, {Hero} finally said it: you are my very best friend.",
                "They laughed about the mix-up and promised to always talk things through.",
            ),
        ),
        problems=(),
        methods=(
            "making a new gift at {spot}",
            "writing a kind note at {spot}",
            "asking a friend at {spot} for advice",
            "picking wildflowers near {spot}",
        ),
        setbacks=(
            "The words came out all wrong, and cheeks turned pink.",
            "The note blew away in the breeze.",
        ),
        clues=(
            "Then a smile across the way made everything feel lighter.",
            "Someone waved, and hearts felt warm again.",
        ),
        turns=("[given] A warm, happy feeling bubbled up inside.",),
        resolutions=("There were hugs all round.",),
        endings=(
            "And that {tone} friendship grew, like a flower in the sun.",
            "{All} learned that kindness is the best present of all.",
        ),
        moods=("Petals floated on the breeze.", "The air smelled of roses and cake."),
        lines={
            "problem": ("I hope nobody is upset.",),
            "attempt": ("Let's make it right.",),
            "turn": ("[stock] You're my best friend.",),
            "ending": ("Friends forever!",),
        },
    ),
    "comedy": Kit(
        tone="funny",
        setting="a very silly town",
        things=("runaway sandwich", "giant hat", "bouncing birthday cake", "tickle machine"),
        title_patterns=("{Hero} and the {Thing}", "The Great {Thing} Chase"),
        thing_titles=("{Hero} and the {Thing}", "The Great {Noun} Hunt"),
        openings=(
            "{In_setting}, on a {tone} morning, {All} put socks on {their} ears by mistake.",
            "It was a {tone} day {in_setting}, and even the clouds looked like they were giggling.",
        ),
        stock=(
            (
                "Then {thing} hopped off the table and ran away! Boing, boing!",
                "At {spot}, {Hero} tripped, wobbled, and landed right on top of {thing}!",
                "{All} laughed so hard that the whole town joined in, and {thing} was back.",
            ),
            (
                "Uh-oh: {thing} sneezed, bounced, and rolled right out of the door!",
                "At {spot}, {thing} got the hiccups and gave itself away!",
                "Everyone shared {thing}, and it was the silliest feast ever.",
            ),
        ),
        problems=("[lost|broken untold] Then, with a very rude noise, {thing} {gone}!",),
        methods=(
            "[search] chasing about with a butterfly net past {spot}",
            "[search] setting a trap made of jelly at {spot}",
            "disguising themselves as bushes at {spot}",
            "tiptoeing very loudly to {spot}",
            "asking a goose at {spot}, who only said honk",
        ),
        setbacks=(
            "Splat! Everyone landed in a pile of pillows.",
            "The disguise fooled nobody, especially not the goose.",
            "[search] The trap caught a very confused cat instead.",
        ),
        clues=(
            "Then {they} heard a giggle, and it was nobody they knew.",
            "[stock] A trail of crumbs zig-zagged along.",
            "Somebody's tummy rumbled, and that gave them an idea.",
        ),
        turns=("[given] Somewhere close by, something went: hic!",),
        resolutions=("Everyone laughed until their tummies ached.",),
        endings=(
            "And that was the {tone} day {All} would always giggle about.",
            "[stock] The end, or at least until {thing} gets bored again!",
        ),
        moods=("A cow in a bow tie waved.", "Somewhere, a trumpet went parp."),
        lines={
            "problem": ("[search] Come back here!",),
            "attempt": ("This plan is perfect. Probably.",),
            "turn": ("[search open] Gotcha!",),
            "ending": ("Best. Day. Ever.",),
        },
    ),
}
