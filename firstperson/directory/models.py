"""The Open Referral UK model (HSDS 3.0 UK profile), with what a council directory adds: a review
workflow status, the owning organisation, when it was last checked, a quality score, full history.

Field names follow the standard so that import and export are direct. Ids are UUIDs.
"""

import uuid

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from .choices import LocationType, RecordStatus, ScheduleFrequency, ServiceStatus


def _id():
    return models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)


class Organization(models.Model):
    id = _id()
    name = models.CharField(max_length=255)
    description = models.TextField(blank=True)
    email = models.EmailField(blank=True)
    website = models.URLField(blank=True, max_length=500)
    logo = models.URLField(blank=True, max_length=500)
    uri = models.URLField(blank=True, max_length=500)
    parent_organization = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL)
    # Council extension: people who may propose and update this organisation's services.
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="directory_organizations")
    # When its members were last reminded of stale services (services.stale_reminders_send).
    stale_reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_modified = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[])

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OrganizationIdentifier(models.Model):
    id = _id()
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="organization_identifiers")
    identifier_scheme = models.CharField(max_length=100, blank=True)
    identifier_type = models.CharField(max_length=100)
    identifier = models.CharField(max_length=100)

    def __str__(self) -> str:
        return f"{self.identifier_type}: {self.identifier}"


class Service(models.Model):
    id = _id()
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="services")
    name = models.CharField(max_length=255)
    description = models.TextField(blank=True)  # sanitised HTML (a small safe subset)
    url = models.URLField(blank=True, max_length=500)
    email = models.EmailField(blank=True)
    status = models.CharField(max_length=20, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE)
    fees = models.TextField(blank=True)
    accreditations = models.TextField(blank=True)
    minimum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    assured_date = models.DateField(null=True, blank=True)
    assurer_email = models.EmailField(blank=True)
    alert = models.TextField(blank=True)
    last_modified = models.DateTimeField(auto_now=True, db_index=True)

    # Council extensions.
    eligibility_description = models.TextField(blank=True, help_text="Who the service is for, in plain English")
    record_status = models.CharField(
        max_length=20, choices=RecordStatus.choices, default=RecordStatus.DRAFT, db_index=True
    )
    status_reason = models.TextField(blank=True)
    last_reviewed_at = models.DateTimeField(null=True, blank=True)
    quality_score = models.PositiveSmallIntegerField(default=0, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        indexes = [
            # Published lists in name order, read in order and stopped at the page; the status is in
            # the index too, so counting and sorting matches need not read the table.
            models.Index(fields=["record_status", "name", "id", "status"], name="service_published_order"),
            # Counting the public services: small, as its few distinct values are stored once each.
            models.Index(fields=["record_status", "status"], name="service_public_status"),
            # The API's age filters (minimum_age=, maximum_age=) pick few services.
            models.Index(fields=["minimum_age"], name="service_minimum_age"),
            models.Index(fields=["maximum_age"], name="service_maximum_age"),
        ]

    def __str__(self) -> str:
        return self.name


class ServiceStatusChange(models.Model):
    """One move through the review workflow: who, when, from, to, why."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=RecordStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=RecordStatus.choices)
    reason = models.TextField(blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_at"]

    def __str__(self) -> str:
        return f"{self.service} {self.from_status} -> {self.to_status}"


class ServiceRevision(models.Model):
    """A proposed change to a published service, waiting for an editor. The service stays as it was
    (and public) until the change is approved."""

    class Decision(models.TextChoices):
        WAITING = "waiting", "Waiting for review"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"

    id = _id()
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="revisions")
    proposed = models.JSONField(help_text="The proposed service fields, as ORUK JSON")
    decision = models.CharField(max_length=20, choices=Decision.choices, default=Decision.WAITING, db_index=True)
    reason = models.TextField(blank=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Change to {self.service} ({self.decision})"


class Location(models.Model):
    id = _id()
    location_type = models.CharField(max_length=10, choices=LocationType.choices, default=LocationType.PHYSICAL)
    name = models.CharField(max_length=255, blank=True)
    description = models.TextField(blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    external_identifier = models.CharField(max_length=100, blank=True)
    external_identifier_type = models.CharField(max_length=50, blank=True)
    last_modified = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        indexes = [models.Index(fields=["latitude", "longitude"], name="location_lat_lon")]

    def __str__(self) -> str:
        return self.name or str(self.id)


class Address(models.Model):
    id = _id()
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="addresses")
    attention = models.CharField(max_length=255, blank=True)
    address_1 = models.CharField(max_length=255)
    address_2 = models.CharField(max_length=255, blank=True)
    city = models.CharField(max_length=100)
    region = models.CharField(max_length=100, blank=True)
    state_province = models.CharField(max_length=100, blank=True)
    postal_code = models.CharField(max_length=10)
    country = models.CharField(max_length=2, default="GB")
    address_type = models.CharField(max_length=10, choices=LocationType.choices, default=LocationType.PHYSICAL)

    def __str__(self) -> str:
        return f"{self.address_1}, {self.city} {self.postal_code}"


class Accessibility(models.Model):
    id = _id()
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="accessibility")
    description = models.TextField(blank=True)
    details = models.TextField(blank=True)
    url = models.URLField(blank=True, max_length=500)
    # Council extension: a fact search can filter on.
    wheelchair_accessible = models.BooleanField(default=False)

    class Meta:
        verbose_name_plural = "accessibility"

    def __str__(self) -> str:
        return self.description[:60]


class ServiceAtLocation(models.Model):
    """A service at one of its locations.

    The fields after `location` are the search's own copy of facts kept elsewhere (the service's
    visibility and name, the place's coordinates, the postcodes the service covers), so that a search
    near a point reads this one table and its index, not three tables per place. They are written
    only by `services.search_copies_refresh` (through `services_reindex`) and checked by
    `selectors.search_copy_drift`; never set them by hand."""

    id = _id()
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_at_locations")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="service_at_locations")
    # The service is published and open (selectors.public_services).
    public = models.BooleanField(default=False, editable=False)
    service_name = models.CharField(max_length=255, blank=True, editable=False)
    latitude = models.FloatField(null=True, blank=True, editable=False)
    longitude = models.FloatField(null=True, blank=True, editable=False)
    # The postcode districts and areas the service's areas name, space-padded (" WS1 WS2 WS "), or
    # " * " when it covers the whole council (no service area, or one naming no postcodes).
    postcode_coverage = models.TextField(blank=True, editable=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["service", "location"], name="service_location_once")]
        indexes = [
            # From the places near a point to their services, without reading the table.
            models.Index(fields=["location", "service"], name="service_at_location_place"),
            # Public places near a point: the box, then what filtering, ordering and counting need, so
            # that a search near a point reads only the index.
            models.Index(
                fields=["latitude", "longitude", "postcode_coverage", "service_name", "id"],
                condition=models.Q(public=True),
                name="public_place_near",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service} at {self.location}"


class Schedule(models.Model):
    """When a service (or a service at one location) is open, as an iCal-style rule."""

    id = _id()
    service = models.ForeignKey(Service, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules")
    service_at_location = models.ForeignKey(
        ServiceAtLocation, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules"
    )
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    dtstart = models.DateField(null=True, blank=True)
    freq = models.CharField(max_length=10, choices=ScheduleFrequency.choices, blank=True)
    interval = models.PositiveSmallIntegerField(null=True, blank=True)
    byday = models.CharField(max_length=40, blank=True, help_text="Day codes, for example MO,WE,FR")
    bymonthday = models.CharField(max_length=40, blank=True)
    description = models.TextField(blank=True)
    opens_at = models.TimeField(null=True, blank=True)
    closes_at = models.TimeField(null=True, blank=True)
    schedule_link = models.URLField(blank=True, max_length=500)
    attending_type = models.CharField(max_length=100, blank=True)
    notes = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"{self.byday} {self.opens_at}-{self.closes_at}"


class ServiceArea(models.Model):
    id = _id()
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_areas")
    name = models.CharField(max_length=255, blank=True)
    extent = models.TextField(blank=True)
    extent_type = models.CharField(max_length=50, blank=True)
    uri = models.URLField(blank=True, max_length=500)
    service_area = models.TextField(blank=True)
    # Council extension: the postcode districts or areas covered (for example "WS1 WS2" or "WS"),
    # space-separated; empty means the whole council area.
    postcode_prefixes = models.CharField(max_length=500, blank=True)

    def __str__(self) -> str:
        return self.name or self.postcode_prefixes


class CostOption(models.Model):
    id = _id()
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="cost_options")
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    option = models.CharField(max_length=255, blank=True)
    amount = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    amount_description = models.CharField(max_length=255, blank=True)

    def __str__(self) -> str:
        return f"{self.option} {self.amount}"


class Funding(models.Model):
    id = _id()
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="funding")
    source = models.CharField(max_length=255)

    def __str__(self) -> str:
        return self.source


class Contact(models.Model):
    id = _id()
    service = models.ForeignKey(Service, null=True, blank=True, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=255, blank=True)
    title = models.CharField(max_length=255, blank=True)
    email = models.EmailField(blank=True)

    def __str__(self) -> str:
        return self.name


class Phone(models.Model):
    id = _id()
    service = models.ForeignKey(Service, null=True, blank=True, on_delete=models.CASCADE, related_name="phones")
    contact = models.ForeignKey(Contact, null=True, blank=True, on_delete=models.CASCADE, related_name="phones")
    number = models.CharField(max_length=50)
    description = models.CharField(max_length=255, blank=True)

    def __str__(self) -> str:
        return self.number


class Language(models.Model):
    id = _id()
    service = models.ForeignKey(Service, null=True, blank=True, on_delete=models.CASCADE, related_name="languages")
    phone = models.ForeignKey(Phone, null=True, blank=True, on_delete=models.CASCADE, related_name="languages")
    name = models.CharField(max_length=100, blank=True)
    code = models.CharField(max_length=10, blank=True, help_text="ISO 639 code, for example en, cy, pl")
    note = models.CharField(max_length=255, blank=True)

    def __str__(self) -> str:
        return self.name or self.code


class Taxonomy(models.Model):
    id = _id()
    name = models.CharField(max_length=255)
    description = models.TextField(blank=True)
    uri = models.URLField(blank=True, max_length=500)
    version = models.CharField(max_length=50, blank=True)

    class Meta:
        verbose_name_plural = "taxonomies"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TaxonomyTerm(models.Model):
    id = _id()
    taxonomy = models.ForeignKey(Taxonomy, null=True, blank=True, on_delete=models.CASCADE, related_name="terms")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children")
    name = models.CharField(max_length=255)
    description = models.TextField(blank=True)
    code = models.CharField(max_length=100, blank=True, help_text="ORUK `term`")
    term_uri = models.URLField(blank=True, max_length=500)
    # Council extension: a short address for browsing, like "carers-support".
    slug = models.SlugField(max_length=100, blank=True, db_index=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Attribute(models.Model):
    """Links any record (`link_type` + `link_id`) to a taxonomy term, as ORUK does. Services use it
    for their categories."""

    id = _id()
    link_id = models.UUIDField()
    link_type = models.CharField(max_length=50)
    taxonomy_term = models.ForeignKey(TaxonomyTerm, on_delete=models.CASCADE, related_name="attributes")
    value = models.CharField(max_length=255, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["link_type", "link_id"], name="attribute_link"),
            # With the linked id: a category's services come from the index alone.
            models.Index(fields=["taxonomy_term", "link_type", "link_id"], name="attribute_term_links"),
        ]

    def __str__(self) -> str:
        return f"{self.link_type} {self.link_id}: {self.taxonomy_term_id}"


class ServiceSearchTerm(models.Model):
    """The search index: one row per stemmed word of a service, weighted by where it was found (name
    counts more than description). Searches join it with the published services only. Portable
    across SQLite and PostgreSQL; rebuild with `services_reindex` after changing rules/text.py."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="search_terms")
    term = models.CharField(max_length=40)
    weight = models.PositiveSmallIntegerField()
    # Copies of the service's visibility and name (see ServiceAtLocation), so that a search by words
    # ranks, orders and counts its matches from this index alone.
    public = models.BooleanField(default=False, editable=False)
    service_name = models.CharField(max_length=255, blank=True, editable=False)

    class Meta:
        indexes = [
            models.Index(
                fields=["term", "service", "weight", "service_name"],
                condition=models.Q(public=True),
                name="public_search_term",
            )
        ]
        constraints = [models.UniqueConstraint(fields=["service", "term"], name="search_term_once")]

    def __str__(self) -> str:
        return f"{self.term} ({self.weight})"


class SearchSynonymGroup(models.Model):
    """Words people use for the same thing: a search for any of them finds all of them."""

    words = models.CharField(max_length=500, help_text="Words or short phrases, separated by commas")

    def __str__(self) -> str:
        return self.words


class PublicDirectoryCount(models.Model):
    """How many services the public sees (selectors.public_services): one row, kept exact by
    `services.search_copies_refresh` in the same transaction as each change, so that a list with no
    filters (a feed reader paging through the whole directory) need not count every service on
    every page. Checked by `selectors.search_copy_drift`."""

    services = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.services} public services"


class UnmetSearch(models.Model):
    """A search that found nothing: the words and the rough area (the postcode district), never
    who searched."""

    searched_at = models.DateTimeField(auto_now_add=True, db_index=True)
    words = models.CharField(max_length=200, blank=True)
    area = models.CharField(max_length=4, blank=True)
    category = models.CharField(max_length=100, blank=True)

    def __str__(self) -> str:
        return f"{self.words} near {self.area}"
