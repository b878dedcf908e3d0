"""The safety decisions: which verdicts block, and the limits per category."""

from __future__ import annotations

from typing import Any

from storygen import safety
from storygen.ai.types import CharacterBrief, Verdict


def test_a_score_at_its_category_limit_blocks_even_when_the_provider_did_not_flag_it() -> None:
    verdict = Verdict(flagged=False, scores={"violence": 0.45, "hate": 0.01})
    assert safety.blocking_categories(verdict) == ("violence",)
    assert safety.blocking_categories(Verdict(flagged=False, scores={"violence": 0.39})) == ()


def test_a_subcategory_without_a_limit_uses_its_parents() -> None:
    verdict = Verdict(flagged=False, scores={"harassment/threatening": 0.31})
    assert safety.blocking_categories(verdict) == ("harassment/threatening",)


def test_limits_come_from_settings_with_defaults_for_the_rest(settings: Any) -> None:
    settings.STORYGEN_MODERATION_THRESHOLDS = {"violence": 0.9}
    assert safety.thresholds()["violence"] == 0.9
    assert safety.thresholds()["sexual/minors"] == safety.DEFAULT_THRESHOLDS["sexual/minors"]
    assert safety.blocking_categories(Verdict(flagged=False, scores={"violence": 0.8})) == ()


def test_a_flag_without_categories_still_blocks() -> None:
    assert safety.blocking_categories(Verdict(flagged=True)) == ("flagged",)


# --- briefs, and what a refusal says -----------------------------------------------------------

WOLF = "The big bad wolf wants to kill and eat the three little pigs."


def test_the_fairy_tale_wolf_passes_the_brief_check() -> None:
    assert safety.screen_brief(title="The Three Little Pigs", outline=WOLF).clear


def test_the_limits_decide_so_a_stricter_violence_limit_stops_the_wolf_too(settings: Any) -> None:
    settings.STORYGEN_MODERATION_THRESHOLDS = {"violence": 0.3}
    screening = safety.screen_brief(title="", outline=WOLF)
    assert screening.categories == ["violence"]


def test_an_unsafe_outline_is_refused_naming_the_category_the_words_and_what_to_change() -> None:
    screening = safety.screen_brief(
        title="The Three Little Pigs",
        outline="The wolf wants to slaughter the pigs, with blood everywhere.",
    )
    assert safety.refusal_message(screening) == (
        "The outline was stopped for violence: “slaughter”, “blood everywhere”. "
        "Try describing the danger without harm, e.g. the wolf chases the pigs."
    )


def test_the_refusal_names_the_character_whose_words_did_not_pass() -> None:
    screening = safety.screen_brief(
        title="Pip at sea",
        outline="Pip flies over the sea.",
        characters=[CharacterBrief(name="Pip", description="a seagull who wants to kill himself")],
    )
    message = safety.refusal_message(screening)
    assert message.startswith("The character Pip was stopped for self-harm: “kill himself”.")
    assert "comfort with a friend or a grown-up" in message


def test_danger_spread_over_the_brief_is_refused_for_the_brief_as_a_whole() -> None:
    screening = safety.screen_brief(
        title="",
        outline="The wolf wants to kill the pigs.",
        characters=[CharacterBrief(name="Wolf", description="loves the taste of blood")],
    )
    assert safety.refusal_message(screening).startswith(
        "The brief as a whole was stopped for violence: “kill”, “blood”."
    )


def test_without_words_from_the_moderation_the_categories_are_named_in_plain_words() -> None:
    screening = safety.Screening(
        findings=(
            safety.Finding("the outline", ("violence", "violence/graphic")),
            safety.Finding("the title", ("sexual", "self-harm/intent")),
        )
    )
    assert safety.refusal_message(screening) == (
        "The outline was stopped for graphic violence. "
        "The title was stopped for sexual content and wanting to hurt oneself. "
        "Leave out anyone hurting themselves: a sad character can find comfort with a friend "
        "or a grown-up. "
        "Leave out anything sexual or about bodies: keep to friendship, kindness and adventure. "
        "Try describing the danger without harm, e.g. the wolf chases the pigs."
    )


def test_a_flag_without_a_category_still_says_what_to_do() -> None:
    screening = safety.Screening(findings=(safety.Finding("the outline", ("flagged",)),))
    assert safety.refusal_message(screening) == (
        "The outline was stopped for something unsuited to a children's book. "
        "Try telling it more gently, as you would to a young child."
    )


def test_the_words_stay_out_of_what_is_recorded() -> None:
    finding = safety.Finding("the outline", ("violence",), {"violence": ("slaughter",)})
    assert finding.as_json() == {"item": "the outline", "categories": ["violence"]}
