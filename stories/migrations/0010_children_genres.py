"""Genres for children's picture books, in place of the adult ones first shipped.

Only items still exactly as shipped are touched: an item an administrator added or changed
(its label, order, activity or settings) stays as it is. A shipped adult genre a story uses
is deactivated, so the story keeps its value; one nothing uses is deleted.
"""

from django.db import migrations

#: Items of the genres list exactly as the first seed shipped them: value → (label, order).
FIRST_SHIPPED = {
    "Children's": ("Children’s", 1),
    "Sci-Fi": ("Sci-Fi", 2),
    "Drama": ("Drama", 3),
    "Horror": ("Horror", 4),
    "Action": ("Action", 5),
    "Fantasy": ("Fantasy", 6),
    "Mystery": ("Mystery", 7),
    "Romance": ("Romance", 8),
    "Thriller": ("Thriller", 9),
    "Comedy": ("Comedy", 10),
}
#: Not for children: retired.
RETIRED = ("Drama", "Horror", "Action", "Romance", "Thriller")
#: The genres offered now, in order: value → label. Shipped values keep their value (stories
#: and API clients store it) and take a label for children.
CHILDRENS_GENRES = {
    "Children's": "Children’s",
    "Bedtime": "Bedtime",
    "Adventure": "Adventure",
    "Animals": "Animals",
    "Friendship": "Friendship",
    "Fairy tale": "Fairy tale",
    "Comedy": "Funny",
    "Mystery": "Mystery",
    "Sci-Fi": "Space",
    "Nature": "Nature",
    "Everyday life": "Everyday life",
    "Fantasy": "Magic and make-believe",
}


def _as_shipped(item) -> bool:
    shipped = FIRST_SHIPPED.get(item.item_value)
    return (
        shipped is not None
        and (item.item_label, item.sort_order) == shipped
        and item.is_active
        and item.additional_config is None
    )


def to_childrens_genres(apps, schema_editor):
    DynamicList = apps.get_model("stories", "DynamicList")
    DynamicListItem = apps.get_model("stories", "DynamicListItem")
    Story = apps.get_model("stories", "Story")
    genres = DynamicList.objects.filter(list_name="genres").first()
    if genres is None:  # an administrator removed the list: genres are free text
        return
    items = {item.item_value: item for item in DynamicListItem.objects.filter(dynamic_list=genres)}
    used = set(Story.objects.filter(genre__in=RETIRED).values_list("genre", flat=True).distinct())
    for value in RETIRED:
        item = items.get(value)
        if item is None or not _as_shipped(item):
            continue
        if value in used:
            item.is_active = False
            item.save(update_fields=["is_active", "updated_at"])
        else:
            item.delete()
    for order, (value, label) in enumerate(CHILDRENS_GENRES.items(), start=1):
        item = items.get(value)
        if item is None:
            if value in FIRST_SHIPPED:
                continue  # shipped, then deleted by an administrator: stays deleted
            DynamicListItem.objects.create(
                dynamic_list=genres, item_value=value, item_label=label, sort_order=order
            )
        elif _as_shipped(item):
            item.item_label = label
            item.sort_order = order
            item.save(update_fields=["item_label", "sort_order", "updated_at"])


class Migration(migrations.Migration):
    dependencies = [("stories", "0009_page_format_a4_landscape")]

    operations = [migrations.RunPython(to_childrens_genres, migrations.RunPython.noop)]
