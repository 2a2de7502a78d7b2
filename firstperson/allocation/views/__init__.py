"""Pages of the allocation app.

configurations  administrators author, preview, publish and retire RAS configurations (staff)
budgets         a person's indicative budget: work it out, change it with a reason, decide (staff)
resident        "How we worked out your budget", for the person and their representatives
estimate        the public "Check what support you might get" questions (no sign-in, stores nothing)
"""
