"""The held-stories queue in the admin: a proxy of stories.StoryReview under Moderation."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0005_story_reviews_to_stories"),
        ("stories", "0008_story_reviews_from_moderation"),
    ]

    operations = [
        migrations.CreateModel(
            name="StoryReview",
            fields=[],
            options={
                "verbose_name": "story review",
                "verbose_name_plural": "story reviews",
                "proxy": True,
                "indexes": [],
                "constraints": [],
            },
            bases=("stories.storyreview",),
        ),
    ]
