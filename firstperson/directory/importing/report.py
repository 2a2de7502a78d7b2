"""What an import gives back: the counts, and services that may be duplicates."""

import uuid
from dataclasses import dataclass

from ..choices import RecordStatus


@dataclass(frozen=True)
class DuplicateSuggestion:
    """Two services that may be the same one. Listed for an editor to look at; never merged."""

    first_id: uuid.UUID
    first_name: str
    second_id: uuid.UUID
    second_name: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class ImportReport:
    source: str
    record_status: str
    services_created: int
    services_updated: int
    organizations: int
    locations: int
    taxonomy_terms: int
    service_ids: tuple[uuid.UUID, ...]
    duplicates: tuple[DuplicateSuggestion, ...] = ()
    more_duplicates: bool = False
    notes: tuple[str, ...] = ()

    @property
    def services(self) -> int:
        return self.services_created + self.services_updated

    @property
    def record_status_label(self) -> str:
        return RecordStatus(self.record_status).label
