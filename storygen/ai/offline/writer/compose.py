"""Composing the whole story: the plan, every page in order, and the cover.

The public entry points are :func:`write_story` and :func:`write_story_payload`; writing
one page again is in ``rewrite``.
"""

from __future__ import annotations

import dataclasses
import random
import re
from typing import TYPE_CHECKING, Any

from storygen.ai.drafts import needs_picture, parse_story_draft
from storygen.ai.offline.painter import theme_for
from storygen.ai.offline.writer.beats import mention_cast
from storygen.ai.offline.writer.characters import person_from, pronouns_from
from storygen.ai.offline.writer.counting import word_range
from storygen.ai.offline.writer.genres import kit_for
from storygen.ai.offline.writer.outline import outline_segments
from storygen.ai.offline.writer.pages import mood_pools, page_bits, page_values
from storygen.ai.offline.writer.places import PLACES
from storygen.ai.offline.writer.planning import Bit, Fillers, beat_plan, fit, segment_placement
from storygen.ai.offline.writer.plot import read_plot
from storygen.ai.offline.writer.plot_words import Plot
from storygen.ai.offline.writer.scenes import (
    LATER,
    cast_plan,
    picture_description,
    style_name,
    time_of_day,
)
from storygen.ai.offline.writer.story import Story
from storygen.ai.offline.writer.titles import story_title, thing_from_outline
from storygen.ai.offline.writer.user_text import seed, setting_phrase, tone_phrase
from storygen.ai.offline.writer.words import join_names, upper_first
from storygen.ai.types import StoryBrief, StoryDraft, Usage

if TYPE_CHECKING:
    from storygen.ai.offline.writer.characters import Person
    from storygen.ai.offline.writer.rewrite import Rewrite


# Broken states that tape, string and patience can mend (a dark lamp or a sad cloud cannot).
_DAMAGE = frozenset({"broken", "cracked", "torn", "flat", "squashed", "bent"})


def _flags_for(plot: Plot, given: bool, stock: tuple[str, str, str]) -> frozenset[str]:
    flags = {plot.kind, "given" if given else "open"}
    if plot.kind in {"lost", "stock"}:
        flags.add("search")
    if plot.thing:
        flags.update({"thing", "alive" if plot.alive else "object"})
    flags.add("clue" if plot.clue else "noclue")
    if "paw" in stock[0]:
        flags.add("paw")
    if plot.kind == "broken" and plot.state in _DAMAGE:
        flags.add("damaged")
    return frozenset(flags)


def write_story_payload(brief: StoryBrief) -> dict[str, Any]:
    """The story for ``brief`` in the reply schema that ``parse_story_draft`` accepts."""
    return compose(brief)


def compose(brief: StoryBrief, rewrite: Rewrite | None = None) -> dict[str, Any]:
    """Write the story; with ``rewrite``, stop after writing that page again."""
    rng = random.Random(seed(brief))
    kit = kit_for(brief.genre)
    setting = setting_phrase(brief.setting) or kit.setting
    theme = theme_for(setting)
    place = PLACES[theme]
    tone = tone_phrase(brief.tone) or kit.tone
    segments = outline_segments(brief.outline)
    people = pronouns_from(segments, [person_from(c) for c in brief.characters if c.name.strip()])
    stock = rng.choice(kit.stock)
    plot = read_plot(segments, people)
    if plot is None:
        bare = thing_from_outline(brief.outline, people) or rng.choice(kit.things)
        subject = people[0].name if people else ""
        plot = Plot(kind="stock", thing=f"the {bare}", head=bare, subject=subject)
    elif not plot.subject and people:
        plot = dataclasses.replace(plot, subject=people[0].name)
    given = len(segments) >= 2 and plot.premise != len(segments) - 1
    story = Story(
        brief=brief,
        kit=kit,
        place=place,
        rng=rng,
        people=people,
        setting=setting,
        tone=tone,
        plot=plot,
        stock=stock,
        given=given,
        flags=_flags_for(plot, given, stock),
        segments=segments,
        theme=theme,
    )
    title = story_title(story)
    pages = max(1, brief.num_pages)
    low, high = word_range(brief.text_density)
    beats = beat_plan(pages, given)
    problem_page = next(i for i, b in enumerate(beats, start=1) if "problem" in b)
    placement = segment_placement(len(segments), pages, plot.premise, problem_page)
    per_page: list[list[tuple[int, str]]] = [[] for _ in range(pages)]
    for number, (segment, page) in enumerate(zip(segments, placement, strict=True)):
        per_page[page - 1].append((number, segment))
    told_from = placement[plot.premise] if plot.premise >= 0 else pages + 1
    named: dict[int, int] = {}
    for index, person in enumerate(people):
        for page_number, items in enumerate(per_page, start=1):
            if any(re.search(rf"\b{re.escape(person.name)}\b", s) for _, s in items):
                named[index] = page_number
                break
    lead = next((i for i, p in enumerate(people) if p.name == plot.subject), 0)
    casts, intro = cast_plan(pages, people, lead, named)
    attempts = [i for i, b in enumerate(beats, start=1) if "attempt" in b]
    fillers = Fillers(story, mood_pools(story))

    out_pages: list[dict[str, Any]] = [_cover(story, title)]
    previous_time = ""
    later = 0
    route = list(place.spots)
    rng.shuffle(route)
    for page in range(1, pages + 1):
        cast = [people[i] for i in casts[page - 1]]
        newcomers = [people[i] for i, first in intro.items() if first == page]
        if rewrite is not None and page == rewrite.number:
            # The same place in the plot, worded afresh: another generator, the old
            # wording counted as used, and whoever the page's picture shows.
            story.rng = random.Random(f"{seed(brief)}:{page}:{rewrite.variant}")
            fillers = Fillers(story, mood_pools(story))
            story.remember(rewrite.avoid)
            cast = [p for p in people if p.name in rewrite.cast]
            newcomers = [p for p in newcomers if p in cast]
        when = time_of_day(page, pages, kit, theme)
        when_text = upper_first(when.split(",")[0])
        if when == previous_time:
            when_text = LATER[later % len(LATER)]
            later += 1
        previous_time = when
        # The story walks round the place: each page somewhere other than the page before.
        here = [route[(page - 1 + k) % len(route)] for k in range(2)]
        values = page_values(story, cast, when_text, here)
        values["_flags"] += " told" if page >= told_from else " untold"
        page_beats = beats[page - 1]
        phase = "glad" if page_beats[-1] in {"resolution", "ending"} else "tense"
        if page_beats[-1] == "problem":
            phase = "trouble"
        values["_flags"] += " start" if page_beats[0] == "opening" else f" {phase}"
        follow = "setback"
        if page in attempts and (len(attempts) - attempts.index(page)) % 2 == 1:
            follow = "clue"
        bits, action = page_bits(
            story, page, beats[page - 1], cast, newcomers, per_page[page - 1], values, follow, high
        )

        def more(
            room: int,
            on_page: set[str],
            values: dict[str, str] = values,
            fillers: Fillers = fillers,
        ) -> str | None:
            return fillers.take(room, on_page, values)

        text = fit(bits, low, high, more, story.keys)
        # Whoever is in the picture is named in the text; naming them may push another
        # line out, so check again until everyone is there.
        needed: list[Person] = []
        for _ in range(3):
            needed += [p for p in cast if p not in needed and p.name not in text]
            mention = mention_cast(story, needed, cast)
            if not mention or all(p.name in text for p in cast):
                break
            bits = [b for b in bits if b.order != 2.5] + [Bit(2.5, 0, (mention,))]
            text = fit(bits, low, high, more, story.keys)
        story.remember(text)
        description = None
        if needs_picture(brief, page):
            description = picture_description(story, cast, action, values["spot"], when)
        out_pages.append(
            {
                "page_number": page,
                "text": text,
                "image_description": description,
                "characters_in_scene": [p.name for p in cast],
            }
        )
        if rewrite is not None and page == rewrite.number:
            break
    return {"title": title, "pages": out_pages}


def _cover(story: Story, title: str) -> dict[str, Any]:
    people, plot = story.people, story.plot
    if plot.thing:
        prop = f", {plot.thing} held up between them" if people else f", with {plot.thing}"
    elif plot.place:
        prop = f", with {plot.place} far off in the distance"
    else:
        prop = ", full of hope"
    who = (
        join_names([f"{p.name} ({p.look_short})" if p.look_short else p.name for p in people])
        + " standing together in a heroic pose"
        if people
        else story.place.folk
    )
    return {
        "page_number": 0,
        "text": title,
        "image_description": (
            f"Picture-book cover in {style_name(story.brief.image_style)} for "
            f'"{title}": {who}{prop}, in {story.setting}. Bright, inviting and child-safe; '
            f"keep the {story.brief.text_position} area calm for the title."
        ),
        "characters_in_scene": [p.name for p in people],
    }


def write_story(brief: StoryBrief) -> StoryDraft:
    """A complete, validated story for ``brief``; the same brief always gives the same story."""
    return parse_story_draft(write_story_payload(brief), brief, usage=Usage())
