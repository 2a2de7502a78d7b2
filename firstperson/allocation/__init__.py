"""Allocation: Resource Allocation System configurations (versioned, effective-dated), indicative
budgets with the steps that explain them (worked out when a self-assessment is sent, and again on
request), moderation, calibration, what-if modelling, the equality check, and bulk recalculation
when a new configuration takes effect.

May call: platform, people, assessment.
"""
