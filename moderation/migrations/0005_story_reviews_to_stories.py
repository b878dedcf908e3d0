"""Stories held for review move to the stories app (stories.StoryReview); the table stays."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("moderation", "0004_quota_override_action")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="StoryReview")],
            database_operations=[],
        )
    ]
