"""People: person records, their identifiers, addresses and communication needs, their relationships
(carers, representatives and the authority they hold), caseload allocation, break-glass opening, and
the demo council (`manage.py seed_demo`).

May call: platform (accounts, access, audit, notify, ui).
"""
