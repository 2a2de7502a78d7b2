"""The public "Ask for help" pages, end to end through the test client: one question per page,
answers kept in the session, nothing saved until "Send request"."""

import pytest
from django.urls import reverse
from django.utils import timezone

from firstperson.frontdoor.models import Contact
from firstperson.frontdoor.views import SESSION_KEY
from firstperson.platform.audit.models import AuditEvent
from firstperson.platform.audit.verbs import AuditVerb

pytestmark = pytest.mark.django_db


def step(slug):
    return reverse("frontdoor:help-request-step", args=[slug])


CHECK = reverse("frontdoor:help-request-check")
SENT = reverse("frontdoor:help-request-sent")
START = reverse("frontdoor:help-request-start")

MARGARET_FOR_TED = [
    ("who-for", {"who_for": "someone-else"}),
    ("name", {"person_name": "Ted Okafor"}),
    ("your-name", {"enquirer_name": "Margaret Okafor"}),
    ("relationship", {"enquirer_relationship": "Wife"}),
    ("contact", {"phone": "01632 960 123", "email": "margaret@example.com"}),
    ("help-needed", {"reason": "Ted has dementia and has started going out at night."}),
    ("at-risk", {"at_risk": "no"}),
]


def answer_all(client, answers=MARGARET_FOR_TED):
    response = client.post(START)
    for slug, data in answers:
        response = client.post(step(slug), data)
        assert response.status_code == 302, (slug, response.content.decode()[:2000])
    return response


def test_margaret_asks_for_help_for_ted_and_gets_a_reference(client):
    page = client.get(START).content.decode()
    assert "Ask for help with care and support" in page
    assert "If someone is in danger now, call 999" in page
    response = client.post(START)
    assert response.url == step("who-for")
    expected_next = [slug for slug, _ in MARGARET_FOR_TED[1:]] + ["check"]
    for (slug, data), next_slug in zip(MARGARET_FOR_TED, expected_next, strict=True):
        page = client.get(step(slug)).content.decode()
        assert 'class="govuk-back-link"' in page
        if slug == "name":
            assert "What is the name of the person who needs help?" in page
        if slug == "relationship":
            assert "How do you know Ted Okafor?" in page
        response = client.post(step(slug), data)
        assert response.url == (CHECK if next_slug == "check" else step(next_slug))
        assert not Contact.objects.exists()
    page = client.get(CHECK).content.decode()
    for text in ["Someone else", "Ted Okafor", "Margaret Okafor", "Wife", "01632 960 123", "margaret@example.com"]:
        assert text in page
    response = client.post(CHECK)
    assert response.url == SENT
    contact = Contact.objects.get()
    assert contact.reference == f"FD-{timezone.localdate().year}-000001"
    assert contact.enquirer_email == "margaret@example.com"
    assert contact.reason == "Ted has dementia and has started going out at night."
    assert AuditEvent.objects.filter(verb=AuditVerb.FRONTDOOR_HELP_REQUESTED).count() == 1
    page = client.get(SENT).content.decode()
    assert contact.reference in page
    assert "What happens next" in page
    assert "within 2 working days" in page
    assert SESSION_KEY not in client.session
    # Pressing back and sending again cannot make a second contact: the answers are gone.
    assert client.post(CHECK).url == step("who-for")
    assert Contact.objects.count() == 1


def test_asking_for_yourself_skips_the_questions_about_the_asker(client):
    client.post(START)
    assert client.post(step("who-for"), {"who_for": "myself"}).url == step("name")
    assert "What is your name?" in client.get(step("name")).content.decode()
    assert client.post(step("name"), {"person_name": "Aisha Rahman"}).url == step("contact")
    assert client.get(step("your-name")).url == step("contact")  # not asked when it is for yourself
    client.post(step("contact"), {"email": "aisha@example.com"})
    client.post(step("help-needed"), {"reason": "I would like some support in hard weeks."})
    assert client.post(step("at-risk"), {"at_risk": "no"}).url == CHECK
    client.post(CHECK)
    contact = Contact.objects.get()
    assert contact.enquirer_is_subject is True
    assert contact.enquirer_name == "Aisha Rahman"


def test_someone_at_risk_sees_urgent_advice_and_goes_to_the_top(client):
    answers = [*MARGARET_FOR_TED[:-1], ("at-risk", {"at_risk": "yes"})]
    response = answer_all(client, answers)
    assert response.url == step("urgent")
    page = client.get(step("urgent")).content.decode()
    assert "call 999" in page
    assert "0300 000 0999" in page
    assert "We will put it at the top of our list" in page
    assert client.post(step("urgent"), {}).url == CHECK
    assert "If someone is in danger right now, call 999" in client.get(CHECK).content.decode()
    client.post(CHECK)
    assert Contact.objects.get().urgent is True
    assert "Your request is at the top of our list" in client.get(SENT).content.decode()


@pytest.mark.parametrize(
    ("slug", "data", "message"),
    [
        ("who-for", {}, "Select whether you need help for yourself or for someone else"),
        ("name", {"person_name": ""}, "Enter the name of the person who needs help"),
        ("name", {"person_name": "x" * 201}, "Name must be 200 characters or fewer"),
        ("your-name", {"enquirer_name": " "}, "Enter your name"),
        ("relationship", {"enquirer_relationship": ""}, "Tell us how you know the person who needs help"),
        ("contact", {"phone": "", "email": ""}, "Enter a phone number or an email address, so we can contact you"),
        (
            "contact",
            {"phone": "ring me", "email": ""},
            "Enter a phone number using numbers only, like 01632 960 001 or +33 6 12 34 56 78",
        ),
        (
            "contact",
            {"phone": "", "email": "margaret@"},
            "Enter an email address in the correct format, like name@example.com",
        ),
        ("help-needed", {"reason": ""}, "Tell us what you need help with"),
        ("help-needed", {"reason": "x" * 2001}, "What you need help with must be 2000 characters or fewer"),
        ("at-risk", {}, "Select yes if anyone is in danger or at risk of harm right now"),
    ],
)
def test_each_question_explains_a_wrong_answer_and_keeps_nothing(client, slug, data, message):
    index = [s for s, _ in MARGARET_FOR_TED].index(slug)
    answer_all(client, MARGARET_FOR_TED[:index])
    before = dict(client.session[SESSION_KEY])
    response = client.post(step(slug), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "<title>Error: " in page
    assert message in page
    assert dict(client.session[SESSION_KEY]) == before
    assert not Contact.objects.exists()


def test_markup_is_shown_as_text_and_never_runs(client):
    script = "<script>alert('x')</script>"
    answers = [
        ("who-for", {"who_for": "someone-else"}),
        ("name", {"person_name": f"Ted {script}"}),
        *MARGARET_FOR_TED[2:5],
        ("help-needed", {"reason": f"Help {script}\n<b>please</b>"}),
        ("at-risk", {"at_risk": "no"}),
    ]
    answer_all(client, answers)
    page = client.get(CHECK).content.decode()
    assert script not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "&lt;b&gt;please&lt;/b&gt;" in page
    client.post(CHECK)
    assert Contact.objects.get().reason == f"Help {script}\n<b>please</b>"


def test_questions_cannot_be_skipped(client):
    assert client.get(step("contact")).url == step("who-for")
    assert client.get(CHECK).url == step("who-for")
    assert client.get(SENT).url == START
    client.post(START)
    client.post(step("who-for"), {"who_for": "someone-else"})
    client.post(step("name"), {"person_name": "Ted Okafor"})
    assert client.get(step("help-needed")).url == step("your-name")
    assert client.get(step("no-such-question")).status_code == 404


def test_a_change_from_the_check_page_returns_there(client):
    answer_all(client)
    client.post(step("who-for"), {"who_for": "myself"})
    assert client.get(CHECK).status_code == 200
    response = client.post(step("name"), {"person_name": "Margaret Okafor"})
    assert response.url == CHECK
    page = client.get(CHECK).content.decode()
    assert "Your name" in page and "How you know them" not in page
    client.post(CHECK)
    contact = Contact.objects.get()
    assert (contact.enquirer_is_subject, contact.enquirer_relationship) == (True, "")


def test_the_service_refusing_an_answer_is_explained_on_the_check_page(client):
    """Answers are checked again when sent: an answer that slipped past a page is refused there."""
    answer_all(client)
    session = client.session
    session[SESSION_KEY] = {**session[SESSION_KEY], "email": "not-an-email"}
    session.save()
    response = client.post(CHECK)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter an email address in the correct format, like name@example.com" in page
    assert f'href="{step("contact")}"' in page
    assert not Contact.objects.exists()


def test_signed_in_residents_can_ask_too_and_are_recorded_as_the_actor(sign_in_client, make_user):
    resident = make_user("resident")
    client = sign_in_client(resident)
    answer_all(client)
    client.post(CHECK)
    assert AuditEvent.objects.get(verb=AuditVerb.FRONTDOOR_HELP_REQUESTED).actor == resident
