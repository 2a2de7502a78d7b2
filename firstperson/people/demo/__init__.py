"""The demo council: a deterministic synthetic population for trying FirstPerson and for tests.

Every name, date and number is invented. NHS numbers come from the range starting 999, which is
never issued to real patients.
"""
