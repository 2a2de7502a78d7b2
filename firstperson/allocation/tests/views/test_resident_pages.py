""" "How we worked out your budget": the person and their representatives (with authority over plans
or money) see it line by line, plainly marked as a starting point, with every change and its reason.
Anyone else gets 404."""

import datetime
import html
from decimal import Decimal

import pytest
from django.urls import reverse

from firstperson.allocation import services
from firstperson.people.choices import AuthorityScope, PreferredFormat, RelationshipKind, RepresentativeType
from firstperson.people.services import relationship_create
from firstperson.platform.accounts.roles import Role
from firstperson.platform.audit.models import AuditEvent
from firstperson.platform.audit.verbs import AuditVerb

from ..fixtures import NO_FAMILY_HELP, REFERENCE_ANSWERS, submitted_assessment, weighted_in_force

pytestmark = pytest.mark.django_db


@pytest.fixture
def budget(configuration, person, practitioner, team_manager):
    assessment = submitted_assessment(person=person, actor=practitioner, answers=REFERENCE_ANSWERS)
    budget = services.indicative_budget_calculate(actor=practitioner, assessment=assessment)
    pending = services.budget_moderate(
        actor=practitioner, budget=budget, amount=Decimal(12000), period="annual", reason="Sam needs help at night too"
    )
    services.moderation_decide(actor=team_manager, moderation=pending, approve=True, reason="The plan shows the need")
    return budget


def started_on(budget) -> str:
    """How residents read the configuration: by the day it started, not by its internal name."""
    started = budget.configuration.effective_from
    return f"using the council's way of working out budgets that started on {started.day} {started:%B %Y}."


def representative(person, make_user, make_person, scope):
    user = make_user(Role.REPRESENTATIVE, first_name="Margaret")
    relationship_create(
        actor=None,
        person=person,
        related_person=make_person(account=user),
        kind=RelationshipKind.REPRESENTATIVE,
        representative_type=RepresentativeType.LPA_PROPERTY_FINANCE,
        authority_scope=scope,
        start_date=datetime.date(2025, 1, 1),
    )
    return user


def test_the_person_sees_how_it_was_worked_out(sign_in_client, resident, person, budget):
    response = sign_in_client(resident).get(reverse("allocation-resident:budget-own"))
    content = response.content.decode()
    assert "How we worked out your budget" in content
    assert "Tell your worker or call" in content
    assert "The money you get is agreed when you make your support plan." in content
    assert "Points for each part of your life" in content
    assert "£12,000.00 a year" in content
    assert "We worked out £9,534.20 a year (£183.35 a week). It was then changed" in content
    assert "This is a starting point, not a limit." in content
    assert 'id="how-we-worked-it-out">How we worked it out</h2>' in content  # the link's target
    assert "Each point is worth £247.00 a year." in content
    assert "Personal care: 15 points × £247.00" in content
    assert started_on(budget) in html.unescape(content)
    assert "RAS v" not in content and budget.configuration_version not in content  # staff's name for it
    # Money taken away reads "minus", as GOV.UK style asks and screen readers say well; no "-£".
    assert "minus £741.00" in content and "-£" not in content
    assert "A line that says “minus” takes money away." in content
    assert "25.86% more than the worked-out figure" in content
    # The adjustment's lines in words, beside the points table that already shows the lower points.
    assert "Help from family or friends: we take 3 points off personal care, which is £741.00 a year less." in content
    assert "Help from family or friends: we take 1.2 points off eating and drinking, which is" in content
    assert "× 0.8" not in content
    assert "Sam needs help at night too" in content
    assert "The plan shows the need" in content
    # Staff are described by role and team, not by name.
    assert "a practitioner in the West locality team" in content
    assert "Chloe Bennett" not in content
    assert AuditEvent.objects.filter(verb=AuditVerb.PERSON_VIEWED, actor=resident, person_id=person.pk).exists()
    same = sign_in_client(resident).get(reverse("allocation-resident:budget-detail", args=[person.pk]))
    assert same.status_code == 200


def test_weights_and_caps_read_in_words_and_staff_keep_the_rules_lines(
    sign_in_client, resident, person, practitioner, configuration, administrator
):
    weighted = weighted_in_force(configuration, actor=administrator)
    assessment = submitted_assessment(person=person, actor=practitioner, answers=NO_FAMILY_HELP)
    budget = services.indicative_budget_calculate(actor=practitioner, assessment=assessment)
    assert budget.configuration == weighted
    rules_lines = (
        "Personal care weighted × 1.5: 7.5 points × £247.00",
        "Personal care capped at 10 points: -12.5 points",
    )

    content = html.unescape(sign_in_client(resident).get(reverse("allocation-resident:budget-own")).content.decode())

    assert (
        "Personal care counts for more: we multiply its points by 1.5, so we add 7.5 points, "
        "which is £1,852.50 a year more." in content
    )
    assert "Personal care has a limit of 10 points: we take 12.5 points off, which is £3,087.50 a year less." in content
    assert "Staying safe does not count towards the budget: we take its 8 points off" in content
    assert not any(line in content for line in rules_lines)
    assert "-12.5" not in content and "-£" not in content
    staff = sign_in_client(practitioner).get(reverse("allocation:budget-detail", args=[person.pk])).content.decode()
    assert all(line in html.unescape(staff) for line in rules_lines)
    assert "has a limit of" not in staff


def test_the_page_takes_a_fixed_number_of_queries(
    sign_in_client, resident, budget, practitioner, team_manager, django_assert_max_num_queries
):
    """Measured: 29 (the session and the account, the view's audit event, the budget, its changes,
    the configuration twice over for the lines in words and the method's sentences, the other apps'
    panels). More changes, by more staff, on this budget and an earlier one, cost no more."""
    client = sign_in_client(resident)
    with django_assert_max_num_queries(29):
        assert client.get(reverse("allocation-resident:budget-own")).status_code == 200
    again = services.indicative_budget_calculate(actor=practitioner, assessment=budget.assessment)
    for actor, amount in ((practitioner, 9600), (practitioner, 9700), (team_manager, 9800)):
        services.budget_moderate(
            actor=actor, budget=again, amount=Decimal(amount), period="annual", reason="The plan shows the need"
        )
    with django_assert_max_num_queries(29):
        content = client.get(reverse("allocation-resident:budget-own")).content.decode()
    assert "Changes to earlier figures" in content and "£9,800.00 a year" in content


def test_a_representative_with_authority_over_plans_sees_it(sign_in_client, person, budget, make_user, make_person):
    user = representative(person, make_user, make_person, [AuthorityScope.ASSESSMENT_AND_PLANNING])
    client = sign_in_client(user)
    own = client.get(reverse("allocation-resident:budget-own")).content.decode()
    assert reverse("allocation-resident:budget-detail", args=[person.pk]) in own
    content = client.get(reverse("allocation-resident:budget-detail", args=[person.pk])).content.decode()
    assert f"How we worked out {person.known_as}'s budget</h1>" in content
    name = person.known_as
    # The whole page reads about the person by name: the parts shared with the person's own page too.
    assert f"This is {name}'s indicative budget" in content
    assert f"whether {name}'s final budget is enough to meet {name}'s needs" in content
    assert f"Tell {name}'s worker or call" in content
    assert f"The money {name} gets is agreed in {name}'s support plan." in content
    assert f"Points for each part of {name}'s life" in content
    assert started_on(budget) in html.unescape(content)
    assert "RAS v" not in content and budget.configuration_version not in content
    assert "minus £741.00" in content and "-£" not in content
    assert "Help from family or friends: we take 3 points off personal care, which is £741.00 a year less." in content
    for spoken_to in ("Tell your worker", "It gives you an idea", "your support plan", "part of your life"):
        assert spoken_to not in content
    assert "£12,000.00 a year" in content


def test_a_representative_who_may_only_see_the_record_gets_404(sign_in_client, person, budget, make_user, make_person):
    user = representative(person, make_user, make_person, [AuthorityScope.VIEW_ONLINE])
    client = sign_in_client(user)
    assert client.get(reverse("allocation-resident:budget-detail", args=[person.pk])).status_code == 404
    own = client.get(reverse("allocation-resident:budget-own")).content.decode()
    assert str(person.pk) not in own


def test_another_resident_gets_404(sign_in_client, person, budget, make_user, make_person):
    other = make_user(Role.RESIDENT)
    make_person(account=other)
    client = sign_in_client(other)
    assert client.get(reverse("allocation-resident:budget-detail", args=[person.pk])).status_code == 404
    content = client.get(reverse("allocation-resident:budget-own")).content.decode()
    assert "You do not have an indicative budget yet." in content
    assert "£12,000.00" not in content


def test_an_account_without_a_record(sign_in_client, make_user, configuration):
    content = sign_in_client(make_user(Role.RESIDENT)).get(reverse("allocation-resident:budget-own")).content.decode()
    assert "Your account is not linked to a record yet" in content


# --- Easy Read: as the eligibility decision, by the person's preference or the reader's choice ---

EASY_READ_FIRST = "You have about £12,000 a year for your support."


def text_of(response) -> str:
    return html.unescape(response.content.decode())


def test_sam_reads_easy_read_when_he_prefers_it(sign_in_client, resident, person, budget):
    person.preferred_format = PreferredFormat.EASY_READ
    person.save(update_fields=["preferred_format"])
    response = sign_in_client(resident).get(reverse("allocation-resident:budget-own"))
    content = text_of(response)
    assert "How we worked out your budget (Easy Read)" in content
    # The most important thing first: the money, and that it is a starting figure.
    assert content.index(EASY_READ_FIRST) < content.index("How we worked it out</h2>")
    assert "That is about £231 a week." in content
    assert "This is a starting figure." in content and "It is not a limit." in content
    # What happens next, and who to ask, before the steps.
    assert content.index("Next, your worker will help plan your support.") < content.index("How we worked it out</h2>")
    assert "Do you have a question? Ask your worker." in content
    assert "Or call us on 0300 000 0000." in content
    # The steps as simple lists: the points for each part of life, then the money.
    # The points as the answers scored them (personal care 15, not the 12 left after family help),
    # so that the line taking 3 points off follows on from them.
    assert "<li>Personal care: 15 points.</li>" in content and "12 points" not in content
    money = [
        # No pence where there are none: fewer figures to read. The standard page keeps "£247.00".
        "<li>Each point is worth £247 a year.</li>",
        "<li>Help from family or friends: we take 3 points off personal care, which is £741 a year less.</li>",
        "<li>All together, you scored 38.6 points.</li>",
        "<li>This comes to £9,534.20 a year.</li>",
    ]
    assert [content.index(line) for line in money] == sorted(content.index(line) for line in money)
    assert "Then your worker changed it to £12,000 a year." in content
    assert "£247.00" not in content and "£741.00" not in content
    assert "Sam needs help at night too" in content
    # No tables, no minus signs, no internal names.
    assert "<table" not in content
    assert "-£" not in content and "minus" not in content and "×" not in content
    assert "RAS v" not in content and budget.configuration_version not in content
    assert "Read this in standard words" in content
    assert AuditEvent.objects.filter(verb=AuditVerb.PERSON_VIEWED, actor=resident, person_id=person.pk).exists()


def test_sam_follows_the_link_to_easy_read_and_back(sign_in_client, resident, person, budget):
    client = sign_in_client(resident)
    path = reverse("allocation-resident:budget-own")
    standard = text_of(client.get(path))
    assert f'href="{path}?format=easy-read">Read this in Easy Read</a>' in standard
    assert EASY_READ_FIRST not in standard

    switched = client.get(f"{path}?format=easy-read")
    assert switched.status_code == 302 and switched["Location"] == path
    assert EASY_READ_FIRST in text_of(client.get(path))  # remembered for Sam in this session

    client.get(f"{path}?format=standard")
    assert EASY_READ_FIRST not in text_of(client.get(path))


def test_the_standard_page_says_the_same_when_easy_read_is_not_chosen(sign_in_client, resident, person, budget):
    content = text_of(sign_in_client(resident).get(reverse("allocation-resident:budget-own")))
    assert "<table" in content
    assert "(Easy Read)" not in content
    assert "This is your indicative budget" in content
    assert "Personal care: 15 points × £247.00" in content


def test_a_representative_reads_easy_read_about_the_person(sign_in_client, person, budget, make_user, make_person):
    person.preferred_format = PreferredFormat.EASY_READ
    person.save(update_fields=["preferred_format"])
    user = representative(person, make_user, make_person, [AuthorityScope.ASSESSMENT_AND_PLANNING])
    content = text_of(sign_in_client(user).get(reverse("allocation-resident:budget-detail", args=[person.pk])))
    name = person.known_as
    assert f"{name} has about £12,000 a year for {name}'s support." in content
    assert f"Next, {name}'s worker will help plan {name}'s support." in content
    assert f"The plan can cost more than this figure if {name} needs it." in content
    assert f"We gave points for each part of {name}'s life:" in content
    assert f"Then {name}'s worker changed it to £12,000 a year." in content
    for spoken_to in ("You have about", "your worker", "your support", "your life"):
        assert spoken_to not in content
    assert AuditEvent.objects.filter(verb=AuditVerb.PERSON_VIEWED, actor=user, person_id=person.pk).exists()


def test_a_stranger_asking_for_easy_read_gets_404(sign_in_client, person, budget, make_user, make_person):
    other = make_user(Role.RESIDENT)
    make_person(account=other)
    client = sign_in_client(other)
    path = reverse("allocation-resident:budget-detail", args=[person.pk])
    assert client.get(f"{path}?format=easy-read").status_code == 404
    assert client.get(path).status_code == 404
