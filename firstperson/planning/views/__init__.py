"""Pages of the planning app. See urls_plans.py, urls_resident.py and urls.py."""
