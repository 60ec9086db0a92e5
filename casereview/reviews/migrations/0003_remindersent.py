# ReminderSent, moved here from the procedure app: the model takes over the existing table
# procedure_remindersent (no rows copied), then the table is renamed to the name Django
# gives a reviews model.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('procedure', '0002_remindersent_moved_to_reviews'),
        ('reviews', '0002_review_workflow'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ReminderSent',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('case_id', models.UUIDField()),
                        ('obligation', models.CharField(max_length=80)),
                        ('recipient_id', models.PositiveBigIntegerField()),
                        ('sent_on', models.DateField()),
                        ('status', models.CharField(max_length=12)),
                    ],
                    options={
                        'db_table': 'procedure_remindersent',
                        'constraints': [models.UniqueConstraint(fields=('case_id', 'obligation', 'recipient_id', 'sent_on'), name='reminder_once_a_day')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name='remindersent', table=None),
    ]
