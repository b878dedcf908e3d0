"""The English words the misspelling correction leaves alone, derived at development time.

"laughter" is one letter from "slaughter" and "named" one from "naked": a correction that
knew only the rules' vocabulary would turn harmless sentences into harm. pyspellchecker's
English dictionary knows real words, but loading it costs some 40 MB and 0.15 s in every
process, so it is a development requirement only: this module reads it, keeps the
English words within the correction's reach (storygen.ai.offline.safety.evasion), and writes
them to the small file the evasion layer reads at import. Run
``python -m storygen.ai.offline.safety.real_words`` after changing the vocabulary; a test
fails until the file matches.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from storygen.ai.offline.safety.evasion import REAL_WORDS_PATH, words_within_reach

#: How often a word must have been seen in the subtitles pyspellchecker counted to be a real
#: word here. The dictionary gives 50 to words it only lists, which includes oddities
#: ("naker", "napalms"); a little above that, variant spellings and typos begin ("kidnaped",
#: "stupids"). A rare word below the line is still corrected: the classifier fails closed.
MIN_OCCURRENCES = 100
#: What regenerates the file.
COMMAND = "python -m storygen.ai.offline.safety.real_words"

_HEADER = f"""\
# English words one slip away from a word the offline moderation corrects misspellings
# towards, left as written. Generated from pyspellchecker's English dictionary (words seen
# at least {MIN_OCCURRENCES} times): do not edit, run `{COMMAND}`.
"""


def real_words_near_vocabulary() -> list[str]:
    """The dictionary's English words the correction would otherwise change, sorted.

    Needs pyspellchecker (requirements-dev.txt) and loads its whole English dictionary.
    """
    from spellchecker import SpellChecker  # A development requirement: see the docstring.

    counts = SpellChecker(language="en").word_frequency.dictionary
    return words_within_reach(word for word, seen in counts.items() if seen >= MIN_OCCURRENCES)


def real_words_file_text(words: list[str]) -> str:
    """The text of the file the evasion layer reads, for ``words``."""
    return _HEADER + "".join(f"{word}\n" for word in words)


def real_words_write(path: Path = REAL_WORDS_PATH) -> list[str]:
    """Derive the words again and write them to ``path`` (by default the file the evasion
    layer reads); return them."""
    words = real_words_near_vocabulary()
    path.write_text(real_words_file_text(words), encoding="utf-8")
    return words


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--output", type=Path, default=REAL_WORDS_PATH, help="where to write (default: %(default)s)"
    )
    args = parser.parse_args(argv)
    words = real_words_write(args.output)
    print(f"{len(words)} real words written to {args.output}.")


if __name__ == "__main__":
    main()
