from django.db import models


class Postcode(models.Model):
    """A postcode's centre, from the ONS Postcode Directory (or synthetic, for the demo council)."""

    postcode = models.CharField(max_length=8, primary_key=True)
    latitude = models.FloatField()
    longitude = models.FloatField()

    def __str__(self) -> str:
        return self.postcode
