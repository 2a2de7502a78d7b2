"""The residents' pages of the directory (no sign-in): search and browse, a service in plain English,
and a list of saved services to print or email; and the commissioners' unmet-demand report.

Designed for Margaret (80, a tablet, large print) finding a carers' group and a day centre by
postcode, and for Daniel reading on his phone at midnight: everything works without JavaScript and on
a 320-pixel screen, and nothing asks who you are.
"""

import datetime
import html
import math
import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.views import View
from django.views.generic import FormView, TemplateView

from firstperson.platform.access.policies import PUBLIC, for_roles
from firstperson.platform.access.views import AccessPolicyMixin
from firstperson.platform.accounts.roles import Role
from firstperson.platform.geography.rules.distance import METRES_PER_MILE
from firstperson.platform.notify.services import notify_send_email

from ..exceptions import UnknownPostcode
from ..forms_public import (
    DEFAULT_RADIUS_MILES,
    RADIUS_CHOICES,
    SavedListEmailForm,
    SavedServiceForm,
    ServiceSearchForm,
    UnmetDemandPeriodForm,
)
from ..models import TaxonomyTerm
from ..reports import unmet_demand_report
from ..rules.html import sanitise_html
from ..rules.text import age_range_in_words, distance_in_words, has_search_words
from ..selectors import (
    PublicServicePage,
    ServiceQuery,
    postcode_point,
    public_categories,
    public_category_for_slug,
    public_languages,
    public_service_name,
    public_service_page,
    public_service_pages,
    service_search,
)
from ..services import unmet_search_record

RESULTS_PER_PAGE = 10
SAVED_SESSION_KEY = "directory_saved_services"
SAVED_LIMIT = 30
EMAILS_SESSION_KEY = "directory_saved_list_emails_sent"
EMAILS_PER_SESSION = 5
SUMMARY_WORDS = 30
UNMET_DEFAULT_DAYS = 30

# What each filter is, to tell a search from an empty form. The radius and "any cost" always come
# with the form, so on their own they are not a search.
_SEARCH_VALUES = ("q", "postcode", "category", "age", "day", "wheelchair", "language")
_GOVUK_CLASSES = (
    ("<p>", '<p class="govuk-body">'),
    ("<ul>", '<ul class="govuk-list govuk-list--bullet">'),
    ("<ol>", '<ol class="govuk-list govuk-list--number">'),
    ("<a ", '<a class="govuk-link" '),
)
_BLANK_LINES = re.compile(r"\n\s*\n")


def description_html(text: str) -> str:
    """A service's description, safe to show: sanitised again here although it was sanitised when it
    was saved, so that a row written some other way cannot carry a script. Plain text becomes
    paragraphs; the allowed tags get the GOV.UK classes."""
    clean = sanitise_html(text)
    if not clean:
        return ""
    if not any(tag in clean for tag in ("<p>", "<ul>", "<ol>")):
        clean = "".join(f"<p>{part.strip()}</p>" for part in _BLANK_LINES.split(clean) if part.strip())
    for tag, with_class in _GOVUK_CLASSES:
        clean = clean.replace(tag, with_class)
    # Safe: sanitised by nh3 just above, and only fixed class attributes added since.
    return mark_safe(clean)


def plain_summary(text: str, words: int = SUMMARY_WORDS) -> str:
    """The start of a description as plain text, for a list of results."""
    return Truncator(" ".join(html.unescape(strip_tags(sanitise_html(text))).split())).words(words)


class SavedList:
    """The services saved in this browser (the session): their ids only. No sign-in, and nothing
    about the person is kept."""

    def __init__(self, session):
        self.session = session

    @property
    def ids(self) -> list[str]:
        value = self.session.get(SAVED_SESSION_KEY, [])
        return [str(item) for item in value] if isinstance(value, list) else []

    def __contains__(self, service_id) -> bool:
        return str(service_id) in self.ids

    def add(self, service_id) -> bool:
        """False when the list is full."""
        ids = self.ids
        if str(service_id) in ids:
            return True
        if len(ids) >= SAVED_LIMIT:
            return False
        self.session[SAVED_SESSION_KEY] = [*ids, str(service_id)]
        return True

    def remove(self, service_id) -> None:
        self.session[SAVED_SESSION_KEY] = [item for item in self.ids if item != str(service_id)]


@dataclass(frozen=True)
class SearchResult:
    service: object
    summary: str
    distance: str
    saved: bool


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None: the "…" between page numbers
    href: str
    current: bool


def _with_page(request, number: int) -> str:
    params = request.GET.copy()
    params["page"] = str(number)
    return f"?{params.urlencode()}"


def _with(request, **values) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    for key, value in values.items():
        params[key] = str(value)
    return f"?{params.urlencode()}"


def _page_links(request, page) -> list[PageLink]:
    """The GOV.UK pagination pattern: the first, the last, and the pages either side of this one."""
    last = page.paginator.num_pages
    shown = sorted({1, last, page.number - 1, page.number, page.number + 1} & set(range(1, last + 1)))
    links: list[PageLink] = []
    for number in shown:
        if links and links[-1].number is not None and number > links[-1].number + 1:
            links.append(PageLink(None, "", False))
        links.append(PageLink(number, _with_page(request, number), number == page.number))
    return links


def _safe_next(request, target: str, fallback: str) -> str:
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return fallback


class ServiceSearchView(AccessPolicyMixin, TemplateView):
    """Search by words and postcode, with filters; browse by category. /services/category/<slug>/ is
    the same page with the category fixed."""

    access_policy = PUBLIC
    template_name = "directory/public/service_search.html"
    category: TaxonomyTerm | None = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        request = self.request
        categories = list(public_categories())
        bound = None
        if request.GET or self.category is not None:
            bound = request.GET.copy()
            if not bound.get("radius"):
                bound["radius"] = str(DEFAULT_RADIUS_MILES)
        form = ServiceSearchForm(bound, categories=categories, languages=public_languages())
        searched = self.category is not None or any(request.GET.get(name, "").strip() for name in _SEARCH_VALUES)
        searched = searched or request.GET.get("cost") in {"free", "low"}
        context.update(
            form=form,
            categories=categories,
            category=self.category,
            saved_count=len(SavedList(request.session).ids),
            filters_open=any(request.GET.get(name) for name in ("category", "age", "day", "wheelchair", "language"))
            or request.GET.get("cost") in {"free", "low"},
            page_obj=None,
        )
        if form.is_bound and not searched and self.category is None:
            form.is_valid()
            form.add_error("q", "Enter what you are looking for, or a postcode")
            return context
        if not searched or not form.is_valid():
            return context
        data = form.cleaned_data
        category = self.category or next((term for term in categories if term.slug == data["category"]), None)
        near = None
        if data["postcode"]:
            try:
                near = postcode_point(postcode=data["postcode"])
            except UnknownPostcode as error:
                form.add_error("postcode", error.message)
                return context
        radius = data["radius"] or DEFAULT_RADIUS_MILES
        query = ServiceQuery(
            search=data["q"],
            taxonomy_term_id=category.pk if category else None,
            for_age=data["age"],
            day=data["day"],
            cost=data["cost"],
            wheelchair_accessible=data["wheelchair"],
            language=data["language"],
            near=near,
            proximity_metres=radius * METRES_PER_MILE if near else None,
            reaches_postcode=data["postcode"] if near else "",
        )
        page = Paginator(service_search(query=query), RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        saved = SavedList(request.session)
        results = [
            SearchResult(
                service=service,
                summary=plain_summary(service.description),
                distance=_distance(service) if near else "",
                saved=service.pk in saved,
            )
            for service in page.object_list
        ]
        if page.paginator.count == 0 and page.number == 1:
            words = data["q"] if has_search_words(data["q"]) else ""
            if words or (not data["q"] and (data["postcode"] or category)):
                unmet_search_record(words=words, postcode=data["postcode"], category=category.name if category else "")
        wider = [
            (miles, label, _with(request, radius=miles))
            for miles, label in ((int(value), label) for value, label in RADIUS_CHOICES)
            if near and miles > radius
        ]
        context.update(
            searched=True,
            words=data["q"],
            postcode=data["postcode"] if near else "",
            radius=radius,
            category=category,
            page_obj=page,
            results=results,
            page_links=_page_links(request, page) if page.paginator.num_pages > 1 else [],
            previous_href=_with_page(request, page.number - 1) if page.has_previous() else "",
            next_href=_with_page(request, page.number + 1) if page.has_next() else "",
            wider=wider[:2],
            here=request.get_full_path(),
        )
        return context


def _distance(service) -> str:
    squared = getattr(service, "distance_squared", None)
    if squared is None:
        return ""
    return distance_in_words(math.sqrt(max(squared, 0.0)))


class ServiceCategoryView(ServiceSearchView):
    """One category's services, with the same search box and filters."""

    def load_objects(self, request, *args, **kwargs):
        self.category = public_category_for_slug(slug=kwargs["slug"])
        if self.category is None:
            raise Http404("No category with that address.")
        return None


class ServiceDetailView(AccessPolicyMixin, TemplateView):
    """A published service in plain English. Anything not published is not found."""

    access_policy = PUBLIC
    template_name = "directory/public/service_detail.html"

    def load_objects(self, request, *args, **kwargs):
        details = public_service_page(service_id=kwargs["service_id"], today=timezone.localdate())
        if details is None:
            raise Http404("No published service with that id.")
        self.details: PublicServicePage = details
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        request, service = self.request, self.details.service
        referer = request.headers.get("referer", "")
        search_page = reverse("directory-public:service-search")
        back = _safe_next(request, referer, "") if search_page in referer else ""
        details = self.details
        context.update(
            details=details,
            service=service,
            description=description_html(service.description),
            age_words=age_range_in_words(service.minimum_age, service.maximum_age),
            has_opening_times=bool(details.opening_times) or any(place.opening_times for place in details.places),
            has_access_information=details.wheelchair_accessible
            or any(
                access.description or access.details or access.url
                for place in details.places
                for access in place.accessibility
            ),
            saved=service.pk in SavedList(request.session),
            saved_count=len(SavedList(request.session).ids),
            back_href=back,
            here=request.path,
        )
        return context


class SavedListView(AccessPolicyMixin, TemplateView):
    access_policy = PUBLIC
    template_name = "directory/public/saved_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pages = public_service_pages(service_ids=SavedList(self.request.session).ids, today=timezone.localdate())
        context.update(
            items=[(page, plain_summary(page.service.description)) for page in pages],
            here=self.request.path,
            keep_hours=settings.SESSION_COOKIE_AGE // 3600,
        )
        return context


class SavedListPrintView(AccessPolicyMixin, TemplateView):
    """The saved list as a plain page for paper: every way to get in touch, without the site's
    navigation. `?size=large` prints it in large type."""

    access_policy = PUBLIC
    template_name = "directory/public/saved_list_print.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pages = public_service_pages(service_ids=SavedList(self.request.session).ids, today=timezone.localdate())
        context.update(
            items=[(page, plain_summary(page.service.description, words=60)) for page in pages],
            large=self.request.GET.get("size") == "large",
            printed_on=timezone.localdate(),
        )
        return context


class SavedListAddView(AccessPolicyMixin, View):
    access_policy = PUBLIC
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = SavedServiceForm(request.POST)
        if not form.is_valid():
            raise Http404("No service to save.")
        service_id = form.cleaned_data["service_id"]
        name = public_service_name(service_id=service_id)
        if not name:
            raise Http404("No published service with that id.")
        fallback = reverse("directory-public:service-detail", args=[service_id])
        target = _safe_next(request, form.cleaned_data["next"], fallback)
        if SavedList(request.session).add(service_id):
            messages.success(request, f"{name} is saved to your list")
        else:
            messages.success(
                request, f"Your list is full. It holds up to {SAVED_LIMIT} services: remove one to save another"
            )
        return HttpResponseRedirect(f"{target}#service-{service_id}")


class SavedListRemoveView(AccessPolicyMixin, View):
    access_policy = PUBLIC
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = SavedServiceForm(request.POST)
        fallback = reverse("directory-public:saved-list")
        if not form.is_valid():
            return redirect(fallback)
        SavedList(request.session).remove(form.cleaned_data["service_id"])
        name = public_service_name(service_id=form.cleaned_data["service_id"])
        messages.success(request, f"{name} is removed from your list" if name else "Removed from your list")
        return HttpResponseRedirect(_safe_next(request, form.cleaned_data["next"], fallback))


class SavedListEmailView(AccessPolicyMixin, FormView):
    """Send the saved list to an email address. The address is used once and not kept."""

    access_policy = PUBLIC
    template_name = "directory/public/saved_list_email.html"
    form_class = SavedListEmailForm

    def _pages(self):
        return public_service_pages(service_ids=SavedList(self.request.session).ids, today=timezone.localdate())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["count"] = len(SavedList(self.request.session).ids)
        return context

    def form_valid(self, form):
        pages = self._pages()
        if not pages:
            form.add_error("email", "Your list is empty. Save a service to your list first")
            return self.form_invalid(form)
        sent = self.request.session.get(EMAILS_SESSION_KEY, 0)
        if not isinstance(sent, int) or sent >= EMAILS_PER_SESSION:
            form.add_error(
                "email", f"You have already sent your list {EMAILS_PER_SESSION} times. Print it instead, or try later"
            )
            return self.form_invalid(form)
        body = render_to_string(
            "directory/public/saved_list_email.txt",
            {
                "items": pages,
                "site_url": settings.SITE_URL,
                "council_name": settings.COUNCIL_NAME,
                "service_name": settings.SERVICE_NAME,
            },
        )
        notify_send_email(to=form.cleaned_data["email"], subject="Your saved list of services", body=body)
        self.request.session[EMAILS_SESSION_KEY] = sent + 1
        messages.success(self.request, "We have sent your list. It should arrive in a few minutes")
        return redirect("directory-public:saved-list")


class UnmetDemandView(AccessPolicyMixin, TemplateView):
    """What residents searched for and did not find, by words and by area. No personal data."""

    access_policy = for_roles({Role.COMMISSIONER}, "Commissioners")
    template_name = "directory/public/unmet_demand.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = UnmetDemandPeriodForm(self.request.GET or None)
        today = timezone.localdate()
        start, end = today - datetime.timedelta(days=UNMET_DEFAULT_DAYS - 1), today
        report = None
        if not form.is_bound or form.is_valid():
            data = form.cleaned_data if form.is_bound else {}
            start = data.get("date_from") or start
            end = data.get("date_to") or end
            zone = timezone.get_current_timezone()
            since = datetime.datetime.combine(start, datetime.time.min, tzinfo=zone)
            until = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone)
            report = unmet_demand_report(since=since, until=until)
        context.update(form=form, report=report, start=start, end=end)
        return context
