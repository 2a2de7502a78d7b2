"""Test data written out once: a short questionnaire file, and eligibility findings."""

import textwrap

from firstperson.assessment import services

SMALL_QUESTIONNAIRE = textwrap.dedent(
    """
    format: firstperson-questionnaire/1
    questionnaire: {code: small-test, kind: self_assessment, name: A short self-assessment}
    version: {effective_from: 2020-01-01}
    sections:
      - code: personal_care
        title: Personal care
        questions:
          - code: washing
            text: How much help do you need to wash?
            easy_read_text: Do you need help to wash?
            help_text: Think about a normal week.
            why_we_ask: It tells us whether you can keep clean.
            outcome: A_HYGIENE
            options:
              - {code: none, text: I wash without help, easy_read_text: I wash on my own, points: 0}
              - {code: some, text: I need some help, easy_read_text: I need some help, points: 5}
              - {code: all, text: Someone washes me, easy_read_text: Someone washes me, points: 10}
          - code: dressing
            text: How much help do you need to get dressed?
            outcome: A_CLOTHED
            options:
              - {code: none, text: I dress myself, points: 0}
              - {code: some, text: I need some help, points: 2}
              - {code: all, text: Someone dresses me, points: 4}
      - code: family_support
        title: Support from family and friends
        easy_read_title: People who help you
        questions:
          - code: family_support
            text: How much help do family or friends give you?
            why_we_ask: It tells us what help you already have.
            easy_read_why_we_ask: So we know who helps you now.
            required: false
            allows_more_detail: false
            options:
              - {code: none, text: Nobody helps me, points: 0}
              - {code: some, text: Someone helps me sometimes, points: 0}
              - {code: a_lot, text: Someone helps me every day, points: 0}
    """
)


def findings(kind="adult", *, unable=(), unable_reasons=("needs_assistance",), eligible=None, **overrides):
    """Eligibility findings: the outcomes in `unable` are unable (for `unable_reasons`), the rest able."""
    outcomes = services.outcomes_for(kind)
    values = {
        "condition_1_met": True,
        "condition_1_evidence": "Learning disability, diagnosed in childhood.",
        "outcomes": tuple(
            services.OutcomeInput(
                code=code, unable=code in unable, reasons=tuple(unable_reasons) if code in unable else ()
            )
            for code in outcomes
        ),
        "wellbeing_impacts": ("W_CONTROL", "W_PARTICIPATION"),
        "significant_impact": True,
        "eligible": eligible,
        "reasons": "Sam needs prompting to wash and dress every day.",
    }
    if kind == "carer":
        values["health_deteriorating_or_at_risk"] = False
    values.update(overrides)
    return services.DeterminationInput(**values)


# Findings that tests in more than one module record, named once here.

ELIGIBLE_WITH_HELP_EVERY_MORNING = findings(
    unable=("A_HYGIENE", "A_CLOTHED"), eligible=True, reasons="You need help every morning."
)
"""Sam cannot wash or dress without help: eligible, as the Care Act test finds."""

NOT_ELIGIBLE = findings(unable=("A_HYGIENE",), eligible=False, reasons="Sam manages most things on his own.")
"""Sam cannot wash without help, and manages the rest: not eligible, as the Care Act test finds."""

DIFFERS_FROM_THE_CARE_ACT_TEST = findings(
    unable=("A_HYGIENE", "A_CLOTHED", "A_TOILET"),
    eligible=False,
    reasons="You are getting better each week.",
    disagreement_reason="Your reablement is ending in two weeks, and you will then manage on your own.",
)
"""Three outcomes Sam cannot achieve add up to eligible under the Care Act test; the practitioner
decided not eligible, and wrote why."""

CARER_NOT_ELIGIBLE = findings(
    "carer",
    eligible=False,
    significant_impact=False,
    wellbeing_impacts=(),
    reasons="You manage caring well with help from your family.",
)
"""Margaret's carer's assessment: caring is not harming her health, and has no big effect on her
wellbeing: not eligible."""
