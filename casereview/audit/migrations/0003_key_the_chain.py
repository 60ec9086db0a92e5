"""Key the audit chain: every existing event is re-hashed once with HMAC-SHA256 under
settings.AUDIT_HMAC_KEY (casereview.audit.chain), so that no unkeyed event remains that an
attacker could rewrite and recompute.

The unkeyed chain is verified first, with the formula it was written with (kept here, as
history); a chain that is already broken is not re-hashed, since that would hide the
damage: the migration stops and names the first broken event. The append-only triggers
are lifted and restored inside the migration's transaction. Reversing it re-hashes the
chain without the key, after verifying the keyed chain.
"""

import hashlib

from django.db import migrations

from casereview.audit import chain, triggers

BATCH = 2000


def unkeyed_hash(prev_hash, event):
    return hashlib.sha256((prev_hash + chain.payload(event)).encode()).hexdigest()


def rehash(apps, schema_editor, old, new):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    AuditHead = apps.get_model("audit", "AuditHead")
    head = AuditHead.objects.filter(pk=1).first()
    if head is None:
        if AuditEvent.objects.exists():
            raise RuntimeError("The audit chain has events but no head row")
        return
    vendor = schema_editor.connection.vendor
    for sql in triggers.drop_sql(vendor):
        schema_editor.execute(sql)
    old_prev = new_prev = chain.GENESIS
    count, last_pk = 0, 0
    while True:
        batch = list(AuditEvent.objects.filter(pk__gt=last_pk).order_by("pk")[:BATCH])
        if not batch:
            break
        for event in batch:
            if event.prev_hash != old_prev or old(old_prev, event) != event.hash:
                raise RuntimeError(
                    f"The audit chain is already broken at event {event.pk}; investigate "
                    "(casereview audit verify) before it is re-hashed"
                )
            old_prev = event.hash
            event.prev_hash, event.hash = new_prev, new(new_prev, event)
            new_prev = event.hash
        AuditEvent.objects.bulk_update(batch, ["prev_hash", "hash"])
        count += len(batch)
        last_pk = batch[-1].pk
    if head.last_hash != old_prev or head.count != count:
        raise RuntimeError("The audit chain ends early: its newest events are missing")
    head.last_hash = new_prev
    head.save(update_fields=["last_hash"])
    for sql in triggers.create_sql(vendor):
        schema_editor.execute(sql)


def forward(apps, schema_editor):
    rehash(apps, schema_editor, unkeyed_hash, chain.event_hash)


def backward(apps, schema_editor):
    rehash(apps, schema_editor, chain.event_hash, unkeyed_hash)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_triggers")]
    operations = [migrations.RunPython(forward, backward)]
