from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_usage_quotas"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="tokens_revoked_at",
            field=models.DateTimeField(
                blank=True,
                editable=False,
                help_text="When the account was last signed out everywhere: API tokens issued "
                "before then are refused.",
                null=True,
            ),
        ),
    ]
