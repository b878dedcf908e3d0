"""The safety decisions: which verdicts block, and the limits per category."""

from __future__ import annotations

from typing import Any

from storygen import safety
from storygen.ai.types import Verdict


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
