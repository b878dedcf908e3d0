"""Page planning: which beats go on which page, and fitting lines into a page's word range.

Not the lines themselves: those come from ``pages`` and ``beats``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storygen.ai.offline.writer.counting import MAX_PAGE_CHARS, count_words
from storygen.ai.offline.writer.outline import spread

if TYPE_CHECKING:
    from storygen.ai.offline.writer.story import Story


def beat_plan(pages: int, given: bool) -> list[tuple[str, ...]]:
    """The story arc scaled to ``pages`` content pages.

    When the outline brings its own ending (``given``), that ending shares the last page with
    the close of the story, so the climax on the page before can lead straight into it.
    """
    if pages == 1:
        return [("opening", "problem", "turn", "ending")]
    if pages == 2:
        return [("opening", "problem"), ("turn", "resolution", "ending")]
    if pages == 3:
        return [("opening", "problem"), ("attempt", "turn"), ("resolution", "ending")]
    if pages == 4:
        return [("opening",), ("problem",), ("attempt", "turn"), ("resolution", "ending")]
    if given:
        middle = [("attempt",)] * (pages - 4)
        return [("opening",), ("problem",), *middle, ("turn",), ("resolution", "ending")]
    if pages == 5:
        return [("opening",), ("problem",), ("attempt",), ("turn",), ("resolution", "ending")]
    middle = [("attempt",)] * (pages - 5)
    return [("opening",), ("problem",), *middle, ("turn",), ("resolution",), ("ending",)]


def segment_placement(count: int, pages: int, premise: int, problem_page: int) -> list[int]:
    """The page of each outline segment: in order, first on the first page, last on the last.

    The segment that tells the trouble lands on the page where the trouble starts, so the
    story around it reacts to it rather than announcing it a second time.
    """
    if premise <= 0 or premise * 2 > count or problem_page <= 1 or count < 3:
        return spread(count, pages)
    left = spread(premise + 1, problem_page)
    right = [problem_page - 1 + p for p in spread(count - premise, pages - problem_page + 1)]
    return left + right[1:]


@dataclass
class Bit:
    order: float
    priority: int
    options: tuple[str, ...]
    greets: bool = False  # a greeting ("Meet Mira"): no filler may come before it


# Where introductions sit on a page: after its first lines of time and place.
INTRO_ORDER = 0.7


class Fillers:
    """Scenery lines for topping up a short page; each is used at most once per story.

    Each pool gives a page only its share (one line of place colour, one of genre colour...)
    so a page never reads as a list of scenery; only a page still short takes more.
    """

    def __init__(self, story: Story, pools: Sequence[tuple[int, Sequence[str]]]) -> None:
        self.story = story
        self.pools: list[tuple[int, list[str]]] = []
        for share, pool in pools:
            items = list(dict.fromkeys(pool))
            story.rng.shuffle(items)
            self.pools.append((share, items))

    def take(self, room: int, page: set[str], values: dict[str, str]) -> str | None:
        """A fresh line of at most ``room`` words; a used one only when all are spent.

        Lines whose wording has not been used yet come first, so that "All was quiet near
        the pond" and "All was quiet near the barn" do not follow each other page after page.
        """
        story = self.story
        for capped, fresh in ((True, True), (False, True), (False, False)):
            for share, templates in self.pools:
                lines = [(t, story.fill(t, values)) for t in templates]
                if capped and sum(story.key(x) in page for _, x in lines if x) >= share:
                    continue
                lines.sort(key=lambda pair: pair[0] in story.templates)
                for template, line in lines:
                    if not line or count_words(line) > room or story.key(line) in page:
                        continue
                    if not fresh or story.fresh(line):
                        story.templates.add(template)
                        return line
        return None


def fit(
    bits: Sequence[Bit],
    low: int,
    high: int,
    more: Callable[[int, set[str]], str | None],
    keys: Callable[[str], set[str]],
) -> str:
    """Choose sentences until the page sits inside [low, high] words.

    Core sentences (priority below 5) come first, each in its shortest form, so a crowded
    page still carries the whole plot; then they grow one step at a time, in turn, so no
    single long introduction starves the rest. Optional colour follows the same way up to
    a softer target, so pages do not all crowd the maximum. ``more`` tops up a short page.
    """
    target = low + (high - low) * 3 // 4
    level: dict[int, int] = {}  # chosen option per bit; options run longest to shortest
    used = chars = 0
    ranked = sorted(range(len(bits)), key=lambda i: (bits[i].priority, i))
    for optional in (False, True):
        group = [i for i in ranked if (bits[i].priority >= 5) == optional]
        limit = target if optional else high
        for index in group:
            option = bits[index].options[-1]
            words = count_words(option)
            if words and used + words <= limit and chars + len(option) + 1 <= MAX_PAGE_CHARS:
                level[index] = len(bits[index].options) - 1
                used += words
                chars += len(option) + 1
        growing = [i for i in group if i in level and level[i] > 0]
        while growing:
            still: list[int] = []
            for index in growing:
                options = bits[index].options
                current, longer = options[level[index]], options[level[index] - 1]
                extra_words = count_words(longer) - count_words(current)
                extra_chars = len(longer) - len(current)
                if used + extra_words <= limit and chars + extra_chars <= MAX_PAGE_CHARS:
                    level[index] -= 1
                    used += extra_words
                    chars += extra_chars
                    if level[index] > 0:
                        still.append(index)
            growing = still
    chosen = {index: bits[index].options[option] for index, option in level.items()}
    picked = sorted(chosen, key=lambda i: (bits[i].order, i))
    ordered = [chosen[i] for i in picked]
    on_page = {key for sentence in ordered for key in keys(sentence)}
    extra: list[str] = []
    while used < low:
        filler = more(high - used, on_page)
        if filler is None:
            break
        extra.append(filler)
        on_page.update(keys(filler))
        used += count_words(filler)
    # Fillers sit between the chosen sentences, so each page still ends on its own beat,
    # and after any greeting, so a filler never names someone before they are met.
    first = max((p for p, i in enumerate(picked) if bits[i].greets), default=0)
    slots = max(1, len(ordered) - 1 - first)
    merged: list[str] = []
    for position, sentence in enumerate(ordered):
        merged.append(sentence)
        if first <= position < first + slots:
            merged.extend(extra[position - first :: slots])
    if not ordered:
        merged = extra
    # Whole sentences only: a page is never cut off mid-sentence, even when a mandatory
    # sentence was enormous; the last sentences give way instead.
    sentences = split_sentences(" ".join(merged))
    while len(sentences) > 1 and count_words(" ".join(sentences)) > high:
        sentences.pop()
    return " ".join(sentences)


def split_sentences(text: str) -> list[str]:
    """A page's sentences; a quotation stays whole with its speech tag."""
    return [s for s in re.split(r"(?<=[.!?])[\"\u201d]?\s+(?=[A-Z\"\u201c])", text) if s]


def norm(sentence: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", sentence.lower()))
