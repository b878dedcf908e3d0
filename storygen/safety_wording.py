"""How a safety refusal speaks to a parent: plain names for the moderation categories, and
what to change for each. Data only, read by storygen.safety."""

from __future__ import annotations

#: Moderation categories (the OpenAI names; the offline classifier uses the same) in words
#: for a parent.
CATEGORY_NAMES: dict[str, str] = {
    "violence": "violence",
    "violence/graphic": "graphic violence",
    "sexual": "sexual content",
    "sexual/minors": "sexual content involving children",
    "self-harm": "self-harm",
    "self-harm/intent": "wanting to hurt oneself",
    "self-harm/instructions": "instructions for self-harm",
    "hate": "hateful words about a group of people",
    "hate/threatening": "hateful threats",
    "harassment": "bullying or insults",
    "harassment/threatening": "threats",
    "illicit": "drugs or crime",
    "illicit/violent": "weapons or violent crime",
    "weapons": "making weapons or explosives",
    "dangerous-activity": "a dangerous dare or household danger made to look like fun",
    "substances": "alcohol, smoking or drugs for children",
    "grooming": "a grown-up asking a child for secrets, photos or time alone",
    "blocked_phrase": "a phrase this site does not allow",
    "flagged": "something unsuited to a children's book",
}

#: What to change, by main category (the part before "/").
ADVICE: dict[str, str] = {
    "violence": "Try describing the danger without harm, e.g. the wolf chases the pigs.",
    "sexual": "Leave out anything sexual or about bodies: keep to friendship, kindness and "
    "adventure.",
    "self-harm": "Leave out anyone hurting themselves: a sad character can find comfort with a "
    "friend or a grown-up.",
    "hate": "Leave out words that put down a group of people: let the characters learn to get "
    "along.",
    "harassment": "Leave out insults and threats: a character can be unkind, then learn to say "
    "sorry.",
    "weapons": "Leave out how weapons are made: a hero can win with courage and cleverness "
    "instead.",
    "dangerous-activity": "Show the danger as something to stay away from, e.g. a child who "
    "asks a grown-up for help.",
    "substances": "Leave out children drinking, smoking or taking drugs: keep treats to juice "
    "and cake.",
    "grooming": "Leave out a grown-up asking a child for secrets, photos or to meet alone; a "
    "story can show a child saying no and telling a parent.",
    "illicit": "Leave out drugs, weapons and crimes: the characters can solve a mystery or find "
    "a lost treasure instead.",
}

#: What to change when the category says nothing more precise.
GENERAL_ADVICE = "Try telling it more gently, as you would to a young child."
