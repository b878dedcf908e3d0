"""What the characters say or do right after an event, by the kind of thing it did.

Data only; ``telling`` picks the family whose verbs the event uses and fills a line in.
Placeholders: {name} whoever did it, {other} someone with them (lines naming {other} are
left out when nobody is), {noun} the thing the event names, {it} "it" or "them" and {be}
"is" or "are" to agree with it. A line never claims something the outline did not say: it
remarks on the event, asks about it or shows a feeling.
"""

from __future__ import annotations

from storygen.ai.offline.writer.words import wordset

#: Verbs of growing things, and what is planted without growing.
REACTIONS_GROWING = wordset(
    "plant plants planted grow grows grew water waters watered sprout sprouts"
)
NOT_GROWING = wordset("flag sign pole post stick")

#: (the verbs of a family in any form, its lines); the first family whose verb the event
#: uses is the one told.
REACTIONS: tuple[tuple[frozenset[str], tuple[str, ...]], ...] = (
    (
        wordset("zoom zooms zoomed fly flies flew flying launch launches launched blast blasts"),
        (
            '"Hold on tight!" called {name}.',
            '"Here we go!" cried {other}.',
            '"Whee!" shouted {name}.',
            '"Faster, faster!" laughed {other}.',
        ),
    ),
    (
        wordset("build builds built make makes made"),
        (
            '"Will the {noun} really work?" asked {other}.',
            "{name} stepped back to look at the {noun}.",
            '"Nearly done!" said {name}.',
            '"What a fine {noun}!" said {other}.',
        ),
    ),
    (
        wordset("find finds found discover discovers discovered dig digs dug spot spots"),
        (
            '"What is it?" whispered {other}.',
            '"Look what I found!" called {name}.',
            "{name} looked at the {noun} very carefully.",
            '"Is it really {a} {noun}?" asked {other}.',
        ),
    ),
    (
        wordset("collect collects collected gather gathers gathered pick picks picked"),
        (
            '"Look how {adjective} {it} {be}!" said {name}.',
            '"How many do we have now?" asked {other}.',
            '"One more!" said {name}.',
        ),
    ),
    (
        wordset("lose loses lost"),
        ('"Oh no!" said {name}.', '"Oh dear," said {other}.'),
    ),
    (
        wordset("forget forgets forgot"),
        ('"Now where was it?" wondered {name}.', '"Think hard," said {other}.'),
    ),
    (
        wordset("hug hugs hugged cuddle cuddles cuddled snuggle snuggles kiss kisses kissed"),
        (
            '"I love you," whispered {name}.',
            "{name} held on tight.",
            '"That is much better," said {other}.',
        ),
    ),
    (
        wordset("sleep sleeps slept asleep yawn yawns yawned dream dreams"),
        ('"Goodnight," whispered {other}.', "{name} gave a big, slow yawn."),
    ),
    (
        REACTIONS_GROWING,
        (
            '"Grow, little {noun}, grow!" whispered {name}.',
            '"How big will {it} grow?" asked {other}.',
        ),
    ),
    (
        wordset("eat eats ate munch munches drink drinks drank taste tastes bite bites"),
        ('"Yum!" said {name}.', '"Is there any left for me?" asked {other}.'),
    ),
    (
        wordset("swim swims swam splash splashes splashed dive dives dived paddle paddles"),
        ('"Splash!" laughed {name}.', '"Come on in!" called {name}.'),
    ),
    (
        wordset("climb climbs climbed jump jumps jumped hop hops hopped bounce bounces bounced"),
        ('"Up we go!" said {name}.', '"Don\'t look down!" called {other}.'),
    ),
    (
        wordset("meet meets met greet greets greeted visit visits visited welcome welcomes"),
        ('"Hello!" said {name}.', '"Nice to meet you," said {other}.'),
    ),
    (
        wordset("feed feeds fed"),
        ('"Here you go," said {name} softly.', '"Slowly now," said {other}.'),
    ),
    (
        wordset("give gives gave share shares shared offer offers lend lends"),
        ('"This is for you," said {name}.', '"Thank you!" said {other}.'),
    ),
    (
        wordset("show shows showed"),
        ('"Look at this," said {name}.', '"Oh, wow," said {other}.'),
    ),
    (
        wordset("press presses pressed push pushes pushed pull pulls pulled turn turns"),
        ('"Here goes!" said {name}.', '"What does this do?" asked {other}.'),
    ),
    (
        wordset("wave waves waved"),
        ('"Goodbye!" called {name}.', '"See you soon!" called {other}.'),
    ),
    (
        wordset("rattle rattles rattled crack cracks cracked pop pops popped hatch hatches"),
        ('"What was that?" whispered {name}.', '"Did you hear that?" asked {other}.'),
    ),
    (
        wordset("tell tells told read reads sing sings sang"),
        ('"And then what happened?" asked {other}.', '"Tell it again," said {other}.'),
    ),
    (
        wordset("imagine imagines imagined wish wishes wished"),
        ('"Just imagine!" whispered {name}.', '"Wouldn\'t that be something?" said {other}.'),
    ),
    (
        wordset("draw draws drew paint paints painted sketch sketches sketched"),
        ('"Do you like it?" asked {name}.', '"It is beautiful," said {other}.'),
    ),
    (
        wordset("count counts counted"),
        ('"How many can you see?" asked {other}.', '"So many!" laughed {name}.'),
    ),
    (
        wordset("explore explores explored sail sails sailed row rows rowed ride rides rode"),
        ('"What is over there?" asked {name}.', '"Steady now," said {other}.'),
    ),
    (
        wordset("run runs ran chase chases chased race races raced"),
        ('"Wait for me!" called {other}.', '"Catch me if you can!" laughed {name}.'),
    ),
    (
        wordset("help helps helped rescue rescues rescued lift lifts lifted fix fixes fixed"),
        ('"Thank you," said {other}.', '"Glad to help," said {name}.'),
    ),
    (
        wordset("laugh laughs laughed dance dances danced play plays played"),
        ('"This is fun!" said {name}.', '"Again! Again!" cried {other}.'),
    ),
)

#: Verbs only someone does ("Leo presses the button"): a storm that pushes a boat or a
#: sponge that makes Olive sneeze is not answered with "Here goes!".
DONE_BY_SOMEONE = wordset("""
    press presses pressed push pushes pushed pull pulls pulled turn turns build builds built
    make makes made find finds found discover discovers discovered dig digs dug collect
    collects collected gather gathers gathered pick picks picked give gives gave share shares
    shared show shows showed draw draws drew paint paints painted count counts counted feed
    feeds fed hug hugs hugged wave waves waved
    """)

#: Words that say how something looks: "Look how shiny they are!".
LOOKS = wordset("""
    shiny sparkly tiny big huge tall small soft bright golden silver round smooth heavy
    long fluffy colourful colorful speckled spotty stripy glittery
    """)
