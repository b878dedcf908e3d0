"""Spots inside each backdrop theme, so a story can move around its setting.

Data only; which spot a page uses is decided while composing the story.
"""

from __future__ import annotations

from dataclasses import dataclass

# Places inside each backdrop theme, so the plot can move around the setting.


@dataclass(frozen=True)
class Place:
    spots: tuple[str, ...]
    moods: tuple[str, ...]
    folk: str
    title: str


PLACES: dict[str, Place] = {
    "forest": Place(
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
    "sea": Place(
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
    "city": Place(
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
    "space": Place(
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
    "castle": Place(
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
    "desert": Place(
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
    "snow": Place(
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
    "garden": Place(
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
    "underwater": Place(
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
    "school": Place(
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
            "Bright pictures of rainbows covered the walls.",
            "The class hamster ran happily on its wheel.",
        ),
        "the children of the class",
        "Maple Street School",
    ),
    "home": Place(
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
    "meadow": Place(
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
