"""Writes the offline provider's stories: deterministic picture-book text built from a brief."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from storygen.ai.drafts import needs_picture, parse_story_draft
from storygen.ai.offline.painter import theme_for
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


@dataclass(frozen=True)
class _Kit:
    tone: str
    setting: str
    things: tuple[str, ...]
    title_patterns: tuple[str, ...]
    openings: tuple[str, ...]
    problems: tuple[str, ...]
    methods: tuple[str, ...]
    setbacks: tuple[str, ...]
    clues: tuple[str, ...]
    turns: tuple[str, ...]
    resolutions: tuple[str, ...]
    endings: tuple[str, ...]
    moods: tuple[str, ...]
    lines: dict[str, tuple[str, ...]]


# Placeholders: {All} the page's cast, {Hero} its lead, {thing} the quest object with its
# article, {setting}, {tone}, {spot} a place inside the setting, {Who} whoever acts.
_KITS: dict[str, _Kit] = {
    "childrens": _Kit(
        tone="cheerful",
        setting="a sunny little village",
        things=("silver kite", "golden acorn", "little music box", "lucky red balloon"),
        title_patterns=("{Hero} and the {Thing}", "{Hero} and the {Thing} of {Place}"),
        openings=(
            "One {tone} morning in {setting}, {All} woke up with a happy hum.",
            "In {setting}, on a bright and {tone} day, {All} went out to play.",
        ),
        problems=(
            "But then came a surprise: {thing} was gone, and nobody knew where.",
            "Oh dear! A gust of wind had carried {thing} away.",
        ),
        methods=(
            "looking under every leaf near {spot}",
            "asking a friendly snail at {spot} for help",
            "following a trail of tiny footprints to {spot}",
            "climbing up high to peek at {spot}",
            "calling out across {spot}",
            "drawing a map of {spot} in the dust with a stick",
        ),
        setbacks=(
            "All they found was a sleepy beetle, who yawned and rolled over.",
            "There was only a muddy puddle, which splashed their shoes.",
            "A bumblebee buzzed by, but it had not seen a thing.",
        ),
        clues=(
            "Then something sparkled in the grass: a clue!",
            "A little bird chirped and pointed with its wing.",
            "They heard a faint jingle, just ahead.",
        ),
        turns=(
            "And there, tucked safely at {spot}, was {thing}!",
            "Suddenly {Hero} laughed, because {thing} had been right at {spot} all along.",
        ),
        resolutions=(
            "{All} carried {thing} back together, taking turns and singing.",
            "Everyone cheered, and {thing} was safe once more.",
        ),
        endings=(
            "That night, {All} fell asleep smiling: a {tone} day shared is the best kind.",
            "And from then on, {All} always looked after {thing} together.",
        ),
        moods=(
            "Daisies nodded as if to say hello.",
            "A ladybird landed on a fingertip, then flew away.",
        ),
        lines={
            "problem": ("Where could it be?", "Oh no, we have to find it!"),
            "attempt": ("Let's look over there!", "Maybe it's hiding."),
            "turn": ("Look, there it is!",),
            "ending": ("That was the best day ever!",),
        },
    ),
    "scifi": _Kit(
        tone="curious",
        setting="a space station near a purple planet",
        things=("star map", "power crystal", "signal beacon", "tiny comet"),
        title_patterns=("{Hero} and the Lost {Thing}", "The {Thing} of {Place}"),
        openings=(
            "On a {tone} day cycle in {setting}, {All} ran the morning systems check.",
            "The lights blinked on in {setting}, and {All} got ready for a {tone} mission.",
        ),
        problems=(
            "Then an alarm beeped: {thing} had drifted away into the dark.",
            "The screens flickered, because {thing} had gone missing from its dock.",
        ),
        methods=(
            "scanning {spot} with a blinking gadget",
            "steering a little shuttle past {spot}",
            "decoding a strange signal from {spot}",
            "asking a helpful robot to search {spot}",
            "floating carefully across {spot}",
            "building a homemade detector near {spot}",
        ),
        setbacks=(
            "The scanner only found a lost sock, floating in zero gravity.",
            "A meteor shower sparkled past, and they had to wait it out.",
            "The signal crackled and went quiet.",
        ),
        clues=(
            "Then the detector gave a hopeful beep.",
            "A faint blue glow blinked in the distance.",
            "The signal grew stronger: beep, beep, BEEP!",
        ),
        turns=(
            "At {spot}, humming softly, was {thing}!",
            "Then {Hero} spotted it: {thing}, glowing like a tiny sun at {spot}.",
        ),
        resolutions=(
            "{All} guided {thing} safely back, and every light on board shone bright.",
            "With a gentle click, {thing} was back where it belonged.",
        ),
        endings=(
            "Later, {All} watched the stars drift by, proud of a {tone} day's work.",
            "The crew logged the day as their finest mission yet.",
        ),
        moods=(
            "Panels blinked in friendly colours.",
            "The engines hummed a low, steady song.",
        ),
        lines={
            "problem": ("Systems check: something is missing!",),
            "attempt": ("Switching to plan B!", "Scanning now."),
            "turn": ("Signal found!",),
            "ending": ("Mission complete!",),
        },
    ),
    "drama": _Kit(
        tone="heartfelt",
        setting="a small town by the river",
        things=("family quilt", "old photo album", "old recipe book", "school play costume"),
        title_patterns=("{Hero} and the {Thing}", "The {Thing}"),
        openings=(
            "In {setting}, on a {tone} sort of day, {All} had a big day ahead.",
            "Everything in {setting} felt quiet and {tone} that morning.",
        ),
        problems=(
            "Then {Hero} discovered that {thing} was torn, and a big lump rose in every throat.",
            "But {thing} was lost, and with it a little piece of home.",
        ),
        methods=(
            "asking the neighbours at {spot} for help",
            "sorting through boxes near {spot}",
            "sharing worries while walking to {spot}",
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
        turns=(
            "At {spot}, {Hero} finally understood: together, they could mend anything.",
            "Then, at {spot}, they found {thing}, and hope came rushing back.",
        ),
        resolutions=(
            "Stitch by stitch and step by step, {All} made things right.",
            "{All} shared a long hug, and {thing} was safe again.",
        ),
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
        openings=(
            "On a {tone} evening in {setting}, {All} heard a creak, then a giggle.",
            "The moon peeked over {setting}, and {All} tiptoed out on a {tone} adventure.",
        ),
        problems=(
            "Whooo! Something swooshed by, and {thing} floated away into the shadows.",
            "A strange shadow danced on the wall, and {thing} was suddenly gone.",
        ),
        methods=(
            "tiptoeing with a torch past {spot}",
            "following a trail of glowing footprints to {spot}",
            "knocking politely at {spot}",
            "peeking carefully around {spot}",
            "whistling a brave little tune near {spot}",
        ),
        setbacks=(
            "A curtain flapped, boo! It was only the wind, and everyone giggled.",
            "Something squeaked. It was just a mouse in slippers.",
            "The floorboards creaked a silly song.",
        ),
        clues=(
            "Two round eyes blinked in the dark, more curious than scary.",
            "A tiny whisper said, this way!",
            "A trail of glitter led onward.",
        ),
        turns=(
            "At {spot} they found {thing}, held by a shy little ghost who only wanted a friend.",
            "The spooky shadow was a small bat at {spot}, hugging {thing} for comfort.",
        ),
        resolutions=(
            "{All} invited the new friend to play, and the shadows did not seem scary at all.",
            "Everyone shared a snack and a laugh, and {thing} glowed warmly.",
        ),
        endings=(
            "From then on, {tone} nights meant games, giggles and a friend who glowed.",
            "And whenever the floor creaked, {All} just smiled and waved hello.",
        ),
        moods=("An owl hooted a friendly hoo-hoo.", "Pumpkins grinned on the steps."),
        lines={
            "problem": ("W-what was that?",),
            "attempt": ("Let's be brave together.",),
            "turn": ("Oh! You're not scary at all!",),
            "ending": ("Best spooky night ever!",),
        },
    ),
    "action": _Kit(
        tone="brave",
        setting="a busy harbour town",
        things=("storm bell", "golden compass", "championship trophy", "runaway kite"),
        title_patterns=("{Hero} and the Race for the {Thing}", "The {Thing} Rescue"),
        openings=(
            "In {setting}, on a {tone} and windy morning, {All} were ready for anything.",
            "Zoom! The day began fast in {setting}, and {All} felt {tone} and ready.",
        ),
        problems=(
            "Then a great gust whisked {thing} away, and it went tumbling off!",
            "Suddenly, {thing} was carried off by a runaway cart!",
        ),
        methods=(
            "racing along the path to {spot}",
            "leaping over puddles towards {spot}",
            "swinging on a rope across {spot}",
            "pedalling hard past {spot}",
            "climbing quickly up to {spot}",
            "sliding down a grassy slope to {spot}",
        ),
        setbacks=(
            "A flock of geese blocked the way, honking loudly.",
            "A gate swung shut just in time, clang!",
            "They skidded to a stop as the path ended.",
        ),
        clues=(
            "But they spotted a flash of gold ahead!",
            "They were gaining, closer and closer!",
            "A friendly dog barked and ran to help.",
        ),
        turns=(
            "With one big jump at {spot}, {Hero} caught {thing}!",
            "At {spot}, teamwork saved the day: {thing} was caught just in time.",
        ),
        resolutions=(
            "{All} returned {thing} to its place, and the whole town cheered.",
            "Puffing and laughing, {All} brought {thing} back.",
        ),
        endings=(
            "That night, {All} agreed: being {tone} is easier with friends.",
            "It had been a {tone} day, full of speed and smiles.",
        ),
        moods=("Flags snapped in the wind.", "Their hearts raced like drums."),
        lines={
            "problem": ("After it!",),
            "attempt": ("Faster, we can do it!",),
            "turn": ("Got it!",),
            "ending": ("Teamwork wins!",),
        },
    ),
    "fantasy": _Kit(
        tone="magical",
        setting="an enchanted forest",
        things=("moonstone", "wizard's lantern", "enchanted map", "dragon's egg"),
        title_patterns=("{Hero} and the {Thing} of {Place}", "The {Thing} of {Place}"),
        openings=(
            "Once upon a time, in {setting}, {All} woke to a {tone} shimmer in the air.",
            "In {setting}, where the flowers hummed, {All} began a {tone} day.",
        ),
        problems=(
            "But the light in {thing} faded, and the magic began to slip away.",
            "Then a mischievous wind spirit snatched {thing} and vanished!",
        ),
        methods=(
            "asking a wise old tree at {spot} for advice",
            "following a ribbon of fireflies to {spot}",
            "reading the shimmering runes at {spot}",
            "crossing a bridge of moonbeams to {spot}",
            "singing an old spell at {spot}",
            "consulting a talking fox near {spot}",
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
        turns=(
            "At {spot}, {Hero} solved the riddle, and {thing} rose shimmering into the air.",
            "In the hush at {spot}, {thing} answered their kindness with a golden light.",
        ),
        resolutions=(
            "{All} returned {thing} to its place, and the magic bloomed again.",
            "The wind spirit said sorry, and {thing} shone brighter than ever.",
        ),
        endings=(
            "And the land stayed {tone} forever, because kindness is the strongest magic.",
            "{All} watched the stars sparkle, knowing the magic lived in them too.",
        ),
        moods=("Sparkles drifted like snow.", "The air smelled of honey and rain."),
        lines={
            "problem": ("The magic is fading!",),
            "attempt": ("Let's try the old spell.",),
            "turn": ("The riddle! I know the answer!",),
            "ending": ("Magic is everywhere.",),
        },
    ),
    "mystery": _Kit(
        tone="curious",
        setting="a quiet seaside town",
        things=("missing painting", "golden key", "secret note", "prize-winning cake"),
        title_patterns=("The Mystery of the {Thing}", "{Hero} and the Secret of {Place}"),
        openings=(
            "In {setting}, on a {tone} morning, {All} noticed something odd.",
            "Nothing ever went missing in {setting}, until one {tone} day.",
        ),
        problems=(
            "{thing} had vanished without a trace, and only a muddy paw print was left!",
            "Gasp! {Thing} was gone, and a strange note said: Look where the light sleeps.",
        ),
        methods=(
            "searching for clues with a magnifying glass at {spot}",
            "asking questions at {spot}",
            "making a list of suspects near {spot}",
            "following muddy paw prints to {spot}",
            "checking the map for {spot}",
        ),
        setbacks=(
            "The paw prints only led to a puddle.",
            "The first suspect had a perfect alibi: a very long nap.",
            "The clue turned out to be a crumpled shopping list.",
        ),
        clues=(
            "But there was a crumb trail, and crumbs always lead somewhere!",
            "A clue! A tuft of orange fur caught on a nail.",
            "A button lay on the ground, shiny and new.",
        ),
        turns=(
            "At {spot}, {Hero} solved it: a playful puppy had hidden {thing} to keep it safe!",
            "Everything clicked at {spot}: {thing} had been borrowed, not stolen.",
        ),
        resolutions=(
            "{All} returned {thing}, and the case was closed with a grin.",
            "Everyone laughed at the mix-up, and {thing} was back at last.",
        ),
        endings=(
            "And {All} were already looking forward to the next {tone} mystery.",
            "Case closed! A mystery is just a story waiting to be solved.",
        ),
        moods=("A clock ticked somewhere.", "Every shadow seemed to hold a secret."),
        lines={
            "problem": ("Hmm, this is a real mystery.",),
            "attempt": ("Let's check the clues again.",),
            "turn": ("I've got it!",),
            "ending": ("Mystery solved!",),
        },
    ),
    "romance": _Kit(
        tone="kind",
        setting="a friendly little town",
        things=("friendship bracelet", "handwritten letter", "pressed flower", "paper lantern"),
        title_patterns=("{Hero} and the {Thing}", "A {Thing} for a Friend"),
        openings=(
            "In {setting}, on a {tone} spring day, {All} met by the flower stall.",
            "The sun smiled on {setting}, and it felt like a {tone} day for friendship.",
        ),
        problems=(
            "But {thing} went missing before it could be given, and feelings got muddled.",
            "Then a silly mix-up happened, and {thing} ended up in the wrong hands.",
        ),
        methods=(
            "making a new gift together at {spot}",
            "writing a kind note at {spot}",
            "asking a friend at {spot} for advice",
            "picking wildflowers near {spot}",
            "practising a sorry speech at {spot}",
        ),
        setbacks=(
            "The words came out all wrong, and cheeks turned pink.",
            "The note blew away in the breeze.",
            "Being brave about feelings was harder than it looked.",
        ),
        clues=(
            "Then a smile across the way made everything feel lighter.",
            "A little bird carried the note back.",
            "Someone waved, and hearts felt warm again.",
        ),
        turns=(
            "At {spot}, {Hero} finally said it: you are my very best friend.",
            "At {spot}, {All} found {thing}, and the mix-up melted away.",
        ),
        resolutions=(
            "{All} shared {thing} and a big, warm hug.",
            "They laughed about the mix-up and promised to always talk things through.",
        ),
        endings=(
            "And that {tone} friendship grew, like a flower in the sun.",
            "{All} learned that kindness is the best present of all.",
        ),
        moods=("Petals floated on the breeze.", "The air smelled of roses and cake."),
        lines={
            "problem": ("I hope they aren't upset.",),
            "attempt": ("Let's make it right.",),
            "turn": ("You're my best friend.",),
            "ending": ("Friends forever!",),
        },
    ),
    "thriller": _Kit(
        tone="suspenseful",
        setting="a foggy harbour town",
        things=("secret map", "silver locket", "coded message", "lost lighthouse key"),
        title_patterns=("{Hero} and the {Thing}", "The Secret of the {Thing}"),
        openings=(
            "Fog rolled over {setting}, and on that {tone} morning {All} found a secret.",
            "In {setting}, a {tone} hush fell, and {All} noticed footsteps that were not theirs.",
        ),
        problems=(
            "Then {thing} disappeared, and a ticking sound came from somewhere close.",
            "Someone had hidden {thing}, and time was running out before the tide came in.",
        ),
        methods=(
            "creeping quietly past {spot}",
            "cracking a code scratched near {spot}",
            "following a lantern's glow to {spot}",
            "hiding behind crates at {spot} to watch",
            "racing the clock to {spot}",
        ),
        setbacks=(
            "A door slammed in the wind, and everyone jumped.",
            "The trail went cold.",
            "The clock ticked louder, tick, tock.",
        ),
        clues=(
            "But a fresh footprint pointed the way.",
            "The code made sense at last: a hidden arrow!",
            "A soft light flickered ahead.",
        ),
        turns=(
            "At {spot}, the mysterious figure turned: it was the old keeper, guarding {thing}.",
            "At {spot}, {Hero} found {thing} just as the clock struck twelve.",
        ),
        resolutions=(
            "The keeper explained everything, and {All} helped put {thing} back.",
            "{All} breathed out at last: {thing} was safe, and so were they.",
        ),
        endings=(
            "The fog lifted, and the {tone} night ended with cocoa and laughter.",
            "{All} smiled: some secrets are best solved together.",
        ),
        moods=("Fog curled around the lamp posts.", "Somewhere, a foghorn sighed."),
        lines={
            "problem": ("Did you hear that?",),
            "attempt": ("Shh, stay close.",),
            "turn": ("Wait, I know who it is!",),
            "ending": ("We did it!",),
        },
    ),
    "comedy": _Kit(
        tone="funny",
        setting="a very silly town",
        things=("runaway sandwich", "giant hat", "bouncing birthday cake", "tickle machine"),
        title_patterns=("{Hero} and the {Thing}", "The Great {Thing} Chase"),
        openings=(
            "In {setting}, on a {tone} morning, {All} put socks on their ears by mistake.",
            "It was a {tone} day in {setting}, and even the clouds looked like they were giggling.",
        ),
        problems=(
            "Then {thing} hopped off the table and ran away! Boing, boing!",
            "Uh-oh: {thing} sneezed, bounced, and rolled right out of the door!",
        ),
        methods=(
            "chasing it with a butterfly net past {spot}",
            "setting a trap made of jelly at {spot}",
            "disguising themselves as bushes at {spot}",
            "tiptoeing very loudly to {spot}",
            "asking a goose at {spot}, who only said honk",
        ),
        setbacks=(
            "Splat! Everyone landed in a pile of pillows.",
            "The disguise fooled nobody, especially not the goose.",
            "The trap caught a very confused cat instead.",
        ),
        clues=(
            "Then they heard a giggle, and it was not theirs.",
            "A trail of crumbs zig-zagged along.",
            "Somebody's tummy rumbled, and that gave them an idea.",
        ),
        turns=(
            "At {spot}, {Hero} tripped, wobbled, and landed right on top of {thing}!",
            "At {spot}, {thing} got the hiccups and gave itself away!",
        ),
        resolutions=(
            "{All} laughed so hard that the whole town joined in, and {thing} was back.",
            "Everyone shared {thing}, and it was the silliest feast ever.",
        ),
        endings=(
            "And that was the {tone} day {All} still giggle about.",
            "The end, or at least until {thing} gets bored again!",
        ),
        moods=("A cow in a bow tie waved.", "Somewhere, a trumpet went parp."),
        lines={
            "problem": ("Come back here!",),
            "attempt": ("This plan is perfect. Probably.",),
            "turn": ("Gotcha!",),
            "ending": ("Best. Day. Ever.",),
        },
    ),
    "adventure": _Kit(
        tone="adventurous",
        setting="a green valley with a winding river",
        things=("lost compass", "treasure map", "golden bell", "crystal key"),
        title_patterns=("{Hero} and the {Thing} of {Place}", "The {Thing} of {Place}"),
        openings=(
            "On a {tone} morning in {setting}, {All} packed a bag for an adventure.",
            "The sun rose over {setting}, and {All} set off on a {tone} day.",
        ),
        problems=(
            "But halfway along the path, {thing} slipped away and rolled out of sight.",
            "Then {Hero} realised that {thing} was missing from the bag!",
        ),
        methods=(
            "searching high and low around {spot}",
            "following the river towards {spot}",
            "climbing up to {spot} for a better view",
            "asking a passing traveller about {spot}",
            "retracing every step back to {spot}",
        ),
        setbacks=(
            "But the path was blocked by a fallen tree.",
            "It was only a shiny pebble.",
            "The wind changed, and they had to start again.",
        ),
        clues=(
            "Then they saw a glint of gold!",
            "A friendly rabbit hopped ahead, showing the way.",
            "Footprints! Little ones, heading the right way.",
        ),
        turns=(
            "At {spot}, shining in the sun, lay {thing}!",
            "At {spot}, {Hero} found {thing}, right where the path began.",
        ),
        resolutions=(
            "{All} tucked {thing} safely away and headed back, singing.",
            "With {thing} found, the journey felt light as a feather.",
        ),
        endings=(
            "That night, {All} agreed that the best adventures are shared.",
            "It had been a {tone} day, and tomorrow would bring another.",
        ),
        moods=("A river sparkled nearby.", "Birds sang from every branch."),
        lines={
            "problem": ("Oh no, where did it go?",),
            "attempt": ("Let's keep going!",),
            "turn": ("There it is!",),
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

_GENERIC_MOODS = (
    "A soft breeze drifted by.",
    "Their hearts thumped with excitement.",
    "Little by little, their courage grew.",
    "They took a deep breath together.",
    "Even small steps count.",
    "The world was full of tiny wonders.",
    "Somewhere, a bird sang a short, bright song.",
    "Time seemed to slow down for a moment.",
    "Nobody wanted to give up.",
    "It felt good not to be alone.",
    "A smile can make a long path shorter.",
    "The sky watched over them, wide and kind.",
    "They listened carefully.",
    "Every step brought something new.",
    "Hope is a small, bright thing.",
    "They kept their eyes wide open.",
)

# Short enough that one always fits in the gap left below a page's minimum.
_TINY_MOODS = ("All was calm.", "They smiled.", "On they went.", "The wind hummed.")

_GENERIC_LINES = {
    "opening": ("What a lovely day!", "Let's go and see!"),
    "problem": ("Oh no!", "What shall we do?"),
    "attempt": ("Let's try this way.", "Don't give up!", "Maybe over here?"),
    "turn": ("Look!", "I knew we could do it!"),
    "resolution": ("Hooray!", "We did it together!"),
    "ending": ("Can we do it again tomorrow?", "Goodnight, everyone."),
}

# A second sentence for each beat, so pages grow with story rather than with scenery.
_REACTIONS = {
    "opening": (
        "{Hero} smiled and stretched.",
        "The day felt full of promise.",
        "{All} skipped along the path towards {spot}.",
    ),
    "problem": (
        "{Hero}'s eyes went wide.",
        "{All} looked at each other in surprise.",
        "For a moment, nobody said a word.",
        "{All} searched every corner, but it was no use.",
    ),
    "attempt": (
        "{All} hurried on towards {spot}.",
        "They shared a snack and made a new plan.",
        "{Hero} would not give up, not even a little bit.",
        "Step by step, they kept going.",
    ),
    "turn": (
        "{All} cheered so loudly that the birds joined in.",
        "{Hero} could hardly believe it.",
        "Their hearts leapt with joy.",
    ),
    "resolution": (
        "Everyone who saw them clapped and waved.",
        "{All} walked back side by side.",
        "It felt wonderful to put things right.",
    ),
    "ending": (
        "The sky turned soft and dark, and the first stars came out.",
        "{All} said goodnight with happy yawns.",
        "And there would be more adventures to come.",
    ),
}

# Time moves on between pages; the place comes with the page's beat sentence.
_TRANSITIONS = (
    "{When}, {All} set off again.",
    "{When}, the search went on.",
    "{When}, {All} kept going.",
    "{When}, the adventure carried on.",
)

# The quest object is set up on the opening page, before anything goes wrong.
_SETUPS = (
    "{All} loved {thing} more than almost anything.",
    "Everyone in {setting} knew about {thing}.",
    "{Thing} was the most special treasure for miles around.",
)

_GESTURES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("dog", ("wagged a happy tail", "sniffed out a trail")),
    ("puppy", ("wagged a happy tail", "bounced in circles")),
    ("cat", ("flicked a curious tail", "padded along without a sound")),
    ("kitten", ("pounced on a leaf", "purred softly")),
    ("fox", ("sniffed the air", "twitched a pointed ear")),
    ("rabbit", ("hopped ahead", "wiggled a pink nose")),
    ("bunny", ("hopped ahead", "wiggled a pink nose")),
    ("bear", ("gave a big warm hug", "rumbled a happy hum")),
    ("owl", ("blinked wisely", "fluttered up to look around")),
    ("dragon", ("puffed a little cloud of smoke", "flapped small wings with delight")),
    ("robot", ("beeped cheerfully", "blinked with bright lights")),
    ("mouse", ("squeaked with delight", "scurried ahead")),
    ("bird", ("fluttered up to look", "chirped a bright note")),
)

_PLAIN_GESTURES = (
    "gave a thumbs-up",
    "nodded, ready to help",
    "pointed towards {spot}",
    "laughed out loud",
    "took a careful look around",
    "hummed a little tune",
    "held up a lantern to see better",
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


def _clean(text: str, max_words: int) -> str:
    """One-line user text, trailing punctuation removed, capped to ``max_words``."""
    words = text.split()[:max_words]
    # A single enormous token would blow the page's character budget; nobody writes one.
    words = [w[:40] for w in words]
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
    small = {"a", "an", "the", "of", "by", "in", "on", "at", "and", "to", "for", "with"}
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
        noun = ""
    if character.age is not None and 0 < character.age < 200:
        age = character.age
        age_word = _NUMBER_WORDS[age] if age <= 20 else str(age)
        phrase = f"{age_word}-year-old {noun or 'friend'}"
        return f"{_article(age_word)} {phrase}"
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


def _clothing_sentence(person: _Person) -> str:
    clothing = _clean(person.brief.clothing_style, 14)
    if not clothing:
        return ""
    garment = _GARMENTS.search(clothing)
    if garment:
        clothing = _lower_first(clothing)
        first = clothing.split(" ", 1)[0].lower()
        word = garment.group(0).lower()
        plural = word.endswith("s") or word in _PLURAL_GARMENTS
        if not plural and first not in _DETERMINERS and not first.isdigit():
            clothing = f"{_article(clothing)} {clothing}"
        return f"{person.name} wore {clothing}."
    return f"{person.name}'s style: {_lower_first(clothing)}."


def _intro_options(person: _Person) -> tuple[str, ...]:
    """How a character is introduced, from the fullest to the shortest."""
    name = person.name
    meet = f"Meet {name}, {person.who}." if person.who else f"Meet {name}."
    description = ""
    if person.description:
        desc = person.description
        if desc.lower().startswith(name.lower()):
            description = _upper_first(desc) + "."
        elif desc.split(" ", 1)[0].lower() in {"a", "an", "the"}:
            description = f"{name} was {_lower_first(desc)}."
        else:
            description = f"{name} in a few words: {_lower_first(desc)}."
    appearance = _clean(person.brief.physical_appearance, 14)
    looks = f"Anyone could spot {name}: {_lower_first(appearance)}." if appearance else ""
    clothes = _clothing_sentence(person)
    traits = f"What made {name} special: {_lower_first(person.traits)}." if person.traits else ""
    pieces = [meet, description, looks, clothes, traits]
    options = [
        " ".join(p for p in pieces if p),
        " ".join(p for p in (meet, looks, clothes, traits) if p),
        " ".join(p for p in (meet, looks, clothes) if p),
    ]
    short_look = person.look_short
    if short_look:
        options.append(f"Meet {name} ({short_look}).")
        first = _clean(short_look, 3)
        options.append(f"Meet {name} ({first}).")
    options.append(meet)
    options.append(f"Meet {name}.")
    unique: list[str] = []
    for option in options:
        if option and option not in unique:
            unique.append(option)
    return tuple(unique)


def _personality_sentence(person: _Person) -> str:
    text = person.personality
    if not text:
        return ""
    first = text.split(" ", 1)[0].lower()
    if first.endswith("s") and not first.endswith(("ous", "ss", "is", "us")):
        # "loves jokes": a verb phrase reads best as it was written.
        return f"{person.name} {_lower_first(text)}, and it showed."
    return f"{person.name} was {_lower_first(text)}, and it showed."


# --------------------------------------------------------------------------------------
# Outline.


def _outline_segments(outline: str) -> list[str]:
    """The outline split into sentences, long ones into clauses, ready to quote in order."""
    segments: list[str] = []
    for line in re.split(r"\n+", outline):
        line = re.sub(r"^\s*(?:[-*\u2022]+|\d+[.)]|[a-z][.)])\s+", "", line.strip())
        for sentence in re.split(r"(?<=[.!?])\s+", line):
            sentence = " ".join(sentence.split())
            if not sentence:
                continue
            pieces = [sentence]
            if count_words(sentence) > 28:
                pieces = [p for p in re.split(r"(?<=[,;:])\s+", sentence) if p]
            for piece in pieces:
                words = piece.split()
                for start in range(0, len(words), 24):
                    chunk = " ".join(w[:40] for w in words[start : start + 24]).strip(" ,;:-")
                    if re.search(r"\w", chunk):
                        segments.append(chunk)
    return [_upper_first(s) if s[-1] in ".!?" else _upper_first(s) + "." for s in segments]


def _spread(items: int, pages: int) -> list[int]:
    """The page (1-based) each of ``items`` ordered items belongs on, first to last page."""
    if items == 0:
        return []
    if items <= pages:
        if items == 1:
            return [1]
        return [1 + round(i * (pages - 1) / (items - 1)) for i in range(items)]
    return [1 + (i * pages) // items for i in range(items)]


# --------------------------------------------------------------------------------------
# Page planning and fitting.


def _beats(pages: int) -> list[tuple[str, ...]]:
    """The story arc scaled to ``pages`` content pages."""
    if pages == 1:
        return [("opening", "problem", "turn", "ending")]
    if pages == 2:
        return [("opening", "problem"), ("turn", "resolution", "ending")]
    if pages == 3:
        return [("opening", "problem"), ("attempt", "turn"), ("resolution", "ending")]
    if pages == 4:
        return [("opening",), ("problem",), ("attempt", "turn"), ("resolution", "ending")]
    if pages == 5:
        return [("opening",), ("problem",), ("attempt",), ("turn",), ("resolution", "ending")]
    middle = [("attempt",)] * (pages - 5)
    return [("opening",), ("problem",), *middle, ("turn",), ("resolution",), ("ending",)]


@dataclass
class _Bit:
    order: float
    priority: int
    options: tuple[str, ...]


def _fit(bits: Sequence[_Bit], low: int, high: int, fillers: Iterator[str]) -> str:
    """Choose sentences until the page sits inside [low, high] words.

    Core sentences (priority below 5) come first, each in its shortest form, so a crowded
    page still carries the whole plot; then they grow one step at a time, in turn, so no
    single long introduction starves the rest. Optional colour follows the same way up to
    a softer target, so pages do not all crowd the maximum. Fillers top up a short page.
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
        growing = [i for i in group if i in level]
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
    ordered = [chosen[i] for i in sorted(chosen, key=lambda i: (bits[i].order, i))]
    extra: list[str] = []
    while used < low:
        filler = next(fillers)
        words = count_words(filler)
        if used + words <= high:
            extra.append(filler)
            used += words
    # Fillers are spread between the chosen sentences so each page still ends on its beat.
    slots = max(1, len(ordered) - 1)
    merged: list[str] = []
    for position, sentence in enumerate(ordered):
        merged.append(sentence)
        if position < slots:
            merged.extend(extra[position::slots])
    if not ordered:
        merged = extra
    text = " ".join(merged)
    tokens = text.split()
    if len(tokens) > high:  # only when single mandatory sentences were enormous
        text = " ".join(tokens[:high]).rstrip(",;:") + "."
    return text


def _filler_stream(pools: Sequence[Sequence[str]], rng: random.Random) -> Iterator[str]:
    """Mood lines without repeats until all are used; tiny ones last, then cycle."""
    while True:
        batch: list[str] = []
        for pool in pools:
            items = list(pool)
            rng.shuffle(items)
            batch.extend(items)
        seen: set[str] = set()
        for line in batch:
            if line not in seen:
                seen.add(line)
                yield line
        yield from _TINY_MOODS


@dataclass
class _Story:
    brief: StoryBrief
    kit: _Kit
    place: _Place
    rng: random.Random
    people: list[_Person]
    setting: str
    tone: str
    thing: str  # with article: "the silver kite"
    thing_bare: str

    def names(self, cast: Sequence[_Person]) -> str:
        return _join_names([p.name for p in cast]) if cast else self.place.folk

    def hero(self, cast: Sequence[_Person]) -> str:
        return cast[0].name if cast else self.place.folk


def _fill(template: str, values: dict[str, str]) -> str:
    return _upper_first(template.format_map(values))


def _pick(rng: random.Random, options: Sequence[str], used: set[str]) -> str:
    fresh = [o for o in options if o not in used] or list(options)
    choice = rng.choice(fresh)
    used.add(choice)
    return choice


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


def _thing_from_outline(outline: str, people: Sequence[_Person]) -> str | None:
    """A quest object the outline itself names, so the generated beats agree with it.

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
            rf"(?:([a-z'-]+)\s+)?(?:([a-z'-]+)\s+)?{word}s?\b"
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


def _title(story: _Story) -> str:
    brief = story.brief
    if brief.title.strip():
        return brief.title.strip()  # exactly what parse_story_draft keeps
    place = story.place.title
    if story.setting and count_words(story.setting) <= 6:
        place = _title_case(story.setting)
        if place.split(" ", 1)[0].lower() in {"a", "an"}:
            place = "the " + place.split(" ", 1)[1] if " " in place else place
        if place[:4].lower() == "the ":
            place = "the " + place[4:]
    thing = _title_case(story.thing_bare)
    if story.people:
        pattern = story.rng.choice(story.kit.title_patterns)
        hero = story.people[0].name
    else:
        pattern = "The {Thing} of {Place}"
        hero = ""
    title = pattern.format(Hero=hero, Thing=thing, Place=place)
    title = _upper_first(" ".join(title.split()))
    return title[:200]


def _cast_plan(pages: int, people: Sequence[_Person]) -> tuple[list[list[int]], dict[int, int]]:
    """Which characters (by index) are on each page, and the page each is introduced on."""
    count = len(people)
    if not count:
        return [[] for _ in range(pages)], {}
    early = max(1, (pages + 1) // 2)
    intro = {0: 1}
    for index in range(1, count):
        intro[index] = 1 if pages <= 2 else min(early, 1 + (index * early) // count)
    beats = _beats(pages)
    casts: list[list[int]] = []
    for page in range(1, pages + 1):
        page_beats = beats[page - 1]
        big = page == pages or "turn" in page_beats or pages <= 2
        members = [0]
        for index in range(1, count):
            if intro[index] > page:
                continue
            rotating = (page + index) % 2 == 0 or count <= 2
            if intro[index] == page or big or rotating:
                members.append(index)
        casts.append(members)
    # On long stories with big casts, keep middle pages readable (and drawable).
    for page, members in enumerate(casts, start=1):
        if len(members) > 4 and page != pages:
            newcomers = [m for m in members if intro[m] == page]
            keep = [0, *newcomers]
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


_ACTIONS = {
    "opening": "setting off happily to explore",
    "problem": "looking surprised and worried, searching for {thing}",
    "turn": "discovering {thing}, faces lit up with joy",
    "resolution": "carrying {thing} back together, smiling",
    "ending": "celebrating together, cosy and happy",
}


def _beat_options(story: _Story, beat: str, values: dict[str, str], used: set[str]) -> list[str]:
    """The sentence for one story beat, then shorter fallbacks for crowded pages."""
    kit, rng = story.kit, story.rng
    if beat == "opening":
        return [
            _fill(_pick(rng, kit.openings, used), values),
            _fill("It was a {tone} day in {setting}.", values),
        ]
    if beat == "problem":
        return [
            _fill(_pick(rng, kit.problems, used), values),
            _fill("Then {thing} went missing.", values),
        ]
    if beat == "attempt":
        method = _pick(rng, kit.methods, used)
        values["method"] = method.format(spot=values["spot"])
        return [
            _fill("{Who} tried " + method + ".", values),
            _fill("They tried " + method + ".", values),
        ]
    if beat == "turn":
        return [
            _fill(_pick(rng, kit.turns, used), values),
            _fill("At last, {Hero} found {thing}!", values),
        ]
    if beat == "resolution":
        return [
            _fill(_pick(rng, kit.resolutions, used), values),
            _fill("{thing} was safe at last.", values),
        ]
    return [
        _fill(_pick(rng, kit.endings, used), values),
        _fill("It had been a {tone} day to remember.", values),
        _fill("What a {tone} day!", values),
    ]


# How much each beat matters when a page is too short to hold them all.
_BEAT_PRIORITY = {"opening": 1, "problem": 2, "attempt": 2, "turn": 2, "resolution": 3, "ending": 2}


def _gesture(person: _Person, rng: random.Random, spot: str) -> str:
    animal = _animal_of(person.brief)
    pool = next((g for a, g in _GESTURES if a == animal), _PLAIN_GESTURES)
    return f"{person.name} {rng.choice(pool).format(spot=spot)}."


def _quote(line: str, tag: str) -> str:
    """Dialogue with its tag: a closing full stop inside the quote becomes a comma."""
    if line.endswith("."):
        line = line[:-1] + ","
    if line.endswith("?") and tag.startswith("said "):
        tag = "asked " + tag[5:]
    return f'"{line}" {tag}.'


def _page_bits(
    story: _Story,
    page: int,
    beats: Sequence[str],
    cast: Sequence[_Person],
    newcomers: Sequence[_Person],
    outline: Sequence[str],
    used: set[str],
    when: str,
) -> tuple[list[_Bit], str, str]:
    """The candidate sentences for one page in reading order, plus the picture's action and spot.

    Reading order: where we are, the first beat, introductions, the outline's own words,
    reactions and colour, dialogue, and the page's last beat.
    """
    kit, rng = story.kit, story.rng
    spot = _pick(rng, story.place.spots, used)
    doer = rng.choice(cast).name if cast and rng.random() < 0.5 else story.names(cast)
    values = {
        "All": story.names(cast) if cast or rng.random() < 0.5 else "everyone",
        "Hero": story.hero(cast),
        "Who": doer,
        "thing": story.thing,
        "Thing": _upper_first(story.thing),
        "setting": story.setting,
        "tone": story.tone,
        "spot": spot,
        "When": _upper_first(when.split(",")[0]),
    }
    bits: list[_Bit] = []

    def add(priority: int, *options: str) -> None:
        options = tuple(o for o in options if o)
        if options:
            bits.append(_Bit(len(bits), priority, options))

    def add_beat(beat: str) -> None:
        add(_BEAT_PRIORITY[beat], *_beat_options(story, beat, values, used))
        if beat == "attempt":
            follow = kit.clues if page % 2 == 0 else kit.setbacks
            add(4, _pick(rng, follow, used))
        add(5, _fill(_pick(rng, _REACTIONS[beat], used), values))

    first, rest = beats[0], list(beats[1:])
    if first == "opening":
        add_beat(first)
        add(3, _fill(_pick(rng, _SETUPS, used), values))
    else:
        add(4, _fill(_pick(rng, _TRANSITIONS, used), values))
        rest.insert(0, first)
    for person in newcomers:
        add(0, *_intro_options(person))

    # The user's outline, in its own words and order; the page's first segment matters most.
    for index, segment in enumerate(outline):
        words = segment.split()
        options = [segment]
        for size in (18, 12, 8):
            if len(words) > size:
                options.append(" ".join(words[:size]).rstrip(",;:") + "...")
        add(1 if index == 0 else 3 + min(index, 2), *options)

    # Personality and background colour the pages after a character's introduction.
    for person in cast:
        if person in newcomers:
            continue
        key_p, key_b = f"personality:{person.name}", f"background:{person.name}"
        if person.personality and key_p not in used and rng.random() < 0.7:
            used.add(key_p)
            add(6, _personality_sentence(person))
        elif person.background and key_b not in used and page > 1:
            used.add(key_b)
            add(
                6,
                f"{person.name} thought back to where it all began: "
                f"{_lower_first(person.background)}.",
            )

    for beat in rest[:-1]:
        add_beat(beat)
    main_beat = rest[-1] if rest else first
    if cast:
        speaker = cast[rng.randrange(len(cast))]
        line_pool = kit.lines.get(main_beat, ()) + _GENERIC_LINES.get(main_beat, ())
        line = _pick(rng, line_pool, used)
        add(5, _quote(line, speaker.tag.format(name=speaker.name)))
        for person in cast:
            if person is not speaker and person not in newcomers:
                add(6, _gesture(person, rng, spot))
    if main_beat == "ending":
        add(6, _fill("Everything about that day had felt {tone}.", values))
    if rest:
        add_beat(rest[-1])

    if beats[-1] == "attempt":
        action = values["method"]
    else:
        action = _ACTIONS[beats[-1]].format(thing=story.thing)
    return bits, action, spot


def _mention_cast(text: str, cast: Sequence[_Person]) -> str | None:
    """A short sentence naming whoever is on the page but missing from its text."""
    missing = [p.name for p in cast if p.name.casefold() not in text.casefold()]
    if not missing:
        return None
    verb = "was" if len(missing) == 1 else "were"
    return f"{_join_names(missing)} {verb} there too."


def write_story_payload(brief: StoryBrief) -> dict[str, Any]:
    """The story for ``brief`` in the reply schema that ``parse_story_draft`` accepts."""
    rng = random.Random(_seed(brief))
    kit = _kit_for(brief.genre)
    setting = _setting_phrase(brief.setting) or kit.setting
    theme = theme_for(setting)
    place = _PLACES[theme]
    tone = _tone_phrase(brief.tone) or kit.tone
    people = [_person(c) for c in brief.characters if c.name.strip()]
    outline_thing = _thing_from_outline(brief.outline, people)
    thing_bare = outline_thing or rng.choice(kit.things)
    story = _Story(
        brief=brief,
        kit=kit,
        place=place,
        rng=rng,
        people=people,
        setting=setting,
        tone=tone,
        thing=f"the {thing_bare}",
        thing_bare=thing_bare,
    )
    title = _title(story)
    pages = max(1, brief.num_pages)
    low, high = word_range(brief.text_density)
    beats = _beats(pages)
    casts, intro = _cast_plan(pages, people)
    segments = _outline_segments(brief.outline)
    placement = _spread(len(segments), pages)
    per_page: list[list[str]] = [[] for _ in range(pages)]
    for segment, page in zip(segments, placement, strict=True):
        per_page[page - 1].append(segment)

    moods = [place.moods, kit.moods, _GENERIC_MOODS]
    style = brief.writing_style.lower()
    if "rhym" in style or "poem" in style or "poetic" in style or "lyric" in style:
        moods.insert(
            0,
            (
                "Tip and tap, the day went round; little wonders could be found.",
                "Step by step and side by side, hope became their trusty guide.",
            ),
        )
    fillers = _filler_stream(moods, rng)
    used: set[str] = set()

    out_pages: list[dict[str, Any]] = [
        {
            "page_number": 0,
            "text": title,
            "image_description": (
                f"Picture-book cover in {_style_name(brief.image_style)} for "
                f'"{title}": '
                + (
                    _join_names(
                        [f"{p.name} ({p.look_short})" if p.look_short else p.name for p in people]
                    )
                    + " standing together in a heroic pose"
                    if people
                    else place.folk
                )
                + f", {story.thing} held up between them, in {setting}. Bright, inviting and "
                f"child-safe; keep the {brief.text_position} area calm for the title."
            ),
            "characters_in_scene": [p.name for p in people],
        }
    ]
    for page in range(1, pages + 1):
        cast = [people[i] for i in casts[page - 1]]
        newcomers = [people[i] for i, first in intro.items() if first == page]
        when = _time_of_day(page, pages, kit, theme)
        bits, action, spot = _page_bits(
            story, page, beats[page - 1], cast, newcomers, per_page[page - 1], used, when
        )
        text = _fit(bits, low, high, fillers)
        mention = _mention_cast(text, cast)
        if mention:
            bits.append(_Bit(0.5, 0, (mention,)))
            text = _fit(bits, low, high, fillers)
        description = None
        if needs_picture(brief, page):
            description = _picture_description(story, cast, action, spot, when)
        out_pages.append(
            {
                "page_number": page,
                "text": text,
                "image_description": description,
                "characters_in_scene": [p.name for p in cast],
            }
        )
    return {"title": title, "pages": out_pages}


def write_story(brief: StoryBrief) -> StoryDraft:
    """A complete, validated story for ``brief``; the same brief always gives the same story."""
    return parse_story_draft(write_story_payload(brief), brief, usage=Usage())
