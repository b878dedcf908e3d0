"""Tests for the offline provider: its stories and its pictures (its moderation has
test_offline_moderation)."""

from __future__ import annotations

import colorsys
import dataclasses
import io
import os
import random
import re
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageChops, ImageStat

from storygen.ai.base import AIProvider
from storygen.ai.drafts import needs_picture, parse_story_draft
from storygen.ai.errors import AIProviderRejected
from storygen.ai.offline import OfflineProvider
from storygen.ai.offline.painter import character_look, scene_from_prompt, theme_for
from storygen.ai.offline.painter.layout import TEXT_POSITIONS, text_region
from storygen.ai.offline.painter.places import water_for
from storygen.ai.offline.painter.styles import IMAGE_STYLES
from storygen.ai.offline.painter.water import WATER_COLOURS
from storygen.ai.offline.writer.counting import count_words, word_range
from storygen.ai.offline.writer.tense import past_tense
from storygen.ai.types import (
    CharacterBrief,
    PageRewriteRequest,
    Scene,
    StoryBrief,
    StoryDraft,
    StoryRequest,
    Usage,
)

GENRES = (
    "Children's",
    "Sci-Fi",
    "Drama",
    "Horror",
    "Action",
    "Fantasy",
    "Mystery",
    "Romance",
    "Thriller",
    "Comedy",
    "Western",
)
DENSITIES = ("Concise (~30-50 words)", "Standard (~60-90 words)", "Detailed (~100-150 words)")

MIRA = CharacterBrief(
    name="Mira",
    description="A brave girl who loves the sea",
    age=7,
    gender="female",
    physical_appearance="curly red hair and freckles",
    clothing_style="a yellow raincoat and green boots",
    personality="curious and kind",
    key_traits="never gives up",
    background="grew up in the lighthouse with her grandpa",
)
PIP = CharacterBrief(
    name="Pip",
    description="a small brown dog",
    clothing_style="a blue scarf",
    personality="playful",
)
JOE = CharacterBrief(
    name="Grandpa Joe",
    age=70,
    gender="male",
    physical_appearance="grey hair, a bushy beard and round glasses",
    clothing_style="navy coat, brown trousers and a hat",
    personality="wise and patient",
)
LUNA = CharacterBrief(name="Luna", description="a clever fox", clothing_style="purple cape")
BRAMBLE = CharacterBrief(name="Bramble", description="a round hedgehog with tiny glasses")
HOP = CharacterBrief(name="Hop", description="a cheerful frog")

OUTLINE = (
    "Mira finds a glowing shell on the beach. The shell whispers that the lighthouse lamp "
    "has gone dark. With Pip she climbs the winding stairs and solves the keeper's riddle. "
    "The lamp shines again and the fishing boats come home safely."
)

ROOT = Path(__file__).resolve().parents[2]


def brief(**changes: Any) -> StoryBrief:
    base = StoryBrief(
        title="The Lantern of the Sea",
        genre="Fantasy",
        outline=OUTLINE,
        num_pages=6,
        characters=(MIRA, PIP),
        tone="gentle",
        setting="a lighthouse by the sea",
        writing_style="simple",
        image_style="Watercolor",
        word_to_picture_ratio="One image per page",
        text_density=DENSITIES[0],
        text_position="bottom-center",
    )
    return dataclasses.replace(base, **changes)


def write(story_brief: StoryBrief) -> StoryDraft:
    request = StoryRequest(brief=story_brief, instructions="ignored", prompt="ignored", schema={})
    return OfflineProvider().write_story(request)


def full_text(draft: StoryDraft) -> str:
    return " ".join(page.text for page in draft.pages[1:])


def random_briefs(count: int, seed: int) -> list[StoryBrief]:
    """Varied briefs: every genre, empty and huge outlines, 0 to 4 characters, odd fields."""
    rng = random.Random(seed)
    cast = [MIRA, PIP, JOE, LUNA, CharacterBrief(name="Zed", description="a friendly robot")]
    outlines = [
        "",
        OUTLINE,
        "One line without a full stop",
        "- bullet one\n- bullet two is a little longer\n3. a numbered third point",
        " ".join(f"Sentence number {i} tells a small part of a long saga." for i in range(90)),
        "word " * 400,
    ]
    briefs = []
    for index in range(count):
        briefs.append(
            StoryBrief(
                title=rng.choice(["", "", "A Given Title"]),
                genre=GENRES[index % len(GENRES)],
                outline=rng.choice(outlines),
                num_pages=rng.randint(1, 20),
                characters=tuple(rng.sample(cast, rng.randint(0, 4))),
                tone=rng.choice(["", "gentle", "funny and warm", "brave"]),
                setting=rng.choice(["", "a lighthouse by the sea", "outer space", "Paris"]),
                image_style=rng.choice(IMAGE_STYLES),
                word_to_picture_ratio=rng.choice(["One image per page", "One image per two pages"]),
                text_density=rng.choice(DENSITIES),
            )
        )
    return briefs


def as_payload(draft: StoryDraft) -> dict[str, object]:
    return {
        "title": draft.title,
        "pages": [
            {
                "page_number": page.number,
                "text": page.text,
                "image_description": page.image_description,
                "characters_in_scene": list(page.characters_in_scene),
            }
            for page in draft.pages
        ],
    }


def scene(**changes: Any) -> Scene:
    base = Scene(
        kind="page",
        description="Mira and Pip search the rock pools in the morning light",
        characters=(MIRA, PIP),
        setting="a lighthouse by the sea",
        image_style="Default",
        text_position="bottom-center",
        page_number=2,
        story_title="The Lantern of the Sea",
        seed_key="story-42",
    )
    return dataclasses.replace(base, **changes)


def draw(size: str = "256x256", **changes: Any) -> Image.Image:
    picture = OfflineProvider().draw("ignored", size=size, scene=scene(**changes))
    image = Image.open(io.BytesIO(picture.data))
    image.load()
    return image.convert("RGB")


def mean_saturation(image: Image.Image) -> float:
    data = image.resize((64, 64)).tobytes()
    pixels = (data[i : i + 3] for i in range(0, len(data), 3))
    return statistics.fmean(colorsys.rgb_to_hsv(*(c / 255 for c in p))[1] for p in pixels)


# --------------------------------------------------------------------------------------
# The provider.


def test_offline_provider_is_an_ai_provider_named_offline() -> None:
    provider = OfflineProvider()
    assert isinstance(provider, AIProvider)
    assert provider.name == "offline"


# --------------------------------------------------------------------------------------
# Stories.


def test_story_passes_parse_story_draft_unchanged() -> None:
    story_brief = brief()
    draft = write(story_brief)
    assert parse_story_draft(as_payload(draft), story_brief) == draft
    assert draft.usage == Usage()


def test_same_brief_always_gives_the_same_story() -> None:
    assert write(brief()) == write(brief())


def test_different_briefs_give_different_stories() -> None:
    assert full_text(write(brief())) != full_text(write(brief(genre="Comedy")))
    assert full_text(write(brief())) != full_text(write(brief(tone="brave")))


def test_story_is_the_same_under_any_python_hash_seed() -> None:
    code = (
        "import hashlib, json, sys\n"
        "sys.path.insert(0, sys.argv[1])\n"
        "from storygen.ai.offline.writer import write_story_payload\n"
        "from storygen.ai.offline.painter import paint\n"
        "from storygen.ai.types import StoryBrief, CharacterBrief, Scene\n"
        "c = CharacterBrief(name='Mira', clothing_style='red cape')\n"
        "h = CharacterBrief(name='Bramble', description='a round hedgehog with tiny glasses')\n"
        "b = StoryBrief(title='', genre='Fantasy', outline='A girl finds a key.', "
        "num_pages=4, characters=(c,))\n"
        "s = Scene(kind='page', description='a castle', characters=(c, h), seed_key='k', "
        "setting='a pond')\n"
        "story = json.dumps(write_story_payload(b), sort_keys=True).encode()\n"
        "print(hashlib.sha256(story + paint(s, '128x128')).hexdigest())\n"
    )
    digests = set()
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        result = subprocess.run(  # noqa: S603 - our own interpreter and code
            [sys.executable, "-c", code, str(ROOT)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
            timeout=60,
        )
        digests.add(result.stdout.strip())
    assert len(digests) == 1


@pytest.mark.parametrize("pages", range(1, 21))
def test_story_has_a_cover_and_exactly_the_requested_pages(pages: int) -> None:
    draft = write(brief(num_pages=pages))
    assert [page.number for page in draft.pages] == list(range(pages + 1))
    assert draft.pages[0].text == draft.title


@pytest.mark.parametrize("density", DENSITIES)
def test_every_page_stays_within_its_density_range_for_many_briefs(density: str) -> None:
    low, high = word_range(density)
    for story_brief in random_briefs(60, seed=len(density)):
        story_brief = dataclasses.replace(story_brief, text_density=density)
        for page in write(story_brief).pages[1:]:
            words = count_words(page.text)
            assert low <= words <= high, (story_brief, page.number, words, page.text)


@pytest.mark.parametrize("pages", range(1, 21))
def test_concise_standard_and_detailed_hold_for_every_page_count(pages: int) -> None:
    for density in DENSITIES:
        low, high = word_range(density)
        for cast in ((), (MIRA,), (MIRA, PIP, JOE, LUNA)):
            draft = write(brief(num_pages=pages, text_density=density, characters=cast))
            for page in draft.pages[1:]:
                assert low <= count_words(page.text) <= high


def test_density_ranges_follow_the_label_prefix() -> None:
    assert word_range("Concise (~30-50 words)") == (30, 50)
    assert word_range("Standard (~60-90 words)") == (60, 90)
    assert word_range("Detailed (~100-150 words)") == (100, 150)
    assert word_range("Something else") == (30, 50)


def test_given_title_is_kept_and_is_the_cover_text() -> None:
    draft = write(brief(title="  The Lantern of the Sea "))
    assert draft.title == "The Lantern of the Sea"
    assert draft.pages[0].text == "The Lantern of the Sea"


def test_blank_title_is_built_from_the_cast_setting_or_quest() -> None:
    draft = write(brief(title="", outline=""))
    assert draft.title
    assert "Mira" in draft.title or "Sea" in draft.title or "Lighthouse" in draft.title
    no_cast = write(brief(title="", outline="", characters=(), setting="the Whispering Woods"))
    assert "Whispering Woods" in no_cast.title


def test_two_pages_per_image_leaves_odd_pages_without_a_picture() -> None:
    story_brief = brief(num_pages=7, word_to_picture_ratio="One image per two pages")
    draft = write(story_brief)
    assert draft.pages[0].image_description
    for page in draft.pages[1:]:
        assert (page.image_description is not None) == needs_picture(story_brief, page.number)
        assert (page.image_description is None) == (page.number % 2 == 1)


def test_one_image_per_page_describes_every_page() -> None:
    assert all(page.image_description for page in write(brief(num_pages=5)).pages)


def test_every_character_appears_on_several_pages_and_the_cover_lists_all() -> None:
    cast = (MIRA, PIP, JOE, LUNA)
    for pages in (3, 6, 12, 20):
        draft = write(brief(num_pages=pages, characters=cast))
        assert set(draft.pages[0].characters_in_scene) == {c.name for c in cast}
        for character in cast:
            appearances = [p for p in draft.pages[1:] if character.name in p.characters_in_scene]
            assert len(appearances) >= 2, (pages, character.name)


def test_characters_in_scene_are_exact_names_and_named_in_the_text() -> None:
    draft = write(brief(num_pages=10, characters=(MIRA, PIP, JOE, LUNA)))
    names = {"Mira", "Pip", "Grandpa Joe", "Luna"}
    for page in draft.pages[1:]:
        assert set(page.characters_in_scene) <= names
        for name in page.characters_in_scene:
            assert name in page.text, (page.number, name, page.text)


def test_a_character_is_introduced_with_their_look() -> None:
    draft = write(brief(num_pages=6, text_density=DENSITIES[1], characters=(MIRA, JOE)))
    intro = next(p for p in draft.pages[1:] if "seven-year-old girl" in p.text)
    # One thing from the look in a short clause, never the whole list pasted in.
    assert "yellow raincoat" in intro.text or "curly red hair" in intro.text
    assert "green boots" not in intro.text
    assert intro.number == 1
    joe_intro = next(p for p in draft.pages[1:] if "70-year-old man" in p.text)
    assert re.search("navy coat|beard|glasses|grey hair", joe_intro.text)
    assert joe_intro.number == next(p.number for p in draft.pages[1:] if "Grandpa Joe" in p.text)


def test_a_short_page_still_introduces_a_character_with_a_glimpse_of_their_look() -> None:
    draft = write(brief(num_pages=1, characters=(MIRA,), outline=""))
    assert "curly red hair" in draft.pages[1].text or "yellow raincoat" in draft.pages[1].text


def test_the_outline_is_woven_through_the_pages_in_order() -> None:
    draft = write(brief(num_pages=8, text_density=DENSITIES[1]))
    text = full_text(draft)
    # Retold in the story's own words and past tense: each sentence's key words, in order.
    marks = ["found a glowing shell", "whispered", "climbed the winding stairs", "shone again"]
    positions = [text.index(mark) for mark in marks]
    assert positions == sorted(positions)
    assert marks[0] in draft.pages[1].text
    assert "fishing boats" in draft.pages[-1].text


def test_the_quest_object_comes_from_the_outline_when_it_names_one() -> None:
    text = full_text(write(brief(num_pages=6, outline="Mira loses her golden key in the dunes.")))
    assert "golden key" in text


# The brief of a real story whose plot used to come from the genre instead of the outline.
HAMSTER_OUTLINE = (
    "The school hamster has vanished the night before the science fair. Ada and her little "
    "brother follow a trail of sunflower seeds. They discover the hamster built a nest inside "
    "the volcano model."
)
ADA = CharacterBrief(
    name="Ada",
    description="a tall girl of ten",
    clothing_style="purple hoodie",
    personality="clever",
)
LEO = CharacterBrief(name="Leo", age=6, gender="Male", personality="always asks why")

# Every genre's own quest objects and culprits: none may turn up when the outline has its own.
STOCK_WORDS = (
    "silver kite", "golden acorn", "music box", "red balloon", "star map", "power crystal",
    "signal beacon", "tiny comet", "family quilt", "photo album", "recipe book", "costume",
    "pumpkin lantern", "brass key", "top hat", "moon charm", "storm bell", "golden compass",
    "trophy", "runaway kite", "moonstone", "wizard's lantern", "enchanted map", "dragon's egg",
    "painting", "secret note", "cake", "friendship bracelet", "handwritten letter",
    "pressed flower", "paper lantern", "secret map", "silver locket", "coded message",
    "lighthouse key", "sandwich", "giant hat", "tickle machine", "compass", "treasure map",
    "golden bell", "crystal key", "puppy", "paw print", "wind spirit", "little ghost",
    "small bat", "old keeper", "borrowed, not stolen", "mix-up",
)  # fmt: skip

# Outline shapes: (genre, outline, cast, a word the title names, a phrase the story adds).
SHAPES = [
    pytest.param(
        "Mystery", HAMSTER_OUTLINE, (ADA, LEO), "hamster", "the school hamster", id="vanished"
    ),
    pytest.param(
        "Children's",
        "Mira loses her golden key in the dunes. She asks the crabs for help. "
        "The key was under her bucket all along.",
        (MIRA,),
        "key",
        "the golden key",
        id="lost",
    ),
    pytest.param(
        "Fantasy",
        "A sneaky magpie steals the queen's crown. Luna follows shiny feathers across the "
        "kingdom. She finds the magpie's nest and trades a button for the crown.",
        (LUNA,),
        "crown",
        "the queen's crown",
        id="stolen",
    ),
    pytest.param(
        "Fantasy",
        "Pip wants to sail to the moon. Mira builds a paper boat with him. They float up on a "
        "cloud and say hello to the moon.",
        (MIRA, PIP),
        "moon",
        "the moon",
        id="journey",
    ),
    pytest.param(
        "Children's",
        "Bramble and Hop cross the pond to find the lost moon. They ask the fish and the reeds. "
        "The moon was only hiding behind a cloud, and it comes out to say goodnight.",
        (BRAMBLE, HOP),
        "moon",
        "the moon",
        id="journey-to-find",
    ),
    pytest.param(
        "Action",
        "Leo wants to win the sack race at sports day. He trips in practice and feels like "
        "giving up. Ada teaches him to hop in rhythm. Leo crosses the finish line first.",
        (ADA, LEO),
        "sack race",
        "win the sack race",
        id="goal",
    ),
    pytest.param(
        "Adventure",
        "Mira and Pip want to build a raft from old barrels. The first raft sinks with a big "
        "splash. They try again with Grandpa's help. The new raft floats across the bay.",
        (MIRA, PIP),
        "raft",
        "build a raft",
        id="build",
    ),
    pytest.param(
        "Children's",
        "Pip is afraid of the dark. Mira shows him the stars from the lighthouse window. "
        "Pip falls asleep smiling under the night sky.",
        (MIRA, PIP),
        "dark",
        "afraid of the dark",
        id="fear",
    ),
    pytest.param(
        "Drama",
        "The old windmill on the hill has stopped turning. Mira and Grandpa Joe climb up with "
        "oil and new sails. The windmill turns again and everyone bakes bread together.",
        (MIRA, JOE),
        "windmill",
        "the old windmill",
        id="broken",
    ),
]


def outline_sentences(outline: str) -> list[str]:
    """The outline's sentences as the story tells them: in its own past tense."""
    return [past_tense(s) for s in re.split(r"(?<=[.!?])\s+", outline) if s]


def sentence_keys(text: str, names: list[str]) -> list[str]:
    """A page's sentences as repeats are judged: case, punctuation and names do not count."""
    keys = []
    for sentence in re.split(r"(?<=[.!?])[\"”]?\s+(?=[A-Z\"“])", text):
        for name in sorted(names, key=len, reverse=True):
            sentence = sentence.replace(name, "X")
        keys.append(" ".join(re.findall(r"[a-z0-9]+", sentence.lower())))
    return [k for k in keys if k]


def test_the_hamster_brief_is_one_story_about_the_hamster() -> None:
    story_brief = brief(
        title="",
        genre="Mystery",
        outline=HAMSTER_OUTLINE,
        characters=(ADA, LEO),
        tone="funny",
        setting="a primary school",
        num_pages=5,
        text_density=DENSITIES[1],
    )
    draft = write(story_brief)
    assert "Ada" in draft.title
    text = full_text(draft).lower()
    assert "sunflower seeds" in text  # the outline's clue, not an invented one
    for word in STOCK_WORDS:
        assert word not in text, word
    # The outline's ending is the last page's, and nothing tells it before.
    assert "volcano model" in draft.pages[-1].text
    assert "volcano" not in " ".join(p.text for p in draft.pages[1:-1]).lower()


@pytest.mark.parametrize(("genre", "outline", "cast", "named", "added"), SHAPES)
def test_the_plot_comes_from_the_outline(
    genre: str, outline: str, cast: tuple[CharacterBrief, ...], named: str, added: str
) -> None:
    del named, added  # the old plot engine's own words: the story now tells the outline
    for pages, density in ((3, DENSITIES[0]), (6, DENSITIES[1]), (9, DENSITIES[2])):
        story_brief = brief(
            title="", genre=genre, outline=outline, characters=cast, num_pages=pages
        )
        draft = write(dataclasses.replace(story_brief, text_density=density))
        assert any(c.name in draft.title for c in cast), (pages, draft.title)
        text = full_text(draft).lower()
        for word in STOCK_WORDS:
            assert word not in text or word in outline.lower(), (pages, word)


@pytest.mark.parametrize(
    ("genre", "outline", "cast"), [pytest.param(*p.values[:3], id=p.id) for p in SHAPES]
)
def test_the_outlines_ending_ends_the_story(
    genre: str, outline: str, cast: tuple[CharacterBrief, ...]
) -> None:
    last_sentence = outline_sentences(outline)[-1]
    for pages in (2, 4, 5, 7, 12, 20):
        for density in DENSITIES:
            draft = write(
                brief(
                    genre=genre,
                    outline=outline,
                    characters=cast,
                    num_pages=pages,
                    text_density=density,
                )
            )
            ending = " ".join(page.text for page in draft.pages[-2:]).lower()
            # Told in the story's words: most of the sentence's own words are there.
            key = re.findall(r"[a-z]{5,}", last_sentence.lower())
            assert sum(w[:5] in ending for w in key) * 2 >= len(key), (pages, density)


def test_with_no_plot_in_the_outline_nothing_goes_missing() -> None:
    draft = write(brief(genre="Mystery", outline="", num_pages=6))
    text = full_text(draft).lower()
    assert not re.search(r"\b(?:lost|missing|vanished|searched)\b", text)
    assert "mystery" in text or "clue" in text  # the genre still colours the telling


def test_a_character_is_introduced_before_the_outline_names_them() -> None:
    outline = "Pip is afraid of the dark. Mira shows him the stars. Pip falls asleep smiling."
    for pages in (3, 6, 10):
        draft = write(brief(outline=outline, characters=(MIRA, PIP), num_pages=pages))
        first = next(p.number for p in draft.pages[1:] if "afraid of the dark" in p.text)
        introduced = next(
            p.number for p in draft.pages[1:] if re.search("small brown dog|blue scarf", p.text)
        )
        assert introduced <= first


# --------------------------------------------------------------------------------------
# How the text reads: whole sentences, one tense, each character introduced once.

# A real story whose first page used to read: "Meet Mira (a yellow raincoat). Mira, the
# lighthouse keeper's daughter, finds a lost whale calf in the..."
WHALE_OUTLINE = (
    "Mira, the lighthouse keeper's daughter, finds a lost whale calf in the bay and, with her "
    "lantern, guides it back to its mother before the storm."
)
MIRA_NINE = CharacterBrief(
    name="Mira",
    age=9,
    description="a girl with curly red hair and freckles",
    clothing_style="a yellow raincoat",
    key_traits="brave, curious",
)
WHALE = StoryBrief(
    title="The Lighthouse Whale",
    genre="Children's",
    outline=WHALE_OUTLINE,
    num_pages=3,
    characters=(MIRA_NINE,),
    text_density=DENSITIES[0],
)
SAM = CharacterBrief(name="Sam")
NIA = CharacterBrief(name="Nia", age=6)
THEO = CharacterBrief(
    name="Theo", age=8, gender="male", description="loves dinosaurs", clothing_style="sporty"
)
ROSA = CharacterBrief(
    name="Rosa",
    age=35,
    gender="female",
    description="the town baker (and a secret inventor)",
    physical_appearance="tall, with a warm smile",
    clothing_style="a flour-dusted apron (always)",
    key_traits="patient; generous",
)
GREETING = r"(?:Meet|Say hello to|This is|Here comes|Along came)"
# Words no finished sentence ends on: what comes before them was cut off.
DANGLING = {
    "the", "a", "an", "and", "or", "but", "of", "to", "with", "her", "his",
    "their", "my", "our", "your", "from", "for", "was", "were",
}  # fmt: skip


def varied_briefs() -> list[StoryBrief]:
    """The whale brief at every length and density, and briefs unlike it in every way."""
    out = [
        dataclasses.replace(WHALE, num_pages=pages, text_density=density)
        for pages in (1, 3, 20)
        for density in DENSITIES
    ]
    out += [
        dataclasses.replace(WHALE, characters=(MIRA_NINE, PIP, JOE), num_pages=6),
        dataclasses.replace(WHALE, characters=(SAM,), genre="Horror", num_pages=2),
        dataclasses.replace(WHALE, characters=(), genre="Western", num_pages=4),
        StoryBrief(
            title="",
            genre="Sci-Fi",
            outline="Theo and Sam (twins) build a tree house. A storm knocks it down. They "
            "build it again, stronger, with help from Grandpa Joe.",
            num_pages=5,
            characters=(THEO, SAM, JOE),
            text_density=DENSITIES[1],
        ),
        StoryBrief(
            title="",
            genre="Comedy",
            outline="Nia goes to the market with Rosa to buy apples for a pie",
            num_pages=1,
            characters=(NIA, ROSA),
            text_density=DENSITIES[2],
        ),
        StoryBrief(
            title="",
            genre="Fantasy",
            outline="A dragon who is scared of fire learns that being gentle is its own kind "
            "of brave, when the village needs someone to warm the frozen well in the middle "
            "of the coldest winter anyone can remember, and everyone cheers.",
            num_pages=3,
            characters=(LUNA, BRAMBLE, HOP),
            text_density=DENSITIES[0],
        ),
    ]
    for genre, outline, cast in (p.values[:3] for p in SHAPES):
        out.append(brief(genre=genre, outline=outline, characters=cast, num_pages=4, title=""))
    return out + random_briefs(40, seed=11)


def sentences_of(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])[\"\u201d]?\s+", text) if s]


def test_the_whale_story_introduces_mira_naturally_and_retells_the_outline_whole() -> None:
    page = write(WHALE).pages[1].text
    assert "Mira was a nine-year-old girl in a yellow raincoat." in page
    assert not re.search(GREETING, page)  # the page's first sentence already names Mira
    assert "finds" not in page
    assert "..." not in page
    retold = [s for s in sentences_of(page) if "whale calf" in s]
    assert retold
    assert all(s.startswith("Mira") and s.endswith(".") for s in retold)
    assert "found a lost whale calf in the bay" in retold[0]


@pytest.mark.parametrize("story_brief", varied_briefs())
def test_story_text_has_no_cut_off_sentences_or_parentheses(story_brief: StoryBrief) -> None:
    draft = write(story_brief)
    low, high = word_range(story_brief.text_density)
    for page in draft.pages[1:]:
        text = page.text
        assert "..." not in text, text
        assert "\u2026" not in text, text
        assert "(" not in text, text
        assert ")" not in text, text
        assert "-year-old friend" not in text, text
        assert low <= count_words(text) <= high, text
        for sentence in sentences_of(text):
            last = re.findall(r"[\w'-]+", sentence)[-1].lower()
            assert last not in DANGLING, sentence
            assert sentence.rstrip('"\u201d').endswith((".", "!", "?", ",")), sentence


@pytest.mark.parametrize("story_brief", varied_briefs())
def test_a_character_is_greeted_at_most_once_and_never_after_being_named(
    story_brief: StoryBrief,
) -> None:
    draft = write(story_brief)
    for character in story_brief.characters:
        name = re.escape(character.name)
        greetings = 0
        for page in draft.pages[1:]:
            for match in re.finditer(rf"{GREETING} {name}\b", page.text):
                greetings += 1
                assert not re.search(rf"\b{name}\b", page.text[: match.start()]), page.text
        assert greetings <= 1, character.name


@pytest.mark.parametrize(("genre", "outline", "cast"), [p.values[:3] for p in SHAPES])
def test_the_outline_is_retold_in_the_past_tense(
    genre: str, outline: str, cast: tuple[CharacterBrief, ...]
) -> None:
    present = [s for s in re.split(r"(?<=[.!?])\s+", outline) if past_tense(s) != s]
    assert present  # every shape's outline is written in the present
    for pages, density in ((1, DENSITIES[2]), (4, DENSITIES[1]), (9, DENSITIES[0])):
        text = full_text(
            write(
                brief(
                    genre=genre,
                    outline=outline,
                    characters=cast,
                    num_pages=pages,
                    text_density=density,
                )
            )
        )
        for sentence in present:
            assert sentence.rstrip(".") not in text, (pages, sentence)


@pytest.mark.parametrize(
    ("written", "told"),
    [
        (
            "Mira, the lighthouse keeper's daughter, finds a lost whale calf in the bay and, "
            "with her lantern, guides it back to its mother before the storm.",
            "Mira, the lighthouse keeper's daughter, found a lost whale calf in the bay and, "
            "with her lantern, guided it back to its mother before the storm.",
        ),
        (
            "The shell whispers that the lighthouse lamp has gone dark.",
            "The shell whispered that the lighthouse lamp had gone dark.",
        ),
        (
            "The lamp shines again and the fishing boats come home safely.",
            "The lamp shone again and the fishing boats came home safely.",
        ),
        (
            "Ada and her little brother follow a trail of sunflower seeds.",
            "Ada and her little brother followed a trail of sunflower seeds.",
        ),
        (
            "He trips in practice and feels like giving up.",
            "He tripped in practice and felt like giving up.",
        ),
        (
            "Leo wants to win the sack race at sports day.",
            "Leo wanted to win the sack race at sports day.",
        ),
        (
            "Mira and Grandpa Joe climb up with oil and new sails.",
            "Mira and Grandpa Joe climbed up with oil and new sails.",
        ),
        ("She asks the crabs for help.", "She asked the crabs for help."),
        ("The key was under her bucket all along.", "The key was under her bucket all along."),
        ("It's a rainy day and there are puddles.", "It was a rainy day and there were puddles."),
        ('Mira says, "I can do it!" and jumps.', 'Mira said, "I can do it!" and jumped.'),
        ("A girl who loves the sea", "A girl who loved the sea"),
    ],
)
def test_past_tense_retells_present_tense_text(written: str, told: str) -> None:
    assert past_tense(written) == told


@pytest.mark.parametrize("density", DENSITIES)
def test_no_sentence_is_repeated_across_pages(density: str) -> None:
    outlines = ["", OUTLINE, HAMSTER_OUTLINE, "Mira loses her golden key in the dunes."]
    casts: list[tuple[CharacterBrief, ...]] = [(), (MIRA,), (ADA, LEO), (MIRA, PIP, JOE, LUNA)]
    for index, pages in enumerate((1, 3, 5, 8, 12, 16, 20)):
        for offset, outline in enumerate(outlines):
            cast = casts[(index + offset) % len(casts)]
            story_brief = brief(
                title="",
                genre=GENRES[(index * 3 + offset) % len(GENRES)],
                outline=outline,
                characters=cast,
                num_pages=pages,
                text_density=density,
            )
            draft = write(story_brief)
            seen: dict[str, int] = {}
            for page in draft.pages[1:]:
                for key in sentence_keys(page.text, [c.name for c in cast]):
                    assert seen.setdefault(key, page.number) == page.number, (
                        story_brief.genre,
                        pages,
                        key,
                    )


def test_the_setting_appears_in_the_text_and_the_tone_is_not_pasted() -> None:
    # One page holds only the outline's events: the setting needs a story of two pages.
    for pages in (2, 6):
        text = full_text(write(brief(num_pages=pages, tone="gentle")))
        assert "lighthouse by the sea" in text
        assert "gentle" not in text


def test_genre_shapes_the_vocabulary() -> None:
    markers = {
        "Sci-Fi": {"mission", "signal", "scan", "systems", "beep", "crew", "shuttle", "gravity"},
        "Horror": {"spooky", "ghost", "creak", "shadow", "shadows", "bat", "boo", "giggle"},
        "Mystery": {"mystery", "clue", "clues", "case", "suspect", "solved", "mix-up"},
        "Comedy": {"silly", "giggle", "boing", "splat", "goose", "hiccups", "honk"},
    }
    for genre, words in markers.items():
        text = full_text(write(brief(genre=genre, outline="", num_pages=6))).lower()
        found = {w for w in words if w in text}
        assert found, genre


def test_every_genre_stays_child_safe() -> None:
    provider = OfflineProvider()
    for genre in GENRES:
        for pages in (1, 6, 12):
            draft = write(brief(genre=genre, outline="", num_pages=pages, characters=(MIRA,)))
            for page in draft.pages:
                verdict = provider.moderate(f"{page.text} {page.image_description or ''}")
                assert not verdict.flagged, (genre, page.text)


def test_a_story_without_characters_is_about_the_setting() -> None:
    draft = write(brief(characters=(), setting="a snowy mountain village", outline=""))
    assert all(page.characters_in_scene == () for page in draft.pages)
    assert "snowy mountain village" in full_text(draft)


def test_image_descriptions_name_the_cast_the_setting_and_the_style() -> None:
    draft = write(brief(image_style="Pixel Art", num_pages=4))
    for page in draft.pages:
        assert page.image_description is not None
        assert "pixel art" in page.image_description
        for name in page.characters_in_scene:
            assert name in page.image_description
    assert "yellow raincoat" in (draft.pages[0].image_description or "")
    # The cover is set in the brief's setting; a page where its outline puts it.
    assert "lighthouse by the sea" in (draft.pages[0].image_description or "")
    assert "on the beach" in (draft.pages[1].image_description or "")


def test_huge_outlines_and_long_fields_still_make_a_valid_story() -> None:
    giant = CharacterBrief(
        name="Bartholomew Fizzlewick the Third",
        description="x" * 300,
        physical_appearance=" ".join(["tall"] * 80),
        clothing_style=" ".join(["stripy"] * 80),
        personality="loves jokes",
        background="came from far away " * 20,
    )
    story_brief = brief(
        outline=("Once there was a long tale. " * 200)[:5000],
        characters=(giant, MIRA, PIP, JOE, LUNA),
        num_pages=20,
        tone="whimsical and heartwarming with a dash of adventure",
        setting=" ".join(["a very very long and winding setting"] * 10),
        text_density=DENSITIES[2],
    )
    draft = write(story_brief)
    assert parse_story_draft(as_payload(draft), story_brief) == draft
    for page in draft.pages[1:]:
        assert 100 <= count_words(page.text) <= 150


# --------------------------------------------------------------------------------------
# Pictures.


def test_draw_returns_a_png_of_the_requested_size() -> None:
    picture = OfflineProvider().draw("ignored", size="256x384", scene=scene())
    assert picture.mime == "image/png"
    assert picture.data.startswith(b"\x89PNG\r\n\x1a\n")
    assert Image.open(io.BytesIO(picture.data)).size == (256, 384)
    assert picture.usage == Usage()


@pytest.mark.parametrize(
    "size", ["", "1024", "1024x", "axb", "1024*1024", "0x0", "8x8", "1024x1024x3", "99999x10"]
)
def test_a_malformed_size_is_rejected(size: str) -> None:
    with pytest.raises(AIProviderRejected):
        OfflineProvider().draw("a meadow", size=size, scene=scene())


def test_the_same_scene_gives_identical_bytes() -> None:
    provider = OfflineProvider()
    first = provider.draw("x", size="256x256", scene=scene())
    second = provider.draw("something else", size="256x256", scene=scene())
    assert first.data == second.data


def test_pages_of_one_story_differ() -> None:
    images = [draw(page_number=n).tobytes() for n in range(1, 5)]
    assert len(set(images)) == 4
    assert draw(seed_key="another-story").tobytes() != draw().tobytes()


def test_references_are_ignored() -> None:
    provider = OfflineProvider()
    plain = provider.draw("x", size="128x128", scene=scene())
    with_refs = provider.draw("x", size="128x128", scene=scene(), references=[b"\x89PNG"])
    assert plain.data == with_refs.data


def test_draw_without_a_scene_paints_the_prompt_deterministically() -> None:
    provider = OfflineProvider()
    prompt = "Watercolor picture of a girl in a red cape and a fox in a snowy forest at night"
    first = provider.draw(prompt, size="192x192")
    assert first.data == provider.draw(prompt, size="192x192").data
    other = provider.draw("A rocket among the stars, cartoon style", size="192x192")
    assert other.data != first.data
    sheet = provider.draw("Character reference sheet of a robot", size="192x192")
    assert Image.open(io.BytesIO(sheet.data)).size == (192, 192)


def test_a_characters_palette_is_stable_and_distinct_from_another() -> None:
    assert character_look(MIRA) == character_look(dataclasses.replace(MIRA))
    assert character_look(MIRA) != character_look(PIP)
    nameless_a = character_look(CharacterBrief(name="Ada"))
    nameless_b = character_look(CharacterBrief(name="Bea"))
    assert nameless_a == character_look(CharacterBrief(name="Ada"))
    assert (nameless_a.top, nameless_a.hair, nameless_a.skin) != (
        nameless_b.top,
        nameless_b.hair,
        nameless_b.skin,
    )


def test_colours_and_features_come_from_the_characters_text() -> None:
    mira = character_look(MIRA)
    red, green, blue = mira.top
    assert red > 200
    assert green > 170
    assert blue < 120
    assert mira.shoes[1] > mira.shoes[0]
    assert mira.shoes[1] > mira.shoes[2]
    assert mira.hair[0] > mira.hair[2] + 80  # red hair
    assert mira.hair_style == "curly"
    assert "freckles" in mira.features
    assert "boots" in mira.features
    joe = character_look(JOE)
    assert {"beard", "glasses", "hat"} <= joe.features
    assert joe.height > mira.height
    luna = character_look(LUNA)
    assert luna.animal == "fox"
    assert "cape" in luna.features
    assert luna.accent[2] > luna.accent[1]  # purple
    assert character_look(PIP).animal == "dog"
    assert character_look(CharacterBrief(name="Zed", description="a robot")).animal == "robot"


def test_the_same_character_is_drawn_the_same_on_every_page() -> None:
    looks = {character_look(MIRA) for _ in range(3)}
    assert len(looks) == 1


def test_styles_look_measurably_different() -> None:
    default = draw(image_style="Default")
    noir = draw(image_style="Noir")
    pixel = draw(image_style="Pixel Art")
    assert mean_saturation(default) > 0.15
    assert mean_saturation(noir) < 0.02
    assert len(pixel.getcolors(1 << 16) or []) <= 32
    assert len(default.getcolors(1 << 16) or range(1 << 16)) > 200
    renders = {draw(image_style=style).tobytes() for style in IMAGE_STYLES}
    assert len(renders) == len(IMAGE_STYLES)


def test_an_unknown_style_is_painted_as_default() -> None:
    assert draw(image_style="Crayon Scribbles").tobytes() == draw(image_style="Default").tobytes()


def _region_contrast(image: Image.Image, position: str) -> tuple[float, float]:
    grey = image.convert("L")
    box = text_region(position, *image.size)
    inside = ImageStat.Stat(grey.crop(box)).stddev[0]
    outside = grey.copy()
    outside.paste(0, box)
    mask = Image.new("L", image.size, 255)
    mask.paste(0, box)
    return inside, ImageStat.Stat(grey, mask).stddev[0]


@pytest.mark.parametrize("position", TEXT_POSITIONS)
def test_the_text_area_is_calm_for_every_position(position: str) -> None:
    for kind, style in (("page", "Default"), ("cover", "Vintage Comic Book Art")):
        image = draw(text_position=position, kind=kind, image_style=style)
        inside, outside = _region_contrast(image, position)
        assert inside < outside * 0.4, (kind, style, inside, outside)


def _outline_steps(image: Image.Image, box: tuple[int, int, int, int]) -> list[int]:
    """For each side of ``box`` with room around it, how sharply the colour changes across
    that side: the median, along the side, of the biggest channel difference between a
    strip just inside and a strip just outside. A panel painted over the picture changes
    colour all the way round; plain sky or ground runs on across the sides."""
    grey = image.convert("RGB")
    unit = min(image.size)
    near, far = round(unit * 0.035), round(unit * 0.07)
    x0, y0, x1, y1 = box
    steps = []
    for side in ("top", "bottom", "left", "right"):
        vertical = side in ("top", "bottom")
        edge = {"top": y0, "bottom": y1 - 1, "left": x0, "right": x1 - 1}[side]
        outward = -1 if side in ("top", "left") else 1
        limit = image.height if vertical else image.width
        if not 0 <= edge + outward * far < limit:
            continue
        inside = range(edge - outward * far, edge - outward * near, outward)
        outside = range(edge + outward * near, edge + outward * far, outward)
        along = range(x0 + far, x1 - far) if vertical else range(y0 + far, y1 - far)
        differences = []
        for at in along:
            strips = []
            for depths in (inside, outside):
                points = [grey.getpixel((at, d) if vertical else (d, at)) for d in depths]
                strips.append([statistics.median(p[c] for p in points) for c in range(3)])
            differences.append(max(abs(a - b) for a, b in zip(*strips, strict=True)))
        steps.append(round(statistics.median(differences)))
    return steps


#: One place for every backdrop the painter has.
BACKDROP_SETTINGS = (
    "a meadow",
    "an enchanted forest",
    "a lighthouse by the sea",
    "a busy city street",
    "a rocket among the stars",
    "a castle in the kingdom",
    "the desert",
    "a snowy mountain",
    "a farm with a garden",
    "underwater",
    "a classroom at school",
    "a cosy bedroom at home",
)


def test_no_panel_is_painted_behind_the_text() -> None:
    # The text's calm comes from the composition (sky, floor, plain ground): no shape is
    # painted there, so no scene shows a colour change all the way round the text area.
    outlined = []
    for setting in BACKDROP_SETTINGS:
        for position in ("top-center", "middle-left", "middle-center", "bottom-center"):
            image = draw(setting=setting, text_position=position, description="in the morning")
            steps = _outline_steps(image, text_region(position, *image.size))
            assert len(steps) >= 3
            if min(steps) >= 16:
                outlined.append((setting, position, steps))
    assert not outlined


@pytest.mark.parametrize("style", IMAGE_STYLES)
def test_the_text_area_is_calm_in_every_style(style: str) -> None:
    inside, outside = _region_contrast(draw(image_style=style), "bottom-center")
    assert inside < outside * 0.5, (inside, outside)


@pytest.mark.parametrize(
    "setting",
    [
        "an enchanted forest",
        "a lighthouse by the sea",
        "a busy city street",
        "a rocket among the stars",
        "a castle in the kingdom",
        "the desert",
        "a snowy mountain",
        "a farm with a garden",
        "underwater",
        "a classroom at school",
        "a cosy bedroom at home",
        "",
    ],
)
def test_every_backdrop_paints(setting: str) -> None:
    image = draw(size="160x160", setting=setting, description="")
    assert image.size == (160, 160)
    assert len(image.getcolors(1 << 16) or range(1 << 16)) > 20


def test_place_words_choose_the_backdrop() -> None:
    assert theme_for("a lighthouse by the sea") == "sea"
    assert theme_for("a little house in the woods") == "home"
    assert theme_for("an underwater city") == "underwater"
    assert theme_for("the Whispering Woods") == "forest"
    assert theme_for("somewhere nice") == "meadow"


def test_a_cover_paints_the_whole_cast() -> None:
    cover = draw(kind="cover", characters=(MIRA, PIP, JOE, LUNA), text_position="top-center")
    page = draw(kind="page", characters=(MIRA, PIP, JOE, LUNA), text_position="top-center")
    assert cover.tobytes() != page.tobytes()


def test_a_character_sheet_is_centred_on_a_plain_light_background() -> None:
    image = draw(size="384x256", kind="sheet", characters=(MIRA,))
    width, height = image.size
    border = 6
    for strip in (
        image.crop((0, 0, width, border)),
        image.crop((0, height - border, width, height)),
        image.crop((0, 0, border, height)),
        image.crop((width - border, 0, width, height)),
    ):
        stat = ImageStat.Stat(strip.convert("L"))
        assert stat.mean[0] > 220
        assert stat.stddev[0] < 3
    plain = Image.new("RGB", image.size, image.getpixel((0, 0)))
    drawn = ImageChops.difference(image, plain).convert("L").point(lambda v: 255 * (v > 12))
    box = drawn.getbbox()
    assert box is not None
    # Three views spread evenly: the drawing is centred and well inside the frame.
    assert abs((box[0] + box[2]) / 2 - width / 2) < width * 0.06
    assert box[0] > border
    assert box[2] < width - border
    assert box[1] > border
    assert box[3] < height - border
    # Front, side and back: three separate figures side by side.
    columns = [drawn.crop((width * i // 3, 0, width * (i + 1) // 3, height)) for i in range(3)]
    assert all(column.getbbox() is not None for column in columns)


# --------------------------------------------------------------------------------------
# Creatures.


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("a round hedgehog with tiny glasses", "hedgehog"),
        ("two shy HEDGEHOGS", "hedgehog"),
        ("a slow green turtle", "turtle"),
        ("Tortoises", "turtle"),
        ("a frog", "frog"),
        ("warty toads", "frog"),
        ("a pig", "pig"),
        ("three little piglets", "pig"),
        ("Elephants", "elephant"),
        ("a proud Lion", "lion"),
        ("tigers", "tiger"),
        ("penguins", "penguin"),
        ("a duck", "duck"),
        ("ducklings", "duck"),
        ("a woolly sheep", "sheep"),
        ("lambs", "sheep"),
        ("a horse", "horse"),
        ("ponies", "horse"),
        ("a unicorn", "unicorn"),
        ("squirrels", "squirrel"),
        ("a badger", "badger"),
        ("otters", "otter"),
        ("a hippo", "hippo"),
        ("hippopotamuses", "hippo"),
        ("giraffes", "giraffe"),
        ("a dinosaur", "dinosaur"),
        ("a T-Rex", "dinosaur"),
        ("monkeys", "monkey"),
        ("wolves", "wolf"),
        ("a deer", "deer"),
        ("fawns", "deer"),
        ("snails", "snail"),
        ("bees", "bee"),
        ("a ladybug", "ladybug"),
        ("ladybirds", "ladybug"),
        ("bunnies", "rabbit"),
        ("mice", "mouse"),
        # A person word right before a creature only describes it.
        ("a baby elephant", "elephant"),
        ("the queen bee", "bee"),
        ("a giant tortoise", "turtle"),
        ("a pirate cat", "cat"),
    ],
)
def test_creatures_are_recognised_from_their_text(text: str, kind: str) -> None:
    assert character_look(CharacterBrief(name="Friend", description=text)).animal == kind


def test_a_creature_can_be_named_in_any_descriptive_field() -> None:
    for field in ("physical_appearance", "key_traits"):
        brief = CharacterBrief(name="Friend", **{field: "a little brown squirrel"})
        assert character_look(brief).animal == "squirrel", field


def test_an_animal_word_wins_over_the_human_default() -> None:
    bramble = character_look(BRAMBLE)
    assert bramble.animal == "hedgehog"
    assert "glasses" in bramble.features  # a hedgehog wearing glasses, not a boy
    dressed = character_look(dataclasses.replace(BRAMBLE, clothing_style="a red scarf"))
    assert dressed.animal == "hedgehog"
    assert "scarf" in dressed.features


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("Mira", "A brave girl who loves horses"),
        ("Sam", "a boy with his pet dog"),
        ("Ada", "a grandma who knits for her cats"),
        ("Kit", "tall and kind, she wears bunny slippers"),
        ("Beatrice", "a kind catalogue seller"),  # "bee" and "cat" only inside words
        ("Robin", ""),  # a given name, not a bird
        ("Joe", "a farmer with a sheepdog"),
        ("Ann", "a girl's cat is her best friend"),
        ("Ben", "a boy and his dog"),
    ],
)
def test_people_stay_people(name: str, text: str) -> None:
    assert character_look(CharacterBrief(name=name, description=text)).animal is None


@pytest.mark.parametrize(
    "text",
    [
        "a small grey platypus",
        "a koala",
        "a guinea pig",
        "a friendly wumpus with soft fur and a long tail",
        "a curious little creature",
    ],
)
def test_unknown_creatures_are_critters_not_people(text: str) -> None:
    look = character_look(CharacterBrief(name="Pip", description=text))
    assert look.animal == "critter"
    assert look.height < 0.9  # a small creature, not a grown-up


def test_a_critter_is_coloured_from_its_text_and_stable() -> None:
    platypus = character_look(CharacterBrief(name="Pip", description="a small grey platypus"))
    red, green, blue = platypus.fur
    assert max(red, green, blue) - min(red, green, blue) < 20  # grey
    purple = character_look(CharacterBrief(name="Zog", description="a purple creature"))
    assert purple.fur[2] > purple.fur[1]
    assert purple == character_look(CharacterBrief(name="Zog", description="a purple creature"))


def test_new_creatures_take_their_colours_from_the_text() -> None:
    turtle = character_look(CharacterBrief(name="Shelly", description="a blue turtle"))
    assert turtle.fur[2] > turtle.fur[0]
    shelled = character_look(CharacterBrief(name="Shelly", description="a turtle with a red shell"))
    assert shelled.trim[0] > shelled.trim[2] + 100  # the shell is red, the skin stays green
    assert shelled.fur[1] > shelled.fur[0]
    pink = character_look(CharacterBrief(name="Ellie", description="a pink elephant"))
    grey = character_look(CharacterBrief(name="Ellie", description="an elephant"))
    assert pink.fur[0] > pink.fur[1] + 60
    assert grey.fur != pink.fur
    unicorn = character_look(
        CharacterBrief(name="Star", description="a white unicorn with a rainbow mane")
    )
    assert "rainbow" in unicorn.features
    assert min(unicorn.fur) > 230


def test_creature_relatives_have_their_own_details() -> None:
    assert "antlers" in character_look(CharacterBrief(name="A", description="a deer")).features
    fawn = character_look(CharacterBrief(name="B", description="a fawn"))
    assert "spots" in fawn.features
    lion = character_look(CharacterBrief(name="C", description="a lion"))
    cub = character_look(CharacterBrief(name="D", description="a lion cub"))
    duckling = character_look(CharacterBrief(name="E", description="a duckling"))
    duck = character_look(CharacterBrief(name="F", description="a duck"))
    assert duckling.height < duck.height
    assert duckling.fur != duck.fur  # a yellow duckling, a white duck
    assert cub.animal == lion.animal == "lion"


def test_a_prompt_without_a_scene_finds_new_creatures_and_plurals() -> None:
    prompt = "Two hedgehogs and a grey platypus splash in a puddle, cartoon style"
    found = scene_from_prompt(prompt)
    looks = [character_look(c) for c in found.characters]
    assert [look.animal for look in looks] == ["hedgehog", "critter"]
    assert water_for(found.description) == "puddle"


def test_every_creature_draws_in_every_view() -> None:
    kinds = [
        "hedgehog",
        "turtle",
        "frog",
        "pig",
        "elephant",
        "lion",
        "tiger",
        "penguin",
        "duck",
        "sheep",
        "horse",
        "unicorn",
        "squirrel",
        "badger",
        "otter",
        "hippo",
        "giraffe",
        "dinosaur",
        "monkey",
        "wolf",
        "deer",
        "snail",
        "bee",
        "ladybug",
        "platypus",
    ]
    sheets = set()
    for kind in kinds:
        creature = CharacterBrief(name=kind.title(), description=f"a {kind}")
        image = draw(size="192x128", kind="sheet", characters=(creature,))
        # Three views, each a drawing of its own (front, side and back).
        columns = [image.crop((64 * i, 0, 64 * (i + 1), 128)) for i in range(3)]
        plain = Image.new("RGB", (64, 128), image.getpixel((0, 0)))
        for column in columns:
            assert ImageChops.difference(column, plain).getbbox() is not None, kind
        sheets.add(image.tobytes())
    assert len(sheets) == len(kinds)


def test_a_creature_scene_is_deterministic() -> None:
    provider = OfflineProvider()
    creatures = scene(characters=(BRAMBLE, HOP, LUNA), setting="a pond in the woods")
    first = provider.draw("x", size="256x256", scene=creatures)
    assert first.data == provider.draw("y", size="256x256", scene=creatures).data
    assert first.data != provider.draw("x", size="256x256", scene=scene()).data


# --------------------------------------------------------------------------------------
# Water.


def blue_share(image: Image.Image) -> float:
    """The share of the lower half of ``image`` that is clearly blue (water, not grass)."""
    lower = image.crop((0, image.height // 2, image.width, image.height))
    red, green, blue = lower.split()
    bluer_than_red = ImageChops.subtract(blue, red).point(lambda v: 255 if v > 40 else 0)
    bluer_than_green = ImageChops.subtract(blue, green).point(lambda v: 255 if v > 10 else 0)
    both = ImageChops.multiply(bluer_than_red, bluer_than_green)
    return both.histogram()[255] / (lower.width * lower.height)


def colour_count(image: Image.Image, colour: tuple[int, int, int]) -> int:
    return sum(n for n, found in image.getcolors(1 << 16) or [] if found == colour)


def test_water_words_are_found_whole_and_earliest_first() -> None:
    assert water_for("a pond in the woods") == "pond"
    assert water_for("Splashing in PUDDLES") == "puddle"
    assert water_for("a stream by the old mill") == "river"
    assert water_for("the lake below the waterfall") == "lake"
    assert water_for("a waterfall into a lake") == "waterfall"
    assert water_for("a respond, a lakefront, a riverboat") is None
    assert water_for("a meadow") is None


@pytest.mark.parametrize(
    ("words", "least"),
    [
        ("a pond in the woods", 0.02),
        ("a lake in the woods", 0.02),
        ("a river in the woods", 0.02),
        ("a stream in the woods", 0.02),
        ("a waterfall in the woods", 0.008),
        ("puddles in the woods", 0.008),
    ],
)
def test_a_water_word_adds_visible_water(words: str, least: float) -> None:
    # The text at the top puts the ground, and so any water, in the lower half.
    for seed in ("story-1", "story-2", "story-3"):
        common: dict[str, Any] = {
            "characters": (BRAMBLE, HOP),
            "description": "in the morning",
            "text_position": "top-center",
            "seed_key": seed,
        }
        dry = blue_share(draw(setting="the woods", **common))
        wet = blue_share(draw(setting=words, **common))
        assert wet > dry + least, (seed, dry, wet)


def test_water_also_comes_from_the_description_and_stays_off_the_sea() -> None:
    dry = draw(setting="a meadow", description="a sunny morning", text_position="top-center")
    wet = draw(
        setting="a meadow", description="a sunny morning by the river", text_position="top-center"
    )
    assert blue_share(wet) > blue_share(dry) + 0.02
    sea = draw(setting="a lighthouse by the sea", description="a stream runs to the beach")
    plain_sea = draw(setting="a lighthouse by the sea", description="a walk to the beach")
    assert abs(blue_share(sea) - blue_share(plain_sea)) < 0.05


@pytest.mark.parametrize("position", TEXT_POSITIONS)
def test_water_keeps_out_of_the_text_area(position: str) -> None:
    deep = WATER_COLOURS[0]
    for setting in ("a pond in the woods", "a lake", "a river in the meadow", "puddles"):
        image = draw(
            setting=setting,
            description="in the morning",
            text_position=position,
            characters=(BRAMBLE, HOP),
        )
        region = image.crop(text_region(position, *image.size))
        assert colour_count(region, deep) == 0, setting
        assert colour_count(image, deep) > 0, setting


@pytest.mark.parametrize("style", ["Default", "Cartoon", "Pixel Art", "Noir"])
def test_the_text_area_stays_calm_with_water(style: str) -> None:
    image = draw(setting="a waterfall in the woods", image_style=style, characters=(BRAMBLE,))
    inside, outside = _region_contrast(image, "bottom-center")
    assert inside < outside * 0.5, (inside, outside)


# --------------------------------------------------------------------------------------
# Rewriting one page.


def rewrite(story_brief: StoryBrief, page: Any, variant: int = 0, cast: Any = None) -> str:
    request = PageRewriteRequest(
        brief=story_brief,
        page_number=page.number,
        text=page.text,
        characters_in_scene=tuple(page.characters_in_scene if cast is None else cast),
        pages=(),
        user_instructions="",
        instructions="ignored",
        prompt="ignored",
        schema={},
        variant=variant,
    )
    return OfflineProvider().rewrite_page(request).text


@pytest.mark.parametrize("density", DENSITIES)
def test_a_rewritten_page_differs_fits_the_density_and_names_its_cast(density: str) -> None:
    story_brief = brief(text_density=density)
    low, high = word_range(density)
    for page in write(story_brief).pages[1:]:
        text = rewrite(story_brief, page)
        assert text != page.text
        assert low <= count_words(text) <= high
        assert all(name in text for name in page.characters_in_scene)


def test_a_rewrite_is_deterministic_per_variant_and_varies_between_them() -> None:
    story_brief = brief()
    page = write(story_brief).pages[3]
    assert rewrite(story_brief, page, variant=7) == rewrite(story_brief, page, variant=7)
    assert len({rewrite(story_brief, page, variant=v) for v in range(5)}) > 1


def test_a_rewrite_keeps_to_the_characters_in_the_picture() -> None:
    story_brief = brief()
    page = write(story_brief).pages[4]
    text = rewrite(story_brief, page, cast=("Pip",))
    assert "Pip" in text
    assert "Mira" not in text


def test_rewrites_hold_for_many_briefs() -> None:
    for story_brief in random_briefs(40, seed=11):
        draft = write(story_brief)
        low, high = word_range(story_brief.text_density)
        page = draft.pages[-1]
        text = rewrite(story_brief, page, variant=3)
        assert text.strip()
        assert count_words(text) <= high
        assert count_words(text) >= min(low, count_words(page.text))


@pytest.mark.parametrize("number", [0, 7])
def test_only_content_pages_can_be_rewritten(number: int) -> None:
    page = dataclasses.replace(write(brief()).pages[1], number=number)
    with pytest.raises(AIProviderRejected):
        rewrite(brief(), page)
