"""Every page must declare who may open it; a URL without a policy fails the build."""

from django.urls import URLPattern, URLResolver, get_resolver

from firstperson.platform.access.policies import AccessPolicy


def all_url_patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from all_url_patterns(entry, namespace)
        elif isinstance(entry, URLPattern):
            yield f"{prefix}{entry.name}", entry


def test_every_url_declares_an_access_policy():
    missing = []
    for name, pattern in all_url_patterns():
        view_class = getattr(pattern.callback, "view_class", None)
        policy = getattr(view_class, "access_policy", None)
        if not isinstance(policy, AccessPolicy):
            missing.append(name)
    assert missing == [], f"These URLs have no access policy: {missing}"


def test_the_check_sees_the_whole_url_tree():
    names = {name for name, _ in all_url_patterns()}
    assert {"ui:start", "people:person-detail", "portal:who-has-looked", "accounts:sign-in"} <= names
