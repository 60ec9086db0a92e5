from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0008_task_unique_without_agency"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="task",
            index=models.Index(
                fields=["notification", "kind", "done_on", "completed_at"], name="task_step_facts"
            ),
        ),
    ]
