"""Audit: the append-only, hash-chained record of who did and who saw what.

Every write service records an event here in its own transaction; every view of a person's record is
recorded here too (the access log). `manage.py audit_verify` checks the chain. Model change history
(field by field) comes from django-simple-history on each domain model.

May call: nothing above platform. Domain apps call `services.audit_record`.
"""
