"""The residents' directory pages through their URLs, on the directory in corpus.py."""

import datetime
import html
import re
import uuid

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from firstperson.directory.choices import RecordStatus
from firstperson.directory.models import Schedule, Service, UnmetSearch
from firstperson.platform.accounts.roles import Role

from .corpus import EMPTY_POSTCODE, HOME_POSTCODE, REAL_BUT_UNKNOWN_POSTCODE

SEARCH = reverse("directory-public:service-search")
SAVED = reverse("directory-public:saved-list")


def detail(service) -> str:
    return reverse("directory-public:service-detail", args=[service.pk])


def text(response) -> str:
    """The page as a person reads it: tags removed, spaces collapsed."""
    words = " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())
    return html.unescape(re.sub(r" ([,.;:])", r"\1", words))


def result_names(response) -> list[str]:
    return [html.unescape(name) for name in _RESULT.findall(response.content.decode())]


def saved_names(response) -> list[str]:
    return [html.unescape(name) for name in _SAVED.findall(response.content.decode())]


_SAVED = re.compile(r'<h2 class="govuk-heading-m[^"]*"><a class="govuk-link" href="/services/[^"]+">([^<]+)</a>')
_RESULT = re.compile(r'<h3 class="govuk-heading-m[^"]*"><a class="govuk-link" href="[^"]+">([^<]+)</a>')


# --- search -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_search_page_asks_what_you_are_looking_for_and_lists_the_categories(client, corpus):
    response = client.get(SEARCH)
    assert response.status_code == 200
    page = text(response)
    assert "What are you looking for?" in page
    assert "Postcode (optional)" in page
    assert "Support for carers (5)" in page  # published services only: not the draft
    assert 'href="/services/category/carers-support/"' in response.content.decode()


@pytest.mark.django_db
def test_searching_by_words_and_postcode_shows_the_nearest_first_with_miles(client, corpus):
    response = client.get(SEARCH, {"q": "lunch club", "postcode": "ws1 4fg"})
    assert response.status_code == 200
    assert result_names(response) == [
        "Riverside Luncheon Club",
        "Sangat Elders Lunch Club",
        "Hilltop Community Lunch Club",
        "Meals on Wheels",
    ]
    page = text(response)
    assert "4 services found" in page
    assert "within 10 miles of WS1 4FG, nearest first" in page
    assert page.index("0.3 miles away") < page.index("3.0 miles away") < page.index("4.8 miles away")
    assert "Covers your area: no place to visit" in page
    assert "Riverside Methodist Church" in page  # the organisation
    assert "A two-course meal every Wednesday" in page  # the short description
    assert UnmetSearch.objects.count() == 0


@pytest.mark.django_db
def test_filters_narrow_the_results(client, corpus):
    response = client.get(SEARCH, {"q": "carers", "cost": "free", "age": "80", "day": "TU", "wheelchair": "on"})
    assert result_names(response) == ["Westshire Carers' Café"]
    response = client.get(SEARCH, {"q": "carers", "cost": "free", "age": "80", "day": "TU"})
    assert result_names(response) == ["Carers Support Line", "Westshire Carers' Café"]
    response = client.get(SEARCH, {"language": "Polish"})
    assert result_names(response) == ["Polish Friendship Group"]
    response = client.get(SEARCH, {"q": "club", "category": "meals-and-lunch-clubs", "cost": "low"})
    assert "Riverside Luncheon Club" in result_names(response)


@pytest.mark.django_db
def test_the_filter_choices_come_from_the_directory(client, corpus):
    page = client.get(SEARCH).content.decode()
    assert '<option value="Polish">Polish</option>' in page
    assert '<option value="Punjabi">Punjabi</option>' in page
    assert '<option value="SU">Sunday</option>' in page


@pytest.mark.django_db
def test_the_radius_can_be_widened(client, corpus):
    near = client.get(SEARCH, {"postcode": HOME_POSTCODE, "radius": "1"})
    assert result_names(near)[:2] == ["Benefits Advice Clinic", "Riverside Luncheon Club"]
    assert "within 1 mile of WS1 4FG" in text(near)
    wide = client.get(SEARCH, {"q": "carers", "postcode": HOME_POSTCODE, "radius": "50"})
    assert "Rural Carers Group" in result_names(wide)
    assert "25.0 miles away" in text(wide)


@pytest.mark.django_db
def test_results_come_in_pages_of_ten_with_govuk_pagination(client, corpus):
    first = client.get(SEARCH, {"postcode": HOME_POSTCODE})
    assert "28 services found" in text(first)  # 30 published, 2 further than 10 miles; plus 6 with no place
    assert len(result_names(first)) == 10
    assert 'class="govuk-pagination"' in first.content.decode()
    second = client.get(SEARCH, {"postcode": HOME_POSTCODE, "page": "2"})
    assert "Showing 11 to 20" in text(second)
    assert not set(result_names(first)) & set(result_names(second))
    assert 'aria-current="page">2<' in second.content.decode()
    for nonsense in ("abc", "-1", "0", "99999999999999999999"):
        response = client.get(SEARCH, {"postcode": HOME_POSTCODE, "page": nonsense})
        assert response.status_code == 200


@pytest.mark.django_db
def test_a_search_with_no_results_is_recorded_without_personal_data_and_offers_next_steps(client, corpus):
    response = client.get(SEARCH, {"q": "  Knitting   circle ", "postcode": "ws1 4fg"})
    page = text(response)
    assert "No services found" in page
    assert "check the spelling" in page
    assert "use fewer words" in page
    assert "search within 25 miles of WS1 4FG" in page
    assert "0300 000 0000" in page
    assert 'href="/ask-for-help/"' in response.content.decode()
    recorded = UnmetSearch.objects.get()
    assert (recorded.words, recorded.area, recorded.category) == ("Knitting circle", "WS1", "")


@pytest.mark.django_db
def test_a_postcode_with_nothing_near_is_recorded_by_area_and_a_category_by_name(client, corpus):
    client.get(SEARCH, {"postcode": EMPTY_POSTCODE, "language": "Polish"})
    client.get(SEARCH, {"q": "swimming", "postcode": EMPTY_POSTCODE})
    client.get(reverse("directory-public:category-detail", args=["housing"]), {"q": "bungalow"})
    assert sorted(UnmetSearch.objects.values_list("words", "area", "category")) == [
        ("", "WS7", ""),
        ("bungalow", "", "Housing and living independently"),
        ("swimming", "WS7", ""),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("postcode", "message"),
    [
        (REAL_BUT_UNKNOWN_POSTCODE, "We could not find that postcode"),
        ("NOT A POSTCODE", "Enter a real postcode, like WS1 4FG"),
        ("WS1 4FG WS1 4FG", "Enter a real postcode, like WS1 4FG"),  # too long for the box
    ],
)
def test_a_postcode_that_cannot_be_used_is_explained_and_nothing_is_searched(client, corpus, postcode, message):
    response = client.get(SEARCH, {"q": "carers", "postcode": postcode})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="govuk-error-summary"' in page
    assert message in page
    assert 'href="#id_postcode"' in page
    assert result_names(response) == []
    assert UnmetSearch.objects.count() == 0


@pytest.mark.django_db
def test_over_long_search_text_is_refused_with_a_message(client, corpus):
    response = client.get(SEARCH, {"q": "carers " * 40})
    assert "What you are looking for must be 200 characters or fewer" in response.content.decode()
    assert result_names(response) == []
    assert UnmetSearch.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("words", ["'; DROP TABLE directory_service; --", ".*(", "%_", "\\", "carers%' OR '1'='1"])
def test_sql_and_pattern_characters_are_only_words(client, corpus, words):
    before = Service.objects.count()
    response = client.get(SEARCH, {"q": words})
    assert response.status_code == 200
    assert "No services found" in text(response)
    assert Service.objects.count() == before


@pytest.mark.django_db
def test_bad_filter_values_are_explained(client, corpus):
    response = client.get(SEARCH, {"q": "carers", "age": "eighty", "day": "XX", "radius": "7", "language": "Klingon"})
    page = response.content.decode()
    for message in (
        "Enter an age as a number, like 80",
        "Choose a day from the list",
        "Choose a distance from the list",
        "Choose a language from the list",
    ):
        assert message in page
    assert result_names(response) == []


@pytest.mark.django_db
def test_an_empty_search_asks_for_something_to_search_for(client, corpus):
    response = client.get(SEARCH, {"q": " ", "postcode": "", "radius": "10"})
    assert "Enter what you are looking for, or a postcode" in response.content.decode()


@pytest.mark.django_db
def test_a_category_lists_its_services_and_can_be_searched(client, corpus):
    url = reverse("directory-public:category-detail", args=["dementia"])
    response = client.get(url)
    assert response.status_code == 200
    assert "<h1" in response.content.decode() and "Dementia and memory" in text(response)
    assert result_names(response) == ["Memory Lane Dementia Café", "Oakfield Day Centre"]
    near = client.get(url, {"postcode": HOME_POSTCODE})
    assert result_names(near) == ["Oakfield Day Centre", "Memory Lane Dementia Café"]
    assert client.get(reverse("directory-public:category-detail", args=["no-such-thing"])).status_code == 404


# --- a service ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_service_page_says_what_who_how_when_cost_access_and_where_in_plain_english(client, corpus):
    response = client.get(detail(corpus["Oakfield Day Centre"]))
    assert response.status_code == 200
    page = text(response)
    for expected in (
        "Oakfield Day Centre",
        "Westshire Council",
        "What it is",
        "A day centre for older people",
        "Who it is for",
        "Aged 65 and over.",
        "How to get in touch",
        "01632 960999",
        "When it is open",
        "Mondays, Wednesdays and Fridays, 9am to 3pm",
        "What it costs",
        "Per session: £35.00",
        "Access and languages",
        "You can get in with a wheelchair.",
        "Step-free entrance and an accessible toilet",
        "How to get there",
        "1 High Street",
        "WS1 3CC",
        "on a map",
        "Last checked on 14 March 2025.",
        "Listed under: Day centres and day activities, Dementia and memory",
    ):
        assert expected in page, expected
    assert 'href="tel:01632960999"' in response.content.decode()
    assert "https://www.openstreetmap.org/?mlat=52.58000&amp;mlon=-1.95" in response.content.decode()


@pytest.mark.django_db
def test_free_services_say_free_and_monthly_ones_say_which_week(client, corpus):
    page = text(client.get(detail(corpus["Memory Lane Dementia Café"])))
    assert "Free" in page
    assert "The first Thursday of each month, 2pm to 4pm" in page


@pytest.mark.django_db
def test_a_service_without_a_place_says_so(client, corpus):
    page = text(client.get(detail(corpus["Sunrise Home Care"])))
    assert "There is no place to visit" in page
    assert "They cover: Westshire." in page


@pytest.mark.django_db
def test_an_alert_and_a_temporary_closure_are_shown(client, corpus):
    service = corpus["Greenfingers Gardening Group"]
    service.alert = "The garden is flooded until April."
    service.save()
    page = text(client.get(detail(service)))
    assert "This service is closed for now" in page
    assert "Please note: The garden is flooded until April." in page


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["Draft Carers Group", "Old Lunch Club"])
def test_only_published_services_have_a_page(client, corpus, name):
    assert client.get(detail(corpus[name])).status_code == 404
    assert client.get(reverse("directory-public:service-detail", args=[uuid.uuid4()])).status_code == 404


@pytest.mark.django_db
def test_a_service_moved_back_to_draft_disappears_from_search_and_its_page(client, corpus):
    service = corpus["Men's Shed"]
    assert client.get(detail(service)).status_code == 200
    Service.objects.filter(pk=service.pk).update(record_status=RecordStatus.ARCHIVED)
    assert client.get(detail(service)).status_code == 404
    assert "Men's Shed" not in result_names(client.get(SEARCH, {"postcode": HOME_POSTCODE, "radius": "50"}))


@pytest.mark.django_db
def test_a_description_is_sanitised_again_when_shown(client, corpus):
    service = corpus["Men's Shed"]
    # Written past the sanitiser on the way in, as a bad import or a direct database edit might.
    Service.objects.filter(pk=service.pk).update(
        description='<p onclick="steal()">Woodwork</p><script>alert(1)</script><img src=x onerror=alert(2)>'
        '<a href="javascript:alert(3)">link</a><ul><li>Tools</li></ul>'
    )
    page = client.get(detail(service)).content.decode()
    assert "<script>alert(1)" not in page
    assert "onclick" not in page and "onerror" not in page and "javascript:" not in page
    assert '<p class="govuk-body">Woodwork</p>' in page
    assert '<ul class="govuk-list govuk-list--bullet"><li>Tools</li></ul>' in page
    results = client.get(SEARCH, {"q": "shed"}).content.decode()
    assert "<script>alert(1)" not in results


@pytest.mark.django_db
def test_plain_text_descriptions_become_paragraphs(client, corpus):
    service = corpus["Men's Shed"]
    Service.objects.filter(pk=service.pk).update(description="Woodwork & company.\n\nTea at 11 < 12.")
    page = client.get(detail(service)).content.decode()
    assert '<p class="govuk-body">Woodwork &amp; company.</p><p class="govuk-body">Tea at 11 &lt; 12.</p>' in page


@pytest.mark.django_db
def test_expired_opening_times_are_not_shown(client, corpus):
    service = corpus["Men's Shed"]
    Schedule.objects.create(
        service=service, freq="WEEKLY", byday="SU", opens_at=datetime.time(9), valid_to=datetime.date(2020, 1, 1)
    )
    page = text(client.get(detail(service)))
    assert "Tuesdays and Thursdays, 10am to 3pm" in page
    assert "Sundays" not in page


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.RESIDENT, Role.PRACTITIONER, Role.COMMISSIONER, Role.DIRECTORY_EDITOR])
def test_every_role_can_read_the_public_pages(corpus, make_user, sign_in_client, role):
    client = sign_in_client(make_user(role))
    assert client.get(detail(corpus["Oakfield Day Centre"])).status_code == 200
    assert client.get(SEARCH, {"q": "carers"}).status_code == 200
    assert client.get(SAVED).status_code == 200


# --- the saved list -----------------------------------------------------------------------------


def save(client, service, next_url=""):
    return client.post(reverse("directory-public:saved-add"), {"service_id": str(service.pk), "next": next_url})


@pytest.mark.django_db
def test_a_service_can_be_saved_from_the_results_and_the_list_shows_it(client, corpus):
    cafe = corpus["Westshire Carers' Café"]
    results_url = f"{SEARCH}?q=carers"
    response = save(client, cafe, next_url=results_url)
    assert response.status_code == 302
    assert response["Location"] == f"{results_url}#service-{cafe.pk}"
    followed = client.get(results_url)
    assert "Westshire Carers' Café is saved to your list" in text(followed)
    assert "View your saved list (1)" in text(followed)
    assert "Remove from my list" in followed.content.decode()
    save(client, corpus["Oakfield Day Centre"])
    client.get(SAVED)  # shows the "saved" message
    response = client.get(SAVED)
    assert saved_names(response) == ["Westshire Carers' Café", "Oakfield Day Centre"]
    page = text(response)
    assert "Print your list" in page and "Email this list to me" in page


@pytest.mark.django_db
def test_saving_twice_keeps_one_and_removing_takes_it_off(client, corpus):
    service = corpus["Oakfield Day Centre"]
    save(client, service)
    save(client, service)
    assert client.session["directory_saved_services"] == [str(service.pk)]
    response = client.post(reverse("directory-public:saved-remove"), {"service_id": str(service.pk)})
    assert response["Location"] == SAVED
    assert client.session["directory_saved_services"] == []
    assert "You have not saved any services yet" in text(client.get(SAVED))


@pytest.mark.django_db
def test_only_published_services_can_be_saved_and_the_return_address_stays_on_this_site(client, corpus):
    assert save(client, corpus["Draft Carers Group"]).status_code == 404
    assert client.post(reverse("directory-public:saved-add"), {"service_id": "not-an-id"}).status_code == 404
    response = save(client, corpus["Oakfield Day Centre"], next_url="https://evil.example/")
    assert response["Location"].startswith(detail(corpus["Oakfield Day Centre"]))
    assert client.get(reverse("directory-public:saved-add")).status_code == 405


@pytest.mark.django_db
def test_a_service_unpublished_after_saving_drops_off_the_list(client, corpus):
    service = corpus["Men's Shed"]
    save(client, service)
    assert saved_names(client.get(SAVED)) == ["Men's Shed"]
    Service.objects.filter(pk=service.pk).update(record_status=RecordStatus.ARCHIVED)
    assert saved_names(client.get(SAVED)) == []


@pytest.mark.django_db
def test_the_print_view_has_every_way_to_get_in_touch_and_a_large_print_version(client, corpus):
    save(client, corpus["Oakfield Day Centre"])
    save(client, corpus["Carers Support Line"])
    response = client.get(reverse("directory-public:saved-print"))
    page = text(response)
    assert "Your saved list of services" in page
    assert "1. Oakfield Day Centre" in page and "2. Carers Support Line" in page
    assert "Phone: 0300 000 0001" in page
    assert "Address: 1 High Street, Westshire WS1 3CC" in page
    assert "Open: Monday to Friday, 9am to 5pm" in page
    assert "govuk-service-navigation" not in response.content.decode()
    large = client.get(reverse("directory-public:saved-print"), {"size": "large"}).content.decode()
    assert 'class="govuk-heading-xl">Your saved list' in large


@pytest.mark.django_db
def test_the_list_can_be_emailed_and_the_address_is_not_kept(client, corpus, django_capture_on_commit_callbacks):
    save(client, corpus["Oakfield Day Centre"])
    url = reverse("directory-public:saved-email")
    assert "What email address should we send your list to?" not in text(client.get(url))  # label is the heading
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"email": "margaret@example.com"})
    assert response.status_code == 302 and response["Location"] == SAVED
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["margaret@example.com"]
    assert "Oakfield Day Centre" in message.body
    assert "Mondays, Wednesdays and Fridays, 9am to 3pm" in message.body
    assert f"/services/{corpus['Oakfield Day Centre'].pk}/" in message.body
    assert "margaret@example.com" not in str(dict(client.session.items()))
    assert "We have sent your list" in text(client.get(SAVED))


@pytest.mark.django_db
def test_a_bad_email_address_or_an_empty_list_sends_nothing(client, corpus, django_capture_on_commit_callbacks):
    url = reverse("directory-public:saved-email")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"email": "margaret@example.com"})
    assert "Your list is empty" in text(response)
    save(client, corpus["Oakfield Day Centre"])
    response = client.post(url, {"email": "not an address"})
    assert "Enter an email address in the correct format, like name@example.com" in response.content.decode()
    assert 'class="govuk-error-summary"' in response.content.decode()
    response = client.post(url, {"email": ""})
    assert "Enter your email address" in response.content.decode()
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_browser_can_send_its_list_only_a_few_times(client, corpus, django_capture_on_commit_callbacks):
    save(client, corpus["Oakfield Day Centre"])
    url = reverse("directory-public:saved-email")
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(5):
            client.post(url, {"email": "margaret@example.com"})
        response = client.post(url, {"email": "someone@example.com"})
    assert "You have already sent your list 5 times" in text(response)
    assert len(mail.outbox) == 5


# --- unmet demand -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_commissioners_see_searches_that_found_nothing_by_words_and_area(client, corpus, make_user, sign_in_client):
    for words, postcode in [("knitting", "WS1 4FG"), ("Knitting", "WS2 7AB"), ("hydrotherapy", "WS1 4FG")]:
        client.get(SEARCH, {"q": words, "postcode": postcode})
    old = UnmetSearch.objects.create(words="chiropody", area="WS3")
    UnmetSearch.objects.filter(pk=old.pk).update(searched_at=timezone.now() - datetime.timedelta(days=90))
    commissioner = sign_in_client(make_user(Role.COMMISSIONER))
    response = commissioner.get(reverse("directory-public:unmet-demand"))
    assert response.status_code == 200
    page = text(response)
    assert "3 searches from" in page
    assert "knitting 2" in page
    assert "hydrotherapy 1" in page
    assert page.index("hydrotherapy") < page.index("knitting")  # the most recent first
    assert "WS1 2" in page and "WS2 1" in page
    assert "chiropody" not in page
    today = timezone.localdate()
    earlier = today - datetime.timedelta(days=100)
    response = commissioner.get(
        reverse("directory-public:unmet-demand"),
        {
            "date_from_0": earlier.day,
            "date_from_1": earlier.month,
            "date_from_2": earlier.year,
            "date_to_0": today.day,
            "date_to_1": today.month,
            "date_to_2": today.year,
        },
    )
    assert "chiropody 1" in text(response)


@pytest.mark.django_db
def test_the_unmet_demand_period_must_make_sense(corpus, make_user, sign_in_client):
    commissioner = sign_in_client(make_user(Role.COMMISSIONER))
    response = commissioner.get(
        reverse("directory-public:unmet-demand"),
        {
            "date_from_0": "2",
            "date_from_1": "3",
            "date_from_2": "2025",
            "date_to_0": "1",
            "date_to_1": "3",
            "date_to_2": "2025",
        },
    )
    assert "The end date must be the same as or after the start date" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.DIRECTORY_EDITOR, Role.ADVISER, Role.RESIDENT])
def test_only_commissioners_see_unmet_demand(corpus, make_user, sign_in_client, role):
    assert sign_in_client(make_user(role)).get(reverse("directory-public:unmet-demand")).status_code == 404
