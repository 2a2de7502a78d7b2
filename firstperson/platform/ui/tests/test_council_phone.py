"""The council's phone number on pages comes from the setting COUNCIL_PHONE, not from the templates:
a council that runs FirstPerson sets its own number once."""

import pytest
from django.urls import reverse

from firstperson.platform.ui.context_processors import phone_for_link

pytestmark = pytest.mark.django_db

# A number Ofcom keeps for drama, so it can never be anyone's real line.
COUNCILS_NUMBER = "01632 960000"
SHIPPED_DEFAULT = "0300 000 0000"


COUNCILS_HOURS = "Monday to Saturday, 8am to 8pm"
SHIPPED_HOURS = "Monday to Friday, 9am to 5pm"


@pytest.fixture
def councils_number(settings):
    settings.COUNCIL_PHONE = COUNCILS_NUMBER
    settings.COUNCIL_PHONE_HOURS = COUNCILS_HOURS


@pytest.mark.parametrize(
    ("number", "for_link"),
    [("0300 000 0000", "03000000000"), ("+44 1632 960000", "+441632960000"), ("(01632) 960-000", "01632960000")],
)
def test_a_phone_number_as_a_link_takes_it(number, for_link):
    assert phone_for_link(number) == for_link


@pytest.mark.parametrize("path", ["/", "/accessibility/", "/feedback/", "/services/", "/ask-for-help/"])
def test_public_pages_give_the_councils_number(client, councils_number, path):
    response = client.get(path, follow=True)
    assert response.status_code == 200
    content = response.content.decode()
    assert COUNCILS_NUMBER in content
    assert SHIPPED_DEFAULT not in content
    assert SHIPPED_HOURS not in content


def test_the_advice_line_links_to_the_councils_number(client, councils_number):
    content = client.get("/services/").content.decode()
    assert 'href="tel:01632960000"' in content
    assert "tel:03000000000" not in content


def test_a_residents_account_page_gives_the_councils_number(sign_in_client, make_user, councils_number):
    content = sign_in_client(make_user(role="resident")).get(reverse("portal:my-account")).content.decode()
    assert f"Call {COUNCILS_NUMBER} and we will link it." in content
    assert SHIPPED_DEFAULT not in content


def test_a_locked_account_is_told_the_councils_number(make_user, councils_number):
    from django.utils import timezone

    from firstperson.platform.accounts.exceptions import SignInRefused
    from firstperson.platform.accounts.services import user_authenticate

    user = make_user("resident")
    user.locked_at = timezone.now()
    user.save(update_fields=["locked_at"])
    with pytest.raises(SignInRefused) as refused:
        user_authenticate(request=None, username=user.username, password="anything")
    assert f"or call {COUNCILS_NUMBER}, to unlock it" in str(refused.value)


@pytest.mark.parametrize("path", ["/", "/services/", "/ask-for-help/"])
def test_pages_say_when_the_councils_lines_are_open(client, councils_number, path):
    content = client.get(path, follow=True).content.decode()
    assert f"Lines are open {COUNCILS_HOURS}." in content
    assert SHIPPED_HOURS not in content
