"""Phrasing tables: extra beat lines for roomy pages, helpers, encounters, gestures,
speech tags, and the small word lists used to describe characters.

Data only; the code that picks from them is in ``pages`` and ``characters``.
"""

from __future__ import annotations

import re

# More of each beat for roomy pages: what else happens, before any scenery is needed.
EXTRAS: dict[str, tuple[str, ...]] = {
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
HELPERS = (
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
THEME_HELPERS: dict[str, tuple[str, ...]] = {
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

HELPS = (
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
ENCOUNTERS = (
    "At {spot}, {All} met {helper}, who {help}.",
    "Near {spot}, {helper} stopped to say hello, and {help}.",
)

# Arriving somewhere new on a page, so each page has a place of its own.
ARRIVALS = (
    "{All} came to {spot}.",
    "The way led on to {spot}.",
    "Next stop: {spot}.",
    "Soon {they} reached {spot}.",
    "{All} stopped at {spot} to look around.",
)

# How a lone character is named on a page whose lines did not name them.
ALONE = (
    "{names} felt it too.",
    "{names} was ready.",
    "{names} took a deep breath.",
    "{names} stood very still.",
    "{names} looked around.",
    "{names} smiled a small smile.",
)

# How the whole cast is named on a page whose lines named none of them.
TOGETHER = (
    "{names} watched, wide-eyed.",
    "{names} stood side by side.",
    "{names} looked at each other and smiled.",
    "{names} held their breath together.",
    "{names} stayed close together.",
)

# How a character who is on the page but not yet named in its text is mentioned.
ALONG = (
    "{names} {was} there too.",
    "{names} came along, of course.",
    "{names} stayed close by.",
    "{names} {was} right there as well.",
    "{names} joined in.",
    "{names} followed close behind.",
)

# For creatures with no gestures of their own.
CREATURE_GESTURES = (
    "[happy] wiggled with delight",
    "sniffed the air",
    "twitched a curious nose",
    "perked up",
    "shuffled a little closer",
    "blinked slowly",
)

GESTURES: tuple[tuple[str, tuple[str, ...]], ...] = (
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

PLAIN_GESTURES = (
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
SPEECH_TAGS: tuple[tuple[tuple[str, ...], str], ...] = (
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

ANIMALS = (
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

GARMENTS = re.compile(
    r"\b(?:shirts?|t-shirt|dress(?:es)?|skirts?|capes?|cloaks?|hats?|caps?|coats?|"
    r"jackets?|hoodies?|jumpers?|sweaters?|scarf|scarves|boots?|shoes?|trousers|jeans|"
    r"overalls|dungarees|uniform|robes?|tunic|armou?r|gown|vest|shorts|suit|raincoat|"
    r"pyjamas|pajamas|crown|glasses|goggles|helmet|apron|bow|socks|sneakers|trainers|"
    r"spacesuit|waistcoat|cardigan|kimono|poncho|sweatshirt|jersey|leggings|tights|"
    r"sandals|wellies|slippers|beanie|tiara|bandana|overcoat|blazer|pinafore)\b",
    re.IGNORECASE,
)

PLURAL_GARMENTS = {
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
DETERMINERS = {
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

NUMBER_WORDS = (
    *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    *("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"),
    *("eighteen", "nineteen", "twenty"),
)

STYLE_NAMES = {"default": "classic storybook"}
