"""The child-safety decisions: briefs, pages, pictures and drawing requests checked through
the provider's moderation, and what a refusal tells the person.

Every check fails closed. A verdict blocks when the provider flagged it *or* any category's
score reaches its limit in ``STORYGEN_MODERATION_THRESHOLDS`` (stricter than the provider's
own ``flagged``). What follows from a decision is for the caller: a story is held or refused
by the stories app (stories.services.safety), a drawing job is failed or retried here.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from storygen.ai.errors import AIProviderError, AIProviderUnavailable
from storygen.ai.moderation_seam import moderator
from storygen.ai.types import CharacterBrief, Verdict
from storygen.jobs import RetryLater, job_fail, job_release, retry_delay
from storygen.safety_wording import ADVICE, CATEGORY_NAMES, GENERAL_ADVICE

logger = logging.getLogger(__name__)

#: Score limits per category when settings give none: anything a children's book should
#: not contain blocks well below the provider's own "flagged" line. A subcategory without a
#: limit of its own ("violence/graphic") uses its parent's.
DEFAULT_THRESHOLDS: dict[str, float] = {
    "sexual": 0.2,
    "sexual/minors": 0.01,
    "violence": 0.4,
    "violence/graphic": 0.2,
    "self-harm": 0.1,
    "hate": 0.2,
    "harassment": 0.3,
    "illicit": 0.2,
    "weapons": 0.2,
    "dangerous-activity": 0.2,
    "substances": 0.2,
    "grooming": 0.01,
    "blocked_phrase": 0.01,
}


def thresholds() -> dict[str, float]:
    """The per-category score limits in force (settings override the defaults per category)."""
    configured = getattr(settings, "STORYGEN_MODERATION_THRESHOLDS", None) or {}
    return {**DEFAULT_THRESHOLDS, **{str(k): float(v) for k, v in dict(configured).items()}}


def _limit(category: str, limits: dict[str, float]) -> float | None:
    if category in limits:
        return limits[category]
    return limits.get(category.split("/", 1)[0])


def blocking_categories(verdict: Verdict) -> tuple[str, ...]:
    """The categories of ``verdict`` that block: flagged ones, and scores at their limit.

    A verdict the provider flagged without naming a category still blocks, as "flagged".
    """
    limits = thresholds()
    found = set(verdict.categories)
    for category, score in verdict.scores.items():
        limit = _limit(category, limits)
        if limit is not None and score >= limit:
            found.add(category)
    if verdict.flagged and not found:
        found.add("flagged")
    return tuple(sorted(found))


@dataclass(frozen=True)
class Finding:
    """One checked item that blocks: what it is ("page 3 text"), why, and the words behind
    each category where the moderation names them (the offline one does, OpenAI's not)."""

    item: str
    categories: tuple[str, ...]
    words: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        # The words are the person's own text: they go to the person, not into records.
        return {"item": self.item, "categories": list(self.categories)}


def _finding(item: str, verdict: Verdict, categories: tuple[str, ...]) -> Finding:
    words = {c: verdict.terms[c] for c in categories if verdict.terms.get(c)}
    return Finding(item, categories, words)


@dataclass(frozen=True)
class Screening:
    """The outcome of a check: what blocks, or why moderation could not answer."""

    findings: tuple[Finding, ...] = ()
    unavailable: str = ""

    @property
    def flagged(self) -> bool:
        return bool(self.findings)

    @property
    def clear(self) -> bool:
        return not self.findings and not self.unavailable

    @property
    def categories(self) -> list[str]:
        return sorted({c for finding in self.findings for c in finding.categories})


def _moderate(text: str, *, written: bool = False) -> Verdict:
    # Any provider failure counts as "moderation unavailable": the gate fails closed.
    return moderator().moderate(text, written=written)


def screen_texts(
    items: Sequence[tuple[str, str]], *, whole: str = "", written: bool = False
) -> Screening:
    """Check labelled texts. With ``whole`` they are first checked together in one call, and
    one by one only when that blocks (to say which); a block that no single item explains
    is reported under ``whole``.
    """
    items = [(label, text) for label, text in items if text.strip()]
    if not items:
        return Screening()
    try:
        if whole:
            whole_verdict = _moderate("\n\n".join(t for _, t in items), written=written)
            together = blocking_categories(whole_verdict)
            if not together:
                return Screening()
        findings = []
        for label, text in items:
            verdict = _moderate(text, written=written)
            categories = blocking_categories(verdict)
            if categories:
                findings.append(_finding(label, verdict, categories))
        if whole and not findings:
            findings.append(_finding(whole, whole_verdict, together))
    except AIProviderError as exc:
        return Screening(unavailable=exc.message or "The moderation service did not answer.")
    return Screening(findings=tuple(findings))


def screen_brief(
    *,
    title: str,
    outline: str,
    setting: str = "",
    tone: str = "",
    characters: Iterable[CharacterBrief] = (),
) -> Screening:
    """Check everything a person wrote for a story before anything is written from it.

    One call for the whole brief; one per part (the title, the outline, the setting, the
    tone, each character) only when the whole blocks, to say which part to change.
    """
    items = [
        ("the title", title),
        ("the outline", outline),
        ("the setting", setting),
        ("the tone", tone),
    ]
    for character in characters:
        details = [
            character.description,
            character.gender,
            str(character.age) if character.age is not None else "",
            character.physical_appearance,
            character.clothing_style,
            character.personality,
            character.key_traits,
            character.background,
        ]
        text = f"{character.name}: " + "; ".join(d for d in details if d)
        items.append((f"the character {character.name}", text))
    return screen_texts(items, whole="the brief as a whole")


def screen_draft(*, title: str, pages: Iterable[Any]) -> Screening:
    """Check a written story: its title and every page's text and picture description.

    ``pages`` have ``number``, ``text`` and ``image_description`` (draft pages or Page rows).
    One call for the whole story; one per page only when the whole blocks.
    """
    items = [("the title", title)]
    for page in pages:
        name = "the cover" if page.number == 0 else f"page {page.number}"
        text = page.text
        if page.image_description:
            text = f"{text}\n{page.image_description}"
        items.append((f"{name} text", text))
    return screen_texts(items, whole="the story as a whole", written=True)


def picture_label(page_number: int) -> str:
    """How a page's picture is named in findings ("the cover picture", "page 3 picture")."""
    return "the cover picture" if page_number == 0 else f"page {page_number} picture"


def screen_picture(*, data: bytes, mime: str, text: str, label: str) -> Screening:
    """Check a picture together with its page's text, where the provider can moderate
    pictures.

    Providers that cannot (the offline one) check nothing here: the text the picture was
    drawn from was checked when it was written.
    """
    try:
        verdict = moderator().moderate_image(data, mime=mime, text=text)
    except AIProviderError as exc:
        return Screening(unavailable=exc.message or "The moderation service did not answer.")
    if verdict is None:
        return Screening()
    categories = blocking_categories(verdict)
    return Screening(findings=(Finding(label, categories),) if categories else ())


# --- what a refusal says -----------------------------------------------------------------------


def _category_name(category: str) -> str:
    return CATEGORY_NAMES.get(category, category.replace("/", " "))


def _listed(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def _reasons(finding: Finding) -> str:
    """The finding's categories in plain words, each with its words where known: a category
    is left out when a more precise one of it ("violence/graphic") is there too."""
    shown = [
        c for c in finding.categories if not any(o.startswith(f"{c}/") for o in finding.categories)
    ]
    named = []
    for category in shown:
        words = finding.words.get(category) or finding.words.get(category.split("/", 1)[0], ())
        named.append((_category_name(category), ", ".join(f"“{word}”" for word in words)))
    if len(named) == 1:
        name, quoted = named[0]
        return f"{name}: {quoted}" if quoted else name
    return _listed([f"{name} ({quoted})" if quoted else name for name, quoted in named])


def refusal_message(screening: Screening) -> str:
    """What the person is told when their words did not pass: what was stopped and for
    what, in plain words with the words that did it where the moderation names them, then
    what to change. It quotes their own text: show it to them, never log it.
    """
    sentences = [
        f"{finding.item[:1].upper()}{finding.item[1:]} was stopped for {_reasons(finding)}."
        for finding in screening.findings
    ]
    return " ".join([*sentences, refusal_suggestion(screening)])


def refusal_suggestion(screening: Screening) -> str:
    """What to change, for the categories that blocked (the general advice without any)."""
    advice = dict.fromkeys(
        ADVICE.get(category.split("/", 1)[0], GENERAL_ADVICE) for category in screening.categories
    )
    return " ".join(advice) or GENERAL_ADVICE


# --- drawings a person asks for (a page redrawn, a character's sheet) -------------------------


def drawing_request_allowed(
    rows: QuerySet[Any], *, attempts: int, text: str, label: str, what: str
) -> bool:
    """Check a person's own words for a drawing before anything is drawn from them, as a
    story's brief is checked. True when they pass.

    A request that blocks fails the job (code "blocked"); one that cannot be checked puts
    the job back to waiting (raises RetryLater) until AI_MAX_ATTEMPTS, then fails it
    ("unavailable"). ``what`` names the request in the person's words ("that description").
    """
    screening = screen_texts([(label, text)])
    if screening.clear:
        return True
    if screening.flagged:
        job_fail(
            rows,
            code="blocked",
            message=f"{what.capitalize()} cannot be drawn for a children's book. "
            "Try describing it differently.",
        )
        logger.info("drawing request refused: %s did not pass", label)
        return False
    if attempts < settings.AI_MAX_ATTEMPTS:
        delay = retry_delay(AIProviderUnavailable(screening.unavailable), attempts)
        job_release(rows, delay=delay)
        raise RetryLater(delay)
    job_fail(
        rows,
        code="unavailable",
        message="The safety check is not answering, so nothing was drawn. Try again later.",
    )
    return False


def drawing_withheld(rows: QuerySet[Any], *, screening: Screening) -> bool:
    """Fail the job of a drawn picture whose check did not pass; True when withheld.

    Fails closed: a picture that blocks, or that could not be checked, is never kept, and
    drawing again is the person's choice rather than an automatic cost.
    """
    if screening.clear:
        return False
    if screening.flagged:
        message = (
            "The new picture did not pass the safety check, so it was not kept. "
            "Try again, perhaps with a different description."
        )
        job_fail(rows, code="blocked", message=message)
    else:
        message = "The safety check is not answering, so the new picture was not kept. "
        job_fail(rows, code="unavailable", message=message + "Try again later.")
    logger.info("drawn picture withheld: %s", ",".join(screening.categories) or "unchecked")
    return True
