"""API: the HTTP interfaces of FirstPerson, versioned; the public Open Referral UK API under /api/oruk/.

Interface only: it parses requests, calls the apps' selectors and services, and shapes responses.
Nothing imports it.
"""
