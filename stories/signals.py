"""What the stories app announces for others to act on (metrics, for one)."""

from django.dispatch import Signal

#: A story was held or refused by the safety checks. ``stage``: "input" (its brief),
#: "text" (its pages' words) or "page" (a picture).
story_held = Signal()
