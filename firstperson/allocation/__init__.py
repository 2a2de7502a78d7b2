"""Allocation: Resource Allocation System configurations (versioned, effective-dated), indicative
budgets with the steps that explain them, and moderation. (Calibration, what-if modelling and bulk
recalculation are still to come: see the issue notes.)

May call: platform, people, assessment.
"""
