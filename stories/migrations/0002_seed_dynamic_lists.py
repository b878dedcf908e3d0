"""Seed the option lists with the values the product Storygen replaces ships with."""

from django.db import migrations

LISTS = {
    "genres": (
        "Story Genres",
        [
            ("Children's", "Children’s"),
            ("Sci-Fi", "Sci-Fi"),
            ("Drama", "Drama"),
            ("Horror", "Horror"),
            ("Action", "Action"),
            ("Fantasy", "Fantasy"),
            ("Mystery", "Mystery"),
            ("Romance", "Romance"),
            ("Thriller", "Thriller"),
            ("Comedy", "Comedy"),
        ],
    ),
    "image_styles": (
        "Image Styles",
        [
            (value, value)
            for value in (
                "Default",
                "Cartoon",
                "Watercolor",
                "Photorealistic",
                "Pixel Art",
                "Fantasy Art",
                "Sci-Fi Concept Art",
                "Anime",
                "Vintage Comic Book Art",
                "Minimalist",
                "Noir",
            )
        ],
    ),
    "writing_styles": ("Writing Styles", []),
    "word_to_picture_ratio": (
        "Word to Picture Ratio",
        [
            (value, value)
            for value in (
                "One image per page",
                "One image per two pages",
                "One image per paragraph",
            )
        ],
    ),
    "text_density": (
        "Text Density",
        [
            (value, value)
            for value in (
                "Concise (~30-50 words)",
                "Standard (~60-90 words)",
                "Detailed (~100-150 words)",
            )
        ],
    ),
    "text_positions": (
        "Text Positions",
        [
            ("top-left", "Top Left"),
            ("top-center", "Top Centre"),
            ("top-right", "Top Right"),
            ("middle-left", "Middle Left"),
            ("middle-center", "Middle Centre"),
            ("middle-right", "Middle Right"),
            ("bottom-left", "Bottom Left"),
            ("bottom-center", "Bottom Centre"),
            ("bottom-right", "Bottom Right"),
        ],
    ),
    "font_families": (
        "Font Families",
        [
            ("storybook", "Storybook"),
            ("classic", "Classic"),
            ("modern", "Modern"),
            ("handwritten", "Handwritten"),
            ("dyslexia-friendly", "Dyslexia-friendly"),
            ("large print", "Large print"),
        ],
    ),
    "genders": (
        "Genders",
        [
            (value, value)
            for value in ("Female", "Male", "Non-binary", "Other", "Prefer not to say")
        ],
    ),
}


def seed(apps, schema_editor):
    DynamicList = apps.get_model("stories", "DynamicList")
    DynamicListItem = apps.get_model("stories", "DynamicListItem")
    for name, (label, items) in LISTS.items():
        dynamic_list, _ = DynamicList.objects.get_or_create(
            list_name=name, defaults={"list_label": label}
        )
        for order, (value, item_label) in enumerate(items, start=1):
            DynamicListItem.objects.get_or_create(
                dynamic_list=dynamic_list,
                item_value=value,
                defaults={"item_label": item_label, "sort_order": order},
            )


class Migration(migrations.Migration):
    dependencies = [("stories", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
