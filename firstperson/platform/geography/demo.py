"""Synthetic postcodes for the demo council (Westshire, districts WS1 to WS12).

Every postcode the demo data can produce gets a made-up centre, so that "near me" searches work
without the real ONS Postcode Directory. The coordinates are invented; they only keep districts
apart and units close to their district's centre.
"""

import hashlib

from django.db import transaction

from .models import Postcode

DISTRICTS = range(1, 13)
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
BASE_LATITUDE = 52.50
BASE_LONGITUDE = -2.20


def district_centre(district: int) -> tuple[float, float]:
    row, column = divmod(district - 1, 4)
    return BASE_LATITUDE + row * 0.06, BASE_LONGITUDE + column * 0.09


def demo_postcode_point(postcode: str) -> tuple[float, float]:
    outward, inward = postcode.split(" ")
    latitude, longitude = district_centre(int(outward[2:]))
    digest = hashlib.sha256(postcode.encode()).digest()
    # Up to about 2 km from the district's centre.
    return (
        round(latitude + (digest[0] - 128) / 128 * 0.018, 6),
        round(longitude + (digest[1] - 128) / 128 * 0.028, 6),
    )


def demo_postcodes_load() -> int:
    """Every demo postcode (12 districts x 9 sectors x 400 units), unless they are already there."""
    if Postcode.objects.filter(postcode__startswith="WS").exists():
        return 0
    rows = []
    for district in DISTRICTS:
        for sector in range(1, 10):
            for first in INWARD_LETTERS:
                for second in INWARD_LETTERS:
                    postcode = f"WS{district} {sector}{first}{second}"
                    latitude, longitude = demo_postcode_point(postcode)
                    rows.append(Postcode(postcode=postcode, latitude=latitude, longitude=longitude))
    with transaction.atomic():
        Postcode.objects.bulk_create(rows, batch_size=5000)
    return len(rows)
