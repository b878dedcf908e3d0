"""The picture slots move to the core: the same table, now the core's model."""

from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [("stories", "0007_image_slots_to_the_core")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ImageSlot",
                    fields=[
                        (
                            "number",
                            models.PositiveSmallIntegerField(primary_key=True, serialize=False),
                        ),
                        ("holder", models.CharField(blank=True, default="", max_length=64)),
                        ("lease_until", models.DateTimeField(blank=True, null=True)),
                        ("claimed_by", models.CharField(blank=True, default="", max_length=64)),
                    ],
                    options={"db_table": "stories_imageslot", "ordering": ["number"]},
                )
            ],
            database_operations=[],
        )
    ]
