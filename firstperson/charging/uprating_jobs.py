"""The charging app's background jobs, registered with platform/jobs when the app is ready.

charging.uprate   the yearly uprating: propose every current contribution again under next
                  year's figures from 1 April (services/uprating.py); key "charging.uprate:<set id>"
"""

from firstperson.platform.jobs.services import register

from .services.uprating import uprating_handler

register(uprating_handler())
