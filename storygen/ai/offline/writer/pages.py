"""One page's lines: the values its templates fill, gestures, speech, moods and its bits.

Not the beats' own lines (``beats``) nor fitting them into the word range (``planning``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from storygen.ai.offline.painter import character_look
from storygen.ai.offline.writer.agreement import is_plural
from storygen.ai.offline.writer.beats import BEAT_ORDER, beat_lines, ending_options
from storygen.ai.offline.writer.characters import pronoun
from storygen.ai.offline.writer.counting import count_words
from storygen.ai.offline.writer.introductions import (
    background_sentence,
    intro_options,
    personality_sentence,
    trait_actions,
)
from storygen.ai.offline.writer.outline import retellings
from storygen.ai.offline.writer.phrasing import (
    ARRIVALS,
    CREATURE_GESTURES,
    EXTRAS,
    GESTURES,
    PLAIN_GESTURES,
)
from storygen.ai.offline.writer.planning import INTRO_ORDER, Bit
from storygen.ai.offline.writer.plot_lines import (
    GENERIC_LINES,
    GENERIC_MOODS,
    REACTIONS,
    REVEALS,
    SETUPS,
    SETUPS_MORE,
    SPOT_MOODS,
    TINY_MOODS,
    TRANSITIONS,
)
from storygen.ai.offline.writer.story import definite, in_setting_phrase
from storygen.ai.offline.writer.words import article, upper_first

if TYPE_CHECKING:
    from storygen.ai.offline.writer.characters import Person
    from storygen.ai.offline.writer.story import Story


_ACTIONS: dict[str, tuple[str, ...]] = {
    "opening": ("setting off happily to explore",),
    "problem": (
        "[search] looking surprised and worried, searching for {thing}",
        "[broken] looking sadly at {thing}",
        "[journey] gazing towards {place}, full of longing",
        "[goal] looking determined, with a big wish",
        "[fear] looking a little nervous, holding on tight",
    ),
    "turn": (
        "[given cast] tiptoeing closer, holding their breath",
        "[given] waiting, hushed and hopeful",
        "[search] discovering {thing}, faces lit up with joy",
        "[broken] cheering as {thing} is fixed",
        "[journey] arriving at {place}, full of wonder",
        "celebrating a big, brave moment",
    ),
    "resolution": (
        "[lost alive] smiling with relief beside {thing}",
        "[search] carrying {thing} back together, smiling",
        "[broken] cheering beside {thing}",
        "celebrating together, smiling",
    ),
    "ending": ("celebrating together, cosy and happy",),
}


def _gesture(story: Story, person: Person, values: dict[str, str], page: set[str]) -> str:
    animal = character_look(person.brief).animal
    own_kind = next((g for a, g in GESTURES if a == animal), CREATURE_GESTURES)
    pool = (own_kind if animal else ()) + PLAIN_GESTURES
    kind = " animal" if animal else " human"
    own = dict(values, pos=pronoun(person)[2], _flags=values["_flags"] + kind)
    options = list(pool)
    story.rng.shuffle(options)
    for template in options:
        body = story.fill(template, own)
        line = f"{person.name} {body[:1].lower()}{body[1:]}." if body else ""
        if line and story.fresh(line, page):
            return line
    return ""


def _quote(line: str, tag: str) -> str:
    """Dialogue with its tag: a closing full stop inside the quote becomes a comma."""
    if line.endswith(".") and not line.endswith(".."):
        line = line[:-1] + ","
    if line.endswith("?") and tag.startswith("said "):
        tag = "asked " + tag[5:]
    return f'"{line}" {tag}.'


def _speech_tag(person: Person, beat: str, turn: int) -> str:
    # Manner tags fit cheerful moments; trouble and suspense are told plainly, and plain tags
    # break the rhythm of one manner on every line.
    if beat in {"problem", "turn"} or turn % 2:
        return "said {name}"
    return person.tag


def page_values(
    story: Story, cast: Sequence[Person], when: str, spots: Sequence[str]
) -> dict[str, str]:
    """Everything a line may name on one page; "_flags" carries the page's own tags."""
    plot, rng = story.plot, story.rng
    lead = next((p for p in cast if p.name == plot.subject), cast[0] if cast else None)
    group = len(cast) != 1
    they, them, their = ("they", "them", "their") if group else pronoun(cast[0])
    sub_they, _, sub_their = pronoun(lead) if lead else ("they", "them", "their")
    thing_verb = "were" if plot.plural else "was"
    it = "them" if plot.plural else "it"
    doer = rng.choice(cast).name if cast and rng.random() < 0.5 else story.names(cast)
    setting = definite(story.setting)
    place = plot.place
    flags = ["group" if len(cast) > 1 else "solo" if cast else "nocast"]
    if cast:
        flags.append("cast")
    return {
        "_flags": " ".join(flags),
        "All": story.names(cast),
        "were": "was" if len(cast) == 1 else "were",
        "Hero": lead.name if lead else story.place.folk,
        "Sub": lead.name if lead else story.place.folk,
        "Who": doer,
        "they": they,
        "They": upper_first(they),
        "them": them,
        "their": their,
        "Their": upper_first(their),
        "sub_they": sub_they,
        "sub_their": sub_their,
        "sub_was": "were" if sub_they == "they" else "was",
        "thing": plot.thing,
        "Thing": upper_first(plot.thing),
        "was": thing_verb,
        "is": "are" if plot.plural else "is",
        "it": it,
        "it_s": "they" if plot.plural else "it",
        "its": "their" if plot.plural else "its",
        "gone": plot.gone.format(was=thing_verb),
        "state": plot.state,
        "fix": plot.fix.format(it=it, its="their" if plot.plural else "its"),
        "fixed": plot.fixed,
        "the_clue": plot.clue,
        "The_clue": upper_first(plot.clue),
        "items": plot.items,
        "place": place,
        "place_was": "were" if place and is_plural(place.split()[-1]) else "was",
        "Place": upper_first(place),
        "goal": plot.goal,
        "goal_do": plot.goal.removeprefix("learn to "),
        "fear": plot.fear,
        "setting": setting,
        "Setting": upper_first(setting),
        "in_setting": in_setting_phrase(setting),
        "In_setting": upper_first(in_setting_phrase(setting)),
        "tone": story.tone,
        "a_tone": f"{article(story.tone)} {story.tone}",
        "A_tone": f"{article(story.tone).title()} {story.tone}",
        "spot": spots[0],
        "spot2": spots[1],
        "When": when,
        "folk": story.place.folk,
    }


def mood_pools(story: Story) -> list[tuple[int, tuple[str, ...]]]:
    """Scenery pools with each one's share of a page."""
    head = story.plot.head
    pools: list[tuple[int, tuple[str, ...]]] = []
    style = story.brief.writing_style.lower()
    if "rhym" in style or "poem" in style or "poetic" in style or "lyric" in style:
        pools.append(
            (
                1,
                (
                    "Tip and tap, the day went round; little wonders could be found.",
                    "Step by step and side by side, hope became their trusty guide.",
                ),
            )
        )
    shares = ((1, story.place.moods), (1, story.kit.moods), (2, GENERIC_MOODS))
    for share, pool in (*shares, (1, SPOT_MOODS), (1, TINY_MOODS)):
        # A missing hamster must not be seen running on its wheel in the scenery.
        pools.append((share, tuple(m for m in pool if not head or head not in m.lower())))
    return pools


def page_bits(
    story: Story,
    page: int,
    beats: Sequence[str],
    cast: Sequence[Person],
    newcomers: Sequence[Person],
    outline: Sequence[tuple[int, str]],
    values: dict[str, str],
    follow: str,
    high: int,
) -> tuple[list[Bit], str]:
    """The candidate sentences for one page in reading order, plus the picture's action.

    Reading order: when and where we are, introductions, the outline's own words, what
    happens (each beat, then talk and small gestures), and the page's closing line.
    """
    kit, plot, rng = story.kit, story.plot, story.rng
    bits: list[Bit] = []
    page_keys: set[str] = set()
    last = bool(outline) and outline[-1][0] == len(story.segments) - 1
    # The page that tells the trouble in the outline's words: talk and setup follow it.
    premise_here = any(number == plot.premise for number, _ in outline)

    def add(priority: int, order: float, *options: str) -> None:
        kept = tuple(o for o in options if o)
        if kept:
            bits.append(Bit(order, priority, kept))
            page_keys.update(story.keys(kept[0]))

    def pick(*pools: Sequence[str], flags: Sequence[str] = ()) -> str:
        return story.choose(pools, values, frozenset(flags), page_keys)

    def short(*templates: str) -> str:
        for template in templates:
            line = story.fill(template, values)
            if line and story.fresh(line, page_keys):
                return line
        return ""

    # Where and when.
    if beats[0] == "opening":
        opening = dict(values, setting=story.setting)
        opening.update(
            in_setting=in_setting_phrase(story.setting),
            In_setting=upper_first(in_setting_phrase(story.setting)),
        )
        first = story.choose([kit.openings], opening, frozenset(), page_keys)
        add(1, 0, first, story.fill("It was a {tone} day {in_setting}.", opening))
        add(3, 4.5 if premise_here else 1, pick(SETUPS))
        add(7, 4.6 if premise_here else 1.1, pick(SETUPS_MORE))
    elif story.given and last and "resolution" in beats:
        add(4, 0, pick(REVEALS, TRANSITIONS))
    else:
        add(4, 0, pick(TRANSITIONS))
        add(6, 0.5, pick(ARRIVALS))

    # Introductions, straight after the page's first lines, then a place (2.5) for naming
    # whoever is here but not yet mentioned. Whoever those first lines already name is
    # described rather than greeted: nobody is met after they have appeared.
    before = " ".join(o for b in bits if b.order < INTRO_ORDER for o in b.options)
    for person in newcomers:
        named = re.search(rf"(?<![\w-]){re.escape(person.name)}(?![\w-])", before) is not None
        introduction = intro_options(story, person, named)
        if introduction:
            bits.append(Bit(INTRO_ORDER, 0, introduction, greets=not named))
            page_keys.update(story.keys(introduction[0]))

    # The outline in its own order, retold in the story's tense; its first and its final
    # segment matter most. A crowded page takes a shorter telling, never a cut-off one.
    for index, (number, segment) in enumerate(outline):
        tellings = retellings(segment)
        final = number == len(story.segments) - 1 and story.given
        if final and count_words(tellings[0]) <= high // 2:
            tellings = tellings[:1]  # the outline's own ending, in full
        priority = 1 if index == 0 or final else 3 + min(index, 2)
        # The outline's own ending comes after the climax lines and before what follows it.
        add(priority, 13 if final else 4 + index / 100, *tellings)

    # What happens.
    main = beats[-1]
    talk = "problem" if premise_here and main == "opening" else main
    for beat in beats[1:] if beats[0] == "opening" else beats:
        order = BEAT_ORDER[beat]
        for priority, lines in beat_lines(story, beat, values, follow, page_keys):
            add(priority, order, *lines)
            order += 0.01
    if beats == ("opening",):
        add(5, 1.5, pick(REACTIONS["opening"]))

    # Talk, gestures and character colour.
    if cast:
        speakers = list(cast)
        rng.shuffle(speakers)
        lead = next((p for p in cast if p.name == plot.subject), None)
        if lead and talk in {"problem", "turn"}:
            speakers.remove(lead)
            speakers.insert(0, lead)
        said = 0
        if len(speakers) == 2:
            speakers.append(speakers[0])  # a reply, then the first speaker again
        for speaker in speakers[:3]:
            pool = kit.lines.get(talk, ()) + GENERIC_LINES.get(talk, ())
            line = pick(pool, flags=["self" if speaker is lead else "other"])
            if line:
                tag = _speech_tag(speaker, talk, said).format(name=speaker.name)
                add(5 + min(said, 2), 20 + said, _quote(line, tag))
                said += 1
    else:
        # A page with nobody named still has voices: the folk of the place speak up.
        pool = kit.lines.get(talk, ()) + GENERIC_LINES.get(talk, ())
        line = pick(pool, flags=["other"])
        if line:
            tags = ("called a small voice", "came a cheerful shout")
            add(5, 20, _quote(line, tags[0] if talk == "problem" else rng.choice(tags)))
    if cast:
        # Gestures follow the page's mood: nobody laughs out loud while the hamster is lost.
        happy = talk in {"opening", "resolution", "ending"} or (talk == "turn" and not story.given)
        mood = dict(values, _flags=values["_flags"] + (" happy" if happy else " calm"))
        for person in cast:
            if person not in newcomers:
                add(6, 22, _gesture(story, person, mood, page_keys))
        for person in cast:
            # One touch of character per person and page: who they are, or what they do.
            key_p, key_b = f"personality:{person.name}", f"background:{person.name}"
            deeds = [story.fill(d, values) for d in trait_actions(person)]
            deeds = [d for d in deeds if d and story.fresh(d, page_keys)]
            if person.personality and key_p not in story.templates and rng.random() < 0.7:
                story.templates.add(key_p)
                add(6, 23, personality_sentence(person))
            elif person.background and key_b not in story.templates and page > 1:
                story.templates.add(key_b)
                add(6, 23, background_sentence(person))
            elif deeds and person not in newcomers:
                add(6, 22.5, rng.choice(deeds))
    if main == "ending":
        add(6, 30, short("Everything about that day had felt {tone}."))
        add(6, 30.5, pick(EXTRAS["ending"]))
        add(5, 31, pick(REACTIONS["ending"]))
        add(2, 40, *ending_options(story, values, page_keys))

    action = values.get("method", "")
    if main != "attempt" or not action:
        for template in _ACTIONS.get(main, _ACTIONS["ending"]):
            action = story.fill(template, values)
            if action:
                break
        action = action[:1].lower() + action[1:]
    return bits, action
