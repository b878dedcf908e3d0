from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("characters", "0004_image_jobs_carry_a_notice"),
    ]

    operations = [
        migrations.AddField(
            model_name="characterimage",
            name="portrait",
            field=models.FileField(blank=True, default="", max_length=255, upload_to=""),
        ),
    ]
