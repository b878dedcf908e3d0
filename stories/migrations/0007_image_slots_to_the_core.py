"""The picture slots move to the core (storygen.ImageSlot); the table stays as it is."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("stories", "0006_claims_carry_the_worker")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ImageSlot")],
            database_operations=[],
        )
    ]
