"""Genre kits for the bolder genres: sci-fi, horror, action, fantasy, mystery, thriller
and adventure.

Data only; the line format is described in ``kit``.
"""

from __future__ import annotations

from storygen.ai.offline.writer.kit import Kit

# Each genre's tone, backdrop, quest objects, titles and plot lines.
BOLD_KITS: dict[str, Kit] = {
    "scifi": Kit(
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
    "horror": Kit(
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
    "action": Kit(
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
    "fantasy": Kit(
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
    "mystery": Kit(
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
    "thriller": Kit(
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
    "adventure": Kit(
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
