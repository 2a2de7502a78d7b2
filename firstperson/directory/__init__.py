"""Directory: the council's service directory, on the Open Referral UK (HSDS 3.0) model.

Owns organisations, services, locations and their details; taxonomies; the search index and
synonyms (postcodes and distances come from platform.geography); the editors' review workflow and quality scores;
ORUK import and export; searches that found nothing (unmet demand, no personal data).

May call: platform.
"""
