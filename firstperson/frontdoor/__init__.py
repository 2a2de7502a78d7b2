"""Front door: contacts with the council (how they came, about whom, why, the advice given, the
services signposted and the outcome), the advisers' queue, and the public "Ask for help" form.

May call: platform, people, directory.
"""
