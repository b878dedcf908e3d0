"""Worker heartbeats, from the monitoring app: the same table, now the core's model."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("storygen", "0001_image_slots_from_stories"),
        ("monitoring", "0003_worker_heartbeats_to_the_core"),
    ]

    operations = [
        # The table exists already (made by monitoring 0001): only the state moves.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="WorkerHeartbeat",
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
                        ("worker_id", models.CharField(max_length=64, unique=True)),
                        ("hostname", models.CharField(max_length=255)),
                        ("host", models.CharField(blank=True, default="", max_length=255)),
                        ("pid", models.IntegerField(default=0)),
                        ("pid_namespace", models.CharField(blank=True, default="", max_length=100)),
                        ("started_at", models.DateTimeField(blank=True, null=True)),
                        ("last_seen", models.DateTimeField(db_index=True)),
                        ("stopped_at", models.DateTimeField(blank=True, db_index=True, null=True)),
                    ],
                    options={
                        "db_table": "monitoring_workerheartbeat",
                        "ordering": ["-last_seen"],
                    },
                ),
            ],
            database_operations=[],
        )
    ]
