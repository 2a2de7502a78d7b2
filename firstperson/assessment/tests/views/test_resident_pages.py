"""The resident's pages, through their URLs: start, one question per page (saved at once), leave and
come back, check and send; every error with the GOV.UK error summary; 404 for anyone else's."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from firstperson.assessment import services
from firstperson.assessment.models import Answer, AssessmentStatus, EligibilityDetermination, SelfAssessment
from firstperson.people.choices import AuthorityScope, PreferredFormat
from firstperson.platform.accounts.roles import Role
from firstperson.platform.audit.models import AuditEvent
from firstperson.platform.audit.verbs import AuditVerb

from ..builders import DIFFERS_FROM_THE_CARE_ACT_TEST, ELIGIBLE_WITH_HELP_EVERY_MORNING, findings


def _url(name, *args):
    return reverse(f"assessment-resident:{name}", args=args)


def _text(response):
    return re.sub(r"\s+", " ", response.content.decode())


def _summary(response):
    html = response.content.decode()
    assert 'class="govuk-error-summary"' in html
    assert "<title>Error: " in html
    return _text(response)


@pytest.fixture
def started(small_version, person, resident):
    return services.self_assessment_start(actor=resident, person=person, version=small_version)


def test_my_account_links_to_the_assessments(person, resident, sign_in_client):
    page = sign_in_client(resident).get(reverse("portal:my-account"))
    assert _url("assessment-list") in page.content.decode()


def test_starting_asks_for_whom_then_which_then_shows_the_sections(small_version, person, resident, sign_in_client):
    client = sign_in_client(resident)
    page = client.get(_url("start-for-whom"))
    assert "Who is this assessment for?" in _text(page) and "Myself" in _text(page)
    error = client.post(_url("start-for-whom"), {})
    assert "Select who the assessment is for" in _summary(error)
    assert client.post(_url("start-for-whom"), {"person": str(person.pk)}).url == _url("start-which")
    page = client.get(_url("start-which"))
    assert "A short self-assessment" in _text(page) and "Your needs as a carer" in _text(page)
    error = client.post(_url("start-which"), {})
    assert "Select which assessment you want to do" in _summary(error)
    response = client.post(_url("start-which"), {"version": str(small_version.pk)})
    assessment = SelfAssessment.objects.get()
    assert response.url == _url("assessment-overview", assessment.pk)
    overview = _text(client.get(response.url))
    assert "There are 2 sections. You have answered 0 of 3 questions" in overview
    assert "1. Personal care" in overview and "Not started" in overview


def test_the_start_questions_send_you_back_to_the_first_if_it_was_skipped(
    small_version, resident, person, sign_in_client
):
    client = sign_in_client(resident)
    assert client.get(_url("start-which")).url == _url("start-for-whom")
    assert client.get(_url("start-cared-for")).url == _url("start-for-whom")


def test_one_question_per_page_with_section_progress_help_and_why_we_ask(started, resident, sign_in_client):
    page = _text(sign_in_client(resident).get(_url("assessment-question", started.pk, "washing")))
    assert "Section 1 of 2: Personal care" in page
    assert '<h1 class="govuk-fieldset__heading">How much help do you need to wash?</h1>' in page
    assert "Think about a normal week." in page
    assert "Why we ask this" in page and "It tells us whether you can keep clean." in page
    assert page.count('type="radio"') == 3
    assert "Tell us more (optional)" in page
    assert "You can write up to 2,000 characters." in page
    assert f'href="{_url("assessment-overview", started.pk)}" class="govuk-back-link"' in page
    assert '<fieldset class="govuk-fieldset" aria-describedby="id_option-hint">' in page


def test_an_optional_question_says_so_and_describes_nothing_that_is_not_there(started, resident, sign_in_client):
    """No hint and no error: the radios point screen readers at nothing, rather than at an empty id."""
    page = _text(sign_in_client(resident).get(_url("assessment-question", started.pk, "family_support")))
    assert '<h1 class="govuk-fieldset__heading">How much help do family or friends give you? (optional)</h1>' in page
    assert "<title>How much help do family or friends give you? (optional)" in page
    assert '<fieldset class="govuk-fieldset">' in page and 'aria-describedby=""' not in page


def test_line_breaks_count_as_one_character_each(started, resident, sign_in_client):
    """Browsers send each line break as two characters; the limit counts what the person sees."""
    detail = "\r\n".join(["x" * 99] * 20)  # 1,980 letters and 19 line breaks: 1,999 as seen, 2,018 as sent
    response = sign_in_client(resident).post(
        _url("assessment-question", started.pk, "washing"), {"option": "some", "more_detail": detail}
    )
    assert response.status_code == 302
    assert Answer.objects.get().more_detail == detail.replace("\r\n", "\n")


def test_each_answer_is_saved_as_it_is_given_and_leads_to_the_next_question(started, resident, sign_in_client):
    client = sign_in_client(resident)
    response = client.post(
        _url("assessment-question", started.pk, "washing"), {"option": "some", "more_detail": "Bad mornings"}
    )
    assert response.url == _url("assessment-question", started.pk, "dressing")
    answer = Answer.objects.get(question__code="washing")
    assert (answer.option.code, answer.more_detail) == ("some", "Bad mornings")
    page = _text(client.get(response.url))
    assert f'href="{_url("assessment-question", started.pk, "washing")}" class="govuk-back-link"' in page
    again = _text(client.get(_url("assessment-question", started.pk, "washing")))
    assert 'value="some" checked' in again and "Bad mornings" in again


def test_no_answer_shows_the_error_summary_and_saves_nothing(started, resident, sign_in_client):
    response = sign_in_client(resident).post(_url("assessment-question", started.pk, "washing"), {})
    page = _summary(response)
    # The message names the question in its own words, in the summary link and above the answers.
    message = "Select the answer that fits best for &quot;How much help do you need to wash?&quot;"
    assert f'<a href="#id_option_0">{message}</a>' in page
    assert f'<span class="govuk-visually-hidden">Error:</span> {message}</p>' in page
    assert 'id="id_option-error"' in page and "govuk-form-group--error" in page
    assert 'aria-describedby="id_option-hint id_option-error"' in page
    assert not Answer.objects.exists()


def test_too_much_detail_is_refused_with_the_summary(started, resident, sign_in_client):
    response = sign_in_client(resident).post(
        _url("assessment-question", started.pk, "washing"), {"option": "some", "more_detail": "x" * 2001}
    )
    assert "What you tell us must be 2,000 characters or fewer" in _summary(response)
    assert not Answer.objects.exists()


def test_coming_back_later_with_words_written_but_no_answer_keeps_the_words_and_asks(started, resident, sign_in_client):
    """ "Tell us more" is never thrown away: with no answer chosen, the page asks for one and shows
    the words again, rather than going to the sections and losing them."""
    response = sign_in_client(resident).post(
        _url("assessment-question", started.pk, "washing"),
        {"more_detail": "My hands shake in the mornings", "later": "1"},
    )
    assert response.status_code == 200
    page = _summary(response)
    assert '<a href="#id_option_0">Choose an answer so that we can save what you wrote</a>' in page
    assert "My hands shake in the mornings</textarea>" in response.content.decode()
    assert not Answer.objects.exists()


def test_save_and_come_back_later_goes_to_the_sections_and_they_can_continue(started, resident, sign_in_client):
    client = sign_in_client(resident)
    response = client.post(_url("assessment-question", started.pk, "washing"), {"option": "none", "later": "1"})
    assert response.url == _url("assessment-overview", started.pk)
    listing = _text(client.get(_url("assessment-list")))
    assert "Not finished yet" in listing and "Continue: A short self-assessment" in listing
    overview = _text(client.get(_url("assessment-overview", started.pk)))
    assert "You have answered 1 of 3 questions" in overview
    assert (
        f'href="{_url("assessment-question", started.pk, "dressing")}" data-module="govuk-button">Continue' in overview
    )


def test_the_sections_button_says_where_it_goes(started, resident, sign_in_client):
    """Required questions done but the optional one not reached yet: "Continue" to it, not "Check
    your answers" to a question. Once it is answered, the button goes to check your answers."""
    client = sign_in_client(resident)
    for code in ("washing", "dressing"):
        services.self_assessment_answer(actor=resident, assessment=started, question_code=code, option_code="none")
    overview = _text(client.get(_url("assessment-overview", started.pk)))
    question = _url("assessment-question", started.pk, "family_support")
    assert f'href="{question}" data-module="govuk-button">Continue</a>' in overview
    services.self_assessment_answer(
        actor=resident, assessment=started, question_code="family_support", option_code="none"
    )
    overview = _text(client.get(_url("assessment-overview", started.pk)))
    check = _url("assessment-check", started.pk)
    assert f'href="{check}" data-module="govuk-button">Check your answers and send</a>' in overview
    assert overview.count("Completed") == 2


def test_easy_read_wording_when_the_person_prefers_it_or_chooses_it(started, person, resident, sign_in_client):
    client = sign_in_client(resident)
    question = _url("assessment-question", started.pk, "washing")
    assert "Do you need help to wash?" not in _text(client.get(question))
    person.preferred_format = PreferredFormat.EASY_READ
    person.save()
    page = _text(client.get(question))
    assert '<h1 class="govuk-fieldset__heading">Do you need help to wash?</h1>' in page
    assert "I wash on my own" in page and "Show the standard wording" in page
    assert client.get(question + "?format=standard").url == question
    assert "How much help do you need to wash?" in _text(client.get(question))


def test_section_titles_and_why_we_ask_in_easy_read_and_only_there(started, person, resident, sign_in_client):
    client = sign_in_client(resident)
    journey = [
        _url("assessment-question", started.pk, "family_support"),
        _url("assessment-overview", started.pk),
        _url("assessment-check", started.pk),
    ]
    # The standard pages never show the Easy Read words.
    page = _text(client.get(journey[0]))
    assert "Section 2 of 2: Support from family and friends" in page
    assert "It tells us what help you already have." in page
    for url in journey:
        page = _text(client.get(url))
        assert "Support from family and friends" in page, url
        assert "People who help you" not in page and "So we know who helps you now." not in page, url

    person.preferred_format = PreferredFormat.EASY_READ
    person.save()
    page = _text(client.get(journey[0]))
    assert "Section 2 of 2: People who help you" in page
    assert "So we know who helps you now." in page
    assert "It tells us what help you already have." not in page
    for url in journey:
        page = _text(client.get(url))
        assert "People who help you" in page and "Support from family and friends" not in page, url
        # With no Easy Read title, the standard one.
        assert "Personal care" in page or url == journey[0], url
    # With no Easy Read "why we ask", the standard words.
    page = _text(client.get(_url("assessment-question", started.pk, "washing")))
    assert "Section 1 of 2: Personal care" in page and "It tells us whether you can keep clean." in page


def test_an_easy_read_page_names_the_unanswered_question_in_its_easy_read_words(
    started, person, resident, sign_in_client
):
    person.preferred_format = PreferredFormat.EASY_READ
    person.save()
    page = _summary(sign_in_client(resident).post(_url("assessment-question", started.pk, "washing"), {}))
    assert (
        '<a href="#id_option_0">Select the answer that fits best for &quot;Do you need help to wash?&quot;</a>' in page
    )
    assert "How much help do you need to wash?" not in page


def test_check_your_answers_lists_them_with_change_links_and_what_is_missing(started, resident, sign_in_client):
    client = sign_in_client(resident)
    services.self_assessment_answer(actor=resident, assessment=started, question_code="washing", option_code="all")
    page = _text(client.get(_url("assessment-check", started.pk)))
    assert "Someone washes me" in page
    assert f'href="{_url("assessment-question", started.pk, "washing")}?change=1"' in page
    # A screen reader hears which answer each link changes, in the question's own capitals.
    assert 'Change<span class="govuk-visually-hidden"> the answer to: How much help do you need to wash?</span>' in page
    # An unanswered one is answered, not changed: "Answer the question: ...".
    assert (
        'Answer<span class="govuk-visually-hidden"> the question: How much help do you need to get dressed?</span>'
        in page
    )
    assert "Not answered" in page
    response = client.post(_url("assessment-check", started.pk), {"declaration": "on"})
    page = _summary(response)
    assert "1 question is not answered yet" in page
    assert (
        f'<a href="{_url("assessment-question", started.pk, "dressing")}?change=1">'
        "Answer the question: How much help do you need to get dressed?</a>"
    ) in page
    assert SelfAssessment.objects.get().status == AssessmentStatus.IN_PROGRESS


def test_check_your_answers_names_a_missing_question_in_easy_read_words_when_reading_easy_read(
    started, person, resident, sign_in_client
):
    person.preferred_format = PreferredFormat.EASY_READ
    person.save()
    client = sign_in_client(resident)
    services.self_assessment_answer(actor=resident, assessment=started, question_code="dressing", option_code="none")
    page = _summary(client.post(_url("assessment-check", started.pk), {"declaration": "on"}))
    assert (
        f'<a href="{_url("assessment-question", started.pk, "washing")}?change=1">'
        "Answer the question: Do you need help to wash?</a>"
    ) in page
    assert "How much help do you need to wash?" not in page
    # Whoever fills it in may choose standard words instead, and the list follows.
    client.get(_url("assessment-question", started.pk, "washing") + "?format=standard")
    page = _summary(client.post(_url("assessment-check", started.pk), {"declaration": "on"}))
    assert "Answer the question: How much help do you need to wash?</a>" in page


def test_a_change_link_returns_to_check_your_answers(started, resident, sign_in_client):
    client = sign_in_client(resident)
    response = client.post(_url("assessment-question", started.pk, "washing") + "?change=1", {"option": "none"})
    assert response.url == _url("assessment-check", started.pk)


def test_someone_who_answered_in_easy_read_reads_what_happens_next_in_easy_read(
    started, person, resident, sign_in_client, answer_all
):
    person.preferred_format = PreferredFormat.EASY_READ
    person.save()
    answer_all(started, resident)
    client = sign_in_client(resident)
    sent = client.post(_url("assessment-check", started.pk), {"declaration": "on"}).url
    page = _text(client.get(sent))
    assert "Assessment sent" in page
    assert "Thank you for sending your answers." in page
    assert "The worker will talk to you within <strong>10 working days</strong>." in page
    assert "A practitioner from our adult social care team" not in page
    # Standard words for someone who does not prefer Easy Read.
    person.preferred_format = PreferredFormat.STANDARD
    person.save()
    page = _text(client.get(sent))
    assert "A practitioner from our adult social care team reads the answers." in page
    assert "Thank you for sending your answers." not in page


def test_sending_needs_the_declaration_then_says_what_happens_next(started, resident, sign_in_client, answer_all):
    answer_all(started, resident)
    client = sign_in_client(resident)
    response = client.post(_url("assessment-check", started.pk), {})
    assert '<a href="#id_declaration">Confirm that the answers are true to send the assessment</a>' in _summary(
        response
    )
    response = client.post(_url("assessment-check", started.pk), {"declaration": "on"})
    assert response.url == _url("assessment-sent", started.pk)
    page = _text(client.get(response.url))
    assert "Assessment sent" in page and "What happens next" in page and "within 10 working days" in page
    assert client.get(_url("assessment-question", started.pk, "washing")).url == _url("assessment-overview", started.pk)


def test_an_answer_sent_after_the_assessment_was_sent_is_not_saved_and_they_are_told(
    started, resident, sign_in_client, answer_all
):
    """A second tab, or someone else acting for the person, still had a question open."""
    answer_all(started, resident)
    client = sign_in_client(resident)
    client.post(_url("assessment-check", started.pk), {"declaration": "on"})
    before = list(Answer.objects.values_list("question__code", "option__code").order_by("question__code"))
    response = client.post(_url("assessment-question", started.pk, "washing"), {"option": "all"}, follow=True)
    assert response.redirect_chain == [(_url("assessment-overview", started.pk), 302)]
    page = _text(response)
    assert "govuk-notification-banner" in page
    assert "This assessment has been sent, so its answers cannot change. Call us if something needs correcting." in page
    assert list(Answer.objects.values_list("question__code", "option__code").order_by("question__code")) == before


def test_a_representative_with_authority_starts_one_for_the_person(small_version, person, represent, sign_in_client):
    linda = represent(person, first_name="Linda")
    client = sign_in_client(linda)
    page = _text(client.get(_url("start-for-whom")))
    assert person.full_name in page
    client.post(_url("start-for-whom"), {"person": str(person.pk)})
    assert f"Which assessment is this for {person.full_name}?" in _text(client.get(_url("start-which")))
    client.post(_url("start-which"), {"version": str(small_version.pk)})
    assessment = SelfAssessment.objects.get(person=person)
    assert assessment.started_by == linda
    page = _text(client.get(_url("assessment-question", assessment.pk, "washing")))
    assert f"You are answering for {person.full_name}" in page


def test_a_representative_hears_whose_decision_each_link_opens(
    submitted, person, represent, practitioner, sign_in_client
):
    services.eligibility_determination_record(
        actor=practitioner, assessment=submitted, findings=findings(eligible=False, reasons="Sam manages.")
    )
    listed = _text(sign_in_client(represent(person, first_name="Linda")).get(_url("assessment-list")))
    sent = timezone.localdate(submitted.submitted_at)
    assert (
        f'See our decision<span class="govuk-visually-hidden">: A short self-assessment for {person.full_name}, '
        f"sent {sent:%-d %B %Y}</span>" in listed
    )


def test_every_page_that_shows_the_answers_is_in_the_persons_access_log(started, person, represent, sign_in_client):
    """Reading someone's answers is a view of their record: the person sees who looked, and where."""
    linda = represent(person, first_name="Linda")
    client = sign_in_client(linda)
    client.post(_url("assessment-question", started.pk, "washing"), {"option": "some"})
    assert not AuditEvent.objects.filter(verb=AuditVerb.PERSON_VIEWED).exists(), "saving is a change, not a view"
    pages = [
        _url("assessment-overview", started.pk),
        _url("assessment-question", started.pk, "washing"),
        _url("assessment-check", started.pk),
    ]
    for page in pages:
        assert client.get(page).status_code == 200
    error = client.post(_url("assessment-check", started.pk), {})  # shown again, with the answers
    assert error.status_code == 200
    views = AuditEvent.objects.filter(verb=AuditVerb.PERSON_VIEWED, actor=linda, person_id=person.pk)
    assert sorted(views.values_list("page", flat=True)) == sorted([*pages, _url("assessment-check", started.pk)])


def test_a_carer_chooses_whom_they_look_after(carer_version, margaret_who_cares_for_ted, make_user, sign_in_client):
    account = make_user(Role.RESIDENT)
    margaret, ted = margaret_who_cares_for_ted(account=account)
    client = sign_in_client(account)
    client.post(_url("start-for-whom"), {"person": str(margaret.pk)})
    assert client.post(_url("start-which"), {"version": str(carer_version.pk)}).url == _url("start-cared-for")
    assert "Ted Okafor" in _text(client.get(_url("start-cared-for")))
    assert "Select who you look after" in _summary(client.post(_url("start-cared-for"), {}))
    client.post(_url("start-cared-for"), {"cared_for": str(ted.pk)})
    assert SelfAssessment.objects.get().cared_for == ted


def test_someone_acting_for_a_carer_is_asked_whom_the_carer_looks_after(
    carer_version, margaret_who_cares_for_ted, represent, sign_in_client
):
    margaret, _ted = margaret_who_cares_for_ted()
    daniel = represent(margaret, first_name="Daniel")
    client = sign_in_client(daniel)
    client.post(_url("start-for-whom"), {"person": str(margaret.pk)})
    client.post(_url("start-which"), {"version": str(carer_version.pk)})
    page = _text(client.get(_url("start-cared-for")))
    assert (
        "<title>Who does Margaret look after?" in page
        and '<h1 class="govuk-fieldset__heading">Who does Margaret look after?</h1>' in page
    )
    assert "If Margaret looks after more than one person" in page and "Who do you look after?" not in page
    assert '<a href="#id_cared_for_0">Select who Margaret looks after</a>' in _summary(
        client.post(_url("start-cared-for"), {})
    )


def test_everyone_else_gets_404_for_the_assessment(
    started, small_version, person, represent, make_user, make_person, sign_in_client
):
    stranger = make_user(Role.RESIDENT)
    make_person(account=stranger)
    viewer = represent(person, scope=(AuthorityScope.VIEW_ONLINE,))
    pages = [
        _url("assessment-overview", started.pk),
        _url("assessment-question", started.pk, "washing"),
        _url("assessment-check", started.pk),
        _url("assessment-sent", started.pk),
        _url("decision", started.pk),
        _url("decision-letter", started.pk),
    ]
    for user in (stranger, viewer):
        client = sign_in_client(user)
        for page in pages:
            assert client.get(page).status_code == 404, page
        assert client.post(_url("assessment-question", started.pk, "washing"), {"option": "all"}).status_code == 404
        assert started.person.full_name not in _text(client.get(_url("assessment-list")))
        assert str(person.pk) not in _text(client.get(_url("start-for-whom")))
        assert client.post(_url("start-for-whom"), {"person": str(person.pk)}).status_code == 200  # not a choice
    assert not Answer.objects.exists()


def test_the_decision_on_screen_and_as_a_letter(submitted, resident, practitioner, sign_in_client):
    client = sign_in_client(resident)
    assert client.get(_url("decision", submitted.pk)).status_code == 404
    services.eligibility_determination_record(
        actor=practitioner,
        assessment=submitted,
        findings=findings(unable=("A_HYGIENE",), eligible=False, reasons="You manage most things with a little help."),
    )
    page = _text(client.get(_url("decision", submitted.pk)))
    assert "Your needs are not eligible" in page
    assert "You manage most things with a little help." in page
    assert 'href="/services/category/equipment-and-adaptations/"' in page
    assert 'href="/services/"' in page
    listed = _text(client.get(_url("assessment-list")))
    # The link names what it opens, in words a screen reader can say.
    assert (
        'See our decision<span class="govuk-visually-hidden">: A short self-assessment, sent '
        f"{timezone.localdate(submitted.submitted_at):%-d %B %Y}</span>" in listed
    )
    letter = client.get(_url("decision-letter", submitted.pk))
    assert letter["Content-Type"] == "application/pdf"
    assert letter.content.startswith(b"%PDF-")


def test_the_decision_is_dated_the_day_it_was_made_in_england(submitted, resident, practitioner, sign_in_client):
    """A decision at 00:30 in summer time (23:30 the day before in UTC) is dated, and named, that day."""
    recorded = services.eligibility_determination_record(
        actor=practitioner,
        assessment=submitted,
        findings=findings(unable=("A_HYGIENE",), eligible=False, reasons="You manage most things with a little help."),
    )
    half_past_midnight_bst = datetime.datetime(2025, 6, 14, 23, 30, tzinfo=datetime.UTC)
    EligibilityDetermination.objects.filter(pk=recorded.pk).update(decided_at=half_past_midnight_bst)
    client = sign_in_client(resident)
    page = _text(client.get(_url("decision", submitted.pk)))
    assert "Decided on 15 June 2025 by a practitioner in the West locality team." in page
    letter = client.get(_url("decision-letter", submitted.pk))
    assert letter["Content-Disposition"] == 'inline; filename="eligibility-decision-2025-06-15.pdf"'


def test_someone_acting_for_the_person_reads_the_findings_about_them(
    submitted, person, represent, practitioner, sign_in_client
):
    """Linda acts for Sam: what we found reads "they cannot manage ...: keeping clean", with no "you"."""
    linda = represent(person, first_name="Linda")
    services.eligibility_determination_record(
        actor=practitioner,
        assessment=submitted,
        findings=findings(unable=("A_HYGIENE", "A_HOME_SAFE"), eligible=True, reasons="Sam needs help every day."),
    )
    page = _text(sign_in_client(linda).get(_url("decision", submitted.pk)))
    assert "Sam Kowalski's needs are eligible" in page
    found = page[page.index("What we found") : page.index("Why we decided this")]
    assert "they cannot manage 2 of the things the law lists" in found
    assert "<li>keeping clean</li>" in found and "<li>moving around the home safely</li>" in found
    assert not re.search(r"\b(you|your|yourself)\b", found, re.IGNORECASE)


def test_the_person_reads_why_a_decision_differs_from_the_findings(submitted, resident, practitioner, sign_in_client):
    services.eligibility_determination_record(
        actor=practitioner,
        assessment=submitted,
        findings=DIFFERS_FROM_THE_CARE_ACT_TEST,
    )
    page = _text(sign_in_client(resident).get(_url("decision", submitted.pk)))
    assert "you cannot manage 3 of the things the law lists" in page and "Your needs are not eligible" in page
    section = page[page.index("Why our decision is different from these findings") : page.index("Why we decided this")]
    assert "On their own, the findings above point to a different decision." in section
    assert "Your reablement is ending in two weeks, and you will then manage on your own." in section


def test_a_carer_not_eligible_reads_about_their_health_and_help_for_carers(carer_not_eligible, sign_in_client):
    assessment = carer_not_eligible.assessment
    page = _text(sign_in_client(assessment.person.account).get(_url("decision", assessment.pk)))
    assert "Your needs are not eligible for support as a carer" in page
    assert "Caring is not harming your health, or putting it at risk." in page
    assert "a break from caring" in page and "an emergency plan" in page and "Carer's Allowance" in page
    assert "equipment to make washing or cooking easier" not in page
    assert 'href="/services/category/carers-support/"' in page


def test_the_decision_page_offers_the_letter_in_large_print_and_on_paper_if_asked(
    submitted, person, resident, practitioner, sign_in_client
):
    """Nothing posts the letter by itself: the page offers both PDFs and says how to ask for paper."""
    services.eligibility_determination_record(
        actor=practitioner,
        assessment=submitted,
        findings=ELIGIBLE_WITH_HELP_EVERY_MORNING,
    )
    client = sign_in_client(resident)
    letter_url = _url("decision-letter", submitted.pk)
    page = _text(client.get(_url("decision", submitted.pk)))
    assert "We also send it by post" not in page
    assert (
        "If you would like a copy on paper, call us on 0300 000 0000 or ask your worker, and we will post it." in page
    )
    standard = f'<a class="govuk-link" href="{letter_url}">Download the decision letter (PDF)</a>'
    large = (
        f'<a class="govuk-link" href="{letter_url}?large_print=1">Download the decision letter in large print (PDF)</a>'
    )
    assert page.index(standard) < page.index(large)
    person.preferred_format = PreferredFormat.LARGE_PRINT
    person.save()
    page = _text(client.get(_url("decision", submitted.pk)))
    assert page.index(large) < page.index("Download the decision letter in standard print (PDF)")
    letter = client.get(letter_url, {"large_print": "1"})
    assert letter["Content-Type"] == "application/pdf" and letter.content.startswith(b"%PDF-")
    assert letter["Content-Disposition"].startswith('inline; filename="eligibility-decision-large-print-')


def _decided(submitted, practitioner, **overrides):
    values = {"unable": ("A_HYGIENE", "A_CLOTHED"), "eligible": True, "reasons": "You need help every morning."}
    values.update(overrides)
    return services.eligibility_determination_record(
        actor=practitioner, assessment=submitted, findings=findings(**values)
    )


def test_the_decision_in_easy_read_for_someone_who_prefers_it(
    submitted, person, resident, practitioner, sign_in_client
):
    _decided(submitted, practitioner)
    person.preferred_format = PreferredFormat.EASY_READ
    person.save()
    letter_url = _url("decision-letter", submitted.pk)
    page = _text(sign_in_client(resident).get(_url("decision", submitted.pk)))
    assert "<title>Our decision (Easy Read)" in page
    assert '<p class="govuk-body-l"><strong>Your needs are eligible.</strong></p>' in page
    assert "This means we can help you get care and support." in page
    assert "You cannot do <strong>2</strong> of these things without help." in page
    assert "<li>keeping clean</li>" in page
    assert "What your worker wrote:" in page and "You need help every morning." in page
    assert (
        f'<a class="govuk-link" href="{_url("decision", submitted.pk)}?format=standard">Read this in standard words</a>'
        in (page)
    )
    easy = f'<a class="govuk-link" href="{letter_url}?format=easy-read">Download the decision letter in Easy Read (PDF)</a>'
    assert page.index(easy) < page.index("Download the decision letter (PDF)")
    assert "You can also ask for it in Braille, audio or another language." in page
    assert "ask for it in Easy Read" not in page
    assert "What we found" in page and "Why we decided this" in page
    assert "Because of this, you cannot manage" not in page  # not the standard words


def test_the_decision_in_standard_words_for_someone_who_does_not_prefer_easy_read(
    submitted, resident, practitioner, sign_in_client
):
    _decided(submitted, practitioner)
    letter_url = _url("decision-letter", submitted.pk)
    page = _text(sign_in_client(resident).get(_url("decision", submitted.pk)))
    assert "Because of this, you cannot manage 2 of the things the law lists" in page
    assert "This means we can help you get care and support." not in page and 'govuk-body-l"><strong>' not in page
    assert (
        f'<a class="govuk-link" href="{_url("decision", submitted.pk)}?format=easy-read">Read this in Easy Read</a>'
        in page
    )
    easy = f'<a class="govuk-link" href="{letter_url}?format=easy-read">Download the decision letter in Easy Read (PDF)</a>'
    assert page.index("Download the decision letter in large print (PDF)") < page.index(easy)
    assert "You can also ask for it in Braille, audio or another language." in page
    assert "ask for it in Easy Read" not in page


def test_the_switch_between_easy_read_and_standard_words_is_remembered(
    submitted, person, resident, practitioner, sign_in_client
):
    _decided(submitted, practitioner)
    client = sign_in_client(resident)
    decision = _url("decision", submitted.pk)
    assert client.get(decision + "?format=easy-read").url == decision
    assert "This means we can help you get care and support." in _text(client.get(decision))
    assert "This means we can help you get care and support." in _text(client.get(decision))  # remembered
    person.preferred_format = PreferredFormat.EASY_READ
    person.save()
    assert client.get(decision + "?format=standard").url == decision
    page = _text(client.get(decision))
    assert "Because of this, you cannot manage" in page and "Read this in Easy Read" in page


def test_easy_read_chosen_on_the_questions_carries_over_to_the_decision(
    started, resident, practitioner, answer_all, sign_in_client
):
    client = sign_in_client(resident)
    question = _url("assessment-question", started.pk, "washing")
    assert client.get(question + "?format=easy-read").url == question
    answer_all(started, resident, level=1)
    services.self_assessment_submit(actor=resident, assessment=started, declaration=True)
    _decided(started, practitioner)
    page = _text(client.get(_url("decision", started.pk)))
    assert "This means we can help you get care and support." in page and "Read this in standard words" in page


def test_someone_acting_for_the_person_reads_the_easy_read_decision_about_them_by_name(
    submitted, person, represent, practitioner, sign_in_client
):
    """Linda acts for Sam: the Easy Read findings name Sam, never "you"."""
    linda = represent(person, first_name="Linda")
    _decided(submitted, practitioner, unable=("A_HYGIENE", "A_HOME_SAFE"), reasons="Sam needs help every day.")
    person.preferred_format = PreferredFormat.EASY_READ
    person.save()
    page = _text(sign_in_client(linda).get(_url("decision", submitted.pk)))
    assert "We have made a decision about Sam's needs." in page
    assert "<strong>Sam's needs are eligible.</strong>" in page
    assert "This means we can help Sam get care and support." in page
    found = page[page.index("What we found") : page.index("Why we decided this")]
    assert "Sam cannot do <strong>2</strong> of these things without help." in found
    assert "<li>moving around the home safely</li>" in found
    assert not re.search(r"\b(you|your|yourself)\b", found, re.IGNORECASE)
    assert "What Sam's worker wrote:" in page and "Then we will help plan the support that is right for Sam." in page


def test_the_easy_read_letter_from_the_decision_page(submitted, person, resident, practitioner, sign_in_client):
    _decided(submitted, practitioner)
    client = sign_in_client(resident)
    letter_url = _url("decision-letter", submitted.pk)
    letter = client.get(letter_url, {"format": "easy-read"})
    assert letter["Content-Type"] == "application/pdf" and letter.content.startswith(b"%PDF-")
    assert letter["Content-Disposition"].startswith('inline; filename="eligibility-decision-easy-read-')
    both = client.get(letter_url, {"format": "easy-read", "large_print": "1"})  # Easy Read is large already
    assert both["Content-Disposition"] == letter["Content-Disposition"]
    assert client.get(letter_url)["Content-Disposition"].startswith('inline; filename="eligibility-decision-2')


def test_the_easy_read_page_and_letter_are_in_the_persons_access_log(
    submitted, person, represent, practitioner, sign_in_client
):
    linda = represent(person, first_name="Linda")
    _decided(submitted, practitioner)
    client = sign_in_client(linda)
    decision, letter = _url("decision", submitted.pk), _url("decision-letter", submitted.pk)
    client.get(decision + "?format=easy-read")  # chooses, then sends to the page: not a view itself
    assert client.get(decision).status_code == 200
    assert client.get(letter, {"format": "easy-read"}).status_code == 200
    views = AuditEvent.objects.filter(verb=AuditVerb.PERSON_VIEWED, actor=linda, person_id=person.pk)
    assert sorted(views.values_list("page", flat=True)) == sorted([decision, letter])


def test_everyone_else_gets_404_for_the_decision_in_easy_read(
    submitted, person, practitioner, represent, make_user, make_person, sign_in_client
):
    _decided(submitted, practitioner)
    stranger = make_user(Role.RESIDENT)
    make_person(account=stranger)
    viewer = represent(person, scope=(AuthorityScope.VIEW_ONLINE,))
    for user in (stranger, viewer):
        client = sign_in_client(user)
        assert client.get(_url("decision", submitted.pk), {"format": "easy-read"}).status_code == 404
        assert client.get(_url("decision-letter", submitted.pk), {"format": "easy-read"}).status_code == 404
    assert not AuditEvent.objects.filter(verb=AuditVerb.PERSON_VIEWED).exists()


@pytest.fixture
def replaced(submitted, practitioner):
    """An eligible decision made on 14 June 2025, then a newer one, today, that says not eligible."""
    earlier = _decided(submitted, practitioner)
    EligibilityDetermination.objects.filter(pk=earlier.pk).update(
        decided_at=datetime.datetime(2025, 6, 14, 10, 0, tzinfo=datetime.UTC)
    )
    newer = services.eligibility_determination_record(
        actor=practitioner,
        assessment=submitted,
        findings=findings(unable=("A_HYGIENE",), eligible=False, reasons="You manage with a little help now."),
        shown_determination_id=str(earlier.pk),
    )
    return earlier, newer


def test_an_old_letters_link_shows_its_own_decision_and_says_a_newer_one_replaced_it(
    submitted, resident, replaced, sign_in_client
):
    earlier, newer = replaced
    client = sign_in_client(resident)
    page = _text(client.get(_url("determination", submitted.pk, earlier.pk)))
    assert "<title>Our earlier decision" in page and "Our earlier decision</h1>" in page
    assert "Your needs are eligible" in page and "You need help every morning." in page
    assert "You manage with a little help now." not in page
    newest_on = timezone.localdate(newer.decided_at)
    assert "A newer decision replaced this one." in page
    assert f"We made a new decision on {newest_on:%-d %B %Y}." in page
    assert f'href="{_url("decision", submitted.pk)}">Read our newest decision</a>' in page
    # Its own letters, Easy Read too, not the newest decision's.
    letter_url = _url("determination-letter", submitted.pk, earlier.pk)
    assert f'href="{letter_url}">Download the decision letter (PDF)</a>' in page
    assert f'href="{letter_url}?format=easy-read">Download the decision letter in Easy Read (PDF)</a>' in page
    letter = client.get(letter_url)
    assert letter["Content-Disposition"] == 'inline; filename="eligibility-decision-2025-06-14.pdf"'
    easy = client.get(letter_url, {"format": "easy-read"})
    assert easy["Content-Disposition"] == 'inline; filename="eligibility-decision-easy-read-2025-06-14.pdf"'


def test_the_current_decisions_own_link_shows_it_as_the_decision_page_does(
    submitted, resident, replaced, sign_in_client
):
    earlier, newer = replaced
    client = sign_in_client(resident)
    for url in (_url("determination", submitted.pk, newer.pk), _url("decision", submitted.pk)):
        page = _text(client.get(url))
        assert "Our decision</h1>" in page and "You manage with a little help now." in page
        assert "replaced this one" not in page and "You need help every morning." not in page


def test_an_old_decision_in_easy_read_says_it_is_old_and_where_the_new_one_is(
    submitted, person, resident, replaced, sign_in_client
):
    earlier, newer = replaced
    person.preferred_format = PreferredFormat.EASY_READ
    person.save()
    page = _text(sign_in_client(resident).get(_url("determination", submitted.pk, earlier.pk)))
    assert "<title>Our earlier decision (Easy Read)" in page
    assert "This is an old decision." in page
    assert f"We made a new decision on {timezone.localdate(newer.decided_at):%-d %B %Y}." in page
    assert "The new decision replaces this one." in page
    assert f'href="{_url("decision", submitted.pk)}">Read our new decision</a>' in page
    assert "<strong>Your needs are eligible.</strong>" in page


def test_an_old_decision_is_in_the_persons_access_log_and_404_for_anyone_else(
    submitted, person, replaced, represent, make_user, make_person, small_version, resident, sign_in_client
):
    earlier, _newer = replaced
    linda = represent(person, first_name="Linda")
    page, letter = (
        _url("determination", submitted.pk, earlier.pk),
        _url("determination-letter", submitted.pk, earlier.pk),
    )
    client = sign_in_client(linda)
    assert client.get(page).status_code == 200 and client.get(letter).status_code == 200
    views = AuditEvent.objects.filter(verb=AuditVerb.PERSON_VIEWED, actor=linda, person_id=person.pk)
    assert sorted(views.values_list("page", flat=True)) == sorted([page, letter])
    stranger = make_user(Role.RESIDENT)
    make_person(account=stranger)
    viewer = represent(person, scope=(AuthorityScope.VIEW_ONLINE,))
    for user in (stranger, viewer):
        assert sign_in_client(user).get(page).status_code == 404
        assert sign_in_client(user).get(letter).status_code == 404
    assert not AuditEvent.objects.filter(verb=AuditVerb.PERSON_VIEWED).exclude(actor=linda).exists()
    # A decision named under another assessment, even one of the same person's, is not found there.
    other = services.self_assessment_start(actor=resident, person=person, version=small_version)
    resident_client = sign_in_client(resident)
    assert resident_client.get(_url("determination", other.pk, earlier.pk)).status_code == 404
    assert resident_client.get(_url("determination-letter", other.pk, earlier.pk)).status_code == 404
