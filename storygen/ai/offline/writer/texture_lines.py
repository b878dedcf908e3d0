"""Lines that give an event its texture: openings, endings, looks at things, talk, pauses.

Data only; choosing and filling them is ``telling``. Placeholders: {name} someone in the
event, {other} someone else the story has met, {names} the whole cast, {noun} a thing the
event names, {be} "was" or "were" to agree with it, and {place} the setting with its
preposition ("on the Moon"). No line names a time of day or a search: those come only from
the outline (bedtime lines are for bedtime stories alone).
"""

from __future__ import annotations

#: How each kind of story opens, by genre group; the first line that fills in is used.
OPENINGS: dict[str, tuple[str, ...]] = {
    "bedtime": (
        "The evening was winding down for {names}, and the lamps glowed soft and low.",
        "It was nearly bedtime for {names}, and everything was growing quiet and slow.",
        "The evening settled like a warm blanket over {names}.",
    ),
    "funny": (
        "Here is a silly story, and it is about {names}.",
        "Nobody expected what was about to happen, least of all {names}.",
        "Get ready, because things were about to get very silly for {names}.",
    ),
    "calm": (
        "Every story starts somewhere, and this one starts with {names}.",
        "Things were about to get interesting for {names}.",
        "A story was about to begin for {names}.",
    ),
    "bold": (
        "Adventures often begin in small ways, and this one began with {names}.",
        "Something exciting was waiting for {names}.",
        "An adventure was about to begin for {names}.",
    ),
}

#: How each kind of story ends.
ENDINGS: dict[str, tuple[str, ...]] = {
    "bedtime": (
        "Everything was still around {name}, and the house breathed slow and soft. Goodnight.",
        "The last light went out, and dreams came drifting in for {name}. Goodnight.",
    ),
    "funny": (
        "And {name} agreed it was the silliest, happiest thing that had ever happened.",
        "Even now, {name} cannot help giggling whenever anyone tells that story.",
    ),
    "calm": (
        "And {name} felt warm all the way through.",
        "It was a story {name} would remember for a long, long time.",
    ),
    "bold": (
        "For {name}, what an adventure it had been!",
        "And {name} knew there would be more adventures to come.",
    ),
}

#: A look at one of the event's things.
NOUN_LINES = (
    "{name} looked closely at the {noun}.",
    "The {noun} {be} right there, close enough to touch.",
    "Nobody could take their eyes off the {noun}.",
    "{name} would remember the {noun} for a long time.",
    "For a moment, everything was about the {noun}.",
    "{name} smiled at the {noun}.",
    "{name} had never seen anything quite like the {noun}.",
    "{name} reached out towards the {noun}.",
    "There {be} the {noun}, just as {name} had pictured.",
)

#: Someone speaking about one of the event's things.
NOUN_TALK = (
    '"Look at the {noun}!" said {name}.',
    '{name} asked, "Did you see the {noun}?"',
    '"I will never forget the {noun}," said {name}.',
    '"Oh, the {noun}!" cried {name}.',
)

#: Someone answering what was just said.
REPLIES = (
    '"I see it!" said {name}.',
    '"Let\'s go closer," said {name}.',
    '"Wow," breathed {name}.',
    '"It is even better than I thought," said {name}.',
    '"Me too," said {name}, grinning.',
    '"Careful now," said {name}.',
    '{name} nodded. "Me neither."',
)

#: Talk that moves the story on, by genre group.
TALK: dict[str, tuple[str, ...]] = {
    "bedtime": (
        '"Just one more minute," {name} whispered.',
        '"Everything is all right," said {name} softly.',
        '"I feel cosy now," {name} murmured.',
        '"Shh, listen," said {name} in a small voice.',
        '"Will you stay a little longer?" asked {name}.',
        '"I am not sleepy at all," {name} yawned.',
    ),
    "funny": (
        '"Well, that was unexpected!" said {name}.',
        '"Who would have thought it?" giggled {name}.',
        '"This is the silliest thing ever," laughed {name}.',
        '"Oops!" said {name}, trying not to laugh.',
        '"Nobody is going to believe this," said {name}.',
        '"Again! Again!" shouted {name}.',
    ),
    "calm": (
        '"What shall we do next?" asked {name}.',
        '"I like this," said {name} with a smile.',
        '"Come and see!" called {name}.',
        '"I am glad we did this," said {name}.',
        '"Can we do it again?" asked {name}.',
        '"Look how far we have come," said {name}.',
    ),
    "bold": (
        '"Come on!" called {name}.',
        '"Hold on tight!" said {name}.',
        '"What happens now?" asked {name}, eyes wide.',
        '"Nothing is going to stop us," said {name}.',
        '"Stay close!" called {name}.',
        '"This is it!" said {name}.',
    ),
}

#: Small moments between events: a feeling, a gesture, a breath.
PAUSES = (
    "{name} took a deep breath.",
    "{name}'s heart gave a happy little skip.",
    "{name} could hardly believe it.",
    "{name} grinned from ear to ear.",
    "{name} listened and nodded.",
    "{name} felt brave and ready.",
    "{name} looked around and smiled.",
    "{name} held very still and watched.",
    "Then {name} laughed out loud.",
    "{name} clapped both hands together.",
    "{name} stood up a little taller.",
    "{name} gave a little wave.",
    "{name} let out a long, happy sigh.",
    "{name} thought about what to do next.",
    "{name} bounced on tiptoe.",
    "{name} could not stop smiling.",
    "{name} blinked, then blinked again.",
    "{name}'s eyes grew wide.",
)

#: A page that lingers on what just happened: someone thinking back on the event's thing.
AFTER = (
    "{name} kept thinking about the {noun}.",
    "Afterwards, {name} told {other} everything about the {noun}.",
    "{name} and {other} talked about the {noun} for a long while.",
    "It was not every day that something like the {noun} came along.",
    "Nobody would forget the {noun} in a hurry.",
    '"Tell me about the {noun} again," {other} asked {name}.',
)

#: Two characters together.
TOGETHER = (
    "{name} and {other} shared a smile.",
    "{name} looked over at {other}.",
    "{name} stayed close to {other}.",
    '"We did it together," {name} told {other}.',
    "{other} gave {name} a friendly nudge.",
)

#: The setting, when the brief names one.
PLACE_LINES = (
    "Everything {place} seemed to be watching.",
    "It felt good to be {place}.",
    "All around, things were busy {place}.",
    "There was so much to see {place}.",
)

#: What any page can use when it is still short.
QUIET = (
    "It was the kind of moment that stays with you.",
    "Everything felt a little bit magical.",
    "Everyone was smiling now.",
    "It was hard to stop smiling.",
    "Some moments are worth the wait.",
    "Little by little, everything changed.",
    "Nobody said a word for a while.",
    "It was all so new and wonderful.",
    "What a thing to see!",
)

#: Words for the next event on the same page or after a pause: varies the sentence shape.
LINKS = ("Next,", "After that,", "Soon", "Before long,", "Then", "A little later,")

#: What someone does in a quiet moment, and how: put together when a long page needs more.
GESTURES = (
    "smiled", "nodded", "laughed softly", "looked up", "waited", "listened", "sighed happily",
    "hummed a little tune", "stretched", "peeked around", "took a step closer", "leaned in",
    "stood very still", "wiggled with excitement", "let out a small cheer", "looked all around",
    "sat down for a moment", "gave a little hop", "rubbed both eyes", "held on tight",
    "tapped one foot", "grinned", "whistled softly", "counted to three",
)  # fmt: skip
MANNERS = (
    "without saying a word", "for a long, quiet moment", "as if nothing could be better",
    "feeling very brave", "with a happy heart", "and felt warm inside", "just to be sure",
    "with bright, shining eyes", "and felt a little taller", "and waited to see what came next",
    "with a big, wide grin", "and felt ready for anything", "and thought about home",
    "and felt the world was wide", "as quietly as a mouse", "and hoped it would last",
    "and felt lucky", "happy to be there",
)  # fmt: skip

#: Each genre's own colour, one line at most on a page; keyed by words of the genre.
GENRE_COLOUR: dict[str, tuple[str, ...]] = {
    "sci": (
        "Somewhere nearby, a signal beeped softly.", "A little scanner hummed and blinked.",
        "All systems were go.",
    ),
    "space": ("A faraway signal blinked like a friendly wink.", "All systems were go."),
    "horror": (
        "A shadow wiggled on the wall, and it was only a friendly one.",
        "Something creaked, and then came a giggle.", "A small bat flitted past.",
    ),
    "mystery": (
        "It was a real mystery.", "Every clue mattered now.", "The case was getting interesting.",
    ),
    "comedy": (
        "It was all a little bit silly.", "Somebody honked like a goose.",
        "There was a giggle, then a splat.",
    ),
    "funny": ("It was all a little bit silly.", "There was a giggle, then a splat."),
    "fantasy": ("Magic shimmered in the air.", "A little sparkle drifted by."),
    "magic": ("Magic shimmered in the air.", "A little sparkle drifted by."),
    "fairy": ("It felt like the start of a fairy tale.", "A little sparkle drifted by."),
}  # fmt: skip
