"""Staff pages through their URLs: a supported self-assessment with the person, the eligibility
decision (every error in the summary, a differing decision needing a reason), and who may open what."""

import re

import pytest
from django.urls import reverse

from firstperson.assessment import services
from firstperson.assessment.models import Answer, EligibilityDetermination, SelfAssessment
from firstperson.people.services import person_break_glass_open
from firstperson.platform.accounts.roles import Role
from firstperson.platform.audit.models import AuditEvent
from firstperson.platform.audit.verbs import AuditVerb

from ..builders import findings


def _url(name, *args):
    return reverse(f"assessment:{name}", args=args)


def _text(response):
    return re.sub(r"\s+", " ", response.content.decode())


def _summary(response):
    html = response.content.decode()
    assert 'class="govuk-error-summary"' in html
    return _text(response)


def _all_able(kind="adult", **extra):
    data = {"condition_1_met": "yes", "condition_1_evidence": "Learning disability", "significant_impact": "yes"}
    data["wellbeing_impacts"] = ["W_CONTROL"]
    for code in services.outcomes_for(kind):
        data[f"outcome_{code}_unable"] = "no"
    data.update(extra)
    return data


def test_the_record_page_shows_the_self_assessments_panel(submitted, practitioner, sign_in_client):
    page = _text(sign_in_client(practitioner).get(reverse("people:person-detail", args=[submitted.person.pk])))
    assert "Self-assessments" in page and "A short self-assessment, started" in page
    assert _url("assessment-detail", submitted.pk) in page


def test_a_practitioner_starts_a_supported_self_assessment(small_version, person, practitioner, sign_in_client):
    client = sign_in_client(practitioner)
    assert "Start a supported self-assessment" in _text(client.get(_url("person-assessments", person.pk)))
    response = client.post(_url("assessment-start", person.pk), {"version": str(small_version.pk)})
    assert "Say who is taking part, for example the person and their wife" in _summary(response)
    assert not SelfAssessment.objects.exists()
    response = client.post(
        _url("assessment-start", person.pk), {"version": str(small_version.pk), "people_present": "Sam; Jo"}
    )
    assessment = SelfAssessment.objects.get()
    assert response.url == _url("assessment-detail", assessment.pk)
    assert assessment.supported_by == practitioner
    page = _text(client.get(_url("assessment-question", assessment.pk, "washing")))
    assert "Supported self-assessment with Sam Kowalski" in page and "Whose answer is this?" in page
    client.post(
        _url("assessment-question", assessment.pk, "washing"), {"option": "all", "given_by": "Jo, support worker"}
    )
    answer = Answer.objects.get()
    assert (answer.answered_by, answer.given_by) == (practitioner, "Jo, support worker")
    detail = _text(client.get(_url("assessment-detail", assessment.pk)))
    assert "Sam; Jo" in detail and "answer given by Jo, support worker" in detail


def test_a_practitioner_continues_one_the_person_started_saying_who_is_there(
    started_by_sam, practitioner, sign_in_client
):
    client = sign_in_client(practitioner)
    response = client.post(_url("assessment-detail", started_by_sam.pk), {"people_present": ""})
    assert "Say who is taking part" in _summary(response)
    response = client.post(_url("assessment-detail", started_by_sam.pk), {"people_present": "Sam and his mum"})
    assert response.url == _url("assessment-question", started_by_sam.pk, "washing")
    started_by_sam.refresh_from_db()
    assert started_by_sam.supported_by == practitioner


@pytest.fixture
def started_by_sam(small_version, person, resident):
    return services.self_assessment_start(actor=resident, person=person, version=small_version)


def test_a_practitioner_says_who_is_taking_part_before_answering_with_the_person(
    started_by_sam, practitioner, sign_in_client
):
    client = sign_in_client(practitioner)
    detail = _url("assessment-detail", started_by_sam.pk)
    for page in (
        _url("assessment-question", started_by_sam.pk, "washing"),
        _url("assessment-check", started_by_sam.pk),
    ):
        response = client.get(page, follow=True)
        assert response.redirect_chain == [(detail, 302)], page
        assert "Say who is taking part before you go through the questions with the person." in _text(response)
    client.post(_url("assessment-question", started_by_sam.pk, "washing"), {"option": "all"})
    assert not Answer.objects.exists()
    client.post(detail, {"people_present": "Sam and his mum"})
    assert client.get(_url("assessment-question", started_by_sam.pk, "washing")).status_code == 200


def test_who_took_part_in_each_session_is_kept_in_the_audit_trail(started_by_sam, practitioner, make_user):
    services.self_assessment_record_support(
        actor=practitioner, assessment=started_by_sam, people_present="Sam and his mum"
    )
    colleague = make_user(Role.PRACTITIONER, team=practitioner.team)
    services.self_assessment_record_support(actor=colleague, assessment=started_by_sam, people_present="Sam alone")
    joined = AuditEvent.objects.filter(object_id=str(started_by_sam.pk), payload__joined=True).order_by("sequence")
    assert [(e.actor, e.payload["people_present"], e.payload["previous_people_present"]) for e in joined] == [
        (practitioner, "Sam and his mum", ""),
        (colleague, "Sam alone", "Sam and his mum"),
    ]


def test_each_staff_page_showing_the_assessment_is_logged_once(submitted, practitioner, sign_in_client):
    """The detail, the question pages, the eligibility pages and the letter are each one view of
    the person's record in their access log: no page is missed, and none is logged twice."""
    client = sign_in_client(practitioner)
    services.eligibility_determination_record(
        actor=practitioner,
        assessment=submitted,
        findings=findings(unable=("A_HYGIENE",), eligible=False, reasons="Sam manages most things with a little help."),
    )
    pages = [
        _url("assessment-detail", submitted.pk),
        _url("eligibility-create", submitted.pk),
        _url("eligibility-detail", submitted.pk),
        _url("eligibility-letter", submitted.pk),
    ]
    for page in pages:
        assert client.get(page).status_code == 200, page
    views = AuditEvent.objects.filter(verb=AuditVerb.PERSON_VIEWED, actor=practitioner, person_id=submitted.person.pk)
    assert sorted(views.values_list("page", flat=True)) == sorted(pages)


def test_the_eligibility_form_names_every_gap_in_the_summary(submitted, practitioner, sign_in_client):
    client = sign_in_client(practitioner)
    page = _text(client.get(_url("eligibility-create", submitted.pk)))
    assert "What the self-assessment says" in page and "I need some help" in page
    response = client.post(_url("eligibility-create", submitted.pk), {})
    page = _summary(response)
    assert '<a href="#id_condition_1_met_0">Say whether the needs arise from a physical or mental impairment' in page
    assert (
        '<a href="#id_outcome_A_NUTRITION_unable_0">Select yes if they are unable to achieve managing and maintaining nutrition, or no if they can</a>'
        in page
    )
    assert '<a href="#id_reasons">Give the reasons for your decision</a>' in page
    assert not EligibilityDetermination.objects.exists()


def test_a_decision_differing_from_the_rule_asks_why_then_is_recorded(submitted, practitioner, sign_in_client):
    client = sign_in_client(practitioner)
    data = _all_able(eligible="yes", reasons="Sam needs more help than the form shows.")
    response = client.post(_url("eligibility-create", submitted.pk), data)
    page = _summary(response)
    assert (
        "Your decision (eligible) differs from what the Care Act test gives for these findings (not eligible)" in page
    )
    assert "What the Care Act test gives for these findings: not eligible" in page
    assert not EligibilityDetermination.objects.exists()
    data["disagreement_reason"] = "Fluctuating needs: on bad weeks he cannot wash or dress."
    response = client.post(_url("eligibility-create", submitted.pk), data)
    assert response.url == _url("eligibility-detail", submitted.pk)
    recorded = EligibilityDetermination.objects.get()
    assert recorded.eligible and not recorded.rule_eligible
    page = _text(client.get(response.url))
    assert "Why the decision differs" in page and "Fluctuating needs" in page


def test_a_legacy_facs_band_is_shown_with_the_councils_threshold_then(submitted, practitioner, sign_in_client):
    client = sign_in_client(practitioner)
    data = _all_able(eligible="no", reasons="Sam manages most things with a little help.")
    data.update({"legacy_facs_band": "moderate", "legacy_facs_threshold": "substantial"})
    response = client.post(_url("eligibility-create", submitted.pk), data)
    page = _text(client.get(response.url))
    assert "Moderate, when the council's threshold was substantial and above (kept from the old record" in page


def test_an_agreed_decision_with_outcomes_and_reasons(submitted, practitioner, sign_in_client):
    client = sign_in_client(practitioner)
    data = _all_able(eligible="yes", reasons="Sam needs prompting every day.")
    data.update(
        {
            "outcome_A_HYGIENE_unable": "yes",
            "outcome_A_HYGIENE_reasons": ["needs_assistance"],
            "outcome_A_CLOTHED_unable": "yes",
            "outcome_A_CLOTHED_reasons": ["needs_assistance", "takes_significantly_longer"],
            "outcome_A_CLOTHED_notes": "Buttons take him half an hour.",
        }
    )
    client.post(_url("eligibility-create", submitted.pk), data)
    recorded = EligibilityDetermination.objects.get()
    assert recorded.outcomes_unable == ["A_HYGIENE", "A_CLOTHED"]
    clothed = recorded.findings.get(outcome_code="A_CLOTHED")
    assert clothed.reasons == ["needs_assistance", "takes_significantly_longer"]
    assert clothed.notes == "Buttons take him half an hour."
    letter = client.get(_url("eligibility-letter", submitted.pk))
    assert letter.content.startswith(b"%PDF-")
    assert f'href="{_url("eligibility-letter", submitted.pk)}?large_print=1"' in _text(
        client.get(_url("eligibility-detail", submitted.pk))
    )
    large = client.get(_url("eligibility-letter", submitted.pk), {"large_print": "1"})
    assert large.content.startswith(b"%PDF-") and "large-print" in large["Content-Disposition"]


def test_not_before_the_assessment_is_sent(started_by_sam, practitioner, sign_in_client):
    client = sign_in_client(practitioner)
    assert client.get(_url("eligibility-create", started_by_sam.pk)).url == _url("assessment-detail", started_by_sam.pk)


def test_a_record_opened_break_glass_is_read_only(submitted, make_user, other_team, sign_in_client):
    outsider = make_user(Role.PRACTITIONER, team=other_team)
    client = sign_in_client(outsider)
    assert client.get(_url("assessment-detail", submitted.pk)).status_code == 404
    person_break_glass_open(actor=outsider, person=submitted.person, reason="Covering for a colleague today")
    assert client.get(_url("assessment-detail", submitted.pk)).status_code == 200
    assert client.get(_url("eligibility-create", submitted.pk)).url == _url("assessment-detail", submitted.pk)
    assert (
        client.post(_url("eligibility-create", submitted.pk), _all_able(eligible="no", reasons="x")).status_code == 302
    )
    assert not EligibilityDetermination.objects.exists()


def test_staff_outside_casework_and_residents_cannot_open_staff_pages(submitted, resident, make_user, sign_in_client):
    for user in (resident, make_user(Role.FINANCE_OFFICER), make_user(Role.ADMINISTRATOR)):
        assert sign_in_client(user).get(_url("assessment-detail", submitted.pk)).status_code == 404


def test_staff_see_the_areas_of_wellbeing_in_the_words_of_the_act_and_the_person_in_plain_words(
    submitted, practitioner, resident, sign_in_client
):
    services.eligibility_determination_record(
        actor=practitioner,
        assessment=submitted,
        findings=findings(
            unable=("A_HYGIENE", "A_CLOTHED"), eligible=True, wellbeing_impacts=("W_ACCOMMODATION", "W_CONTRIBUTION")
        ),
    )
    staff = _text(sign_in_client(practitioner).get(_url("eligibility-detail", submitted.pk)))
    assert "suitability of living accommodation; the individual's contribution to society" in staff.replace(
        "&#x27;", "'"
    )
    own = _text(sign_in_client(resident).get(reverse("assessment-resident:decision", args=[submitted.pk])))
    assert "<li>having a suitable place to live</li>" in own
    assert "<li>doing things for other people and the community</li>" in own
    assert "suitability of living accommodation" not in own and "contribution to society" not in own


def _summary_in_page_order(response) -> list[str]:
    """The ids the error summary links to, checked to be in the order their fields are on the page."""
    html = response.content.decode()
    summary_end = html.index("</div>", html.index('class="govuk-error-summary"'))
    targets = re.findall(r'<a href="#([^"]+)">', html[html.index('class="govuk-error-summary"') : summary_end])
    form = html.index("<form")
    positions = [html.index(f'id="{target}"', form) for target in targets]
    assert positions == sorted(positions), targets
    return targets


def test_the_error_summary_lists_the_gaps_in_page_order(submitted, practitioner, sign_in_client):
    response = sign_in_client(practitioner).post(_url("eligibility-create", submitted.pk), {})
    targets = _summary_in_page_order(response)
    assert targets[:3] == ["id_condition_1_met_0", "id_condition_1_evidence", "id_outcome_A_NUTRITION_unable_0"]
    assert targets[-3:] == ["id_significant_impact_0", "id_eligible_0", "id_reasons"]


def test_a_carers_form_asks_about_their_health_under_condition_2_without_the_adults_instruction(
    carer_submitted, submitted, practitioner, sign_in_client
):
    client = sign_in_client(practitioner)
    adult = _text(client.get(_url("eligibility-create", submitted.pk)))
    assert "consider what they can do without the help a carer gives now" in adult
    page = _text(client.get(_url("eligibility-create", carer_submitted.pk)))
    assert "without the help a carer gives now" not in page
    condition_2 = page.index("Condition 2: the carer's health, or the outcomes")
    health = page.index("Is caring harming, or putting at risk, the carer&#x27;s physical or mental health?")
    first_outcome = page.index('id="id_outcome_C_CHILD_CARING_unable_0"')
    assert page.index("Condition 1") < condition_2 < health < first_outcome
    response = client.post(_url("eligibility-create", carer_submitted.pk), {})
    targets = _summary_in_page_order(response)
    assert targets[2:4] == ["id_health_deteriorating_or_at_risk_0", "id_outcome_C_CHILD_CARING_unable_0"]


def _shown(response) -> str:
    [value] = re.findall(r'<input type="hidden" name="shown_determination" value="([^"]*)">', _text(response))
    return value


def test_the_form_sends_back_which_decision_it_showed_and_a_page_left_open_saves_nothing(
    submitted, practitioner, make_user, team, sign_in_client
):
    client = sign_in_client(practitioner)
    form_url = _url("eligibility-create", submitted.pk)
    opened = client.get(form_url)
    assert _shown(opened) == ""
    assert 'id="current-decision"' not in _text(opened)
    # While the page is open, a colleague records a decision.
    colleague = make_user(Role.PRACTITIONER, team=team, first_name="Dev", last_name="Sharma")
    theirs = services.eligibility_determination_record(
        actor=colleague,
        assessment=submitted,
        findings=findings(unable=("A_HYGIENE",), eligible=False, reasons="Sam manages most things with a little help."),
    )
    events = AuditEvent.objects.filter(verb=AuditVerb.ELIGIBILITY_DECIDED).count()

    data = _all_able(eligible="no", reasons="Sam manages.", shown_determination=_shown(opened))
    response = client.post(form_url, data)

    assert response.status_code == 200
    page = _summary(response)
    assert (
        "Another decision was recorded for this assessment after you opened this page. "
        "Read it before you record a new one." in page
    )
    assert list(EligibilityDetermination.objects.all()) == [theirs]
    assert AuditEvent.objects.filter(verb=AuditVerb.ELIGIBILITY_DECIDED).count() == events
    # The page now shows the decision there is, and sends it back: read, the decision can be recorded.
    assert 'id="current-decision"' in page and "not eligible, recorded on" in page and "Dev Sharma" in page
    assert _shown(response) == str(theirs.pk)
    data["shown_determination"] = _shown(response)
    response = client.post(form_url, data)
    assert response.url == _url("eligibility-detail", submitted.pk)
    assert EligibilityDetermination.objects.count() == 2


def test_a_page_left_open_says_so_even_when_the_form_refuses_a_field_first(
    submitted, practitioner, make_user, team, sign_in_client
):
    """Only a choice the form does not offer (an old page, or a changed one) is refused before the
    service is asked; the page must still say a decision was recorded meanwhile."""
    client = sign_in_client(practitioner)
    form_url = _url("eligibility-create", submitted.pk)
    opened = client.get(form_url)
    data = _all_able(eligible="no", reasons="Sam manages.", legacy_facs_band="severe-ish")
    data["shown_determination"] = _shown(opened)
    # Without a colleague's decision, the choice is the only problem named.
    page = _summary(client.post(form_url, data))
    assert "Select a valid choice" in page
    assert "Another decision was recorded" not in page
    colleague = make_user(Role.PRACTITIONER, team=team, first_name="Dev", last_name="Sharma")
    theirs = services.eligibility_determination_record(
        actor=colleague, assessment=submitted, findings=findings(eligible=False, reasons="Sam manages.")
    )

    response = client.post(form_url, data)

    page = _summary(response)
    assert "Select a valid choice" in page
    assert (
        "Another decision was recorded for this assessment after you opened this page. "
        "Read it before you record a new one." in page
    )
    assert list(EligibilityDetermination.objects.all()) == [theirs]
    # The page drawn again shows their decision and sends it back: once read, only the choice is wrong.
    assert _shown(response) == str(theirs.pk)
    data["shown_determination"] = _shown(response)
    page = _summary(client.post(form_url, data))
    assert "Another decision was recorded" not in page
    del data["legacy_facs_band"]
    assert client.post(form_url, data).url == _url("eligibility-detail", submitted.pk)
    assert EligibilityDetermination.objects.count() == 2


def test_the_staff_page_offers_the_easy_read_letter(submitted, practitioner, sign_in_client):
    services.eligibility_determination_record(
        actor=practitioner,
        assessment=submitted,
        findings=findings(unable=("A_HYGIENE",), eligible=False, reasons="Sam manages most things."),
    )
    client = sign_in_client(practitioner)
    letter_url = _url("eligibility-letter", submitted.pk)
    page = _text(client.get(_url("eligibility-detail", submitted.pk)))
    assert (
        f'<a class="govuk-link" href="{letter_url}?format=easy-read">The decision letter in Easy Read (PDF)</a>' in page
    )
    easy = client.get(letter_url, {"format": "easy-read"})
    assert easy["Content-Type"] == "application/pdf" and easy.content.startswith(b"%PDF-")
    assert easy["Content-Disposition"].startswith('inline; filename="eligibility-decision-easy-read-')
    views = AuditEvent.objects.filter(verb=AuditVerb.PERSON_VIEWED, actor=practitioner, page=letter_url)
    assert views.count() == 1
