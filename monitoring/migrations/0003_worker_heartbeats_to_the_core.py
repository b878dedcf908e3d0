"""Worker heartbeats move to the core (storygen.WorkerHeartbeat); the table stays."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0002_worker_runs")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="WorkerHeartbeat")],
            database_operations=[],
        )
    ]
