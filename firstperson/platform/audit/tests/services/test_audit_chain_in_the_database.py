"""The stored chain: rows are append-only in the ORM, and tampering through SQL is detected."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from firstperson.platform.audit.models import AppendOnlyError, AuditChainHead, AuditEvent
from firstperson.platform.audit.selectors import audit_chain_problems
from firstperson.platform.audit.services import audit_record
from firstperson.platform.audit.verbs import AuditVerb

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain(make_user):
    actor = make_user("practitioner")
    return [
        audit_record(actor=actor, verb=AuditVerb.PERSON_VIEWED, object_type="person", object_id=n, payload={"n": n})
        for n in range(1, 6)
    ]


def verify():
    output = io.StringIO()
    call_command("audit_verify", stdout=output, stderr=output)
    return output.getvalue()


def test_each_row_carries_the_hash_of_the_row_before(chain):
    assert chain[0].previous_hash == "0" * 64
    for before, after in zip(chain, chain[1:], strict=False):
        assert after.previous_hash == before.hash
        assert after.sequence == before.sequence + 1
    assert AuditChainHead.objects.get(pk=1).last_hash == chain[-1].hash
    assert "intact: 5 rows" in verify()


def test_the_orm_refuses_to_change_or_delete_a_row(chain):
    chain[0].payload = {"n": 99}
    with pytest.raises(AppendOnlyError):
        chain[0].save()
    with pytest.raises(AppendOnlyError):
        chain[0].delete()


def test_an_edited_row_is_reported(chain):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET object_id = %s WHERE sequence = 3", ["tampered"])
    problems = audit_chain_problems()
    assert [(p.sequence, p.kind) for p in problems] == [(3, "edited")]
    with pytest.raises(CommandError):
        verify()


def test_a_deleted_row_is_reported(chain):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE sequence = 2")
    assert [(p.sequence, p.kind) for p in audit_chain_problems()] == [(3, "missing")]


def test_a_row_inserted_out_of_order_is_reported(chain):
    from firstperson.platform.audit.rules.chain import row_hash
    from firstperson.platform.audit.services import audit_event_contents

    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET sequence = sequence + 100 WHERE sequence >= 4")
        cursor.execute("UPDATE audit_auditevent SET sequence = sequence - 99 WHERE sequence >= 104")
    forged = AuditEvent(
        sequence=4,
        occurred_at=chain[2].occurred_at,
        verb=AuditVerb.PERSON_VIEWED,
        object_type="person",
        object_id="forged",
        previous_hash=chain[2].hash,
    )
    forged.hash = row_hash(audit_event_contents(forged), forged.previous_hash)
    forged.save()
    kinds = {(p.sequence, p.kind) for p in audit_chain_problems()}
    assert (5, "out_of_order") in kinds or (5, "edited") in kinds
    assert all(sequence != 4 for sequence, _ in kinds)  # the forged row itself is well formed


def test_a_row_removed_from_the_end_is_reported(chain):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE sequence = 5")
    assert [p.kind for p in audit_chain_problems()] == ["head_mismatch"]


def test_the_chain_head_migration_creates_the_genesis_row():
    import importlib

    from django.apps import apps

    migration = importlib.import_module("firstperson.platform.audit.migrations.0002_create_chain_head")
    AuditChainHead.objects.all().delete()
    migration.create_head(apps, None)
    migration.create_head(apps, None)  # re-runnable
    head = AuditChainHead.objects.get()
    assert (head.pk, head.last_sequence, head.last_hash) == (1, 0, "0" * 64)
