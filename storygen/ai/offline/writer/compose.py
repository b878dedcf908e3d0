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
from storygen.ai.offline.writer.characters import Person, person_from, pronouns_from
from storygen.ai.offline.writer.counting import MAX_PAGE_CHARS, count_words, word_range
from storygen.ai.offline.writer.events import Event, read_events
from storygen.ai.offline.writer.outline import outline_segments
from storygen.ai.offline.writer.places import PLACES
from storygen.ai.offline.writer.telling import Teller, genre_group, runs
from storygen.ai.offline.writer.texture_lines import (
    ENDINGS,
    GENRE_COLOUR,
    OPENINGS,
    PAUSES,
    PLACE_LINES,
)
from storygen.ai.offline.writer.times import allowed_lines, untold_times
from storygen.ai.offline.writer.user_text import seed, setting_phrase, title_case
from storygen.ai.offline.writer.words import join_names
from storygen.ai.types import StoryBrief, StoryDraft, Usage

#: An event that says where it happens: "in his garden", "on the beach", "at the gate".
_PLACED = re.compile(r"\b(?:in|on|at|inside|under|across|into)\s+(?:the|a|an|his|her|their)\s")

#: Pictures are described in this style when the brief names none.
_STYLE_NAMES = {"default": "classic storybook"}


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
    split. With fewer events than pages, the page after an event lingers on it; with more
    sentences than pages, a page tells two or more.
    """
    units: list[list[int]] = []
    for index, event in enumerate(events):
        if units and events[units[-1][-1]].sentence == event.sentence:
            units[-1].append(index)
        else:
            units.append([index])
    while len(units) < pages and any(len(unit) > 1 for unit in units):
        longest = max(range(len(units)), key=lambda i: len(units[i]))
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
        place=_in_setting(setting),
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
    told_nouns = [n for e in events for n in e.nouns if n[:1].islower()]
    teller.nouns = list(dict.fromkeys([*told_nouns, *spots]))
    pages = max(1, brief.num_pages)
    low, high = word_range(brief.text_density)
    plan = plan_pages(events, pages)
    # The setting is named on the first page whose events name no other place ("in his
    # garden"), or failing that on the last.
    teller.setting_page = next(
        (
            number
            for number, indices in enumerate(plan, start=1)
            if indices and not any(_PLACED.search(events[i].told) for i in indices)
        ),
        pages,
    )
    title = _title(brief, people, events, place_title)
    out_pages: list[dict[str, Any]] = [_cover(brief, title, people, setting)]
    last: list[Event] = events[:1]
    for number in range(1, pages + 1):
        page_events = [events[i] for i in plan[number - 1]]
        target = (low + high) // 2
        if wish is not None and number == wish.number:
            teller.rng = random.Random(f"{seed(brief)}:{number}:{wish.variant}")
            for sentence in re.split(r"(?<=[.!?])\s+", wish.avoid):
                teller.said.add(teller.key(sentence))
            target = {"shorter": low, "longer": high}.get(wish.length, target)
            teller.only = list(wish.cast)
        sentences = _page(teller, brief, number, pages, page_events, last, moods, wish)
        roomy = wish is not None and number == wish.number and wish.length == "longer"
        text = _fit(
            teller, sentences, moods, target, (low, high), _cast(page_events or last), roomy
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
            description = _picture(brief, page_events or last, people, cast, setting, number)
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
    teller.pauses = 0
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
    if teller.place and number == teller.setting_page:
        line = teller.pick(PLACE_LINES, {"place": teller.place})
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


def _fit(
    teller: Teller,
    lines: list[tuple[bool, str]],
    moods: Sequence[str],
    target: int,
    bounds: tuple[int, int],
    cast: Sequence[str],
    roomy: bool = False,
) -> str:
    """The page's text within its density: extra lines dropped from the end, quiet ones
    added before the last line when short (``roomy``: up to the target however many it
    takes). Event sentences always stay."""
    low, high = bounds
    kept = list(lines)
    while count_words(" ".join(s for _, s in kept)) > target:
        optional = [i for i, (must, _) in enumerate(kept) if not must]
        if not optional:
            break
        drop = optional[-1]
        del kept[drop]
    _fill(teller, kept, moods, cast, (low, target, high), roomy)
    text = " ".join(s for _, s in kept) or "And so the story went on."
    while count_words(text) > high:
        optional = [i for i, (must, _) in enumerate(kept) if not must]
        if not optional:
            break
        del kept[optional[-1]]
        text = " ".join(s for _, s in kept)
    # An outline far longer than the book: the page keeps the events that fit.
    if count_words(text) > high and len(kept) > 1:
        while count_words(text) > high and len(kept) > 1:
            # The first line and the last stay, and so does the line naming the setting.
            middle = [
                i
                for i in range(1, len(kept) - 1)
                if not (teller.place and teller.place in kept[i][1])
            ]
            del kept[middle[-1] if middle else -1]
            text = " ".join(s for _, s in kept)
        _fill(teller, kept, moods, cast, (low, low, high), roomy=False)
        text = " ".join(s for _, s in kept)
    if count_words(text) > high:
        # One outline sentence longer than a page: its opening words, as a sentence.
        text = " ".join(text.split()[: max(low, high - 10)]).rstrip(",;:") + "."
    if len(text) > MAX_PAGE_CHARS:
        # Very long words: whole sentences up to the page's size in characters.
        cut = text[:MAX_PAGE_CHARS]
        end = max(cut.rfind(". "), cut.rfind("! "), cut.rfind("? "))
        text = cut[: end + 1] if end > 0 else cut.rsplit(" ", 1)[0] + "."
    return text


def _fill(
    teller: Teller,
    kept: list[tuple[bool, str]],
    moods: Sequence[str],
    cast: Sequence[str],
    aims: tuple[int, int, int],
    roomy: bool,
) -> None:
    """Quiet lines added before the page's last line until it reaches its aim: a few round
    a page off; more only while it is still short of ``low`` (or ``roomy``)."""
    low, target, high = aims
    for added in range(40):
        words = count_words(" ".join(s for _, s in kept))
        if words >= low and (words >= target - 8 or (added >= 4 and not roomy)):
            break
        line = teller.quiet(moods, cast)
        if not line or words + count_words(line) > high:
            break
        at = len(kept) - 1 if kept and kept[-1][0] and len(kept) > 1 else len(kept)
        kept.insert(at, (False, line))


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


def _in_setting(setting: str) -> str:
    if not setting:
        return ""
    if setting.split()[0].lower() in {"in", "on", "at", "under", "inside", "above", "beside"}:
        return setting
    head = setting.split()[-1].lower()
    onto = {"moon", "beach", "farm", "island", "hill", "hillside", "mountain", "ship", "street"}
    if head in onto or setting.lower() == "mars" or "farm" in setting.lower():
        return f"on {setting}"
    return f"in {setting}"


def _moods(brief: StoryBrief, setting: str) -> tuple[list[str], list[str], str]:
    """The setting's scenery lines, spots ("old oak") and name, when the brief's setting
    is a place they belong to."""
    # Only a setting the brief names brings its scenery: the outline's puddles are not a sea.
    theme = theme_for(setting) if setting else ""
    if theme not in PLACES or (theme == "meadow" and "meadow" not in setting.lower()):
        return [], [], ""
    place = PLACES[theme]
    spots = [re.sub(r"^the\s+", "", spot) for spot in place.spots]
    return allowed_lines(place.moods, brief), allowed_lines(spots, brief), place.title


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


def _style(image_style: str) -> str:
    style = " ".join(image_style.split()) or "Default"
    return _STYLE_NAMES.get(style.lower(), style.lower()) + " style"


def _who(people: Sequence[Person], cast: Sequence[str]) -> str:
    shown = []
    for person in people:
        if person.name in cast:
            look = "; ".join(x for x in (person.description, *person.look) if x)
            shown.append(f"{person.name} ({look})" if look else person.name)
    return join_names(shown)


def _picture(
    brief: StoryBrief,
    events: Sequence[Event],
    people: Sequence[Person],
    cast: Sequence[str],
    setting: str,
    number: int,
) -> str:
    """What the page's picture shows: its events as the outline says them, where, and who."""
    del number
    action = " Then ".join(e.written.rstrip(".!?") for e in events) or "Everyone together"
    where = f" The scene is {_in_setting(setting)}." if setting else ""
    who = _who(people, cast)
    return (
        f"Picture-book illustration in {_style(brief.image_style)}: {action}.{where}"
        + (f" In the picture: {who}." if who else "")
        + f" Warm, friendly and child-safe; keep the {brief.text_position} area calm and"
        " uncluttered for the text."
    )


def _cover(brief: StoryBrief, title: str, people: Sequence[Person], setting: str) -> dict[str, Any]:
    who = _who(people, [p.name for p in people]) or "the story's friends"
    where = f", {_in_setting(setting)}" if setting else ""
    return {
        "page_number": 0,
        "text": title,
        "image_description": (
            f"Picture-book cover in {_style(brief.image_style)} for "
            f'"{title}": {who} together{where}. Bright, inviting and child-safe; '
            f"keep the {brief.text_position} area calm for the title."
        ),
        "characters_in_scene": [p.name for p in people],
    }
