"""Stories held for review, from the moderation app: the same table, now stories.StoryReview."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0007_image_slots_to_the_core"),
        ("moderation", "0005_story_reviews_to_stories"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # The table exists already (made by moderation 0002): only the state moves.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="StoryReview",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("run_id", models.UUIDField(blank=True, null=True)),
                        (
                            "stage",
                            models.CharField(
                                choices=[
                                    ("brief", "The brief, before writing"),
                                    ("content", "The pages, before reading"),
                                ],
                                max_length=10,
                            ),
                        ),
                        (
                            "reason",
                            models.CharField(
                                choices=[
                                    ("flagged", "Flagged by the safety check"),
                                    ("unavailable", "Moderation unavailable"),
                                ],
                                db_index=True,
                                max_length=12,
                            ),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("open", "Waiting for review"),
                                    ("released", "Released by an administrator"),
                                    ("removed", "Removed by an administrator"),
                                    ("refused", "Refused"),
                                    ("cleared", "Cleared automatically"),
                                ],
                                db_index=True,
                                default="open",
                                max_length=10,
                            ),
                        ),
                        ("categories", models.JSONField(blank=True, default=list)),
                        ("findings", models.JSONField(blank=True, default=list)),
                        ("attempts", models.PositiveIntegerField(default=0)),
                        (
                            "next_check_at",
                            models.DateTimeField(blank=True, db_index=True, null=True),
                        ),
                        ("last_error", models.TextField(blank=True, default="")),
                        ("created_at", models.DateTimeField(auto_now_add=True, db_index=True)),
                        ("resolved_at", models.DateTimeField(blank=True, null=True)),
                        ("note", models.TextField(blank=True, default="")),
                        (
                            "resolved_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "story",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="reviews",
                                to="stories.story",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "moderation_storyreview",
                        "ordering": ["-created_at", "-id"],
                        "constraints": [
                            models.UniqueConstraint(
                                condition=models.Q(("status", "open")),
                                fields=("story",),
                                name="moderation_one_open_review_per_story",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        )
    ]
