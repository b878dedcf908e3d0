"""Lines that give an event its texture: openings, endings, looks at things, talk, pauses.

Data only; choosing and filling them is ``telling``. Placeholders: {name} someone in the
event, {other} someone else the story has met, {names} the whole cast, {noun} a thing the
event names, {be} "was" or "were" to agree with it, and {place} the page's own place with
its preposition ("in Leo's garden", "on the Moon"). Talk that answers what an event did is
in ``reactions``. No line names a time of day or a search: those come only from
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
    "Nobody could take their eyes off the {noun}.",
    "{name} smiled at the {noun}.",
    "{name} had never seen anything quite like the {noun}.",
    "{name} reached out towards the {noun}.",
    "{name} pointed at the {noun}.",
)

#: Someone speaking about one of the event's things.
NOUN_TALK = (
    '"Look at the {noun}!" said {name}.',
    '{name} asked, "Did you see the {noun}?"',
    '"Oh, the {noun}!" cried {name}.',
)

#: Someone answering what was just said.
REPLIES = (
    '"I see it!" said {name}.',
    '"Let\'s go closer," said {name}.',
    '"Wow," breathed {name}.',
    '"Careful now," said {name}.',
    '"Yes, I see it too," said {name}, grinning.',
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
    "{other} gave {name} a friendly nudge.",
)

#: The page's own place ("in Leo's garden"), never another.
PLACE_LINES = (
    "It felt good to be {place}.",
    "There was so much to see {place}.",
)

#: The brief's setting, on a page the outline puts somewhere in particular within it.
SETTING_LINES = (
    "{setting} was never far away.",
    "All of this happened close to {setting}.",
)

#: What any page can use when it is still short.
QUIET = (
    "It was the kind of moment that stays with you.",
    "Everything felt a little bit magical.",
    "It was hard to stop smiling.",
    "Some moments are worth the wait.",
    "It was all so new and wonderful.",
    "What a thing to see!",
    "Nobody had expected that!",
    "It was turning into quite a day.",
    "Some things are hard to believe until you see them.",
    "It was the start of something.",
    "Little things can matter a lot.",
    "That was how it went, one thing after another.",
    "It was a good thing to remember.",
    "Who could have guessed?",
)

#: The last resort of a page still short of its density once everything else is told (a
#: long book from an outline of a few words): a gesture and how, put together.
GESTURES = (
    "smiled", "nodded", "looked up", "waited", "listened", "sighed happily", "stretched",
    "peeked around", "took a step closer", "leaned in", "stood very still",
    "sat down for a moment", "held on tight", "grinned", "looked all around",
    "laughed softly", "whistled softly", "rubbed both eyes", "hummed a little tune",
    "tapped one foot", "counted to three",
)  # fmt: skip
MANNERS = (
    "without saying a word", "for a long, quiet moment", "with a happy heart",
    "and felt warm inside", "with bright, shining eyes", "and waited to see what came next",
    "and felt ready for anything", "and thought about home", "and felt the world was wide",
    "and hoped it would last", "happy to be there", "as quietly as a mouse", "and felt lucky",
    "just to be sure", "feeling very brave", "and felt a little taller",
)  # fmt: skip

#: Words for the next event on the same page or after a pause: varies the sentence shape.
LINKS = ("Next,", "After that,", "Soon", "Before long,", "Then", "A little later,")

#: Each genre's own colour, one line at most on a page; keyed by words of the genre. A
#: feeling, never a thing that happens: no signal beeps that the outline did not mention.
GENRE_COLOUR: dict[str, tuple[str, ...]] = {
    "sci": ("It felt like the start of a great mission.", "It felt as if anything could happen."),
    "space": ("It felt like the start of a great mission.",),
    "horror": (
        "It was spooky, but only a little bit.",
        "It was the friendly kind of spooky.",
        "Everything felt a tiny bit spooky.",
    ),
    "mystery": ("It was a real mystery.", "Every clue mattered now."),
    "comedy": ("It was all a little bit silly.", "What a silly thing to happen!"),
    "funny": ("It was all a little bit silly.", "What a silly thing to happen!"),
    "fantasy": ("It felt as if magic was very close.",),
    "magic": ("It felt as if magic was very close.",),
    "fairy": ("It felt like the start of a fairy tale.",),
}
