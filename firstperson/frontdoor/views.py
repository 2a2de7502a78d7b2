"""Pages of the front door: the public "Ask for help" questions, and the advisers' queue and contacts.

"Ask for help" keeps its answers in the session between pages, as registration does
(portal/views.py), and saves nothing until the person presses "Send" on the check page. There are
no rate or abuse limits on it yet.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import FormView, TemplateView

from firstperson.people import services as people_services
from firstperson.people.exceptions import PossibleDuplicates
from firstperson.people.forms import PersonSearchForm
from firstperson.people.selectors import SearchCriteria, person_get_for_actor, person_search
from firstperson.people.services import PersonDetails
from firstperson.platform.access.policies import PUBLIC, for_roles
from firstperson.platform.access.views import AccessPolicyMixin
from firstperson.platform.exceptions import ApplicationError

from . import forms, permissions, services
from .choices import About, ContactStatus
from .rules.lifecycle import ALLOWED_MOVES
from .rules.waiting import waiting_in_words
from .selectors import (
    QUEUE_FILTERS,
    contact_get_for_actor,
    contact_queue,
    contact_status_history,
    published_services_by_ids,
    queue_counts,
    queue_rows,
    signposting_search,
)

FRONT_DOOR = for_roles(permissions.FRONT_DOOR_ROLES, "Front-door advisers, practitioners and team managers")
ADVISERS = for_roles(permissions.CONTACT_KEEPERS, "Front-door advisers")

SESSION_KEY = "ask_for_help"
SENT_SESSION_KEY = "ask_for_help_sent"
#: The council's emergency duty team: answers out of hours, every day. The demo council's number.
EMERGENCY_PHONE = "0300 000 0999"
REPLY_WITHIN = "2 working days"
QUEUE_PAGE_SIZE = 50


# --- Ask for help ------------------------------------------------------------------------------


@dataclass(frozen=True)
class HelpStep:
    slug: str
    form_class: type
    heading_field: str = ""  # the field whose label is the page's heading, if one field
    title: str = ""  # the heading, when the page asks more than one thing

    def applies(self, answers: dict) -> bool:
        if self.slug in {"your-name", "relationship"}:
            return answers.get("who_for") == "someone-else"
        if self.slug == "urgent":
            return answers.get("at_risk") == "yes"
        return True

    def heading(self, form) -> str:
        return form.fields[self.heading_field].label if self.heading_field else self.title


STEPS = [
    HelpStep("who-for", forms.WhoForForm, heading_field="who_for"),
    HelpStep("name", forms.PersonNameForm, heading_field="person_name"),
    HelpStep("your-name", forms.EnquirerNameForm, heading_field="enquirer_name"),
    HelpStep("relationship", forms.RelationshipForm, heading_field="enquirer_relationship"),
    HelpStep("contact", forms.ContactMethodsForm, title="How can we contact you?"),
    HelpStep("help-needed", forms.HelpNeededForm, heading_field="reason"),
    HelpStep("at-risk", forms.AtRiskForm, heading_field="at_risk"),
    HelpStep("urgent", forms.UrgentAdviceForm, title="Get help now if someone is in danger"),
]
STEP_BY_SLUG = {step.slug: step for step in STEPS}
#: Which question to go back to when the service refuses an answer.
STEP_OF_FIELD = {
    "person_name": "name",
    "enquirer_name": "your-name",
    "enquirer_relationship": "relationship",
    "phone": "contact",
    "email": "contact",
    "reason": "help-needed",
}


def _answers(request) -> dict:
    return request.session.get(SESSION_KEY, {})


def _step_done(step: HelpStep, answers: dict) -> bool:
    return step.slug in answers.get("_done", [])


def _missing_steps(answers: dict, before: HelpStep | None = None) -> list[HelpStep]:
    steps = STEPS[: STEPS.index(before)] if before else STEPS
    return [step for step in steps if step.applies(answers) and not _step_done(step, answers)]


def _next_step_url(answers: dict, after: str) -> str:
    """The next question not yet answered, or the check page: so a change goes straight back there."""
    slugs = [step.slug for step in STEPS]
    for step in STEPS[slugs.index(after) + 1 :]:
        if step.applies(answers) and not _step_done(step, answers):
            return reverse("frontdoor:help-request-step", args=[step.slug])
    return reverse("frontdoor:help-request-check")


def _help_request_from(answers: dict) -> services.HelpRequest:
    for_self = answers.get("who_for") == "myself"
    return services.HelpRequest(
        for_self=for_self,
        person_name=answers.get("person_name", ""),
        enquirer_name="" if for_self else answers.get("enquirer_name", ""),
        enquirer_relationship="" if for_self else answers.get("enquirer_relationship", ""),
        phone=answers.get("phone", ""),
        email=answers.get("email", ""),
        reason=answers.get("reason", ""),
        at_risk=answers.get("at_risk") == "yes",
    )


class HelpRequestStartView(AccessPolicyMixin, TemplateView):
    access_policy = PUBLIC
    template_name = "frontdoor/help_request_start.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(emergency_phone=EMERGENCY_PHONE, reply_within=REPLY_WITHIN)
        return context

    def post(self, request, *args, **kwargs):
        request.session[SESSION_KEY] = {}
        return redirect("frontdoor:help-request-step", slug=STEPS[0].slug)


class HelpRequestStepView(AccessPolicyMixin, FormView):
    """One question of "Ask for help". Answers stay in the session until the person sends them."""

    access_policy = PUBLIC
    template_name = "frontdoor/help_request_step.html"

    def load_objects(self, request, *args, **kwargs):
        self.step = STEP_BY_SLUG.get(kwargs["slug"])
        if self.step is None:
            raise Http404("No such question.")
        answers = _answers(request)
        missing = _missing_steps(answers, before=self.step)
        if missing:
            return redirect("frontdoor:help-request-step", slug=missing[0].slug)
        if not self.step.applies(answers):
            return redirect(_next_step_url(answers, self.step.slug))
        return None

    def get_form_class(self):
        return self.step.form_class

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["answers"] = _answers(self.request)
        return kwargs

    def get_initial(self):
        return {key: value for key, value in _answers(self.request).items() if not key.startswith("_")}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        answers = _answers(self.request)
        index = STEPS.index(self.step)
        previous = next((step for step in reversed(STEPS[:index]) if step.applies(answers)), None)
        context.update(
            step=self.step,
            heading=self.step.heading(context["form"]),
            for_self=answers.get("who_for") == "myself",
            person_name=answers.get("person_name", ""),
            emergency_phone=EMERGENCY_PHONE,
            back_url=(
                reverse("frontdoor:help-request-step", args=[previous.slug])
                if previous
                else reverse("frontdoor:help-request-start")
            ),
        )
        return context

    def form_valid(self, form):
        answers = dict(_answers(self.request))
        answers.update(form.cleaned_data)
        answers["_done"] = sorted(set(answers.get("_done", [])) | {self.step.slug})
        self.request.session[SESSION_KEY] = answers
        return redirect(_next_step_url(answers, self.step.slug))


class HelpRequestCheckView(AccessPolicyMixin, TemplateView):
    access_policy = PUBLIC
    template_name = "frontdoor/help_request_check.html"

    def load_objects(self, request, *args, **kwargs):
        missing = _missing_steps(_answers(request))
        if missing:
            return redirect("frontdoor:help-request-step", slug=missing[0].slug)
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        answers = _answers(self.request)
        last = [step for step in STEPS if step.applies(answers)][-1]
        context.update(
            answers=answers,
            for_self=answers.get("who_for") == "myself",
            at_risk=answers.get("at_risk") == "yes",
            emergency_phone=EMERGENCY_PHONE,
            back_url=reverse("frontdoor:help-request-step", args=[last.slug]),
        )
        return context

    def post(self, request, *args, **kwargs):
        answers = _answers(request)
        try:
            contact = services.help_request_submit(help_request=_help_request_from(answers), actor=request.user)
        except ApplicationError as error:
            step = STEP_OF_FIELD.get(error.field or "")
            context = self.get_context_data(
                problem=error.message,
                problem_url=reverse("frontdoor:help-request-step", args=[step]) if step else "",
            )
            return self.render_to_response(context)
        request.session.pop(SESSION_KEY, None)
        request.session[SENT_SESSION_KEY] = {"reference": contact.reference, "urgent": contact.urgent}
        return redirect("frontdoor:help-request-sent")


class HelpRequestSentView(AccessPolicyMixin, TemplateView):
    access_policy = PUBLIC
    template_name = "frontdoor/help_request_sent.html"

    def load_objects(self, request, *args, **kwargs):
        if not request.session.get(SENT_SESSION_KEY):
            return redirect("frontdoor:help-request-start")
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sent = self.request.session[SENT_SESSION_KEY]
        context.update(
            reference=sent["reference"],
            urgent=sent["urgent"],
            emergency_phone=EMERGENCY_PHONE,
            reply_within=REPLY_WITHIN,
        )
        return context


# --- Advisers: the queue -----------------------------------------------------------------------

QUEUE_FILTER_LABELS = {
    "waiting": "Waiting",
    "in_progress": "In progress",
    "open": "Waiting or in progress",
    "closed": "Closed",
    "all": "All",
}


class ContactQueueView(AccessPolicyMixin, TemplateView):
    """Contacts waiting for an adviser: urgent first, then the longest waiting."""

    access_policy = FRONT_DOOR
    template_name = "frontdoor/contact_queue.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        status = self.request.GET.get("status", "waiting")
        if status not in QUEUE_FILTERS:
            status = "waiting"
        page = Paginator(contact_queue(actor=user, status=status), QUEUE_PAGE_SIZE).get_page(
            self.request.GET.get("page")
        )
        counts = queue_counts(actor=user)
        context.update(
            status=status,
            status_label=QUEUE_FILTER_LABELS[status],
            filters=[
                {"value": value, "label": label, "count": counts[value], "selected": value == status}
                for value, label in QUEUE_FILTER_LABELS.items()
            ],
            page=page,
            rows=queue_rows(contacts=page.object_list),
            can_record=permissions.can_record(user),
        )
        return context


# --- Advisers: recording a contact -------------------------------------------------------------

NEW_PERSON_FIELD = {
    "legal_given_name": "given_name",
    "legal_family_name": "family_name",
    "date_of_birth": "date_of_birth",
    "postcode": "postcode",
}


def _new_person_details(form) -> PersonDetails:
    data = form.cleaned_data
    return PersonDetails(
        legal_given_name=data["given_name"],
        legal_family_name=data["family_name"],
        date_of_birth=data["date_of_birth"],
        postcode=data["postcode"],
    )


def _add_error(error: ApplicationError, *candidates) -> None:
    """Put a service's message on the field it names, in the first form that has it, or on the first form."""
    for form in candidates:
        name = NEW_PERSON_FIELD.get(error.field or "") if isinstance(form, forms.NewPersonForm) else error.field
        if name and name in form.fields:
            form.add_error(name, error.message)
            return
    candidates[0].add_error(None, error.message)


def _has_errors(*candidates) -> bool:
    return any(form is not None and form.is_bound and form.errors for form in candidates)


def _person_search(request, form) -> tuple[list, list]:
    """The records found by a person search form, split into those the user can link now and the
    others (which must be opened break-glass first)."""
    if not form.is_bound or not form.is_valid():
        return [], []
    data = form.cleaned_data
    criteria = SearchCriteria(
        name=data["name"], date_of_birth=data["date_of_birth"], nhs_number=data["nhs_number"], postcode=data["postcode"]
    )
    results = person_search(actor=request.user, criteria=criteria)
    return [r.person for r in results if r.visible], [r.person for r in results if not r.visible]


def _searched(data, prefix: str) -> bool:
    return any(value.strip() for key, value in data.items() if key.startswith(prefix))


class ContactCreateView(AccessPolicyMixin, TemplateView):
    """Record a contact on one page. The two search buttons redraw the page with what they found and
    keep everything typed; only "Save contact" saves. Works without JavaScript."""

    access_policy = ADVISERS
    template_name = "frontdoor/contact_create.html"

    def get(self, request, *args, **kwargs):
        return self.render_to_response(
            self.get_context_data(
                form=forms.ContactRecordForm(),
                new_person_form=forms.NewPersonForm(prefix="new"),
                search_form=PersonSearchForm(prefix="search"),
                directory_form=forms.DirectorySearchForm(),
            )
        )

    def post(self, request, *args, **kwargs):
        data = request.POST
        action = data.get("action", "find-person")
        search_form = PersonSearchForm(data, prefix="search") if _searched(data, "search-") else None
        if action == "find-person" and search_form is None:
            search_form = PersonSearchForm(data, prefix="search")
        linkable, others = _person_search(request, search_form) if search_form is not None else ([], [])
        directory_form = forms.DirectorySearchForm(data)
        found = (
            signposting_search(words=directory_form.cleaned_data["service_words"]) if directory_form.is_valid() else []
        )
        ticked = published_services_by_ids(service_ids=data.getlist("services"))
        choices = ticked + [service for service in found if service not in ticked]
        form = forms.ContactRecordForm(data, people=linkable, services=choices)
        new_person_form = forms.NewPersonForm(data, prefix="new")
        context = {
            "form": form,
            "new_person_form": new_person_form,
            "search_form": search_form or PersonSearchForm(prefix="search"),
            "directory_form": directory_form,
            "people_found": linkable,
            "people_elsewhere": others,
            "searched_people": search_form is not None and search_form.is_valid(),
            "services_found": found,
            "searched_services": bool(directory_form.is_valid() and directory_form.cleaned_data["service_words"]),
        }
        if action != "save":
            without_errors = [form, new_person_form]
            if action != "find-person" and search_form is not None:
                without_errors.append(search_form)
            if action != "find-services":
                without_errors.append(directory_form)
            for quiet in without_errors:
                forms.without_errors(quiet)
            return self.render_to_response(self.get_context_data(**context))
        if search_form is not None:
            forms.without_errors(search_form)
        forms.without_errors(directory_form)
        about = data.get("about")
        new_person_ok = new_person_form.is_valid() if about == About.NEW_PERSON else True
        if about != About.NEW_PERSON:
            forms.without_errors(new_person_form)
        if not (form.is_valid() and new_person_ok):
            return self.render_to_response(self.get_context_data(**context))
        try:
            contact = services.contact_record(actor=request.user, details=self._details(form, new_person_form))
        except PossibleDuplicates as error:
            context["duplicates"] = error.candidates
            return self.render_to_response(self.get_context_data(**context))
        except ApplicationError as error:
            _add_error(error, form, new_person_form)
            return self.render_to_response(self.get_context_data(**context))
        messages.success(request, f"Contact {contact.reference} recorded")
        return redirect("frontdoor:contact-detail", contact_id=contact.pk)

    def _details(self, form, new_person_form) -> services.ContactDetails:
        data = form.cleaned_data
        about = data["about"]
        person = None
        if about == About.EXISTING_PERSON:
            person = person_get_for_actor(actor=self.request.user, person_id=data["person"])
        return services.ContactDetails(
            channel=data["channel"],
            about=about,
            reason=data["reason"],
            person=person,
            new_person=_new_person_details(new_person_form) if about == About.NEW_PERSON else None,
            confirmed_not_duplicate=bool(
                about == About.NEW_PERSON and new_person_form.cleaned_data.get("confirm_not_duplicate")
            ),
            enquirer=services.Enquirer(
                name=data["enquirer_name"],
                relationship=data["enquirer_relationship"],
                phone=data["enquirer_phone"],
                email=data["enquirer_email"],
                is_subject=data["enquirer_is_subject"],
            ),
            advice_given=data["advice_given"],
            service_ids=tuple(data["services"]),
            outcome=data["outcome"],
            urgent=data["urgent"],
            close=data["close"] == "yes",
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["has_errors"] = _has_errors(
            context.get("form"),
            context.get("new_person_form"),
            context.get("search_form"),
            context.get("directory_form"),
        )
        return context


# --- Advisers: one contact ---------------------------------------------------------------------


class _ContactMixin:
    """Pages about one contact: found only among the contacts the user may see (else 404)."""

    def load_objects(self, request, *args, **kwargs):
        self.contact = contact_get_for_actor(actor=request.user, contact_id=kwargs["contact_id"])
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["contact"] = self.contact
        return context


class ContactDetailView(_ContactMixin, AccessPolicyMixin, TemplateView):
    access_policy = FRONT_DOOR
    template_name = "frontdoor/contact_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, contact = self.request.user, self.contact
        if contact.person_id:
            # The page shows who the person is and why they got in touch: a read of their record.
            people_services.person_record_view(actor=user, person=contact.person, page=self.request.path)
        context.update(
            services=contact.signposted_services.select_related("organization").order_by("name"),
            history=contact_status_history(contact=contact),
            waiting=(
                waiting_in_words(timezone.now() - contact.received_at) if contact.status != ContactStatus.CLOSED else ""
            ),
            can_change=permissions.can_change(user, contact),
        )
        return context


_MOVE_LABELS = {
    (ContactStatus.WAITING, ContactStatus.IN_PROGRESS): "Pick it up: I am working on it",
    (ContactStatus.WAITING, ContactStatus.CLOSED): "Close it: the front door's work is done",
    (ContactStatus.IN_PROGRESS, ContactStatus.WAITING): "Put it back in the queue for another adviser",
    (ContactStatus.IN_PROGRESS, ContactStatus.CLOSED): "Close it: the front door's work is done",
    (ContactStatus.CLOSED, ContactStatus.IN_PROGRESS): "Reopen it: there is more to do",
}


class ContactStatusView(_ContactMixin, AccessPolicyMixin, FormView):
    access_policy = ADVISERS
    template_name = "frontdoor/contact_status.html"
    form_class = forms.ContactStatusForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        current = self.contact.status
        kwargs["moves"] = [
            (target, _MOVE_LABELS[(current, target)])
            for target in ContactStatus.values
            if target in ALLOWED_MOVES[current]
        ]
        return kwargs

    def form_valid(self, form):
        try:
            contact = services.contact_transition(
                actor=self.request.user,
                contact=self.contact,
                to_status=form.cleaned_data["to_status"],
                reason=form.cleaned_data["reason"],
            )
        except ApplicationError as error:
            _add_error(error, form)
            return self.form_invalid(form)
        messages.success(self.request, f"Status changed to {contact.get_status_display().lower()}")
        return redirect("frontdoor:contact-detail", contact_id=contact.pk)


class ContactAdviceView(_ContactMixin, AccessPolicyMixin, FormView):
    access_policy = ADVISERS
    template_name = "frontdoor/contact_advice.html"
    form_class = forms.ContactAdviceForm

    def get_initial(self):
        return {"advice_given": self.contact.advice_given, "outcome": self.contact.outcome}

    def form_valid(self, form):
        try:
            services.contact_record_advice(
                actor=self.request.user,
                contact=self.contact,
                advice_given=form.cleaned_data["advice_given"],
                outcome=form.cleaned_data["outcome"],
            )
        except ApplicationError as error:
            _add_error(error, form)
            return self.form_invalid(form)
        messages.success(self.request, "Advice and outcome saved")
        return redirect("frontdoor:contact-detail", contact_id=self.contact.pk)


class ContactSignpostView(_ContactMixin, AccessPolicyMixin, TemplateView):
    """Search the directory (GET) and tick services to add (POST to the same address)."""

    access_policy = ADVISERS
    template_name = "frontdoor/contact_signpost.html"

    def _found(self):
        directory_form = forms.DirectorySearchForm(self.request.GET or None)
        words = directory_form.cleaned_data["service_words"] if directory_form.is_valid() else ""
        return directory_form, signposting_search(words=words) if words else [], bool(words)

    def get(self, request, *args, **kwargs):
        directory_form, found, searched = self._found()
        form = forms.SignpostForm(services=found)
        return self.render_to_response(
            self.get_context_data(form=form, directory_form=directory_form, found=found, searched=searched)
        )

    def post(self, request, *args, **kwargs):
        directory_form, found, searched = self._found()
        form = forms.SignpostForm(request.POST, services=found)
        if form.is_valid():
            try:
                services.contact_signpost(
                    actor=request.user, contact=self.contact, service_ids=form.cleaned_data["services"]
                )
            except ApplicationError as error:
                _add_error(error, form)
            else:
                messages.success(request, "Signposting added")
                return redirect("frontdoor:contact-detail", contact_id=self.contact.pk)
        return self.render_to_response(
            self.get_context_data(form=form, directory_form=directory_form, found=found, searched=searched)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["already"] = self.contact.signposted_services.order_by("name")
        return context


class ContactPersonView(_ContactMixin, AccessPolicyMixin, TemplateView):
    """Link the contact to a person's record: search (GET), then link one you can see, or make a new one."""

    access_policy = ADVISERS
    template_name = "frontdoor/contact_person.html"

    def _search(self):
        search_form = PersonSearchForm(self.request.GET or None)
        linkable, others = _person_search(self.request, search_form)
        return search_form, linkable, others

    def _initial_new_person(self) -> dict:
        words = self.contact.subject_name.split()
        if len(words) < 2:
            return {"given_name": " ".join(words)}
        return {"given_name": " ".join(words[:-1]), "family_name": words[-1]}

    def get(self, request, *args, **kwargs):
        return self.render_to_response(
            self.get_context_data(new_person_form=forms.NewPersonForm(prefix="new", initial=self._initial_new_person()))
        )

    def post(self, request, *args, **kwargs):
        user = request.user
        if request.POST.get("action") == "link":
            link_form = forms.LinkExistingPersonForm(request.POST)
            if not link_form.is_valid():
                raise Http404("No person chosen.")
            person = person_get_for_actor(actor=user, person_id=link_form.cleaned_data["person"])
            try:
                services.contact_link_person(actor=user, contact=self.contact, person=person)
            except ApplicationError as error:
                return self.render_to_response(
                    self.get_context_data(problem=error.message, new_person_form=forms.NewPersonForm(prefix="new"))
                )
            messages.success(request, f"Linked to {person.full_name}'s record")
            return redirect("frontdoor:contact-detail", contact_id=self.contact.pk)
        new_person_form = forms.NewPersonForm(request.POST, prefix="new")
        if new_person_form.is_valid():
            try:
                contact = services.contact_link_new_person(
                    actor=user,
                    contact=self.contact,
                    details=_new_person_details(new_person_form),
                    confirmed_not_duplicate=new_person_form.cleaned_data["confirm_not_duplicate"],
                )
            except PossibleDuplicates as error:
                return self.render_to_response(
                    self.get_context_data(new_person_form=new_person_form, duplicates=error.candidates)
                )
            except ApplicationError as error:
                _add_error(error, new_person_form)
            else:
                messages.success(request, f"Record created for {contact.person.full_name} and linked")
                return redirect("frontdoor:contact-detail", contact_id=contact.pk)
        return self.render_to_response(self.get_context_data(new_person_form=new_person_form))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        search_form, linkable, others = self._search()
        context.update(
            search_form=search_form,
            people_found=linkable,
            people_elsewhere=others,
            searched=search_form.is_bound and search_form.is_valid(),
            can_create_person=permissions.can_create_person(self.request.user),
        )
        return context
