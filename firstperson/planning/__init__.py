"""Planning: support plans (outcomes, how each is met and what it costs, risks, contingency, how the
budget is managed), the checks before a plan is sent, the decision lifecycle with financial
delegation, reconsideration, and the personal budget agreement made on approval.

May call: allocation (the indicative budget), charging (the person's contribution), assessment (the
eligible outcomes), directory (community services), people and platform.
"""
