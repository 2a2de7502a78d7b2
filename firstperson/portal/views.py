"""The resident face: creating an account, my account, a record, and who has looked at it."""

import datetime
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import FormView, TemplateView

from firstperson.people import services as people_services
from firstperson.people.models import Person
from firstperson.people.selectors import (
    active_representation,
    people_represented_by,
    person_get_for_actor,
    person_of_account,
    relationships_of,
)
from firstperson.platform.access.policies import PUBLIC, for_roles
from firstperson.platform.access.views import AccessPolicyMixin
from firstperson.platform.accounts import services as account_services
from firstperson.platform.accounts.roles import RESIDENT_FACE_ROLES, Role
from firstperson.platform.audit.selectors import audit_views_of_person
from firstperson.platform.exceptions import ApplicationError

from . import forms

RESIDENTS = for_roles(RESIDENT_FACE_ROLES, "Residents and representatives")
SESSION_KEY = "registration"


@dataclass(frozen=True)
class RegistrationStep:
    slug: str
    form_class: type
    title: str
    label_as_heading: str = ""  # the field whose label is the page's heading, if one field

    def applies(self, answers: dict) -> bool:
        if self.slug == "account-code":
            return answers.get("has_code") == "yes"
        if self.slug == "postcode":
            return answers.get("has_code") == "no"
        return True


STEPS = [
    RegistrationStep("name", forms.NameForm, "What is your name?"),
    RegistrationStep("date-of-birth", forms.DateOfBirthForm, "What is your date of birth?"),
    RegistrationStep(
        "has-account-code",
        forms.HasAccountCodeForm,
        "Do you have an account code from a letter we sent you?",
        label_as_heading="has_code",
    ),
    RegistrationStep(
        "account-code", forms.AccountCodeForm, "What is your account code?", label_as_heading="access_code"
    ),
    RegistrationStep("postcode", forms.PostcodeForm, "What is your postcode?", label_as_heading="postcode"),
    RegistrationStep("email", forms.EmailForm, "What is your email address?", label_as_heading="email"),
    RegistrationStep("password", forms.PasswordForm, "Create a password"),
]
STEP_BY_SLUG = {step.slug: step for step in STEPS}


def _answers(request) -> dict:
    return request.session.get(SESSION_KEY, {})


def _next_step_url(answers: dict, after: str | None) -> str:
    slugs = [step.slug for step in STEPS]
    start = slugs.index(after) + 1 if after else 0
    for step in STEPS[start:]:
        if step.applies(answers) and not _step_done(step, answers):
            return reverse("portal:register-step", args=[step.slug])
    return reverse("portal:register-check")


def _step_done(step: RegistrationStep, answers: dict) -> bool:
    return step.slug in answers.get("_done", [])


class RegisterStartView(AccessPolicyMixin, TemplateView):
    access_policy = PUBLIC
    template_name = "portal/register_start.html"

    def post(self, request, *args, **kwargs):
        request.session[SESSION_KEY] = {}
        return redirect("portal:register-step", slug=STEPS[0].slug)


class RegisterStepView(AccessPolicyMixin, FormView):
    """One question of registration. Answers are kept in the session until the person confirms."""

    access_policy = PUBLIC
    template_name = "portal/register_step.html"

    def load_objects(self, request, *args, **kwargs):
        self.step = STEP_BY_SLUG.get(kwargs["slug"])
        if self.step is None:
            raise Http404("No such question.")
        if request.user.is_authenticated:
            return redirect("ui:home")
        return None

    def get_form_class(self):
        return self.step.form_class

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.step.slug == "password":
            answers = _answers(self.request)
            kwargs["user_for_similarity"] = account_services.unsaved_resident(
                email=answers.get("email", ""),
                first_name=answers.get("first_name", ""),
                last_name=answers.get("last_name", ""),
            )
        return kwargs

    def get_initial(self):
        answers = _answers(self.request)
        initial = {key: value for key, value in answers.items() if not key.startswith("_") and key != "password_hash"}
        if "date_of_birth" in initial:
            initial["date_of_birth"] = datetime.date.fromisoformat(initial["date_of_birth"])
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        index = [step.slug for step in STEPS].index(self.step.slug)
        previous = next((s for s in reversed(STEPS[:index]) if s.applies(_answers(self.request))), None)
        context.update(
            step=self.step,
            back_url=reverse("portal:register-step", args=[previous.slug]) if previous else reverse("portal:register"),
        )
        return context

    def form_valid(self, form):
        answers = dict(_answers(self.request))
        data = dict(form.cleaned_data)
        if self.step.slug == "account-code":
            try:
                people_services.person_find_by_access_code(
                    access_code=data["access_code"],
                    date_of_birth=datetime.date.fromisoformat(answers.get("date_of_birth", "1900-01-01")),
                )
            except ApplicationError as error:
                form.add_error("access_code", error.message)
                return self.form_invalid(form)
        if self.step.slug == "password":
            data = {"password_hash": make_password(data["password"])}
        for key, value in data.items():
            answers[key] = value.isoformat() if isinstance(value, datetime.date) else value
        answers["_done"] = sorted(set(answers.get("_done", [])) | {self.step.slug})
        self.request.session[SESSION_KEY] = answers
        # The next question not yet answered, or the check page: so a change goes straight back there.
        return redirect(_next_step_url(answers, self.step.slug))


class RegisterCheckView(AccessPolicyMixin, TemplateView):
    access_policy = PUBLIC
    template_name = "portal/register_check.html"

    def load_objects(self, request, *args, **kwargs):
        answers = _answers(request)
        missing = [step for step in STEPS if step.applies(answers) and not _step_done(step, answers)]
        if missing:
            return redirect("portal:register-step", slug=missing[0].slug)
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        answers = _answers(self.request)
        context["answers"] = answers
        context["date_of_birth"] = datetime.date.fromisoformat(answers["date_of_birth"])
        return context

    def post(self, request, *args, **kwargs):
        answers = _answers(request)
        date_of_birth = datetime.date.fromisoformat(answers["date_of_birth"])
        try:
            with transaction.atomic():
                user = account_services.resident_register(
                    email=answers["email"],
                    password_hash=answers["password_hash"],
                    first_name=answers["first_name"],
                    last_name=answers["last_name"],
                )
                if answers.get("has_code") == "yes":
                    people_services.person_link_account(
                        user=user, access_code=answers["access_code"], date_of_birth=date_of_birth
                    )
                else:
                    people_services.person_create_for_new_account(
                        user=user, date_of_birth=date_of_birth, postcode=answers["postcode"]
                    )
        except ApplicationError as error:
            context = self.get_context_data(problem=error.message)
            return self.render_to_response(context)
        request.session[SESSION_KEY] = {"email": answers["email"]}
        return redirect("portal:register-sent")


class RegisterSentView(AccessPolicyMixin, TemplateView):
    access_policy = PUBLIC
    template_name = "portal/register_sent.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["email"] = _answers(self.request).get("email", "")
        return context


class RegisterVerifyView(AccessPolicyMixin, TemplateView):
    access_policy = PUBLIC
    template_name = "portal/register_verified.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            account_services.user_verify_email(token=kwargs["token"])
        except ApplicationError as error:
            context["problem"] = error.message
        return context


class MyAccountView(AccessPolicyMixin, TemplateView):
    access_policy = RESIDENTS
    template_name = "portal/my_account.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        own = person_of_account(user=user)
        if own is not None:
            people_services.person_record_view(actor=user, person=own, page=self.request.path)
        context.update(person=own, represented=people_represented_by(user=user))
        return context


class RepresentedPersonView(AccessPolicyMixin, TemplateView):
    """The record of someone the signed-in person represents (or their own)."""

    access_policy = RESIDENTS
    template_name = "portal/person_record.html"

    def load_objects(self, request, *args, **kwargs):
        self.person = person_get_for_actor(actor=request.user, person_id=kwargs["person_id"])
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        person = self.person
        people_services.person_record_view(actor=user, person=person, page=self.request.path)
        context.update(
            person=person,
            is_self=person.account_id == user.pk,
            representation=active_representation(user=user, person=person),
            relationships=relationships_of(person=person),
        )
        return context


@dataclass(frozen=True)
class LookedEntry:
    when: datetime.datetime
    who: str
    outside_team: bool


_ROLE_PHRASES = {
    Role.PRACTITIONER: "A practitioner",
    Role.TEAM_MANAGER: "A team manager",
    Role.PANEL_MEMBER: "A member of the funding panel",
    Role.FINANCE_OFFICER: "A finance officer",
    Role.PROVIDER: "Your care provider",
    Role.PERSONAL_ASSISTANT: "Your personal assistant",
    Role.BROKER: "Your broker",
}


def _looked_entries(person: Person, viewer) -> list[LookedEntry]:
    entries = []
    for event in audit_views_of_person(person_id=person.pk).select_related("actor")[:500]:
        if event.actor_id == person.account_id and event.actor_id is not None:
            continue  # the person's own looks are not news to them
        if event.actor_role in RESIDENT_FACE_ROLES:
            name = event.actor.display_name if event.actor else "Someone"
            who = "You, acting for them" if event.actor_id == viewer.pk else f"{name}, who acts for you"
        else:
            who = _ROLE_PHRASES.get(event.actor_role, "A member of staff")
            if event.actor_team:
                who += f" in the {event.actor_team}"
        entries.append(LookedEntry(when=event.occurred_at, who=who, outside_team=bool(event.break_glass_reason)))
    return entries


class WhoHasLookedView(AccessPolicyMixin, TemplateView):
    """Who has looked at my record (or the record of someone I act for), in plain English."""

    access_policy = RESIDENTS
    template_name = "portal/who_has_looked.html"

    def load_objects(self, request, *args, **kwargs):
        if "person_id" in kwargs:
            self.person = person_get_for_actor(actor=request.user, person_id=kwargs["person_id"])
        else:
            self.person = person_of_account(user=request.user)
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        person = self.person
        if "person_id" in kwargs:
            people_services.person_record_view(actor=user, person=person, page=self.request.path)
        context["person"] = person
        context["is_self"] = person is not None and person.account_id == user.pk
        context["entries"] = _looked_entries(person, user) if person else []
        return context
