"""Who a description is about: the words for people and creatures, and how to read them.

The rules tell the character ("a hedgehog with tiny glasses") from what it owns ("a boy with
his dog") or wears ("bunny slippers"). Reading only; the colours and sizes a creature is
drawn with are in ``look_tables``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storygen.ai.offline.painter.look_tables import CLOTHES
from storygen.ai.offline.painter.words import singulars, split_words
from storygen.ai.types import CharacterBrief

# Every word that names a creature, mapped to the kind of figure drawn for it. Relatives share
# a figure ("goose" is drawn as a duck, "reindeer" as a deer).
_ANIMAL_WORDS: dict[str, str] = {
    word: kind
    for kind, words in (
        ("cat", "cat kitten kitty tomcat panther leopard cheetah jaguar lynx puma"),
        (
            "dog",
            "dog puppy pup doggy doggie hound poodle terrier spaniel beagle collie dachshund "
            "labrador",
        ),
        ("fox", "fox vixen"),
        ("rabbit", "rabbit bunny hare"),
        ("bear", "bear teddy"),
        ("owl", "owl owlet"),
        ("dragon", "dragon"),
        ("robot", "robot android"),
        ("mouse", "mouse rat hamster gerbil vole shrew"),
        (
            "bird",
            "bird parrot robin sparrow wren finch bluebird blackbird crow raven magpie pigeon "
            "dove seagull gull hen chicken chick rooster cockerel canary budgie parakeet "
            "eagle hawk falcon woodpecker kingfisher hummingbird toucan flamingo phoenix",
        ),
        ("hedgehog", "hedgehog hedgie"),
        ("turtle", "turtle tortoise terrapin"),
        ("frog", "frog froggy toad tadpole"),
        ("pig", "pig piglet piggy hog boar"),
        ("elephant", "elephant mammoth"),
        ("lion", "lion lioness"),
        ("tiger", "tiger tigress"),
        ("penguin", "penguin puffin"),
        ("duck", "duck duckling drake goose gosling swan"),
        ("sheep", "sheep lamb ewe ram"),
        ("horse", "horse pony foal colt filly mare stallion donkey mule zebra pegasus"),
        ("unicorn", "unicorn"),
        ("squirrel", "squirrel chipmunk"),
        ("badger", "badger"),
        ("otter", "otter weasel ferret stoat mink"),
        ("hippo", "hippo hippopotamus"),
        ("giraffe", "giraffe"),
        (
            "dinosaur",
            "dinosaur dino t-rex trex tyrannosaurus stegosaurus triceratops brontosaurus "
            "diplodocus brachiosaurus velociraptor raptor",
        ),
        ("monkey", "monkey ape chimp chimpanzee gorilla orangutan baboon"),
        ("wolf", "wolf coyote jackal"),
        ("deer", "deer fawn doe stag reindeer elk moose caribou gazelle antelope"),
        ("snail", "snail slug"),
        ("bee", "bee bumblebee honeybee wasp"),
        ("ladybug", "ladybug ladybird"),
    )
    for word in words.split()
}


# Creatures with no figure of their own: drawn as a friendly generic critter, never a person.
_CRITTER_WORDS = frozenset(
    split_words(
        """
        platypus koala kangaroo wallaby wombat panda raccoon racoon skunk porcupine beaver
        armadillo sloth lemur meerkat mongoose possum opossum quokka aardvark anteater tapir
        capybara llama alpaca camel goat cow calf bull ox yak bison buffalo rhino rhinoceros
        hyena walrus seal narwhal whale dolphin shark octopus squid crab lobster jellyfish
        starfish seahorse fish goldfish lizard gecko chameleon iguana snake crocodile alligator
        newt salamander axolotl bat ostrich emu peacock pelican stork heron turkey dodo butterfly
        caterpillar ant beetle spider worm grasshopper dragonfly firefly moth centipede
        griffin gryphon yeti alien creature critter beast monster
        """
    )
)


# Two-word names that mean something other than their last word ("guinea pig", "ladybird").
_COMPOUNDS: dict[tuple[str, str], str] = {
    ("guinea", "pig"): "critter",
    ("sea", "horse"): "critter",
    ("sea", "lion"): "critter",
    ("koala", "bear"): "critter",
    ("polar", "bear"): "bear",
    ("lady", "bird"): "ladybug",
    ("lady", "bug"): "ladybug",
    ("bumble", "bee"): "bee",
    ("honey", "bee"): "bee",
}


# Words for people: the first being a description names decides ("a girl who loves horses" is
# a girl, "a hedgehog with tiny glasses" is a hedgehog).
_HUMAN_WORDS = frozenset(
    split_words(
        """
        girl boy child kid baby toddler teenager teen man woman lady gentleman person human
        people men women children prince princess king queen knight wizard witch sorceress
        sorcerer pirate astronaut grandma grandpa grandmother grandfather granny grandad nana
        gran mum mom mother mama dad father papa sister brother aunt auntie uncle son daughter
        twin teacher doctor nurse farmer baker sailor captain explorer scientist inventor
        detective chef student pupil schoolgirl schoolboy lad lass hero heroine superhero ninja
        cowboy cowgirl firefighter pilot ballerina dancer musician singer fairy elf mermaid
        year-old
        """
    )
)


# Body words that only a creature has; they make a critter of a text that names no being.
_CREATURE_HINTS = frozenset(
    split_words(
        """
        fur furry paws whiskers snout muzzle beak hooves tail tails tentacles antennae fins
        feathers feathered scales scaly claws webbed
        """
    )
)


# Words just before a creature's name that make it something owned or loved, not the character
# ("a boy with his dog", "loves horses").
_OWNING_WORDS = frozenset(
    split_words(
        """
        with holding holds carrying carries hugging hugs loves love likes adores riding rides
        owns feeds feeding chasing chases wears wearing wear her his their my pet toy stuffed plush
        """
    )
)


# Words just after it that make it a thing ("a bear costume", "bunny slippers").
_THING_WORDS = frozenset(
    split_words(
        """
        costume onesie mask ears print pattern slippers toy plushie sticker badge balloon kite
        book books drawing picture puppet lover shaped clip hairclip necklace brooch pin charm
        """
    )
)


# Animal words that are also common given names ("Robin", "Bee").
_NAME_WORDS = frozenset({"robin", "wren", "drake", "bee", "fawn"})


# Words that end a "person word + creature" phrase: "a boy and his dog", "a girl's cat".
_PHRASE_BREAKS = frozenset(
    split_words("and or with who that which of s has had loves likes her his their a an the")
)


def creature_word(word: str, *, critters: bool = True) -> tuple[str, str] | None:
    """The (kind, singular word) a single word names, if it names a creature."""
    for form in singulars(word):
        if form in _ANIMAL_WORDS:
            return _ANIMAL_WORDS[form], form
        if critters and form in _CRITTER_WORDS:
            return "critter", form
    return None


def _is_human_word(word: str) -> bool:
    return word.endswith("year-old") or any(form in _HUMAN_WORDS for form in singulars(word))


def _modifies_creature(ahead: Sequence[str]) -> bool:
    """Whether a person word is only describing the creature named right after it.

    "a baby elephant", "a queen bee" and "a pirate cat" are creatures; "a boy and his dog"
    and "a girl's cat" are not, as the words in between break the phrase.
    """
    for word in ahead:
        if creature_word(word) is not None:
            return True
        if word in _PHRASE_BREAKS or _is_human_word(word):
            return False
    return False


def identity_of(character: CharacterBrief) -> tuple[str | None, str]:
    """What ``character`` is: a creature's (kind, word), or (None, "") for a person.

    The description, appearance and key traits are read in that order, clause by clause; the
    first word naming a person or a creature decides, unless the creature is only owned or
    worn ("with his dog", "bunny slippers"). A text naming no being but giving it creature
    parts ("soft fur and a long tail") is a critter. The name counts last, and only for the
    main animal words that are not also common given names.
    """
    hinted = False
    fields = (character.description, character.physical_appearance, character.key_traits)
    for text, is_name in (*((field, False) for field in fields), (character.name, True)):
        for clause in re.split(r"[.;:!?()\n]", text.lower()):
            tokens = re.findall(r"[a-z]+(?:-[a-z]+)*", clause)
            for index, token in enumerate(tokens):
                after = tokens[index + 1] if index + 1 < len(tokens) else ""
                compound = _COMPOUNDS.get((token, after))
                if compound is not None and not is_name:
                    return compound, f"{token}-{after}"
                if _is_human_word(token) and not _modifies_creature(tokens[index + 1 : index + 3]):
                    return None, ""
                found = creature_word(token, critters=not is_name)
                before = set(tokens[max(0, index - 3) : index])
                thing = after in _THING_WORDS or after in CLOTHES or bool(before & CLOTHES)
                owned = thing or bool(before & _OWNING_WORDS)
                if found is not None and not owned and not (is_name and found[1] in _NAME_WORDS):
                    return found
                # "with" does not own a body part: "a wumpus with a long tail" has the tail.
                if not is_name and token in _CREATURE_HINTS and not thing:
                    hinted = hinted or not (before & (_OWNING_WORDS - {"with"}))
    return ("critter", "") if hinted else (None, "")
