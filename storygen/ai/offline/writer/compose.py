"""Composing the whole story: the outline's events in order across the pages, and the cover.

The public entry points are :func:`write_story` and :func:`write_story_payload`; writing
one page again is in ``rewrite``.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from storygen.ai.drafts import needs_picture, parse_story_draft
from storygen.ai.offline.painter import theme_for
from storygen.ai.offline.writer.characters import Person, cast_kinds, person_from, pronouns_from
from storygen.ai.offline.writer.counting import count_words, word_range
from storygen.ai.offline.writer.events import Event, becomes, read_events
from storygen.ai.offline.writer.filling import (
    asleep,
    fit_page,
    in_season,
    page_fill,
    passing,
)
from storygen.ai.offline.writer.outline import outline_segments
from storygen.ai.offline.writer.pictures import action, cover_picture, lingering, page_picture
from storygen.ai.offline.writer.places import PLACES
from storygen.ai.offline.writer.scene_words import SEASONS
from storygen.ai.offline.writer.scenes import Scene, in_setting, page_scenes, places_in
from storygen.ai.offline.writer.telling import Teller, genre_group, runs
from storygen.ai.offline.writer.texture_lines import (
    ENDINGS,
    GENRE_COLOUR,
    OPENINGS,
    PAUSES,
    PLACE_LINES,
    SETTING_LINES,
)
from storygen.ai.offline.writer.times import allowed_lines, untold_times
from storygen.ai.offline.writer.user_text import seed, setting_phrase, title_case
from storygen.ai.offline.writer.words import join_names, lower_first, upper_first
from storygen.ai.types import StoryBrief, StoryDraft, Usage


@dataclass(frozen=True)
class Wish:
    """One page to write again: its number, the text to differ from, the picture's cast,
    the wording variant, and what the reader asked for (length and subject)."""

    number: int
    avoid: str
    cast: tuple[str, ...]
    variant: int
    length: str = ""  # "shorter", "longer" or ""
    subject: str = ""  # "the Moon", when the wish says "about the Moon"


def write_story_payload(brief: StoryBrief) -> dict[str, Any]:
    """The story for ``brief`` in the reply schema that ``parse_story_draft`` accepts."""
    return compose(brief)


def write_story(brief: StoryBrief) -> StoryDraft:
    """A complete, validated story for ``brief``; the same brief always gives the same story."""
    return parse_story_draft(write_story_payload(brief), brief, usage=Usage())


def plan_pages(events: Sequence[Event], pages: int) -> list[list[int]]:
    """Which events each page tells, in order, spread over every page it can use.

    The clauses of one outline sentence stay together ("she tries a sponge, but it makes
    her sneeze") unless the story has more pages than sentences, when the longest are
    split, all but the last sentence (the ending). With fewer events than pages, the page
    after an event lingers on it; with more sentences than pages, a page tells two or more.
    """
    units: list[list[int]] = []
    for index, event in enumerate(events):
        if units and events[units[-1][-1]].sentence == event.sentence:
            units[-1].append(index)
        else:
            units.append([index])
    # The outline's last sentence is its ending: it stays whole, on the last page.
    while len(units) < pages and any(len(unit) > 1 for unit in units[:-1]):
        longest = max(range(len(units) - 1), key=lambda i: len(units[i]))
        unit = units[longest]
        half = (len(unit) + 1) // 2
        units[longest : longest + 1] = [unit[:half], unit[half:]]
    plan: list[list[int]] = [[] for _ in range(pages)]
    count = len(units)
    for index, unit in enumerate(units):
        if count > pages:
            page = (index * pages) // count
        else:
            page = 0 if count == 1 else round(index * (pages - 1) / (count - 1))
        plan[page].extend(unit)
    return plan


def compose(brief: StoryBrief, wish: Wish | None = None) -> dict[str, Any]:
    """Write the story; with ``wish``, stop after writing that page again."""
    rng = random.Random(seed(brief))
    segments = outline_segments(brief.outline)
    people = pronouns_from(segments, [person_from(c) for c in brief.characters if c.name.strip()])
    events = read_events(brief.outline, people)
    setting = setting_phrase(brief.setting)
    group = genre_group(brief.genre)
    teller = Teller(
        people=people,
        group=group,
        place=in_setting(setting),
        setting=setting,
        forbidden=runs(brief.outline) | {r for p in people for r in runs(p.description)},
        rng=rng,
        untold=untold_times(brief),
        colour=tuple(
            line
            for key, lines in GENRE_COLOUR.items()
            if key in brief.genre.lower()
            for line in lines
        ),
    )
    # Characters the outline never names are part of the cast from the first page.
    named = {name for event in events for name in event.names}
    teller.met.update(p.name for p in people if p.name not in named)
    moods, spots, place_title = _moods(brief, setting)
    # Things to look back on: not the cast ("the caterpillar" is Cora) nor a season.
    kinds = cast_kinds(people) | set(SEASONS)
    teller.nouns = list(spots)
    pages = max(1, brief.num_pages)
    low, high = word_range(brief.text_density)
    plan = plan_pages(events, pages)
    scenes = page_scenes(brief, events, plan, people)
    home = in_setting(setting)
    teller.setting_page = _setting_page(plan, scenes, events, home)
    pictured: set[str] = set()
    title = _title(brief, people, events, place_title)
    cover = cover_picture(brief, title, people, setting, scenes[0])
    out_pages: list[dict[str, Any]] = [
        {
            "page_number": 0,
            "text": title,
            "image_description": cover,
            "characters_in_scene": [p.name for p in people],
        }
    ]
    last: list[Event] = events[:1]
    upto = 0  # events told so far
    for number in range(1, pages + 1):
        page_events = [events[i] for i in plan[number - 1]]
        # Looking back only at things the story has told so far.
        upto = plan[number - 1][-1] + 1 if plan[number - 1] else upto
        told = [
            n
            for e in events[:upto]
            for n in e.nouns
            if n[:1].islower() and n not in kinds and not becomes(e, n)
        ]
        teller.nouns = list(dict.fromkeys([*told, *spots]))
        scene = scenes[number - 1]
        # Lines naming a place name this page's place; the setting's scenery is for its pages.
        teller.place = scene.place
        page_moods = moods if scene.place == home else []
        # Pages dwelling on one event share its beats and scenery: each takes fewer.
        share = _share(plan, number)
        target = (low + high) // 2 if share == 1 else low
        if wish is not None and number == wish.number:
            teller.rng = random.Random(f"{seed(brief)}:{number}:{wish.variant}")
            for sentence in re.split(r"(?<=[.!?])\s+", wish.avoid):
                teller.said.add(teller.key(sentence))
            target = {"shorter": low, "longer": high}.get(wish.length, target)
            teller.only = list(wish.cast)
        sentences = _page(teller, brief, number, pages, page_events, last, page_moods, wish)
        # A new season is told arriving before the page's events.
        before = scenes[number - 2] if number > 1 else None
        sentences[:0] = [
            (False, line)
            for line in (teller.pick((each,), {}) for each in passing(before, scene)[1])
            if line
        ]
        teller.resting = asleep(page_events or last)
        page_moods = in_season(page_moods, scene)
        filler = page_fill(
            teller,
            people,
            page_events or last,
            scene,
            moods=page_moods,
            who=next(iter(_cast(page_events) or _cast(last) or teller.names)),
            lingering=not page_events,
            share=share,
            after=scenes[number] if share == 1 and number < pages else None,
        )
        roomy = wish is not None and number == wish.number and wish.length == "longer"
        text = fit_page(
            teller,
            sentences,
            filler,
            page_moods,
            target,
            (low, high),
            _cast(page_events or last),
            roomy,
        )
        text = teller.reintroduce(text, high)
        if wish is not None and number == wish.number:
            if wish.subject:
                text = _about(teller, text, wish.subject, high)
            text = _naming(teller, text, wish.cast, high)
            if wish.length == "shorter":
                text = _shorter_than(
                    text, count_words(wish.avoid), low, keep=len(page_events), subject=wish.subject
                )
        cast = [p.name for p in people if re.search(rf"\b{re.escape(p.name)}\b", text)]
        if wish is not None and number == wish.number:
            cast = [name for name in wish.cast if name in {p.name for p in people}] or cast
        description = None
        if needs_picture(brief, number):
            first = plan[number - 1][0] if plan[number - 1] else len(events)
            so_far = [n for event in events[:first] for n in event.names]
            description = _picture(brief, page_events, last, people, cast, scene, pictured, so_far)
        out_pages.append(
            {
                "page_number": number,
                "text": text,
                "image_description": description,
                "characters_in_scene": cast,
            }
        )
        if wish is not None and number == wish.number:
            break
        last = page_events or last
    return {"title": title, "pages": out_pages}


def _setting_page(
    plan: Sequence[Sequence[int]], scenes: Sequence[Scene], events: Sequence[Event], home: str
) -> int:
    """The page that names the brief's setting in a line of its own, or 0 for none.

    The first page set there whose events do not name it already; none when the events
    do. A story whose outline never goes there names it once all the same, on the first
    page whose events name no place of their own (or the last): the reader asked for it.
    """
    if not home:
        return 0
    pages = list(enumerate(zip(plan, scenes, strict=True), start=1))
    word = home.split()[-1]
    if any(scene.place == home for _, (_, scene) in pages):
        return next(
            (
                number
                for number, (indices, scene) in pages
                if scene.place == home and not any(word in events[i].told for i in indices)
            ),
            0,
        )
    return next(
        (
            number
            for number, (indices, _) in pages
            if indices and not any(places_in(events[i].written, {}) for i in indices)
        ),
        len(pages),
    )


def _share(plan: Sequence[Sequence[int]], number: int) -> int:
    """How many pages, from page ``number`` on, tell the same events: it and the pages
    after it that dwell on them."""
    share = 1
    while number + share <= len(plan) and not plan[number + share - 1]:
        share += 1
    return share


def _cast(events: Sequence[Event]) -> list[str]:
    return list(dict.fromkeys(name for event in events for name in event.names))


def _page(
    teller: Teller,
    brief: StoryBrief,
    number: int,
    pages: int,
    events: Sequence[Event],
    last: Sequence[Event],
    moods: Sequence[str],
    wish: Wish | None,
) -> list[tuple[bool, str]]:
    """The page's sentences in order, each marked whether it must stay (the events do)."""
    del moods, wish
    teller.pauses = teller.looks = 0
    names = join_names([p.name for p in teller.people]) or "everyone"
    lines: list[tuple[bool, str]] = []
    if number == 1:
        opening = teller.pick(
            OPENINGS[teller.group],
            {"names": names},
            introduce=False,
        )
        if opening:
            lines.append((True, opening))
    teller.met.update(name for event in events for name in event.names)
    if number == 1 and not teller.met and teller.people:
        teller.met.add(teller.people[0].name)
    for index, event in enumerate(events):
        # Clauses of one outline sentence follow on plainly; a new sentence may take a link.
        same = index and events[index - 1].sentence == event.sentence
        link = "" if same else teller.link() if index or teller.rng.random() < 0.4 else ""
        lines.append((True, teller.event(event, link)))
    cast = _cast(events or last)
    if teller.setting and number == teller.setting_page:
        if teller.place == in_setting(teller.setting):
            line = teller.pick(PLACE_LINES, {"place": teller.place})
        else:
            # The page is somewhere in particular ("on the beach"): the setting is near.
            near = re.sub(r"^(?:a|an)\s+", "the ", teller.setting)
            line = teller.pick(SETTING_LINES, {"setting": near})
        lines += [(True, line)] if line else []
    texture = teller.texture(events or last, cast, lingering=not events)
    lines += [(False, line) for line in texture]
    if number == pages:
        # Everyone the story has met is there at the end.
        met = [p.name for p in teller.people if p.name in teller.met]
        ending = teller.pick(ENDINGS[teller.group], {"name": join_names(met) or "everyone"})
        if ending:
            lines.append((True, ending))
    return lines


def _about(teller: Teller, text: str, subject: str, high: int) -> str:
    """The page with the wish's subject in it: a line about it replaces the last extra one."""
    if subject.lower() in text.lower():
        return text
    name = teller.people[0].name if teller.people else "Everyone"
    line = teller.pick(
        (
            '"Look, {subject}!" said {name}.',
            "{name} could not stop thinking about {subject}.",
            "All the while, {name} was thinking about {subject}.",
        ),
        {"subject": subject, "name": name},
    )
    sentences = re.split(r"(?<=[.!?])\s+", text)
    while count_words(" ".join([*sentences, line])) > high and len(sentences) > 1:
        sentences.pop(-1 if len(sentences) > 2 else 0)
    return " ".join(
        [*sentences[:-1], line, sentences[-1]] if len(sentences) > 1 else [*sentences, line]
    )


def _shorter_than(text: str, words: int, low: int, *, keep: int, subject: str) -> str:
    """The page with lines dropped (never its first ``keep``, its last, nor the one about
    the wish's ``subject``) until it has fewer than ``words`` words, within the density."""
    sentences = re.split(r"(?<=[.!?])\s+", text)
    index = len(sentences) - 2
    while count_words(" ".join(sentences)) >= words and index >= max(keep, 1):
        shorter = sentences[:index] + sentences[index + 1 :]
        about = bool(subject) and subject.lower() in sentences[index].lower()
        if count_words(" ".join(shorter)) >= low and not about:
            sentences = shorter
        index -= 1
    return " ".join(sentences)


def _naming(teller: Teller, text: str, cast: Sequence[str], high: int) -> str:
    """The page with everyone in its picture named, a short line each for the missing."""
    for name in cast:
        if re.search(rf"\b{re.escape(name)}\b", text):
            continue
        line = teller.pick(PAUSES, {"name": name})
        sentences = re.split(r"(?<=[.!?])\s+", text)
        while count_words(" ".join([*sentences, line])) > high and len(sentences) > 1:
            sentences.pop(-2 if len(sentences) > 2 else 0)
        text = " ".join([*sentences, line]) if line else text
    return text


def _moods(brief: StoryBrief, setting: str) -> tuple[list[str], list[str], str]:
    """The setting's scenery lines, spots ("old oak") and name, when the brief's setting
    is a place they belong to."""
    # Only a setting the brief names brings its scenery: the outline's puddles are not a sea.
    theme = theme_for(setting) if setting else ""
    if theme not in PLACES or (theme == "meadow" and "meadow" not in setting.lower()):
        return [], [], ""
    place = PLACES[theme]
    spots = [re.sub(r"^the\s+", "", spot) for spot in place.spots]
    # "Bubbles wobbled up towards the light" would be about a character called Bubbles.
    names = {word for c in brief.characters for word in c.name.split()}
    moods = [line for line in place.moods if line.split()[0] not in names]
    return allowed_lines(moods, brief), allowed_lines(spots, brief), place.title


def _title(
    brief: StoryBrief, people: Sequence[Person], events: Sequence[Event], place_title: str
) -> str:
    if brief.title.strip():
        return " ".join(brief.title.split())
    if not people and place_title:
        return f"A Story of {place_title}"
    lead = people[0].name if people else ""
    noun = next((n for e in events for n in e.nouns if n[:1].islower()), "")
    if lead and noun:
        return title_case(f"{lead} and the {noun}")
    return title_case(lead or "A Little Story")


def _picture(
    brief: StoryBrief,
    events: Sequence[Event],
    last: Sequence[Event],
    people: Sequence[Person],
    cast: Sequence[str],
    scene: Scene,
    pictured: set[str],
    named: Sequence[str],
) -> str:
    """The page's picture: its events, or, on a page that dwells on the one before, the
    cast with its thing; never the same description as another page's."""
    options = [action(events, people, scene, named)] if events else []
    options += lingering(last, people, cast)
    options = [o for o in options if o]
    descriptions = [page_picture(brief, people, cast, o, scene) for o in options]
    fresh = next((d for d in descriptions if d not in pictured), "")
    if not fresh:
        later = f"A little later, {lower_first(options[0]) if options else 'everyone rests'}"
        fresh = page_picture(brief, people, cast, upper_first(later), scene)
    pictured.add(fresh)
    return fresh
