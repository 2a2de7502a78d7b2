"""Front door: contacts with the council (how they came, about whom, why, the advice given, the
services signposted and the outcome), the advisers' queue, and the public "Ask for help" form.

Adds a "Contacts with the front door" panel to a person's staff record page through the people
app's hook (people/record_panels.py, registered in apps.py).

May call: platform, people, directory.
"""
