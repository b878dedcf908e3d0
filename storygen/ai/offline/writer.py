"""Writes the offline provider's stories: deterministic picture-book text built from a brief."""

from __future__ import annotations

import collections
import dataclasses
import functools
import hashlib
import itertools
import json
import random
import re
import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from storygen.ai.drafts import needs_picture, parse_story_draft
from storygen.ai.offline.painter import character_look, theme_for
from storygen.ai.types import CharacterBrief, StoryBrief, StoryDraft, Usage

#: Words per content page for each text density, inclusive.
DENSITY_RANGES: dict[str, tuple[int, int]] = {
    "concise": (30, 50),
    "standard": (60, 90),
    "detailed": (100, 150),
}

# Comfortably below drafts.MAX_PAGE_TEXT, so long user words can never make a page invalid.
_MAX_PAGE_CHARS = 2200


def word_range(text_density: str) -> tuple[int, int]:
    """The inclusive words-per-page range for a density label; unknown labels are concise."""
    label = text_density.strip().lower()
    for key, bounds in DENSITY_RANGES.items():
        if label.startswith(key):
            return bounds
    return DENSITY_RANGES["concise"]


def count_words(text: str) -> int:
    """Words as the density rule counts them: whitespace-separated tokens."""
    return len(text.split())


# --------------------------------------------------------------------------------------
# Genre kits: the vocabulary and plot beats of each genre.
#
# Lines may start with tags in brackets that say when they fit the story; a line without
# tags fits any story. Each tag lists alternatives separated by "|", and every tag must
# match (see _PlotFlags). So "[search noclue]" is for a hunt for a thing where the outline
# gave no clue of its own, and "[lost|broken told]" for a lost or broken thing whose trouble
# the outline has already told.
#
# Placeholders: {All} the page's cast, {Hero} its lead, {Sub} the one the plot is about,
# {thing}/{Thing} the quest object with its article, {was} its verb, {it} its pronoun,
# {gone} what happened to it, {place} a journey's end, {goal} a wish, {fear} a worry,
# {the_clue} the outline's own clue, {setting}, {tone}, {spot} a place inside the setting.


@dataclass(frozen=True)
class _Kit:
    tone: str
    setting: str
    things: tuple[str, ...]
    title_patterns: tuple[str, ...]
    # Titles for a thing the outline names; {Thing} is then "Vanished Hamster" and the like.
    thing_titles: tuple[str, ...]
    openings: tuple[str, ...]
    # The genre's own plot when the outline gives none: (problem, turn, resolution) triples
    # that belong together, as each turn explains its own problem.
    stock: tuple[tuple[str, str, str], ...]
    problems: tuple[str, ...]
    methods: tuple[str, ...]
    setbacks: tuple[str, ...]
    clues: tuple[str, ...]
    turns: tuple[str, ...]
    resolutions: tuple[str, ...]
    endings: tuple[str, ...]
    moods: tuple[str, ...]
    lines: dict[str, tuple[str, ...]]


_KITS: dict[str, _Kit] = {
    "childrens": _Kit(
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
    "scifi": _Kit(
        tone="curious",
        setting="a space station near a purple planet",
        things=("star map", "power crystal", "signal beacon", "tiny comet"),
        title_patterns=("{Hero} and the Lost {Thing}", "The {Thing} of {Place}"),
        thing_titles=("{Hero} and the {Thing}", "Mission: The {Thing}"),
        openings=(
            "On a {tone} day cycle {in_setting}, {All} ran the morning systems check.",
            "The lights blinked on {in_setting}, and {All} got ready for a {tone} mission.",
        ),
        stock=(
            (
                "Then an alarm beeped: {thing} had drifted away into the dark.",
                "At {spot}, humming softly, was {thing}!",
                "{All} guided {thing} safely back, and every light on board shone bright.",
            ),
            (
                "The screens flickered, because {thing} had gone missing from its dock.",
                "Then {Hero} spotted it: {thing}, glowing like a tiny sun at {spot}.",
                "With a gentle click, {thing} was back where it belonged.",
            ),
        ),
        problems=(
            "[lost untold] Then an alarm beeped: {thing} {gone}!",
            "[broken untold] The screens flickered red: {thing} {gone}!",
        ),
        methods=(
            "[search] scanning {spot} with a blinking gadget",
            "[search|journey] steering a little shuttle past {spot}",
            "decoding a strange signal from {spot}",
            "asking a helpful robot at {spot} for ideas",
            "[search|journey] floating carefully across {spot}",
            "building a homemade gadget near {spot}",
        ),
        setbacks=(
            "[search] The scanner only found a lost sock, floating in zero gravity.",
            "[search|journey] A meteor shower sparkled past, and {they} had to wait it out.",
            "The signal crackled and went quiet.",
        ),
        clues=(
            "Then the gadget gave a hopeful beep.",
            "[search|journey noclue] A faint blue glow blinked in the distance.",
            "[search noclue] The signal grew stronger: beep, beep, BEEP!",
        ),
        turns=("[given] Every screen on board lit up at once.",),
        resolutions=("The crew gave a cheer that echoed round the station.",),
        endings=(
            "Later, {All} watched the stars drift by, proud of a {tone} day's work.",
            "The crew logged the day as their finest mission yet.",
        ),
        moods=(
            "Panels blinked in friendly colours.",
            "The engines hummed a low, steady song.",
        ),
        lines={
            "problem": ("[search] Systems check: something is missing!",),
            "attempt": ("Switching to plan B!", "Scanning now."),
            "turn": ("[search open] Signal found!",),
            "ending": ("Mission complete!",),
        },
    ),
    "drama": _Kit(
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
    "horror": _Kit(
        tone="spooky-fun",
        setting="a creaky old house on a hill",
        things=("glowing pumpkin lantern", "old brass key", "ghost's lost top hat", "moon charm"),
        title_patterns=("{Hero} and the Spooky {Thing}", "The Not-So-Scary {Thing}"),
        thing_titles=("{Hero} and the Spooky Case of the {Thing}", "The Not-So-Scary {Thing}"),
        openings=(
            "On a {tone} evening {in_setting}, {All} heard a creak, then a giggle.",
            "The moon peeked over {setting}, and {All} tiptoed out on a {tone} adventure.",
        ),
        stock=(
            (
                "Whooo! Something swooshed by, and {thing} floated away into the shadows.",
                "At {spot} they found {thing}, held by a shy little ghost who wanted a friend.",
                "{All} asked the little ghost to play, and the shadows did not seem scary at all.",
            ),
            (
                "A strange shadow danced on the wall, and {thing} was suddenly gone.",
                "The spooky shadow was a small bat at {spot}, hugging {thing} for comfort.",
                "Everyone shared a snack with the bat, and {thing} glowed warmly.",
            ),
        ),
        problems=("[lost|broken untold] Whooo! The wind howled, and {thing} {gone}!",),
        methods=(
            "[search|journey] tiptoeing with a torch past {spot}",
            "knocking politely at {spot}",
            "[search] peeking carefully around {spot}",
            "whistling a brave little tune near {spot}",
        ),
        setbacks=(
            "A curtain flapped, boo! It was only the wind, and everyone giggled.",
            "Something squeaked. It was just a mouse in slippers.",
            "The floorboards creaked a silly song.",
        ),
        clues=(
            "[stock] Two round eyes blinked in the dark, more curious than scary.",
            "A tiny whisper said, this way!",
            "[stock] A trail of glitter led onward.",
        ),
        turns=("[given] An owl hooted twice, as if to say: nearly there!",),
        resolutions=("Even the shadows seemed to smile.",),
        endings=(
            "From then on, {tone} nights meant games, giggles and happy shivers.",
            "And whenever the floor creaked, {All} just smiled and waved hello.",
        ),
        moods=("An owl hooted a friendly hoo-hoo.", "Pumpkins grinned on the steps."),
        lines={
            "problem": ("W-what was that?",),
            "attempt": ("Let's be brave together.",),
            "turn": ("[stock] Oh! You're not scary at all!",),
            "ending": ("Best spooky night ever!",),
        },
    ),
    "action": _Kit(
        tone="brave",
        setting="a busy harbour town",
        things=("storm bell", "golden compass", "championship trophy", "runaway kite"),
        title_patterns=("{Hero} and the Race for the {Thing}", "The {Thing} Rescue"),
        thing_titles=("{Hero} and the Race for the {Thing}", "The {Thing} Rescue"),
        openings=(
            "{In_setting}, on a {tone} and windy morning, {All} {were} ready for anything.",
            "Zoom! The day began fast {in_setting}, and {All} felt {tone} and ready.",
        ),
        stock=(
            (
                "Then a great gust whisked {thing} away, and it went tumbling off!",
                "With one big jump at {spot}, {Hero} caught {thing}!",
                "{All} returned {thing} to its place, and the whole town cheered.",
            ),
            (
                "Suddenly, {thing} was carried off by a runaway cart!",
                "At {spot}, teamwork saved the day: {thing} was caught just in time.",
                "Puffing and laughing, {All} brought {thing} back.",
            ),
        ),
        problems=("[lost|broken untold] Then, out of nowhere, {thing} {gone}!",),
        methods=(
            "[search|journey] racing along the path to {spot}",
            "[search|journey] leaping over puddles towards {spot}",
            "[search|journey] swinging on a rope across {spot}",
            "[search|journey] pedalling hard past {spot}",
            "[search|journey] climbing quickly up to {spot}",
            "training hard at {spot}",
        ),
        setbacks=(
            "[search|journey] A flock of geese blocked the way, honking loudly.",
            "[search|journey] A gate swung shut just in time, clang!",
            "[search|journey] {They} skidded to a stop as the path ended.",
        ),
        clues=(
            "[stock] But they spotted a flash of gold ahead!",
            "[search|journey] {They} were getting closer and closer!",
            "A friendly dog barked and ran to help.",
        ),
        turns=("[given] Their hearts pounded: this was it!",),
        resolutions=("The whole town cheered.",),
        endings=(
            "That night, {All} agreed: being {tone} is easier with friends.",
            "It had been a {tone} day, full of speed and smiles.",
        ),
        moods=("Flags snapped in the wind.", "Their hearts raced like drums."),
        lines={
            "problem": ("[search] After it!",),
            "attempt": ("Faster, we can do it!",),
            "turn": ("[search open] Got it!",),
            "ending": ("Teamwork wins!",),
        },
    ),
    "fantasy": _Kit(
        tone="magical",
        setting="an enchanted forest",
        things=("moonstone", "wizard's lantern", "enchanted map", "dragon's egg"),
        title_patterns=("{Hero} and the {Thing} of {Place}", "The {Thing} of {Place}"),
        thing_titles=("{Hero} and the {Thing}", "The Legend of the {Thing}"),
        openings=(
            "Once upon a time, {in_setting}, {All} woke to a {tone} shimmer in the air.",
            "{In_setting}, where the flowers hummed, {All} began a {tone} day.",
        ),
        stock=(
            (
                "But the light in {thing} faded, and the magic began to slip away.",
                "At {spot}, {Hero} solved the riddle, and {thing} rose shimmering into the air.",
                "{All} returned {thing} to its place, and the magic bloomed again.",
            ),
            (
                "Then a mischievous wind spirit snatched {thing} and vanished!",
                "In the hush at {spot}, the wind spirit gave back {thing} with a golden light.",
                "The wind spirit said sorry, and {thing} shone brighter than ever.",
            ),
        ),
        problems=("[lost|broken untold] But then the magic trembled, and {thing} {gone}!",),
        methods=(
            "asking a wise old tree at {spot} for advice",
            "[search|journey] following a ribbon of fireflies to {spot}",
            "reading the shimmering runes at {spot}",
            "[search|journey] crossing a bridge of moonbeams to {spot}",
            "singing an old spell at {spot}",
            "asking a talking fox near {spot}",
        ),
        setbacks=(
            "The spell fizzled into a puff of pink smoke.",
            "A riddle blocked the path, and the answer would not come.",
            "The fireflies scattered like sparks.",
        ),
        clues=(
            "Then a silver feather drifted down: a sign!",
            "The runes glowed brighter, pointing the way.",
            "A gentle dragon winked and nodded onward.",
        ),
        turns=("[given] The air began to sparkle, brighter and brighter.",),
        resolutions=("All around them, the magic bloomed again.",),
        endings=(
            "And the land stayed {tone} forever, because kindness is the strongest magic.",
            "{All} watched the stars sparkle, knowing the magic lived in them too.",
        ),
        moods=("Sparkles drifted like snow.", "The air smelled of honey and rain."),
        lines={
            "problem": ("[stock] The magic is fading!",),
            "attempt": ("Let's try the old spell.",),
            "turn": ("[stock] The riddle! I know the answer!",),
            "ending": ("Magic is everywhere.",),
        },
    ),
    "mystery": _Kit(
        tone="curious",
        setting="a quiet seaside town",
        things=("missing painting", "golden key", "secret note", "prize-winning cake"),
        title_patterns=("The Mystery of the {Thing}", "{Hero} and the Secret of {Place}"),
        thing_titles=("The Mystery of the {Thing}", "{Hero} and the Case of the {Thing}"),
        openings=(
            "{In_setting}, on a {tone} morning, {All} noticed something odd.",
            "[search] Nothing ever went missing {in_setting}, until one {tone} day.",
        ),
        stock=(
            (
                "{Thing} had vanished without a trace, and only a muddy paw print was left!",
                "At {spot}, {Hero} solved it: a playful puppy had hidden {thing} to keep it safe!",
                "{All} gave {thing} back to its owner, and the case was closed with a grin.",
            ),
            (
                "Gasp! {Thing} was gone, and a strange note said: Look where the light sleeps.",
                "Everything clicked at {spot}: {thing} had been borrowed, not stolen.",
                "Everyone laughed at the mix-up, and {thing} was back at last.",
            ),
        ),
        problems=(
            "[lost untold] Gasp! {Thing} {gone}, without a trace!",
            "[lost told] It was a real mystery, and {All} meant to solve it.",
        ),
        methods=(
            "[search] searching for clues with a magnifying glass at {spot}",
            "[search] asking questions at {spot}",
            "[search] making a list of suspects near {spot}",
            "[stock paw] following muddy paw prints to {spot}",
            "checking the map for {spot}",
        ),
        setbacks=(
            "[stock paw] The paw prints only led to a puddle.",
            "[search] The first suspect had a perfect alibi: a very long nap.",
            "[search] The clue turned out to be a crumpled shopping list.",
        ),
        clues=(
            "[stock] But there was a crumb trail, and crumbs always lead somewhere!",
            "[stock] A clue! A tuft of orange fur caught on a nail.",
            "[search noclue] A clue! Something small had been dropped near {spot}.",
        ),
        turns=("[given] Suddenly, all the clues fitted together.",),
        resolutions=("[search] The case was closed, with a grin.",),
        endings=(
            "And {All} {were} already looking forward to the next {tone} mystery.",
            "Case closed! A mystery is just a story waiting to be solved.",
        ),
        moods=("A clock ticked somewhere.", "Every shadow seemed to hold a secret."),
        lines={
            "problem": ("Hmm, this is a real mystery.",),
            "attempt": ("Let's check the clues again.",),
            "turn": ("[stock|open] I've got it!",),
            "ending": ("Mystery solved!",),
        },
    ),
    "romance": _Kit(
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
    "thriller": _Kit(
        tone="suspenseful",
        setting="a foggy harbour town",
        things=("secret map", "silver locket", "coded message", "lost lighthouse key"),
        title_patterns=("{Hero} and the {Thing}", "The Secret of the {Thing}"),
        thing_titles=("{Hero} and the {Thing}", "The Secret of the {Thing}"),
        openings=(
            "Fog rolled over {setting}, and on that {tone} morning {All} found a secret.",
            "A {tone} hush fell over {setting}, and {All} heard footsteps in the fog.",
        ),
        stock=(
            (
                "Then {thing} disappeared, and a ticking sound came from somewhere close.",
                "At {spot}, the mysterious figure turned: it was the old keeper, guarding {thing}.",
                "The keeper explained everything, and {All} helped put {thing} back.",
            ),
            (
                "Someone had hidden {thing}, and time was running out before the tide came in.",
                "At {spot}, {Hero} found {thing} just as the clock struck twelve.",
                "{All} breathed out at last: {thing} was safe, and so were they.",
            ),
        ),
        problems=("[lost|broken untold] Then, in the fog, {thing} {gone}!",),
        methods=(
            "[search|journey] creeping quietly past {spot}",
            "cracking a code scratched near {spot}",
            "[search|journey] following a lantern's glow to {spot}",
            "[search] hiding behind crates at {spot} to watch",
            "racing the clock to {spot}",
        ),
        setbacks=(
            "A door slammed in the wind, and everyone jumped.",
            "[search] The trail went cold.",
            "The clock ticked louder, tick, tock.",
        ),
        clues=(
            "[stock] But a fresh footprint pointed the way.",
            "The code made sense at last: a hidden arrow!",
            "A soft light flickered ahead.",
        ),
        turns=("[given] Tick, tock. Closer, and closer still.",),
        resolutions=("The fog lifted, and everyone breathed out at last.",),
        endings=(
            "The fog lifted, and the {tone} night ended with cocoa and laughter.",
            "{All} smiled: some secrets are best solved together.",
        ),
        moods=("Fog curled around the lamp posts.", "Somewhere, a foghorn sighed."),
        lines={
            "problem": ("Did you hear that?",),
            "attempt": ("Shh, stay close.",),
            "turn": ("[stock] Wait, I know who it is!",),
            "ending": ("We did it!",),
        },
    ),
    "comedy": _Kit(
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
    "adventure": _Kit(
        tone="adventurous",
        setting="a green valley with a winding river",
        things=("lost compass", "treasure map", "golden bell", "crystal key"),
        title_patterns=("{Hero} and the {Thing} of {Place}", "The {Thing} of {Place}"),
        thing_titles=("{Hero} and the {Thing}", "The Quest for the {Thing}"),
        openings=(
            "On a {tone} morning {in_setting}, {All} packed a bag for an adventure.",
            "The sun rose over {setting}, and {All} set off on a {tone} day.",
        ),
        stock=(
            (
                "But halfway along the path, {thing} slipped away and rolled out of sight.",
                "At {spot}, shining in the sun, lay {thing}!",
                "{All} tucked {thing} safely away and headed back, singing.",
            ),
            (
                "Then {Hero} found that {thing} was missing from the bag!",
                "At {spot}, {Hero} found {thing}, right where the path began.",
                "With {thing} found, the journey felt light as a feather.",
            ),
        ),
        problems=("[lost|broken untold] But halfway along the path, {thing} {gone}!",),
        methods=(
            "[search] searching high and low around {spot}",
            "[search|journey] following the river towards {spot}",
            "[search|journey] climbing up to {spot} for a better view",
            "asking a passing traveller at {spot}",
            "[search] retracing every step back to {spot}",
        ),
        setbacks=(
            "[search|journey] But the path was blocked by a fallen tree.",
            "[search object] It was only a shiny pebble.",
            "[search|journey] The wind changed, and {they} had to start again.",
        ),
        clues=(
            "[stock] Then they saw a glint of gold!",
            "[search|journey noclue] A friendly rabbit hopped ahead, showing the way.",
            "[stock] Footprints! Little ones, heading the right way.",
        ),
        turns=("[given] Round the very last bend, something was waiting.",),
        resolutions=("[thing] It felt as if the whole valley was smiling.",),
        endings=(
            "That night, {All} agreed that the best adventures are shared.",
            "It had been a {tone} day, and tomorrow would bring another.",
        ),
        moods=("A river sparkled nearby.", "Birds sang from every branch."),
        lines={
            "problem": ("[search] Oh no, where did it go?",),
            "attempt": ("Let's keep going!",),
            "turn": ("[open] There it is!",),
            "ending": ("What an adventure!",),
        },
    ),
}

_GENRE_ALIASES = {
    "children": "childrens",
    "kids": "childrens",
    "sciencefiction": "scifi",
    "sf": "scifi",
    "spooky": "horror",
    "funny": "comedy",
    "humor": "comedy",
    "humour": "comedy",
}


def _kit_for(genre: str) -> _Kit:
    key = re.sub(r"[^a-z]", "", genre.lower())
    key = _GENRE_ALIASES.get(key, key)
    return _KITS.get(key, _KITS["adventure"])


# --------------------------------------------------------------------------------------
# Places inside each backdrop theme, so the plot can move around the setting.


@dataclass(frozen=True)
class _Place:
    spots: tuple[str, ...]
    moods: tuple[str, ...]
    folk: str
    title: str


_PLACES: dict[str, _Place] = {
    "forest": _Place(
        (
            "the mossy old oak",
            "the fern hollow",
            "the babbling brook",
            "the mushroom ring",
            "the fallen log bridge",
            "the tallest pine",
        ),
        (
            "Sunlight dripped through the leaves like honey.",
            "Somewhere, a woodpecker tapped a tiny drum.",
            "The ferns swayed as if they were waving.",
            "A squirrel paused to watch, its tail curled like a question mark.",
        ),
        "the woodland animals",
        "the Whispering Woods",
    ),
    "sea": _Place(
        (
            "the rock pools",
            "the harbour wall",
            "the lighthouse stairs",
            "the sandy cove",
            "the old jetty",
            "the dunes",
        ),
        (
            "Waves curled and hushed against the shore.",
            "Gulls called to each other overhead.",
            "The air tasted of salt and sunshine.",
            "Shells glittered along the tideline.",
        ),
        "the seabirds and the harbour folk",
        "the Silver Shore",
    ),
    "city": _Place(
        (
            "the busy crossing",
            "the flower stall",
            "the old clock tower",
            "the bakery on the corner",
            "the rooftop garden",
            "the bus stop",
        ),
        (
            "Buses hummed and bicycles rang their bells.",
            "The smell of fresh bread drifted down the street.",
            "Windows glowed like friendly eyes.",
            "Pigeons strutted proudly along the pavement.",
        ),
        "the people of the town",
        "the Busy Town",
    ),
    "space": _Place(
        (
            "the crater rim",
            "the launch pad",
            "the observation dome",
            "the rings of the purple planet",
            "the comet's tail",
            "the moon-base garden",
        ),
        (
            "Stars twinkled in every direction.",
            "A comet drew a silver line across the dark.",
            "The planet below turned slowly, blue and green.",
            "Everything floated a little, like in a dream.",
        ),
        "the crew of a tiny starship",
        "the Starry Skies",
    ),
    "castle": _Place(
        (
            "the drawbridge",
            "the tallest tower",
            "the royal kitchen",
            "the throne room",
            "the castle garden",
            "the winding stair",
        ),
        (
            "Flags fluttered from the towers.",
            "Torches flickered along the stone walls.",
            "Somewhere, a trumpet played a cheerful tune.",
            "The castle cat stretched in a patch of sun.",
        ),
        "the castle folk",
        "the Kingdom of Hillcrest",
    ),
    "desert": _Place(
        (
            "the tallest dune",
            "the palm oasis",
            "the old stone arch",
            "the market tents",
            "the shade of a big cactus",
        ),
        (
            "The sand shimmered in the heat.",
            "A lizard blinked from a warm rock.",
            "The wind drew ripples across the dunes.",
            "A camel hummed a slow, sleepy tune.",
        ),
        "the desert travellers",
        "the Golden Dunes",
    ),
    "snow": _Place(
        (
            "the frozen pond",
            "the snowy pine grove",
            "the mountain hut",
            "the sledging hill",
            "the icy bridge",
        ),
        (
            "Snowflakes drifted down like feathers.",
            "Their breath made little clouds in the cold air.",
            "The snow crunched under every step.",
            "Icicles sparkled like glass.",
        ),
        "the mountain animals",
        "the Snowy Peaks",
    ),
    "garden": _Place(
        (
            "the vegetable patch",
            "the old red barn",
            "the sunflower rows",
            "the duck pond",
            "the apple tree",
            "the garden gate",
        ),
        (
            "Bees buzzed busily from flower to flower.",
            "A hen clucked somewhere nearby.",
            "The air smelled of cut grass and strawberries.",
            "Butterflies danced above the flowers.",
        ),
        "the farm animals",
        "Sunflower Farm",
    ),
    "underwater": _Place(
        (
            "the coral castle",
            "the kelp forest",
            "the sunken ship",
            "the sea-grass meadow",
            "the bubbling vent",
        ),
        (
            "Bubbles wobbled up towards the light.",
            "Little fish flashed past like silver coins.",
            "Sea grass swayed in the slow current.",
            "A turtle glided by, calm and wise.",
        ),
        "the sea creatures",
        "the Coral Kingdom",
    ),
    "school": _Place(
        (
            "the reading corner",
            "the art table",
            "the playground slide",
            "the library shelves",
            "the science cupboard",
        ),
        (
            "Chalk dust danced in a sunbeam.",
            "The classroom clock ticked along.",
            "Paintings of rainbows covered the walls.",
            "The class hamster ran happily on its wheel.",
        ),
        "the children of the class",
        "Maple Street School",
    ),
    "home": _Place(
        (
            "the cosy window seat",
            "the kitchen table",
            "the attic stairs",
            "the toy box",
            "the garden shed",
            "the bookshelf",
        ),
        (
            "The kettle hummed a warm little song.",
            "Sunlight made patterns on the rug.",
            "The house creaked softly, the way old houses do.",
            "The smell of toast drifted from the kitchen.",
        ),
        "the whole family",
        "the Little Yellow House",
    ),
    "meadow": _Place(
        (
            "the top of the hill",
            "the wildflower patch",
            "the old stone wall",
            "the winding path",
            "the little stream",
            "the big lone tree",
        ),
        (
            "Wildflowers nodded in the breeze.",
            "Clouds drifted by like sheep.",
            "Grasshoppers chirped in the warm grass.",
            "The hills rolled away, green and gold.",
        ),
        "the meadow animals",
        "Hillside Meadow",
    ),
}


# --------------------------------------------------------------------------------------
# Plot lines shared by every genre, tagged like the kits' lines (see _KITS).

_GENERIC_MOODS = (
    "A soft breeze drifted by.",
    "[group|nocast start|tense] Their hearts thumped with excitement.",
    "[group tense|trouble] Little by little, their courage grew.",
    "[group tense|trouble] They took a deep breath together.",
    "[tense|trouble] Even small steps count.",
    "The world was full of tiny wonders.",
    "Somewhere, a bird sang a short, bright song.",
    "Time seemed to slow down for a moment.",
    "[tense|trouble] Nobody wanted to give up.",
    "[group] It felt good not to be alone.",
    "A smile can make a long path shorter.",
    "The sky watched over them, wide and kind.",
    "[group|nocast] They listened carefully.",
    "Every moment brought something new.",
    "[tense|trouble] Hope is a small, bright thing.",
    "[group|nocast] They kept their eyes wide open.",
    "The clouds drifted slowly by.",
    "A little breeze ruffled everyone's hair.",
    "Far away, a dog barked twice.",
    "The light changed, soft and golden.",
)

# Scenery with the page's own place in it, so each page's colour is its own.
_SPOT_MOODS = (
    "All was quiet near {spot}.",
    "The air felt still and soft around {spot}.",
    "Sunbeams slid across {spot}.",
    "A gentle hush settled over {spot}.",
    "Shadows stretched slowly across {spot}.",
    "A little breeze whispered past {spot2}.",
    "Over by {spot2}, something rustled and was still.",
    "The light shifted over {spot2}.",
    "Somewhere beyond {spot2}, a bird called.",
    "Everything near {spot2} seemed to be listening.",
    "{Spot} looked different in this light.",
    "A butterfly drifted past {spot2}.",
    "The way to {spot2} was quiet and still.",
    "Far off, past {spot2}, the world hummed along.",
    "A soft patch of sunshine lay near {spot}.",
    "Little sounds drifted over from {spot2}.",
    "Nothing much stirred at {spot2}.",
    "There was a calm, friendly feeling near {spot}.",
    "From {spot}, you could just see {spot2}.",
    "The path between {spot} and {spot2} was soft underfoot.",
    "Somewhere between {spot} and {spot2}, a cricket began to sing.",
    "A warm little wind blew from {spot} towards {spot2}.",
)

# Short enough that one always fits in the gap left below a page's minimum; used last.
_TINY_MOODS = (
    "All was calm.",
    "[group|nocast] They smiled.",
    "[solo] {All} smiled.",
    "[group|nocast] On they went.",
    "The wind hummed.",
    "Time ticked on.",
    "Nobody spoke.",
    "Birds sang.",
    "The sky listened.",
)

_GENERIC_LINES = {
    "opening": ("What a lovely day!", "Let's go and see!", "Good morning, everyone!"),
    "problem": (
        "[stock|lost|broken] Oh no!",
        "What shall we do?",
        "[lost] Where can {it_s} be?",
        "[lost] We have to find {it}!",
        "[lost alive] I hope {it_s} {is} all right.",
        "[broken] Can we help?",
        "[journey] How will we ever get there?",
        "[goal self] I really, really want to do this.",
        "[goal other] We'll find a way, you'll see.",
        "[fear self] I'm a little bit scared.",
        "[fear self] What if it goes wrong?",
        "[fear other] It's all right to feel scared.",
    ),
    "attempt": (
        "Let's try this way.",
        "Don't give up!",
        "[search] Maybe over here?",
        "[lost clue] Look, there's more!",
        "[lost] Maybe {it_s} went this way.",
        "[damaged] Let's try this bit here.",
        "[damaged] Pass me the tape, please.",
        "[journey] Are we nearly there yet?",
        "[journey] This way, I think!",
        "[goal self] One more try!",
        "[goal self] I can do this!",
        "[goal other] You're getting better every time!",
        "[fear self] Will you hold my hand?",
        "[fear other] I'll stay right next to you.",
        "We're getting better at this!",
    ),
    "turn": (
        "[open] Look!",
        "[open] I knew we could do it!",
        "[given search] Shh! Listen!",
        "[given search|journey] Could that be it?",
        "[given] Nearly there now.",
        "[goal self] Here goes!",
        "[fear self] I can do it. I really can!",
        "[goal|fear other] You can do it!",
    ),
    "resolution": (
        "Hooray!",
        "[group|nocast] We did it together!",
        "[lost alive] There you are!",
        "[lost alive] You gave us such a fright!",
        "[goal|fear self] I did it!",
        "[goal|fear other] I knew you could do it!",
        "[journey] We made it!",
    ),
    "ending": ("Can we do it again tomorrow?", "Goodnight, everyone.", "What a day!"),
}

# A second sentence for each beat, so pages grow with story rather than with scenery.
_REACTIONS = {
    "opening": (
        "{Hero} smiled and stretched.",
        "The day felt full of promise.",
        "{All} skipped along the path towards {spot}.",
    ),
    "problem": (
        "[solo|group] {Hero}'s eyes went wide.",
        "[group] {All} looked at each other in surprise.",
        "For a moment, nobody said a word.",
        "[search] {All} searched every corner, but it was no use.",
        "[goal|fear|journey] {Sub} let out a long, wobbly sigh.",
    ),
    "attempt": (
        "[search|journey] {All} hurried on towards {spot}.",
        "{They} shared a snack and made a new plan.",
        "{Hero} would not give up, not even a little bit.",
        "Step by step, {they} kept going.",
        "[group] {All} put {their} heads together and thought hard.",
    ),
    "turn": (
        "[open] {All} cheered so loudly that the birds joined in.",
        "[open] {Hero} could hardly believe it.",
        "[open group] Their hearts leapt with joy.",
        "[open solo] {Their} heart leapt with joy.",
        "[given] {Sub} held {sub_their} breath.",
        "[given search|journey] {All} tiptoed a little closer.",
        "[given] Nobody made a sound.",
    ),
    "resolution": (
        "[lost|broken|goal|journey|stock] Everyone who saw {them} clapped and waved.",
        "[group open] {All} walked back side by side.",
        "[search|broken] It felt wonderful to put things right.",
        "[goal|fear] {Sub} felt ten feet tall.",
    ),
    "ending": (
        "The sky turned soft and dark, and the first stars came out.",
        "{All} said goodnight with happy yawns.",
        "And there would be more adventures to come.",
    ),
}

# Time moves on between pages; the place comes with the page's beat sentence.
_TRANSITIONS = (
    "[tense] {When}, {All} set off again.",
    "[tense search] {When}, the search went on.",
    "[tense] {When}, {All} kept going.",
    "[tense search|journey|stock] {When}, the adventure carried on.",
    "[tense lost] {When}, {All} kept looking.",
    "[tense broken] {When}, {All} got back to work.",
    "[tense broken] {When}, the mending went on.",
    "[tense journey] {When}, the journey went on.",
    "[tense journey] {When}, {All} pressed on.",
    "[tense goal] {When}, it was time to try again.",
    "[tense goal] {When}, {All} practised some more.",
    "[tense fear] {When}, {Sub} felt ready to try again.",
    "[tense fear] {When}, {All} talked about being brave.",
    "{When}, the day rolled on.",
    "[trouble untold] {When}, everything changed.",
    "[trouble] {When}, {All} sat down to think.",
    "[trouble untold] {When}, things took a turn.",
    "[trouble told] {When}, the worry was still there.",
    "[glad] {When}, everything felt lighter.",
    "[glad] {When}, it was time to head home.",
    "[glad] {When}, smiles were everywhere.",
)

# The page that holds the outline's ending leads straight into it.
_REVEALS = (
    "[search] {When}, {All} peeked round the very last corner.",
    "[search] {When}, {All} looked one last time, and gasped.",
    "[broken] {When}, {All} tried one last time.",
    "[journey] {When}, {All} took the very last steps of the journey.",
    "[goal] {When}, the big moment arrived.",
    "[fear] {When}, {Sub} was ready.",
    "{When}, the moment came at last.",
)

# The quest is set up on the opening page, before anything goes wrong.
_SETUPS = (
    "[search object untold] {All} loved {thing} more than almost anything.",
    "[search alive untold] {All} loved {thing} more than almost anything.",
    "[search untold] Everyone {in_setting} knew about {thing}.",
    "[search object] {Thing} {was} the most special treasure for miles around.",
    "[lost alive] Everyone {in_setting} loved {thing}.",
    "[broken] Everyone {in_setting} was proud of {thing}.",
    "[broken] {Thing} had been there for as long as anyone could remember.",
    "[journey untold] For a long time, {Sub} had dreamed of {place}.",
    "[journey told] {Sub} had dreamed about it for a very long time.",
    "[goal untold] More than anything, {Sub} wanted to {goal}.",
    "[goal told] {Sub} had been thinking about it for days and days.",
    "[fear untold] {Sub} was brave about lots of things, but {sub_they} {sub_was} {fear}.",
    "[fear told] {Sub} was brave about lots of things, just not this one.",
)

# A second line of set-up for roomy pages, saying something new about the same wish.
_SETUPS_MORE = (
    "[lost alive] {Thing} {was} small and soft and very good at hiding.",
    "[lost object] {Thing} always had {its} own special place.",
    "[broken] Everybody {in_setting} had a story about {thing}.",
    "[journey] {Sub} often gazed towards {place} and wondered what it was like there.",
    "[goal] {Sub} could already picture it, clear as day.",
    "[fear] It was a big, wobbly feeling, and it would not go away.",
    "[stock untold] Nobody guessed what was about to happen.",
)

_PROBLEMS = (
    "[lost untold] Then something dreadful happened: {thing} {gone}!",
    "[lost untold] Oh no! {Thing} {gone}, and nobody knew where to look.",
    "[lost told] {Sub} checked twice, then three times, but it was true: {thing} {was} gone.",
    "[lost told] {All} looked at {spot} and at {spot2}, but {thing} {was} nowhere to be seen.",
    "[lost told alive] {Sub} hoped {thing} {was} not cold, or hungry, or scared.",
    "[broken untold] But then trouble came: {thing} {gone}, and nobody knew how to {fix}.",
    "[broken told] {Sub} tried everything, but {thing} {was} still {state}.",
    "[broken told] Without {thing}, {setting} did not feel quite right.",
    "[broken] Who could {fix}?",
    "[journey] But {place} {place_was} very far away, and nobody quite knew the way.",
    "[journey] Getting to {place} would need a plan, a map and plenty of courage.",
    "[goal untold] {Sub} wanted to {goal}, but it would not be easy.",
    "[goal] It was going to be much harder than it looked.",
    "[goal told] The first try did not go well at all.",
    "[fear untold] But {Sub} was {fear}.",
    "[fear] Just thinking about it made {sub_their} knees wobble.",
    "[fear] {Sub} wished the scary feeling would simply go away.",
)

# What the characters try; the page's place goes in {spot}.
_METHODS = (
    "[search] looking high and low around {spot}",
    "[search] peeking under everything at {spot}",
    "[lost] asking everyone at {spot} if they had seen {thing}",
    "[lost alive] calling softly for {thing} at {spot}",
    "[lost] making a list of places to look, starting with {spot}",
    "[lost clue] following {the_clue} all the way to {spot}",
    "[lost clue] counting {items} one by one past {spot}",
    "[broken] studying {thing} closely from {spot}",
    "[damaged] gathering string, tape and bright ideas at {spot}",
    "[broken] asking a grown-up at {spot} for advice",
    "[broken] testing one careful idea after another at {spot}",
    "[journey] packing snacks and a torch at {spot}",
    "[journey] drawing a map to {place} at {spot}",
    "[journey] asking the way at {spot}",
    "[journey] climbing to {spot} to see how far {place} was",
    "[goal] practising again and again at {spot}",
    "[goal] asking for help at {spot}",
    "[goal] making a careful plan at {spot}",
    "[goal] starting over, slowly, at {spot}",
    "[goal] watching how others did it at {spot}",
    "[goal] gathering everything they needed at {spot}",
    "[goal] trying a different way at {spot}",
    "[goal] taking a little rest at {spot}, then trying again",
    "[goal group] cheering each other on at {spot}",
    "[goal] doing it slowly, step by step, at {spot}",
    "[lost] searching every nook and cranny of {spot}",
    "[lost] leaving a note at {spot}, just in case",
    "[damaged] tidying up the bits and pieces at {spot}",
    "[broken] reading an old book of clever fixes at {spot}",
    "[journey] following the signposts past {spot}",
    "[journey] resting their legs at {spot}",
    "[fear] finding a cosy, safe spot at {spot}",
    "[fear] thinking of happy things at {spot}",
    "[fear] taking slow, deep breaths at {spot}",
    "[fear group] holding hands tight at {spot}",
    "[fear] counting to ten at {spot}",
    "[fear] talking about the scary feeling at {spot}",
    "[fear] taking one tiny step at a time at {spot}",
    "[fear] humming a brave little song at {spot}",
)

# How an attempt is told; {method} is one of the lines above, filled in.
_METHOD_FRAMES = (
    "{Who} tried {method}.",
    "Next, {they} tried {method}.",
    "So {they} set about {method}.",
    "{They} spent a while {method}.",
)

# Progress: the last attempt before the climax always ends on one of these.
_CLUES = (
    "[lost clue] {The_clue} went on past {spot}.",
    "[lost clue] {Sub} bent down low: {the_clue} carried on, right past {spot}.",
    "[lost clue] {The_clue} wiggled this way and that, but it never stopped.",
    "[lost clue] There was no doubt about it: {the_clue} was leading somewhere.",
    "[lost noclue alive] Then {Sub} heard a tiny scratching sound near {spot}.",
    "[lost noclue alive] Somebody had nibbled a biscuit near {spot}: a clue!",
    "[lost noclue object] Something glinted near {spot}.",
    "[lost noclue] Then {Sub} had a very good idea about where to look next.",
    "[damaged] Little by little, {thing} began to look better.",
    "[broken] It almost worked, and that was a start.",
    "[broken] There was a tiny flicker of hope.",
    "[journey] {Place} looked a little closer now.",
    "[journey] A friendly breeze pushed them onward.",
    "[goal] This time it went a little bit better!",
    "[goal] Each try was a tiny bit better than the last.",
    "[fear] {Sub}'s heart beat a little slower now.",
    "[fear] {Sub} was still a little {fear}, but {sub_they} {sub_was} getting braver.",
    "[fear] The scary feeling got a tiny bit smaller.",
)

_SETBACKS = (
    "[search] But there was nothing at {spot}.",
    "[lost] It was only a shadow, not {thing} at all.",
    "[lost] {Sub} sighed. Not there either.",
    "[broken] But the first idea only made a funny noise.",
    "[damaged] The tape would not stick, and {thing} {was} still {state}.",
    "[broken] Nothing changed, not even a little.",
    "[journey] But the path went round in a big circle.",
    "[journey] A puddle as big as a pond was in the way.",
    "[goal] Wobble, wobble, bump! It went wrong again.",
    "[goal] For a moment, {Sub} felt like giving up.",
    "[fear] A sudden noise made {Sub} jump.",
    "[fear] {Sub} wanted to run back inside and hide.",
)

# The climax. With the outline's own ending still to come, it only sets the ending up.
_TURNS = (
    "[lost given clue] {The_clue} came to an end at last.",
    "[lost given alive] Then {Sub} heard it: a tiny rustle, just the kind {thing} made.",
    "[lost given object] Then {Sub} spotted something ahead that looked a lot like {thing}.",
    "[broken given] {Sub} had one last idea, and it just might work.",
    "[journey given] {Place} {place_was} close now, closer than ever before.",
    "[goal given] The big moment had come at last: it was time to {goal_do}.",
    "[fear given] Now it was time to be brave, even though {Sub} was {fear}.",
    "[lost open] And there, at {spot}, {was} {thing}!",
    "[lost open] At {spot}, {Sub} found {thing} at last!",
    "[broken open] At {spot}, {Sub} had a brilliant idea, and it worked: {thing} {was} {fixed}!",
    "[journey open] At last, there it was: {place}!",
    "[goal open] {Sub} took a deep breath, tried one more time, and did it!",
    "[fear open] {Sub} took a deep breath and faced it, one small step at a time.",
    "[stock given] At {spot}, {Hero} found {thing} at last!",
)

# After the ending: what it meant to everyone, never a new twist.
_AFTERMATHS = (
    "[lost alive] {Thing} {was} safe and sound, and that was all that mattered.",
    "[lost alive] {Sub} laughed with relief.",
    "[lost object] {Thing} {was} found at last, and everyone cheered.",
    "[lost open] {All} carried {thing} home, gently and carefully.",
    "[broken] Everyone cheered to see {thing} {fixed}.",
    "[journey] What a journey it had been!",
    "[journey] {All} would remember the way to {place} forever.",
    "[goal] {Sub} beamed from ear to ear.",
    "[fear] {Sub} felt brave and proud, right down to {sub_their} toes.",
    "[fear] The scary feeling had shrunk to the size of a pea.",
    "[stock given] Everyone cheered, and {thing} was safe at last.",
)

_ENDINGS = (
    "That night, {All} fell asleep with happy hearts.",
    "It had been a {tone} day to remember.",
    "{All} knew {they} would never forget it.",
)

# More of each beat for roomy pages: what else happens, before any scenery is needed.
_EXTRAS: dict[str, tuple[str, ...]] = {
    "problem": (
        "[lost] {All} asked everyone nearby, but nobody had seen a thing.",
        "[lost alive] Without {thing}, {setting} felt far too quiet.",
        "[lost object] {Setting} did not feel the same without {thing}.",
        "[lost] {Sub} tried to remember the last time anyone had seen {thing}.",
        "[broken] Everyone who passed {spot} stopped and sighed.",
        "[damaged] {Sub} ran a finger over {thing} and frowned.",
        "[journey] {Sub} looked up at the sky and made a wish.",
        "[journey] Nobody {in_setting} had ever been that far before.",
        "[goal] {Sub} sat down at {spot} and thought hard.",
        "[goal] It looked so easy when other people did it.",
        "[fear] Even the thought of it made {Sub} feel very small.",
        "[fear] {Sub} pulled {sub_their} knees up and hugged them tight.",
        "[stock] Nobody could remember a day quite like it.",
        "Something would have to be done.",
    ),
    "attempt": (
        "[lost] {All} checked behind {spot2} one more time, just in case.",
        "[lost alive] Every little noise made {Sub} stop and listen.",
        "[lost object] {Sub} looked in pockets, bags and boxes, one by one.",
        "[damaged] Snip, stick, twist: the work went on.",
        "[broken] Bit by bit, a new plan took shape.",
        "[journey] The way wound on, past {spot2} and further still.",
        "[journey] {Sub} kept looking towards {place}.",
        "[goal] Every try taught {Sub} something new.",
        "[goal] {Sub} was tired, but {sub_they} kept at it.",
        "[fear] {Sub} peeked, then looked away, then peeked again.",
        "[fear] Being brave, {Sub} found, was something you could practise.",
        "[stock] {All} would not stop until {thing} {was} found.",
        "[search] Round {spot2} they went, looking everywhere.",
    ),
    "turn": (
        "[given] Everything had led to this moment.",
        "[given] {All} could hardly breathe.",
        "[lost given] {Sub} had a funny feeling that the answer was very close.",
        "[lost given] Everything went very still.",
        "[lost given alive] Could it really be {thing}?",
        "[lost given object] Could it be {thing} at last?",
        "[broken given] Everyone gathered round to watch.",
        "[broken given] Everyone crossed their fingers.",
        "[journey given] Just a little further to go.",
        "[journey given] {All} could see it clearly now.",
        "[goal given] Everyone gathered round to watch.",
        "[goal given] The big moment had come at last.",
        "[goal given] {Sub}'s tummy fluttered like a butterfly.",
        "[goal given] {Sub} remembered everything {sub_they} had practised.",
        "[fear given] {Sub} remembered every brave thing {sub_they} had done that day.",
        "[fear given] {Sub}'s heart thumped, but {sub_they} did not run away.",
        "[open] It was the best feeling in the world.",
        "[open] {All} jumped up and down with joy.",
    ),
    "resolution": (
        "[lost alive] Everyone wanted a turn to say hello to {thing}.",
        "[lost object] {Sub} held {thing} tight and did not let go.",
        "[broken] {Sub} gave {thing} a gentle pat.",
        "[journey] {Sub} looked back at how far they had come.",
        "[goal] {Sub} could hardly stop smiling.",
        "[fear] {Sub} was still a little bit scared, and that was all right.",
        "[stock] Everything was just as it should be.",
        "Everyone agreed it had all worked out beautifully.",
    ),
    "ending": (
        "Tucked up in bed, {All} thought about the day.",
        "[group] {All} promised to have another adventure soon.",
        "Somewhere, a night bird sang a sleepy song.",
    ),
}

# Who the characters meet along the way, and how they help.
_HELPERS = (
    "a friendly snail",
    "a chatty squirrel",
    "a wise old owl",
    "a busy little ant",
    "a sleepy cat",
    "a cheerful duck",
    "a curious hedgehog",
    "a kind old neighbour",
    "a bouncy little frog",
    "a gentle tortoise",
)
# Who lives in each kind of place; woods, meadows and gardens share the general list above.
_THEME_HELPERS: dict[str, tuple[str, ...]] = {
    "space": (
        "a helpful robot",
        "a little green alien",
        "a chatty satellite",
        "a sleepy moon-mouse",
    ),
    "sea": ("a chatty gull", "a busy crab", "a friendly seal", "an old fisherman"),
    "underwater": ("a shy octopus", "a wise old turtle", "a busy crab", "a friendly dolphin"),
    "school": ("the kind caretaker", "a friendly teacher", "a chatty classmate", "the school cat"),
    "home": ("the family cat", "a kind neighbour", "a curious little spider", "the old dog"),
    "castle": ("a royal guard", "the castle cook", "a friendly knight", "the castle cat"),
    "city": ("a friendly baker", "a chatty pigeon", "a kind bus driver", "a busy postman"),
    "desert": ("a sleepy camel", "a friendly lizard", "a kind trader", "a busy beetle"),
    "snow": ("a snowy hare", "a curious penguin", "a kind mountain guide", "a fluffy owl"),
}

_HELPS = (
    "[lost] had not seen {thing}, but wished them luck",
    "[search] pointed the way with a smile",
    "knew a clever shortcut",
    "shared a very useful tip",
    "[tense] said not to give up",
    "gave a cheery wave",
    "[journey] said {place} was not so far now",
    "[goal] showed them a little trick",
    "[fear] said everyone felt scared sometimes",
    "[broken] had a spare bit of string",
)
_ENCOUNTERS = (
    "At {spot}, {All} met {helper}, who {help}.",
    "Near {spot}, {helper} stopped to say hello, and {help}.",
)

# Arriving somewhere new on a page, so each page has a place of its own.
_ARRIVALS = (
    "{All} came to {spot}.",
    "The way led on to {spot}.",
    "Next stop: {spot}.",
    "Soon {they} reached {spot}.",
    "{All} stopped at {spot} to look around.",
)

# How a lone character is named on a page whose lines did not name them.
_ALONE = (
    "{names} felt it too.",
    "{names} was ready.",
    "{names} took a deep breath.",
    "{names} stood very still.",
    "{names} looked around.",
    "{names} smiled a small smile.",
)

# How the whole cast is named on a page whose lines named none of them.
_TOGETHER = (
    "{names} watched, wide-eyed.",
    "{names} stood side by side.",
    "{names} looked at each other and smiled.",
    "{names} held their breath together.",
    "{names} stayed close together.",
)

# How a character who is on the page but not yet named in its text is mentioned.
_ALONG = (
    "{names} {was} there too.",
    "{names} came along, of course.",
    "{names} stayed close by.",
    "{names} {was} right there as well.",
    "{names} joined in.",
    "{names} followed close behind.",
)

# For creatures with no gestures of their own.
_CREATURE_GESTURES = (
    "[happy] wiggled with delight",
    "sniffed the air",
    "twitched a curious nose",
    "perked up",
    "shuffled a little closer",
    "blinked slowly",
)

_GESTURES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("dog", ("[happy] wagged a happy tail", "sniffed out a trail", "gave a helpful woof")),
    ("puppy", ("[happy] wagged a happy tail", "[happy] bounced in circles", "gave a little yap")),
    ("cat", ("flicked a curious tail", "padded along without a sound", "purred softly")),
    ("kitten", ("pounced on a leaf", "purred softly", "batted at a shadow")),
    ("fox", ("sniffed the air", "twitched a pointed ear", "swished a bushy tail")),
    ("rabbit", ("hopped ahead", "wiggled a pink nose", "thumped a back foot")),
    ("bunny", ("hopped ahead", "wiggled a pink nose", "thumped a back foot")),
    ("bear", ("gave a big warm hug", "[happy] rumbled a happy hum", "scratched a fuzzy ear")),
    ("owl", ("blinked wisely", "fluttered up to look around", "hooted softly")),
    ("dragon", ("puffed a little cloud of smoke", "[happy] flapped small wings with delight")),
    ("robot", ("[happy] beeped cheerfully", "blinked with bright lights", "whirred thoughtfully")),
    ("mouse", ("[happy] squeaked with delight", "scurried ahead", "twitched tiny whiskers")),
    ("bird", ("fluttered up to look", "chirped a bright note", "fluffed up every feather")),
)

_PLAIN_GESTURES = (
    "[human] gave a thumbs-up",
    "[tense|trouble|start] nodded, ready to help",
    "[human] pointed towards {spot}",
    "[happy] laughed out loud",
    "took a careful look around",
    "[happy] hummed a little tune",
    "[human] rolled up {pos} sleeves",
    "[human] scratched {pos} head and thought",
    "peered over at {spot}",
    "[happy] gave a little skip",
    "listened hard",
    "[human] tapped {pos} chin",
    "[happy human] grinned from ear to ear",
    "stood very still",
    "[human tense|trouble|start] wiggled {pos} fingers, ready",
    "[human happy] clapped {pos} hands",
    "[human] looked around, wide-eyed",
)
_SPEECH_TAGS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("brave", "bold", "fearless", "courageous", "daring"), "said {name} bravely"),
    (("shy", "quiet", "timid", "gentle", "soft"), "whispered {name}"),
    (("funny", "silly", "playful", "cheeky", "goofy", "joker", "jokes"), "giggled {name}"),
    (("curious", "inquisitive", "nosy"), "said {name} eagerly"),
    (("kind", "caring", "sweet", "loving", "warm"), "said {name} kindly"),
    (("clever", "smart", "wise", "thoughtful", "brainy"), "said {name} thoughtfully"),
    (("grumpy", "stubborn", "cranky"), "grumbled {name}"),
    (("cheerful", "happy", "optimistic", "sunny", "bubbly"), "beamed {name}"),
    (("energetic", "excitable", "lively", "bouncy", "loud"), "shouted {name}"),
)

_ANIMALS = (
    "cat",
    "kitten",
    "dog",
    "puppy",
    "fox",
    "rabbit",
    "bunny",
    "hare",
    "bear",
    "owl",
    "dragon",
    "robot",
    "mouse",
    "bird",
    "penguin",
    "unicorn",
    "lion",
    "tiger",
    "elephant",
)

_GARMENTS = re.compile(
    r"\b(?:shirts?|t-shirt|dress(?:es)?|skirts?|capes?|cloaks?|hats?|caps?|coats?|"
    r"jackets?|hoodies?|jumpers?|sweaters?|scarf|scarves|boots?|shoes?|trousers|jeans|"
    r"overalls|dungarees|uniform|robes?|tunic|armou?r|gown|vest|shorts|suit|raincoat|"
    r"pyjamas|pajamas|crown|glasses|goggles|helmet|apron|bow|socks|sneakers|trainers|"
    r"spacesuit|waistcoat|cardigan|kimono|poncho|sweatshirt|jersey|leggings|tights|"
    r"sandals|wellies|slippers|beanie|tiara|bandana|overcoat|blazer|pinafore)\b",
    re.IGNORECASE,
)

_PLURAL_GARMENTS = {
    "scarves",
    "jeans",
    "trousers",
    "shorts",
    "pyjamas",
    "pajamas",
    "overalls",
    "dungarees",
    "glasses",
    "goggles",
    "socks",
    "sneakers",
    "trainers",
}
_DETERMINERS = {
    "a",
    "an",
    "the",
    "his",
    "her",
    "their",
    "its",
    "my",
    "some",
    "two",
    "one",
    "always",
    "usually",
    "often",
    "mostly",
    "only",
    "no",
    "any",
    "lots",
    "many",
}

_NUMBER_WORDS = (
    *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    *("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"),
    *("eighteen", "nineteen", "twenty"),
)

_STYLE_NAMES = {"default": "classic storybook"}


# --------------------------------------------------------------------------------------
# Small text helpers.


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _clean(text: str, max_words: int) -> str:
    """One-line user text, without bracketed asides or trailing punctuation, capped to
    ``max_words``; text that runs longer ends on a whole phrase, never on "the" or "and"."""
    words = _without_asides(text).split()
    longer = len(words) > max_words
    # A single enormous token would blow the page's character budget; nobody writes one.
    words = [w[:40] for w in words[:max_words]]
    if longer:
        commas = [i for i, w in enumerate(words) if w.endswith((",", ";")) and i >= max_words // 2]
        if commas:
            words = words[: commas[-1] + 1]
        while len(words) > 1 and words[-1].lower().strip(",;:") in _LOOSE_ENDS:
            words.pop()
    return " ".join(words).strip(" .,;:!?-")


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _lower_first(text: str) -> str:
    """Lowercases a leading article or ordinary word, keeping names and acronyms as typed."""
    first = text.split(" ", 1)[0]
    if (first == "A" or not first.isupper()) and first.lower() in _COMMON_LEADS:
        return text[:1].lower() + text[1:]
    return text


_COMMON_LEADS = {
    "a",
    "an",
    "the",
    "some",
    "my",
    "our",
    "this",
    "gentle",
    "funny",
    "brave",
    "cheerful",
    "happy",
    "calm",
    "warm",
    "silly",
    "spooky",
    "magical",
    "exciting",
    "cozy",
    "cosy",
    "whimsical",
    "heartwarming",
    "adventurous",
    "mysterious",
    "light",
    "lighthearted",
    "light-hearted",
    "playful",
    "sweet",
    "kind",
    "dark",
    "tense",
    "suspenseful",
    "dramatic",
    "hopeful",
    "sad",
    "bittersweet",
    "curious",
    "old",
    "little",
    "big",
    "small",
    "tiny",
    "quiet",
    "busy",
    "sunny",
    "snowy",
    "rainy",
    "shy",
    "bold",
    "clever",
    "smart",
    "loyal",
    "wise",
    "always",
    "very",
    "really",
    "loves",
    "likes",
    "enjoys",
    "tall",
    "short",
    "long",
    "curly",
    "red",
    "blue",
    "green",
    "yellow",
    "purple",
    "pink",
    "orange",
    "brown",
    "black",
    "white",
    "grey",
    "gray",
    "golden",
    "enchanted",
    "magic",
    "haunted",
    "faraway",
    "distant",
    "ancient",
    "wild",
    "bright",
}


def _article(word: str) -> str:
    lowered = word.lower()
    if lowered.startswith("one"):
        return "a"
    if (
        re.match(r"^(?:8|11|18|8\d)\b", lowered)
        or lowered[:1] in "aeio"
        or (lowered.startswith("u") and not lowered.startswith(("uni", "use", "usu")))
    ):
        return "an"
    return "a"


def _join_names(names: Sequence[str]) -> str:
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def _seed(brief: StoryBrief) -> int:
    # asdict + sorted JSON gives a stable serialisation; Python's hash() is salted per process.
    payload = json.dumps(dataclasses.asdict(brief), sort_keys=True, ensure_ascii=False)
    return int.from_bytes(hashlib.sha256(payload.encode("utf-8")).digest()[:8], "big")


def _setting_phrase(setting: str) -> str:
    phrase = _clean(setting, 12)
    # "in {setting}" must not become "in in the woods".
    phrase = re.sub(r"^(?:in|at|on|inside|within|into)\s+", "", phrase, flags=re.IGNORECASE)
    return _lower_first(phrase)


def _tone_phrase(tone: str) -> str:
    first_clause = re.split(r"[.;\n]", tone.strip())[0]
    phrase = _clean(first_clause, 4)
    return phrase[:1].lower() + phrase[1:] if phrase and not phrase.isupper() else phrase


def _title_case(text: str) -> str:
    small = {"a", "an", "the", "of", "by", "in", "on", "at", "and", "to", "for", "with", "from"}
    words = text.split()
    out = []
    for index, word in enumerate(words):
        if index and word.lower() in small:
            out.append(word.lower())
        elif word[:1].islower():
            out.append(word[:1].upper() + word[1:])
        else:
            out.append(word)
    return " ".join(out)


# --------------------------------------------------------------------------------------
# The story's tense. Pages are told in the past ("Mira found a shell"), while outlines and
# character notes are usually written in the present ("Mira finds a shell"); their words are
# retold in the past before they go on a page, so the narration never switches tense.

_IRREGULAR_PAST = {
    "awake": "awoke", "become": "became", "begin": "began", "bend": "bent", "bite": "bit",
    "bleed": "bled", "blow": "blew", "break": "broke", "bring": "brought", "build": "built",
    "buy": "bought", "catch": "caught", "choose": "chose", "cling": "clung", "come": "came",
    "creep": "crept", "cut": "cut", "dig": "dug", "draw": "drew", "drink": "drank",
    "drive": "drove", "eat": "ate", "fall": "fell", "feed": "fed", "feel": "felt",
    "fight": "fought", "find": "found", "flee": "fled", "fling": "flung", "fly": "flew",
    "forget": "forgot", "forgive": "forgave", "freeze": "froze", "get": "got", "give": "gave",
    "go": "went", "grow": "grew", "hang": "hung", "hear": "heard", "hide": "hid", "hit": "hit",
    "hold": "held", "hurt": "hurt", "keep": "kept", "kneel": "knelt", "know": "knew",
    "lay": "laid", "lead": "led", "leap": "leapt", "leave": "left", "lend": "lent", "let": "let",
    "light": "lit", "lose": "lost", "make": "made", "mean": "meant", "meet": "met",
    "overcome": "overcame", "pay": "paid", "put": "put", "read": "read", "rebuild": "rebuilt",
    "ride": "rode", "ring": "rang", "rise": "rose", "run": "ran", "say": "said", "see": "saw",
    "seek": "sought", "sell": "sold", "send": "sent", "set": "set", "shake": "shook",
    "shine": "shone", "shoot": "shot", "shut": "shut", "sing": "sang", "sink": "sank",
    "sit": "sat", "sleep": "slept", "slide": "slid", "speak": "spoke", "spend": "spent",
    "spin": "spun", "spread": "spread", "spring": "sprang", "stand": "stood", "steal": "stole",
    "stick": "stuck", "sting": "stung", "strike": "struck", "sweep": "swept", "swim": "swam",
    "swing": "swung", "take": "took", "teach": "taught", "tear": "tore", "tell": "told",
    "think": "thought", "throw": "threw", "understand": "understood", "undo": "undid",
    "wake": "woke", "wear": "wore", "weave": "wove", "weep": "wept", "win": "won",
    "write": "wrote",
}  # fmt: skip

# Regular verbs a picture-book outline is likely to use; unknown words are left as written.
_REGULAR_VERBS = _wordset("""
    add admire agree allow answer appear arrive ask bake balance bang bark beg believe belong
    blink borrow bounce bow brush bump bury call calm carry celebrate change chase chat cheer
    check chirp chop clap clean clear climb close collect comfort cook copy count crash crawl
    create cross crunch cry dance dare decide decorate defend deliver discover disappear dream
    dress drift drop dry dust earn enjoy enter escape explain explore fetch fill finish fix
    flap flash float flutter fold follow fry gasp gather giggle glide glow grab greet grin
    growl grumble guard guess guide hatch head help hop hope howl hug hum hunt hurry imagine
    invent invite join jog joke juggle jump kick kiss knit knock land laugh learn lift like
    listen live load look love manage march marry melt mend miss mix move need nod notice obey
    offer open order pack paddle paint pass pat peek peep pick plan plant play point pop pour
    practise practice pray prepare pretend promise protect pull purr push race rain reach
    realise realize receive remember repair reply rescue rest return roar rock roll row rub rush
    sail save scare scream search seem share shiver shout show sigh skate skip slip smell smile
    sneak sneeze sniff snore snuggle solve spill splash spot squeak stamp stare start stay step
    stir stop stretch stumble surprise swap talk tap test thank tickle tidy tiptoe touch
    track trade train travel trick trip trot trust try tug tumble turn twinkle twirl unlock
    use vanish visit wag wait walk wander want warm warn wash watch wave welcome whisper
    whistle wiggle wink wish wobble wonder work worry yawn yell zip zoom
    """)
# One-syllable verbs that double their last letter: "trip" -> "tripped".
_DOUBLING = _wordset("""
    beg bob chat chop clap dip drop grab grin hop hug hum jog knit nod pat peg pop rob rub
    skip slip spot step stir stop tap tip trip trot tug wag zip plan
    """)
# Auxiliaries and modals: (past, whom they agree with: "s" he/she/it, "p" they, "a" anyone).
_AUX_PAST: dict[str, tuple[str, str]] = {
    "is": ("was", "s"),
    "are": ("were", "p"),
    "am": ("was", "p"),
    "has": ("had", "s"),
    "have": ("had", "p"),
    "does": ("did", "s"),
    "do": ("did", "p"),
    "isn't": ("wasn't", "s"),
    "aren't": ("weren't", "p"),
    "hasn't": ("hadn't", "s"),
    "haven't": ("hadn't", "p"),
    "doesn't": ("didn't", "s"),
    "don't": ("didn't", "p"),
    "can": ("could", "a"),
    "can't": ("couldn't", "a"),
    "cannot": ("could not", "a"),
    "will": ("would", "a"),
    "won't": ("wouldn't", "a"),
    "may": ("might", "a"),
}
# "it's" and friends: the pronoun, then "was" (or "had" before a participle).
_CONTRACTED = _wordset("it's he's she's that's there's here's what's who's")
_CONTRACTED_PLURAL = {"they're": "they were", "we're": "we were", "you're": "you were"}
_PARTICIPLES = _wordset("""
    gone been got done seen lost found broken taken made left come become grown flown fallen
    forgotten given hidden stolen thrown written eaten shown known
    """)
_SUBJECTS_S = _wordset("""
    he she it everyone everybody someone somebody nobody anyone anybody everything something
    nothing one
    """)
_SUBJECTS_P = _wordset("they we i you")
_RELATIVES = _wordset("who which that")
_SUBORDINATORS = _wordset("""
    that which who when while because so until till before after if as though although where
    whenever once since whether how why what
    """)
_COORDINATORS = _wordset("and or but then")
_NOT_BEFORE_VERBS = _wordset("""
    a an the this these those my your his its our their her every each some any no another
    to of in on at by for with from into onto over under about across through around behind
    beside between near off up down past towards toward without inside outside along against
    among upon like than during will would can could should must may might shall did does do
    not him them us me very too more most less
    new old big little small tiny huge giant first last next best other own same whole great
    long short tall young happy sad good bad brave lost golden silver magic magical secret
    shiny special favourite favorite wooden red blue green yellow purple pink orange brown
    black white grey gray hidden precious glowing sparkly broken baby
    """)
_ADVERBS = _wordset("""
    also always never often sometimes still just soon finally even really nearly almost only
    usually first together already again
    """)


def _past_of(base: str) -> str:
    if base in _IRREGULAR_PAST:
        return _IRREGULAR_PAST[base]
    if base.endswith("e"):
        return base + "d"
    if base.endswith("y") and base[-2:-1] not in tuple("aeiou"):
        return base[:-1] + "ied"
    if base in _DOUBLING or base == "travel":
        return base + base[-1] + "ed"
    return base + "ed"


@functools.cache
def _verb_forms() -> dict[str, tuple[str, str]]:
    """Every present form the story retells, with its past and whom it agrees with."""
    forms: dict[str, tuple[str, str]] = {}
    for base in (*_IRREGULAR_PAST, *sorted(_REGULAR_VERBS)):
        past = _past_of(base)
        if past != base:
            forms[base] = (past, "p")
            forms[_third_person(base)] = (past, "s")
    forms.update(_AUX_PAST)
    return forms


@functools.cache
def _past_forms() -> frozenset[str]:
    """Words that are already a verb in the past: "found", "was", "could"."""
    pasts = {past for past, _ in _verb_forms().values()}
    return frozenset(pasts | {"was", "were", "had", "did", "could", "would", "might"})


_LY_NOUNS = _wordset("family belly jelly holly lily bully ally rally folly")


def _is_adverb(low: str) -> bool:
    if low in _ADVERBS:
        return True
    return low.endswith("ly") and len(low) > 4 and low not in _verb_forms() and low not in _LY_NOUNS


def _subject_kind(word: str, low: str) -> str:
    """What a word just before a verb says about its subject.

    "s" for one (he, Mira, the lamp), "p" for several (they, the boats), "a" when either
    fits (who, a comma closing "Mira, the keeper's daughter,"), "" when no subject can end
    there ("the", "to", "very").
    """
    if low in _SUBJECTS_S:
        return "s"
    if low in _SUBJECTS_P:
        return "p"
    if low in _RELATIVES or low == ",":
        return "a"
    if low in {"there", "here"}:
        return "there"
    if not word[:1].isalnum() or low in _NOT_BEFORE_VERBS or low in _SUBORDINATORS:
        return ""
    if low in _COORDINATORS:
        return ""
    if word[:1].isdigit() or word[:1].isupper():
        return "s"  # a name, or "number 3"
    if low in _verb_forms() or low in _past_forms():
        return ""
    return "p" if _is_plural(low) else "s"


def _told(text: str) -> tuple[str, int]:
    """``text`` retold in the past tense, and how many finite verbs it has.

    A word is taken for a verb only where a verb can stand: after its subject ("Mira
    finds", "the boats come", "who loves"), or sharing the subject of the verb before it
    ("climbs the stairs and solves"). Nouns that look like verbs ("the sack race", "for
    help", "new sails") stay as they are, and so does anything in quotation marks.
    """
    forms = _verb_forms()
    pasts = _past_forms()
    tokens = list(re.finditer(r"[A-Za-z0-9]+(?:['\u2019-][A-Za-z0-9]+)*|[^\sA-Za-z0-9]", text))
    changes: list[tuple[int, int, str]] = []
    finite = 0
    verb = False  # the current clause has its verb
    agree = ""  # what the clause's verb agreed with
    shared = False  # the next verb may share the last one's subject ("and solves")
    listing = False  # the subject is a list: "Ada and her brother"
    relative = False  # the clause is "who is scared of fire", before the main verb
    quoted = False
    opening = True  # at the start of a sentence
    prev = ("", "")  # the last word that is not an adverb, as written and lowercased
    for index, match in enumerate(tokens):
        word = match.group(0)
        low = word.lower().replace("\u2019", "'")
        if word in {'"', "\u201c", "\u201d"}:
            quoted = word == "\u201c" or (word == '"' and not quoted)
            continue
        if quoted:
            continue
        if word in {".", "!", "?"}:
            verb = shared = listing = relative = False
            opening, prev = True, ("", "")
            continue
        if low in {",", "and", "or", "but", "then"}:
            if low == "then" and not verb:
                continue  # "Then Mira finds": an adverb
            if verb:
                verb, shared, relative = False, True, False
            else:
                listing = True
            prev = (word, low)
            opening = False
            continue
        if (
            not word[:1].isalnum()
            or low in _SUBORDINATORS - {"that"}
            or (low == "that" and prev[1] not in _NOT_BEFORE_VERBS)
        ):
            # A new clause: "that the lamp has gone dark", "who loves the sea".
            relative = low in _RELATIVES and _subject_kind(*prev) in {"s", "p"}
            verb = shared = listing = False
            prev = (word, low) if low in _RELATIVES or word[:1].isalnum() else ("", "")
            opening = False
            continue
        if _is_adverb(low):
            continue
        capital_name = word[:1].isupper() and not opening
        if low in _CONTRACTED:
            head = word[:-2]
            following = tokens[index + 1].group(0).lower() if index + 1 < len(tokens) else ""
            aux = "had" if following in _PARTICIPLES or following.endswith("ed") else "was"
            changes.append((match.start(), match.end(), f"{head} {aux}"))
            verb, agree, finite = True, "s", finite + 1
        elif low in _CONTRACTED_PLURAL:
            told = _CONTRACTED_PLURAL[low]
            changes.append((match.start(), match.end(), word[:1] + told[1:]))
            verb, agree, finite = True, "p", finite + 1
        elif low in forms and not capital_name:
            past, kind = forms[low]
            subject = _subject_kind(*prev) if prev[1] else ""
            following = tokens[index + 1].group(0).lower() if index + 1 < len(tokens) else ""
            if kind == "s" and forms.get(following, ("", ""))[1] == "p":
                subject = ""  # "autumn leaves fall": a plural noun, then its verb
            after_and = prev[1] in _COORDINATORS or prev[1] == ","
            allowed = False
            if shared and after_and and not verb:
                allowed = kind == "a" or agree in {"a", kind}
            elif subject and (not verb or (relative and subject in {"s", "p"})):
                if low in _AUX_PAST and subject == "there":
                    allowed = True
                elif subject != "there":
                    allowed = kind == "a" or subject in {"a", kind} or (listing and kind == "p")
            if allowed:
                out = past if word[:1].islower() else _upper_first(past)
                changes.append((match.start(), match.end(), out))
                relative = relative and not verb
                verb, shared, finite = True, False, finite + 1
                agree = kind if kind != "a" else (subject if subject in {"s", "p"} else agree)
        elif (
            not verb
            and (low in pasts or (low.endswith("ed") and len(low) > 4))
            and _subject_kind(*prev)
        ):
            # Already told in the past: "The key was under her bucket".
            verb, agree, finite = True, "a", finite + 1
        prev = (word, low)
        opening = False
    out = text
    for start, end, new in reversed(changes):
        out = out[:start] + new + out[end:]
    return out, finite


def past_tense(text: str) -> str:
    """User text as the story tells it: in the past tense."""
    return _told(text)[0]


# --------------------------------------------------------------------------------------
# Characters.


@dataclass(frozen=True)
class _Person:
    brief: CharacterBrief
    name: str
    who: str  # "a seven-year-old girl", or "" when nothing is known
    look: tuple[str, ...]  # appearance and clothing fragments, as the user wrote them
    description: str
    traits: str
    personality: str
    background: str
    tag: str  # speech tag template with {name}
    said: str = ""  # "she" or "he" when only the outline tells

    @property
    def look_short(self) -> str:
        parts = [_clean(part, 6) for part in self.look] or (
            [_clean(self.description, 6)] if self.description else []
        )
        return ", ".join(p for p in parts if p)


def _animal_of(character: CharacterBrief) -> str | None:
    text = " ".join((character.name, character.description, character.physical_appearance)).lower()
    for animal in _ANIMALS:
        if re.search(rf"\b{animal}s?\b", text):
            return animal
    return None


def _who(character: CharacterBrief) -> str:
    animal = _animal_of(character)
    gender = character.gender.strip().lower()
    adult = character.age is not None and character.age >= 18
    if animal:
        noun = animal
    elif gender in {"female", "f", "girl", "woman", "she", "she/her", "lady"}:
        noun = "woman" if adult or gender in {"woman", "lady"} else "girl"
    elif gender in {"male", "m", "boy", "man", "he", "he/him"}:
        noun = "man" if adult or gender == "man" else "boy"
    elif gender:
        noun = "grown-up" if adult else "kid"
    else:
        # No gender given: the description may still say "a girl with curly red hair".
        words = character.description.split()
        kind = _kind_at(words)
        noun = words[kind].lower().strip(",.;:!?") if kind >= 0 else ""
        animal = noun if noun and noun not in _KIND_NOUNS else ""
    age_word = _age_word(character)
    if age_word and noun:
        return f"{_article(age_word)} {age_word}-year-old {noun}"
    if noun:
        return f"a little {noun}" if animal else f"{_article(noun)} {noun}"
    return ""


def _tag_for(character: CharacterBrief) -> str:
    words = set(re.findall(r"[a-z]+", f"{character.personality} {character.key_traits}".lower()))
    for keys, tag in _SPEECH_TAGS:
        if words.intersection(keys):
            return tag
    return "said {name}"


def _person(character: CharacterBrief) -> _Person:
    look = tuple(
        p
        for p in (_clean(character.physical_appearance, 14), _clean(character.clothing_style, 14))
        if p
    )
    return _Person(
        brief=character,
        name=" ".join(character.name.split()),
        who=_who(character),
        look=look,
        description=_clean(character.description, 20),
        traits=_clean(character.key_traits, 10),
        personality=_clean(character.personality, 10),
        background=_clean(character.background, 16),
        tag=_tag_for(character),
    )


# Words that say what someone is: "a girl with curly hair", "the town baker" has none.
_KIND_NOUNS = _wordset("""
    girl boy woman man lady kid child baby toddler teenager grandma grandpa granny grandad
    grandmother grandfather mother father mum mom dad sister brother aunt uncle princess prince
    queen king knight wizard witch pirate fairy elf giant friend
    """)
# Where the noun a description starts with ends: "a girl | with curly red hair".
_KIND_STOPS = _wordset("with who that which from of in on at and but whose called named")
# Body words: an appearance naming them is something a character has.
_BODY_WORDS = _wordset("""
    hair eyes eye beard moustache mustache glasses spectacles freckles ears ear tail fur
    feathers nose smile grin cheeks spots stripes whiskers paws wings horns teeth tooth skin
    scales braids plaits pigtails ponytail curls dimples face legs arms shell mane antennae
    hooves claws beak bun fringe bangs locks afro dreadlocks eyebrows lashes tummy belly wheels
    lights buttons screen antenna bolts trunk tusks fins gills
    """)
# Words for a whole body: an appearance starting with one is something a character is.
_STATURE = _wordset("""
    tall short small tiny little big huge round thin skinny slim chubby plump strong fluffy
    fuzzy furry scruffy spotty stripy stripey shaggy sleek wiry petite lanky
    """)


def _age_word(character: CharacterBrief) -> str:
    age = character.age
    if age is None or not 0 < age < 200:
        return ""
    return _NUMBER_WORDS[age] if age <= 20 else str(age)


def _kind_at(words: Sequence[str]) -> int:
    """Where the noun saying what someone is stands in ``words``, or -1."""
    for index, word in enumerate(words):
        low = word.lower().strip(",.;:!?")
        if low in _KIND_STOPS:
            break
        if low in _KIND_NOUNS or low in _ANIMALS or (index and _is_alive(low)):
            return index
    return -1


def _predicate(text: str) -> str:
    """A verb phrase retold in the past: "never gives up" -> "never gave up"."""
    return past_tense(f"It {text}")[3:]


def _verb_first(text: str) -> bool:
    """Whether ``text`` starts with a verb, perhaps after an adverb ("always asks why")."""
    words = [w.lower().strip(",.;:!?") for w in text.split()[:3]]
    while words and _is_adverb(words[0]):
        words.pop(0)
    return bool(words) and (words[0] in _verb_forms() or words[0] in _past_forms())


def _intro_noun_phrase(person: _Person) -> tuple[str, bool]:
    """Who a character is, as a noun phrase, and whether it comes from their description.

    The age joins the description's own noun: "a girl with curly red hair" for a nine-year-old
    becomes "a nine-year-old girl with curly red hair", never "a nine-year-old friend".
    """
    desc, name = person.description, person.name
    words = desc.split()
    phrase = ""
    if words and not desc.lower().startswith(name.lower()) and not _verb_first(desc):
        first = words[0].lower()
        if first in {"a", "an", "the"}:
            phrase = _lower_first(desc)
        elif first.endswith(("'s", "\u2019s")) or first in {"his", "her", "their"}:
            phrase = desc  # "Mira's best friend"
        elif _kind_at(words) >= 0:
            phrase = f"{_article(desc)} {_lower_first(desc)}"  # "tall girl" -> "a tall girl"
    if not phrase:
        return person.who, False
    age = _age_word(person.brief)
    parts = phrase.split()
    kind = _kind_at(parts)
    if age and kind > 0 and parts[0].lower() in {"a", "an"} and "year-old" not in phrase:
        middle = [*parts[1:kind], f"{age}-year-old", *parts[kind:]]
        phrase = " ".join([_article(middle[0]), *middle])
    return past_tense(f"It was {phrase}")[7:], True


def _clothing_phrase(person: _Person) -> tuple[str, bool]:
    """What a character wears ("a yellow raincoat"), and whether it names a garment."""
    clothing = _clean(person.brief.clothing_style, 14)
    garment = _GARMENTS.search(clothing)
    if not clothing or not garment:
        return _lower_first(clothing), False
    clothing = _lower_first(clothing)
    first = clothing.split(" ", 1)[0].lower()
    word = garment.group(0).lower()
    plural = word.endswith("s") or word in _PLURAL_GARMENTS
    if not plural and first not in _DETERMINERS and not first.isdigit():
        clothing = f"{_article(clothing)} {clothing}"
    return clothing, True


def _clothes_predicate(person: _Person, their: str) -> str:
    """ "always wore her yellow raincoat", or "liked to dress in a sporty style"."""
    clothing, garment = _clothing_phrase(person)
    if not clothing:
        return ""
    if _verb_first(clothing):
        return _predicate(clothing)  # "always wears a red cap"
    if not garment:
        style = clothing if clothing.lower().endswith("style") else f"{clothing} style"
        return f"liked to dress in {_article(style)} {style}"
    first, _, rest = clothing.partition(" ")
    if their and first.lower() in {"a", "an"} and rest:
        clothing = f"{their} {rest}"
    return f"always wore {clothing}"


def _look_predicate(person: _Person) -> str:
    """ "had curly red hair and freckles", "was tall, with a warm smile", or "" if unclear."""
    text = re.sub(r"^(?:has|had|with)\s+", "", _clean(person.brief.physical_appearance, 14))
    words = text.split()
    if not words:
        return ""
    lows = [w.lower().strip(",.;:") for w in words]
    if _verb_first(text):
        return _predicate(text)  # "wears round glasses"
    if lows[0] in _STATURE and (
        len(words) == 1 or words[0].endswith(",") or lows[1] in {"and", "but", "with"}
    ):
        return f"was {_lower_first(text)}"
    if set(lows) & _BODY_WORDS:
        return f"had {_lower_first(text)}"
    return ""


def _traits_predicate(person: _Person) -> str:
    """ "was brave and curious", "never gave up", or "" when the traits are not so simple."""
    text = person.traits
    if not text:
        return ""
    if _verb_first(text):
        return _predicate(text)
    items = [i for i in re.split(r"\s*[,;/]\s*|\s+and\s+", text.lower()) if i]
    if items and all(len(i.split()) == 1 for i in items):
        return f"was {_join_names(items)}"
    return ""


def _description_predicate(person: _Person) -> str:
    """A description that is not a noun phrase, as what the character did or was."""
    desc = person.description
    if not desc:
        return ""
    if _verb_first(desc):
        return _predicate(desc)  # "loves dinosaurs"
    return f"was {_lower_first(desc)}"  # "brave and kind", "from far away"


def _intro_options(story: _Story, person: _Person, named: bool) -> tuple[str, ...]:
    """How a character is introduced, from the fullest to the shortest, none said before.

    A character not yet named on the page is greeted ("Meet Mira, a nine-year-old girl.");
    one the page has already named is described instead ("Mira, a nine-year-old girl,
    always wore her yellow raincoat."), so nobody is met after they have appeared.
    """
    name = person.name
    they, _, their = _pronoun(person)
    subject = _upper_first(they) if they != "they" else name
    their = their if they != "they" else ""
    phrase, from_description = _intro_noun_phrase(person)
    age = _age_word(person.brief)
    details: dict[str, str] = {}
    if person.description.lower().startswith(name.lower()):
        details["description"] = past_tense(_upper_first(person.description) + ".")
    elif person.description and not from_description:
        details["description"] = f"{subject} {_description_predicate(person)}."
    young = person.brief.age is not None and person.brief.age < 18
    if age and "year-old" not in phrase and phrase and young:
        details["age"] = f"{subject} was {age} years old."
    look = _look_predicate(person)
    appearance = _clean(person.brief.physical_appearance, 14)
    if look:
        details["look"] = f"{subject} {look}."
    elif appearance:
        details["look"] = f"Anyone could spot {name}: {_lower_first(appearance)}."
    clothes = _clothes_predicate(person, their)
    if clothes:
        details["clothes"] = f"{subject} {clothes}."
    traits = _traits_predicate(person)
    if traits:
        details["traits"] = f"{subject} {traits}."
    elif person.traits:
        details["traits"] = f"What made {name} special: {_lower_first(person.traits)}."

    def told(lead: str, *keys: str) -> str:
        return " ".join([lead, *(details[k] for k in keys if k in details)]) if lead else ""

    every = ("description", "age", "look", "clothes", "traits")
    options: list[str] = []
    greetings = ("Meet", "Say hello to", "This is", "Here comes", "Along came")
    greet = f"{greetings[story.introductions % len(greetings)]} {name}"
    if named:
        lead = f"{name} was {phrase}." if phrase else ""
        if not phrase and age:
            lead = f"{name} was {age} years old."
        options += [
            told(lead, *every),
            told(lead, "look", "clothes", "traits"),
            told(lead, "look", "clothes"),
            told(f"{name}, {phrase}, {clothes}." if phrase and clothes else "", "look"),
            f"{name}, {phrase}, {clothes}." if phrase and clothes else "",
            f"{name} {clothes}." if clothes else "",
            f"{name} {look}." if look else "",
            lead,
        ]
        if not lead:
            # Nothing to say of who they are: what they look like opens the introduction.
            first = next((k for k in every if k in details), "")
            if first:
                opener = details[first]
                if opener.startswith(f"{subject} "):
                    opener = name + opener[len(subject) :]
                options.append(told(opener, *(k for k in every if k != first)))
    else:
        if phrase:
            lead = f"{greet}, {phrase}."
        elif age:
            lead = f"{greet}, who was {age} years old."
        else:
            lead = f"{greet}."
        # "a nine-year-old girl", "a little hedgehog": a glimpse, where "a girl" is none.
        glance = person.who if count_words(person.who) > 2 and person.who != phrase else ""
        short = f"{greet}, {glance}." if glance else lead
        glimpse = "clothes" if "clothes" in details else "look"
        options += [
            told(lead, *every),
            told(lead, "look", "clothes", "traits"),
            told(lead, "look", "clothes"),
            told(lead, glimpse),
            told(short, glimpse),
            lead,
            short,
            f"{greet}.",
        ]
    story.introductions += 1
    unique = [o for o in dict.fromkeys(options) if o and story.fresh(o)]
    # Longest first, as _fit expects; a named character may need no introduction at all.
    unique.sort(key=lambda o: -count_words(o))
    if unique or named:
        return tuple(unique)
    return (f"{greet}.",)


_PAST_LEADS = _wordset(
    """
    grew came was had lived moved met spent used found lost made built went ran left knew
    loved once always became began learned learnt arrived travelled traveled worked
    """
)


def _background_sentence(person: _Person) -> str:
    """A character's background, told as the story's own past: "Mira grew up in..."."""
    text = person.background
    first = text.split(" ", 1)[0].lower()
    if first in _PAST_LEADS or first.endswith("ed") or _verb_first(text):
        return f"{person.name} {_predicate(_lower_first(text))}."
    return f"{person.name} thought back to where it all began: {_lower_first(text)}."


def _personality_sentence(person: _Person) -> str:
    text = person.personality
    if not text:
        return ""
    first = text.split(" ", 1)[0].lower()
    if first in {"always", "often", "never", "usually", "sometimes"}:
        return f"{person.name} {_predicate(_lower_first(text))}, and today was no different."
    if _verb_first(text) or (first.endswith("s") and not first.endswith(("ous", "ss", "is", "us"))):
        # "loves jokes": a verb phrase, told in the story's past.
        return f"{person.name} {_predicate(_lower_first(text))}, and it showed."
    return f"{person.name} was {_lower_first(text)}, and it showed."


# What a character does on a page, from the words of their personality and key traits.
_TRAIT_ACTIONS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("why", "question", "questions", "asks"), ("{name} asked why, and then why again.",)),
    (
        ("clever", "smart", "brainy", "wise", "thoughtful"),
        ("{name} thought hard and had a clever idea.", "{name} spotted something nobody else had."),
    ),
    (
        ("curious", "inquisitive", "nosy"),
        (
            "{name} wanted to know everything about it.",
            "{name} poked a curious nose into every corner.",
        ),
    ),
    (
        ("brave", "bold", "fearless", "courageous", "daring"),
        (
            "[tense|trouble] {name} stepped forward bravely.",
            "{name} went first, as brave as a lion.",
        ),
    ),
    (
        ("kind", "caring", "gentle", "sweet", "loving"),
        ("{name} made sure everyone was all right.", "{name} shared a kind word with everyone."),
    ),
    (
        ("funny", "silly", "playful", "cheeky", "goofy", "jokes", "joker"),
        (
            "{name} pulled a silly face, and everyone giggled.",
            "{name} told a joke to cheer everyone up.",
        ),
    ),
    (("shy", "quiet", "timid"), ("{name} stayed close and watched quietly.",)),
    (
        ("cheerful", "happy", "sunny", "bubbly", "optimistic"),
        ("{name} kept everyone smiling.",),
    ),
    (
        ("energetic", "lively", "bouncy", "excitable"),
        ("{name} bounced on the spot, ready to go.",),
    ),
    (("grumpy", "stubborn", "cranky"), ("{name} grumbled a little, but helped anyway.",)),
    (("patient", "calm"), ("{name} said, calmly, that there was no need to hurry.",)),
    (
        ("never", "determined", "persistent"),
        ("[tense|trouble] {name} would not stop trying, not for anything.",),
    ),
)


def _trait_actions(person: _Person) -> list[str]:
    words = set(re.findall(r"[a-z]+", f"{person.personality} {person.traits}".lower()))
    lines: list[str] = []
    for keys, options in _TRAIT_ACTIONS:
        if words.intersection(keys):
            lines.extend(line.format(name=person.name) for line in options)
    return lines


# --------------------------------------------------------------------------------------
# Outline.


def _outline_segments(outline: str) -> list[str]:
    """The outline split into sentences, ready to retell in order.

    A very long sentence is split only where a whole clause follows ("..., and everyone
    cheers"), so every segment is a sentence of its own; it is never cut mid-phrase.
    """
    segments: list[str] = []
    for line in re.split(r"\n+", outline):
        line = re.sub(r"^\s*(?:[-*\u2022]+|\d+[.)]|[a-z][.)])\s+", "", line.strip())
        for sentence in re.split(r"(?<=[.!?])\s+", _without_asides(line)):
            sentence = " ".join(w[:40] for w in sentence.split())
            if not sentence:
                continue
            pieces = _clauses(sentence) if count_words(sentence) > 28 else [sentence]
            for piece in pieces:
                piece = piece.strip(" ,;:-")
                if re.search(r"\w", piece):
                    segments.append(piece)
    return [_upper_first(s) if s[-1] in ".!?" else _upper_first(s) + "." for s in segments]


# Where a long sentence may be split into two: a clause with its own subject follows.
_CLAUSE_JOINS = re.compile(r"(?:,|;)\s+(?:(and|but|so|then)\s+)?(?=\S)|\s+(but|so)\s+(?=\S)")
# Words a shortened clause may not end on: "the", "with", "and", "was".
_LOOSE_ENDS = (
    _COORDINATORS
    | _SUBORDINATORS
    | frozenset(_AUX_PAST)
    | _wordset("""
        the a an his her their my our its your this that these those on in at by near with
        under behind beside inside from to of for into onto over about across through around
        towards toward like than very
        not too every each some any no another will would can could should must may might
        is are am be been being was were had did
        """)
)


def _clauses(sentence: str) -> list[str]:
    """A long sentence as the whole clauses it joins: "..., and everyone cheers" splits off.

    Each part must have a subject and a verb of its own; otherwise the sentence stays whole.
    """
    parts: list[str] = []
    rest = sentence
    while True:
        for match in _CLAUSE_JOINS.finditer(rest):
            head, tail = rest[: match.start()], rest[match.end() :]
            joiner = (match.group(1) or match.group(2) or "").lower()
            first = tail.split(" ", 1)[0]
            starts = first.lower() in _SUBJECTS_S | _SUBJECTS_P | _DETERMINERS_NP or (
                first[:1].isupper()
            )
            if count_words(head) < 4 or count_words(tail) < 2 or not starts:
                continue
            if _told(head)[1] and _told(tail)[1] and head.split()[-1].lower() not in _LOOSE_ENDS:
                parts.append(head)
                rest = f"{_upper_first(joiner)} {tail}" if joiner in {"but", "so", "then"} else tail
                break
        else:
            parts.append(rest)
            return parts


def _without_asides(text: str) -> str:
    """Text without its bracketed asides: "Mira (age 9) finds" -> "Mira finds"."""
    text = re.sub(r"\s*[(\[][^()\[\]]*[)\]]", "", text)
    return re.sub(r"[()\[\]]", "", text)


# Commas around a short aside inside a sentence: "and, with her lantern, guides".
_INSERT = re.compile(
    r",\s+(?:with|in|on|at|by|after|for|from|under|over|through|across|during|without|"
    r"inside|near|holding|carrying|as always|of course|at last|slowly|quickly|together)"
    r"\b[^,.;!?]{0,40},\s+"
)
# "Mira, the lighthouse keeper's daughter, finds ...": a name, then who they are.
_APPOSITION = re.compile(
    r"^((?:[A-Z][\w'\u2019-]*\s?){1,3}),\s+(?:the|a|an|his|her|their|our|my)\b[^,.;!?]*,\s+"
)
_CUTS = _wordset("and but before after because when while until where who which")


def _retellings(segment: str) -> list[str]:
    """An outline sentence told in the story's past tense: whole, then shorter.

    Shorter tellings drop an aside ("the lighthouse keeper's daughter"), or stop at the end
    of a whole clause ("Mira found a lost whale calf in the bay."); none is ever cut off
    mid-phrase. Longest first.
    """
    plain = _INSERT.sub(" ", _APPOSITION.sub(r"\1 ", segment))
    plain = plain if _told(plain)[1] else segment
    found = [segment, plain]
    for text in (segment, plain):
        words = list(re.finditer(r"\S+", text))
        for index in range(4, len(words)):
            low = words[index].group(0).lower().strip('"')
            if low not in _CUTS and not words[index - 1].group(0).endswith((",", ";")):
                continue
            head = text[: words[index].start()].rstrip(" ,;:")
            last = head.split()[-1].lower().strip("\"'")
            if last in _LOOSE_ENDS or head.count('"') % 2 or not _told(head)[1]:
                continue
            if "," in head and not _told("It " + head.rsplit(",", 1)[1])[1]:
                continue  # it would end inside an aside: "and, with her lantern"
            found.append(head + ".")
    unique = list(dict.fromkeys(past_tense(_upper_first(t)) for t in found))
    return sorted(unique, key=lambda t: -count_words(t))


def _spread(items: int, pages: int) -> list[int]:
    """The page (1-based) each of ``items`` ordered items belongs on, first to last page."""
    if items == 0:
        return []
    if items <= pages:
        if items == 1:
            return [1]
        return [1 + round(i * (pages - 1) / (items - 1)) for i in range(items)]
    return [1 + (i * pages) // items for i in range(items)]


_THING_WORDS = (
    "egg",
    "map",
    "key",
    "treasure",
    "star",
    "crown",
    "lantern",
    "kite",
    "balloon",
    "book",
    "ring",
    "necklace",
    "locket",
    "compass",
    "bell",
    "crystal",
    "gem",
    "jewel",
    "shell",
    "feather",
    "seed",
    "flower",
    "cake",
    "hat",
    "letter",
    "note",
    "painting",
    "trophy",
    "wand",
    "sword",
    "shield",
    "scroll",
    "music box",
    "teddy",
    "toy",
    "ball",
    "cookie",
    "pearl",
    "acorn",
    "rocket",
    "clock",
    "medal",
    "quilt",
    "recipe",
    "blanket",
    "bracelet",
    "umbrella",
    "boot",
    "sock",
    "song",
)


_THING_MODIFIERS = {
    "stolen",
    "hidden",
    "precious",
    "cracked",
    "shimmering",
    "lost",
    "old",
    "magic",
    "magical",
    "golden",
    "silver",
    "secret",
    "shiny",
    "glowing",
    "tiny",
    "little",
    "giant",
    "big",
    "special",
    "missing",
    "baby",
    "dragon",
    "crystal",
    "enchanted",
    "ancient",
    "red",
    "blue",
    "green",
    "yellow",
    "purple",
    "pink",
    "orange",
    "white",
    "black",
    "rainbow",
    "wooden",
    "broken",
    "treasure",
    "birthday",
    "favourite",
    "favorite",
    "mysterious",
    "sparkly",
    "star",
    "moon",
    "sun",
    "music",
    "paper",
}


# --------------------------------------------------------------------------------------
# Reading the plot out of the outline: what is lost, broken, wished for, travelled to or
# feared, and what the outline itself offers as a clue.


@dataclass(frozen=True)
class _Token:
    text: str
    low: str

    @property
    def word(self) -> bool:
        return self.text[:1].isalnum()


@dataclass(frozen=True)
class _Plot:
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


_DETERMINERS_NP = _wordset("the a an his her their my our its your this that these those")
_NP_STOPS = _wordset("""
    in on at to from with into inside under behind near by for of and but or so because before
    after when while that which who whom whose where again all back away up down out off over
    across through around round today tonight yesterday tomorrow then too very is was are were
    be been being has have had do does did will would can could should must may might not no
    never just only also as than if until once every each he she they it we you i him them us
    me there here what why how some any again still even ever
    """)
_NOT_THINGS = _wordset("""
    everything something someone somebody everyone everybody nothing nobody anyone anybody one
    way day night time morning evening afternoon week year moment fun
    """)
_AUX = _wordset("is was are were has have had got gets get been be become becomes")
_INTENT = _wordset("""
    want wants wanted hope hopes hoped try tries tried decide decides decided need needs needed
    plan plans planned long longs longed promise promises promised wish wishes wished dream
    dreams dreamed dreamt mean means meant going determined has have must learn learns learned
    learnt set sets ready can't cannot learning trying hoping planning wanting deciding longing
    """)
_PLACE_PREPOSITIONS = _wordset("on in at by near with under behind beside inside from")
_BOUNDARY = _wordset("and but or so because before after when while until though although if then")

# Verbs that leave the thing lost, as "<thing> <verb>": the state, then how the story says it.
_LOST_PREDICATES: dict[str, tuple[str, str, str]] = {
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
_AWAY_VERBS = {
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
_LOSING_VERBS = _wordset("lose loses lost losing misplace misplaces misplaced drop drops dropped")
_STEALING_VERBS = _wordset(
    "steal steals stole stolen snatch snatches snatched pinch pinches pinched swipe swipes swiped"
)
_SEEKING_VERBS = _wordset(
    "look looks looking looked search searches searching searched hunt hunts hunting hunted"
)
_HIDDEN_HEADS = _wordset("treasure treasures gold chest")
_FRIEND_HEADS = _wordset("friend friends pal pals buddy")

# How a broken thing is: (state, how to fix it, how it is once fixed, title word).
_BROKEN_STATES: dict[str, tuple[str, str, str, str]] = {
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
_BREAKING_VERBS = {
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
_MENDING_VERBS = _wordset("""
    break breaks broke breaking crack cracks cracked tear tears tore rip rips ripped smash
    smashes smashed mend mends mended mending fix fixes fixed fixing repair repairs repaired
    repairing
    """)
_TURNING_VERBS = _wordset("gone went goes go turned turns turn grew grows")
# Colours and lights that a thing "goes": "the lamp has gone dark".
_SHADES = _wordset("out dark dim quiet silent cold grey gray flat dry")
_NEGATIONS = _wordset("won't wont can't cannot doesn't didn't couldn't wouldn't isn't wasn't")

# Journeys: verbs that always mean one, verbs that do after a wish ("wants to go to..."),
# and the title word each kind of trip gets.
_JOURNEY_VERBS: dict[str, str] = {
    **dict.fromkeys(_wordset("sail sails sailed sailing row rows rowed paddle paddles"), "Voyage"),
    **dict.fromkeys(_wordset("float floats floated swim swims swam"), "Voyage"),
    **dict.fromkeys(_wordset("fly flies flew flying zoom zooms zoomed rocket rockets"), "Flight"),
    **dict.fromkeys(_wordset("climb climbs climbed climbing"), "Climb"),
    **dict.fromkeys(
        _wordset("""
        travel travels travelled traveled travelling journey journeys journeyed voyage hike
        hikes hiked trek treks trekked venture ventures ventured
        """),
        "Journey",
    ),
}
_WEAK_JOURNEY_VERBS = _wordset("""
    go goes went walk walks walked ride rides rode run runs ran head heads headed get gets
    return returns returned race races raced drive drives drove march marches marched hurry
    hurries hurried reach visit explore cross
    """)
_REACHING_VERBS = _wordset("reach reaches reached visit visits visited explore explores explored")
_PARTICLES = _wordset("all the way back up down over across off out away right")
_NOT_PLACES = _wordset("bed sleep work it them him her")

# Things characters make or win, as "<name> builds a boat"; each form mapped to its base.
_MAKING_VERBS: dict[str, str] = {
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
_FEAR_WORDS = _wordset("afraid scared frightened terrified nervous worried shy anxious fearful")
_FEAR_LEADS = _wordset("is was are were feels felt gets got becomes became seems seemed")
_SOFTENERS = _wordset("so very really a bit little too quite terribly always still")
_CLUE_TRAILS = _wordset("trail track line path row string ribbon")
_CLUE_MARKS = _wordset("footprints pawprints prints tracks crumbs hoofprints feathers droppings")
_IRREGULAR_PLURALS = _wordset(
    "glasses scissors trousers jeans mice geese sheep people children teeth feet fish"
)
_SINGULAR_S = ("ss", "us", "is", "ous")

# Words that may describe a quest object in its title ("the Lost Golden Key").
_TITLE_MODIFIERS = _wordset("""
    old magic magical golden silver secret shiny glowing tiny little giant big special baby
    crystal enchanted ancient red blue green yellow purple pink orange white black rainbow
    wooden precious favourite favorite sparkly fluffy woolly cuddly brave
    """)


def _tokens(text: str) -> list[_Token]:
    text = text.replace("\u2019", "'")
    return [
        _Token(m.group(0), m.group(0).lower())
        for m in re.finditer(r"[A-Za-z0-9][A-Za-z0-9'-]*|[^\sA-Za-z0-9]", text)
    ]


def _is_plural(head: str) -> bool:
    head = head.lower()
    if head in _IRREGULAR_PLURALS:
        return True
    return head.endswith("s") and not head.endswith(_SINGULAR_S) and len(head) > 3


def _is_alive(head: str) -> bool:
    if head.lower() in {"teddy", "teddies", "robot", "robots", "toy", "toys"}:
        return False
    return character_look(CharacterBrief(name="x", description=f"a {head}")).animal is not None


def _np_after(
    tokens: Sequence[_Token], start: int, *, need_det: bool, allow_of: bool = False
) -> tuple[str, list[str]] | None:
    """The noun phrase starting at ``start``: its determiner (or "") and its words."""
    index, det = start, ""
    if index + 1 < len(tokens) and tokens[index].low in {"all", "both"}:
        index += 1  # "stole all the carrots"
    if index < len(tokens) and (
        tokens[index].low in _DETERMINERS_NP
        or (tokens[index].low.endswith("'s") and tokens[index].word)
    ):
        det = tokens[index].text
        index += 1
        if index < len(tokens) and tokens[index].low.endswith("'s") and det.lower() == "the":
            det = f"the {tokens[index].text}"  # "the queen's crown"
            index += 1
    elif need_det:
        return None
    words: list[str] = []
    limit = 6 if allow_of else 4
    while index < len(tokens) and len(words) < limit:
        token = tokens[index]
        if not token.word or token.low in _DETERMINERS_NP or token.low.endswith("'s"):
            break
        if token.low == "of" and allow_of and words and index + 1 < len(tokens):
            words.append("of")
            if tokens[index + 1].low in {"the", "a", "an"}:
                words.append(tokens[index + 1].low)
                index += 1
            index += 1
            continue
        if token.low in _NP_STOPS or (words and token.text[:1].isupper()):
            break
        words.append(token.text)
        index += 1
    while words and words[-1].lower() in _NP_STOPS | {"a", "an", "the"}:
        words.pop()
    if not words or words[-1].lower() in _NOT_THINGS:
        return None
    return det, words


def _np_before(tokens: Sequence[_Token], end: int) -> tuple[str, list[str]] | None:
    """The noun phrase that ends just before ``end``: its determiner (or "") and words."""
    index = end - 1
    while index >= 0 and tokens[index].low.endswith("ly") and tokens[index].low not in {"only"}:
        index -= 1  # "the hamster suddenly vanished"
    words: list[str] = []
    det = ""
    while index >= 0 and len(words) < 4:
        token = tokens[index]
        if not token.word:
            break
        if token.low in _DETERMINERS_NP or token.low.endswith("'s"):
            det = token.text
            if token.low.endswith("'s") and index and tokens[index - 1].low in {"the", "a"}:
                index -= 1
                det = f"{tokens[index].text.lower()} {det}"  # "the queen's crown"
            break
        if token.low in _NP_STOPS or token.low in _BOUNDARY:
            break
        words.insert(0, token.text)
        index -= 1
    if not words or words[-1].lower() in _NOT_THINGS:
        return None
    # "The old windmill on the hill has stopped": the windmill stopped, not the hill.
    if det and index >= 2 and tokens[index - 1].low in _PLACE_PREPOSITIONS:
        outer = _np_before(tokens, index - 1)
        if outer and outer[0]:
            return outer
    return det, words


def _own_words(people: Sequence[_Person]) -> set[str]:
    """Words that name a cast member or what they are ("Pip", "dog" for a dog called Pip)."""
    words: set[str] = set()
    for person in people:
        words.update(w.lower() for w in re.findall(r"[A-Za-z'-]+", person.name))
        animal = _animal_of(person.brief)
        if animal:
            words.update({animal, animal + "s"})
    return words


@dataclass(frozen=True)
class _Found:
    kind: str
    rank: tuple[int, int, int]  # segment, class, position: the smallest tells the story
    fields: dict[str, str]


def _thing_fields(det: str, words: Sequence[str], people: Sequence[_Person]) -> dict[str, str]:
    """The quest-object fields for a noun phrase, or {} when it names a cast member.

    A word saying the thing is lost ("the lost moon") is the plot's, not the thing's name.
    """
    said = ""
    if len(words) > 1 and words[0].lower() in {*_LOST_PREDICATES, "hidden", "runaway"}:
        said, words = words[0].lower(), words[1:]
    # "Tom's kite" is a thing even when Tom is in the cast; "Pip" or "the dog" is not.
    own = _own_words(people)
    if any(w.lower() in own for w in words):
        return {}
    head = words[-1]
    if head.lower() in _NP_STOPS or not head[:1].isalpha():
        return {}
    bare = " ".join(words)
    thing = f"{det} {bare}" if det.endswith("'s") else f"the {bare}"
    return {"thing": thing, "head": head.lower(), "bare": bare, "said": said}


def _title_thing(words: Sequence[str], adjective: str) -> str:
    kept = [w for w in words[:-1] if w.lower() in _TITLE_MODIFIERS]
    if not adjective:
        return _title_case(" ".join(words))
    return _title_case(" ".join([adjective, *kept, words[-1]]))


def _first_name(tokens: Sequence[_Token], people: Sequence[_Person]) -> str:
    """The cast member a segment names first."""
    names = {p.name.split()[0].lower(): p.name for p in people}
    for token in tokens:
        if token.low.removesuffix("'s") in names:
            return names[token.low.removesuffix("'s")]
    return ""


def _subject_before(tokens: Sequence[_Token], end: int, people: Sequence[_Person]) -> str:
    """The cast member named last before ``end`` in the segment (or by a pronoun)."""
    names = {p.name.split()[0].lower(): p.name for p in people}
    for index in range(end - 1, -1, -1):
        low = tokens[index].low.removesuffix("'s")
        if low in names:
            return names[low]
        if low in {"he", "she"}:
            for person in people:
                if _pronoun(person)[0] == low:
                    return person.name
    return ""


def _team(tokens: Sequence[_Token], end: int, people: Sequence[_Person]) -> str:
    """ "Sam and Nia" when the clause before ``end`` names more than one cast member."""
    names = {p.name.split()[0].lower(): p.name for p in people}
    found: list[str] = []
    for token in tokens[:end]:
        if not token.word and token.text in ".;:!?":
            found = []
        name = names.get(token.low.removesuffix("'s"))
        if name and name not in found:
            found.append(name)
    return _join_names(found) if len(found) > 1 else ""


def _phrase_until_boundary(
    tokens: Sequence[_Token], start: int, limit: int, *, clause: bool = False
) -> list[str]:
    """The words from ``start`` to the next boundary; with ``clause``, also before the next
    verb or relative word, so "scared of fire learns that..." is only "scared of fire"."""
    words: list[str] = []
    index = start
    while index < len(tokens) and len(words) < limit:
        token = tokens[index]
        if not token.word or token.low in _BOUNDARY:
            break
        if clause and words and (token.low in _verb_forms() or token.low in _RELATIVES):
            break
        words.append(token.text)
        index += 1
    while words and words[-1].lower() in _NP_STOPS | _DETERMINERS_NP:
        words.pop()
    return words


def _finds_in(tokens: Sequence[_Token], people: Sequence[_Person], seg: int) -> list[_Found]:
    """Every plot shape one outline segment suggests, each with where it was found."""
    found: list[_Found] = []

    def add(kind: str, klass: int, position: int, **fields: str) -> None:
        found.append(_Found(kind, (seg, klass, position), fields))

    count = len(tokens)
    for i, token in enumerate(tokens):
        low = token.low
        after = tokens[i + 1].low if i + 1 < count else ""
        before = tokens[i - 1].low if i else ""
        # Lost, as "<thing> has vanished" or "<thing> ran away".
        state: tuple[str, str, str] | None = None
        if low in _LOST_PREDICATES:
            lost_word = low == "lost" and before not in _AUX
            gone_to = low == "gone" and (before not in _AUX or (after and tokens[i + 1].word))
            described = low == "missing" and before not in _AUX | {"gone", "went", "goes"}
            if not (lost_word or gone_to or described):
                state = _LOST_PREDICATES[low]
        elif low in _AWAY_VERBS and after in {"away", "off"}:
            participle = _AWAY_VERBS[low]
            word = "away" if after == "away" else "off"
            state = (f"{participle} {word}", f"had {participle} {word}", "Runaway")
        if state:
            start = i
            while start > 0 and tokens[start - 1].low in _AUX | {"gone", "went", "goes", "been"}:
                start -= 1
            np = _np_before(tokens, start)
            if np:
                fields = _thing_fields(*np, people)
                fields.pop("said", "")
                if fields:
                    add("lost", 0, i, state=state[0], gone=state[1], adjective=state[2], **fields)
        # Lost, as "Mira loses her key", "someone stole the crown", "looking for the cat".
        seek_at = -1
        if low in _LOSING_VERBS or low in _STEALING_VERBS:
            seek_at = i + 1
        elif low in _SEEKING_VERBS and after == "for":
            seek_at = i + 2
        elif low in {"find", "finds"} and before in {"to", "can't", "cannot", "couldn't", "not"}:
            seek_at = i + 1
        if seek_at >= 0:
            np = _np_after(tokens, seek_at, need_det=True)
            if np and np[1][-1].lower() in _FRIEND_HEADS:
                goal = _phrase_until_boundary(tokens, seek_at - 1, 6)
                verb = "find" if low not in _LOSING_VERBS else "make"
                add("goal", 2, i, goal=" ".join([verb, *goal[1:]]))
            elif np:
                fields = _thing_fields(*np, people)
                if fields:
                    said = fields.pop("said")
                    if fields["head"] in _HIDDEN_HEADS:
                        lost = ("hidden", "{was} hidden somewhere", "Hidden")
                    elif said in _LOST_PREDICATES:
                        lost = _LOST_PREDICATES[said]
                    elif low in _STEALING_VERBS:
                        lost = ("stolen", "had been stolen", "Stolen")
                    elif low in _LOSING_VERBS:
                        lost = ("lost", "{was} lost", "Lost")
                    else:
                        lost = ("missing", "{was} missing", "Missing")
                    add("lost", 0, i, state=lost[0], gone=lost[1], adjective=lost[2], **fields)
        # Broken, as "the lamp has gone dark", "the kite is broken", "the clock stopped".
        broken: tuple[str, str, str, str] | None = None
        gone = ""
        start = i
        ends = not after or after in _BOUNDARY or not tokens[i + 1].word
        if low in _BROKEN_STATES and before in _TURNING_VERBS and ends:
            broken = _BROKEN_STATES[low]
            start = i - 1
            gone = f"had {'turned' if before.startswith('turn') else 'gone'} {low}"
        elif low in _BROKEN_STATES and before in _AUX | _FEAR_LEADS and low not in _SHADES:
            broken = _BROKEN_STATES[low]
            gone = "{was} " + broken[0]
        elif low in _BREAKING_VERBS and not (after in _DETERMINERS_NP or after.endswith("'s")):
            broken = _BROKEN_STATES[_BREAKING_VERBS[low]]
            gone = "{was} " + broken[0]
        elif low in {"stopped", "stops"} and after.endswith("ing") and len(after) > 4:
            broken = (f"not {after}", f"get {{it}} {after} again", f"{after} again", "")
            gone = f"had stopped {after}"
        elif low in _NEGATIONS and after in {"work", "start", "go"}:
            broken = ("not working", "get {it} working again", "working again", "")
            gone = "would not work"
        if broken is not None:
            while start > 0 and tokens[start - 1].low in _AUX | _TURNING_VERBS | {"been"}:
                start -= 1
            np = _np_before(tokens, start)
            fields = _thing_fields(*np, people) if np else {}
            if fields:
                add(
                    "broken",
                    0,
                    i,
                    state=broken[0],
                    fix=broken[1],
                    fixed=broken[2],
                    adjective=broken[3],
                    gone=gone,
                    **fields,
                )
        if low in _MENDING_VERBS:
            np = _np_after(tokens, i + 1, need_det=True)
            if np:
                fields = _thing_fields(*np, people)
                if fields:
                    details = _BROKEN_STATES["broken"]
                    add(
                        "broken",
                        0,
                        i,
                        state=details[0],
                        fix=details[1],
                        fixed=details[2],
                        adjective=details[3],
                        gone="{was} broken",
                        **fields,
                    )
        # Journeys: "sail to the moon", "wants to go to Grandma's", "find the way home".
        wished = before == "to" and i > 1 and tokens[i - 2].low in _INTENT
        if low in _JOURNEY_VERBS or (low in _WEAK_JOURNEY_VERBS and wished):
            trip = _JOURNEY_VERBS.get(low, "Journey")
            index = i + 1
            while index < count and tokens[index].low in _PARTICLES:
                index += 1
            place: str | None = None
            if index < count and tokens[index].low in {"to", "towards", "toward", "into"}:
                if index + 1 < count and tokens[index + 1].low in {"space", "home"}:
                    place = tokens[index + 1].low
                else:
                    np = _np_after(tokens, index + 1, need_det=False, allow_of=True)
                    if np and (np[0] or np[1][0][:1].isupper()):
                        place = " ".join([np[0], *np[1]]).strip()
                        if not np[0]:
                            place = " ".join(np[1])
            elif index < count and tokens[index].low == "home":
                place = "home"
            elif low in _REACHING_VERBS or low in {"climb", "climbs", "climbed", "cross"}:
                np = _np_after(tokens, i + 1, need_det=True, allow_of=True)
                if np and np[0].lower() in {"the", "a", "an"}:
                    place = "the " + " ".join(np[1])
            place_words = {w.lower() for w in (place or "").split()}
            ours = bool(_own_words(people) & place_words)
            if place and place.split()[-1].lower() not in _NOT_PLACES and not ours:
                goal = _phrase_until_boundary(tokens, i, 9)
                if goal and goal[0].lower() not in _JOURNEY_VERBS:
                    goal = []
                add(
                    "journey",
                    1,
                    i,
                    place=place,
                    trip=trip,
                    goal=_base_phrase(goal) if goal else "",
                )
        if low == "way" and after == "home":
            add("journey", 1, i, place="home", trip="Journey", goal="find the way home")
        # Wishes: "wants to win the sack race", "Mira builds a boat".
        if low == "to" and before in _INTENT and i + 1 < count and tokens[i + 1].word:
            words = _phrase_until_boundary(tokens, i + 1, 8)
            if words and words[0].lower() not in _NP_STOPS | _DETERMINERS_NP:
                if before in {"learn", "learns", "learned", "learnt", "learning"}:
                    words = ["learn", "to", *words]
                add("goal", 2, i, goal=_base_phrase(words), team=_team(tokens, i, people))
        if low in _MAKING_VERBS and (after in _DETERMINERS_NP or after.endswith("'s")):
            subject_word = before.removesuffix("'s")
            names = _own_words(people) | {"they", "he", "she", "we"}
            if subject_word in names:
                words = _phrase_until_boundary(tokens, i + 1, 7)
                if words:
                    made = " ".join([_MAKING_VERBS[low], *words])
                    add("goal", 2, i, goal=made, team=_team(tokens, i, people))
        # Fears: "Pip is afraid of the dark".
        if low in _FEAR_WORDS:
            lead = i - 1
            while lead >= 0 and tokens[lead].low in _SOFTENERS:
                lead -= 1
            if lead >= 0 and tokens[lead].low in _FEAR_LEADS:
                words = [token.text]
                if after in {"of", "about", "to"}:
                    rest = _phrase_until_boundary(tokens, i + 2, 6, clause=True)
                    if rest:
                        words += [after, *rest]
                who = _subject_before(tokens, lead, people)
                add("fear", 3, i, fear=" ".join(words).lower(), subject=who)
        if low in {"fears", "feared"}:
            np = _np_after(tokens, i + 1, need_det=False)
            if np:
                who = _subject_before(tokens, i, people)
                fear = " ".join(["afraid of", np[0], *np[1]]).replace("  ", " ").lower()
                add("fear", 3, i, fear=fear, subject=who)
    return found


_BASE_FORMS = {
    "goes": "go",
    "does": "do",
    "has": "have",
    "is": "be",
    "tries": "try",
    "flies": "fly",
    "cries": "cry",
}


def _base_verb(word: str) -> str:
    low = word.lower()
    if low in _BASE_FORMS:
        return _BASE_FORMS[low]
    if low.endswith(("ches", "shes", "sses", "xes", "zzes")):
        return low[:-2]
    if low.endswith("s") and not low.endswith("ss") and len(low) > 3:
        return low[:-1]
    return low


def _base_phrase(words: Sequence[str]) -> str:
    """A verb phrase with its first verb in the base form: "sails to the moon" -> "sail..."."""
    if not words:
        return ""
    return " ".join([_base_verb(words[0]), *words[1:]])


def _third_person(verb: str) -> str:
    irregular = {"be": "is", "have": "has", "do": "does", "go": "goes"}
    if verb in irregular:
        return irregular[verb]
    if verb.endswith(("ch", "sh", "ss", "x", "z", "o")):
        return verb + "es"
    if verb.endswith("y") and len(verb) > 2 and verb[-2] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


def _clue_in(segments: Sequence[str], thing: str) -> tuple[str, str]:
    """The outline's own clue ("the trail of sunflower seeds") and what it is made of."""
    for segment in segments:
        tokens = _tokens(segment)
        for i, token in enumerate(tokens):
            if token.low in _CLUE_TRAILS and i + 2 < len(tokens) and tokens[i + 1].low == "of":
                np = _np_after(tokens, i + 2, need_det=False)
                if np and not np[0]:
                    items = " ".join(np[1])
                    if items.lower() not in thing.lower():
                        adjectives = _adjectives_before(tokens, i)
                        return " ".join(["the", *adjectives, token.low, "of", items]), items
            if token.low in _CLUE_MARKS or (
                token.low == "prints" and i and tokens[i - 1].low in {"paw", "foot", "hoof"}
            ):
                words = [*_adjectives_before(tokens, i), token.low]
                if token.low == "prints":
                    words = [*_adjectives_before(tokens, i - 1), tokens[i - 1].low, "prints"]
                return " ".join(["the", *words]), " ".join(words)
    return "", ""


def _adjectives_before(tokens: Sequence[_Token], end: int) -> list[str]:
    words: list[str] = []
    index = end - 1
    while index >= 0 and len(words) < 2:
        token = tokens[index]
        if not token.word or token.low in _NP_STOPS or token.low in _DETERMINERS_NP:
            break
        if token.low in _SEEKING_VERBS or token.low.startswith("follow"):
            break
        words.insert(0, token.low)
        index -= 1
    return words


def _read_plot(segments: Sequence[str], people: Sequence[_Person]) -> _Plot | None:
    """The plot the outline describes, or None when it names no shape this writer knows."""
    found: list[_Found] = []
    for index, segment in enumerate(segments[:60]):
        found.extend(_finds_in(_tokens(segment), people, index))
    if not found:
        return None
    best = min(found, key=lambda f: f.rank)
    fields = best.fields
    premise = best.rank[0]
    subject = fields.get("subject", "")
    # The one who sets out to help, not the owner: "Grandma's glasses" are Ben's quest.
    owner = fields.get("thing", "").partition("'s")[0] if "'s" in fields.get("thing", "") else ""
    seekers = [p for p in people if p.name not in owner] or list(people)
    for segment in [segments[premise], *segments]:
        if subject:
            break
        subject = _first_name(_tokens(segment), seekers)
    if best.kind in {"lost", "broken"}:
        words = fields["bare"].split()
        head = fields["head"]
        clue, items = _clue_in(segments, fields["thing"]) if best.kind == "lost" else ("", "")
        return _Plot(
            kind=best.kind,
            thing=fields["thing"],
            head=head,
            alive=_is_alive(head),
            plural=_is_plural(head),
            gone=fields["gone"],
            state=fields["state"],
            fix=fields.get("fix", ""),
            fixed=fields.get("fixed", ""),
            title_thing=_title_thing(words, fields["adjective"]),
            clue=clue,
            items=items,
            subject=subject,
            premise=premise,
        )
    if best.kind == "journey":
        place = fields["place"]
        if place[:1].isupper() and place.split()[0].lower() in {"the", "a", "an"}:
            place = place[:1].lower() + place[1:]
        goal = fields["goal"] or f"get to {place}"
        return _Plot(
            kind="journey",
            place=place,
            trip=fields["trip"],
            goal=goal,
            subject=subject,
            premise=premise,
        )
    if best.kind == "goal":
        team = fields.get("team", "")
        return _Plot(kind="goal", goal=fields["goal"], subject=subject, premise=premise, team=team)
    return _Plot(kind="fear", fear=fields["fear"], subject=subject, premise=premise)


# --------------------------------------------------------------------------------------
# Page planning and fitting.


def _beats(pages: int, given: bool) -> list[tuple[str, ...]]:
    """The story arc scaled to ``pages`` content pages.

    When the outline brings its own ending (``given``), that ending shares the last page with
    the close of the story, so the climax on the page before can lead straight into it.
    """
    if pages == 1:
        return [("opening", "problem", "turn", "ending")]
    if pages == 2:
        return [("opening", "problem"), ("turn", "resolution", "ending")]
    if pages == 3:
        return [("opening", "problem"), ("attempt", "turn"), ("resolution", "ending")]
    if pages == 4:
        return [("opening",), ("problem",), ("attempt", "turn"), ("resolution", "ending")]
    if given:
        middle = [("attempt",)] * (pages - 4)
        return [("opening",), ("problem",), *middle, ("turn",), ("resolution", "ending")]
    if pages == 5:
        return [("opening",), ("problem",), ("attempt",), ("turn",), ("resolution", "ending")]
    middle = [("attempt",)] * (pages - 5)
    return [("opening",), ("problem",), *middle, ("turn",), ("resolution",), ("ending",)]


def _placement(count: int, pages: int, premise: int, problem_page: int) -> list[int]:
    """The page of each outline segment: in order, first on the first page, last on the last.

    The segment that tells the trouble lands on the page where the trouble starts, so the
    story around it reacts to it rather than announcing it a second time.
    """
    if premise <= 0 or premise * 2 > count or problem_page <= 1 or count < 3:
        return _spread(count, pages)
    left = _spread(premise + 1, problem_page)
    right = [problem_page - 1 + p for p in _spread(count - premise, pages - problem_page + 1)]
    return left + right[1:]


@dataclass
class _Bit:
    order: float
    priority: int
    options: tuple[str, ...]
    greets: bool = False  # a greeting ("Meet Mira"): no filler may come before it


# Where introductions sit on a page: after its first lines of time and place.
_INTRO_ORDER = 0.7


class _Fillers:
    """Scenery lines for topping up a short page; each is used at most once per story.

    Each pool gives a page only its share (one line of place colour, one of genre colour...)
    so a page never reads as a list of scenery; only a page still short takes more.
    """

    def __init__(self, story: _Story, pools: Sequence[tuple[int, Sequence[str]]]) -> None:
        self.story = story
        self.pools: list[tuple[int, list[str]]] = []
        for share, pool in pools:
            items = list(dict.fromkeys(pool))
            story.rng.shuffle(items)
            self.pools.append((share, items))

    def take(self, room: int, page: set[str], values: dict[str, str]) -> str | None:
        """A fresh line of at most ``room`` words; a used one only when all are spent.

        Lines whose wording has not been used yet come first, so that "All was quiet near
        the pond" and "All was quiet near the barn" do not follow each other page after page.
        """
        story = self.story
        for capped, fresh in ((True, True), (False, True), (False, False)):
            for share, templates in self.pools:
                lines = [(t, story.fill(t, values)) for t in templates]
                if capped and sum(story.key(x) in page for _, x in lines if x) >= share:
                    continue
                lines.sort(key=lambda pair: pair[0] in story.templates)
                for template, line in lines:
                    if not line or count_words(line) > room or story.key(line) in page:
                        continue
                    if not fresh or story.fresh(line):
                        story.templates.add(template)
                        return line
        return None


def _fit(
    bits: Sequence[_Bit],
    low: int,
    high: int,
    more: Callable[[int, set[str]], str | None],
    keys: Callable[[str], set[str]],
) -> str:
    """Choose sentences until the page sits inside [low, high] words.

    Core sentences (priority below 5) come first, each in its shortest form, so a crowded
    page still carries the whole plot; then they grow one step at a time, in turn, so no
    single long introduction starves the rest. Optional colour follows the same way up to
    a softer target, so pages do not all crowd the maximum. ``more`` tops up a short page.
    """
    target = low + (high - low) * 3 // 4
    level: dict[int, int] = {}  # chosen option per bit; options run longest to shortest
    used = chars = 0
    ranked = sorted(range(len(bits)), key=lambda i: (bits[i].priority, i))
    for optional in (False, True):
        group = [i for i in ranked if (bits[i].priority >= 5) == optional]
        limit = target if optional else high
        for index in group:
            option = bits[index].options[-1]
            words = count_words(option)
            if words and used + words <= limit and chars + len(option) + 1 <= _MAX_PAGE_CHARS:
                level[index] = len(bits[index].options) - 1
                used += words
                chars += len(option) + 1
        growing = [i for i in group if i in level and level[i] > 0]
        while growing:
            still: list[int] = []
            for index in growing:
                options = bits[index].options
                current, longer = options[level[index]], options[level[index] - 1]
                extra_words = count_words(longer) - count_words(current)
                extra_chars = len(longer) - len(current)
                if used + extra_words <= limit and chars + extra_chars <= _MAX_PAGE_CHARS:
                    level[index] -= 1
                    used += extra_words
                    chars += extra_chars
                    if level[index] > 0:
                        still.append(index)
            growing = still
    chosen = {index: bits[index].options[option] for index, option in level.items()}
    picked = sorted(chosen, key=lambda i: (bits[i].order, i))
    ordered = [chosen[i] for i in picked]
    on_page = {key for sentence in ordered for key in keys(sentence)}
    extra: list[str] = []
    while used < low:
        filler = more(high - used, on_page)
        if filler is None:
            break
        extra.append(filler)
        on_page.update(keys(filler))
        used += count_words(filler)
    # Fillers sit between the chosen sentences, so each page still ends on its own beat,
    # and after any greeting, so a filler never names someone before they are met.
    first = max((p for p, i in enumerate(picked) if bits[i].greets), default=0)
    slots = max(1, len(ordered) - 1 - first)
    merged: list[str] = []
    for position, sentence in enumerate(ordered):
        merged.append(sentence)
        if first <= position < first + slots:
            merged.extend(extra[position - first :: slots])
    if not ordered:
        merged = extra
    # Whole sentences only: a page is never cut off mid-sentence, even when a mandatory
    # sentence was enormous; the last sentences give way instead.
    sentences = _sentences(" ".join(merged))
    while len(sentences) > 1 and count_words(" ".join(sentences)) > high:
        sentences.pop()
    return " ".join(sentences)


def _sentences(text: str) -> list[str]:
    """A page's sentences; a quotation stays whole with its speech tag."""
    return [s for s in re.split(r"(?<=[.!?])[\"\u201d]?\s+(?=[A-Z\"\u201c])", text) if s]


def _norm(sentence: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", sentence.lower()))


# --------------------------------------------------------------------------------------
# The story being written: its plot, its cast, and the lines already used.


@dataclass
class _Story:
    brief: StoryBrief
    kit: _Kit
    place: _Place
    rng: random.Random
    people: list[_Person]
    setting: str  # as the user wrote it: "a primary school"
    tone: str
    plot: _Plot
    stock: tuple[str, str, str]
    given: bool  # the outline brings its own ending
    flags: frozenset[str]
    segments: list[str]
    theme: str
    seen: set[str] = dataclasses.field(default_factory=set)
    templates: set[str] = dataclasses.field(default_factory=set)
    introductions: int = 0
    cache: dict[str, str] = dataclasses.field(default_factory=dict)
    uses: collections.Counter[str] = dataclasses.field(default_factory=collections.Counter)

    def names(self, cast: Sequence[_Person]) -> str:
        return _join_names([p.name for p in cast]) if cast else self.place.folk

    def key(self, sentence: str) -> str:
        """A sentence as repeats are judged: names count as the same word."""
        known = self.cache.get(sentence)
        if known is None:
            text = sentence
            for person in sorted(self.people, key=lambda p: -len(p.name)):
                text = text.replace(person.name, "someone")
            known = self.cache[sentence] = _norm(text)
        return known

    def keys(self, text: str) -> set[str]:
        """The keys of a text's sentences, and of what is said inside its quotation marks."""
        keys = set()
        for sentence in _sentences(text):
            keys.add(self.key(sentence))
            quoted = re.match(r'^"([^"]+)"', sentence)
            keys.add(self.key(quoted.group(1).rstrip(",")) if quoted else "")
        keys.discard("")
        return keys

    def fresh(self, text: str, page: set[str] | None = None) -> bool:
        keys = self.keys(text)
        return not any(k in self.seen or (page is not None and k in page) for k in keys)

    def remember(self, text: str) -> None:
        self.seen.update(self.keys(text))

    def fill(
        self,
        template: str,
        values: dict[str, str],
        flags: frozenset[str] = frozenset(),
        *,
        capital: bool = True,
    ) -> str:
        """``template`` filled in, or "" when its tags or placeholders do not fit."""
        body = _tagged(template, self.flags | flags | _page_flags(values))
        if body is None:
            return ""
        body = body.replace("In {setting}", "{In_setting}").replace("in {setting}", "{in_setting}")
        body = body.replace("a {tone}", "{a_tone}").replace("A {tone}", "{A_tone}")
        fields = _fields(body)
        if fields is None or any(not values.get(f) for f in fields):
            return ""
        text = body.format_map(values)
        return _upper_first(text) if capital else text

    def choose(
        self,
        pools: Sequence[Sequence[str]],
        values: dict[str, str],
        flags: frozenset[str] = frozenset(),
        page: set[str] | None = None,
        *,
        capital: bool = True,
    ) -> str:
        """A fresh line from the pools (the first pool with one wins), or "".

        Lines not yet used in the story come first, then the least used; a used one comes
        back only when the page's place or cast makes it say something new.
        """
        for pool in pools:
            options = list(pool)
            self.rng.shuffle(options)
            options.sort(key=lambda t: self.uses[t])
            for template in options:
                line = self.fill(template, values, flags, capital=capital)
                if line and self.fresh(line, page):
                    self.templates.add(template)
                    self.uses[template] += 1
                    return line
        return ""


@functools.lru_cache(maxsize=4096)
def _fields(template: str) -> tuple[str, ...] | None:
    """The placeholders a template needs, or None when it is not a valid template."""
    try:
        return tuple(f for _, f, _, _ in string.Formatter().parse(template) if f)
    except ValueError:
        return None


def _page_flags(values: dict[str, str]) -> frozenset[str]:
    return frozenset(values.get("_flags", "").split())


def _tagged(template: str, flags: frozenset[str]) -> str | None:
    """The text of a tagged line when its tags match ``flags``, else None."""
    if not template.startswith("["):
        return template
    end = template.index("]")
    for tag in template[1:end].split():
        if not flags.intersection(tag.split("|")):
            return None
    return template[end + 1 :].lstrip()


def _pronoun(person: _Person) -> tuple[str, str, str]:
    """Subject, object and possessive pronouns; "they" unless the brief says otherwise."""
    if person.said == "she":
        return ("she", "her", "her")
    if person.said == "he":
        return ("he", "him", "his")
    gender = person.brief.gender.strip().lower()
    text = f" {person.name} {person.who} {person.description} ".lower()
    if gender in {"female", "f", "girl", "woman", "she", "she/her", "lady"} or re.search(
        r"\b(?:girl|woman|lady|mother|mum|mom|grandma|granny|queen|princess|sister|aunt)\b", text
    ):
        return ("she", "her", "her")
    if gender in {"male", "m", "boy", "man", "he", "he/him"} or re.search(
        r"\b(?:boy|man|father|dad|grandpa|grandad|king|prince|brother|uncle)\b", text
    ):
        return ("he", "him", "his")
    return ("they", "them", "their")


def _pronouns_from(segments: Sequence[str], people: list[_Person]) -> list[_Person]:
    """People whose brief leaves "he" or "she" open, told as the outline tells them.

    A sentence naming one character, followed by one that begins "She", is about a girl:
    "Zara is learning to ride. She keeps wobbling."
    """
    out: list[_Person] = []
    for person in people:
        said = ""
        if _pronoun(person)[0] == "they" and not person.brief.gender.strip():
            for segment, following in itertools.pairwise(segments):
                words = set(re.findall(r"[a-z']+", segment.lower()))
                named = [p for p in people if p.name.split()[0].lower() in words]
                lead = following.split(" ", 1)[0].lower()
                if named == [person] and lead in {"she", "he"}:
                    said = lead
                    break
        out.append(dataclasses.replace(person, said=said) if said else person)
    return out


def _in(setting: str) -> str:
    """The preposition a setting takes: "in a primary school", "on the village green"."""
    words = re.split(r"\s+(?:by|with|near|of|in|on|at|under|beside|behind)\s+", setting)[0]
    head = words.split()[-1].lower() if words.split() else ""
    onto = {
        "green", "beach", "island", "hill", "hilltop", "mountain", "mountainside", "farm",
        "ship", "boat", "moon", "planet", "shore", "coast", "field", "common", "street",
        "road", "ice", "rooftop", "roof", "train", "bus", "plane", "spaceship", "raft",
        "cliff", "riverbank", "pier", "jetty", "lawn", "prairie", "plain", "plains",
    }  # fmt: skip
    planets = {"mars", "venus", "jupiter", "saturn", "mercury", "neptune", "uranus", "pluto"}
    if head in onto or setting.lower() in planets or setting.lower() == "the moon":
        return f"on {setting}"
    return f"in {setting}"


def _definite(setting: str) -> str:
    """The setting once the story has named it: "a primary school" -> "the primary school"."""
    first, _, rest = setting.partition(" ")
    if first.lower() in {"a", "an"} and rest:
        return "the " + rest
    return setting


def _cast_plan(
    pages: int, people: Sequence[_Person], lead: int, named: dict[int, int]
) -> tuple[list[list[int]], dict[int, int]]:
    """Which characters (by index) are on each page, and the page each is introduced on.

    The character the plot is about (``lead``) stays on every page once introduced, and
    anyone the outline names is introduced no later than the page that names them.
    """
    count = len(people)
    if not count:
        return [[] for _ in range(pages)], {}
    early = max(1, (pages + 1) // 2)
    intro = {0: 1}
    for index in range(1, count):
        intro[index] = 1 if pages <= 2 else min(early, 1 + (index * early) // count)
        if index in named:
            intro[index] = min(intro[index], named[index])
    beats = _beats(pages, False)
    casts: list[list[int]] = []
    for page in range(1, pages + 1):
        page_beats = beats[page - 1]
        big = page == pages or "turn" in page_beats or pages <= 2
        members = [0]
        for index in range(1, count):
            if intro[index] > page:
                continue
            rotating = (page + index) % 2 == 0 or count <= 2
            if intro[index] == page or big or rotating or index == lead:
                members.append(index)
        casts.append(members)
    # On long stories with big casts, keep middle pages readable (and drawable).
    for page, members in enumerate(casts, start=1):
        if len(members) > 4 and page != pages:
            newcomers = [m for m in members if intro[m] == page]
            keep = [0, *newcomers]
            if lead in members and lead not in keep:
                keep.append(lead)
            for m in members:
                if len(keep) >= max(4, len(newcomers) + 1):
                    break
                if m not in keep:
                    keep.append(m)
            casts[page - 1] = sorted(keep)
    return casts, intro


def _time_of_day(page: int, pages: int, genre_kit: _Kit, theme: str) -> str:
    if theme == "space":
        return "among the stars"
    spooky = genre_kit is _KITS["horror"]
    if pages == 1:
        return "at dusk" if spooky else "in the golden afternoon"
    frac = (page - 1) / (pages - 1)
    if spooky:
        return "at dusk" if frac < 0.4 else "at night, under a round moon"
    if frac < 0.2:
        return "in the morning light"
    if frac < 0.45:
        return "at midday"
    if frac < 0.7:
        return "in the golden afternoon"
    if frac < 0.95:
        return "at sunset"
    return "at night, by lantern light"


# When a page happens at the same time of day as the one before, time still moves on.
_LATER = ("A little later", "Soon", "After a while", "Before long", "Not long after")


def _style_name(image_style: str) -> str:
    style = " ".join(image_style.split()) or "Default"
    return _STYLE_NAMES.get(style.lower(), style.lower()) + " style"


def _picture_description(
    story: _Story,
    cast: Sequence[_Person],
    action: str,
    spot: str,
    when: str,
) -> str:
    brief = story.brief
    who = []
    for person in cast:
        detail = ", ".join(x for x in (person.who, person.look_short) if x)
        who.append(f"{person.name} ({detail})" if detail else person.name)
    subject = _join_names(who) if who else story.place.folk
    style = _style_name(brief.image_style)
    where = f"in {story.setting}" if spot in action else f"near {spot} in {story.setting}"
    return (
        f"Picture-book illustration in {style}: {subject} {action}, {where}, {when}. "
        f"Warm, friendly and child-safe; keep the "
        f"{brief.text_position} area calm and uncluttered for the text."
    )


# What each page's picture shows, by beat; the first line whose tags fit is used.
_ACTIONS: dict[str, tuple[str, ...]] = {
    "opening": ("setting off happily to explore",),
    "problem": (
        "[search] looking surprised and worried, searching for {thing}",
        "[broken] looking sadly at {thing}",
        "[journey] gazing towards {place}, full of longing",
        "[goal] looking determined, with a big wish",
        "[fear] looking a little nervous, holding on tight",
    ),
    "turn": (
        "[given cast] tiptoeing closer, holding their breath",
        "[given] waiting, hushed and hopeful",
        "[search] discovering {thing}, faces lit up with joy",
        "[broken] cheering as {thing} is fixed",
        "[journey] arriving at {place}, full of wonder",
        "celebrating a big, brave moment",
    ),
    "resolution": (
        "[lost alive] smiling with relief beside {thing}",
        "[search] carrying {thing} back together, smiling",
        "[broken] cheering beside {thing}",
        "celebrating together, smiling",
    ),
    "ending": ("celebrating together, cosy and happy",),
}


def _gesture(story: _Story, person: _Person, values: dict[str, str], page: set[str]) -> str:
    animal = character_look(person.brief).animal
    own_kind = next((g for a, g in _GESTURES if a == animal), _CREATURE_GESTURES)
    pool = (own_kind if animal else ()) + _PLAIN_GESTURES
    kind = " animal" if animal else " human"
    own = dict(values, pos=_pronoun(person)[2], _flags=values["_flags"] + kind)
    options = list(pool)
    story.rng.shuffle(options)
    for template in options:
        body = story.fill(template, own)
        line = f"{person.name} {body[:1].lower()}{body[1:]}." if body else ""
        if line and story.fresh(line, page):
            return line
    return ""


def _quote(line: str, tag: str) -> str:
    """Dialogue with its tag: a closing full stop inside the quote becomes a comma."""
    if line.endswith(".") and not line.endswith(".."):
        line = line[:-1] + ","
    if line.endswith("?") and tag.startswith("said "):
        tag = "asked " + tag[5:]
    return f'"{line}" {tag}.'


def _speech_tag(person: _Person, beat: str, turn: int) -> str:
    # Manner tags fit cheerful moments; trouble and suspense are told plainly, and plain tags
    # break the rhythm of one manner on every line.
    if beat in {"problem", "turn"} or turn % 2:
        return "said {name}"
    return person.tag


def _values(
    story: _Story, cast: Sequence[_Person], when: str, spots: Sequence[str]
) -> dict[str, str]:
    """Everything a line may name on one page; "_flags" carries the page's own tags."""
    plot, rng = story.plot, story.rng
    lead = next((p for p in cast if p.name == plot.subject), cast[0] if cast else None)
    group = len(cast) != 1
    they, them, their = ("they", "them", "their") if group else _pronoun(cast[0])
    sub_they, _, sub_their = _pronoun(lead) if lead else ("they", "them", "their")
    thing_verb = "were" if plot.plural else "was"
    it = "them" if plot.plural else "it"
    doer = rng.choice(cast).name if cast and rng.random() < 0.5 else story.names(cast)
    setting = _definite(story.setting)
    place = plot.place
    flags = ["group" if len(cast) > 1 else "solo" if cast else "nocast"]
    if cast:
        flags.append("cast")
    return {
        "_flags": " ".join(flags),
        "All": story.names(cast),
        "were": "was" if len(cast) == 1 else "were",
        "Hero": lead.name if lead else story.place.folk,
        "Sub": lead.name if lead else story.place.folk,
        "Who": doer,
        "they": they,
        "They": _upper_first(they),
        "them": them,
        "their": their,
        "Their": _upper_first(their),
        "sub_they": sub_they,
        "sub_their": sub_their,
        "sub_was": "were" if sub_they == "they" else "was",
        "thing": plot.thing,
        "Thing": _upper_first(plot.thing),
        "was": thing_verb,
        "is": "are" if plot.plural else "is",
        "it": it,
        "it_s": "they" if plot.plural else "it",
        "its": "their" if plot.plural else "its",
        "gone": plot.gone.format(was=thing_verb),
        "state": plot.state,
        "fix": plot.fix.format(it=it, its="their" if plot.plural else "its"),
        "fixed": plot.fixed,
        "the_clue": plot.clue,
        "The_clue": _upper_first(plot.clue),
        "items": plot.items,
        "place": place,
        "place_was": "were" if place and _is_plural(place.split()[-1]) else "was",
        "Place": _upper_first(place),
        "goal": plot.goal,
        "goal_do": plot.goal.removeprefix("learn to "),
        "fear": plot.fear,
        "setting": setting,
        "Setting": _upper_first(setting),
        "in_setting": _in(setting),
        "In_setting": _upper_first(_in(setting)),
        "tone": story.tone,
        "a_tone": f"{_article(story.tone)} {story.tone}",
        "A_tone": f"{_article(story.tone).title()} {story.tone}",
        "spot": spots[0],
        "spot2": spots[1],
        "When": when,
        "folk": story.place.folk,
    }


def _mood_pools(story: _Story) -> list[tuple[int, tuple[str, ...]]]:
    """Scenery pools with each one's share of a page."""
    head = story.plot.head
    pools: list[tuple[int, tuple[str, ...]]] = []
    style = story.brief.writing_style.lower()
    if "rhym" in style or "poem" in style or "poetic" in style or "lyric" in style:
        pools.append(
            (
                1,
                (
                    "Tip and tap, the day went round; little wonders could be found.",
                    "Step by step and side by side, hope became their trusty guide.",
                ),
            )
        )
    shares = ((1, story.place.moods), (1, story.kit.moods), (2, _GENERIC_MOODS))
    for share, pool in (*shares, (1, _SPOT_MOODS), (1, _TINY_MOODS)):
        # A missing hamster must not be seen running on its wheel in the scenery.
        pools.append((share, tuple(m for m in pool if not head or head not in m.lower())))
    return pools


def _page_bits(
    story: _Story,
    page: int,
    beats: Sequence[str],
    cast: Sequence[_Person],
    newcomers: Sequence[_Person],
    outline: Sequence[tuple[int, str]],
    values: dict[str, str],
    follow: str,
    high: int,
) -> tuple[list[_Bit], str]:
    """The candidate sentences for one page in reading order, plus the picture's action.

    Reading order: when and where we are, introductions, the outline's own words, what
    happens (each beat, then talk and small gestures), and the page's closing line.
    """
    kit, plot, rng = story.kit, story.plot, story.rng
    bits: list[_Bit] = []
    page_keys: set[str] = set()
    last = bool(outline) and outline[-1][0] == len(story.segments) - 1
    # The page that tells the trouble in the outline's words: talk and setup follow it.
    premise_here = any(number == plot.premise for number, _ in outline)

    def add(priority: int, order: float, *options: str) -> None:
        kept = tuple(o for o in options if o)
        if kept:
            bits.append(_Bit(order, priority, kept))
            page_keys.update(story.keys(kept[0]))

    def pick(*pools: Sequence[str], flags: Sequence[str] = ()) -> str:
        return story.choose(pools, values, frozenset(flags), page_keys)

    def short(*templates: str) -> str:
        for template in templates:
            line = story.fill(template, values)
            if line and story.fresh(line, page_keys):
                return line
        return ""

    # Where and when.
    if beats[0] == "opening":
        opening = dict(values, setting=story.setting)
        opening.update(in_setting=_in(story.setting), In_setting=_upper_first(_in(story.setting)))
        first = story.choose([kit.openings], opening, frozenset(), page_keys)
        add(1, 0, first, story.fill("It was a {tone} day {in_setting}.", opening))
        add(3, 4.5 if premise_here else 1, pick(_SETUPS))
        add(7, 4.6 if premise_here else 1.1, pick(_SETUPS_MORE))
    elif story.given and last and "resolution" in beats:
        add(4, 0, pick(_REVEALS, _TRANSITIONS))
    else:
        add(4, 0, pick(_TRANSITIONS))
        add(6, 0.5, pick(_ARRIVALS))

    # Introductions, straight after the page's first lines, then a place (2.5) for naming
    # whoever is here but not yet mentioned. Whoever those first lines already name is
    # described rather than greeted: nobody is met after they have appeared.
    before = " ".join(o for b in bits if b.order < _INTRO_ORDER for o in b.options)
    for person in newcomers:
        named = re.search(rf"(?<![\w-]){re.escape(person.name)}(?![\w-])", before) is not None
        introduction = _intro_options(story, person, named)
        if introduction:
            bits.append(_Bit(_INTRO_ORDER, 0, introduction, greets=not named))
            page_keys.update(story.keys(introduction[0]))

    # The outline in its own order, retold in the story's tense; its first and its final
    # segment matter most. A crowded page takes a shorter telling, never a cut-off one.
    for index, (number, segment) in enumerate(outline):
        tellings = _retellings(segment)
        final = number == len(story.segments) - 1 and story.given
        if final and count_words(tellings[0]) <= high // 2:
            tellings = tellings[:1]  # the outline's own ending, in full
        priority = 1 if index == 0 or final else 3 + min(index, 2)
        # The outline's own ending comes after the climax lines and before what follows it.
        add(priority, 13 if final else 4 + index / 100, *tellings)

    # What happens.
    main = beats[-1]
    talk = "problem" if premise_here and main == "opening" else main
    for beat in beats[1:] if beats[0] == "opening" else beats:
        order = _BEAT_ORDER[beat]
        for priority, lines in _beat_lines(story, beat, values, follow, page_keys):
            add(priority, order, *lines)
            order += 0.01
    if beats == ("opening",):
        add(5, 1.5, pick(_REACTIONS["opening"]))

    # Talk, gestures and character colour.
    if cast:
        speakers = list(cast)
        rng.shuffle(speakers)
        lead = next((p for p in cast if p.name == plot.subject), None)
        if lead and talk in {"problem", "turn"}:
            speakers.remove(lead)
            speakers.insert(0, lead)
        said = 0
        if len(speakers) == 2:
            speakers.append(speakers[0])  # a reply, then the first speaker again
        for speaker in speakers[:3]:
            pool = kit.lines.get(talk, ()) + _GENERIC_LINES.get(talk, ())
            line = pick(pool, flags=["self" if speaker is lead else "other"])
            if line:
                tag = _speech_tag(speaker, talk, said).format(name=speaker.name)
                add(5 + min(said, 2), 20 + said, _quote(line, tag))
                said += 1
    else:
        # A page with nobody named still has voices: the folk of the place speak up.
        pool = kit.lines.get(talk, ()) + _GENERIC_LINES.get(talk, ())
        line = pick(pool, flags=["other"])
        if line:
            tags = ("called a small voice", "came a cheerful shout")
            add(5, 20, _quote(line, tags[0] if talk == "problem" else rng.choice(tags)))
    if cast:
        # Gestures follow the page's mood: nobody laughs out loud while the hamster is lost.
        happy = talk in {"opening", "resolution", "ending"} or (talk == "turn" and not story.given)
        mood = dict(values, _flags=values["_flags"] + (" happy" if happy else " calm"))
        for person in cast:
            if person not in newcomers:
                add(6, 22, _gesture(story, person, mood, page_keys))
        for person in cast:
            # One touch of character per person and page: who they are, or what they do.
            key_p, key_b = f"personality:{person.name}", f"background:{person.name}"
            deeds = [story.fill(d, values) for d in _trait_actions(person)]
            deeds = [d for d in deeds if d and story.fresh(d, page_keys)]
            if person.personality and key_p not in story.templates and rng.random() < 0.7:
                story.templates.add(key_p)
                add(6, 23, _personality_sentence(person))
            elif person.background and key_b not in story.templates and page > 1:
                story.templates.add(key_b)
                add(6, 23, _background_sentence(person))
            elif deeds and person not in newcomers:
                add(6, 22.5, rng.choice(deeds))
    if main == "ending":
        add(6, 30, short("Everything about that day had felt {tone}."))
        add(6, 30.5, pick(_EXTRAS["ending"]))
        add(5, 31, pick(_REACTIONS["ending"]))
        add(2, 40, *_ending_options(story, values, page_keys))

    action = values.get("method", "")
    if main != "attempt" or not action:
        for template in _ACTIONS.get(main, _ACTIONS["ending"]):
            action = story.fill(template, values)
            if action:
                break
        action = action[:1].lower() + action[1:]
    return bits, action


# Where each beat's lines sit on a page (the outline's own ending goes at 13).
_BEAT_ORDER = {"problem": 10.0, "attempt": 11.0, "turn": 12.0, "resolution": 14.0, "ending": 15.0}


def _ending_options(story: _Story, values: dict[str, str], page: set[str]) -> tuple[str, ...]:
    line = story.choose([story.kit.endings, _ENDINGS], values, frozenset(), page)
    spare = [
        story.fill(t, values)
        for t in ("It had been a {tone} day to remember.", "What a {tone} day!", "The end.")
    ]
    return tuple(x for x in [line, *spare] if x and story.fresh(x, page))[:2] or ("The end.",)


def _beat_lines(
    story: _Story, beat: str, values: dict[str, str], follow: str, page: set[str]
) -> list[tuple[int, tuple[str, ...]]]:
    """Each beat's sentences with their priorities, in reading order."""
    kit, plot = story.kit, story.plot
    stock = plot.kind == "stock"
    out: list[tuple[int, tuple[str, ...]]] = []

    def pick(*pools: Sequence[str], capital: bool = True) -> str:
        line = story.choose(pools, values, frozenset(), page, capital=capital)
        page.update(story.keys(line))
        return line

    def first_fit(*templates: str) -> str:
        for template in templates:
            line = story.fill(template, values)
            if line and story.fresh(line, page):
                return line
        return ""

    if beat == "problem":
        main = story.fill(story.stock[0], values) if stock else pick(kit.problems + _PROBLEMS)
        out.append(
            (
                2,
                (
                    main,
                    first_fit(
                        "[stock] Then {thing} went missing.",
                        "[lost|broken untold] {Thing} {gone}.",
                        "[lost told] {Thing} {was} nowhere to be seen.",
                        "[broken told] {Thing} {was} still {state}.",
                        "[journey] {Place} was far away.",
                        "[goal] It would not be easy.",
                        "[fear] It was scary.",
                    ),
                ),
            )
        )
        out.append((6, (pick(_PROBLEMS, kit.problems),)))
        out.append((5, (pick(_REACTIONS["problem"]),)))
        out.append((7, (pick(_REACTIONS["problem"]),)))
        out.extend((p, (pick(_EXTRAS["problem"]),)) for p in (7, 8))
    elif beat == "attempt":
        setbacks = kit.setbacks + _SETBACKS
        clues = kit.clues + _CLUES
        for second in (False, True):
            pools = (kit.methods, _METHODS) if stock else (kit.methods + _METHODS,)
            method = pick(*pools, capital=False)
            if not method:
                continue
            page.add(story.key(method))  # two tries on one page are two different tries
            values["method"] = values.get("method") or method
            framed = dict(values, method=method)
            frame = story.choose([_METHOD_FRAMES], framed, frozenset(), page)
            plain = story.fill("{They} tried {method}.", framed)
            plain = plain if story.fresh(plain, page) else ""
            options = (frame, plain) if frame and plain else (frame or plain,)
            out.append((6 if second else 2, options))
            if second:
                out.append((6, (pick(clues if follow == "setback" else setbacks),)))
            else:
                out.append((4, (pick(clues if follow == "clue" else setbacks),)))
                local = _THEME_HELPERS.get(story.theme, _HELPERS)
                helpers = [h for h in local if h not in story.templates] or list(local)
                helper = dict(values, helper=story.rng.choice(helpers))
                story.templates.add(helper["helper"])
                helps = [story.fill(h, helper, capital=False) for h in _HELPS]
                helper["help"] = story.rng.choice([h for h in helps if h] or ["waved"])
                out.append((6, (story.choose([_ENCOUNTERS], helper, frozenset(), page),)))
        out.append((5, (pick(_REACTIONS["attempt"]),)))
        out.extend((p, (pick(_EXTRAS["attempt"]),)) for p in (7, 8))
    elif beat == "turn":
        if stock and not story.given:
            main = story.fill(story.stock[1], values)
        else:
            main = pick(_TURNS, kit.turns)
        out.append(
            (
                2,
                (
                    main,
                    first_fit(
                        "[stock open] At last, {Hero} found {thing}!",
                        "[lost|stock given] The answer was very close now.",
                        "[broken given] There was time for one last try.",
                        "[journey given] {They} were nearly there.",
                        "[goal given] {Sub} was ready to {goal_do}.",
                        "[fear given] It was time to be brave.",
                        "[open] At last, it was done!",
                    ),
                ),
            )
        )
        out.append((6, (pick(kit.turns, _TURNS),)))
        out.append((5, (pick(_REACTIONS["turn"]),)))
        out.append((7, (pick(_REACTIONS["turn"]),)))
        out.extend((p, (pick(_EXTRAS["turn"]),)) for p in (7, 8))
    elif beat == "resolution":
        if stock and not story.given:
            main = story.fill(story.stock[2], values)
        else:
            main = pick(_AFTERMATHS, kit.resolutions)
        out.append((3, (main, first_fit("[thing] {Thing} {was} safe at last.", "All was well."))))
        out.append((6, (pick(kit.resolutions, _AFTERMATHS),)))
        out.append((5, (pick(_REACTIONS["resolution"]),)))
        out.extend((p, (pick(_EXTRAS["resolution"]),)) for p in (7, 8))
    return [(p, tuple(o for o in options if o)) for p, options in out if any(options)]


def _mention_cast(story: _Story, needed: Sequence[_Person], cast: Sequence[_Person]) -> str:
    """A short sentence naming whoever is on the page but missing from its text."""
    missing = [p.name for p in cast if p in needed]
    if not missing:
        return ""
    values = {"names": _join_names(missing), "was": "was" if len(missing) == 1 else "were"}
    everyone = len(missing) == len(cast)
    pool = (_ALONE if len(cast) == 1 else _TOGETHER) if everyone else _ALONG
    for template in pool:
        line = _upper_first(template.format_map(values))
        if story.fresh(line):
            return line
    return _upper_first(_ALONG[0].format_map(values))


def _title(story: _Story) -> str:
    brief, plot = story.brief, story.plot
    if brief.title.strip():
        return brief.title.strip()  # exactly what parse_story_draft keeps
    hero = plot.subject or (story.people[0].name if story.people else "")
    rng = story.rng
    title = ""
    if plot.kind in {"lost", "broken"}:
        patterns = [p for p in story.kit.thing_titles if hero or "{Hero}" not in p]
        pattern = rng.choice(patterns or ["The {Thing}"])
        noun = plot.head
        if plot.plural and noun not in _IRREGULAR_PLURALS:
            noun = noun[:-3] + "y" if noun.endswith("ies") else noun.removesuffix("s")
        title = pattern.format(Hero=hero, Thing=plot.title_thing, Noun=_title_case(noun))
    elif plot.kind == "journey":
        place = _title_case(plot.place)
        owner = f"{hero}'s" if hero and not hero.endswith("s") else f"{hero}'" if hero else "The"
        title = f"{owner} {plot.trip} to {plot.place}" if place != "Home" else f"{owner} Way Home"
        title = _title_case(title)
    elif plot.kind == "goal" and hero:
        verb, _, rest = plot.goal.partition(" ")
        words = rest.split()[:6]
        who = plot.team or hero
        title = _title_case(" ".join([who, verb if plot.team else _third_person(verb), *words]))
    elif plot.kind == "fear" and hero:
        title = _title_case(f"{hero} is not {plot.fear}")
    if not title:
        place_name = story.place.title
        if story.setting and count_words(story.setting) <= 6:
            place_name = _title_case(_definite(story.setting))
            if place_name[:4].lower() == "the ":
                place_name = "the " + place_name[4:]
        thing = _title_case(plot.head if plot.kind == "stock" else plot.thing.removeprefix("the "))
        pattern = rng.choice(story.kit.title_patterns) if story.people else "The {Thing} of {Place}"
        title = pattern.format(Hero=hero, Thing=thing, Place=place_name)
    return _upper_first(" ".join(title.split()))[:200]


def _thing_from_outline(outline: str, people: Sequence[_Person]) -> str | None:
    """An object the outline names, for a genre plot to be about when none other is found.

    Words that describe a character ("her toy robot" when the robot is in the cast) are
    skipped: a friend is not a thing to be found.
    """
    lowered = outline.lower()
    cast_words = set(
        re.findall(r"[a-z]+", " ".join(f"{p.name} {p.description}" for p in people).lower())
    )
    best: tuple[tuple[int, int], str] | None = None
    for word in _THING_WORDS:
        if word in cast_words:
            continue
        pattern = (
            r"\b(?:a|an|the|his|her|their|my|its|our)\s+"
            rf"(?:([a-z'-]+)\s+)?(?:([a-z'-]+)\s+)?{word}\b"
        )
        match = re.search(pattern, lowered)
        if not match:
            continue
        modifiers = [m for m in match.groups() if m]
        # Keep describing words ("broken star map"); a verb or a name would end the phrase.
        kept: list[str] = []
        for modifier in reversed(modifiers):
            if modifier not in _THING_MODIFIERS:
                break
            kept.insert(0, modifier)
        phrase = " ".join([*kept, word])
        # The earliest object wins; at one place, the longer name ("star map", not "star").
        rank = (match.start(), -len(phrase))
        if best is None or rank < best[0]:
            best = (rank, phrase)
    return best[1] if best else None


# Broken states that tape, string and patience can mend (a dark lamp or a sad cloud cannot).
_DAMAGE = frozenset({"broken", "cracked", "torn", "flat", "squashed", "bent"})


def _flags_for(plot: _Plot, given: bool, stock: tuple[str, str, str]) -> frozenset[str]:
    flags = {plot.kind, "given" if given else "open"}
    if plot.kind in {"lost", "stock"}:
        flags.add("search")
    if plot.thing:
        flags.update({"thing", "alive" if plot.alive else "object"})
    flags.add("clue" if plot.clue else "noclue")
    if "paw" in stock[0]:
        flags.add("paw")
    if plot.kind == "broken" and plot.state in _DAMAGE:
        flags.add("damaged")
    return frozenset(flags)


@dataclass(frozen=True)
class _Rewrite:
    """One page to write again: its number, the text to differ from, who is in the scene."""

    number: int
    avoid: str
    cast: tuple[str, ...]
    variant: int


def write_story_payload(brief: StoryBrief) -> dict[str, Any]:
    """The story for ``brief`` in the reply schema that ``parse_story_draft`` accepts."""
    return _compose(brief)


def rewrite_page(
    brief: StoryBrief,
    *,
    number: int,
    text: str,
    characters_in_scene: Sequence[str],
    variant: int = 0,
) -> str:
    """Page ``number`` of the story for ``brief``, written again and worded unlike ``text``.

    The story is planned as :func:`write_story` plans it for this brief (plot, beats, who
    is introduced where, the lines earlier pages use), so the page keeps its place in the
    plot; for that page, a generator seeded by ``variant`` chooses the lines, the lines of
    ``text`` count as already used, and the cast is the one in the picture. The density
    range of the brief holds as for any page. Deterministic for the same arguments.
    """
    pages = max(1, brief.num_pages)
    if not 1 <= number <= pages:
        raise ValueError(f"page {number} is not a content page of this story")
    cast = tuple(dict.fromkeys(name for name in characters_in_scene if name.strip()))
    written = text
    for attempt in range(4):
        payload = _compose(brief, _Rewrite(number, text, cast, variant + attempt))
        written = payload["pages"][-1]["text"]
        if _norm(written) != _norm(text):
            break
    return str(written)


def _compose(brief: StoryBrief, rewrite: _Rewrite | None = None) -> dict[str, Any]:
    """Write the story; with ``rewrite``, stop after writing that page again."""
    rng = random.Random(_seed(brief))
    kit = _kit_for(brief.genre)
    setting = _setting_phrase(brief.setting) or kit.setting
    theme = theme_for(setting)
    place = _PLACES[theme]
    tone = _tone_phrase(brief.tone) or kit.tone
    segments = _outline_segments(brief.outline)
    people = _pronouns_from(segments, [_person(c) for c in brief.characters if c.name.strip()])
    stock = rng.choice(kit.stock)
    plot = _read_plot(segments, people)
    if plot is None:
        bare = _thing_from_outline(brief.outline, people) or rng.choice(kit.things)
        subject = people[0].name if people else ""
        plot = _Plot(kind="stock", thing=f"the {bare}", head=bare, subject=subject)
    elif not plot.subject and people:
        plot = dataclasses.replace(plot, subject=people[0].name)
    given = len(segments) >= 2 and plot.premise != len(segments) - 1
    story = _Story(
        brief=brief,
        kit=kit,
        place=place,
        rng=rng,
        people=people,
        setting=setting,
        tone=tone,
        plot=plot,
        stock=stock,
        given=given,
        flags=_flags_for(plot, given, stock),
        segments=segments,
        theme=theme,
    )
    title = _title(story)
    pages = max(1, brief.num_pages)
    low, high = word_range(brief.text_density)
    beats = _beats(pages, given)
    problem_page = next(i for i, b in enumerate(beats, start=1) if "problem" in b)
    placement = _placement(len(segments), pages, plot.premise, problem_page)
    per_page: list[list[tuple[int, str]]] = [[] for _ in range(pages)]
    for number, (segment, page) in enumerate(zip(segments, placement, strict=True)):
        per_page[page - 1].append((number, segment))
    told_from = placement[plot.premise] if plot.premise >= 0 else pages + 1
    named: dict[int, int] = {}
    for index, person in enumerate(people):
        for page_number, items in enumerate(per_page, start=1):
            if any(re.search(rf"\b{re.escape(person.name)}\b", s) for _, s in items):
                named[index] = page_number
                break
    lead = next((i for i, p in enumerate(people) if p.name == plot.subject), 0)
    casts, intro = _cast_plan(pages, people, lead, named)
    attempts = [i for i, b in enumerate(beats, start=1) if "attempt" in b]
    fillers = _Fillers(story, _mood_pools(story))

    out_pages: list[dict[str, Any]] = [_cover(story, title)]
    previous_time = ""
    later = 0
    route = list(place.spots)
    rng.shuffle(route)
    for page in range(1, pages + 1):
        cast = [people[i] for i in casts[page - 1]]
        newcomers = [people[i] for i, first in intro.items() if first == page]
        if rewrite is not None and page == rewrite.number:
            # The same place in the plot, worded afresh: another generator, the old
            # wording counted as used, and whoever the page's picture shows.
            story.rng = random.Random(f"{_seed(brief)}:{page}:{rewrite.variant}")
            fillers = _Fillers(story, _mood_pools(story))
            story.remember(rewrite.avoid)
            cast = [p for p in people if p.name in rewrite.cast]
            newcomers = [p for p in newcomers if p in cast]
        when = _time_of_day(page, pages, kit, theme)
        when_text = _upper_first(when.split(",")[0])
        if when == previous_time:
            when_text = _LATER[later % len(_LATER)]
            later += 1
        previous_time = when
        # The story walks round the place: each page somewhere other than the page before.
        here = [route[(page - 1 + k) % len(route)] for k in range(2)]
        values = _values(story, cast, when_text, here)
        values["_flags"] += " told" if page >= told_from else " untold"
        page_beats = beats[page - 1]
        phase = "glad" if page_beats[-1] in {"resolution", "ending"} else "tense"
        if page_beats[-1] == "problem":
            phase = "trouble"
        values["_flags"] += " start" if page_beats[0] == "opening" else f" {phase}"
        follow = "setback"
        if page in attempts and (len(attempts) - attempts.index(page)) % 2 == 1:
            follow = "clue"
        bits, action = _page_bits(
            story, page, beats[page - 1], cast, newcomers, per_page[page - 1], values, follow, high
        )

        def more(
            room: int,
            on_page: set[str],
            values: dict[str, str] = values,
            fillers: _Fillers = fillers,
        ) -> str | None:
            return fillers.take(room, on_page, values)

        text = _fit(bits, low, high, more, story.keys)
        # Whoever is in the picture is named in the text; naming them may push another
        # line out, so check again until everyone is there.
        needed: list[_Person] = []
        for _ in range(3):
            needed += [p for p in cast if p not in needed and p.name not in text]
            mention = _mention_cast(story, needed, cast)
            if not mention or all(p.name in text for p in cast):
                break
            bits = [b for b in bits if b.order != 2.5] + [_Bit(2.5, 0, (mention,))]
            text = _fit(bits, low, high, more, story.keys)
        story.remember(text)
        description = None
        if needs_picture(brief, page):
            description = _picture_description(story, cast, action, values["spot"], when)
        out_pages.append(
            {
                "page_number": page,
                "text": text,
                "image_description": description,
                "characters_in_scene": [p.name for p in cast],
            }
        )
        if rewrite is not None and page == rewrite.number:
            break
    return {"title": title, "pages": out_pages}


def _cover(story: _Story, title: str) -> dict[str, Any]:
    people, plot = story.people, story.plot
    if plot.thing:
        prop = f", {plot.thing} held up between them" if people else f", with {plot.thing}"
    elif plot.place:
        prop = f", with {plot.place} far off in the distance"
    else:
        prop = ", full of hope"
    who = (
        _join_names([f"{p.name} ({p.look_short})" if p.look_short else p.name for p in people])
        + " standing together in a heroic pose"
        if people
        else story.place.folk
    )
    return {
        "page_number": 0,
        "text": title,
        "image_description": (
            f"Picture-book cover in {_style_name(story.brief.image_style)} for "
            f'"{title}": {who}{prop}, in {story.setting}. Bright, inviting and child-safe; '
            f"keep the {story.brief.text_position} area calm for the title."
        ),
        "characters_in_scene": [p.name for p in people],
    }


def write_story(brief: StoryBrief) -> StoryDraft:
    """A complete, validated story for ``brief``; the same brief always gives the same story."""
    return parse_story_draft(write_story_payload(brief), brief, usage=Usage())
