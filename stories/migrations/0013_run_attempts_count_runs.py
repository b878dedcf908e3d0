"""Runs count their story's generation attempts; the claims of their steps move to a field
of their own."""

from django.db import migrations, models
from django.db.models import F


def attempts_to_step_attempts(apps, schema_editor):
    GenerationTask = apps.get_model("stories", "GenerationTask")
    GenerationTask.objects.update(step_attempts=F("attempts"), attempts=0)
    # Number each story's started runs in the order they were made: its first run is
    # attempt 1, each later (resuming) run one more.
    started = (
        GenerationTask.objects.filter(started_at__isnull=False)
        .order_by("story_id", "created_at", "pk")
        .values_list("pk", "story_id")
    )
    story_id, number = None, 0
    for pk, story in started.iterator():
        number = number + 1 if story == story_id else 1
        story_id = story
        GenerationTask.objects.filter(pk=pk).update(attempts=number)


def step_attempts_to_attempts(apps, schema_editor):
    GenerationTask = apps.get_model("stories", "GenerationTask")
    GenerationTask.objects.update(attempts=F("step_attempts"))


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0012_cast_sheets_carry_a_portrait"),
    ]

    operations = [
        migrations.AddField(
            model_name="generationtask",
            name="step_attempts",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.RunPython(attempts_to_step_attempts, step_attempts_to_attempts),
    ]
