"""Who is on each page, at what time of day, and what each page's picture shows.

Not the page text: that is ``pages`` and ``beats``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from storygen.ai.offline.writer.genres import KITS
from storygen.ai.offline.writer.phrasing import STYLE_NAMES
from storygen.ai.offline.writer.planning import beat_plan
from storygen.ai.offline.writer.words import join_names

if TYPE_CHECKING:
    from storygen.ai.offline.writer.characters import Person
    from storygen.ai.offline.writer.kit import Kit
    from storygen.ai.offline.writer.story import Story


def cast_plan(
    pages: int, people: Sequence[Person], lead: int, named: dict[int, int]
) -> tuple[list[list[int]], dict[int, int]]:
    """Which characters (by index) are on each page, and the page each is introduced on.

    The character the plot is about (``lead``) stays on every page once introduced, and
    anyone the outline names is introduced no later than the page that names them.
    """
    count = len(people)
    if not count:
        return [[] for _ in range(pages)], {}
    early = max(1, (pages + 1) // 2)
    intro = {0: 1}
    for index in range(1, count):
        intro[index] = 1 if pages <= 2 else min(early, 1 + (index * early) // count)
        if index in named:
            intro[index] = min(intro[index], named[index])
    beats = beat_plan(pages, False)
    casts: list[list[int]] = []
    for page in range(1, pages + 1):
        page_beats = beats[page - 1]
        big = page == pages or "turn" in page_beats or pages <= 2
        members = [0]
        for index in range(1, count):
            if intro[index] > page:
                continue
            rotating = (page + index) % 2 == 0 or count <= 2
            if intro[index] == page or big or rotating or index == lead:
                members.append(index)
        casts.append(members)
    # On long stories with big casts, keep middle pages readable (and drawable).
    for page, members in enumerate(casts, start=1):
        if len(members) > 4 and page != pages:
            newcomers = [m for m in members if intro[m] == page]
            keep = [0, *newcomers]
            if lead in members and lead not in keep:
                keep.append(lead)
            for m in members:
                if len(keep) >= max(4, len(newcomers) + 1):
                    break
                if m not in keep:
                    keep.append(m)
            casts[page - 1] = sorted(keep)
    return casts, intro


def time_of_day(page: int, pages: int, genre_kit: Kit, theme: str) -> str:
    if theme == "space":
        return "among the stars"
    spooky = genre_kit is KITS["horror"]
    if pages == 1:
        return "at dusk" if spooky else "in the golden afternoon"
    frac = (page - 1) / (pages - 1)
    if spooky:
        return "at dusk" if frac < 0.4 else "at night, under a round moon"
    if frac < 0.2:
        return "in the morning light"
    if frac < 0.45:
        return "at midday"
    if frac < 0.7:
        return "in the golden afternoon"
    if frac < 0.95:
        return "at sunset"
    return "at night, by lantern light"


# When a page happens at the same time of day as the one before, time still moves on.
LATER = ("A little later", "Soon", "After a while", "Before long", "Not long after")


def style_name(image_style: str) -> str:
    style = " ".join(image_style.split()) or "Default"
    return STYLE_NAMES.get(style.lower(), style.lower()) + " style"


def picture_description(
    story: Story,
    cast: Sequence[Person],
    action: str,
    spot: str,
    when: str,
) -> str:
    brief = story.brief
    who = []
    for person in cast:
        detail = ", ".join(x for x in (person.who, person.look_short) if x)
        who.append(f"{person.name} ({detail})" if detail else person.name)
    subject = join_names(who) if who else story.place.folk
    style = style_name(brief.image_style)
    where = f"in {story.setting}" if spot in action else f"near {spot} in {story.setting}"
    return (
        f"Picture-book illustration in {style}: {subject} {action}, {where}, {when}. "
        f"Warm, friendly and child-safe; keep the "
        f"{brief.text_position} area calm and uncluttered for the text."
    )


# What each page's picture shows, by beat; the first line whose tags fit is used.
