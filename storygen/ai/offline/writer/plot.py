"""Reading the plot out of the outline: every shape each segment suggests, and the one chosen.

Not how the plot is told page by page: that is ``beats`` and ``pages``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from storygen.ai.offline.writer.agreement import base_phrase, is_plural
from storygen.ai.offline.writer.characters import is_alive
from storygen.ai.offline.writer.noun_phrases import (
    Found,
    first_name,
    np_after,
    np_before,
    own_words,
    phrase_until_boundary,
    subject_before,
    team_before,
    thing_fields,
    thing_title,
    word_tokens,
)
from storygen.ai.offline.writer.plot_words import (
    AUX,
    AWAY_VERBS,
    BOUNDARY,
    BREAKING_VERBS,
    BROKEN_STATES,
    CLUE_MARKS,
    CLUE_TRAILS,
    DETERMINERS_NP,
    FEAR_LEADS,
    FEAR_WORDS,
    FRIEND_HEADS,
    HIDDEN_HEADS,
    INTENT,
    JOURNEY_VERBS,
    LOSING_VERBS,
    LOST_PREDICATES,
    MAKING_VERBS,
    MENDING_VERBS,
    NEGATIONS,
    NOT_PLACES,
    NP_STOPS,
    PARTICLES,
    REACHING_VERBS,
    SEEKING_VERBS,
    SHADES,
    SOFTENERS,
    STEALING_VERBS,
    TURNING_VERBS,
    WEAK_JOURNEY_VERBS,
    Plot,
)

if TYPE_CHECKING:
    from storygen.ai.offline.writer.characters import Person
    from storygen.ai.offline.writer.plot_words import Token


def _finds_in(tokens: Sequence[Token], people: Sequence[Person], seg: int) -> list[Found]:
    """Every plot shape one outline segment suggests, each with where it was found."""
    found: list[Found] = []

    def add(kind: str, klass: int, position: int, **fields: str) -> None:
        found.append(Found(kind, (seg, klass, position), fields))

    count = len(tokens)
    for i, token in enumerate(tokens):
        low = token.low
        after = tokens[i + 1].low if i + 1 < count else ""
        before = tokens[i - 1].low if i else ""
        # Lost, as "<thing> has vanished" or "<thing> ran away".
        state: tuple[str, str, str] | None = None
        if low in LOST_PREDICATES:
            lost_word = low == "lost" and before not in AUX
            gone_to = low == "gone" and (before not in AUX or (after and tokens[i + 1].word))
            described = low == "missing" and before not in AUX | {"gone", "went", "goes"}
            if not (lost_word or gone_to or described):
                state = LOST_PREDICATES[low]
        elif low in AWAY_VERBS and after in {"away", "off"}:
            participle = AWAY_VERBS[low]
            word = "away" if after == "away" else "off"
            state = (f"{participle} {word}", f"had {participle} {word}", "Runaway")
        if state:
            start = i
            while start > 0 and tokens[start - 1].low in AUX | {"gone", "went", "goes", "been"}:
                start -= 1
            np = np_before(tokens, start)
            if np:
                fields = thing_fields(*np, people)
                fields.pop("said", "")
                if fields:
                    add("lost", 0, i, state=state[0], gone=state[1], adjective=state[2], **fields)
        # Lost, as "Mira loses her key", "someone stole the crown", "looking for the cat".
        seek_at = -1
        if low in LOSING_VERBS or low in STEALING_VERBS:
            seek_at = i + 1
        elif low in SEEKING_VERBS and after == "for":
            seek_at = i + 2
        elif low in {"find", "finds"} and before in {"to", "can't", "cannot", "couldn't", "not"}:
            seek_at = i + 1
        if seek_at >= 0:
            np = np_after(tokens, seek_at, need_det=True)
            if np and np[1][-1].lower() in FRIEND_HEADS:
                goal = phrase_until_boundary(tokens, seek_at - 1, 6)
                verb = "find" if low not in LOSING_VERBS else "make"
                add("goal", 2, i, goal=" ".join([verb, *goal[1:]]))
            elif np:
                fields = thing_fields(*np, people)
                if fields:
                    said = fields.pop("said")
                    if fields["head"] in HIDDEN_HEADS:
                        lost = ("hidden", "{was} hidden somewhere", "Hidden")
                    elif said in LOST_PREDICATES:
                        lost = LOST_PREDICATES[said]
                    elif low in STEALING_VERBS:
                        lost = ("stolen", "had been stolen", "Stolen")
                    elif low in LOSING_VERBS:
                        lost = ("lost", "{was} lost", "Lost")
                    else:
                        lost = ("missing", "{was} missing", "Missing")
                    add("lost", 0, i, state=lost[0], gone=lost[1], adjective=lost[2], **fields)
        # Broken, as "the lamp has gone dark", "the kite is broken", "the clock stopped".
        broken: tuple[str, str, str, str] | None = None
        gone = ""
        start = i
        ends = not after or after in BOUNDARY or not tokens[i + 1].word
        if low in BROKEN_STATES and before in TURNING_VERBS and ends:
            broken = BROKEN_STATES[low]
            start = i - 1
            gone = f"had {'turned' if before.startswith('turn') else 'gone'} {low}"
        elif low in BROKEN_STATES and before in AUX | FEAR_LEADS and low not in SHADES:
            broken = BROKEN_STATES[low]
            gone = "{was} " + broken[0]
        elif low in BREAKING_VERBS and not (after in DETERMINERS_NP or after.endswith("'s")):
            broken = BROKEN_STATES[BREAKING_VERBS[low]]
            gone = "{was} " + broken[0]
        elif low in {"stopped", "stops"} and after.endswith("ing") and len(after) > 4:
            broken = (f"not {after}", f"get {{it}} {after} again", f"{after} again", "")
            gone = f"had stopped {after}"
        elif low in NEGATIONS and after in {"work", "start", "go"}:
            broken = ("not working", "get {it} working again", "working again", "")
            gone = "would not work"
        if broken is not None:
            while start > 0 and tokens[start - 1].low in AUX | TURNING_VERBS | {"been"}:
                start -= 1
            np = np_before(tokens, start)
            fields = thing_fields(*np, people) if np else {}
            if fields:
                add(
                    "broken",
                    0,
                    i,
                    state=broken[0],
                    fix=broken[1],
                    fixed=broken[2],
                    adjective=broken[3],
                    gone=gone,
                    **fields,
                )
        if low in MENDING_VERBS:
            np = np_after(tokens, i + 1, need_det=True)
            if np:
                fields = thing_fields(*np, people)
                if fields:
                    details = BROKEN_STATES["broken"]
                    add(
                        "broken",
                        0,
                        i,
                        state=details[0],
                        fix=details[1],
                        fixed=details[2],
                        adjective=details[3],
                        gone="{was} broken",
                        **fields,
                    )
        # Journeys: "sail to the moon", "wants to go to Grandma's", "find the way home".
        wished = before == "to" and i > 1 and tokens[i - 2].low in INTENT
        if low in JOURNEY_VERBS or (low in WEAK_JOURNEY_VERBS and wished):
            trip = JOURNEY_VERBS.get(low, "Journey")
            index = i + 1
            while index < count and tokens[index].low in PARTICLES:
                index += 1
            place: str | None = None
            if index < count and tokens[index].low in {"to", "towards", "toward", "into"}:
                if index + 1 < count and tokens[index + 1].low in {"space", "home"}:
                    place = tokens[index + 1].low
                else:
                    np = np_after(tokens, index + 1, need_det=False, allow_of=True)
                    if np and (np[0] or np[1][0][:1].isupper()):
                        place = " ".join([np[0], *np[1]]).strip()
                        if not np[0]:
                            place = " ".join(np[1])
            elif index < count and tokens[index].low == "home":
                place = "home"
            elif low in REACHING_VERBS or low in {"climb", "climbs", "climbed", "cross"}:
                np = np_after(tokens, i + 1, need_det=True, allow_of=True)
                if np and np[0].lower() in {"the", "a", "an"}:
                    place = "the " + " ".join(np[1])
            place_words = {w.lower() for w in (place or "").split()}
            ours = bool(own_words(people) & place_words)
            if place and place.split()[-1].lower() not in NOT_PLACES and not ours:
                goal = phrase_until_boundary(tokens, i, 9)
                if goal and goal[0].lower() not in JOURNEY_VERBS:
                    goal = []
                add(
                    "journey",
                    1,
                    i,
                    place=place,
                    trip=trip,
                    goal=base_phrase(goal) if goal else "",
                )
        if low == "way" and after == "home":
            add("journey", 1, i, place="home", trip="Journey", goal="find the way home")
        # Wishes: "wants to win the sack race", "Mira builds a boat".
        if low == "to" and before in INTENT and i + 1 < count and tokens[i + 1].word:
            words = phrase_until_boundary(tokens, i + 1, 8)
            if words and words[0].lower() not in NP_STOPS | DETERMINERS_NP:
                if before in {"learn", "learns", "learned", "learnt", "learning"}:
                    words = ["learn", "to", *words]
                add("goal", 2, i, goal=base_phrase(words), team=team_before(tokens, i, people))
        if low in MAKING_VERBS and (after in DETERMINERS_NP or after.endswith("'s")):
            subject_word = before.removesuffix("'s")
            names = own_words(people) | {"they", "he", "she", "we"}
            if subject_word in names:
                words = phrase_until_boundary(tokens, i + 1, 7)
                if words:
                    made = " ".join([MAKING_VERBS[low], *words])
                    add("goal", 2, i, goal=made, team=team_before(tokens, i, people))
        # Fears: "Pip is afraid of the dark".
        if low in FEAR_WORDS:
            lead = i - 1
            while lead >= 0 and tokens[lead].low in SOFTENERS:
                lead -= 1
            if lead >= 0 and tokens[lead].low in FEAR_LEADS:
                words = [token.text]
                if after in {"of", "about", "to"}:
                    rest = phrase_until_boundary(tokens, i + 2, 6, clause=True)
                    if rest:
                        words += [after, *rest]
                who = subject_before(tokens, lead, people)
                add("fear", 3, i, fear=" ".join(words).lower(), subject=who)
        if low in {"fears", "feared"}:
            np = np_after(tokens, i + 1, need_det=False)
            if np:
                who = subject_before(tokens, i, people)
                fear = " ".join(["afraid of", np[0], *np[1]]).replace("  ", " ").lower()
                add("fear", 3, i, fear=fear, subject=who)
    return found


def _clue_in(segments: Sequence[str], thing: str) -> tuple[str, str]:
    """The outline's own clue ("the trail of sunflower seeds") and what it is made of."""
    for segment in segments:
        tokens = word_tokens(segment)
        for i, token in enumerate(tokens):
            if token.low in CLUE_TRAILS and i + 2 < len(tokens) and tokens[i + 1].low == "of":
                np = np_after(tokens, i + 2, need_det=False)
                if np and not np[0]:
                    items = " ".join(np[1])
                    if items.lower() not in thing.lower():
                        adjectives = _adjectives_before(tokens, i)
                        return " ".join(["the", *adjectives, token.low, "of", items]), items
            if token.low in CLUE_MARKS or (
                token.low == "prints" and i and tokens[i - 1].low in {"paw", "foot", "hoof"}
            ):
                words = [*_adjectives_before(tokens, i), token.low]
                if token.low == "prints":
                    words = [*_adjectives_before(tokens, i - 1), tokens[i - 1].low, "prints"]
                return " ".join(["the", *words]), " ".join(words)
    return "", ""


def _adjectives_before(tokens: Sequence[Token], end: int) -> list[str]:
    words: list[str] = []
    index = end - 1
    while index >= 0 and len(words) < 2:
        token = tokens[index]
        if not token.word or token.low in NP_STOPS or token.low in DETERMINERS_NP:
            break
        if token.low in SEEKING_VERBS or token.low.startswith("follow"):
            break
        words.insert(0, token.low)
        index -= 1
    return words


def read_plot(segments: Sequence[str], people: Sequence[Person]) -> Plot | None:
    """The plot the outline describes, or None when it names no shape this writer knows."""
    found: list[Found] = []
    for index, segment in enumerate(segments[:60]):
        found.extend(_finds_in(word_tokens(segment), people, index))
    if not found:
        return None
    best = min(found, key=lambda f: f.rank)
    fields = best.fields
    premise = best.rank[0]
    subject = fields.get("subject", "")
    # The one who sets out to help, not the owner: "Grandma's glasses" are Ben's quest.
    owner = fields.get("thing", "").partition("'s")[0] if "'s" in fields.get("thing", "") else ""
    seekers = [p for p in people if p.name not in owner] or list(people)
    for segment in [segments[premise], *segments]:
        if subject:
            break
        subject = first_name(word_tokens(segment), seekers)
    if best.kind in {"lost", "broken"}:
        words = fields["bare"].split()
        head = fields["head"]
        clue, items = _clue_in(segments, fields["thing"]) if best.kind == "lost" else ("", "")
        return Plot(
            kind=best.kind,
            thing=fields["thing"],
            head=head,
            alive=is_alive(head),
            plural=is_plural(head),
            gone=fields["gone"],
            state=fields["state"],
            fix=fields.get("fix", ""),
            fixed=fields.get("fixed", ""),
            title_thing=thing_title(words, fields["adjective"]),
            clue=clue,
            items=items,
            subject=subject,
            premise=premise,
        )
    if best.kind == "journey":
        place = fields["place"]
        if place[:1].isupper() and place.split()[0].lower() in {"the", "a", "an"}:
            place = place[:1].lower() + place[1:]
        goal = fields["goal"] or f"get to {place}"
        return Plot(
            kind="journey",
            place=place,
            trip=fields["trip"],
            goal=goal,
            subject=subject,
            premise=premise,
        )
    if best.kind == "goal":
        team = fields.get("team", "")
        return Plot(kind="goal", goal=fields["goal"], subject=subject, premise=premise, team=team)
    return Plot(kind="fear", fear=fields["fear"], subject=subject, premise=premise)
