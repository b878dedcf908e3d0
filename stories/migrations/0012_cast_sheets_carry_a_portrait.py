from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0011_redraws_carry_a_notice"),
    ]

    operations = [
        migrations.AddField(
            model_name="storycharacter",
            name="sheet_portrait",
            field=models.FileField(blank=True, default="", max_length=255, upload_to=""),
        ),
    ]
