"""When the service fails, the error page still gives the council's own phone number (from the
setting COUNCIL_PHONE), though it cannot use the pages' usual context."""

import pytest

pytestmark = pytest.mark.django_db

COUNCILS_NUMBER = "01632 960000"  # kept by Ofcom for drama: never anyone's real line
SHIPPED_DEFAULT = "0300 000 0000"


@pytest.fixture
def failing_client(client, settings):
    settings.ROOT_URLCONF = "firstperson.platform.ui.tests.urls_with_a_fault"
    settings.COUNCIL_PHONE = COUNCILS_NUMBER
    settings.COUNCIL_NAME = "Westshire Council"
    client.raise_request_exception = False
    return client


def test_the_error_page_gives_the_councils_number(failing_client):
    response = failing_client.get("/a-page-that-fails/")
    assert response.status_code == 500
    content = response.content.decode()
    assert "Sorry, there is a problem with the service" in content
    assert f'call Westshire Council on <a class="govuk-link" href="tel:01632960000">{COUNCILS_NUMBER}</a>' in content
    assert SHIPPED_DEFAULT not in content


def test_the_service_uses_this_error_page():
    from config import urls

    assert urls.handler500 == "firstperson.platform.ui.views.server_error"
