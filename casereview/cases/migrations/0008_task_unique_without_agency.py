from django.db import migrations, models


def keep_one_board_wide_step(apps, schema_editor):
    """Before the constraint: where a case holds more than one board-wide step of a kind,
    keep the one completed last (or, if none is completed, the first made) and drop the
    copies, which the evaluation never read."""
    Task = apps.get_model("cases", "Task")
    seen: set = set()
    for task in Task.objects.filter(agency__isnull=True).order_by(
        "notification_id",
        "kind",
        models.F("completed_at").desc(nulls_last=True),
        "due_at",
        "id",
    ):
        key = (task.notification_id, task.kind)
        if key in seen:
            task.delete()
        else:
            seen.add(key)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0007_plain_religion_help"),
    ]

    operations = [
        migrations.RunPython(keep_one_board_wide_step, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="task",
            constraint=models.UniqueConstraint(
                condition=models.Q(("agency__isnull", True)),
                fields=("notification", "kind"),
                name="task_unique_without_agency",
            ),
        ),
    ]
