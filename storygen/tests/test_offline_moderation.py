"""The offline moderation: fairy-tale danger passes, what is unfit for children does not, and
every score comes with the words behind it.

Each table row is checked twice: by the classifier's own verdict, and by the decision the
stories are stopped on (storygen.safety.blocking_categories, with the default limits).
"""

from __future__ import annotations

import base64

import pytest

from storygen.ai.offline import OfflineProvider
from storygen.ai.offline.moderation import CATEGORIES, PERIL_WEIGHT, moderate
from storygen.safety import DEFAULT_THRESHOLDS, blocking_categories
from storygen.safety_phrases import SafetyPhrases


@pytest.fixture(autouse=True)
def _no_admin_phrases(monkeypatch: pytest.MonkeyPatch) -> None:
    # The rules alone: no administrator's phrases (and no database) behind these checks.
    monkeypatch.setattr("storygen.safety_phrases._reader", SafetyPhrases)


#: Classic fairy-tale peril: a children's picture book may tell every one of these.
FAIRY_TALES = (
    "The big bad wolf wants to kill and eat the three little pigs.",
    "The big bad wolf huffs and puffs and blows the straw house down, then tries to eat the pigs.",
    "A wicked witch locks the children in a tall tower and throws away the key.",
    "The witch wants to fatten Hansel up, cook him in her oven and eat him, but Gretel pushes "
    "her into the oven.",
    "A dragon breathes fire at the brave knight, who raises his shield and his sword.",
    "Fee-fi-fo-fum, I smell the blood of an Englishman: the giant wants to grind Jack's bones "
    "to make his bread.",
    "The wolf swallows Grandma whole, puts on her nightcap and waits to eat Little Red Riding "
    "Hood, until the woodcutter cuts him open.",
    "The huntsman is ordered to kill Snow White, but he lets her run away into the forest.",
    "The evil queen gives Snow White a poisoned apple and she falls into a deep sleep.",
    "The troll under the bridge threatens to gobble up the three billy goats.",
    "The knight slays the dragon in a great battle and the village is safe again.",
    "Captain Hook wants to make Peter Pan walk the plank, and the crocodile wants to eat Hook.",
    "The sea witch takes the little mermaid's voice in exchange for a pair of legs.",
    "Jack's beanstalk shoots up into the clouds, and the angry giant chases him down it.",
    "The wicked stepmother locks Cinderella in the attic so that she cannot go to the ball.",
    "A hungry fox tricks the gingerbread man and snaps him up in one bite.",
    "The ogre wants to eat the seven brothers, but Tom Thumb steals his seven-league boots.",
    "The huntsman takes his gun and chases the wolf away from Grandmother's house.",
    "Rumpelstiltskin stamps his foot so hard that he tears himself in two.",
    "The killer whale and the sea monster fight over a blood orange in the stormy sea.",
)

#: Content unfit for children, the category that must stop it, and the words that must be
#: named for it.
UNFIT: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "The wolf slaughters the pigs and their blood sprays across the walls.",
        "violence",
        ("slaughters", "blood sprays"),
    ),
    ("The wolf kills the pigs and drinks their blood.", "violence", ("kills", "blood")),
    ("The knight tortures the dragon until it screams.", "violence", ("tortures",)),
    ("The witch dismembers the children and boils their entrails.", "violence", ("dismembers",)),
    (
        "A boy takes his father's rifle to school and shoots his classmates.",
        "violence",
        ("rifle", "shoots"),
    ),
    ("The soldiers gun down the villagers in the square.", "violence", ("gun down",)),
    ("The pirate wants to murder the whole crew.", "violence", ("murder",)),
    ("The prince and the princess have sex in the castle tower.", "sexual", ("sex",)),
    (
        "The man touched the child's private parts and said it was their secret.",
        "sexual/minors",
        ("private parts",),
    ),
    (
        "The little mermaid is so sad that she decides to kill herself.",
        "self-harm",
        ("kill herself",),
    ),
    ("The boy cuts himself so that he stops feeling sad.", "self-harm", ("cuts himself",)),
    ("The dwarves learn that the master race must rule the subhumans.", "hate", ("master race",)),
    ("The fairy teaches the children how to make a bomb.", "illicit", ("make a bomb",)),
    ("The narrator tells the reader: kill yourself.", "harassment", ("kill yourself",)),
    ("The wolf sl4ughters the p1gs in the b a r n.", "violence", ("slaughters",)),
)


@pytest.mark.parametrize("text", FAIRY_TALES)
def test_fairy_tale_peril_passes(text: str) -> None:
    verdict = moderate(text)
    assert not verdict.flagged
    assert verdict.categories == ()
    assert blocking_categories(verdict) == ()


@pytest.mark.parametrize(("text", "category", "words"), UNFIT)
def test_content_unfit_for_children_is_stopped_and_the_words_are_named(
    text: str, category: str, words: tuple[str, ...]
) -> None:
    verdict = moderate(text)
    assert verdict.flagged
    assert category in verdict.categories
    assert category in blocking_categories(verdict)
    assert set(words) <= set(verdict.terms[category])


def test_the_tables_are_big_enough_to_mean_something() -> None:
    assert len(FAIRY_TALES) >= 15
    assert len(UNFIT) >= 10
    assert {category for _, category, _ in UNFIT} >= {
        "violence",
        "sexual",
        "sexual/minors",
        "self-harm",
        "hate",
        "harassment",
        "illicit",
    }


def test_one_kind_of_danger_scores_below_the_violence_limit_and_two_reach_it() -> None:
    wolf = moderate("The big bad wolf wants to kill and eat the three little pigs.")
    assert wolf.scores["violence"] == PERIL_WEIGHT
    assert DEFAULT_THRESHOLDS["violence"] > PERIL_WEIGHT
    assert wolf.terms == {"violence": ("kill",)}
    both = moderate("The wolf wants to kill the pigs and drink their blood.")
    assert both.scores["violence"] >= DEFAULT_THRESHOLDS["violence"]
    assert both.terms["violence"] == ("kill", "blood")


def test_a_weapon_alone_or_shooting_alone_passes_but_together_they_do_not() -> None:
    assert not blocking_categories(moderate("The huntsman carries a gun over his shoulder."))
    assert not blocking_categories(moderate("A shooting star shoots across the sky."))
    together = moderate("The huntsman shoots the wolf with his gun.")
    assert blocking_categories(together) == ("violence",)
    assert together.terms["violence"] == ("gun", "shoots")


def test_a_word_already_said_by_a_longer_one_is_named_once() -> None:
    verdict = moderate("There was blood everywhere.")
    assert verdict.terms["violence"] == ("blood everywhere",)


def test_hidden_words_are_named_as_read() -> None:
    hidden = base64.b64encode(b"they began to slaughter the lambs").decode()
    assert moderate(f"A story: {hidden}").terms["violence"] == ("slaughter",)
    assert moderate("The m.u.r.d.e.r at midnight.").terms["violence"] == ("murder",)
    assert moderate("Su\u200bicide.").terms["self-harm"] == ("suicide",)


def test_a_clean_text_names_no_words() -> None:
    verdict = moderate("Mira finds a lost whale calf and guides it back to the sea.")
    assert verdict.terms == {}
    assert set(verdict.scores.values()) == {0.0}


# --- the word lists -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The brave knight raised his sword and faced the dragon.",
        "It was a battle of wits between the fox and the crow.",
        "The heroine found a skill she never knew she had.",
        "A killer whale swam past the boat, and they ate a blood orange.",
        "The wicked witch cackled, and the monster under the bed was only a sock.",
        "They fought the storm together and won the race.",
        "The pirates searched for treasure on the island of Essex.",
        "Grandpa told a story about the old war and the brave soldiers.",
        "",
    ],
)
def test_childrens_story_words_are_not_flagged(text: str) -> None:
    verdict = OfflineProvider().moderate(text)
    assert not verdict.flagged
    assert verdict.categories == ()


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("He wanted to murder the neighbour.", "violence"),
        ("There was blood everywhere after the murder.", "violence"),
        ("A story with explicit sex scenes.", "sexual"),
        ("She said she wanted to kill myself tonight.", "self-harm"),
        ("Thoughts of suicide.", "self-harm"),
        ("A speech about the master race.", "hate"),
        ("Nobody likes you, you idiot.", "harassment"),
        ("Kill yourself.", "harassment"),
        ("The dealer sold cocaine and heroin.", "illicit"),
        ("How to build a bomb at home.", "illicit"),
    ],
)
def test_unsafe_text_is_flagged_in_its_category(text: str, category: str) -> None:
    verdict = OfflineProvider().moderate(text)
    assert verdict.flagged
    assert category in verdict.categories
    assert verdict.scores[category] == 1.0


def test_matching_is_whole_word_and_case_insensitive() -> None:
    provider = OfflineProvider()
    assert provider.moderate("MURDER").flagged
    assert provider.moderate("Self-Harm").categories == ("self-harm",)
    for safe in ("skill", "skilled", "heroine", "methodical", "Sussex", "therapist"):
        assert not provider.moderate(safe).flagged, safe


def test_scores_cover_every_category() -> None:
    verdict = OfflineProvider().moderate("murder and cocaine")
    assert set(verdict.scores) == set(CATEGORIES)
    assert verdict.categories == ("violence", "illicit")
    assert {c for c, score in verdict.scores.items() if score == 1.0} == set(verdict.categories)


def test_words_in_other_languages_still_block_outright() -> None:
    # Too little of these languages is known to tell a wolf's threat from harm.
    verdict = moderate("Il lupo voleva uccidere i bambini nel bosco.")
    assert verdict.categories == ("violence",)
    assert verdict.terms["violence"] == ("uccidere",)
