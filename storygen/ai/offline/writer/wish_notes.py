"""What the offline writer tells a reader about their wishes for a rewritten page.

A rewrite follows a length and a subject (``rewrite``); any other wish only changes which
wording comes out. ``wish_notes`` says so plainly, naming what it followed and what it could
not do, so nobody waits for a rhyme that will never come.
"""

from __future__ import annotations

import re

from storygen.ai.offline.writer.rewrite import wish_followed
from storygen.ai.offline.writer.words import wordset

# Wishes the offline writer knows it cannot follow, and what it says of each.
_CANNOT: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE), saying)
    for pattern, saying in (
        (r"rhym\w*|poem\w*|poetic|verses?|limericks?", "cannot make a page rhyme"),
        (
            r"in (?:french|spanish|german|italian|portuguese|dutch|polish|welsh|irish|arabic|"
            r"chinese|mandarin|japanese|korean|hindi|urdu|russian|turkish|greek|swedish|"
            r"another language)|translat\w*",
            "writes in English only",
        ),
        (
            r"fun|funny|funnier|funniest|jokes?|joking|silly|sillier|humou?r\w*|laugh\w*",
            "cannot make a page funnier",
        ),
        (
            r"scary|scarier|spooky|sad|sadder|happy|happier|cheerful|exciting|thrilling|"
            r"dramatic|calm|calmer|gentle|gentler|tense|mysterious|emotional|mood|tone",
            "cannot change a page's mood",
        ),
        (r"dialogue|dialog|speech|conversation|quotes?", "cannot add talk between characters"),
        (r"alliterat\w*|metaphors?|similes?|puns?", "cannot use figures of speech"),
    )
)
# Words any wish may hold that ask for nothing in particular.
_FILLER = wordset(
    """
    a an the it its it's this that these those page text story bit little lot much very more
    less so too and or but with without please make makes made write rewrite again one some
    different differently new way version should could would can be is are was were to of in
    on for me my i we our you your just also really quite something add change as like into
    sentence sentences word words
    """
)


def wish_notes(wish: str) -> tuple[str, ...]:
    """Plain sentences on what of ``wish`` a rewrite could not follow (none when it
    followed it all), naming what it did follow."""
    followed = wish_followed(wish)
    rest = wish
    for part in followed:
        rest = rest.replace(part, " ")
    cannot: list[str] = []
    for pattern, saying in _CANNOT:
        if pattern.search(rest):
            cannot.append(saying)
            rest = pattern.sub(" ", rest)
    unknown = [
        word
        for word in dict.fromkeys(re.findall(r"[A-Za-z]{2,}(?:['-][A-Za-z]+)*", rest))
        if word.lower() not in _FILLER
    ]
    if unknown:
        cannot.append(
            f"does not know how to follow {_quoted(unknown, 'or')}, so only the wording changed"
        )
    if not cannot:
        return ()
    done = f"followed {_quoted(followed, 'and')}; " if followed else ""
    return (f"Written offline: {done}the offline writer {_joined(cannot, 'and')}.",)


def _quoted(words: tuple[str, ...] | list[str], joiner: str) -> str:
    return _joined([f"\u201c{word}\u201d" for word in words], joiner)


def _joined(items: list[str], joiner: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {joiner} {items[-1]}"
