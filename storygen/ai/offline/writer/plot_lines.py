"""Plot lines shared by every genre: moods, reactions, transitions and each beat's lines.

Data only, tagged and templated like the genre kits (see ``kit``).
"""

from __future__ import annotations

# Plot lines shared by every genre, tagged like the kits' lines (see KITS).

GENERIC_MOODS = (
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
SPOT_MOODS = (
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
TINY_MOODS = (
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

GENERIC_LINES = {
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
REACTIONS = {
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
TRANSITIONS = (
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
REVEALS = (
    "[search] {When}, {All} peeked round the very last corner.",
    "[search] {When}, {All} looked one last time, and gasped.",
    "[broken] {When}, {All} tried one last time.",
    "[journey] {When}, {All} took the very last steps of the journey.",
    "[goal] {When}, the big moment arrived.",
    "[fear] {When}, {Sub} was ready.",
    "{When}, the moment came at last.",
)

# The quest is set up on the opening page, before anything goes wrong.
SETUPS = (
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
SETUPS_MORE = (
    "[lost alive] {Thing} {was} small and soft and very good at hiding.",
    "[lost object] {Thing} always had {its} own special place.",
    "[broken] Everybody {in_setting} had a story about {thing}.",
    "[journey] {Sub} often gazed towards {place} and wondered what it was like there.",
    "[goal] {Sub} could already picture it, clear as day.",
    "[fear] It was a big, wobbly feeling, and it would not go away.",
    "[stock untold] Nobody guessed what was about to happen.",
)

PROBLEMS = (
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
METHODS = (
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
METHOD_FRAMES = (
    "{Who} tried {method}.",
    "Next, {they} tried {method}.",
    "So {they} set about {method}.",
    "{They} spent a while {method}.",
)

# Progress: the last attempt before the climax always ends on one of these.
CLUES = (
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

SETBACKS = (
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
TURNS = (
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
AFTERMATHS = (
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

ENDINGS = (
    "That night, {All} fell asleep with happy hearts.",
    "It had been a {tone} day to remember.",
    "{All} knew {they} would never forget it.",
)
