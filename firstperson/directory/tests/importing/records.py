"""ORUK records to import, built the way a real feed writes them: fully nested services."""

import copy
import uuid

CATEGORY_TAXONOMY_ID = "5d0f3c0e-6a1b-4c55-9c0e-2f3b5a7c9d01"
CARERS_TERM_ID = str(uuid.uuid5(uuid.UUID(CATEGORY_TAXONOMY_ID), "carers-support"))


def new_id() -> str:
    return str(uuid.uuid4())


def oruk_service(name="Westshire Carers Hub", *, postcode="WS1 4FG", phone="01632 960123", email=None, **fields):
    """A fully nested ORUK service with every kind of child record, each with fresh ids."""
    organization_id = fields.pop("organization_id", None) or new_id()
    service_id = fields.pop("id", None) or new_id()
    location_id = new_id()
    sal_id = new_id()
    contact_id = new_id()
    record = {
        "id": service_id,
        "organization_id": organization_id,
        "name": name,
        "description": "<p>Support and <strong>breaks</strong> for unpaid carers.</p>",
        "url": f"https://example.org/{name.lower().replace(' ', '-')}",
        "email": email or f"{name.lower().replace(' ', '.')}@example.org",
        "status": "active",
        "fees": "Free",
        "minimum_age": 18,
        "maximum_age": 120,
        "assured_date": "2025-01-31",
        "organization": {
            "id": organization_id,
            "name": f"{name} Trust",
            "description": "A local charity.",
            "website": "https://example.org/",
            "organization_identifiers": [
                {
                    "id": new_id(),
                    "identifier_scheme": "GB-CHC",
                    "identifier_type": "Charity number",
                    "identifier": "1234567",
                }
            ],
        },
        "schedules": [
            {"id": new_id(), "freq": "WEEKLY", "byday": "MO,WE", "opens_at": "10:00", "closes_at": "14:00:00"}
        ],
        "service_areas": [
            {"id": new_id(), "name": "Westshire", "extent": "WS1 WS2", "extent_type": "postcode_prefixes"}
        ],
        "service_at_locations": [
            {
                "id": sal_id,
                "location_id": location_id,
                "location": {
                    "id": location_id,
                    "location_type": "physical",
                    "name": f"{name} centre",
                    "latitude": 52.586,
                    "longitude": -1.982,
                    "addresses": [
                        {
                            "id": new_id(),
                            "address_1": "1 High Street",
                            "city": "Westbury",
                            "state_province": "Westshire",
                            "postal_code": postcode,
                            "country": "GB",
                            "address_type": "physical",
                        }
                    ],
                    "accessibility": [{"id": new_id(), "description": "Step-free entrance and accessible toilet"}],
                },
            }
        ],
        "languages": [{"id": new_id(), "name": "Polish", "code": "pl"}],
        "funding": [{"id": new_id(), "source": "Westshire Council"}],
        "cost_options": [{"id": new_id(), "option": "Per session", "amount": 2.5, "amount_description": "Tea"}],
        "contacts": [
            {
                "id": contact_id,
                "name": "Enquiries",
                "title": "Coordinator",
                "phones": [{"id": new_id(), "contact_id": contact_id, "number": phone}],
            }
        ],
        "phones": [],
        "attributes": [
            {
                "id": new_id(),
                "link_id": service_id,
                "link_type": "service",
                "taxonomy_term_id": CARERS_TERM_ID,
                "taxonomy_term": {
                    "id": CARERS_TERM_ID,
                    "name": "Support for carers",
                    "description": "Help, breaks and groups for people who look after someone",
                    "taxonomy": "Council service categories",
                    "taxonomy_id": CATEGORY_TAXONOMY_ID,
                },
            }
        ],
    }
    record.update(fields)
    return copy.deepcopy(record)
