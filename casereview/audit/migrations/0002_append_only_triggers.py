"""Database triggers that refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL) of audit
events, unless a purge has been allowed explicitly (see casereview.audit.guard). The SQL
lives in casereview.audit.triggers, which the start-up check compares the database with."""

from django.db import migrations

from casereview.audit import triggers


def forward(apps, schema_editor):
    for sql in triggers.create_sql(schema_editor.connection.vendor):
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    for sql in triggers.drop_sql(schema_editor.connection.vendor):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
