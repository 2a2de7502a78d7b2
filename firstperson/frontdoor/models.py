"""Contacts with the council's front door, their status history and the reference counter."""

import uuid

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from firstperson.directory.models import Service
from firstperson.people.models import Person

from .choices import About, Channel, ContactStatus, Outcome


class Contact(models.Model):
    """Someone got in touch: how, about whom, why, what we advised, where we sent them, and the outcome."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    reference = models.CharField(max_length=20, unique=True, editable=False)
    received_at = models.DateTimeField(db_index=True)
    channel = models.CharField(max_length=30, choices=Channel.choices)

    about = models.CharField(max_length=20, choices=About.choices, blank=True)
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="frontdoor_contacts"
    )
    # The name we were given for the person the contact is about, before (or instead of) a record.
    subject_name = models.CharField(max_length=200, blank=True)

    enquirer_name = models.CharField(max_length=200, blank=True)
    enquirer_relationship = models.CharField(
        max_length=100, blank=True, help_text="How the enquirer knows the person, for example: wife, neighbour, GP"
    )
    enquirer_phone = models.CharField(max_length=30, blank=True)
    enquirer_email = models.EmailField(blank=True)
    enquirer_is_subject = models.BooleanField(default=False)

    reason = models.TextField()
    advice_given = models.TextField(blank=True)
    signposted_services = models.ManyToManyField(Service, blank=True, related_name="frontdoor_contacts")
    outcome = models.CharField(max_length=40, choices=Outcome.choices, blank=True)
    # Someone is at risk of harm right now: the contact goes to the top of the queue.
    urgent = models.BooleanField(default=False)

    status = models.CharField(max_length=20, choices=ContactStatus.choices, default=ContactStatus.WAITING)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["status", "urgent", "received_at"], name="contact_queue")]

    def __str__(self) -> str:
        return self.reference

    @property
    def about_name(self) -> str:
        """Who the contact is about, as staff should read it."""
        if self.person is not None:
            return self.person.full_name
        if self.subject_name:
            return self.subject_name
        return "Anonymous" if self.about == About.ANONYMOUS else "Not given"


class ContactStatusChange(models.Model):
    """One move through the contact's lifecycle: who, when, from, to, why."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=ContactStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=ContactStatus.choices)
    reason = models.TextField(blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    changed_at = models.DateTimeField()

    class Meta:
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.contact} {self.from_status or 'new'} -> {self.to_status}"


class ContactReferenceCounter(models.Model):
    """The last reference number given in a year. Locked while a contact is saved, so no two
    contacts get the same number."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"
