"""Heartbeats per worker process run, with what the reconciler needs to find stopped ones."""

from django.db import migrations, models


def forget_old_heartbeats(apps, schema_editor):
    # Heartbeats are only ever a few seconds old when they matter; the old one-row-per-host
    # rows carry no identity to keep.
    apps.get_model("monitoring", "WorkerHeartbeat").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0001_initial")]

    operations = [
        migrations.RunPython(forget_old_heartbeats, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="workerheartbeat",
            name="hostname",
            field=models.CharField(max_length=255),
        ),
        migrations.AddField(
            model_name="workerheartbeat",
            name="worker_id",
            field=models.CharField(max_length=64, unique=True, default=""),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="workerheartbeat",
            name="host",
            field=models.CharField(blank=True, default="", max_length=255),
        ),
        migrations.AddField(
            model_name="workerheartbeat",
            name="pid",
            field=models.IntegerField(default=0),
        ),
        migrations.AddField(
            model_name="workerheartbeat",
            name="pid_namespace",
            field=models.CharField(blank=True, default="", max_length=100),
        ),
        migrations.AddField(
            model_name="workerheartbeat",
            name="started_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="workerheartbeat",
            name="stopped_at",
            field=models.DateTimeField(blank=True, db_index=True, null=True),
        ),
    ]
