# ReminderSent moved to the reviews app, the only code that uses it. This side forgets the
# model and leaves its table alone: reviews.0003 takes the table over, rows and all.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('procedure', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='ReminderSent')],
            database_operations=[],
        ),
    ]
