"""The eligibility decision in plain English: on screen, and as a PDF letter (Care Act 2014 s13(2):
a written record of the determination, with reasons).

One context feeds both the page and the letter, so that they say the same thing. The letter is kept
as issued when the decision is recorded (`eligibility_letter_issue`): downloading it later gives the
same letter, even if a name, an address or the wording of the template has changed since. The letter
is tagged (PDF/UA structure, with the document's language and title) so that screen readers can
read it, and comes in large print too: 18pt sans serif, left aligned, headings bigger still (RNIB
clear print guidance), for people such as Margaret who read their letters on paper.

The letter prints the address of the page about its own decision (`decision_url`,
/my-account/assessments/<assessment>/decision/<decision>/), so that a person who follows it from an
old letter reads that decision, told that a newer one replaced it. Letters kept before the address
named the decision print the assessment's page (.../decision/), which shows the current decision:
issued letters are never changed, so only letters issued from then on carry the new address.

The decision also comes in Easy Read, on screen and as a letter, for people such as Sam: the same
facts in short sentences and everyday words, in 18pt type with short lines. Its words are one partial
(`assessment/_decision_findings_easy_read.html`) that both the page and the letter include. It has
no pictures: the council has no licensed Easy Read image set.
"""

import datetime
import hashlib
from typing import Any

import weasyprint
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from .models import Answer, DeterminationKind, EligibilityDetermination
from .rules.advice import OUTCOME_PLAIN, WELLBEING_PLAIN, directory_categories_for
from .rules.eligibility import WELLBEING_DOMAINS

LETTER_TEMPLATE = "assessment/letters/eligibility_decision.html"
LETTER_TEMPLATE_EASY_READ = "assessment/letters/eligibility_decision_easy_read.html"
FINDINGS_TEMPLATE = "assessment/_decision_findings.html"
FINDINGS_TEMPLATE_EASY_READ = "assessment/_decision_findings_easy_read.html"


def _outcomes_found_hard(determination: EligibilityDetermination) -> list[str]:
    """Outcomes the practitioner found the person unable to achieve, then those their own answers
    said they find hard: the directory suggestions follow what the person told us."""
    codes = [finding.outcome_code for finding in determination.findings.all() if finding.unable]
    if determination.assessment_id:
        answers = Answer.objects.filter(assessment_id=determination.assessment_id, option__points__gt=0)
        for outcome in answers.values_list("question__outcome_code", flat=True):
            if outcome and outcome not in codes:
                codes.append(outcome)
    return codes


def decided_on(determination: EligibilityDetermination) -> datetime.date:
    """The day of the decision where the council is (a decision at 00:30 in summer is that day's)."""
    return timezone.localdate(determination.decided_at)


def decider_description(determination: EligibilityDetermination) -> str:
    """Who decided, by role and team, the way pages for residents name staff: "a practitioner in the
    West locality team"."""
    decider = determination.decided_by
    role = decider.role_label.lower() or "worker"
    article = "an" if role[0] in "aeiou" else "a"
    team = decider.team.name if decider.team is not None else "adult social care team"
    return f"{article} {role} in the {team}"


def eligibility_decision_context(
    determination: EligibilityDetermination, *, large_print: bool = False, easy_read: bool = False
) -> dict[str, Any]:
    """What the page and the letter say about one decision. `decision_url` names this decision, so
    an old letter's link keeps showing the decision it was about. Letters already issued are kept as
    they were, with the assessment's address; only letters issued from now on print this one."""
    carer = determination.kind == DeterminationKind.CARER
    unable = [OUTCOME_PLAIN.get(code, code) for code in determination.outcomes_unable]
    categories = [
        {"name": name, "path": f"/services/category/{slug}/", "url": f"{settings.SITE_URL}/services/category/{slug}/"}
        for slug, name in directory_categories_for(_outcomes_found_hard(determination), carer=carer)
    ]
    # The resident's page about this decision, which lists its letters (Easy Read too). The address
    # names the decision, not only the assessment: once a newer decision replaces this one, the page
    # still shows this one, says it was replaced and links to the newest. A decision not made on an
    # assessment has no such page.
    decision_url = (
        settings.SITE_URL
        + reverse("assessment-resident:determination", args=[determination.assessment_id, determination.pk])
        if determination.assessment_id
        else ""
    )
    return {
        "council_name": settings.COUNCIL_NAME,
        "council_phone": getattr(settings, "COUNCIL_PHONE", "0300 000 0000"),
        "site_url": settings.SITE_URL,
        "large_print": large_print and not easy_read,
        "easy_read": easy_read,
        "findings_template": FINDINGS_TEMPLATE_EASY_READ if easy_read else FINDINGS_TEMPLATE,
        "determination": determination,
        "person": determination.person,
        "carer": carer,
        "eligible": determination.eligible,
        "decided_on": decided_on(determination),
        "decided_by": decider_description(determination),
        "unable": unable,
        # Plain words for the person; the words of the Act for staff.
        "wellbeing": [WELLBEING_PLAIN[code] for code in determination.wellbeing_impacts if code in WELLBEING_PLAIN],
        "wellbeing_statutory": [
            WELLBEING_DOMAINS[code] for code in determination.wellbeing_impacts if code in WELLBEING_DOMAINS
        ],
        "categories": categories,
        "directory_path": "/services/",
        "directory_url": f"{settings.SITE_URL}/services/",
        "decision_url": decision_url,
    }


def eligibility_letter_html(
    determination: EligibilityDetermination, *, large_print: bool = False, easy_read: bool = False
) -> str:
    """The letter as issued when the decision was recorded; made from the record only for decisions
    recorded before letters (or the Easy Read letter) were kept. Easy Read is already in large type,
    so asking for both gives Easy Read."""
    if easy_read:
        issued = determination.letter_easy_read_html
    else:
        issued = determination.letter_large_print_html if large_print else determination.letter_html
    return issued or _letter_from_record(determination, large_print=large_print, easy_read=easy_read)


def _letter_from_record(determination: EligibilityDetermination, *, large_print: bool, easy_read: bool = False) -> str:
    template = LETTER_TEMPLATE_EASY_READ if easy_read else LETTER_TEMPLATE
    context = eligibility_decision_context(determination, large_print=large_print, easy_read=easy_read)
    return render_to_string(template, context)


def eligibility_letter_issue(determination: EligibilityDetermination) -> None:
    """Keep the letter, standard, large print and Easy Read, as the written record given to the
    person (Care Act 2014 s13(2)), with a fingerprint of the standard one for the audit trail. Called
    once, as the decision is recorded; a letter already kept is never replaced.

    A decision whose letter was kept before the Easy Read letter existed does not get one kept later:
    an Easy Read letter made months afterwards was not issued with the decision, and keeping it would
    say it was. Its Easy Read letter is made from the record when asked for, as older decisions'
    letters are."""
    if determination.letter_html:
        return
    determination.letter_html = _letter_from_record(determination, large_print=False)
    determination.letter_large_print_html = _letter_from_record(determination, large_print=True)
    determination.letter_easy_read_html = _letter_from_record(determination, large_print=False, easy_read=True)
    determination.letter_sha256 = hashlib.sha256(determination.letter_html.encode()).hexdigest()
    determination.save(
        update_fields=["letter_html", "letter_large_print_html", "letter_easy_read_html", "letter_sha256"]
    )


def eligibility_letter_document(
    determination: EligibilityDetermination, *, large_print: bool = False, easy_read: bool = False
) -> weasyprint.Document:
    html = eligibility_letter_html(determination, large_print=large_print, easy_read=easy_read)
    return weasyprint.HTML(string=html, base_url=settings.SITE_URL).render(pdf_tags=True)


def eligibility_letter_pdf(
    determination: EligibilityDetermination, *, large_print: bool = False, easy_read: bool = False
) -> bytes:
    document = eligibility_letter_document(determination, large_print=large_print, easy_read=easy_read)
    return document.write_pdf(pdf_tags=True)


def eligibility_letter_filename(
    determination: EligibilityDetermination, *, large_print: bool = False, easy_read: bool = False
) -> str:
    if easy_read:
        kind = "-easy-read"
    else:
        kind = "-large-print" if large_print else ""
    return f"eligibility-decision{kind}-{decided_on(determination):%Y-%m-%d}.pdf"
