"""Every link in the service navigation resolves, and the role it is shown to can open it."""

import pytest
from django.urls import reverse

from firstperson.platform.accounts.roles import Role
from firstperson.platform.ui.navigation import navigation_items_for


@pytest.mark.django_db
@pytest.mark.parametrize("role", [None, *Role])
def test_each_roles_navigation_opens_for_that_role(role, make_user, team, sign_in_client, client):
    http = client if role is None else sign_in_client(make_user(role, team=team))
    items = navigation_items_for(role)
    assert items, f"{role} has no navigation"
    for text, url_name in items:
        response = http.get(reverse(url_name))
        assert response.status_code in (200, 302), f"{role}: {text} ({url_name}) answered {response.status_code}"
        if response.status_code == 302:
            assert "/sign-in/" not in response["Location"], f"{role}: {text} sends them to sign in"
