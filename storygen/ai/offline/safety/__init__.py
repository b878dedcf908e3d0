"""The offline moderation's knowledge of harm, one module per concern.

A single word rarely decides. Most of what a children's service refuses is told apart from
the danger a story overcomes by rules of intent (storygen.ai.offline.safety.patterns): a
phrase of harm that counts only when the rest of the text says what makes it harm (a child
next to a bottle of vodka, a grown-up next to a secret kept from parents) and not when it
is told as a safety lesson (a child who says no, tells a parent, learns why). The line is
instruction and attraction: a wolf may want to eat the pigs; a story may not show a child
how to hurt someone, or make matches, pills or a dare look like fun. Framing ("for a school
project", "just pretend", "in a dream") changes nothing, so no rule looks at it.

Each category of harm has its module of words that always block and rules of intent
(weapons and explosives; violence and cruelty, with violence_vocabulary shared by the two;
gore, self_harm, dangerous, substances, illicit, hate, harassment, grooming, sexual);
vocabulary holds what several of them share (children, adults, a safety lesson,
instruction, attraction), languages the few unsafe words of other languages, and
catalogue gathers them all for storygen.ai.offline.moderation. evasion undoes the ways of
hiding a word before anything is matched; misspellings names the words it corrects towards,
and real_words derives (at development time) the English words it leaves alone.
"""
