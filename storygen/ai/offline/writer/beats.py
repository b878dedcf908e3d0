"""The lines for each plot beat on a page (problem, attempt, turn, resolution, ending).

Not scenery or filler lines: those are in ``pages`` and ``planning``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from storygen.ai.offline.writer.phrasing import (
    ALONE,
    ALONG,
    ENCOUNTERS,
    EXTRAS,
    HELPERS,
    HELPS,
    THEME_HELPERS,
    TOGETHER,
)
from storygen.ai.offline.writer.plot_lines import (
    AFTERMATHS,
    CLUES,
    ENDINGS,
    METHOD_FRAMES,
    METHODS,
    PROBLEMS,
    REACTIONS,
    SETBACKS,
    TURNS,
)
from storygen.ai.offline.writer.words import join_names, upper_first

if TYPE_CHECKING:
    from storygen.ai.offline.writer.characters import Person
    from storygen.ai.offline.writer.story import Story


# Where each beat's lines sit on a page (the outline's own ending goes at 13).
BEAT_ORDER = {"problem": 10.0, "attempt": 11.0, "turn": 12.0, "resolution": 14.0, "ending": 15.0}


def ending_options(story: Story, values: dict[str, str], page: set[str]) -> tuple[str, ...]:
    line = story.choose([story.kit.endings, ENDINGS], values, frozenset(), page)
    spare = [
        story.fill(t, values)
        for t in ("It had been a {tone} day to remember.", "What a {tone} day!", "The end.")
    ]
    return tuple(x for x in [line, *spare] if x and story.fresh(x, page))[:2] or ("The end.",)


def beat_lines(
    story: Story, beat: str, values: dict[str, str], follow: str, page: set[str]
) -> list[tuple[int, tuple[str, ...]]]:
    """Each beat's sentences with their priorities, in reading order."""
    kit, plot = story.kit, story.plot
    stock = plot.kind == "stock"
    out: list[tuple[int, tuple[str, ...]]] = []

    def pick(*pools: Sequence[str], capital: bool = True) -> str:
        line = story.choose(pools, values, frozenset(), page, capital=capital)
        page.update(story.keys(line))
        return line

    def first_fit(*templates: str) -> str:
        for template in templates:
            line = story.fill(template, values)
            if line and story.fresh(line, page):
                return line
        return ""

    if beat == "problem":
        main = story.fill(story.stock[0], values) if stock else pick(kit.problems + PROBLEMS)
        out.append(
            (
                2,
                (
                    main,
                    first_fit(
                        "[stock] Then {thing} went missing.",
                        "[lost|broken untold] {Thing} {gone}.",
                        "[lost told] {Thing} {was} nowhere to be seen.",
                        "[broken told] {Thing} {was} still {state}.",
                        "[journey] {Place} was far away.",
                        "[goal] It would not be easy.",
                        "[fear] It was scary.",
                    ),
                ),
            )
        )
        out.append((6, (pick(PROBLEMS, kit.problems),)))
        out.append((5, (pick(REACTIONS["problem"]),)))
        out.append((7, (pick(REACTIONS["problem"]),)))
        out.extend((p, (pick(EXTRAS["problem"]),)) for p in (7, 8))
    elif beat == "attempt":
        setbacks = kit.setbacks + SETBACKS
        clues = kit.clues + CLUES
        for second in (False, True):
            pools = (kit.methods, METHODS) if stock else (kit.methods + METHODS,)
            method = pick(*pools, capital=False)
            if not method:
                continue
            page.add(story.key(method))  # two tries on one page are two different tries
            values["method"] = values.get("method") or method
            framed = dict(values, method=method)
            frame = story.choose([METHOD_FRAMES], framed, frozenset(), page)
            plain = story.fill("{They} tried {method}.", framed)
            plain = plain if story.fresh(plain, page) else ""
            options = (frame, plain) if frame and plain else (frame or plain,)
            out.append((6 if second else 2, options))
            if second:
                out.append((6, (pick(clues if follow == "setback" else setbacks),)))
            else:
                out.append((4, (pick(clues if follow == "clue" else setbacks),)))
                local = THEME_HELPERS.get(story.theme, HELPERS)
                helpers = [h for h in local if h not in story.templates] or list(local)
                helper = dict(values, helper=story.rng.choice(helpers))
                story.templates.add(helper["helper"])
                helps = [story.fill(h, helper, capital=False) for h in HELPS]
                helper["help"] = story.rng.choice([h for h in helps if h] or ["waved"])
                out.append((6, (story.choose([ENCOUNTERS], helper, frozenset(), page),)))
        out.append((5, (pick(REACTIONS["attempt"]),)))
        out.extend((p, (pick(EXTRAS["attempt"]),)) for p in (7, 8))
    elif beat == "turn":
        if stock and not story.given:
            main = story.fill(story.stock[1], values)
        else:
            main = pick(TURNS, kit.turns)
        out.append(
            (
                2,
                (
                    main,
                    first_fit(
                        "[stock open] At last, {Hero} found {thing}!",
                        "[lost|stock given] The answer was very close now.",
                        "[broken given] There was time for one last try.",
                        "[journey given] {They} were nearly there.",
                        "[goal given] {Sub} was ready to {goal_do}.",
                        "[fear given] It was time to be brave.",
                        "[open] At last, it was done!",
                    ),
                ),
            )
        )
        out.append((6, (pick(kit.turns, TURNS),)))
        out.append((5, (pick(REACTIONS["turn"]),)))
        out.append((7, (pick(REACTIONS["turn"]),)))
        out.extend((p, (pick(EXTRAS["turn"]),)) for p in (7, 8))
    elif beat == "resolution":
        if stock and not story.given:
            main = story.fill(story.stock[2], values)
        else:
            main = pick(AFTERMATHS, kit.resolutions)
        out.append((3, (main, first_fit("[thing] {Thing} {was} safe at last.", "All was well."))))
        out.append((6, (pick(kit.resolutions, AFTERMATHS),)))
        out.append((5, (pick(REACTIONS["resolution"]),)))
        out.extend((p, (pick(EXTRAS["resolution"]),)) for p in (7, 8))
    return [(p, tuple(o for o in options if o)) for p, options in out if any(options)]


def mention_cast(story: Story, needed: Sequence[Person], cast: Sequence[Person]) -> str:
    """A short sentence naming whoever is on the page but missing from its text."""
    missing = [p.name for p in cast if p in needed]
    if not missing:
        return ""
    values = {"names": join_names(missing), "was": "was" if len(missing) == 1 else "were"}
    everyone = len(missing) == len(cast)
    pool = (ALONE if len(cast) == 1 else TOGETHER) if everyone else ALONG
    for template in pool:
        line = upper_first(template.format_map(values))
        if story.fresh(line):
            return line
    return upper_first(ALONG[0].format_map(values))
