"""The workflow's pages, through their URLs: forms' error states with the GOV.UK error summary, and
who may see which service (another organisation's is 404)."""

import datetime
import re

import pytest
from django.urls import reverse

from firstperson.directory.choices import RecordStatus
from firstperson.directory.models import Organization, Service, ServiceRevision
from firstperson.directory.services import service_review_move, service_submit
from firstperson.platform.accounts.models import User
from firstperson.platform.accounts.roles import Role

pytestmark = pytest.mark.django_db


def service_form(categories, **overrides):
    data = {
        "name": "St Mark's Luncheon Club",
        "description": "A hot two-course lunch on Thursdays, with a raffle and good company. Run by volunteers.",
        "minimum_age": "60",
        "maximum_age": "",
        "eligibility_description": "People over 60 in Westbury",
        "phone": "01632 960 001",
        "email": "lunch@stmarks.example.org",
        "url": "stmarks.example.org",
        "address_1": "St Mark's Church Hall, 12 High Street",
        "city": "Westbury",
        "postcode": "ws14fg",
        "area_postcodes": "",
        "cost_kind": "paid",
        "cost_amount": "£4.50",
        "cost_description": "",
        "days": ["TH"],
        "opens_at": "11.30",
        "closes_at": "14:00",
        "wheelchair_accessible": "yes",
        "accessibility_description": "Step-free entrance",
        "languages": "Polish, Punjabi",
        "category_ids": [str(categories["meals-and-lunch-clubs"].pk)],
    }
    data.update(overrides)
    return data


def _error_summary(response):
    html = response.content.decode()
    assert 'class="govuk-error-summary"' in html
    return html


# --- registration -----------------------------------------------------------------------------


def test_registration_errors_are_listed_in_the_error_summary_and_nothing_is_saved(client):
    response = client.post(
        reverse("directory-editor:organisation-register"),
        {
            "organisation_name": "",
            "organisation_description": "A lunch club",
            "organisation_website": "",
            "organisation_email": "",
            "contact_first_name": "Leroy",
            "contact_last_name": "Grant",
            "contact_email": "not an email",
            "password": "lunch club on thursdays",
            "password_again": "lunch club on fridays",
        },
    )
    assert response.status_code == 200
    html = _error_summary(response)
    assert '<a href="#id_organisation_name">Enter the name of your organisation</a>' in html
    assert "Give your organisation&#x27;s website or email address" in html
    assert "Enter an email address in the correct format, like name@example.com" in html
    assert "The passwords do not match" in html
    assert "<title>Error: " in html
    assert not Organization.objects.exists() and not User.objects.exists()


def test_registration_creates_the_organisation_and_says_what_happens_next(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("directory-editor:organisation-register"),
            {
                "organisation_name": "Hatherley Men's Shed",
                "organisation_description": "Woodwork and company for men of all ages",
                "organisation_website": "",
                "organisation_email": "shed@example.org",
                "contact_first_name": "Dev",
                "contact_last_name": "Sharma",
                "contact_email": "dev@example.org",
                "password": "sawdust and tea at ten",
                "password_again": "sawdust and tea at ten",
            },
        )
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "Hatherley Men&#x27;s Shed is registered" in page
    assert "We have sent an email to dev@example.org" in page
    user = User.objects.get(username="dev@example.org")
    assert user.role == Role.ORGANISATION
    assert Organization.objects.get(name="Hatherley Men's Shed").members.get() == user


# --- organisations' own pages -----------------------------------------------------------------


def test_an_organisation_lists_only_its_own_services(sign_in_client, leroy, draft, other_organisation):
    Service.objects.create(organization=other_organisation, name="Oak Tree Day Centre")
    page = sign_in_client(leroy).get(reverse("directory-editor:my-services")).content.decode()
    assert "St Mark&#x27;s Luncheon Club" in page
    assert "Draft" in page
    assert "Oak Tree" not in page


def test_organisation_a_cannot_see_or_change_organisation_b_service(sign_in_client, draft, other_member, categories):
    client = sign_in_client(other_member)
    for name in ("directory-editor:my-service-detail", "directory-editor:my-service-update"):
        assert client.get(reverse(name, args=[draft.pk])).status_code == 404
    assert client.post(reverse("directory-editor:my-service-detail", args=[draft.pk])).status_code == 404
    response = client.post(reverse("directory-editor:my-service-update", args=[draft.pk]), service_form(categories))
    assert response.status_code == 404
    draft.refresh_from_db()
    assert draft.record_status == RecordStatus.DRAFT


def test_organisation_members_cannot_open_editors_pages(sign_in_client, leroy, draft):
    client = sign_in_client(leroy)
    assert client.get(reverse("directory-editor:home")).status_code == 404
    assert client.get(reverse("directory-editor:service-review", args=[draft.pk])).status_code == 404


def test_proposing_a_service_shows_every_error_in_the_summary_and_saves_nothing(
    sign_in_client, leroy, organisation, categories, postcodes
):
    response = sign_in_client(leroy).post(
        reverse("directory-editor:my-service-create"),
        service_form(categories, name="", postcode="WS1", opens_at="half eleven", cost_amount="4.505"),
    )
    assert response.status_code == 200
    html = _error_summary(response)
    assert '<a href="#id_name">Enter the name of the service</a>' in html
    assert '<a href="#id_postcode">Enter a real postcode, like WS1 4FG</a>' in html
    assert '<a href="#id_opens_at">Enter a time like 09:30 or 14:00</a>' in html
    assert "Enter the amount in pounds and pence, like 4.50" in html
    assert not Service.objects.exists()


def test_checks_across_answers_come_back_from_the_service_onto_their_fields(
    sign_in_client, leroy, organisation, categories, postcodes
):
    response = sign_in_client(leroy).post(
        reverse("directory-editor:my-service-create"),
        service_form(categories, postcode="WS9 9ZZ", days=[], closes_at="10:00"),
    )
    html = _error_summary(response)
    assert '<a href="#id_postcode">We could not find that postcode. Check it and try again</a>' in html
    assert '<a href="#id_days_0">Choose the days it is open</a>' in html
    assert '<a href="#id_closes_at">The closing time must be after the opening time</a>' in html
    assert not Service.objects.exists()


def test_proposing_then_submitting_a_service(sign_in_client, leroy, organisation, categories, postcodes):
    client = sign_in_client(leroy)
    response = client.post(reverse("directory-editor:my-service-create"), service_form(categories))
    service = Service.objects.get()
    assert response.url == reverse("directory-editor:my-service-detail", args=[service.pk])
    assert service.record_status == RecordStatus.DRAFT
    assert service.url == "https://stmarks.example.org"
    page = client.get(response.url).content.decode()
    assert "Saved as a draft" in page
    assert "Quality score: 100 out of 100" in page
    assert "Polish, Punjabi" in page
    response = client.post(reverse("directory-editor:my-service-detail", args=[service.pk]))
    service.refresh_from_db()
    assert service.record_status == RecordStatus.SUBMITTED
    page = client.get(response.url).content.decode()
    assert "Sent for review" in page
    assert "Submit for review</button>" not in page


def test_submitting_twice_is_refused_with_a_plain_message(sign_in_client, leroy, draft):
    client = sign_in_client(leroy)
    client.post(reverse("directory-editor:my-service-detail", args=[draft.pk]))
    response = client.post(reverse("directory-editor:my-service-detail", args=[draft.pk]))
    html = _error_summary(response)
    assert "A record that is waiting for review cannot be sent for review" in html


def test_a_member_of_two_organisations_chooses_which_runs_the_service(
    sign_in_client, leroy, other_organisation, categories, postcodes
):
    other_organisation.members.add(leroy)
    client = sign_in_client(leroy)
    response = client.post(reverse("directory-editor:my-service-create"), service_form(categories))
    assert '<a href="#id_organization">Choose which organisation runs it</a>' in _error_summary(response)
    client.post(
        reverse("directory-editor:my-service-create"),
        service_form(categories, organization=str(other_organisation.pk)),
    )
    assert Service.objects.get().organization == other_organisation


def test_changing_a_published_service_waits_for_an_editor_who_sees_the_comparison_and_approves(
    sign_in_client, leroy, ben, draft, categories, full_details
):
    service_submit(service=draft, actor=leroy)
    service_review_move(service=draft, to_status=RecordStatus.PUBLISHED, actor=ben)
    draft_description = full_details.description
    leroy_client = sign_in_client(leroy)
    form_page = leroy_client.get(reverse("directory-editor:my-service-update", args=[draft.pk])).content.decode()
    assert "A directory editor checks your changes first" in form_page
    response = leroy_client.post(
        reverse("directory-editor:my-service-update", args=[draft.pk]),
        service_form(
            categories,
            name="St Mark's Friday Lunch",
            days=["FR"],
            description=draft_description,
            eligibility_description="People over 60 in Westbury, and their carers.",
            cost_description="Includes a hot drink",
            accessibility_description="Step-free entrance and an accessible toilet",
            languages="Polish",
        ),
    )
    assert response.status_code == 302
    detail = leroy_client.get(response.url).content.decode()
    assert "Your change is waiting for review" in detail
    draft.refresh_from_db()
    assert draft.name == "St Mark's Luncheon Club"
    # The form shows the waiting change, so a second edit builds on it.
    form_page = leroy_client.get(reverse("directory-editor:my-service-update", args=[draft.pk])).content.decode()
    assert 'value="St Mark&#x27;s Friday Lunch"' in form_page

    editor = sign_in_client(ben)
    home = editor.get(reverse("directory-editor:home")).content.decode()
    assert reverse("directory-editor:service-change-review", args=[draft.pk]) in home
    assert "A change to a published service" in home
    review_url = reverse("directory-editor:service-change-review", args=[draft.pk])
    page = editor.get(review_url).content.decode()
    assert "St Mark&#x27;s Luncheon Club" in page and "St Mark&#x27;s Friday Lunch" in page
    changed = re.findall(r'scope="row" class="govuk-table__header">([^<]+)<br><strong[^>]*>Changed</strong>', page)
    assert changed == ["Name", "Days open"]

    response = editor.post(review_url, {"decision": "reject", "reason": ""})
    assert "Give a reason. The organisation will see it" in _error_summary(response)
    assert ServiceRevision.objects.get().decision == ServiceRevision.Decision.WAITING

    response = editor.post(review_url, {"decision": "approve"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.name == "St Mark's Friday Lunch"
    assert editor.get(review_url).status_code == 302  # nothing waiting: back to the service


def test_the_editor_review_page_offers_only_the_moves_the_status_allows(sign_in_client, ben, leroy, draft):
    service_submit(service=draft, actor=leroy)
    client = sign_in_client(ben)
    url = reverse("directory-editor:service-review", args=[draft.pk])
    page = client.get(url).content.decode()
    assert "Publish it" in page and "Ask the organisation for changes" in page and "Reject it" in page
    assert "Mark it as checked" not in page
    assert "Quality score: 100 out of 100" in page
    assert "Draft to waiting for review" in page

    response = client.post(url, {"decision": "rejected", "reason": ""})
    assert '<a href="#id_reason">Give a reason. The organisation will see it</a>' in _error_summary(response)
    response = client.post(url, {"decision": "archived", "reason": "x"})
    assert "Select a valid choice" in _error_summary(response)
    draft.refresh_from_db()
    assert draft.record_status == RecordStatus.SUBMITTED

    response = client.post(url, {"decision": "changes_requested", "reason": "Add a photo of the hall"})
    assert response.url == reverse("directory-editor:home")
    draft.refresh_from_db()
    assert (draft.record_status, draft.status_reason) == (RecordStatus.CHANGES_REQUESTED, "Add a photo of the hall")
    own_page = sign_in_client(leroy).get(reverse("directory-editor:my-service-detail", args=[draft.pk]))
    assert "Add a photo of the hall" in own_page.content.decode()


def test_an_editor_marks_a_published_service_as_checked(sign_in_client, ben, leroy, draft):
    service_submit(service=draft, actor=leroy)
    service_review_move(service=draft, to_status=RecordStatus.PUBLISHED, actor=ben)
    Service.objects.filter(pk=draft.pk).update(last_reviewed_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    client = sign_in_client(ben)
    home = client.get(reverse("directory-editor:home")).content.decode()
    assert "1 January 2020" in home  # among the stalest
    stale_page = sign_in_client(leroy).get(reverse("directory-editor:my-services")).content.decode()
    assert "Needs checking" in stale_page
    client.post(reverse("directory-editor:service-review", args=[draft.pk]), {"decision": "checked"})
    draft.refresh_from_db()
    assert draft.last_reviewed_at.date() == datetime.date.today()
    assert draft.record_status == RecordStatus.PUBLISHED


def test_the_editor_list_filters_by_name_status_and_staleness(sign_in_client, ben, organisation):
    Service.objects.create(organization=organisation, name="Lunch Club", record_status=RecordStatus.PUBLISHED)
    Service.objects.create(organization=organisation, name="Coffee Morning", record_status=RecordStatus.DRAFT)
    client = sign_in_client(ben)
    url = reverse("directory-editor:service-list")
    assert "Coffee Morning" in client.get(url).content.decode()
    page = client.get(url, {"name": "lunch"}).content.decode()
    assert "Lunch Club" in page and "Coffee Morning" not in page
    page = client.get(url, {"record_status": "draft"}).content.decode()
    assert "Coffee Morning" in page and "Lunch Club" not in page
    page = client.get(url, {"stale_only": "on"}).content.decode()
    assert "Lunch Club" in page and "Coffee Morning" not in page
