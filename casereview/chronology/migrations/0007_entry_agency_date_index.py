from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("chronology", "0006_event_group_lock"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="chronologyentry",
            index=models.Index(
                fields=["review", "withdrawn_at", "agency", "occurred_from", "occurred_to"],
                name="chron_review_agency_date",
            ),
        ),
    ]
