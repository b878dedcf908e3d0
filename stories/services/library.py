"""What a user's stories give their character library: the cast kept in it, and pictures
for library characters that only a story holds."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.utils.text import Truncator

from accounts.models import User
from characters.errors import CharacterUnsafe
from characters.models import Character
from characters.services import character_image_from_story, character_keep_from_story
from stories.models import StepStatus, Story, StoryCharacter
from stories.selectors import story_list_visible_to
from storygen.ai.errors import AIProviderError
from storygen.media import media_path

logger = logging.getLogger(__name__)

CastIndex = dict[str, list[StoryCharacter]]
KEY_TRAITS_MAX_LENGTH = Character._meta.get_field("key_traits").max_length or 500

#: Stories whose brief passed the safety check when their run started. The others (drafts,
#: stories still queued or held before the check) have their cast checked on the way in.
BRIEF_CHECKED = frozenset(
    {Story.Status.GENERATING, Story.Status.READY, Story.Status.PARTIAL, Story.Status.FAILED}
)
#: Stories whose pictures nobody reads: their sheets are not copied to the library.
PICTURES_WITHHELD = frozenset({Story.Status.HELD, Story.Status.REFUSED})
#: What the picture repair did for each character, as the reference product counts it.
REPAIR_OUTCOMES = (
    "repaired",
    "already_public",
    "missing_source",
    "no_private_source",
    "copy_failed",
    "skipped",
)


def cast_member_keep(
    member: StoryCharacter, *, checked: bool = True, with_sheet: bool = True
) -> Character | None:
    """Keep one cast member (its ``story__owner`` loaded) in the story owner's library, with
    a copy of its drawn sheet unless ``with_sheet`` is false, and link the member to that
    library character.

    See characters.services.character_keep_from_story for what is updated and copied.
    Details the safety check has not passed yet come with ``checked=False``: they are
    checked first (call this outside any transaction then), raising CharacterUnsafe.
    """
    story = member.story
    drawn = with_sheet and member.status == StepStatus.DONE
    character = character_keep_from_story(
        owner=story.owner,
        name=member.name,
        details={
            "description": member.description or member.physical_appearance,
            "age": member.age,
            "gender": member.gender,
            "clothing_style": member.clothing_style,
            # A story's personality may be longer than the library's traits can hold.
            "key_traits": Truncator(member.key_traits or member.personality).chars(
                KEY_TRAITS_MAX_LENGTH
            ),
        },
        sheet=str(member.sheet.name or "") if drawn else "",
        portrait=str(member.sheet_portrait.name or "") if drawn else "",
        sheet_is_current_of_library=member.library_image_id,
        image_style=story.image_style,
        checked=checked,
    )
    if character is not None and member.character_id != character.pk:
        StoryCharacter.objects.filter(pk=member.pk).update(character=character)
    return character


def story_characters_backfill(*, owner: User, include_drafts: bool = True) -> int:
    """Keep the cast of every story ``owner`` has (drafts too, unless ``include_drafts`` is
    false; never a refused story's, nor one a moderator hid or deleted) in their character
    library, oldest story first.

    A library character of the same name (any case) takes the member's non-empty details
    and a new one is created otherwise; a drawn sheet the character does not hold yet
    becomes its current picture, so the newest story's sheet ends current. Members whose
    unchecked details do not pass the safety check are left out. Returns how many members
    were kept; running it again changes no picture.
    """
    stories = story_list_visible_to(user=owner).exclude(status=Story.Status.REFUSED)
    if not include_drafts:
        stories = stories.exclude(status=Story.Status.DRAFT)
    members = (
        StoryCharacter.objects.filter(story__in=stories)
        .select_related("story__owner")
        .order_by("story__created_at", "story_id", "position", "id")
    )
    kept = 0
    for member in members:
        try:
            kept_as = cast_member_keep(
                member,
                checked=member.story.status in BRIEF_CHECKED,
                with_sheet=member.story.status not in PICTURES_WITHHELD,
            )
            if kept_as is not None:
                kept += 1
        except CharacterUnsafe:
            logger.info("cast member %s not kept in the library: refused", member.pk)
    logger.info("cast of user %s kept in the library: %s members", owner.pk, kept)
    return kept


def _has_picture(character: Character) -> bool:
    """Whether the character has a current picture whose thumbnail can be shown."""
    image = character.current_image
    if image is None or not image.thumbnail.name:
        return False
    try:
        return media_path(image.thumbnail.name).is_file()
    except ValueError:
        return False


def _sheets_by_character(owner: User) -> tuple[dict[int, list[StoryCharacter]], CastIndex]:
    """The owner's cast members with a drawn sheet, newest story first (none of a story a
    moderator hid or deleted): by the library character they are linked to, and by name
    (compared as library names are)."""
    members = (
        StoryCharacter.objects.filter(
            story__in=story_list_visible_to(user=owner), status=StepStatus.DONE
        )
        .exclude(sheet="")
        .select_related("story")
        .order_by("-story__created_at", "-story_id", "position")
    )
    linked: dict[int, list[StoryCharacter]] = {}
    named: CastIndex = {}
    for member in members:
        if member.character_id is not None:
            linked.setdefault(member.character_id, []).append(member)
        named.setdefault(Character.key_for(member.name), []).append(member)
    return linked, named


def _candidates(
    character: Character, linked: dict[int, list[StoryCharacter]], named: CastIndex
) -> Iterable[StoryCharacter]:
    seen: set[int] = set()
    for member in [*linked.get(character.pk, []), *named.get(character.name_key, [])]:
        if member.pk not in seen:
            seen.add(member.pk)
            yield member


def _repair(character: Character, candidates: Iterable[StoryCharacter]) -> str:
    """Copy the first usable story sheet; the outcome, with the reference's precedence:
    repaired > missing_source > copy_failed > skipped > no_private_source."""
    seen: set[str] = set()
    for member in candidates:
        if member.story.status in PICTURES_WITHHELD:
            seen.add("skipped")
            continue
        try:
            image = character_image_from_story(
                character=character,
                sheet=str(member.sheet.name),
                portrait=str(member.sheet_portrait.name or ""),
                image_style=member.story.image_style,
            )
        except FileNotFoundError:
            seen.add("missing_source")
            continue
        except (OSError, ValueError, AIProviderError):
            logger.warning("sheet of cast member %s could not be copied", member.pk)
            seen.add("copy_failed")
            continue
        if image is None:  # the character was deleted meanwhile
            return "skipped"
        return "repaired"
    for outcome in ("missing_source", "copy_failed", "skipped"):
        if outcome in seen:
            return outcome
    return "no_private_source"


def character_thumbnails_backfill(*, owner: User) -> dict[str, int]:
    """Give each of ``owner``'s library characters without a picture to show (no current
    picture, or its thumbnail gone) a copy of its newest sheet drawn in one of their
    stories: one linked to the character, or of a cast member of the same name.

    Sheets of stories held for a safety review or refused are not used (``skipped``).
    Returns the counts of the reference product's repair: ``scanned`` and one per outcome
    (see REPAIR_OUTCOMES). Running it again repairs nothing more.
    """
    characters = Character.objects.filter(owner=owner).select_related("current_image")
    linked, named = _sheets_by_character(owner)
    counts = dict.fromkeys(REPAIR_OUTCOMES, 0)
    scanned = 0
    for character in characters.order_by("id"):
        scanned += 1
        if _has_picture(character):
            counts["already_public"] += 1
            continue
        counts[_repair(character, _candidates(character, linked, named))] += 1
    logger.info("library pictures of user %s repaired: %s", owner.pk, counts["repaired"])
    return {"scanned": scanned, **counts}
