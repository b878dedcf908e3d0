"""Picture versions of pages and page redraw jobs; every drawn page gets its first version."""

import uuid

import django.db.models.deletion
from django.db import migrations, models


def record_current_pictures(apps, schema_editor):
    """Each page's current picture becomes its first version, so a redraw can go back to it."""
    Page = apps.get_model("stories", "Page")
    PageImage = apps.get_model("stories", "PageImage")
    pages = Page.objects.exclude(image="").only(
        "pk", "image", "image_display", "image_thumbnail", "image_version", "image_description"
    )
    batch = []
    for page in pages.iterator(chunk_size=500):
        batch.append(
            PageImage(
                page_id=page.pk,
                version=max(1, page.image_version),
                image=page.image.name,
                display=page.image_display.name,
                thumbnail=page.image_thumbnail.name,
                description=page.image_description,
                source="drawn",
            )
        )
        if len(batch) >= 500:
            PageImage.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    PageImage.objects.bulk_create(batch, ignore_conflicts=True)
    Page.objects.exclude(image="").filter(image_version=0).update(image_version=1)


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0002_seed_dynamic_lists"),
    ]

    operations = [
        migrations.CreateModel(
            name="PageImage",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("version", models.PositiveSmallIntegerField()),
                ("image", models.FileField(max_length=255, upload_to="")),
                ("display", models.FileField(blank=True, default="", max_length=255, upload_to="")),
                (
                    "thumbnail",
                    models.FileField(blank=True, default="", max_length=255, upload_to=""),
                ),
                ("description", models.TextField(blank=True, default="")),
                ("prompt_used", models.TextField(blank=True, default="")),
                (
                    "source",
                    models.CharField(
                        choices=[
                            ("drawn", "Drawn with the story"),
                            ("redrawn", "Redrawn"),
                            ("restored", "Original restored"),
                        ],
                        default="drawn",
                        max_length=10,
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "page",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="images",
                        to="stories.page",
                    ),
                ),
            ],
            options={
                "ordering": ["version"],
            },
        ),
        migrations.CreateModel(
            name="PageRedrawJob",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "Waiting to be drawn"),
                            ("running", "Being drawn"),
                            ("done", "Drawn"),
                            ("failed", "Failed"),
                        ],
                        db_index=True,
                        default="pending",
                        max_length=10,
                    ),
                ),
                ("description", models.TextField(blank=True, default="")),
                ("attempts", models.PositiveSmallIntegerField(default=0)),
                ("lease_until", models.DateTimeField(blank=True, null=True)),
                ("error_code", models.CharField(blank=True, default="", max_length=30)),
                ("error_message", models.TextField(blank=True, default="")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("started_at", models.DateTimeField(blank=True, null=True)),
                ("finished_at", models.DateTimeField(blank=True, null=True)),
                (
                    "page",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="redraw_jobs",
                        to="stories.page",
                    ),
                ),
                (
                    "result",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="stories.pageimage",
                    ),
                ),
            ],
            options={
                "ordering": ["-created_at"],
            },
        ),
        migrations.AddConstraint(
            model_name="pageimage",
            constraint=models.UniqueConstraint(
                fields=("page", "version"), name="stories_page_image_version"
            ),
        ),
        migrations.AddConstraint(
            model_name="pageredrawjob",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status__in", ["pending", "running"])),
                fields=("page",),
                name="stories_one_active_redraw_per_page",
            ),
        ),
        migrations.RunPython(record_current_pictures, migrations.RunPython.noop),
    ]
