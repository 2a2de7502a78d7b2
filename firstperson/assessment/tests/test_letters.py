"""The eligibility letter: a real PDF, in plain English, with the decision, the reasons and, when the
needs are not eligible, prevention advice and links into the directory."""

import datetime
import hashlib
import re
import subprocess

import pytest
from django.test import override_settings

from firstperson.assessment import services
from firstperson.assessment.letters import (
    decided_on,
    eligibility_letter_document,
    eligibility_letter_filename,
    eligibility_letter_html,
    eligibility_letter_issue,
    eligibility_letter_pdf,
)
from firstperson.assessment.models import EligibilityDetermination
from firstperson.people.models import Person
from firstperson.platform.audit.models import AuditEvent
from firstperson.platform.audit.verbs import AuditVerb

from .builders import DIFFERS_FROM_THE_CARE_ACT_TEST, ELIGIBLE_WITH_HELP_EVERY_MORNING, findings


def _boxes_text(document) -> str:
    """The text WeasyPrint laid out on the pages of the document it writes as the PDF."""
    parts: list[str] = []

    def walk(box):
        text = getattr(box, "text", None)
        if isinstance(text, str):
            parts.append(text)
        for child in getattr(box, "children", ()):
            walk(child)

    for page in document.pages:
        walk(page._page_box)
    return re.sub(r"\s+", " ", " ".join(parts))


def _font_size_of(document, phrase: str) -> float:
    """The laid-out font size of the first text box that contains the phrase."""
    found: list[float] = []

    def walk(box):
        text = getattr(box, "text", None)
        if isinstance(text, str) and phrase in text:
            found.append(box.style["font_size"])
        for child in getattr(box, "children", ()):
            walk(child)

    for page in document.pages:
        walk(page._page_box)
    assert found, f"{phrase!r} is not in the letter"
    return found[0]


@pytest.fixture
def not_eligible(submitted, practitioner):
    return services.eligibility_determination_record(
        actor=practitioner,
        assessment=submitted,
        findings=findings(
            unable=("A_HYGIENE",), eligible=False, reasons="You can do most things yourself with a little help."
        ),
    )


@pytest.fixture(autouse=True)
def westshire(settings):
    """The council the letters come from. Set before any decision is recorded, because the letter is
    kept as it was issued then."""
    settings.COUNCIL_NAME = "Westshire Council"
    settings.SITE_URL = "https://care.westshire.example"


@pytest.fixture
def eligible(submitted, practitioner):
    return services.eligibility_determination_record(
        actor=practitioner,
        assessment=submitted,
        findings=ELIGIBLE_WITH_HELP_EVERY_MORNING,
    )


def test_the_letter_is_a_pdf(eligible):
    pdf = eligibility_letter_pdf(eligible)
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    assert len(eligibility_letter_document(eligible).pages) >= 1


def test_an_eligible_letter_says_so_in_plain_english(eligible):
    text = _boxes_text(eligibility_letter_document(eligible))
    assert "Westshire Council" in text
    assert "Dear Sam" in text
    assert "Your needs are eligible for care and support." in text
    assert "keeping clean" in text and "getting dressed for the day and the weather" in text
    assert "You need help every morning." in text
    assert "a starting point, not a limit" in text
    assert "section 13 of the Care Act 2014" in text


def test_a_not_eligible_letter_gives_reasons_prevention_advice_and_directory_links(not_eligible):
    text = _boxes_text(eligibility_letter_document(not_eligible))
    assert "Your needs are not eligible for care and support from us." in text
    assert "You can do most things yourself with a little help." in text
    assert "Small changes now can stop things getting harder later." in text
    html = eligibility_letter_html(not_eligible)
    assert 'href="https://care.westshire.example/services/category/equipment-and-adaptations/"' in html
    assert 'href="https://care.westshire.example/services/"' in html


def test_the_letter_uses_large_clear_type(eligible):
    html = eligibility_letter_html(eligible)
    assert re.search(r"body \{[^}]*font-size: 14pt", html)
    assert "Liberation Sans" in html


def test_the_pdf_text_itself_contains_the_decision(not_eligible, tmp_path):
    path = tmp_path / "letter.pdf"
    path.write_bytes(eligibility_letter_pdf(not_eligible))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Your needs are not eligible" in re.sub(r"\s+", " ", text)


def test_pdfinfo_reads_it_as_tagged_with_its_title(not_eligible, tmp_path):
    """Tagged, so that a screen reader reads the letter in order, with its headings and lists."""
    path = tmp_path / "letter.pdf"
    path.write_bytes(eligibility_letter_pdf(not_eligible))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Tagged:\s+yes", info, flags=re.MULTILINE)
    assert re.search(r"^Title:\s+Your eligibility decision – Westshire Council", info, flags=re.MULTILINE)


def test_the_date_is_the_day_in_england_not_in_utc(not_eligible):
    """00:30 on 15 June in summer time is still 23:30 on 14 June in UTC."""
    half_past_midnight_bst = datetime.datetime(2025, 6, 14, 23, 30, tzinfo=datetime.UTC)
    # As if decided then: the letter is issued again for that moment.
    EligibilityDetermination.objects.filter(pk=not_eligible.pk).update(
        decided_at=half_past_midnight_bst, letter_html="", letter_large_print_html=""
    )
    not_eligible.refresh_from_db()
    eligibility_letter_issue(not_eligible)
    text = _boxes_text(eligibility_letter_document(not_eligible))
    assert "15 June 2025" in text and "14 June 2025" not in text
    assert eligibility_letter_filename(not_eligible) == "eligibility-decision-2025-06-15.pdf"


def test_the_letter_says_who_decided_as_the_page_does(eligible):
    """By role and team, as pages for residents name staff: the person knows whom to ask."""
    text = _boxes_text(eligibility_letter_document(eligible))
    assert re.search(r"Decided on \d{1,2} \w+ \d{4} by a practitioner in the West locality team\.", text)


def test_the_letter_names_the_areas_of_wellbeing_in_plain_words(submitted, practitioner):
    decided = services.eligibility_determination_record(
        actor=practitioner,
        assessment=submitted,
        findings=findings(
            unable=("A_HYGIENE", "A_CLOTHED"), eligible=True, wellbeing_impacts=("W_ACCOMMODATION", "W_CONTRIBUTION")
        ),
    )
    text = _boxes_text(eligibility_letter_document(decided))
    assert "having a suitable place to live" in text and "doing things for other people and the community" in text
    assert "suitability of living accommodation" not in text and "contribution to society" not in text


def test_a_decision_that_differs_from_the_findings_says_why_in_the_letter(submitted, practitioner):
    """The findings add up to eligible, the practitioner decided otherwise: the letter must not leave
    the person with findings that contradict the decision and no word on why."""
    decided = services.eligibility_determination_record(
        actor=practitioner,
        assessment=submitted,
        findings=DIFFERS_FROM_THE_CARE_ACT_TEST,
    )
    text = _boxes_text(eligibility_letter_document(decided))
    assert "Why our decision is different from these findings" in text
    assert "Your reablement is ending in two weeks, and you will then manage on your own." in text


def test_a_decision_that_agrees_with_the_findings_has_no_such_section(eligible):
    assert "Why our decision is different" not in _boxes_text(eligibility_letter_document(eligible))


def test_a_carer_not_eligible_hears_about_their_health_and_gets_advice_for_carers(carer_not_eligible):
    text = _boxes_text(eligibility_letter_document(carer_not_eligible))
    assert "Your needs are not eligible for support as a carer from us." in text
    assert "Caring is not harming your health, or putting it at risk." in text
    assert "a break from caring" in text and "a carers' group" in text and "an emergency plan" in text
    assert "Carer's Allowance" in text
    assert "equipment to make washing or cooking easier" not in text
    html = eligibility_letter_html(carer_not_eligible)
    assert 'href="https://care.westshire.example/services/category/carers-support/"' in html
    assert 'href="https://care.westshire.example/services/category/advice-and-advocacy/"' in html


def test_the_large_print_letter_uses_bigger_type_and_says_so(eligible, tmp_path):
    standard = eligibility_letter_document(eligible)
    large = eligibility_letter_document(eligible, large_print=True)
    body_standard, body_large = _font_size_of(standard, "Dear Sam"), _font_size_of(large, "Dear Sam")
    assert body_large > body_standard
    assert body_large >= 16 * 4 / 3  # 16pt, in CSS pixels
    assert _font_size_of(large, "What we found") > body_large
    html = eligibility_letter_html(eligible, large_print=True)
    assert re.search(r"body \{[^}]*font-size: 18pt", html) and "text-align: left" in html
    assert "Your needs are eligible for care and support." in _boxes_text(large)
    path = tmp_path / "large.pdf"
    path.write_bytes(eligibility_letter_pdf(eligible, large_print=True))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Tagged:\s+yes", info, flags=re.MULTILINE)
    assert re.search(r"^Title:\s+Your eligibility decision \(large print\)", info, flags=re.MULTILINE)
    assert eligibility_letter_filename(eligible, large_print=True).startswith("eligibility-decision-large-print-")


def test_the_letter_is_kept_as_issued_when_the_decision_is_recorded(eligible):
    """The written record the person was given (Care Act s13(2)): a later change of name, of the
    council's details or of the wording does not change the letter they download."""
    assert eligible.letter_html.startswith("<!DOCTYPE html>") and "Dear Sam" in eligible.letter_html
    assert "font-size: 18pt" in eligible.letter_large_print_html
    assert eligible.letter_sha256 == hashlib.sha256(eligible.letter_html.encode()).hexdigest()
    event = AuditEvent.objects.get(verb=AuditVerb.ELIGIBILITY_DECIDED, object_id=str(eligible.pk))
    assert event.payload["letter_sha256"] == eligible.letter_sha256
    Person.objects.filter(pk=eligible.person_id).update(legal_given_name="Samuel")
    later = EligibilityDetermination.objects.select_related("person").get(pk=eligible.pk)
    assert later.person.legal_given_name == "Samuel"
    with override_settings(COUNCIL_NAME="Eastshire Council"):
        for large_print in (False, True):
            text = _boxes_text(eligibility_letter_document(later, large_print=large_print))
            assert "Dear Sam" in text and "Samuel" not in text
            assert "Westshire Council" in text and "Eastshire Council" not in text


def test_a_newly_issued_letter_says_how_to_get_it_in_easy_read(eligible, submitted, settings):
    """The Easy Read letter is on the decision page now: the standard and large print letters say so,
    and how to get it, rather than offering Easy Read among the formats to ask for."""
    page = f"https://care.westshire.example/my-account/assessments/{submitted.pk}/decision/{eligible.pk}/"
    phone = getattr(settings, "COUNCIL_PHONE", "0300 000 0000")
    for kept in (eligible.letter_html, eligible.letter_large_print_html):
        assert (
            "There is an Easy Read version of this letter. If you use your account on our website, you can "
            f'download it from the page about this decision: <a href="{page}">{page}</a>. '
            f"Or call {phone} or ask your worker, and we will send it to you." in kept
        )
        assert "Easy Read, Braille" not in kept and "Braille, audio or another language." in kept
    assert "There is an Easy Read version" not in eligible.letter_easy_read_html


def test_each_letter_links_to_the_page_about_its_own_decision(eligible, submitted, practitioner):
    """A newer decision does not change where an older letter's link goes: each names its decision."""
    newer = services.eligibility_determination_record(
        actor=practitioner,
        assessment=submitted,
        findings=findings(unable=("A_HYGIENE",), eligible=False, reasons="You manage with a little help now."),
        shown_determination_id=str(eligible.pk),
    )
    pages = "https://care.westshire.example/my-account/assessments/"
    assert f'href="{pages}{submitted.pk}/decision/{eligible.pk}/"' in eligible.letter_html
    assert f'href="{pages}{submitted.pk}/decision/{newer.pk}/"' in newer.letter_html
    assert f"/decision/{newer.pk}/" not in eligible.letter_html


def test_a_letter_kept_is_never_replaced(eligible):
    kept = eligible.letter_html
    with override_settings(COUNCIL_NAME="Eastshire Council"):
        eligibility_letter_issue(eligible)
    eligible.refresh_from_db()
    assert eligible.letter_html == kept


def test_a_decision_recorded_before_letters_were_kept_has_its_letter_made_from_the_record(eligible):
    EligibilityDetermination.objects.filter(pk=eligible.pk).update(
        letter_html="", letter_large_print_html="", letter_sha256=""
    )
    older = EligibilityDetermination.objects.get(pk=eligible.pk)
    with override_settings(COUNCIL_NAME="Eastshire Council"):
        assert "Eastshire Council" in _boxes_text(eligibility_letter_document(older))
        assert "font-size: 18pt" in eligibility_letter_html(older, large_print=True)


# --- Easy Read -----------------------------------------------------------------------------------


def _easy_read_text(determination) -> str:
    """The Easy Read letter's text, read as a sentence: bold words are boxes of their own."""
    text = _boxes_text(eligibility_letter_document(determination, easy_read=True))
    return re.sub(r" ([.,:])", r"\1", text)


def _sentences(text: str, *, leave_out: tuple[str, ...] = ()) -> list[str]:
    """The sentences of a text, without the practitioner's own words, which are shown as written."""
    for words in filter(None, leave_out):
        text = text.replace(words, " ")
    return [sentence.strip() for sentence in re.split(r"[.:?]\s|\n|\|", text) if sentence.strip()]


@pytest.fixture
def carer_eligible(carer_submitted, practitioner):
    """Margaret's carer's assessment, decided eligible: caring is harming her health."""
    return services.eligibility_determination_record(
        actor=practitioner,
        assessment=carer_submitted,
        findings=findings(
            "carer",
            unable=("C_RECREATION", "C_RELATIONSHIPS"),
            eligible=True,
            health_deteriorating_or_at_risk=True,
            wellbeing_impacts=("W_HEALTH",),
            reasons="You have had no break from caring for two years.",
        ),
    )


def test_an_easy_read_letter_for_an_adult_who_is_eligible(eligible):
    text = _easy_read_text(eligible)
    assert "Westshire Council" in text and "Dear Sam," in text
    assert "Your needs are eligible." in text and "This means we can help you get care and support." in text
    assert "Your needs come from a health condition, illness or disability." in text
    assert "You cannot do 2 of these things without help." in text
    assert "Or doing them takes you much longer." in text
    assert "keeping clean" in text and "getting dressed for the day and the weather" in text
    assert "Wellbeing means how well your life is going." in text
    assert "having a say over day-to-day life, and over care and support" in text
    assert "What your worker wrote:" in text and "You need help every morning." in text
    assert "We decided on" in text and "A practitioner in the West locality team made the decision." in text
    assert "This is called an indicative budget." in text
    assert "The money is a starting point." in text and "It is not a limit." in text
    assert "Tell us within 3 months." in text and "Call us on 0300 000 0000." in text
    assert "section 13 of the Care Act 2014" in text
    assert "Why our decision is different" not in text and "not eligible" not in text


def test_an_easy_read_letter_for_an_adult_who_is_not_eligible_points_to_local_services(not_eligible):
    text = _easy_read_text(not_eligible)
    assert "Your needs are not eligible." in text and "This means we will not pay for care and support." in text
    assert "You cannot do 1 of these things without help." in text
    assert "You can do most things yourself with a little help." in text
    assert "Small changes now can stop things getting harder later." in text
    assert "equipment to make washing or cooking easier" in text and "a lunch club" in text
    assert "Equipment and adaptations:" in text and "This is: • keeping clean" in text
    assert "Or call us. We will look for you." in text
    assert "Then you can ask us for a new assessment." in text
    html = eligibility_letter_html(not_eligible, easy_read=True)
    assert 'href="https://care.westshire.example/services/category/equipment-and-adaptations/"' in html
    assert 'href="https://care.westshire.example/services/"' in html
    assert "What happens next" not in text and "indicative budget" not in text


def test_an_easy_read_letter_for_a_carer_who_is_eligible(carer_eligible):
    text = _easy_read_text(carer_eligible)
    assert "Dear Margaret," in text and "Thank you for telling us about your caring." in text
    assert "Your needs are eligible." in text and "This means we can help you get support as a carer." in text
    assert "Your needs come from caring for someone." in text
    assert "Caring is harming your health, or putting it at risk." in text
    assert "You cannot do 2 of these things without help." in text
    assert "having time for hobbies and fun" in text and "keeping in touch with family and friends" in text
    assert "Or doing them takes you much longer." not in text  # not one of the carers' tests
    assert "You have had no break from caring for two years." in text


def test_an_easy_read_letter_for_a_carer_who_is_not_eligible_gives_advice_for_carers(carer_not_eligible):
    text = _easy_read_text(carer_not_eligible)
    assert "Your needs are not eligible." in text and "This means we will not pay for support as a carer." in text
    assert "Caring is not harming your health." in text and "It is not putting your health at risk." in text
    assert "We did not find a big effect on your wellbeing." in text
    assert "a break from caring, even for a few hours" in text and "a carers' group" in text
    assert "an emergency plan. It says who looks after the person you care for." in text
    assert "Carer's Allowance" in text
    assert "equipment to make washing or cooking easier" not in text
    html = eligibility_letter_html(carer_not_eligible, easy_read=True)
    assert 'href="https://care.westshire.example/services/category/carers-support/"' in html


def test_an_easy_read_letter_says_why_a_decision_differs_from_the_findings(submitted, practitioner):
    decided = services.eligibility_determination_record(
        actor=practitioner,
        assessment=submitted,
        findings=DIFFERS_FROM_THE_CARE_ACT_TEST,
    )
    text = _easy_read_text(decided)
    section = text[text.index("Why our decision is different") : text.index("Why we decided this")]
    assert "The things we found point to a different decision." in section
    assert "Your reablement is ending in two weeks, and you will then manage on your own." in section


def test_easy_read_sentences_are_short_and_nothing_is_in_capitals(submitted, practitioner, not_eligible):
    """Easy Read practice: one idea a sentence, under about 15 words; no capitals, no abbreviations.
    The practitioner's own words are shown as written, so they are left out of the count."""
    for decided in (
        not_eligible,
        services.eligibility_determination_record(
            actor=practitioner,
            assessment=submitted,
            findings=findings(
                unable=("A_HYGIENE",), eligible=True, disagreement_reason="Things change from week to week."
            ),
        ),
    ):
        html = eligibility_letter_html(decided, easy_read=True)
        body = html[html.index("<body>") :]
        text = re.sub(r"<[^>]+>", "|", body)
        sentences = _sentences(
            text, leave_out=(decided.reasons, decided.disagreement_reason, "Section 13 of the Care Act 2014")
        )
        long = [sentence for sentence in sentences if len(sentence.split()) > 15 and "https://" not in sentence]
        assert not long
        assert not re.findall(r"\b[A-Z]{2,}\b", text.replace(decided.reasons, ""))


def test_the_easy_read_pdf_text_itself_contains_the_key_sentences(not_eligible, tmp_path):
    path = tmp_path / "easy-read.pdf"
    path.write_bytes(eligibility_letter_pdf(not_eligible, easy_read=True))
    text = re.sub(
        r"\s+", " ", subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    )
    assert "Your needs are not eligible." in text
    assert "This means we will not pay for care and support." in text
    assert "Tell us within 3 months." in text
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Tagged:\s+yes", info, flags=re.MULTILINE)
    assert re.search(r"^Title:\s+Your eligibility decision \(Easy Read\) – Westshire Council", info, flags=re.MULTILINE)


def test_the_easy_read_letter_is_in_large_clear_type_with_short_lines(eligible):
    standard = eligibility_letter_document(eligible)
    large = eligibility_letter_document(eligible, large_print=True)
    easy = eligibility_letter_document(eligible, easy_read=True)
    body_easy = _font_size_of(easy, "Dear Sam")
    assert body_easy >= 16 * 4 / 3  # at least 16pt, in CSS pixels
    assert body_easy > _font_size_of(standard, "Dear Sam") and body_easy >= _font_size_of(large, "Dear Sam")
    assert _font_size_of(easy, "What we found") > body_easy
    html = eligibility_letter_html(eligible, easy_read=True)
    assert re.search(r"body \{[^}]*font-size: 18pt", html) and "Liberation Sans" in html
    assert re.search(r"body \{[^}]*text-align: left", html) and re.search(r"body \{[^}]*line-height: 1.6", html)
    assert re.search(r"p, li, \.address \{ max-width: 140mm", html)
    assert '<html lang="en">' in html
    assert eligibility_letter_filename(eligible, easy_read=True) == (
        f"eligibility-decision-easy-read-{decided_on(eligible):%Y-%m-%d}.pdf"
    )


def test_easy_read_and_large_print_asked_together_give_easy_read(eligible):
    """Easy Read is already in large type (18pt, as large print is)."""
    both = eligibility_letter_html(eligible, large_print=True, easy_read=True)
    assert both == eligibility_letter_html(eligible, easy_read=True) == eligible.letter_easy_read_html
    assert eligibility_letter_filename(eligible, large_print=True, easy_read=True).startswith(
        "eligibility-decision-easy-read-"
    )


def test_the_easy_read_letter_is_kept_as_issued_when_the_decision_is_recorded(eligible):
    assert eligible.letter_easy_read_html.startswith("<!DOCTYPE html>")
    assert "This means we can help you get care and support." in eligible.letter_easy_read_html
    Person.objects.filter(pk=eligible.person_id).update(legal_given_name="Samuel")
    later = EligibilityDetermination.objects.select_related("person").get(pk=eligible.pk)
    with override_settings(COUNCIL_NAME="Eastshire Council"):
        text = _easy_read_text(later)
        assert "Dear Sam," in text and "Samuel" not in text
        assert "Westshire Council" in text and "Eastshire Council" not in text
        eligibility_letter_issue(later)
    later.refresh_from_db()
    assert later.letter_easy_read_html == eligible.letter_easy_read_html


def test_a_decision_kept_before_the_easy_read_letter_has_its_easy_read_letter_made_from_the_record(eligible):
    """Its standard letters stay as issued; an Easy Read letter is not kept for it afterwards, because
    it was not issued with the decision (see eligibility_letter_issue)."""
    EligibilityDetermination.objects.filter(pk=eligible.pk).update(letter_easy_read_html="")
    older = EligibilityDetermination.objects.get(pk=eligible.pk)
    kept = older.letter_html
    with override_settings(COUNCIL_NAME="Eastshire Council"):
        assert "Eastshire Council" in _easy_read_text(older)
        assert "Westshire Council" in _boxes_text(eligibility_letter_document(older))
        eligibility_letter_issue(older)
    older.refresh_from_db()
    assert older.letter_easy_read_html == "" and older.letter_html == kept
