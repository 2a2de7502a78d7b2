"""Allocation: Resource Allocation System configurations (versioned, effective-dated), indicative
budgets with the steps that explain them, moderation, calibration and what-if modelling.

May call: platform, people, assessment.
"""
