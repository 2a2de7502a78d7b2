"""The allocation app's background jobs, registered with platform/jobs when the app is ready.

allocation.recalculate   work out again every open assessment under a configuration that has
                         taken effect (services/recalculation.py); key "allocation.recalculate:<id>"
"""

from firstperson.platform.jobs.services import register

from .services.recalculation import recalculation_handler

register(recalculation_handler())
